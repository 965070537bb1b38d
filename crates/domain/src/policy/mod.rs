//! An agency's policies (issue 14 point 5): its readings of the rules `RULES.md` marks
//! INTERPRETATION and the settings its letters and reports follow, kept as dated versions.
//! Every check reads the version in force on the day of its decision ([`PolicyHistory::as_of`]);
//! an agency that never set a version has the defaults of each part, which are the
//! catalogue's.
//!
//! The parts reuse the types the checks already take: [`AgencyPolicy`] (KED-10, KED-12) for
//! placement, [`AssignmentPolicy`] (PEN-07, PEN-08) for the assignment check,
//! [`ReportPolicy`] (LAP-01, LAP-02) for reporting; [`LetterPolicy`] (DOC-05) for letters and
//! the position of the Pejabat yang Berwenang (PEN-15) for the cross-agency workflow;
//! [`PeriodPolicy`] (KIN-01) for the assessment periods.
//! `docs/organisation.md` ("Agency policies") explains each field.

mod validate;

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may panic on unexpected values
mod tests;

use serde::{Deserialize, Serialize};

use crate::assignment::{AssignmentPolicy, Day};
use crate::execution::report::ReportPolicy;
use crate::organisation::{AgencyPolicy, PositionId};
use crate::performance::PeriodPolicy;
use crate::workflow::LetterKind;

pub use validate::{
    MAX_CLASSIFICATION_CHARS, MAX_SPAN_THRESHOLD, PPPK_GOLONGAN_MAX, PolicyProblem, validate,
    validate_change,
};

/// The classification code (*kode klasifikasi arsip*) new registers of one kind of letter
/// start with (DOC-05).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Classification {
    pub kind: LetterKind,
    /// Digits in groups separated by dots, e.g. `800.1.11`.
    pub code: String,
}

/// What the agency's letters take from its policy (DOC-05).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LetterPolicy {
    /// At most one code per kind; a kind without one keeps the earlier year's register
    /// settings, else `800.1.11`.
    pub classifications: Vec<Classification>,
    /// The regional budget regulation a Keputusan cites first under *Mengingat*, with its
    /// number, e.g. "Peraturan Daerah Kabupaten Banjar Nomor 5 Tahun 2025 tentang Anggaran
    /// Pendapatan dan Belanja Daerah Tahun Anggaran 2026". `None`: the line without a number.
    pub budget_regulation: Option<String>,
}

impl LetterPolicy {
    /// The classification code the agency set for `kind`, if any.
    pub fn classification(&self, kind: LetterKind) -> Option<&str> {
        self.classifications
            .iter()
            .find(|c| c.kind == kind)
            .map(|c| c.code.as_str())
    }
}

/// All of an agency's policies at one time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyPolicies {
    /// KED-12 (who is PPK under a Pengawas) and KED-10 (span-of-control threshold).
    pub placement: AgencyPolicy,
    /// PEN-07 counting window, PEN-08 advice or enforcement within a unit, PPPK equivalent.
    pub assignment: AssignmentPolicy,
    /// PEN-15: the position of the Pejabat yang Berwenang; `None`: the Sekretaris Daerah.
    pub authority_position: Option<PositionId>,
    /// LAP-01, LAP-02: the report period, days of grace and addressees.
    pub report: ReportPolicy,
    /// DOC-05: classification codes and the budget regulation cited.
    pub letters: LetterPolicy,
    /// KIN-01: the assessment periods — cadence and the assessor's window (issue 16).
    pub assessment: PeriodPolicy,
}

/// One dated version of an agency's policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyVersion {
    /// Database identity; later versions have larger ids.
    pub id: i64,
    /// First day it is in force.
    pub effective_from: Day,
    pub policies: AgencyPolicies,
}

/// Every version an agency recorded, in any order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PolicyHistory {
    pub versions: Vec<PolicyVersion>,
}

impl PolicyHistory {
    /// The version in force on `day`: of those effective on or before it, the latest
    /// effective; of two effective the same day, the one recorded last. `None` before the
    /// first version.
    pub fn version_on(&self, day: Day) -> Option<&PolicyVersion> {
        self.versions
            .iter()
            .filter(|v| v.effective_from <= day)
            .max_by_key(|v| (v.effective_from, v.id))
    }

    /// The policies in force on `day`; the defaults when no version is in force yet.
    pub fn as_of(&self, day: Day) -> AgencyPolicies {
        self.version_on(day)
            .map(|v| v.policies.clone())
            .unwrap_or_default()
    }
}

/// A change of an agency's policies as asked: the new values, the day they take effect and
/// the legal basis or reason (an SK number and date, or why).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyChange {
    pub effective_from: Day,
    pub policies: AgencyPolicies,
    pub legal_basis: String,
}
