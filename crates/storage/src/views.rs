//! The read models the web layer shows: domain types joined with the names people read.
//! All derive `Debug, Clone, Serialize`.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sikerja_domain::org::{ActingKind, EmploymentType, FunctionalLevel, PositionClass};
use sikerja_domain::organisation::{
    AgencyId, Department, DepartmentId, Employee, EmployeeId, Position, PositionId, UnitId,
};
use sikerja_domain::{Grade, Nip};

/// What [`crate::Store::import_agency`] did.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ImportSummary {
    pub agency: AgencyId,
    pub departments: u32,
    pub units: u32,
    pub positions: u32,
    pub employees: u32,
    /// Terms of office of regional heads the file added and changed (issue 14 point 4).
    pub regional_head_terms_added: u32,
    pub regional_head_terms_updated: u32,
    /// An agency with the same code existed and was replaced.
    pub replaced: bool,
}

/// What a recomputation of placements found.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct RecomputeSummary {
    pub placed: u32,
    pub unresolved: u32,
    /// Employees whose PPK or deciding rule changed (KED-11 history rows written).
    pub assessor_changes: u32,
}

/// A department with the counts its overview shows.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentSummary {
    pub department: Department,
    pub agency_name: String,
    /// Employees holding a position in the department.
    pub employees: u32,
    pub placed: u32,
    pub unresolved: u32,
    /// Positions nobody holds or acts in.
    pub vacant_positions: u32,
}

/// A person as shown in tables and letters.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PersonRef {
    pub employee: EmployeeId,
    pub nip: Nip,
    /// Name with academic titles.
    pub name: String,
    pub grade: Grade,
    /// Pangkat name; `None` for PPPK.
    pub rank: Option<String>,
}

/// A position with its unit and holders.
#[derive(Debug, Clone, Serialize)]
pub struct PositionView {
    pub position: Position,
    pub unit_name: String,
    /// Definitive holder.
    pub holder: Option<PersonRef>,
    /// Plt./Plh. holder.
    pub acting_holder: Option<PersonRef>,
    pub acting_kind: Option<ActingKind>,
}

/// Filter and page of the employee list.
#[derive(Debug, Clone, Default)]
pub struct EmployeeFilter {
    pub agency: Option<AgencyId>,
    pub department: Option<DepartmentId>,
    /// Part of the name or NIP, case-insensitive; always bound as a parameter.
    pub search: Option<String>,
    /// Holding a position in this unit (issue 14 point 1: the HR admin's search).
    pub unit: Option<UnitId>,
    /// PNS or PPPK only.
    pub employment: Option<EmploymentType>,
    /// Only those holding no definitive position ("tanpa jabatan").
    pub without_position: bool,
    pub limit: u32,
    pub offset: u32,
}

/// One page of a list and the total number of matches.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// An employee with where they work.
#[derive(Debug, Clone, Serialize)]
pub struct EmployeeView {
    pub employee: Employee,
    pub position: Option<PositionView>,
    pub unit_name: Option<String>,
    pub department: Option<Department>,
    pub agency_name: String,
    /// A position the employee acts in (Plt./Plh.).
    pub acting_in: Option<PositionView>,
}

/// An official exercising a position: superior, assessor, coordinator or recommender.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OfficialRef {
    pub person: PersonRef,
    pub position: PositionId,
    pub position_name: String,
    pub class: PositionClass,
    /// `Some` when the person acts in the position.
    pub acting: Option<ActingKind>,
}

/// Filter of the placement list (rincian kedudukan, KED-11).
#[derive(Debug, Clone, Default)]
pub struct PlacementFilter {
    pub agency: Option<AgencyId>,
    pub department: Option<DepartmentId>,
    pub unit: Option<UnitId>,
    pub status: Option<PlacementStatus>,
    /// Matches the deciding rule or the assessor rule, e.g. `KED-03` or `KED-12`.
    pub rule_id: Option<String>,
    /// Part of the name or NIP of the placed employee.
    pub search: Option<String>,
}

pub use sikerja_domain::placement::PlacementStatus;

/// The placement of one JF/Pelaksana as stored.
#[derive(Debug, Clone, Serialize)]
pub struct PlacementView {
    pub employee: PersonRef,
    pub position: PositionId,
    pub position_name: String,
    pub position_class: PositionClass,
    pub functional_level: Option<FunctionalLevel>,
    pub unit: UnitId,
    pub unit_name: String,
    pub department: DepartmentId,
    pub department_name: String,
    pub status: PlacementStatus,
    pub superior: Option<OfficialRef>,
    pub assessor: Option<OfficialRef>,
    pub coordinator: Option<OfficialRef>,
    pub recommender: Option<OfficialRef>,
    pub rule_id: String,
    pub article: String,
    pub assessor_rule_id: Option<String>,
    pub assessor_article: Option<String>,
    pub notes: Vec<String>,
    /// Why no rule applied; unresolved only.
    pub reason: Option<String>,
    /// Set when an official decided the placement (KED-09).
    pub manual: Option<ManualRecord>,
}

/// Who decided a manual placement, when and why (KED-09).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ManualRecord {
    pub justification: String,
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
}

/// A manual placement to record for an unresolved employee (KED-09).
#[derive(Debug, Clone)]
pub struct ManualPlacementInput {
    pub employee: EmployeeId,
    pub superior_position: PositionId,
    pub assessor_position: PositionId,
    pub justification: String,
    pub decided_by: String,
    /// The position the decider acts in, for the audit trail ("who, in which position").
    pub decided_as: Option<String>,
}

/// One entry of an employee's PPK history (KED-11).
#[derive(Debug, Clone, Serialize)]
pub struct PlacementChange {
    pub changed_at: DateTime<Utc>,
    /// `None` while unresolved.
    pub assessor: Option<OfficialRef>,
    /// The rule that decided the PPK (KED-12 when the policy moved it).
    pub rule_id: String,
    pub article: String,
    pub manual: bool,
}

/// One official's span of control (KED-10).
#[derive(Debug, Clone, Serialize)]
pub struct SpanView {
    pub official: OfficialRef,
    /// JF/Pelaksana placed directly under the official.
    pub placed: u32,
    /// JF/Pelaksana the official assesses.
    pub assessed: u32,
    pub over_threshold: bool,
    pub threshold: u32,
}
