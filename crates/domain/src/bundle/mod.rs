//! An agency's whole organisation keyed by codes and NIPs instead of database ids: what import
//! files hold, what export writes, what the demo generates and what storage imports in one
//! transaction (ORG-01..07, TIK-01).
//!
//! [`AgencyBundle::validate`] checks a bundle as a whole and reports every problem at once;
//! [`AgencyBundle::to_organisation`] turns a valid bundle into the id-keyed
//! [`Organisation`](crate::organisation::Organisation) the placement engine reads.

mod convert;
#[cfg(test)]
mod tests;
mod validate;

use serde::{Deserialize, Serialize};

use crate::education::Education;
use crate::grade::Grade;
use crate::nip::Nip;
use crate::org::{
    ActingKind, AgencyKind, DepartmentKind, EmploymentType, FunctionalLevel, PositionClass,
    Substance, UnitKind,
};
use crate::organisation::{AgencyPolicy, Experience, YearRating};

pub use validate::{Entity, Problem};

/// One agency with everything in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyBundle {
    pub agency: AgencyRecord,
    pub departments: Vec<DepartmentRecord>,
    pub units: Vec<UnitRecord>,
    pub positions: Vec<PositionRecord>,
    pub employees: Vec<EmployeeRecord>,
}

/// The Instansi itself (ORG-01).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyRecord {
    /// Stable code, e.g. `kab-banjar`.
    pub code: String,
    pub name: String,
    pub kind: AgencyKind,
    /// Seat used in letters ("Martapura").
    pub seat: String,
    pub address: String,
    pub policy: AgencyPolicy,
}

/// A Perangkat Daerah (ORG-02).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentRecord {
    /// Unique within the agency, e.g. `dinkes`.
    pub code: String,
    pub name: String,
    pub kind: DepartmentKind,
}

/// A node of a department's unit tree (ORG-03).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRecord {
    /// Unique within the agency.
    pub code: String,
    pub department_code: String,
    /// Empty for the department's root unit.
    pub parent_code: Option<String>,
    pub name: String,
    pub kind: UnitKind,
    pub is_org_unit: bool,
}

/// A position in a unit (ORG-04).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionRecord {
    /// Unique within the agency.
    pub code: String,
    pub unit_code: String,
    pub name: String,
    pub class: PositionClass,
    pub is_head: bool,
    pub functional_level: Option<FunctionalLevel>,
    pub substance: Option<Substance>,
}

/// A civil servant with the position they hold or act in (ORG-05, ORG-07).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeRecord {
    pub nip: Nip,
    pub name: String,
    pub front_title: String,
    pub back_title: String,
    pub employment_type: EmploymentType,
    pub grade: Grade,
    pub education: Education,
    /// The position held definitively.
    pub position_code: Option<String>,
    /// A position the employee acts in (Plt./Plh.), with the kind.
    pub acting_position_code: Option<String>,
    pub acting_kind: Option<ActingKind>,
    pub from_equalization: bool,
    pub ratings: Vec<YearRating>,
    pub experience: Vec<Experience>,
}
