//! Performance assessment pages — *Penilaian Kinerja* (issue 16; KIN-01..04, STR-06, KED-09):
//! the reader's own assessments, the assessor's worklist of a period with what is due, the
//! member reports a team lead owes (KIN-03) (`/penilaian`, [`index`]); one assessment with the
//! inputs gathered for the assessor, the rating form, finalising with the curve's warnings,
//! the employee's acknowledgement or objection, the superior's decision and reopening, the
//! follow-up and the history (`/penilaian/{id}`, [`assessment`]); the forms of both
//! ([`forms`]). Storage decides every change and offers each action through the domain
//! (`AssessmentOffers`); a page shows a form only when it is offered, and a refused form shows
//! the page again with the Indonesian reason, its rule and article.

pub mod assessment;
pub mod charts;
pub mod document;
pub mod forms;
pub mod index;

use sikerja_domain::assignment::Day;
use sikerja_domain::performance::{AssessmentPeriod, AssessmentState};
use sikerja_storage::performance::{AssessmentRow, PeriodRef};

use crate::error::WebError;

/// The CSS class of an assessment's state badge.
pub(crate) fn state_class(s: AssessmentState) -> &'static str {
    match s {
        AssessmentState::Draft => "warn",
        AssessmentState::Finalised => "",
        AssessmentState::Objected => "bad",
        AssessmentState::Acknowledged
        | AssessmentState::ObjectionUpheld
        | AssessmentState::ObjectionDismissed => "ok",
    }
}

/// A period chosen in a link or form (`2026-q4`, `2026-m11`, `2026-y`).
pub(crate) fn period_of(code: &str) -> Result<PeriodRef, WebError> {
    PeriodRef::parse(code.trim()).ok_or_else(|| {
        WebError::invalid(
            "period_invalid",
            "Periode penilaian tidak dikenal: tulis seperti 2026-q4 (triwulan), 2026-m11 (bulan) atau 2026-y (tahunan).",
        )
    })
}

/// The period whose assessments are due now: of the periods given, the latest whose window
/// has opened (its last day or later), else the earliest of them.
pub(crate) fn due_period(periods: &[AssessmentPeriod], today: Day) -> Option<PeriodRef> {
    periods
        .iter()
        .filter(|p| p.opens <= today)
        .max_by_key(|p| {
            (
                p.opens,
                p.kind == sikerja_domain::performance::PeriodKind::Year,
            )
        })
        .or_else(|| periods.iter().min_by_key(|p| p.starts))
        .map(PeriodRef::of)
}

/// One assessment as listed (my assessments, a worklist).
pub struct AssessmentLine {
    /// The assessment's page, once it is opened.
    pub href: Option<String>,
    pub employee: i64,
    pub name: String,
    pub nip: String,
    pub position: String,
    pub department: String,
    pub period: String,
    pub period_label: String,
    pub state: &'static str,
    pub state_class: &'static str,
    pub rating: Option<&'static str>,
    pub due: String,
    /// The window closed and the assessment is still a draft or not opened.
    pub overdue: bool,
}

impl AssessmentLine {
    pub fn new(r: &AssessmentRow, today: Day) -> AssessmentLine {
        let open = matches!(r.state, None | Some(AssessmentState::Draft));
        AssessmentLine {
            href: r.id.map(|id| format!("/penilaian/{id}")),
            employee: r.employee.0,
            name: r.employee_name.clone(),
            nip: r.nip.clone(),
            position: r.position_name.clone(),
            department: r.department_name.clone(),
            period: r.period.code(),
            period_label: r.period.label(),
            state: r.state.map_or("Belum dibuka", AssessmentState::label),
            state_class: r.state.map_or("", state_class),
            rating: r.performance_rating.map(|p| p.label()),
            due: r.due.map(Day::label).unwrap_or_default(),
            overdue: open && r.due.is_some_and(|d| d < today),
        }
    }
}
