//! Placement — *kedudukan* — of every Pejabat Fungsional and Pelaksana, and their Pejabat
//! Penilai Kinerja (KED-01..12, STR-06, STR-07), as pure functions over an [`Organisation`].
//!
//! Each JF/Pelaksana gets exactly one [`Outcome`]: placed (superior, assessor, optional
//! coordinator and recommender, the rule and article applied, notes) or unresolved (the
//! reason; KED-09). The result does not depend on the order of the input.
//!
//! [`Organisation`]: crate::organisation::Organisation

mod engine;
mod index;
#[cfg(test)]
mod review_tests;
mod span;
mod status;
#[cfg(test)]
pub(crate) mod tests;

use std::collections::HashMap;

use serde::Serialize;

use crate::org::{ActingKind, PositionClass};
use crate::organisation::{EmployeeId, PositionId};
use crate::rules::Citation;

pub use engine::compute_placements;
pub use span::{SpanOfControl, span_of_control};
pub use status::PlacementStatus;

/// Someone exercising a position: its definitive holder or its acting holder (ORG-05).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Official {
    pub position: PositionId,
    pub employee: EmployeeId,
    pub class: PositionClass,
    /// `Some` when the employee acts in the position (Plt./Plh.).
    pub acting: Option<ActingKind>,
}

/// A settled placement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placement {
    pub employee: EmployeeId,
    /// Atasan langsung: the official they sit under.
    pub superior: Official,
    /// Pejabat Penilai Kinerja.
    pub assessor: Official,
    /// A Pengawas who coordinates like a team lead (KED-12 alternative, STR-07).
    pub coordinator: Option<Official>,
    /// The Administrator whose recommendation accompanies the assessment of an Ahli Madya
    /// (STR-06).
    pub recommender: Option<Official>,
    /// The rule that decided the placement and its article.
    pub citation: Citation,
    /// Set when the KED-12 policy moved the assessor away from the superior.
    pub assessor_citation: Option<Citation>,
    /// Indonesian notes for the reader, e.g. "Kepala Seksi Pelayanan kosong".
    pub notes: Vec<String>,
    /// Recorded by an official under KED-09 rather than computed.
    pub manual: bool,
}

/// A case no rule covers (KED-09): never guessed, listed with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unresolved {
    pub employee: EmployeeId,
    /// Indonesian explanation of why no rule applied.
    pub reason: String,
    pub citation: Citation,
}

/// The one outcome every JF/Pelaksana gets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    Placed(Placement),
    Unresolved(Unresolved),
}

impl Outcome {
    pub fn employee(&self) -> EmployeeId {
        match self {
            Outcome::Placed(p) => p.employee,
            Outcome::Unresolved(u) => u.employee,
        }
    }

    pub fn placed(&self) -> Option<&Placement> {
        match self {
            Outcome::Placed(p) => Some(p),
            Outcome::Unresolved(_) => None,
        }
    }
}

/// A manual placement decided by an official for an unresolved case (KED-09).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ManualDecision {
    pub superior_position: PositionId,
    pub assessor_position: PositionId,
}

/// Manual decisions keyed by employee.
pub type ManualDecisions = HashMap<EmployeeId, ManualDecision>;
