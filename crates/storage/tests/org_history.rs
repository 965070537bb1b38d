//! Conformance: reading the organisation's history (issue 14 points 1, 3; KED-11) on whichever
//! backend `SIKERJA_TEST_DATABASE_URL` selects: the changes naming one employee for their
//! profile, and the placements of a department as of a day — before and after a backdated
//! transfer, and a future day with a pending one.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::workflow::World;
use sikerja_domain::assignment::Day;
use sikerja_domain::changes::{DatedChange, LegalBasis, OrgChange};
use sikerja_domain::org::FunctionalLevel;
use sikerja_domain::organisation::{DepartmentId, EmployeeId, PositionId};
use sikerja_storage::AuditActor;
use sikerja_storage::org_changes::OrgChangeState;
use sikerja_storage::views::PlacementView;

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn dated(effective: &str, change: OrgChange) -> DatedChange {
    DatedChange {
        effective: day(effective),
        basis: LegalBasis {
            number: "821.2/045/BKPSDM/2026".into(),
            date: day("2026-02-20"),
        },
        change,
    }
}

fn hr_admin() -> AuditActor {
    AuditActor::in_position("Admin Kepegawaian", "Kepala BKPSDM")
}

/// A Dinas with a second JF post in the Bidang: a transfer there changes the JF's PPK from
/// the Kepala Seksi to the Kepala Bidang (KED-02/03).
async fn world() -> (World, EmployeeId, PositionId, DepartmentId) {
    let w = World::new_with(|d| {
        d.builder.jf(
            "jf-pertama-bidang",
            "dinkes-yankes",
            "Epidemiolog Kesehatan Ahli Pertama Bidang",
            FunctionalLevel::AhliPertama,
        );
    })
    .await;
    let dewi = w.id(&w.d.ahli_pertama).await;
    let org = w.store.load_organisation(w.agency).await.unwrap();
    let target = org
        .positions
        .iter()
        .find(|p| p.name == "Epidemiolog Kesehatan Ahli Pertama Bidang")
        .unwrap()
        .id;
    let dept = org
        .departments
        .iter()
        .find(|d| d.name == "Dinas Kesehatan")
        .unwrap()
        .id;
    (w, dewi, target, dept)
}

fn ppk_of(views: &[PlacementView], e: EmployeeId) -> Option<EmployeeId> {
    views
        .iter()
        .find(|v| v.employee.employee == e)
        .and_then(|v| v.assessor.as_ref())
        .map(|a| a.person.employee)
}

#[tokio::test]
async fn ked_11_placements_as_of_a_day_before_and_after_a_backdated_transfer() {
    let (w, dewi, target, dept) = world().await;
    let kasi = w.id(&w.d.kasi).await;
    let kabid = w.id(&w.d.kabid).await;
    // A snapshot of 1 February (a promotion recorded that day), then a transfer effective
    // 1 March recorded on the 5th: backdated.
    let grade = sikerja_domain::Grade::parse_any("III/b").unwrap();
    w.store
        .record_org_changes(
            w.agency,
            &[dated(
                "2026-02-01",
                OrgChange::SetGrade {
                    employee: dewi,
                    grade,
                },
            )],
            &hr_admin(),
            day("2026-02-01"),
        )
        .await
        .unwrap();
    w.store
        .record_org_changes(
            w.agency,
            &[dated(
                "2026-03-01",
                OrgChange::Appoint {
                    employee: dewi,
                    position: target,
                },
            )],
            &hr_admin(),
            day("2026-03-05"),
        )
        .await
        .unwrap();
    let on = |d: &'static str| {
        let store = &w.store;
        async move {
            store
                .placements_as_of(dept, day(d), day("2026-03-05"))
                .await
                .unwrap()
        }
    };
    // Who assessed Dewi on 15 February: the Kepala Seksi; on 2 March: the Kepala Bidang.
    let before = on("2026-02-15").await;
    assert_eq!(ppk_of(&before, dewi), Some(kasi));
    let row = before.iter().find(|v| v.employee.employee == dewi).unwrap();
    assert_eq!(row.position_name, "Epidemiolog Kesehatan Ahli Pertama");
    assert_eq!(ppk_of(&on("2026-03-02").await, dewi), Some(kabid));
    // Today's list agrees with the stored placements.
    let today = on("2026-03-05").await;
    assert_eq!(ppk_of(&today, dewi), Some(kabid));
    assert_eq!(
        today.len(),
        w.store
            .placements(&sikerja_storage::PlacementFilter {
                department: Some(dept),
                ..Default::default()
            })
            .await
            .unwrap()
            .len()
    );
    // Before the first snapshot there is nothing to read.
    let err = w
        .store
        .placements_as_of(dept, day("2026-01-15"), day("2026-03-05"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "org_as_of_before_records");
}

