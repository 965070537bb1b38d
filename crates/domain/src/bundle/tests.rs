//! Validation of bundles, one test per check, named after the rule it enforces.

use super::*;
use crate::org::PerformanceRating;
use crate::organisation::AgencyId;
use crate::placement::{ManualDecisions, Outcome, compute_placements};

fn unit(code: &str, parent: Option<&str>, kind: UnitKind, org: bool) -> UnitRecord {
    UnitRecord {
        code: code.into(),
        department_code: "dinkes".into(),
        parent_code: parent.map(Into::into),
        name: format!("Unit {code}"),
        kind,
        is_org_unit: org,
    }
}

fn position(code: &str, unit: &str, class: PositionClass, head: bool) -> PositionRecord {
    PositionRecord {
        code: code.into(),
        unit_code: unit.into(),
        name: format!("Jabatan {code}"),
        class,
        is_head: head,
        functional_level: (class == PositionClass::Fungsional).then_some(FunctionalLevel::AhliMuda),
        substance: None,
    }
}

fn employee(nip: &str, grade: &str, position: Option<&str>) -> EmployeeRecord {
    EmployeeRecord {
        nip: Nip::parse(nip).expect("test NIP"),
        name: "Siti Nurhaliza".into(),
        front_title: String::new(),
        back_title: "S.E.".into(),
        employment_type: EmploymentType::Pns,
        grade: Grade::parse_any(grade).expect("test grade"),
        education: Education::S1,
        position_code: position.map(Into::into),
        acting_position_code: None,
        acting_kind: None,
        from_equalization: false,
        ratings: vec![YearRating {
            year: 2024,
            rating: PerformanceRating::Baik,
        }],
        experience: vec![Experience {
            field: "Kesehatan".into(),
            years: 5,
        }],
    }
}

/// A Dinas with a secretariat, a field and a section; a JF and a Pelaksana.
pub(crate) fn valid() -> AgencyBundle {
    use PositionClass::*;
    AgencyBundle {
        regional_heads: Vec::new(),
        experience_fields: Vec::new(),
        agency: AgencyRecord {
            code: "kab-uji".into(),
            name: "Pemerintah Kabupaten Uji".into(),
            kind: AgencyKind::RegionalGovernment,
            seat: "Martapura".into(),
            address: "Data fiktif".into(),
            policy: AgencyPolicy::default(),
        },
        departments: vec![DepartmentRecord {
            code: "dinkes".into(),
            name: "Dinas Kesehatan".into(),
            kind: DepartmentKind::Office,
        }],
        units: vec![
            unit("u-dinkes", None, UnitKind::Department, true),
            unit("u-sekre", Some("u-dinkes"), UnitKind::Secretariat, false),
            unit("u-bidang", Some("u-dinkes"), UnitKind::Field, false),
            unit("u-seksi", Some("u-bidang"), UnitKind::Section, false),
        ],
        positions: vec![
            position("kadis", "u-dinkes", Jpt, true),
            position("sekretaris", "u-sekre", Administrator, true),
            position("kabid", "u-bidang", Administrator, true),
            position("kasi", "u-seksi", Pengawas, true),
            position("jf", "u-bidang", Fungsional, false),
            position("staf", "u-seksi", Pelaksana, false),
        ],
        employees: vec![
            employee("197001012000031001", "IV/c", Some("kadis")),
            employee("198002022005012001", "III/d", Some("kabid")),
            employee("198503032010011002", "III/c", Some("jf")),
            employee("199004042015032003", "II/c", Some("staf")),
            employee("198806062012121001", "III/c", Some("kasi")),
        ],
    }
}

fn codes(b: &AgencyBundle) -> Vec<(Entity, usize, &'static str, &'static str)> {
    match b.validate() {
        Ok(()) => Vec::new(),
        Err(ps) => ps
            .iter()
            .map(|p| (p.entity, p.index, p.field, p.code))
            .collect(),
    }
}

fn has(b: &AgencyBundle, entity: Entity, index: usize, field: &str, code: &str) {
    let found = codes(b);
    assert!(
        found
            .iter()
            .any(|&(e, i, f, c)| e == entity && i == index && f == field && c == code),
        "expected {code} on {entity:?}[{index}].{field}, got {found:?}"
    );
}

#[test]
fn org_01_a_valid_bundle_passes_and_places_its_people() {
    let b = valid();
    assert_eq!(b.validate(), Ok(()));
    let org = b.to_organisation(AgencyId(7));
    let outcomes = compute_placements(&org, &ManualDecisions::new());
    assert_eq!(outcomes.len(), 2);
    assert!(outcomes.iter().all(|o| matches!(o, Outcome::Placed(_))));
}

