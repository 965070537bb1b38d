//! Who opens which dashboard, and how far it reaches (issue 18 point 1).

use super::*;
use crate::access::{ActorFacts, HeldPost, RegionalHeadKind};
use crate::org::{DepartmentKind, PositionClass};
use crate::organisation::{EmployeeId, PositionId};

const AGENCY: AgencyId = AgencyId(1);
const DINAS: DepartmentId = DepartmentId(10);
const BADAN: DepartmentId = DepartmentId(11);
const SETDA: DepartmentId = DepartmentId(12);

fn post(
    department: DepartmentId,
    class: PositionClass,
    head: bool,
    root: bool,
    unit: i64,
) -> HeldPost {
    HeldPost {
        position: PositionId(100 + unit),
        name: "Jabatan".into(),
        class,
        unit: UnitId(unit),
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

fn person(posts: Vec<HeldPost>, granted: Vec<GrantedRole>) -> Actor {
    Actor::new(ActorFacts {
        employee: Some(EmployeeId(7)),
        agency: Some(AGENCY),
        home_department: posts.first().map(|p| p.department),
        posts,
        granted,
        ..ActorFacts::default()
    })
}

fn bupati() -> Actor {
    Actor::new(ActorFacts {
        agency: Some(AGENCY),
        regional_head: Some(RegionalHeadKind::Head),
        ..ActorFacts::default()
    })
}

fn within(departments: Vec<DepartmentId>, units: Vec<i64>) -> Option<DashboardScope> {
    Some(DashboardScope::Within {
        agency: AGENCY,
        departments,
        units: units.into_iter().map(UnitId).collect(),
    })
}

const AGENCY_WIDE: Option<DashboardScope> = Some(DashboardScope::Agency { agency: AGENCY });

#[test]
fn dashboard_scope_per_role_table() {
    use DashboardKind as K;
    use PositionClass as C;
    let kepala_dinas = person(vec![post(DINAS, C::Jpt, true, true, 1000)], vec![]);
    let sekda = person(vec![post(SETDA, C::Jpt, true, true, 3000)], vec![]);
    let kabid = person(
        vec![post(DINAS, C::Administrator, true, false, 1001)],
        vec![],
    );
    let kasi = person(vec![post(BADAN, C::Pengawas, true, false, 1102)], vec![]);
    let kabid_and_kadis = person(
        vec![
            post(DINAS, C::Jpt, true, true, 1000),
            post(DINAS, C::Administrator, true, false, 1001),
            post(BADAN, C::Pengawas, true, false, 1102),
        ],
        vec![],
    );
    let pelaksana = person(vec![post(DINAS, C::Pelaksana, false, false, 1003)], vec![]);
    let hr_admin = person(
        vec![post(BADAN, C::Pelaksana, false, false, 1103)],
        vec![GrantedRole::HrAdmin],
    );
    let keeper = person(
        vec![post(SETDA, C::Pelaksana, false, false, 3003)],
        vec![GrantedRole::OrganisationKeeper],
    );
    let map_keeper = person(
        vec![post(SETDA, C::Pelaksana, false, false, 3003)],
        vec![GrantedRole::ProcessMapKeeper],
    );
    let the_bupati = bupati();
    let rows: Vec<(&str, &Actor, K, Option<DashboardScope>)> = vec![
        ("bupati", &the_bupati, K::Workflows, AGENCY_WIDE),
        ("sekda", &sekda, K::Performance, AGENCY_WIDE),
        ("hr admin", &hr_admin, K::Assignments, AGENCY_WIDE),
        (
            "bagian organisasi: organisation dashboard",
            &keeper,
            K::Placement,
            AGENCY_WIDE,
        ),
        (
            "bagian organisasi: not the others",
            &keeper,
            K::Planning,
            None,
        ),
        ("process-map keeper", &map_keeper, K::Placement, None),
        (
            "kepala dinas",
            &kepala_dinas,
            K::Planning,
            within(vec![DINAS], vec![]),
        ),
        (
            "kepala bidang",
            &kabid,
            K::Execution,
            within(vec![], vec![1001]),
        ),
        (
            "kepala seksi",
            &kasi,
            K::Placement,
            within(vec![], vec![1102]),
        ),
        (
            "a unit inside a department headed whole adds nothing",
            &kabid_and_kadis,
            K::Assignments,
            within(vec![DINAS], vec![1102]),
        ),
        ("pelaksana", &pelaksana, K::Placement, None),
    ];
    for (name, actor, kind, want) in rows {
        assert_eq!(scope(actor, kind), want, "{name} / {kind:?}");
    }
}

#[test]
fn dashboards_open_to_each_role() {
    let all = DashboardKind::ALL.to_vec();
    assert_eq!(open_to(&bupati()), all);
    let keeper = person(vec![], vec![GrantedRole::OrganisationKeeper]);
    assert_eq!(open_to(&keeper), vec![DashboardKind::Placement]);
    let pelaksana = person(
        vec![post(DINAS, PositionClass::Pelaksana, false, false, 1003)],
        vec![],
    );
    assert!(open_to(&pelaksana).is_empty());
    // No agency, no dashboard.
    assert!(open_to(&Actor::new(ActorFacts::default())).is_empty());
}

#[test]
fn narrowing_to_a_department_keeps_within_the_scope() {
    let agency = DashboardScope::Agency { agency: AGENCY };
    assert_eq!(
        agency.narrow_to(BADAN, |_| false),
        within(vec![BADAN], vec![])
    );
    let heads = DashboardScope::Within {
        agency: AGENCY,
        departments: vec![DINAS],
        units: vec![UnitId(1102)],
    };
    assert_eq!(
        heads.narrow_to(DINAS, |_| false),
        within(vec![DINAS], vec![])
    );
    assert_eq!(
        heads.narrow_to(BADAN, |u| u == UnitId(1102)),
        within(vec![], vec![1102])
    );
    assert_eq!(heads.narrow_to(SETDA, |_| false), None);
}
