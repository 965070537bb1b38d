//! Dated changes to the organisation (issue 14; ORG-01, ORG-03..05, ORG-07, KED-11): what
//! BKPSDM and Bagian Organisasi record every week — appointments, transfers, promotions, a
//! Plt./Plh. named and ended, retirements, units created, renamed, moved, merged or closed,
//! positions added, changed or closed.
//!
//! Pure: a change is applied to an [`Organisation`] value ([`apply`]); the organisation as of a
//! day is a base snapshot with the changes effective by then replayed on it ([`as_of`]); what a
//! change does to placements and to the work whose holder is a position is compared before
//! and after ([`impact`]). Storage keeps the snapshots and the dated changes, and persists
//! what these functions decide.

mod apply;
mod impact;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

use serde::{Deserialize, Serialize};

pub use apply::{apply, apply_all};
pub use impact::{
    HeldItem, HeldItemKind, Holder, HolderShift, HoldingOutcome, Impact, PlacementShift,
    PlacementSide, ShiftKind, SideState, holder_of, impact,
};

use crate::assignment::Day;
use crate::grade::Grade;
use crate::org::{ActingKind, FunctionalLevel, PositionClass, vocabulary};
use crate::organisation::{
    AgencyId, DepartmentId, Employee, EmployeeId, Organisation, Position, PositionId, Unit, UnitId,
};

vocabulary! {
    /// Where a recorded dated change stands (issue 14 point 7): storage keeps its code.
    OrgChangeState {
        /// Recorded, waiting for its day.
        Pending => "pending", "Menunggu tanggal berlaku";
        /// Applied to today's tables.
        Applied => "applied", "Berlaku";
        /// Its day came and it no longer applied (its subject changed meanwhile): kept with
        /// the refusal for the hr_admin to record a corrected change; never dropped.
        Failed => "failed", "Gagal diberlakukan";
        /// Withdrawn before its day.
        Cancelled => "cancelled", "Dibatalkan";
    }
}

/// The legal basis of a change: the number and date of the decree (*Surat Keputusan*) that
/// made it. The regulation's documents are never called "SK" on a page (DOC-05); the field
/// holds the number as written on the decree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalBasis {
    pub number: String,
    pub date: Day,
}

/// Why someone leaves the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaveReason {
    /// Pensiun.
    Retirement,
    /// Berhenti atas permintaan sendiri.
    Resignation,
    /// Meninggal dunia.
    Death,
    /// Diberhentikan.
    Dismissal,
    /// Pindah ke instansi di luar penyelenggaraan ini.
    TransferOut,
}

impl LeaveReason {
    pub const ALL: &'static [LeaveReason] = &[
        LeaveReason::Retirement,
        LeaveReason::Resignation,
        LeaveReason::Death,
        LeaveReason::Dismissal,
        LeaveReason::TransferOut,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LeaveReason::Retirement => "retirement",
            LeaveReason::Resignation => "resignation",
            LeaveReason::Death => "death",
            LeaveReason::Dismissal => "dismissal",
            LeaveReason::TransferOut => "transfer_out",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LeaveReason::Retirement => "Pensiun",
            LeaveReason::Resignation => "Berhenti atas permintaan sendiri",
            LeaveReason::Death => "Meninggal dunia",
            LeaveReason::Dismissal => "Diberhentikan",
            LeaveReason::TransferOut => "Pindah ke luar penyelenggaraan",
        }
    }

    pub fn from_code(code: &str) -> Option<LeaveReason> {
        LeaveReason::ALL.iter().copied().find(|r| r.code() == code)
    }
}

