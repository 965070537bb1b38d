//! The organisation of one or more agencies as plain data (ORG-01..07): the snapshot the
//! placement engine reads and the storage layer loads.

use serde::{Deserialize, Serialize};

use crate::education::Education;
use crate::grade::Grade;
use crate::nip::Nip;
use crate::org::{
    ActingKind, AgencyKind, AssessorPolicy, DepartmentKind, EmploymentType, FunctionalLevel,
    PerformanceRating, PositionClass, Substance, UnitKind,
};

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident;)+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

id_type! {
    /// Database identity of an agency.
    AgencyId;
    /// Database identity of a department (Perangkat Daerah).
    DepartmentId;
    /// Database identity of a unit.
    UnitId;
    /// Database identity of a position.
    PositionId;
    /// Database identity of an employee.
    EmployeeId;
}

/// Per-agency policy settings for the rules marked INTERPRETATION.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyPolicy {
    /// KED-12: who is PPK of JF and Pelaksana placed under a Pengawas.
    pub assessor_policy: AssessorPolicy,
    /// KED-10: an official with more people placed under them than this is flagged.
    pub span_of_control_threshold: u32,
}

impl Default for AgencyPolicy {
    fn default() -> Self {
        AgencyPolicy {
            assessor_policy: AssessorPolicy::PlacementDecides,
            span_of_control_threshold: 15,
        }
    }
}

/// An Instansi Pemerintah (ORG-01).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub id: AgencyId,
    pub code: String,
    pub name: String,
    pub kind: AgencyKind,
    pub policy: AgencyPolicy,
}

/// A Perangkat Daerah (ORG-02). Its units hang under `root_unit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    pub id: DepartmentId,
    pub agency: AgencyId,
    pub code: String,
    pub name: String,
    pub kind: DepartmentKind,
}

/// A node of the unit tree (ORG-03).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub department: DepartmentId,
    /// `None` for the department's root unit.
    pub parent: Option<UnitId>,
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    /// Unit Organisasi (led by a Pimpinan Unit Organisasi) rather than a Unit Kerja.
    pub is_org_unit: bool,
}

/// An acting holder of a position (ORG-05).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acting {
    pub employee: EmployeeId,
    pub kind: ActingKind,
}

/// A position in a unit (ORG-04). Its definitive holder is the employee whose `position` it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub id: PositionId,
    pub unit: UnitId,
    pub code: String,
    pub name: String,
    pub class: PositionClass,
    /// Head of its unit (at most one per unit).
    pub is_head: bool,
    /// Jenjang, for functional positions only.
    pub functional_level: Option<FunctionalLevel>,
    /// Substansi (KED-06), for functional positions only.
    pub substance: Option<Substance>,
    pub acting: Option<Acting>,
}

/// Years of experience in a field (PEN-08).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Experience {
    pub field: String,
    pub years: u8,
}

/// The predikat of one year (PEN-08).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearRating {
    pub year: u16,
    pub rating: PerformanceRating,
}

/// A civil servant (ORG-07).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Employee {
    pub id: EmployeeId,
    pub agency: AgencyId,
    pub nip: Nip,
    pub name: String,
    pub front_title: String,
    pub back_title: String,
    pub employment_type: EmploymentType,
    pub grade: Grade,
    pub education: Education,
    /// The position held definitively, if any.
    pub position: Option<PositionId>,
    /// Functional position obtained through penyetaraan jabatan.
    pub from_equalization: bool,
    pub ratings: Vec<YearRating>,
    pub experience: Vec<Experience>,
}

impl Employee {
    /// Name with academic titles: `Dr. Siti Aminah, S.E., M.M.`.
    pub fn display_name(&self) -> String {
        let mut s = String::new();
        if !self.front_title.is_empty() {
            s.push_str(&self.front_title);
            s.push(' ');
        }
        s.push_str(&self.name);
        if !self.back_title.is_empty() {
            s.push_str(", ");
            s.push_str(&self.back_title);
        }
        s
    }
}

/// Everything placement needs to know: one or more agencies with their structure and people.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    pub agencies: Vec<Agency>,
    pub departments: Vec<Department>,
    pub units: Vec<Unit>,
    pub positions: Vec<Position>,
    pub employees: Vec<Employee>,
}
