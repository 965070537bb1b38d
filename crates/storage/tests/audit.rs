//! Conformance: the audit trail is a verifiable hash chain (issue 3 point 6) on whichever
//! backend `SIKERJA_TEST_DATABASE_URL` selects (SQLite temp files otherwise).
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use common::{Builder, dinkes};
use sikerja_domain::audit::AuditAction;
use sikerja_domain::org::{DepartmentKind, PositionClass, UnitKind};
use sikerja_domain::organisation::{AgencyId, AgencyPolicy, PositionId};
use sikerja_storage::testing::{Forgery, TestStore, fresh_store, test_audit_settings};
use sikerja_storage::{
    AuditBreak, AuditFilter, AuditVerification, ManualPlacementInput, RecordLink, SignIns, Store,
};

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
        AuditVerification::Broken { seq, problem, .. } => (*seq, problem),
        AuditVerification::Intact { .. } => panic!("the chain should be broken"),
    }
}

/// The database id of the row named by a broken verification.
fn broken_id(v: &AuditVerification) -> Option<i64> {
    match v {
        AuditVerification::Broken { id, .. } => *id,
        AuditVerification::Intact { .. } => panic!("the chain should be broken"),
    }
}

/// The database id of the entry with sequence number `seq`.
async fn id_of(store: &TestStore, seq: i64) -> i64 {
    store
        .audit_rows()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.seq == Some(seq))
        .unwrap()
        .id
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
        .audit_of(
            sikerja_domain::audit::AuditSubject::Agency,
            &agency.0.to_string(),
        )
        .await
        .unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        ["agency.import", "agency.replace", "agency.policy"]
    );
}