/// One change to the organisation. Identities are those of the organisation it is applied to;
/// a unit, position or employee a change creates carries the identity storage gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OrgChange {
    /// A new employee joins an agency (CPNS/PPPK appointment or a transfer in), with or
    /// without a position.
    Hire {
        employee: Employee,
    },
    /// Appointed definitively to a position: a first appointment, a transfer between
    /// positions, units, departments or agencies, or a promotion to a higher post. The
    /// position held before, if any, becomes vacant.
    Appoint {
        employee: EmployeeId,
        position: PositionId,
    },
    /// Leaves their position and holds none (e.g. waiting for a new post).
    Vacate {
        employee: EmployeeId,
    },
    /// A new grade (kenaikan pangkat): PNS I/a … IV/e, PPPK I … XVII (ORG-07).
    SetGrade {
        employee: EmployeeId,
        grade: Grade,
    },
    /// Leaves the service; every acting post they held ends with it.
    Leave {
        employee: EmployeeId,
        reason: LeaveReason,
    },
    /// A Plt. or Plh. is named for a post (ORG-05). Ends with [`OrgChange::EndActing`], which
    /// the storage of a named period records as its own dated change.
    NameActing {
        position: PositionId,
        employee: EmployeeId,
        acting: ActingKind,
    },
    /// The Plt./Plh. of a post ends.
    EndActing {
        position: PositionId,
    },
    /// A unit is created under a parent of the same department.
    AddUnit {
        unit: Unit,
    },
    RenameUnit {
        unit: UnitId,
        name: String,
    },
    /// A unit moves under another parent of the same department (never under itself or its
    /// own descendants: the units form a tree, ORG-03).
    MoveUnit {
        unit: UnitId,
        parent: UnitId,
    },
    /// A unit's sub-units and positions move into another unit of the same department and the
    /// unit closes. A head position of the merged unit closes with it (the receiving unit keeps
    /// its own head, ORG-03): it must be vacant.
    MergeUnit {
        unit: UnitId,
        into: UnitId,
    },
    /// An empty unit closes (no sub-units, no positions).
    CloseUnit {
        unit: UnitId,
    },
    /// A position is created in a unit.
    AddPosition {
        position: Position,
    },
    /// A position's name, class or functional level changes (ORG-04).
    ChangePosition {
        position: PositionId,
        name: String,
        class: PositionClass,
        functional_level: Option<FunctionalLevel>,
    },
    /// A vacant position closes.
    ClosePosition {
        position: PositionId,
    },
}

vocabulary! {
    /// The kind of an [`OrgChange`]: its stable code (API, audit, import; the `kind` of the
    /// JSON) and its Indonesian label.
    ChangeKind {
        Hire => "hire", "Pegawai baru";
        Appoint => "appoint", "Pengangkatan dalam jabatan / mutasi";
        Vacate => "vacate", "Dibebaskan dari jabatan";
        SetGrade => "set_grade", "Kenaikan pangkat/golongan";
        Leave => "leave", "Berhenti / pensiun";
        NameActing => "name_acting", "Penunjukan Plt./Plh.";
        EndActing => "end_acting", "Berakhirnya Plt./Plh.";
        AddUnit => "add_unit", "Pembentukan unit";
        RenameUnit => "rename_unit", "Perubahan nama unit";
        MoveUnit => "move_unit", "Pemindahan unit";
        MergeUnit => "merge_unit", "Penggabungan unit";
        CloseUnit => "close_unit", "Penghapusan unit";
        AddPosition => "add_position", "Pembentukan jabatan";
        ChangePosition => "change_position", "Perubahan jabatan";
        ClosePosition => "close_position", "Penghapusan jabatan";
    }
}

impl ChangeKind {
    /// Whether a change of this kind is a staff change or a structural one.
    pub fn area(self) -> ChangeArea {
        match self {
            ChangeKind::Hire
            | ChangeKind::Appoint
            | ChangeKind::Vacate
            | ChangeKind::SetGrade
            | ChangeKind::Leave
            | ChangeKind::NameActing
            | ChangeKind::EndActing => ChangeArea::Staff,
            ChangeKind::AddUnit
            | ChangeKind::RenameUnit
            | ChangeKind::MoveUnit
            | ChangeKind::MergeUnit
            | ChangeKind::CloseUnit
            | ChangeKind::AddPosition
            | ChangeKind::ChangePosition
            | ChangeKind::ClosePosition => ChangeArea::Structure,
        }
    }
}

/// Who keeps what a change touches: BKPSDM the staff, Bagian Organisasi the units and
/// positions (see `access::Action::RecordOrgChange`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeArea {
    /// Employees: hires, appointments, grades, Plt./Plh., leaving.
    Staff,
    /// Units and positions.
    Structure,
}

impl OrgChange {
    /// Whether the change is a staff change or a structural one.
    pub fn area(&self) -> ChangeArea {
        self.kind().area()
    }

