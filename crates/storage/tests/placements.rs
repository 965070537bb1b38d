//! Conformance: stored placements (KED-01..04, KED-09..12) on whichever backend
//! `SIKERJA_TEST_DATABASE_URL` selects (SQLite temp files otherwise).
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::{Builder, dinkes};
use sikerja_domain::Nip;
use sikerja_domain::org::{ActingKind, AssessorPolicy, DepartmentKind, PositionClass, UnitKind};
use sikerja_domain::organisation::{AgencyId, AgencyPolicy, PositionId};
use sikerja_storage::testing::{TestStore, fresh_store};
use sikerja_storage::{
    ManualPlacementInput, PlacementFilter, PlacementStatus, PlacementView, StorageError,
};

async fn placement(store: &TestStore, nip: &Nip) -> PlacementView {
    let id = store.employee_by_nip(nip).await.unwrap().employee.id;
    store.placement_of(id).await.unwrap().expect("a placement")
}

async fn position_id(store: &TestStore, agency: AgencyId, code: &str) -> PositionId {
    let org = store.load_organisation(agency).await.unwrap();
    org.positions
        .iter()
        .find(|p| p.code == code)
        .expect(code)
        .id
}

#[tokio::test]
async fn ked_01_to_04_placements_are_stored_with_superior_assessor_rule_and_article() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap();

    let p = placement(&store, &d.ahli_pertama).await;
    assert_eq!(p.status, PlacementStatus::Placed);
    assert_eq!(p.rule_id, "KED-03");
    assert_eq!(p.article, "Lampiran I.B.1.c.3");
    assert_eq!(p.superior.as_ref().unwrap().person.nip, d.kasi);
    assert_eq!(p.assessor.as_ref().unwrap().person.nip, d.kasi);
    assert_eq!(p.assessor.as_ref().unwrap().class, PositionClass::Pengawas);
    assert_eq!(p.unit_name, "Seksi Pelayanan Rujukan");
    assert_eq!(p.department_name, "Dinas Kesehatan");
    assert!(p.manual.is_none() && p.reason.is_none());

    assert_eq!(placement(&store, &d.pelaksana).await.rule_id, "KED-04");
    let muda = placement(&store, &d.ahli_muda).await;
    assert_eq!(
        (muda.rule_id.as_str(), &muda.assessor.unwrap().person.nip),
        ("KED-02", &d.kabid)
    );
    let madya = placement(&store, &d.ahli_madya).await;
    assert_eq!(
        (madya.rule_id.as_str(), &madya.assessor.unwrap().person.nip),
        ("KED-01", &d.kadis)
    );

    let kadis = store.employee_by_nip(&d.kadis).await.unwrap().employee.id;
    assert!(
        store.placement_of(kadis).await.unwrap().is_none(),
        "structural officials are not placed"
    );
}

#[tokio::test]
async fn ked_09_a_case_no_rule_covers_is_stored_as_unresolved_with_its_reason() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap();
    let p = placement(&store, &d.ahli_utama).await;
    assert_eq!(p.status, PlacementStatus::Unresolved);
    assert_eq!(p.rule_id, "KED-09");
    assert!(p.assessor.is_none() && p.superior.is_none());
    assert!(
        p.reason.as_deref().unwrap().contains("Ahli Utama"),
        "{:?}",
        p.reason
    );
}

