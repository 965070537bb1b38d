//! Conformance: the audit trail is a verifiable hash chain (issue 3 point 6) on whichever
//! backend `SIKERJA_TEST_DATABASE_URL` selects (SQLite temp files otherwise).
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::{Builder, dinkes};
use sikerja_domain::org::{DepartmentKind, PositionClass, UnitKind};
use sikerja_domain::organisation::{AgencyId, AgencyPolicy, PositionId};
use sikerja_storage::testing::{TestStore, fresh_store};
use sikerja_storage::{AuditBreak, AuditFilter, AuditVerification, ManualPlacementInput};

/// Two imports, a re-import, a policy change and a manual placement (KED-09): five entries.
async fn store_with_history() -> (TestStore, AgencyId) {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    let agency = store
        .import_agency(&d.builder.build(), "operator")
        .await
        .unwrap()
        .agency;
    store
        .import_agency(&small_agency("kab-tapin", 5000), "operator")
        .await
        .unwrap();
    store
        .import_agency(&d.builder.build(), "operator")
        .await
        .unwrap();
    let policy = AgencyPolicy {
        span_of_control_threshold: 9,
        ..AgencyPolicy::default()
    };
    store
        .set_agency_policy(agency, policy, "admin")
        .await
        .unwrap();
    let utama = store
        .employee_by_nip(&d.ahli_utama)
        .await
        .unwrap()
        .employee
        .id;
    let org = store.load_organisation(agency).await.unwrap();
    let kadis: PositionId = org.positions.iter().find(|p| p.code == "kadis").unwrap().id;
    store
        .record_manual_placement(&ManualPlacementInput {
            employee: utama,
            superior_position: kadis,
            assessor_position: kadis,
            justification: "Ditetapkan di bawah Kepala Dinas".into(),
            decided_by: "Kepala BKPSDM".into(),
            decided_as: None,
        })
        .await
        .unwrap();
    (store, agency)
}

/// A one-person agency whose NIP (`nip_from`) no other test agency uses.
fn small_agency(code: &str, nip_from: u32) -> sikerja_domain::bundle::AgencyBundle {
    let mut b = Builder::new(code).nips_from(nip_from);
    b.department(
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
    b.employee("Orang Baru", Some("sekda"));
    b.build()
}

fn broken_at(v: &AuditVerification) -> (i64, &AuditBreak) {
    match v {
        AuditVerification::Broken { seq, problem } => (*seq, problem),
        AuditVerification::Intact { .. } => panic!("the chain should be broken"),
    }
}

#[tokio::test]
async fn a_fresh_database_has_an_intact_empty_chain() {
    let store = fresh_store().await;
    assert_eq!(
        store.verify_audit().await.unwrap(),
        AuditVerification::Intact {
            entries: 0,
            head: None
        }
    );
}

#[tokio::test]
async fn the_chain_verifies_after_imports_a_policy_change_and_a_manual_placement() {
    let (store, _) = store_with_history().await;
    let page = store.audit_entries(&AuditFilter::default()).await.unwrap();
    assert_eq!(page.total, 5);
    let seqs: Vec<i64> = page.items.iter().map(|e| e.seq).collect();
    assert_eq!(seqs, [5, 4, 3, 2, 1], "newest first, numbered without gaps");
    assert_eq!(page.items[4].prev_hash, "0".repeat(64));
    for pair in page.items.windows(2) {
        assert_eq!(
            pair[0].prev_hash, pair[1].hash,
            "each entry links to the one before"
        );
    }
    assert_eq!(
        store.verify_audit().await.unwrap(),
        AuditVerification::Intact {
            entries: 5,
            head: Some(page.items[0].hash.clone())
        }
    );
}

#[tokio::test]
async fn audit_entries_filter_by_entity_actor_action_and_date_and_audit_of_gives_a_records_history()
{
    let (store, agency) = store_with_history().await;
    let filter = AuditFilter {
        actor: Some("operator".into()),
        limit: 2,
        ..AuditFilter::default()
    };
    let page = store.audit_entries(&filter).await.unwrap();
    assert_eq!((page.total, page.items.len()), (3, 2));
    assert_eq!(page.items[0].action, "agency.replace");
    let filter = AuditFilter {
        action: Some("agency.policy".into()),
        ..AuditFilter::default()
    };
    let page = store.audit_entries(&filter).await.unwrap();
    assert_eq!(page.total, 1);
    assert!(
        page.items[0]
            .summary
            .contains("\"span_of_control_threshold\":9")
    );
    let filter = AuditFilter {
        until: Some(chrono::Utc::now() - chrono::Duration::days(1)),
        ..AuditFilter::default()
    };
    assert_eq!(store.audit_entries(&filter).await.unwrap().total, 0);
    let filter = AuditFilter {
        from: Some(chrono::Utc::now() - chrono::Duration::days(1)),
        entity: Some("agency".into()),
        ..AuditFilter::default()
    };
    assert_eq!(store.audit_entries(&filter).await.unwrap().total, 4);

    let history = store
        .audit_of("agency", &agency.0.to_string())
        .await
        .unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["agency.import", "agency.replace", "agency.policy"]
    );
}

