//! Roles from positions and grants, and the deny-by-default checks.

use super::*;

const AGENCY: AgencyId = AgencyId(1);
const OTHER_AGENCY: AgencyId = AgencyId(2);
const DINAS: DepartmentId = DepartmentId(10);
const BADAN: DepartmentId = DepartmentId(11);
const SETDA: DepartmentId = DepartmentId(12);

fn post(department: DepartmentId, class: PositionClass, head: bool, root: bool) -> HeldPost {
    HeldPost {
        position: PositionId(100 + department.0),
        name: "Jabatan".into(),
        class,
        unit: UnitId(1000 + department.0),
        department,
        department_kind: if department == SETDA {
            DepartmentKind::RegionalSecretariat
        } else {
            DepartmentKind::Office
        },
        agency: AGENCY,
        is_head: head,
        heads_department: root,
        acting: None,
    }
}

fn person(posts: Vec<HeldPost>) -> ActorFacts {
    ActorFacts {
        employee: Some(EmployeeId(7)),
        agency: Some(AGENCY),
        home_department: posts.first().map(|p| p.department),
        posts,
        ..ActorFacts::default()
    }
}

#[test]
fn a_pelaksana_sees_their_own_department_and_nothing_else() {
    let a = Actor::new(person(vec![post(
        DINAS,
        PositionClass::Pelaksana,
        false,
        false,
    )]));
    assert!(a.roles().is_empty());
    assert!(a.may(Action::ViewDepartment {
        agency: AGENCY,
        department: DINAS
    }));
    assert!(!a.may(Action::ViewDepartment {
        agency: AGENCY,
        department: BADAN
    }));
    assert!(!a.may(Action::DecidePlacement {
        agency: AGENCY,
        department: DINAS
    }));
    assert!(!a.may(Action::AdministerAgency { agency: AGENCY }));
}

#[test]
fn the_head_of_a_department_decides_placements_there_only() {
    let a = Actor::new(person(vec![post(DINAS, PositionClass::Jpt, true, true)]));
    assert_eq!(
        a.roles(),
        &[Role::UnitOrganisationHead { department: DINAS }]
    );
    assert!(a.may(Action::DecidePlacement {
        agency: AGENCY,
        department: DINAS
    }));
    assert!(!a.may(Action::DecidePlacement {
        agency: AGENCY,
        department: BADAN
    }));
    assert!(!a.may(Action::ViewEmployee {
        agency: AGENCY,
        department: Some(BADAN),
        employee: EmployeeId(99)
    }));
}

#[test]
fn an_acting_head_has_the_rights_of_the_post() {
    let mut acting = post(BADAN, PositionClass::Jpt, true, true);
    acting.acting = Some(ActingKind::Plt);
    let a = Actor::new(person(vec![
        post(DINAS, PositionClass::Administrator, true, false),
        acting,
    ]));
    assert!(a.may(Action::DecidePlacement {
        agency: AGENCY,
        department: BADAN
    }));
    assert!(a.roles().contains(&Role::UnitKerjaHead {
        unit: UnitId(1000 + DINAS.0),
        department: DINAS
    }));
}

#[test]
fn the_sekda_sees_the_whole_agency_but_not_another() {
    let a = Actor::new(person(vec![post(SETDA, PositionClass::Jpt, true, true)]));
    assert!(
        a.roles()
            .contains(&Role::RegionalSecretary { agency: AGENCY })
    );
    assert!(a.may(Action::ViewDepartment {
        agency: AGENCY,
        department: BADAN
    }));
    assert!(a.may(Action::ReadAudit { agency: AGENCY }));
    assert!(!a.may(Action::ViewDepartment {
        agency: OTHER_AGENCY,
        department: DepartmentId(50)
    }));
    // Seeing is not deciding: a placement in a Dinas is for its head or the HR admin.
    assert!(!a.may(Action::DecidePlacement {
        agency: AGENCY,
        department: BADAN
    }));
}

#[test]
fn an_hr_admin_administers_their_agency_only() {
    let mut f = person(vec![post(BADAN, PositionClass::Fungsional, false, false)]);
    f.granted = vec![GrantedRole::HrAdmin];
    let a = Actor::new(f);
    assert!(a.may(Action::AdministerAgency { agency: AGENCY }));
    assert!(a.may(Action::DecidePlacement {
        agency: AGENCY,
        department: DINAS
    }));
    assert!(!a.may(Action::AdministerAgency {
        agency: OTHER_AGENCY
    }));
}

#[test]
fn bkpsdm_records_staff_changes_and_bagian_organisasi_structural_ones() {
    use crate::changes::ChangeArea;
    let staff = |agency| Action::RecordOrgChange {
        agency,
        area: ChangeArea::Staff,
    };
    let structure = |agency| Action::RecordOrgChange {
        agency,
        area: ChangeArea::Structure,
    };
    let mut f = person(vec![post(SETDA, PositionClass::Fungsional, false, false)]);
    f.granted = vec![GrantedRole::OrganisationKeeper];
    let keeper = Actor::new(f);
    assert!(keeper.may(structure(AGENCY)));
    assert!(!keeper.may(staff(AGENCY)));
    assert!(!keeper.may(structure(OTHER_AGENCY)));
    let mut f = person(vec![post(BADAN, PositionClass::Fungsional, false, false)]);
    f.granted = vec![GrantedRole::HrAdmin];
    let hr = Actor::new(f);
    assert!(hr.may(staff(AGENCY)) && hr.may(structure(AGENCY)));
    assert!(!hr.may(staff(OTHER_AGENCY)));
    // Heading the department is not keeping its organisation.
    let head = Actor::new(person(vec![post(DINAS, PositionClass::Jpt, true, true)]));
    assert!(!head.may(staff(AGENCY)) && !head.may(structure(AGENCY)));
}

#[test]
fn a_regional_head_sees_the_agency_without_a_post() {
    let a = Actor::new(ActorFacts {
        agency: Some(AGENCY),
        regional_head: Some(RegionalHeadKind::Head),
        ..ActorFacts::default()
    });
    assert!(a.may(Action::ViewDepartment {
        agency: AGENCY,
        department: DINAS
    }));
    assert!(!a.may(Action::AdministerAgency { agency: AGENCY }));
    assert!(a.position_for(Some(DINAS)).is_none());
}

#[test]
fn everyone_sees_their_own_employee_page() {
    let a = Actor::new(person(vec![]));
    assert!(a.may(Action::ViewEmployee {
        agency: AGENCY,
        department: None,
        employee: EmployeeId(7)
    }));
    assert!(!a.may(Action::ViewEmployee {
        agency: AGENCY,
        department: None,
        employee: EmployeeId(8)
    }));
}

#[test]
fn the_audit_position_prefers_a_head_post_in_the_department() {
    let a = Actor::new(person(vec![
        post(DINAS, PositionClass::Pelaksana, false, false),
        post(BADAN, PositionClass::Jpt, true, true),
    ]));
    assert_eq!(
        a.position_for(Some(BADAN)).map(|p| p.department),
        Some(BADAN)
    );
    assert_eq!(a.position_for(None).map(|p| p.department), Some(BADAN));
}

#[test]
fn granted_role_codes_round_trip() {
    for &r in GrantedRole::ALL {
        assert_eq!(GrantedRole::from_code(r.code()), Some(r));
    }
    assert_eq!(GrantedRole::from_code("root"), None);
}
