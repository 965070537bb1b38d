//! Agencies, departments, units, positions and employees (ORG-01..07).

use serde::Serialize;
use sikerja_domain::organisation::{Agency, Unit};
use sikerja_storage::{DepartmentSummary, EmployeeView, Page, PersonRef, PositionView};
use utoipa::ToSchema;

/// An Instansi Pemerintah (ORG-01).
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyDto {
    pub id: i64,
    /// Stable code, e.g. `kab-banjar`.
    #[schema(example = "kab-banjar")]
    pub code: String,
    pub name: String,
    /// `regional_government`, `provincial_government` or `ministry`.
    #[schema(example = "regional_government")]
    pub kind: String,
    /// KED-12 policy: `placement_decides` or `administrator_assesses`.
    pub assessor_policy: String,
    /// KED-10: officials with more people placed under them are flagged.
    pub span_of_control_threshold: u32,
}

impl From<&Agency> for AgencyDto {
    fn from(a: &Agency) -> Self {
        AgencyDto {
            id: a.id.0,
            code: a.code.clone(),
            name: a.name.clone(),
            kind: a.kind.code().into(),
            assessor_policy: a.policy.assessor_policy.code().into(),
            span_of_control_threshold: a.policy.span_of_control_threshold,
        }
    }
}

/// An agency with its departments.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyDetailDto {
    #[serde(flatten)]
    pub agency: AgencyDto,
    pub departments: Vec<DepartmentDto>,
}

/// A Perangkat Daerah with its counts (ORG-02).
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentDto {
    pub id: i64,
    pub agency_id: i64,
    pub agency_name: String,
    #[schema(example = "dinkes")]
    pub code: String,
    pub name: String,
    /// `regional_secretariat`, `office`, `board`, `one_stop_service`, `hospital`, `district`, …
    #[schema(example = "office")]
    pub kind: String,
    /// The section of Lampiran I that governs it, `A` … `E`.
    #[schema(example = "B")]
    pub annex_section: String,
    pub employees: u32,
    pub placed: u32,
    pub unresolved: u32,
    pub vacant_positions: u32,
}

impl From<&DepartmentSummary> for DepartmentDto {
    fn from(s: &DepartmentSummary) -> Self {
        let d = &s.department;
        DepartmentDto {
            id: d.id.0,
            agency_id: d.agency.0,
            agency_name: s.agency_name.clone(),
            code: d.code.clone(),
            name: d.name.clone(),
            kind: d.kind.code().into(),
            annex_section: d.kind.annex_section().letter().to_string(),
            employees: s.employees,
            placed: s.placed,
            unresolved: s.unresolved,
            vacant_positions: s.vacant_positions,
        }
    }
}

/// A node of the unit tree (ORG-03).
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitDto {
    pub id: i64,
    pub department_id: i64,
    /// `null` for the department's root unit.
    pub parent_id: Option<i64>,
    pub code: String,
    pub name: String,
    #[schema(example = "field")]
    pub kind: String,
    /// Unit Organisasi rather than Unit Kerja.
    pub is_org_unit: bool,
}

impl From<&Unit> for UnitDto {
    fn from(u: &Unit) -> Self {
        UnitDto {
            id: u.id.0,
            department_id: u.department.0,
            parent_id: u.parent.map(|p| p.0),
            code: u.code.clone(),
            name: u.name.clone(),
            kind: u.kind.code().into(),
            is_org_unit: u.is_org_unit,
        }
    }
}

/// An employee as referenced from elsewhere.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonDto {
    pub employee_id: i64,
    /// 18 digits.
    #[schema(example = "198701112009041001")]
    pub nip: String,
    /// As written in letters.
    #[schema(example = "19870111 200904 1 001")]
    pub nip_spaced: String,
    /// Name with academic titles.
    pub name: String,
    #[schema(example = "III/a")]
    pub grade: String,
    #[schema(example = "Penata Muda")]
    pub rank: Option<String>,
}

impl From<&PersonRef> for PersonDto {
    fn from(p: &PersonRef) -> Self {
        PersonDto {
            employee_id: p.employee.0,
            nip: p.nip.as_str().into(),
            nip_spaced: p.nip.spaced(),
            name: p.name.clone(),
            grade: p.grade.to_string(),
            rank: p
                .rank
                .clone()
                .or_else(|| p.grade.rank().map(|r| r.as_str().to_string())),
        }
    }
}

/// A position with its holder and acting holder (ORG-04, ORG-05).
#[derive(Debug, Serialize, ToSchema)]
pub struct PositionDto {
    pub id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub code: String,
    pub name: String,
    /// `jpt`, `administrator`, `pengawas`, `fungsional` or `pelaksana`.
    #[schema(example = "fungsional")]
    pub class: String,
    pub is_head: bool,
    #[schema(example = "ahli_pertama")]
    pub functional_level: Option<String>,
    /// `investment` or `one_stop_service` (KED-06).
    pub substance: Option<String>,
    /// `true` when neither a holder nor an acting holder exercises it.
    pub vacant: bool,
    pub holder: Option<PersonDto>,
    pub acting_holder: Option<PersonDto>,
    /// `plt` or `plh`.
    pub acting_kind: Option<String>,
}

