//! Issue 16: the assessment of JF and Pelaksana (KIN-01..04, STR-06, KED-09) — storage.
//!
//! The decisions are the domain's (`sikerja_domain::performance`); this module loads their
//! facts and persists what they decide, each decision in one transaction with its audit row.
//!
//! - `periods`: the agency's assessment periods ([`Store::assessment_periods`]).
//! - `open`: opening an assessment, which fixes its assessor from the placement on that day
//!   (KIN-04, KED-09); later placement changes never move it.
//! - `access`: who the actor is to an assessment (employee, assessor, superior, HR admin,
//!   note author) and the offers the domain makes them.
//! - `view`: one assessment as pages and the API show it.
//! - `decide`: rating, finalising (with the curve gate), acknowledging, objecting, deciding
//!   an objection, reopening, the follow-up.
//! - `lists`: the assessor's worklist and the employee's own assessments.
//! - `notes`: KIN-03 member reports and STR-06 recommendations.
//! - `gather`: the inputs gathered for the assessor (expectations, targets with realisation,
//!   reports, feedback, notes).
//! - `curves`: the distribution curve, the distribution and the progress per Perangkat Daerah.
//! - `export`: the rows of the e-Kinerja hand-off.
//! - `objections_due`: the pending objections the reader decides as the assessor's superior.
//! - `recommendations_due`: the STR-06 recommendations the reader writes as Administrator.
//! - `follow_ups`: the follow-ups decided in a period, for BKPSDM.
//! - `document`: the parties of the evaluation document.
//! - `stored`: row ↔ domain conversions.

mod access;
mod curves;
mod decide;
mod document;
mod export;
mod follow_ups;
mod gather;
mod lists;
mod notes;
mod objections_due;
mod open;
mod periods;
mod recommendations_due;
mod stored;
mod view;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sikerja_domain::assignment::Day;
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId};
use sikerja_domain::rules::Citation;

pub use sikerja_domain::performance::{
    AssessmentEventKind, AssessmentPeriod, AssessmentRating, AssessmentState, CurveExcess,
    CurveMode, CurvePolicy, DistributionCounts, ExpectationLevel, FollowUp, FollowUpKind, NoteKind,
    OrganisationRating, PerformanceRating, PeriodKind, PeriodPolicy,
};

pub use crate::execution::WorkRef;
pub use crate::planning::PlanningActor;
pub use document::EvaluationParties;

/// One assessment period named by its year, kind and number (the year's: number 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PeriodRef {
    pub year: u16,
    pub kind: PeriodKind,
    pub number: u8,
}

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

impl PeriodRef {
    /// The annual period of `year`.
    pub fn year(year: u16) -> PeriodRef {
        PeriodRef {
            year,
            kind: PeriodKind::Year,
            number: 1,
        }
    }

    /// The reference of a domain period.
    pub fn of(p: &AssessmentPeriod) -> PeriodRef {
        PeriodRef {
            year: p.year,
            kind: p.kind,
            number: p.number,
        }
    }

    /// "2026-q4", "2026-m11", "2026-y".
    pub fn code(&self) -> String {
        match self.kind {
            PeriodKind::Month => format!("{}-m{}", self.year, self.number),
            PeriodKind::Quarter => format!("{}-q{}", self.year, self.number),
            PeriodKind::Year => format!("{}-y", self.year),
        }
    }

    /// Reads [`PeriodRef::code`]; `None` for anything else (a month outside 1..=12, a quarter
    /// outside 1..=4, a year outside 2000..=2999).
    pub fn parse(s: &str) -> Option<Self> {
        let (year, rest) = s.trim().split_once('-')?;
        if year.len() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let year: u16 = year.parse().ok()?;
        if !(2000..=2999).contains(&year) {
            return None;
        }
        let number = |digits: &str, max: u8| -> Option<u8> {
            if digits.is_empty() || digits.len() > 2 || !digits.chars().all(|c| c.is_ascii_digit())
            {
                return None;
            }
            let n: u8 = digits.parse().ok()?;
            (1..=max).contains(&n).then_some(n)
        };
        if rest == "y" {
            return Some(PeriodRef::year(year));
        }
        if let Some(m) = rest.strip_prefix('m') {
            return Some(PeriodRef {
                year,
                kind: PeriodKind::Month,
                number: number(m, 12)?,
            });
        }
        if let Some(q) = rest.strip_prefix('q') {
            return Some(PeriodRef {
                year,
                kind: PeriodKind::Quarter,
                number: number(q, 4)?,
            });
        }
        None
    }