#[tokio::test]
async fn placements_are_filtered_by_department_unit_status_rule_and_search() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    let agency = store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap()
        .agency;
    let all = store.placements(&PlacementFilter::default()).await.unwrap();
    assert_eq!(all.len(), 6);
    assert_eq!(
        all[0].department_name, "Dinas Kesehatan",
        "ordered by department"
    );

    let depts = store.departments(Some(agency)).await.unwrap();
    let dinkes_id = depts[0].department.id;
    let f = |filter: PlacementFilter| {
        let store = &store;
        async move { store.placements(&filter).await.unwrap() }
    };
    assert_eq!(
        f(PlacementFilter {
            department: Some(dinkes_id),
            ..Default::default()
        })
        .await
        .len(),
        5
    );
    let unresolved = f(PlacementFilter {
        status: Some(PlacementStatus::Unresolved),
        ..Default::default()
    })
    .await;
    assert_eq!(unresolved.len(), 1);
    assert_eq!(unresolved[0].employee.nip, d.ahli_utama);
    assert_eq!(
        f(PlacementFilter {
            rule_id: Some("KED-01".into()),
            ..Default::default()
        })
        .await
        .len(),
        2
    );
    let seksi = all
        .iter()
        .find(|p| p.employee.nip == d.pelaksana)
        .unwrap()
        .unit;
    assert_eq!(
        f(PlacementFilter {
            unit: Some(seksi),
            ..Default::default()
        })
        .await
        .len(),
        2
    );
    let dewi = f(PlacementFilter {
        search: Some("DEWI".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(dewi.len(), 1);
    assert_eq!(dewi[0].employee.nip, d.ahli_pertama);
    let by_nip = f(PlacementFilter {
        search: Some(d.pelaksana.spaced()),
        ..Default::default()
    })
    .await;
    assert_eq!(by_nip.len(), 1);
    assert_eq!(by_nip[0].employee.nip, d.pelaksana);
    let other_agency = f(PlacementFilter {
        agency: Some(AgencyId(agency.0 + 1000)),
        ..Default::default()
    })
    .await;
    assert!(other_agency.is_empty());
}

#[tokio::test]
async fn search_with_sql_injection_text_matches_nothing_and_harms_nothing() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap();
    for text in [
        "' OR 1=1 --",
        "'; DROP TABLE employees; --",
        "%",
        "_",
        "\\",
        "\" OR \"\"=\"",
    ] {
        let found = store
            .placements(&PlacementFilter {
                search: Some(text.into()),
                ..Default::default()
            })
            .await
            .unwrap();
        assert!(found.is_empty(), "{text:?} matched {}", found.len());
        let page = store
            .employees(&sikerja_storage::EmployeeFilter {
                search: Some(text.into()),
                limit: 50,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(page.total, 0, "{text:?}");
    }
    assert_eq!(
        store
            .placements(&PlacementFilter::default())
            .await
            .unwrap()
            .len(),
        6
    );
}

fn manual_input(
    employee: sikerja_domain::organisation::EmployeeId,
    superior: PositionId,
    assessor: PositionId,
    justification: &str,
) -> ManualPlacementInput {
    ManualPlacementInput {
        employee,
        superior_position: superior,
        assessor_position: assessor,
        justification: justification.into(),
        decided_by: "Kepala BKPSDM".into(),
        decided_as: None,
    }
}

#[tokio::test]
async fn ked_09_manual_placement_is_refused_with_a_blank_justification_and_nothing_is_written() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    let agency = store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap()
        .agency;
    let utama = store
        .employee_by_nip(&d.ahli_utama)
        .await
        .unwrap()
        .employee
        .id;
    let kadis = position_id(&store, agency, "kadis").await;
    let err = store
        .record_manual_placement(&manual_input(utama, kadis, kadis, "   "))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StorageError::Invalid {
                code: "manual_justification_blank",
                ..
            }
        ),
        "{err:?}"
    );
    let p = placement(&store, &d.ahli_utama).await;
    assert_eq!(p.status, PlacementStatus::Unresolved);
    assert!(p.manual.is_none());
}

#[tokio::test]
async fn ked_09_manual_placement_is_refused_for_an_employee_a_rule_already_placed() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    let agency = store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap()
        .agency;
    let pertama = store
        .employee_by_nip(&d.ahli_pertama)
        .await
        .unwrap()
        .employee
        .id;
    let kadis = position_id(&store, agency, "kadis").await;
    let err = store
        .record_manual_placement(&manual_input(pertama, kadis, kadis, "alasan"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "manual_not_unresolved");
    assert_eq!(placement(&store, &d.ahli_pertama).await.rule_id, "KED-03");
}

