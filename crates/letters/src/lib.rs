//! The letters of Sikerja (DOC-01..06): one document model, two renderers.
//!
//! A [`Letter`] is built from the domain's [`LetterContent`](sikerja_domain::workflow::LetterContent)
//! (what the workflow decided the letter says), a [`Letterhead`] (the *kop*) and
//! [`LetterOptions`] (number, verification, signing on behalf of another, and the parts of the
//! Lampiran IV formats the content lacks). The [`Renderer`] lays the same letter out as PDF
//! (typst, fonts embedded; what is signed and archived) and as DOCX (docx-rs; what officials
//! edit); both print exactly [`Letter::texts`].
//!
//! The employee's evaluation document (*Dokumen Evaluasi Kinerja Pegawai*, KIN-02) has its own
//! model, [`EvaluationDocument`], and template (`templates/evaluation.typ`), rendered by
//! [`Renderer::evaluation_pdf`] and [`Renderer::evaluation_docx`].
//!
//! ```no_run
//! # fn demo(content: &sikerja_domain::workflow::LetterContent) -> Result<(), sikerja_letters::LetterError> {
//! use sikerja_letters::{Letter, LetterOptions, Letterhead, Renderer};
//! let renderer = Renderer::new()?; // once, at start-up; Send + Sync
//! let letter = Letter::new(content, Letterhead::default(), LetterOptions::default());
//! let pdf = renderer.pdf(&letter)?;
//! let docx = renderer.docx(&letter)?;
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]

mod build;
mod docx;
mod error;
mod evaluation;
pub mod format;
mod logo;
mod model;
mod options;
mod pdf;
mod qr;
mod sample;
mod templates;

pub use error::LetterError;
pub use evaluation::{
    EvaluationBehaviour, EvaluationDocument, EvaluationForm, EvaluationIndicator, EvaluationPeriod,
    EvaluationPerson, EvaluationResultPlan, IndicatorLine, PartyLine, PartyTable, ResultGroup,
    core_value_guidance,
};
pub use logo::{MAX_LOGO_SIDE, logo_png};
pub use model::{
    Appendix, Block, COPIES_HEADING, Column, Field, Heading, Item, Letter, Letterhead, Signature,
    Table, VERIFY_SHA_LEAD, VERIFY_URL_LEAD, Verification,
};
pub use options::{LetterOptions, Official, OnBehalfOf};
pub use pdf::Renderer;
pub use templates::{Templates, default_source};

/// The QR code PNG of a verification URL (what both renderers embed).
pub fn qr_png(url: &str) -> Result<Vec<u8>, LetterError> {
    qr::png(url)
}