#[test]
fn org_01_agency_and_department_codes_and_names_must_not_be_blank() {
    let mut b = valid();
    b.agency.code = " ".into();
    b.agency.name.clear();
    b.departments[0].name.clear();
    b.units[1].name.clear();
    b.positions[2].code.clear();
    b.employees[0].name.clear();
    has(&b, Entity::Agency, 0, "code", "agency_code_blank");
    has(&b, Entity::Agency, 0, "name", "agency_name_blank");
    has(&b, Entity::Department, 0, "name", "department_name_blank");
    has(&b, Entity::Unit, 1, "name", "unit_name_blank");
    has(&b, Entity::Position, 2, "code", "position_code_blank");
    has(&b, Entity::Employee, 0, "name", "employee_name_blank");
}

#[test]
fn org_01_codes_must_follow_the_code_pattern() {
    let mut b = valid();
    b.agency.code = "../../etc".into();
    b.departments[0].code = "a b".into();
    b.units[1].code = "x..y".into();
    b.positions[2].code = "k".repeat(65);
    has(&b, Entity::Agency, 0, "code", "agency_code_invalid");
    has(&b, Entity::Department, 0, "code", "department_code_invalid");
    has(&b, Entity::Unit, 1, "code", "unit_code_invalid");
    has(&b, Entity::Position, 2, "code", "position_code_invalid");
    let too_long = b.validate().err().unwrap_or_default();
    assert!(
        too_long
            .iter()
            .all(|p| !p.message.contains(&"k".repeat(65)))
    );
}

#[test]
fn org_03_codes_are_unique_per_list() {
    let mut b = valid();
    b.departments.push(b.departments[0].clone());
    b.units[2].code = "u-sekre".into();
    b.positions[5].code = "jf".into();
    has(
        &b,
        Entity::Department,
        1,
        "code",
        "department_code_duplicate",
    );
    has(&b, Entity::Unit, 2, "code", "unit_code_duplicate");
    has(&b, Entity::Position, 5, "code", "position_code_duplicate");
}

#[test]
fn org_07_nips_are_unique() {
    let mut b = valid();
    b.employees[3].nip = b.employees[1].nip.clone();
    has(&b, Entity::Employee, 3, "nip", "nip_duplicate");
}

#[test]
fn org_03_references_must_exist() {
    let mut b = valid();
    b.units[1].department_code = "dinsos".into();
    b.units[3].parent_code = Some("u-hilang".into());
    b.positions[4].unit_code = "u-hilang".into();
    b.employees[3].position_code = Some("tidak-ada".into());
    b.employees[2].acting_position_code = Some("tidak-ada".into());
    b.employees[2].acting_kind = Some(ActingKind::Plt);
    has(
        &b,
        Entity::Unit,
        1,
        "department_code",
        "unit_department_unknown",
    );
    has(&b, Entity::Unit, 3, "parent_code", "unit_parent_unknown");
    has(
        &b,
        Entity::Position,
        4,
        "unit_code",
        "position_unit_unknown",
    );
    has(
        &b,
        Entity::Employee,
        3,
        "position_code",
        "employee_position_unknown",
    );
    has(
        &b,
        Entity::Employee,
        2,
        "acting_position_code",
        "acting_position_unknown",
    );
}

#[test]
fn org_03_parent_unit_must_be_in_the_same_department() {
    let mut b = valid();
    b.departments.push(DepartmentRecord {
        code: "dinsos".into(),
        name: "Dinas Sosial".into(),
        kind: DepartmentKind::Office,
    });
    let mut root = unit("u-dinsos", None, UnitKind::Department, true);
    root.department_code = "dinsos".into();
    b.units.push(root);
    b.units[3].parent_code = Some("u-dinsos".into());
    has(
        &b,
        Entity::Unit,
        3,
        "parent_code",
        "unit_parent_other_department",
    );
}

#[test]
fn org_03_unit_tree_has_no_cycles() {
    let mut b = valid();
    b.units[2].parent_code = Some("u-seksi".into());
    let found = codes(&b);
    let cycle: Vec<usize> = found
        .iter()
        .filter(|p| p.3 == "unit_tree_cycle")
        .map(|p| p.1)
        .collect();
    assert_eq!(cycle, vec![2, 3], "{found:?}");
}

#[test]
fn org_03_each_department_has_exactly_one_root_unit() {
    let mut b = valid();
    b.units[1].parent_code = None;
    has(
        &b,
        Entity::Department,
        0,
        "code",
        "department_root_multiple",
    );
    let mut b = valid();
    b.units[0].parent_code = Some("u-seksi".into());
    has(&b, Entity::Department, 0, "code", "department_root_missing");
}

#[test]
fn org_03_a_unit_has_at_most_one_head() {
    let mut b = valid();
    b.positions
        .push(position("kasi2", "u-seksi", PositionClass::Pengawas, true));
    has(&b, Entity::Position, 6, "is_head", "unit_head_multiple");
}