#[tokio::test]
async fn ked_09_manual_placement_is_refused_for_a_low_vacant_or_foreign_position() {
    let store = fresh_store().await;
    let mut d = dinkes("kab-banjar");
    // A Seksi whose head post nobody holds.
    d.builder
        .bundle
        .units
        .push(sikerja_domain::bundle::UnitRecord {
            code: "dinkes-yankes-lain".into(),
            department_code: "dinkes".into(),
            parent_code: Some("dinkes-yankes".into()),
            name: "Seksi Lain".into(),
            kind: UnitKind::Section,
            is_org_unit: false,
        });
    d.builder.head(
        "kasi-kosong",
        "dinkes-yankes-lain",
        "Kepala Seksi Kosong",
        PositionClass::Pengawas,
    );
    let agency = store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap()
        .agency;

    let mut other = Builder::new("kab-tapin").nips_from(5000);
    other
        .department(
            "setda",
            "Sekretariat Daerah",
            DepartmentKind::RegionalSecretariat,
        )
        .unit(
            "setda",
            "setda",
            None,
            "Sekretariat Daerah",
            UnitKind::Department,
        )
        .head("sekda", "setda", "Sekretaris Daerah", PositionClass::Jpt);
    other.employee("Orang Lain", Some("sekda"));
    let tapin = store
        .import_agency(&other.build(), "tester")
        .await
        .unwrap()
        .agency;

    let utama = store
        .employee_by_nip(&d.ahli_utama)
        .await
        .unwrap()
        .employee
        .id;
    let kadis = position_id(&store, agency, "kadis").await;
    let jf = position_id(&store, agency, "jf-pertama").await;
    let vacant = position_id(&store, agency, "kasi-kosong").await;
    let sekda = position_id(&store, tapin, "sekda").await;
    let cases = [
        (kadis, jf, "manual_assessor_class"),
        (kadis, vacant, "manual_position_vacant"),
        (sekda, kadis, "manual_position_other_agency"),
    ];
    for (superior, assessor, code) in cases {
        let err = store
            .record_manual_placement(&manual_input(utama, superior, assessor, "alasan"))
            .await
            .unwrap_err();
        assert_eq!(err.code(), code);
    }
    let err = store
        .record_manual_placement(&manual_input(utama, PositionId(999_999), kadis, "alasan"))
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        StorageError::NotFound {
            what: "position",
            ..
        }
    ));
    assert_eq!(
        placement(&store, &d.ahli_utama).await.status,
        PlacementStatus::Unresolved
    );
}

#[tokio::test]
async fn ked_09_an_accepted_manual_placement_shows_as_manual_with_who_and_when_and_survives_reimport()
 {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    let agency = store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap()
        .agency;
    let utama = store
        .employee_by_nip(&d.ahli_utama)
        .await
        .unwrap()
        .employee
        .id;
    let kadis = position_id(&store, agency, "kadis").await;
    let before = chrono::Utc::now();
    let view = store
        .record_manual_placement(&manual_input(
            utama,
            kadis,
            kadis,
            " Ditetapkan langsung di bawah Kepala Dinas ",
        ))
        .await
        .unwrap();
    assert_eq!(view.status, PlacementStatus::Placed);
    assert_eq!(view.rule_id, "KED-09");
    assert_eq!(view.assessor.as_ref().unwrap().person.nip, d.kadis);
    let record = view.manual.as_ref().expect("manual record");
    assert_eq!(record.decided_by, "Kepala BKPSDM");
    assert_eq!(
        record.justification,
        "Ditetapkan langsung di bawah Kepala Dinas"
    );
    assert!(record.decided_at >= before - chrono::Duration::seconds(1));

    store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap();
    let again = placement(&store, &d.ahli_utama).await;
    assert_eq!(again.status, PlacementStatus::Placed);
    assert_eq!(again.manual.as_ref().unwrap().decided_by, "Kepala BKPSDM");
    let history = store.placement_history(utama).await.unwrap();
    assert_eq!(history.len(), 2, "unresolved, then the manual decision");
    assert!(history[1].manual && history[1].assessor.is_some());
}

