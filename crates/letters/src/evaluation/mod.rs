//! The employee's evaluation document (*Dokumen Evaluasi Kinerja Pegawai*; KIN-02, Pasal 18
//! ayat (2); issue 16 point 7), periodic or annual, in the layout of the national form of
//! PermenPANRB 6/2022: the period, the employee, the assessor and the assessor's superior, the
//! organisation's result, the work results with their indicators, the seven BerAKHLAK core
//! values, the two ratings, the predikat, and the assessor's signature.
//!
//! [`EvaluationDocument`] is plain data (strings, days and the domain's small enums): whoever
//! builds it (storage, from an assessment) needs nothing of this crate but the struct.
//! [`EvaluationDocument::form`] turns it into the printed texts ([`EvaluationForm`]) that both
//! renderers print, so the PDF and the DOCX carry the same text (DOC-06):
//! [`Renderer::evaluation_pdf`](crate::Renderer::evaluation_pdf) (typst,
//! `templates/evaluation.typ`) and [`Renderer::evaluation_docx`](crate::Renderer::evaluation_docx).

mod docx;
mod form;

use serde::{Deserialize, Serialize};
use sikerja_domain::assignment::Day;
use sikerja_domain::performance::{
    CoreValue, ExpectationLevel, OrganisationRating, PerformanceRating, PeriodKind,
};

pub use form::{
    EvaluationForm, IndicatorLine, PartyLine, PartyTable, ResultGroup, core_value_guidance,
};

/// The period the document evaluates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationPeriod {
    pub year: u16,
    pub kind: PeriodKind,
    /// 1-based: the month, the quarter, or 1 for the year.
    pub number: u8,
    /// The first and last day the period covers.
    pub starts: Day,
    pub ends: Day,
}

/// A person named in the document: the employee, the assessor or the assessor's superior.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationPerson {
    /// Name with titles, as given.
    pub name: String,
    /// The NIP, spaced or not (printed spaced, DOC-05); empty for a regional head.
    pub nip: String,
    /// *Pangkat/golongan ruang*, e.g. "Penata (III/c)"; empty when unknown.
    pub rank: String,
    /// *Jabatan*, e.g. "Pranata Komputer Ahli Muda" (with "Plt." for an acting assessor).
    pub position: String,
    /// *Unit kerja*.
    pub unit: String,
}

/// One indicator of a result plan, with its target and realisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationIndicator {
    /// *Indikator kinerja individu*.
    pub indicator: String,
    /// The target, e.g. "4 laporan".
    pub target: String,
    /// The realisation from the accepted results (MEK-05), e.g. "4 laporan".
    pub realisation: String,
}

/// A result plan (*rencana hasil kerja*) of the period, its indicators, and the assessor's
/// feedback on it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationResultPlan {
    pub result_plan: String,
    pub indicators: Vec<EvaluationIndicator>,
    /// *Umpan balik berkelanjutan berdasarkan bukti dukung*; empty when none.
    pub feedback: String,
}

/// One core value as the assessor rated it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationBehaviour {
    pub core_value: CoreValue,
    /// *Ekspektasi khusus pimpinan* agreed for the year; empty when none.
    pub expectation: String,
    /// The evidence the assessor wrote (the feedback on the value).
    pub evidence: String,
    pub level: Option<ExpectationLevel>,
}

/// The evaluation document of one employee for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationDocument {
    /// The government, as the form names it: "PEMERINTAH KABUPATEN BANJAR".
    pub agency: String,
    pub period: EvaluationPeriod,
    /// *Pegawai yang dinilai*.
    pub employee: EvaluationPerson,
    /// *Pejabat Penilai Kinerja*: whoever exercises (or exercised, when finalised) the fixed
    /// assessor post (KIN-04).
    pub assessor: EvaluationPerson,
    /// *Atasan Pejabat Penilai Kinerja*; `None` leaves its table out.
    pub assessor_superior: Option<EvaluationPerson>,
    /// *Capaian Kinerja Organisasi*: the organisation's predikat of the year, when recorded.
    pub organisation_rating: Option<OrganisationRating>,
    pub results: Vec<EvaluationResultPlan>,
    /// *Rating hasil kerja*; `None` while not rated.
    pub results_level: Option<ExpectationLevel>,
    /// The seven core values, in the order given (the form's order is [`CoreValue::ALL`]).
    pub behaviour: Vec<EvaluationBehaviour>,
    /// *Rating perilaku kerja* (the assessor's overall level).
    pub behaviour_level: Option<ExpectationLevel>,
    /// *Predikat kinerja pegawai* (KIN-02 matrix).
    pub performance_rating: Option<PerformanceRating>,
    /// Where and when the assessor signs: "Martapura", the day of finalising.
    pub place: String,
    pub date: Day,
}

impl EvaluationDocument {
    /// The printed texts of the document, as both renderers lay them out.
    pub fn form(&self) -> EvaluationForm {
        form::build(self)
    }

    /// Every printed text in reading order (see [`EvaluationForm::texts`]).
    pub fn texts(&self) -> Vec<String> {
        self.form().texts()
    }

    /// A file name for downloads: "evaluasi-kinerja-198801012010011001-2026-q4".
    pub fn file_stem(&self) -> String {
        let nip: String = self
            .employee
            .nip
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let period = match self.period.kind {
            PeriodKind::Month => format!("{}-m{}", self.period.year, self.period.number),
            PeriodKind::Quarter => format!("{}-q{}", self.period.year, self.period.number),
            PeriodKind::Year => format!("{}-y", self.period.year),
        };
        format!("evaluasi-kinerja-{nip}-{period}")
    }
}