impl From<&PositionView> for PositionDto {
    fn from(v: &PositionView) -> Self {
        let p = &v.position;
        PositionDto {
            id: p.id.0,
            unit_id: p.unit.0,
            unit_name: v.unit_name.clone(),
            code: p.code.clone(),
            name: p.name.clone(),
            class: p.class.code().into(),
            is_head: p.is_head,
            functional_level: p.functional_level.map(|l| l.code().into()),
            substance: p.substance.map(|s| s.code().into()),
            vacant: v.holder.is_none() && v.acting_holder.is_none(),
            holder: v.holder.as_ref().map(PersonDto::from),
            acting_holder: v.acting_holder.as_ref().map(PersonDto::from),
            acting_kind: v.acting_kind.map(|k| k.code().into()),
        }
    }
}

/// A yearly predikat kinerja.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingDto {
    pub year: u16,
    /// `sangat_baik`, `baik`, `butuh_perbaikan`, `kurang`, `sangat_kurang`.
    pub rating: String,
}

/// Years of experience in a field.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExperienceDto {
    pub field: String,
    pub years: u8,
}

/// A civil servant (ORG-07).
#[derive(Debug, Serialize, ToSchema)]
pub struct EmployeeDto {
    pub id: i64,
    pub agency_id: i64,
    pub agency_name: String,
    #[schema(example = "198701112009041001")]
    pub nip: String,
    #[schema(example = "19870111 200904 1 001")]
    pub nip_spaced: String,
    pub name: String,
    pub front_title: String,
    pub back_title: String,
    /// Name with titles, as in letters.
    pub display_name: String,
    /// `pns` or `pppk`.
    pub employment_type: String,
    #[schema(example = "III/a")]
    pub grade: String,
    pub rank: Option<String>,
    #[schema(example = "S1")]
    pub education: String,
    /// The functional position came from penyetaraan jabatan.
    pub from_equalization: bool,
    pub department_id: Option<i64>,
    pub department_name: Option<String>,
    pub unit_name: Option<String>,
    pub position: Option<PositionDto>,
    /// A position the employee acts in (Plt./Plh.).
    pub acting_in: Option<PositionDto>,
    pub ratings: Vec<RatingDto>,
    pub experience: Vec<ExperienceDto>,
}

impl From<&EmployeeView> for EmployeeDto {
    fn from(v: &EmployeeView) -> Self {
        let e = &v.employee;
        EmployeeDto {
            id: e.id.0,
            agency_id: e.agency.0,
            agency_name: v.agency_name.clone(),
            nip: e.nip.as_str().into(),
            nip_spaced: e.nip.spaced(),
            name: e.name.clone(),
            front_title: e.front_title.clone(),
            back_title: e.back_title.clone(),
            display_name: e.display_name(),
            employment_type: e.employment_type.code().into(),
            grade: e.grade.to_string(),
            rank: e.grade.rank().map(|r| r.as_str().to_string()),
            education: e.education.label().into(),
            from_equalization: e.from_equalization,
            department_id: v.department.as_ref().map(|d| d.id.0),
            department_name: v.department.as_ref().map(|d| d.name.clone()),
            unit_name: v.unit_name.clone(),
            position: v.position.as_ref().map(PositionDto::from),
            acting_in: v.acting_in.as_ref().map(PositionDto::from),
            ratings: e
                .ratings
                .iter()
                .map(|r| RatingDto {
                    year: r.year,
                    rating: r.rating.code().into(),
                })
                .collect(),
            experience: e
                .experience
                .iter()
                .map(|x| ExperienceDto {
                    field: x.field.clone(),
                    years: x.years,
                })
                .collect(),
        }
    }
}

/// One page of employees.
#[derive(Debug, Serialize, ToSchema)]
pub struct EmployeePageDto {
    pub items: Vec<EmployeeDto>,
    /// All matches, not only this page.
    pub total: u64,
    pub limit: u32,
    pub offset: u32,
}

impl EmployeePageDto {
    pub fn new(page: &Page<EmployeeView>, limit: u32, offset: u32) -> Self {
        EmployeePageDto {
            items: page.items.iter().map(EmployeeDto::from).collect(),
            total: page.total,
            limit,
            offset,
        }
    }
}

/// What an import did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ImportSummaryDto {
    pub agency_id: i64,
    pub departments: u32,
    pub units: u32,
    pub positions: u32,
    pub employees: u32,
    /// An agency with the same code existed and was replaced.
    pub replaced: bool,
}

impl From<&sikerja_storage::ImportSummary> for ImportSummaryDto {
    fn from(s: &sikerja_storage::ImportSummary) -> Self {
        ImportSummaryDto {
            agency_id: s.agency.0,
            departments: s.departments,
            units: s.units,
            positions: s.positions,
            employees: s.employees,
            replaced: s.replaced,
        }
    }
}