#[tokio::test]
async fn a_summary_edited_through_raw_sql_is_found_at_that_entry() {
    let (store, _) = store_with_history().await;
    let n = store
        .execute_sql("UPDATE audit_log SET summary = '{\"code\":\"palsu\"}' WHERE seq = 3")
        .await
        .unwrap();
    assert_eq!(n, 1);
    let v = store.verify_audit().await.unwrap();
    let (seq, problem) = broken_at(&v);
    assert_eq!(seq, 3);
    assert!(
        matches!(problem, AuditBreak::HashMismatch { .. }),
        "{problem:?}"
    );
}

#[tokio::test]
async fn a_deleted_middle_entry_is_found_as_a_gap_at_the_next_entry() {
    let (store, _) = store_with_history().await;
    store
        .execute_sql("DELETE FROM audit_log WHERE seq = 2")
        .await
        .unwrap();
    let v = store.verify_audit().await.unwrap();
    assert_eq!(
        broken_at(&v),
        (
            3,
            &AuditBreak::Gap {
                expected: 2,
                found: 3
            }
        )
    );
}

#[tokio::test]
async fn a_changed_hash_is_found_at_that_entry() {
    let (store, _) = store_with_history().await;
    let fake = "f".repeat(64);
    store
        .execute_sql(&format!(
            "UPDATE audit_log SET hash = '{fake}' WHERE seq = 4"
        ))
        .await
        .unwrap();
    let v = store.verify_audit().await.unwrap();
    let (seq, problem) = broken_at(&v);
    assert_eq!(seq, 4);
    assert!(
        matches!(problem, AuditBreak::HashMismatch { stored, .. } if *stored == fake),
        "{problem:?}"
    );
}

