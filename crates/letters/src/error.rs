//! The one error type of the letters crate.

use std::path::PathBuf;

/// Why a letter could not be rendered, or the renderer not built.
#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    /// A typst template did not compile (a broken override, usually); names the template.
    #[error("letter template {template} failed: {message}")]
    Template { template: String, message: String },
    /// The override folder could not be read or holds something unexpected.
    #[error("letter templates in {path}: {message}")]
    TemplateFolder { path: PathBuf, message: String },
    /// An embedded font could not be read.
    #[error("embedded font {0} could not be read")]
    Font(&'static str),
    /// The typst document could not be written as PDF.
    #[error("PDF export failed: {0}")]
    Pdf(String),
    /// The DOCX package could not be written.
    #[error("DOCX export failed: {0}")]
    Docx(String),
    /// The letterhead's logo is not a PNG (or, uploaded, JPEG) image that can be read.
    #[error("the letterhead logo is not a readable image: {0}")]
    Logo(String),
    /// The verification URL does not fit in a QR code.
    #[error("QR code of the verification URL failed: {0}")]
    Qr(String),
    /// The letter could not be serialised for the template.
    #[error("letter data could not be serialised: {0}")]
    Data(#[from] serde_json::Error),
}