/// Issue 15 point 5: sign-ins are listed apart (their own view) and left out of a record's
/// history; the records and actors of a page of entries are named, not numbered.
#[tokio::test]
async fn sign_ins_are_listed_apart_and_entries_name_their_records_and_actors() {
    let (store, agency) = store_with_history().await;
    let utama = store
        .employee_by_nip(&dinkes("kab-banjar").ahli_utama)
        .await
        .unwrap();
    let id = utama.employee.id.0.to_string();
    let label = format!("Yusuf Maulana (NIP {})", utama.employee.nip.spaced());
    store
        .record_event(
            &label,
            None,
            AuditAction::SessionSignedIn,
            sikerja_domain::audit::AuditSubject::Employee,
            &id,
            serde_json::json!({"client": "192.0.2.7", "known_device": false}),
        )
        .await
        .unwrap();
    let count = |sign_ins| {
        let store = &store;
        async move {
            let filter = AuditFilter {
                agency: Some(agency.0),
                sign_ins,
                ..AuditFilter::default()
            };
            store.audit_entries(&filter).await.unwrap()
        }
    };
    let only = count(SignIns::Only).await;
    assert_eq!(only.total, 1);
    assert_eq!(only.items[0].action, "session.signed_in");
    let without = count(SignIns::Excluded).await;
    assert!(
        without
            .items
            .iter()
            .all(|e| !e.action.starts_with("session."))
    );
    assert_eq!(count(SignIns::Mixed).await.total, without.total + 1);

    let employee = sikerja_domain::audit::AuditSubject::Employee;
    let history = store.record_history(employee, &id).await.unwrap();
    let actions: Vec<&str> = history.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["placement.manual"], "no sign-in in the history");
    assert_eq!(store.audit_of(employee, &id).await.unwrap().len(), 2);

    let all = count(SignIns::Mixed).await.items;
    let names = store.audit_names(&all).await.unwrap();
    let placed = all.iter().find(|e| e.action == "placement.manual").unwrap();
    let named = names.record(placed).unwrap();
    assert!(
        named.name.starts_with("Yusuf Maulana") && named.name.contains("(NIP "),
        "{named:?}"
    );
    assert_eq!(named.link, Some(RecordLink::Employee(utama.employee.id.0)));
    let imported = all.iter().find(|e| e.action == "agency.import").unwrap();
    assert!(!names.record(imported).unwrap().name.contains('#'));
    assert_eq!(names.actor(&only.items[0]), Some(utama.employee.id.0));
    assert_eq!(names.actor(imported), None, "“operator” is nobody's NIP");
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
async fn an_unchained_row_next_to_a_chain_is_reported_and_not_repaired_by_migrate() {
    let (store, _) = store_with_history().await;
    store
        .execute_sql("UPDATE audit_log SET seq = NULL, hash = NULL WHERE seq = 5")
        .await
        .unwrap();
    let id = id_of(&store, 4).await + 1;
    store.migrate().await.unwrap();
    let v = store.verify_audit().await.unwrap();
    assert_eq!(broken_at(&v), (5, &AuditBreak::Unchained { count: 1 }));
    assert_eq!(broken_id(&v), Some(id));
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
            ..Default::default()
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
            AuditAction::SessionSignedIn,
            sikerja_domain::audit::AuditSubject::Employee,
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

// Issue 12 point 4: the three attacks seen, and what verification must never do.

#[tokio::test]
async fn deleting_the_last_entries_is_found_against_the_checkpoint() {
    let (store, _) = store_with_history().await;
    let cp = store.checkpoint_audit().await.unwrap();
    assert_eq!((cp.seq, cp.entries, cp.legacy), (5, 5, 0));
    store
        .execute_sql("DELETE FROM audit_log WHERE seq >= 4")
        .await
        .unwrap();
    let v = store.verify_audit().await.unwrap();
    assert_eq!(
        broken_at(&v),
        (
            4,
            &AuditBreak::Truncated {
                last: 3,
                checkpointed: 5,
                at: cp.at.clone()
            }
        )
    );
    assert_eq!(broken_id(&v), None, "the missing entry has no row");
}

#[tokio::test]
async fn an_edited_entry_with_the_chain_recomputed_unkeyed_is_found_at_that_entry() {
    let (store, _) = store_with_history().await;
    let id = id_of(&store, 3).await;
    store
        .execute_sql("UPDATE audit_log SET summary = '{\"code\":\"palsu\"}' WHERE seq = 3")
        .await
        .unwrap();
    store.forge_chain_from(3, Forgery::Unkeyed).await.unwrap();
    let v = store.verify_audit().await.unwrap();
    assert_eq!(broken_at(&v), (3, &AuditBreak::LegacyAfterKeyed));
    assert_eq!(broken_id(&v), Some(id));
}

#[tokio::test]
async fn an_edited_entry_with_the_chain_recomputed_under_a_wrong_key_is_found_at_that_entry() {
    let (store, _) = store_with_history().await;
    let id = id_of(&store, 3).await;
    store
        .execute_sql("UPDATE audit_log SET actor = 'orang lain' WHERE seq = 3")
        .await
        .unwrap();
    store
        .forge_chain_from(
            3,
            Forgery::WrongKey("kunci-penyerang-yang-cukup-panjang-123"),
        )
        .await
        .unwrap();
    let v = store.verify_audit().await.unwrap();
    let (seq, problem) = broken_at(&v);
    assert_eq!((seq, broken_id(&v)), (3, Some(id)));
    assert!(
        matches!(problem, AuditBreak::HashMismatch { .. }),
        "{problem:?}"
    );
}

#[tokio::test]
async fn a_whole_chain_recomputed_unkeyed_is_found_by_the_checkpoint() {
    let (store, _) = store_with_history().await;
    store.checkpoint_audit().await.unwrap();
    store
        .execute_sql("UPDATE audit_log SET summary = '{}' WHERE seq = 2")
        .await
        .unwrap();
    store.forge_chain_from(1, Forgery::Unkeyed).await.unwrap();
    let v = store.verify_audit().await.unwrap();
    let (seq, problem) = broken_at(&v);
    assert_eq!((seq, broken_id(&v)), (1, Some(id_of(&store, 1).await)));
    assert!(
        matches!(problem, AuditBreak::LegacyBoundary { legacy: 0, .. }),
        "{problem:?}"
    );
}

#[tokio::test]
async fn the_first_start_checkpoints_an_empty_chain_so_a_later_unkeyed_rewrite_is_found() {
    // No checkpoint taken by hand: the one written when the database was created suffices.
    let (store, _) = store_with_history().await;
    store.forge_chain_from(1, Forgery::Unkeyed).await.unwrap();
    let v = store.verify_audit().await.unwrap();
    assert!(
        matches!(
            broken_at(&v),
            (1, AuditBreak::LegacyBoundary { legacy: 0, .. })
        ),
        "{v:?}"
    );
}

#[tokio::test]
async fn nulled_chain_columns_are_not_rechained_at_restart_and_verify_names_the_first_row() {
    let (store, _) = store_with_history().await;
    let first = id_of(&store, 1).await;
    store
        .execute_sql("UPDATE audit_log SET summary = '{}' WHERE seq = 2")
        .await
        .unwrap();
    store
        .execute_sql(
            "UPDATE audit_log SET seq = NULL, prev_hash = NULL, hash = NULL, chain_version = NULL",
        )
        .await
        .unwrap();
    let tampered = store.audit_rows().await.unwrap();
    // A restart: the store is opened again and the migrations run.
    let restarted = store.reopen().await.unwrap();
    restarted.migrate().await.unwrap();
    assert_eq!(
        store.audit_rows().await.unwrap(),
        tampered,
        "start-up rewrote audit rows"
    );
    let v = restarted.verify_audit().await.unwrap();
    assert_eq!(broken_at(&v), (1, &AuditBreak::Unchained { count: 5 }));
    assert_eq!(broken_id(&v), Some(first));
}

#[tokio::test]
async fn verify_leaves_the_database_and_the_checkpoints_unchanged() {
    let (store, _) = store_with_history().await;
    store.checkpoint_audit().await.unwrap();
    let checkpoints = std::fs::read(store.audit_checkpoint_file()).unwrap();
    for tamper in [
        None,
        Some("UPDATE audit_log SET seq = NULL, hash = NULL WHERE seq = 5"),
    ] {
        if let Some(sql) = tamper {
            store.execute_sql(sql).await.unwrap();
        }
        let before = store.audit_rows().await.unwrap();
        let read_only = Store::open_read_only(store.url(), store.audit_settings())
            .await
            .unwrap();
        assert!(
            read_only
                .record_event(
                    "uji",
                    None,
                    AuditAction::SessionSignedIn,
                    sikerja_domain::audit::AuditSubject::Employee,
                    "1",
                    serde_json::json!({})
                )
                .await
                .is_err(),
            "the verifying connection cannot write"
        );
        let first = read_only.verify_audit().await.unwrap();
        let second = store.verify_audit().await.unwrap();
        assert_eq!(first, second);
        assert_eq!(
            matches!(first, AuditVerification::Intact { entries: 5, .. }),
            tamper.is_none(),
            "{first:?}"
        );
        assert_eq!(store.audit_rows().await.unwrap(), before);
        assert_eq!(
            std::fs::read(store.audit_checkpoint_file()).unwrap(),
            checkpoints
        );
    }
}

#[tokio::test]
async fn another_key_fails_at_the_first_keyed_entry_and_an_edited_checkpoint_line_is_named() {
    let (store, _) = store_with_history().await;
    let mut other = test_audit_settings(store.audit_checkpoint_file().with_extension("lain"));
    other.key = sikerja_storage::AuditKey::from_text(&"z".repeat(40)).unwrap();
    let v = Store::open_read_only(store.url(), other)
        .await
        .unwrap()
        .verify_audit()
        .await
        .unwrap();
    assert!(
        matches!(broken_at(&v), (1, AuditBreak::HashMismatch { .. })),
        "{v:?}"
    );

    let cp = store.checkpoint_audit().await.unwrap();
    let path = store.audit_checkpoint_file().to_path_buf();
    let text = std::fs::read_to_string(&path).unwrap();
    let forged = text.replace(&format!("\"seq\":{},", cp.seq), "\"seq\":3,");
    std::fs::write(&path, forged).unwrap();
    let v = store.verify_audit().await.unwrap();
    assert!(
        matches!(
            broken_at(&v),
            (0, AuditBreak::CheckpointInvalid { line: 2, .. })
        ),
        "{v:?}"
    );

    std::fs::remove_file(&path).unwrap();
    let v = store.verify_audit().await.unwrap();
    assert!(
        matches!(broken_at(&v), (1, AuditBreak::CheckpointsMissing { .. })),
        "{v:?}"
    );
}

#[tokio::test]
async fn unkeyed_entries_of_an_older_installation_are_sealed_by_the_first_keyed_entry() {
    // An installation from before the key: its entries are version 1, and it had no
    // checkpoint file yet.
    let (store, agency) = store_with_history().await;
    store.forge_chain_from(1, Forgery::Unkeyed).await.unwrap();
    std::fs::remove_file(store.audit_checkpoint_file()).unwrap();
    let upgraded = store.reopen().await.unwrap();
    let cp = upgraded.audit_checkpoints().await.unwrap();
    assert_eq!((cp[0].seq, cp[0].legacy), (5, 5), "first start checkpoints");
    let policy = AgencyPolicy {
        span_of_control_threshold: 11,
        ..AgencyPolicy::default()
    };
    upgraded
        .set_agency_policy(agency, policy, "admin")
        .await
        .unwrap();
    assert!(
        matches!(
            upgraded.verify_audit().await.unwrap(),
            AuditVerification::Intact { entries: 6, .. }
        ),
        "version 1 then version 2 verifies"
    );
    // Editing an unkeyed entry and recomputing the unkeyed part breaks the keyed link after it.
    store
        .execute_sql("UPDATE audit_log SET summary = '{}' WHERE seq = 2")
        .await
        .unwrap();
    store.forge_chain_from(2, Forgery::Unkeyed).await.unwrap();
    let v = upgraded.verify_audit().await.unwrap();
    let (seq, problem) = broken_at(&v);
    assert_eq!(seq, 5, "the checkpointed head of the unkeyed part changed");
    assert!(
        matches!(problem, AuditBreak::CheckpointMismatch { .. }),
        "{problem:?}"
    );
}