#[tokio::test]
async fn a_rehashed_entry_still_breaks_the_link_of_the_next_one() {
    let (store, _) = store_with_history().await;
    let fake = "e".repeat(64);
    store
        .execute_sql(&format!(
            "UPDATE audit_log SET prev_hash = '{fake}' WHERE seq = 5"
        ))
        .await
        .unwrap();
    let v = store.verify_audit().await.unwrap();
    let (seq, problem) = broken_at(&v);
    assert_eq!(seq, 5);
    assert!(
        matches!(problem, AuditBreak::PrevHashMismatch { .. }),
        "{problem:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn eight_concurrent_policy_changes_leave_one_unforked_chain() {
    // Eight agencies, so the changes do not queue on one agency row: only the audit append
    // itself serialises them.
    let store = fresh_store().await;
    let mut agencies = Vec::new();
    for i in 0..8u32 {
        let bundle = small_agency(&format!("kab-{i}"), 6000 + i);
        agencies.push(
            store
                .import_agency(&bundle, "operator")
                .await
                .unwrap()
                .agency,
        );
    }
    let tasks: Vec<_> = agencies
        .into_iter()
        .enumerate()
        .map(|(i, agency)| {
            let store = store.store().clone();
            tokio::spawn(async move {
                let policy = AgencyPolicy {
                    span_of_control_threshold: 5 + i as u32,
                    ..AgencyPolicy::default()
                };
                store
                    .set_agency_policy(agency, policy, &format!("admin-{i}"))
                    .await
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    match store.verify_audit().await.unwrap() {
        AuditVerification::Intact { entries, .. } => assert_eq!(entries, 16),
        other => panic!("the chain forked: {other:?}"),
    }
}

#[tokio::test]
async fn a_failed_import_adds_no_audit_entry() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    store
        .import_agency(&d.builder.build(), "operator")
        .await
        .unwrap();
    // The same NIPs in another agency: refused inside the transaction, so rolled back.
    assert!(
        store
            .import_agency(&dinkes("kab-tapin").builder.build(), "operator")
            .await
            .is_err()
    );
    assert_eq!(
        store
            .audit_entries(&AuditFilter::default())
            .await
            .unwrap()
            .total,
        1
    );
    assert!(matches!(
        store.verify_audit().await.unwrap(),
        AuditVerification::Intact { entries: 1, .. }
    ));
}

#[tokio::test]
async fn rows_written_before_the_chain_are_chained_once_by_migrate() {
    let (store, _) = store_with_history().await;
    // What a database migrated before `m20261202_000003_audit_chain` looks like.
    store
        .execute_sql("UPDATE audit_log SET seq = NULL, prev_hash = NULL, hash = NULL")
        .await
        .unwrap();
    store.migrate().await.unwrap();
    assert!(matches!(
        store.verify_audit().await.unwrap(),
        AuditVerification::Intact { entries: 5, .. }
    ));
}

#[tokio::test]
async fn an_unchained_row_next_to_a_chain_is_reported_and_not_repaired_by_migrate() {
    let (store, _) = store_with_history().await;
    store
        .execute_sql("UPDATE audit_log SET seq = NULL, hash = NULL WHERE seq = 5")
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let v = store.verify_audit().await.unwrap();
    assert_eq!(broken_at(&v), (5, &AuditBreak::Unchained { count: 1 }));
}

#[tokio::test]
async fn each_entry_names_the_agency_of_its_record_and_the_filter_keeps_to_one_agency() {
    let (store, banjar) = store_with_history().await;
    let tapin = store.agency_by_code("kab-tapin").await.unwrap().id;
    let person = store
        .employees(&sikerja_storage::EmployeeFilter {
            agency: Some(tapin),
            department: None,
            search: None,
            limit: 1,
            offset: 0,
        })
        .await
        .unwrap()
        .items[0]
        .employee
        .id;
    // An event recorded by kind and id finds the agency of the person itself.
    store
        .record_event(
            "Pegawai Tapin (NIP 5000)",
            None,
            "session.signed_in",
            "employee",
            &person.0.to_string(),
            serde_json::json!({}),
        )
        .await
        .unwrap();
    let all = store.audit_entries(&AuditFilter::default()).await.unwrap();
    assert_eq!(all.total, 6);
    assert!(
        all.items.iter().all(|e| e.agency.is_some()),
        "{:?}",
        all.items
    );
    let of = |agency: AgencyId| AuditFilter {
        agency: Some(agency.0),
        ..AuditFilter::default()
    };
    let banjar_entries = store.audit_entries(&of(banjar)).await.unwrap();
    assert_eq!(banjar_entries.total, 4, "{:?}", banjar_entries.items);
    assert!(
        banjar_entries
            .items
            .iter()
            .all(|e| e.agency == Some(banjar.0))
    );
    let tapin_entries = store.audit_entries(&of(tapin)).await.unwrap();
    let actions: Vec<_> = tapin_entries
        .items
        .iter()
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(actions, ["session.signed_in", "agency.import"]);
    // The agency is part of what the hash covers; the chain stays whole.
    assert!(matches!(
        store.verify_audit().await.unwrap(),
        AuditVerification::Intact { entries: 6, .. }
    ));
}

#[tokio::test]
async fn an_entry_moved_to_another_agency_or_out_of_every_agency_is_found() {
    for change in ["agency_id = agency_id + 1000", "agency_id = NULL"] {
        let (store, _) = store_with_history().await;
        let n = store
            .execute_sql(&format!("UPDATE audit_log SET {change} WHERE seq = 2"))
            .await
            .unwrap();
        assert_eq!(n, 1);
        let v = store.verify_audit().await.unwrap();
        let (seq, problem) = broken_at(&v);
        assert_eq!(seq, 2, "{change}");
        assert!(
            matches!(problem, AuditBreak::HashMismatch { .. }),
            "{change}: {problem:?}"
        );
    }
}