#[test]
fn org_03_heads_are_structural_or_a_jf_leading_an_independent_unit() {
    let mut b = valid();
    b.positions[5].is_head = true;
    b.positions[3].is_head = false;
    has(&b, Entity::Position, 5, "is_head", "head_class_invalid");
    let mut b = valid();
    b.positions[4].unit_code = "u-seksi".into();
    b.positions[4].is_head = true;
    b.positions[3].is_head = false;
    has(&b, Entity::Position, 4, "is_head", "head_class_invalid");
    // A JF may lead a Unit Organisasi (e.g. a UPTD).
    b.units[3].is_org_unit = true;
    assert_eq!(b.validate(), Ok(()));
}

#[test]
fn org_04_functional_level_and_substance_belong_to_functional_positions_only() {
    let mut b = valid();
    b.positions[4].functional_level = None;
    b.positions[5].functional_level = Some(FunctionalLevel::Terampil);
    b.positions[3].substance = Some(Substance::Investment);
    has(
        &b,
        Entity::Position,
        4,
        "functional_level",
        "functional_level_missing",
    );
    has(
        &b,
        Entity::Position,
        5,
        "functional_level",
        "functional_level_not_allowed",
    );
    has(
        &b,
        Entity::Position,
        3,
        "substance",
        "substance_not_allowed",
    );
}

#[test]
fn org_05_a_position_has_at_most_one_definitive_holder() {
    let mut b = valid();
    b.employees[3].position_code = Some("jf".into());
    has(
        &b,
        Entity::Employee,
        3,
        "position_code",
        "position_held_twice",
    );
}

#[test]
fn org_05_acting_officials_act_in_another_position_and_alone() {
    let mut b = valid();
    b.employees[2].acting_position_code = Some("jf".into());
    b.employees[2].acting_kind = Some(ActingKind::Plh);
    has(
        &b,
        Entity::Employee,
        2,
        "acting_position_code",
        "acting_own_position",
    );
    let mut b = valid();
    for i in [2, 3] {
        b.employees[i].acting_position_code = Some("sekretaris".into());
        b.employees[i].acting_kind = Some(ActingKind::Plt);
    }
    has(
        &b,
        Entity::Employee,
        3,
        "acting_position_code",
        "position_acted_twice",
    );
    assert_eq!(codes(&b).len(), 1);
}

#[test]
fn org_05_acting_kind_is_given_exactly_when_an_acting_position_is() {
    let mut b = valid();
    b.employees[2].acting_position_code = Some("sekretaris".into());
    b.employees[3].acting_kind = Some(ActingKind::Plt);
    has(
        &b,
        Entity::Employee,
        2,
        "acting_kind",
        "acting_kind_missing",
    );
    has(
        &b,
        Entity::Employee,
        3,
        "acting_kind",
        "acting_kind_without_position",
    );
}

#[test]
fn org_07_grade_scale_follows_employment_type() {
    let mut b = valid();
    b.employees[3].employment_type = EmploymentType::Pppk;
    b.employees[2].grade = Grade::Pppk(9);
    has(
        &b,
        Entity::Employee,
        3,
        "grade",
        "grade_employment_mismatch",
    );
    has(
        &b,
        Entity::Employee,
        2,
        "grade",
        "grade_employment_mismatch",
    );
}

#[test]
fn org_07_rating_years_are_unique_and_experience_at_most_fifty_years() {
    let mut b = valid();
    b.employees[1].ratings.push(YearRating {
        year: 2024,
        rating: PerformanceRating::SangatBaik,
    });
    b.employees[2].experience.push(Experience {
        field: "Perencanaan".into(),
        years: 51,
    });
    b.employees[2].experience.push(Experience {
        field: " ".into(),
        years: 1,
    });
    let ps = b.validate().expect_err("invalid");
    let dup = ps
        .iter()
        .find(|p| p.code == "rating_year_duplicate")
        .expect("reported");
    assert_eq!((dup.index, dup.item), (1, Some(1)));
    let long = ps
        .iter()
        .find(|p| p.code == "experience_years_too_high")
        .expect("reported");
    assert_eq!((long.index, long.item), (2, Some(1)));
    assert!(
        ps.iter()
            .any(|p| p.code == "experience_field_blank" && p.item == Some(2))
    );
}

#[test]
fn org_01_every_problem_is_reported_at_once_in_indonesian() {
    let mut b = valid();
    b.agency.code.clear();
    b.units[3].parent_code = Some("x".into());
    b.employees[3].position_code = Some("jf".into());
    let ps = b.validate().expect_err("invalid");
    assert!(ps.len() >= 3, "{ps:?}");
    let text = ps[0].to_string();
    assert!(
        text.starts_with("Instansi ke-1, code: kode instansi tidak boleh kosong"),
        "{text}"
    );
}
