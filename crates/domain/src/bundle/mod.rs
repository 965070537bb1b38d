//! An agency's whole organisation keyed by codes and NIPs instead of database ids: what import
//! files hold, what export writes, what the demo generates and what storage imports in one
//! transaction (ORG-01..07, TIK-01).
//!
//! [`AgencyBundle::validate`] checks a bundle as a whole and reports every problem at once;
//! [`AgencyBundle::to_organisation`] turns a valid bundle into the id-keyed
//! [`Organisation`](crate::organisation::Organisation) the placement engine reads.

mod convert;
mod diff;
#[cfg(test)]
mod tests;
mod validate;

use serde::{Deserialize, Serialize};

use crate::assignment::Day;
use crate::education::Education;
use crate::experience_fields::ExperienceField;
use crate::grade::Grade;
use crate::nip::Nip;
use crate::org::{
    ActingKind, AgencyKind, DepartmentKind, EmploymentType, FunctionalLevel, PositionClass,
    Substance, UnitKind,
};
use crate::organisation::{AgencyPolicy, Experience, YearRating};
use crate::regional_heads::RegionalOffice;

pub use diff::{ListDiff, diff};
pub use validate::{Entity, Problem};

/// One agency with everything in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyBundle {
    pub agency: AgencyRecord,
    pub departments: Vec<DepartmentRecord>,
    pub units: Vec<UnitRecord>,
    pub positions: Vec<PositionRecord>,
    pub employees: Vec<EmployeeRecord>,
    /// The terms of office of the elected regional heads (issue 14 point 4). A file without
    /// the list leaves the recorded terms as they are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regional_heads: Vec<RegionalHeadRecord>,
    /// The agency's fields of experience — *bidang tugas* — with their synonyms (issue 14
    /// point 6). When given, it replaces the agency's list and every experience of the file
    /// must name one of its fields; a file without it keeps the stored list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub experience_fields: Vec<ExperienceField>,
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

/// A term of office of an elected regional head and the account that holds it (issue 14 point
/// 4). The person signs in with the username; the import never carries a password: a new
/// account has none until the HR admin sets one at /admin/kepala-daerah.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionalHeadRecord {
    pub office: RegionalOffice,
    /// The office as letters name it ("Bupati Banjar"); blank: the office's name.
    #[serde(default)]
    pub title: String,
    pub name: String,
    /// The sign-in name (`regional_heads::username`); the same username in two terms is the
    /// same person (re-elected, or a deputy who becomes head).
    pub username: String,
    /// First day; `None`: since before the record.
    #[serde(default)]
    pub from: Option<Day>,
    /// Last day; `None`: no end recorded.
    #[serde(default)]
    pub until: Option<Day>,
    /// The decree the term starts on (SK number and date), if recorded.
    #[serde(default)]
    pub basis_number: Option<String>,
    #[serde(default)]
    pub basis_date: Option<Day>,
    /// The decree the term ended on, if recorded.
    #[serde(default)]
    pub end_basis_number: Option<String>,
    #[serde(default)]
    pub end_basis_date: Option<Day>,
}

impl RegionalHeadRecord {
    /// The term this record gives.
    pub fn term(&self) -> crate::regional_heads::Term {
        crate::regional_heads::Term {
            from: self.from,
            until: self.until,
        }
    }
}