    /// Indonesian: "Triwulan IV 2026", "November 2026", "Tahun 2026".
    pub fn label(&self) -> String {
        match self.kind {
            PeriodKind::Month => {
                let name = MONTHS
                    .get(usize::from(self.number.saturating_sub(1)))
                    .copied()
                    .unwrap_or("?");
                format!("{name} {}", self.year)
            }
            PeriodKind::Quarter => {
                let roman = ["I", "II", "III", "IV"];
                let q = roman
                    .get(usize::from(self.number.saturating_sub(1)))
                    .copied()
                    .unwrap_or("?");
                format!("Triwulan {q} {}", self.year)
            }
            PeriodKind::Year => format!("Tahun {}", self.year),
        }
    }

    /// The domain period of this reference under `policy` (its days and window); `None` when
    /// the policy has no such period (a month under a quarterly cadence).
    pub fn period(&self, policy: &PeriodPolicy) -> Option<AssessmentPeriod> {
        sikerja_domain::performance::periods_of_year(self.year, policy)
            .ok()?
            .into_iter()
            .find(|p| p.kind == self.kind && p.number == self.number)
    }
}

/// One line of a list of assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentRow {
    /// `None`: not opened yet (no record).
    pub id: Option<i64>,
    pub employee: EmployeeId,
    pub employee_name: String,
    pub nip: String,
    pub position_name: String,
    pub department_name: String,
    pub period: PeriodRef,
    pub state: Option<AssessmentState>,
    pub performance_rating: Option<PerformanceRating>,
    /// The period window's close.
    pub due: Option<Day>,
}

/// The objection of an assessment and its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectionView {
    pub reasons: String,
    pub at: DateTime<Utc>,
    /// `Some(true)` upheld, `Some(false)` dismissed, `None` pending.
    pub upheld: Option<bool>,
    pub decision_reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<String>,
}

/// A recorded decision on an assessment, with the rating before it (KIN-04).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentEventView {
    pub id: i64,
    pub kind: AssessmentEventKind,
    pub reason: String,
    /// The rating in force before the decision.
    pub earlier_rating: Option<AssessmentRating>,
    pub earlier_performance_rating: Option<PerformanceRating>,
    pub by: String,
    pub at: DateTime<Utc>,
}

/// What the reader may do now, from the domain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AssessmentOffers {
    pub rate: bool,
    pub finalise: bool,
    pub acknowledge: bool,
    pub object: bool,
    pub decide_objection: bool,
    pub reopen: bool,
    pub follow_up: bool,
    /// STR-06: write (or rewrite) the recommendation — the recommender, until finalised.
    pub recommend: bool,
    /// Why the assessor cannot act (e.g. `assessor_vacant`), in Indonesian.
    pub refusal: Option<String>,
}

/// A result plan's indicator with its target and realisation (KIN-01).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetInput {
    /// The result plan (*rencana hasil kerja*): the parent target's indicator, or the
    /// indicator itself for a top target.
    pub result_plan: String,
    pub indicator: String,
    /// "12 dokumen".
    pub target: String,
    /// From accepted results (MEK-05): "9 dokumen (75%)"; empty when none.
    pub realisation: String,
}

/// A work report of the employee in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportInput {
    pub id: i64,
    pub title: String,
    /// The day it counts as submitted.
    pub date: Day,
    pub work: WorkRef,
    pub work_title: String,
}

/// Feedback the employee received in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackInput {
    pub author_label: String,
    pub text: String,
    pub date: DateTime<Utc>,
}

/// A member report (KIN-03) or a recommendation (STR-06).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteView {
    pub id: i64,
    pub author_label: String,
    pub work_title: Option<String>,
    pub text: String,
    pub written_at: DateTime<Utc>,
}

/// KIN-01, KIN-03, STR-06: what is gathered for the assessor.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AssessmentInputs {
    /// The expectations agreed for the year.
    pub expectations: Vec<String>,
    pub targets: Vec<TargetInput>,
    pub reports: Vec<ReportInput>,
    pub feedback: Vec<FeedbackInput>,
    /// KIN-03, from each team lead.
    pub member_reports: Vec<NoteView>,
    /// STR-06, for an Ahli Madya.
    pub recommendation: Option<NoteView>,
    /// Leads who have not written yet (labels).
    pub leads_pending: Vec<String>,
}