#[tokio::test]
async fn ked_11_placements_as_of_a_future_day_show_a_pending_transfer_as_it_will_be() {
    let (w, dewi, target, dept) = world().await;
    let kasi = w.id(&w.d.kasi).await;
    let kabid = w.id(&w.d.kabid).await;
    let today = day("2026-03-05");
    w.store
        .record_org_changes(
            w.agency,
            &[dated(
                "2026-03-20",
                OrgChange::Appoint {
                    employee: dewi,
                    position: target,
                },
            )],
            &hr_admin(),
            today,
        )
        .await
        .unwrap();
    let on = |d: &'static str| {
        let store = &w.store;
        async move { store.placements_as_of(dept, day(d), today).await.unwrap() }
    };
    assert_eq!(ppk_of(&on("2026-03-05").await, dewi), Some(kasi));
    assert_eq!(ppk_of(&on("2026-03-19").await, dewi), Some(kasi));
    assert_eq!(ppk_of(&on("2026-03-20").await, dewi), Some(kabid));
    // Nothing was written: the stored placement still names the Kepala Seksi.
    let stored = w.store.placement_of(dewi).await.unwrap().unwrap();
    assert_eq!(stored.assessor.map(|a| a.person.employee), Some(kasi));
}

#[tokio::test]
async fn org_changes_of_an_employee_are_those_naming_them_newest_first() {
    let (w, dewi, target, _) = world().await;
    let other = w.id(&w.d.pelaksana).await;
    let today = day("2026-03-05");
    let grade = sikerja_domain::Grade::parse_any("III/b").unwrap();
    w.store
        .record_org_changes(
            w.agency,
            &[
                dated(
                    "2026-03-01",
                    OrgChange::SetGrade {
                        employee: dewi,
                        grade,
                    },
                ),
                dated(
                    "2026-03-02",
                    OrgChange::SetGrade {
                        employee: other,
                        grade,
                    },
                ),
                dated(
                    "2026-04-01",
                    OrgChange::Appoint {
                        employee: dewi,
                        position: target,
                    },
                ),
            ],
            &hr_admin(),
            today,
        )
        .await
        .unwrap();
    let mine = w
        .store
        .org_changes_of_employee(w.agency, dewi)
        .await
        .unwrap();
    let kinds: Vec<(&str, OrgChangeState)> = mine
        .iter()
        .map(|c| (c.change.change.code(), c.state))
        .collect();
    assert_eq!(
        kinds,
        [
            ("appoint", OrgChangeState::Pending),
            ("set_grade", OrgChangeState::Applied),
        ]
    );
    assert_eq!(mine[0].change.effective, day("2026-04-01"));
    assert_eq!(mine[0].change.basis.number, "821.2/045/BKPSDM/2026");
    assert_eq!(mine[0].recorded_by, "Admin Kepegawaian");
    let theirs = w
        .store
        .org_changes_of_employee(w.agency, other)
        .await
        .unwrap();
    assert_eq!(theirs.len(), 1);
    // Another agency's id reads nothing.
    let none = w
        .store
        .org_changes_of_employee(
            sikerja_domain::organisation::AgencyId(w.agency.0 + 99),
            dewi,
        )
        .await
        .unwrap();
    assert!(none.is_empty());
}

#[tokio::test]
async fn the_hr_admin_s_search_filters_by_unit_employment_type_and_no_position() {
    use sikerja_domain::org::EmploymentType;
    use sikerja_storage::EmployeeFilter;
    let (w, dewi, _, _) = world().await;
    let org = w.store.load_organisation(w.agency).await.unwrap();
    let seksi = org
        .units
        .iter()
        .find(|u| u.name == "Seksi Pelayanan Rujukan")
        .unwrap()
        .id;
    let find = |f: EmployeeFilter| {
        let store = &w.store;
        async move {
            let page = store
                .employees(&EmployeeFilter { limit: 100, ..f })
                .await
                .unwrap();
            let mut ids: Vec<EmployeeId> = page.items.iter().map(|v| v.employee.id).collect();
            ids.sort();
            assert_eq!(page.total, ids.len() as u64);
            ids
        }
    };
    let mut in_seksi = vec![w.id(&w.d.kasi).await, dewi, w.id(&w.d.pelaksana).await];
    in_seksi.sort();
    let unit = EmployeeFilter {
        agency: Some(w.agency),
        unit: Some(seksi),
        ..Default::default()
    };
    assert_eq!(find(unit.clone()).await, in_seksi);
    assert!(
        find(EmployeeFilter {
            employment: Some(EmploymentType::Pppk),
            ..unit.clone()
        })
        .await
        .is_empty()
    );
    assert_eq!(
        find(EmployeeFilter {
            employment: Some(EmploymentType::Pns),
            ..unit.clone()
        })
        .await,
        in_seksi
    );
    let unplaced = EmployeeFilter {
        agency: Some(w.agency),
        without_position: true,
        ..Default::default()
    };
    assert!(find(unplaced.clone()).await.is_empty());
    w.store
        .record_org_changes(
            w.agency,
            &[dated("2026-03-01", OrgChange::Vacate { employee: dewi })],
            &hr_admin(),
            day("2026-03-05"),
        )
        .await
        .unwrap();
    assert_eq!(find(unplaced).await, vec![dewi]);
    assert!(!find(unit).await.contains(&dewi));
}
