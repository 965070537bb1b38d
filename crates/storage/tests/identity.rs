//! Conformance: credentials and sessions on whichever backend
//! `SIKERJA_TEST_DATABASE_URL` selects (SQLite temp files otherwise). The throttling of sign-in
//! attempts and device cookies: `sign_in_throttle.rs`.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use chrono::{TimeDelta, Utc};
use common::dinkes;
use sikerja_domain::Nip;
use sikerja_storage::testing::fresh_store;

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