    /// The kind of the change (issue 14 point 7: pages and imports key on it, not on strings).
    pub fn kind(&self) -> ChangeKind {
        match self {
            OrgChange::Hire { .. } => ChangeKind::Hire,
            OrgChange::Appoint { .. } => ChangeKind::Appoint,
            OrgChange::Vacate { .. } => ChangeKind::Vacate,
            OrgChange::SetGrade { .. } => ChangeKind::SetGrade,
            OrgChange::Leave { .. } => ChangeKind::Leave,
            OrgChange::NameActing { .. } => ChangeKind::NameActing,
            OrgChange::EndActing { .. } => ChangeKind::EndActing,
            OrgChange::AddUnit { .. } => ChangeKind::AddUnit,
            OrgChange::RenameUnit { .. } => ChangeKind::RenameUnit,
            OrgChange::MoveUnit { .. } => ChangeKind::MoveUnit,
            OrgChange::MergeUnit { .. } => ChangeKind::MergeUnit,
            OrgChange::CloseUnit { .. } => ChangeKind::CloseUnit,
            OrgChange::AddPosition { .. } => ChangeKind::AddPosition,
            OrgChange::ChangePosition { .. } => ChangeKind::ChangePosition,
            OrgChange::ClosePosition { .. } => ChangeKind::ClosePosition,
        }
    }

    /// Stable code of the change kind (API, audit, import).
    pub fn code(&self) -> &'static str {
        self.kind().code()
    }

    /// Indonesian label of the change kind.
    pub fn label(&self) -> &'static str {
        self.kind().label()
    }

    /// The agency whose organisation the change touches, as read in `org` before it applies.
    pub fn agency(&self, org: &Organisation) -> Option<AgencyId> {
        let of_unit = |u: UnitId| {
            let unit = org.units.iter().find(|x| x.id == u)?;
            department_agency(org, unit.department)
        };
        let of_position = |p: PositionId| {
            let post = org.positions.iter().find(|x| x.id == p)?;
            of_unit(post.unit)
        };
        let of_employee =
            |e: EmployeeId| org.employees.iter().find(|x| x.id == e).map(|x| x.agency);
        match self {
            OrgChange::Hire { employee } => Some(employee.agency),
            OrgChange::Appoint { position, .. } => of_position(*position),
            OrgChange::Vacate { employee }
            | OrgChange::SetGrade { employee, .. }
            | OrgChange::Leave { employee, .. } => of_employee(*employee),
            OrgChange::NameActing { position, .. }
            | OrgChange::EndActing { position }
            | OrgChange::ChangePosition { position, .. }
            | OrgChange::ClosePosition { position } => of_position(*position),
            OrgChange::AddUnit { unit } => department_agency(org, unit.department),
            OrgChange::RenameUnit { unit, .. }
            | OrgChange::MoveUnit { unit, .. }
            | OrgChange::MergeUnit { unit, .. }
            | OrgChange::CloseUnit { unit } => of_unit(*unit),
            OrgChange::AddPosition { position } => of_unit(position.unit),
        }
    }
}

fn department_agency(org: &Organisation, d: DepartmentId) -> Option<AgencyId> {
    org.departments.iter().find(|x| x.id == d).map(|x| x.agency)
}

/// A change with the day it takes effect and its legal basis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedChange {
    /// Takes effect at the start of this day.
    pub effective: Day,
    pub basis: LegalBasis,
    pub change: OrgChange,
}

/// The organisation as of `day`: `base` (the organisation as it stood on `base_day`) with every
/// change effective on or before `day` applied in order of effective day (ties keep the order
/// given: the order they were recorded in). Changes effective on or before `base_day` are in
/// the base already and are skipped; a change that no longer applies is an error naming it.
pub fn as_of(
    base: &Organisation,
    base_day: Day,
    changes: &[DatedChange],
    day: Day,
) -> Result<Organisation, (usize, crate::refusals::Refusal)> {
    let mut order: Vec<usize> = (0..changes.len())
        .filter(|&i| changes[i].effective > base_day && changes[i].effective <= day)
        .collect();
    order.sort_by_key(|&i| (changes[i].effective, i));
    let mut org = base.clone();
    for i in order {
        apply(&mut org, &changes[i].change).map_err(|r| (i, r))?;
    }
    Ok(org)
}
