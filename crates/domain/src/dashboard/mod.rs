//! Dashboards (issue 18 points 1 and 5): which dashboards a person may open and how far each
//! reaches, decided from the [`Actor`] alone. Storage aggregates within the [`DashboardScope`]
//! this module answers; pages and the API never widen it. See `docs/dashboards.md`.

use serde::{Deserialize, Serialize};

use crate::access::{Actor, GrantedRole, Role};
use crate::org::vocabulary;
use crate::organisation::{AgencyId, DepartmentId, UnitId};

mod percentile;

pub use percentile::percentile;

vocabulary! {
    /// The dashboards, in the order they are offered (`/dasbor/{code}`).
    DashboardKind {
        /// Placed vs unresolved per Perangkat Daerah; span of control against KED-10.
        Placement => "kedudukan", "Kedudukan dan rentang kendali";
        /// Agreements signed and countersigned; target realisation rolled up.
        Planning => "perencanaan", "Perencanaan kinerja";
        /// Workload per person against PEN-05/06; assignments by scope and instrument.
        Assignments => "penugasan", "Penugasan";
        /// Waiting time per workflow step and lane holder; overdue steps, nudges, escalations.
        Workflows => "alur", "Alur persetujuan";
        /// Reports on time vs late; results waiting at each reviewer; problems by age.
        Execution => "pelaksanaan", "Pelaksanaan dan reviu";
        /// Assessments done per Perangkat Daerah; the predikat distribution vs the curve.
        Performance => "kinerja", "Penilaian kinerja";
    }
}

/// How far a dashboard reaches for one viewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DashboardScope {
    /// The whole agency: the regional head, the Sekda, the BKPSDM admin (and Bagian
    /// Organisasi for the organisation dashboard).
    Agency { agency: AgencyId },
    /// Some departments (those a Kepala Unit Organisasi heads) and some units with their
    /// subtrees (those a Kepala Unit Kerja or Pejabat Pengawas heads, outside those
    /// departments). Never both empty.
    Within {
        agency: AgencyId,
        departments: Vec<DepartmentId>,
        units: Vec<UnitId>,
    },
}

impl DashboardScope {
    /// The agency the scope lies in.
    pub fn agency(&self) -> AgencyId {
        match self {
            DashboardScope::Agency { agency } | DashboardScope::Within { agency, .. } => *agency,
        }
    }

    /// The scope narrowed to one department (a filter): the department itself when the scope
    /// covers it whole, the scope's units otherwise (storage keeps only those of the
    /// department). `None` when the department is outside the scope — the caller refuses.
    /// `units_in` says which of the scope's units lie in `department`.
    pub fn narrow_to(
        &self,
        department: DepartmentId,
        units_in: impl Fn(UnitId) -> bool,
    ) -> Option<DashboardScope> {
        match self {
            DashboardScope::Agency { agency } => Some(DashboardScope::Within {
                agency: *agency,
                departments: vec![department],
                units: Vec::new(),
            }),
            DashboardScope::Within {
                agency,
                departments,
                units,
            } => {
                if departments.contains(&department) {
                    return Some(DashboardScope::Within {
                        agency: *agency,
                        departments: vec![department],
                        units: Vec::new(),
                    });
                }
                let units: Vec<UnitId> = units.iter().copied().filter(|u| units_in(*u)).collect();
                (!units.is_empty()).then_some(DashboardScope::Within {
                    agency: *agency,
                    departments: Vec::new(),
                    units,
                })
            }
        }
    }
}

/// Whether the actor sees `kind` for the whole agency.
fn agency_wide(actor: &Actor, kind: DashboardKind, agency: AgencyId) -> bool {
    actor.roles().iter().any(|r| match r {
        Role::RegionalHead { agency: a } | Role::RegionalSecretary { agency: a } => *a == agency,
        Role::Granted {
            role: GrantedRole::HrAdmin,
            agency: a,
        } => *a == agency,
        // Bagian Organisasi keeps the organisation: its dashboard, not the others.
        Role::Granted {
            role: GrantedRole::OrganisationKeeper,
            agency: a,
        } => *a == agency && kind == DashboardKind::Placement,
        _ => false,
    })
}

/// How far `kind` reaches for `actor`; `None`: the actor may not open it (403).
pub fn scope(actor: &Actor, kind: DashboardKind) -> Option<DashboardScope> {
    let agency = actor.facts().agency?;
    if agency_wide(actor, kind, agency) {
        return Some(DashboardScope::Agency { agency });
    }
    let mut departments = Vec::new();
    let mut heads_of_units = Vec::new();
    for role in actor.roles() {
        match role {
            Role::UnitOrganisationHead { department } => departments.push(*department),
            Role::UnitKerjaHead { unit, department }
            | Role::SupervisorHead { unit, department } => {
                heads_of_units.push((*unit, *department))
            }
            _ => {}
        }
    }
    departments.sort_unstable();
    departments.dedup();
    // A unit inside a department already covered whole adds nothing.
    let mut units: Vec<UnitId> = heads_of_units
        .into_iter()
        .filter(|(_, d)| !departments.contains(d))
        .map(|(u, _)| u)
        .collect();
    units.sort_unstable();
    units.dedup();
    if departments.is_empty() && units.is_empty() {
        return None;
    }
    Some(DashboardScope::Within {
        agency,
        departments,
        units,
    })
}

/// The dashboards the actor may open, in order (the `/dasbor` cards and the header link).
pub fn open_to(actor: &Actor) -> Vec<DashboardKind> {
    DashboardKind::ALL
        .iter()
        .copied()
        .filter(|k| scope(actor, *k).is_some())
        .collect()
}

#[cfg(test)]
mod tests;