#[tokio::test]
async fn ked_11_a_ppk_change_on_reimport_writes_a_placement_history_row() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap();
    let pertama = store
        .employee_by_nip(&d.ahli_pertama)
        .await
        .unwrap()
        .employee
        .id;
    let muda = store
        .employee_by_nip(&d.ahli_muda)
        .await
        .unwrap()
        .employee
        .id;
    assert_eq!(store.placement_history(pertama).await.unwrap().len(), 1);

    // The Kepala Seksi leaves: the post is vacant, so KED-03 goes one level up to the Kabid.
    let mut next = d.builder.build();
    next.employees.retain(|e| e.nip != d.kasi);
    store.import_agency(&next, "tester").await.unwrap();

    let history = store.placement_history(pertama).await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].assessor.as_ref().unwrap().person.nip, d.kasi);
    assert_eq!(
        history[0].assessor.as_ref().unwrap().position_name,
        "Kepala Seksi Pelayanan Rujukan"
    );
    assert_eq!(history[1].assessor.as_ref().unwrap().person.nip, d.kabid);
    assert_eq!(history[1].rule_id, "KED-03");
    assert!(history[1].changed_at >= history[0].changed_at);
    assert_eq!(
        store.placement_history(muda).await.unwrap().len(),
        1,
        "unchanged PPK, no new row"
    );

    let agency = store.agency_by_code("kab-banjar").await.unwrap().id;
    let again = store.recompute_placements(agency).await.unwrap();
    assert_eq!(again.assessor_changes, 0);
    // The Pelaksana stays unresolved: KED-05 applies only when the structure has no Pengawas.
    assert_eq!((again.placed, again.unresolved), (4, 2));
}

#[tokio::test]
async fn ked_11_an_acting_official_is_stored_as_acting() {
    let store = fresh_store().await;
    let mut d = dinkes("kab-banjar");
    let kabid = d.kabid.clone();
    d.builder.bundle.employees.retain(|e| e.nip != d.kasi);
    d.builder.acting(&kabid, "kasi-rujukan", ActingKind::Plt);
    store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap();
    let p = placement(&store, &d.ahli_pertama).await;
    let assessor = p.assessor.unwrap();
    assert_eq!(assessor.person.nip, kabid);
    assert_eq!(assessor.position_name, "Kepala Seksi Pelayanan Rujukan");
    assert_eq!(assessor.acting, Some(ActingKind::Plt));
}

#[tokio::test]
async fn ked_10_span_of_control_counts_people_and_flags_officials_above_the_threshold() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    let agency = store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap()
        .agency;
    store
        .set_agency_policy(
            agency,
            AgencyPolicy {
                assessor_policy: AssessorPolicy::PlacementDecides,
                span_of_control_threshold: 1,
            },
            "tester",
        )
        .await
        .unwrap();
    let dept = store.departments(Some(agency)).await.unwrap()[0]
        .department
        .id;
    let spans = store.span_of_control(dept).await.unwrap();
    let kasi = spans
        .iter()
        .find(|s| s.official.person.nip == d.kasi)
        .unwrap();
    assert_eq!((kasi.placed, kasi.assessed, kasi.threshold), (2, 2, 1));
    assert!(kasi.over_threshold);
    let kabid = spans
        .iter()
        .find(|s| s.official.person.nip == d.kabid)
        .unwrap();
    assert_eq!(kabid.placed, 1);
    assert!(!kabid.over_threshold);
    assert_eq!(spans[0].official.person.nip, d.kasi, "largest span first");
    assert!(matches!(
        store
            .span_of_control(sikerja_domain::organisation::DepartmentId(987_654))
            .await,
        Err(StorageError::NotFound { .. })
    ));
}