/// One assessment as pages and the API show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentView {
    pub id: i64,
    pub agency: AgencyId,
    pub employee: EmployeeId,
    pub employee_name: String,
    pub nip: String,
    pub position_name: String,
    pub department_name: String,
    pub period: PeriodRef,
    pub period_label: String,
    pub window: (Day, Day),
    pub state: AssessmentState,
    pub assessor_position: PositionId,
    pub assessor_position_name: String,
    /// KIN-04 / the KED-12 policy that named the assessor post.
    pub assessor_citation: Citation,
    /// Who exercises the assessor post now ("Nama (NIP …)"), if anyone.
    pub assessor_now: Option<String>,
    /// STR-06.
    pub recommender_position_name: Option<String>,
    /// Saved draft or final; `None` for a reader who may not see the rating (a note author).
    pub rating: Option<AssessmentRating>,
    pub feedback: String,
    pub performance_rating: Option<PerformanceRating>,
    /// (name, NIP, when, acting).
    pub finalised: Option<(String, String, DateTime<Utc>, bool)>,
    pub objection: Option<ObjectionView>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub follow_up: Option<FollowUp>,
    pub events: Vec<AssessmentEventView>,
    pub inputs: AssessmentInputs,
    /// What the reader may do now, from the domain.
    pub offers: AssessmentOffers,
}

/// One e-Kinerja hand-off row: per employee, result plan and indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportRow {
    pub nip: String,
    pub name: String,
    pub period: PeriodRef,
    pub result_plan: String,
    pub indicator: String,
    pub target: String,
    pub realisation: String,
    pub results_level: Option<ExpectationLevel>,
    pub behaviour_level: Option<ExpectationLevel>,
    pub performance_rating: Option<PerformanceRating>,
    pub state: AssessmentState,
    pub assessor_nip: Option<String>,
}

/// The distribution of an agency's annual ratings against its curve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DistributionView {
    pub year: u16,
    pub counts: DistributionCounts,
    /// `None`: no curve recorded for the year ("kurva belum ditetapkan").
    pub policy: Option<CurvePolicy>,
    pub excesses: Vec<CurveExcess>,
}

/// How far a Perangkat Daerah is with a period's assessments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DepartmentProgress {
    pub department: i64,
    pub name: String,
    pub employees: u32,
    pub not_opened: u32,
    pub draft: u32,
    /// Including acknowledged and decided.
    pub finalised: u32,
    pub acknowledged: u32,
    pub objected: u32,
}

/// A member report a team lead owes (or has written) for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberReportDue {
    pub member: EmployeeId,
    pub member_name: String,
    pub work: WorkRef,
    pub work_title: String,
    pub period: PeriodRef,
    pub written: Option<NoteView>,
}

/// A pending objection the reader decides as the assessor's superior (KIN-02, KIN-04).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObjectionDue {
    /// The assessment.
    pub id: i64,
    pub employee_name: String,
    pub nip: String,
    pub position_name: String,
    pub department_name: String,
    pub period: PeriodRef,
    pub assessor_position_name: String,
    pub objected_at: DateTime<Utc>,
    /// The reader also exercises the assessor post (a Plt. of both).
    pub also_assessor: bool,
}

/// An Ahli Madya's assessment whose recommendation the reader writes (STR-06).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecommendationDue {
    /// `None`: not opened yet (writing the recommendation opens it).
    pub assessment: Option<i64>,
    pub employee: EmployeeId,
    pub employee_name: String,
    pub nip: String,
    pub position_name: String,
    pub department_name: String,
    pub period: PeriodRef,
    /// The period window's close.
    pub due: Option<Day>,
    /// The recommendation written so far; `None`: due.
    pub written: Option<NoteView>,
}

/// A follow-up decided in a period (KIN-01), one per assessment and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUpLine {
    pub assessment: i64,
    pub nip: String,
    pub name: String,
    pub department_id: Option<i64>,
    pub department_name: String,
    pub period: PeriodRef,
    pub performance_rating: Option<PerformanceRating>,
    /// `None`: the follow-up names development needs only.
    pub kind: Option<FollowUpKind>,
    /// *Kebutuhan pengembangan*.
    pub development_needs: String,
    pub recorded_at: Option<DateTime<Utc>>,
    pub recorded_by: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_code_reads_back() {
        for code in ["2026-q4", "2026-m11", "2026-m1", "2026-y"] {
            let p = PeriodRef::parse(code).map(|p| p.code());
            assert_eq!(p.as_deref(), Some(code));
        }
        for bad in [
            "2026-q5", "2026-m13", "2026-m0", "26-y", "2026-x", "2026-q", "",
        ] {
            assert_eq!(PeriodRef::parse(bad), None, "{bad}");
        }
        assert_eq!(
            PeriodRef::parse("2026-q4").map(|p| p.label()).as_deref(),
            Some("Triwulan IV 2026")
        );
        assert_eq!(
            PeriodRef::parse("2026-m11").map(|p| p.label()).as_deref(),
            Some("November 2026")
        );
        assert_eq!(PeriodRef::year(2026).label(), "Tahun 2026");
    }
}
