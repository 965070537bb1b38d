//! Conformance: credentials, sessions and sign-in throttling counters on whichever backend
//! `SIKERJA_TEST_DATABASE_URL` selects (SQLite temp files otherwise).
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use chrono::{TimeDelta, Utc};
use common::dinkes;
use sikerja_domain::Nip;
use sikerja_storage::ThrottlePolicy;
use sikerja_storage::testing::fresh_store;

const POLICY: ThrottlePolicy = ThrottlePolicy {
    limit: 3,
    window: TimeDelta::minutes(15),
    lock: TimeDelta::minutes(15),
};

#[tokio::test]
async fn a_password_is_set_replaced_and_found_by_nip() {
    let store = fresh_store().await;
    let d = dinkes("kab-banjar");
    store
        .import_agency(&d.builder.build(), "tester")
        .await
        .unwrap();
    let id = store.employee_by_nip(&d.kasi).await.unwrap().employee.id;

    assert!(store.credential_by_nip(&d.kasi).await.unwrap().is_none());
    store
        .set_password(id, "$argon2id$first", true)
        .await
        .unwrap();
    let c = store.credential_by_nip(&d.kasi).await.unwrap().unwrap();
    assert_eq!(c.employee, id);
    assert_eq!(c.password_hash, "$argon2id$first");
    assert!(c.must_change);
    assert_eq!(c.nip, d.kasi.as_str());

    store
        .set_password(id, "$argon2id$second", false)
        .await
        .unwrap();
    let c = store.credential(id).await.unwrap().unwrap();
    assert_eq!(c.password_hash, "$argon2id$second");
    assert!(!c.must_change);

    let unknown = Nip::parse("199901012024011999").unwrap();
    assert!(store.credential_by_nip(&unknown).await.unwrap().is_none());
}

#[tokio::test]
async fn sessions_are_created_once_saved_loaded_deleted_and_expire() {
    let store = fresh_store().await;
    let later = Utc::now() + TimeDelta::hours(1);
    assert!(
        store
            .create_session("s1", "{\"a\":1}", later)
            .await
            .unwrap()
    );
    assert!(!store.create_session("s1", "{}", later).await.unwrap());
    assert_eq!(
        store.load_session("s1").await.unwrap().as_deref(),
        Some("{\"a\":1}")
    );

    store.save_session("s1", "{\"a\":2}", later).await.unwrap();
    assert_eq!(
        store.load_session("s1").await.unwrap().as_deref(),
        Some("{\"a\":2}")
    );
    store.delete_session("s1").await.unwrap();
    assert!(store.load_session("s1").await.unwrap().is_none());

    let past = Utc::now() - TimeDelta::minutes(1);
    store.save_session("old", "{}", past).await.unwrap();
    store.save_session("new", "{}", later).await.unwrap();
    assert!(store.load_session("old").await.unwrap().is_none());
    assert_eq!(store.delete_expired_sessions().await.unwrap(), 1);
    assert!(store.load_session("new").await.unwrap().is_some());
}

#[tokio::test]
async fn failures_up_to_the_limit_lock_a_key_and_a_reset_clears_it() {
    let store = fresh_store().await;
    assert!(!store.sign_in_locked("nip:1").await.unwrap());
    assert!(!store.record_failed_sign_in("nip:1", POLICY).await.unwrap());
    assert!(!store.record_failed_sign_in("nip:1", POLICY).await.unwrap());
    assert!(!store.sign_in_locked("nip:1").await.unwrap());
    assert!(store.record_failed_sign_in("nip:1", POLICY).await.unwrap());
    assert!(store.sign_in_locked("nip:1").await.unwrap());
    assert!(
        !store.sign_in_locked("nip:2").await.unwrap(),
        "other keys are untouched"
    );

    store.reset_sign_in_attempts("nip:1").await.unwrap();
    assert!(!store.sign_in_locked("nip:1").await.unwrap());
}

#[tokio::test]
async fn failures_outside_the_window_start_a_new_count() {
    let store = fresh_store().await;
    let short = ThrottlePolicy {
        window: TimeDelta::zero(),
        ..POLICY
    };
    for _ in 0..5 {
        assert!(!store.record_failed_sign_in("ip:x", short).await.unwrap());
    }
    assert!(!store.sign_in_locked("ip:x").await.unwrap());
}