#[tokio::test]
async fn ked_12_policy_switch_makes_the_administrator_assessor_and_records_the_pengawas_as_coordinator()
 {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    let agency = store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap()
        .agency;
    let alternative = AgencyPolicy {
        assessor_policy: AssessorPolicy::AdministratorAssesses,
        span_of_control_threshold: 15,
    };
    store
        .set_agency_policy(agency, alternative, "tester")
        .await
        .unwrap();
    assert_eq!(store.agency(agency).await.unwrap().policy, alternative);

    let p = placement(&store, &d.ahli_pertama).await;
    assert_eq!(p.superior.as_ref().unwrap().person.nip, d.kasi);
    assert_eq!(p.assessor.as_ref().unwrap().person.nip, d.kabid);
    assert_eq!(p.coordinator.as_ref().unwrap().person.nip, d.kasi);
    assert_eq!(p.rule_id, "KED-03");
    assert_eq!(p.assessor_rule_id.as_deref(), Some("KED-12"));
    assert!(p.assessor_article.is_some());
    let twelve = store
        .placements(&PlacementFilter {
            rule_id: Some("KED-12".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        twelve.len(),
        2,
        "Ahli Pertama and Pelaksana under the Pengawas"
    );

    let id = store
        .employee_by_nip(&d.ahli_pertama)
        .await
        .unwrap()
        .employee
        .id;
    let history = store.placement_history(id).await.unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].rule_id, "KED-12");

    store
        .set_agency_policy(agency, AgencyPolicy::default(), "tester")
        .await
        .unwrap();
    let back = placement(&store, &d.ahli_pertama).await;
    assert_eq!(back.assessor.unwrap().person.nip, d.kasi);
    assert!(back.coordinator.is_none());
    assert_eq!(store.placement_history(id).await.unwrap().len(), 3);
}

#[tokio::test]
async fn ked_11_recomputations_at_once_record_a_ppk_change_once() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    let agency = store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap()
        .agency;
    // A policy version came into force without a recomputation (a version dated earlier,
    // written past the application): the next recomputation records the change.
    let code = AssessorPolicy::AdministratorAssesses.code();
    store
        .execute_sql(&format!(
            "INSERT INTO agency_policies (agency_id, effective_from, assessor_policy, \
             span_threshold, count_window, enforce_lead_rules_within_unit, pppk_min_golongan, \
             report_period, report_grace_days, report_addressees, classifications, legal_basis, \
             recorded_by, recorded_at) VALUES ({}, '2000-01-01', '{code}', 15, 'calendar_year', \
             false, 9, 'monthly', 5, 'both', '[]', 'test', 'tester', '2026-01-01T00:00:00+00:00')",
            agency.0
        ))
        .await
        .unwrap();
    let mut runs = Vec::new();
    for _ in 0..8 {
        let store = store.store().clone();
        runs.push(tokio::spawn(async move {
            store.recompute_placements(agency).await
        }));
    }
    for r in runs {
        r.await.unwrap().unwrap();
    }
    let id = store
        .employee_by_nip(&d.ahli_pertama)
        .await
        .unwrap()
        .employee
        .id;
    let history = store.placement_history(id).await.unwrap();
    assert_eq!(
        history.len(),
        2,
        "the import and the one change: {history:?}"
    );
}

/// Issue 15 point 8: a page of the kedudukan list is cut by the database, in the order of the
/// whole list, with the count of every matching row; filters apply before the cut.
#[tokio::test]
async fn a_page_of_placements_is_cut_in_list_order_with_the_total_of_the_filter() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap();
    let all = store.placements(&PlacementFilter::default()).await.unwrap();
    let nips = |v: &[PlacementView]| v.iter().map(|p| p.employee.nip.clone()).collect::<Vec<_>>();
    let mut pages = Vec::new();
    for offset in [0, 4] {
        let page = store
            .placements_page(&PlacementFilter::default(), offset, 4)
            .await
            .unwrap();
        assert_eq!(page.total, 6);
        pages.extend(page.items);
    }
    assert_eq!(
        nips(&pages),
        nips(&all),
        "two pages give the whole list, in order"
    );
    let past = store
        .placements_page(&PlacementFilter::default(), 12, 4)
        .await
        .unwrap();
    assert!(past.items.is_empty());
    assert_eq!(past.total, 6);
    let unresolved = store
        .placements_page(
            &PlacementFilter {
                status: Some(PlacementStatus::Unresolved),
                ..Default::default()
            },
            0,
            4,
        )
        .await
        .unwrap();
    assert_eq!(unresolved.total, 1);
    assert_eq!(nips(&unresolved.items), std::slice::from_ref(&d.ahli_utama));
    let searched = store
        .placements_page(
            &PlacementFilter {
                search: Some(d.pelaksana.as_str().to_string()),
                ..Default::default()
            },
            0,
            4,
        )
        .await
        .unwrap();
    assert_eq!(searched.total, 1, "a NIP search counts through the join");
    assert_eq!(nips(&searched.items), std::slice::from_ref(&d.pelaksana));
}
