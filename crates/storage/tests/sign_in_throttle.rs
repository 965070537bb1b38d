//! Conformance (issue 12 point 3): sign-in attempts slowed per key with growing delays,
//! counted race-free, kept in the database across store instances; device cookies with their
//! own failure limit. On whichever backend `SIKERJA_TEST_DATABASE_URL` selects.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

use chrono::{TimeDelta, Utc};
use sikerja_storage::testing::fresh_store;
use sikerja_storage::{Admission, DevicePolicy, ThrottlePolicy};

const ACCOUNT: ThrottlePolicy = ThrottlePolicy {
    free_attempts: 3,
    first_delay: TimeDelta::minutes(1),
    max_delay: TimeDelta::minutes(15),
    forget_after: TimeDelta::hours(24),
};

const ADDRESS: ThrottlePolicy = ThrottlePolicy {
    free_attempts: 5,
    ..ACCOUNT
};

const DEVICES: DevicePolicy = DevicePolicy {
    failure_limit: 3,
    lifetime: TimeDelta::days(180),
};

fn admitted(a: Admission) -> bool {
    a == Admission::Admitted
}

#[tokio::test]
async fn attempts_beyond_the_free_ones_wait_a_growing_time() {
    let store = fresh_store().await;
    let keys = [("account:a", ACCOUNT)];
    for _ in 0..3 {
        assert!(admitted(store.admit_sign_in(&keys).await.unwrap()));
    }
    let Admission::Wait(until) = store.admit_sign_in(&keys).await.unwrap() else {
        panic!("the fourth attempt must wait");
    };
    assert!(until > Utc::now() + TimeDelta::seconds(50), "{until}");
    let state = store.sign_in_throttle_state("account:a").await.unwrap();
    assert_eq!(
        state.unwrap().failures,
        3,
        "a refused attempt is not counted"
    );
    // Another key is untouched.
    assert!(admitted(
        store
            .admit_sign_in(&[("account:b", ACCOUNT)])
            .await
            .unwrap()
    ));
}

#[tokio::test]
async fn an_attempt_is_counted_on_no_key_when_one_of_them_waits() {
    let store = fresh_store().await;
    for n in 0..3 {
        let account = format!("account:{n}");
        let keys = [
            (account.as_str(), ACCOUNT),
            ("address:198.51.100.7", ACCOUNT),
        ];
        assert!(admitted(store.admit_sign_in(&keys).await.unwrap()));
    }
    let keys = [
        ("account:victim", ACCOUNT),
        ("address:198.51.100.7", ACCOUNT),
    ];
    assert!(!admitted(store.admit_sign_in(&keys).await.unwrap()));
    assert!(
        store
            .sign_in_throttle_state("account:victim")
            .await
            .unwrap()
            .is_none()
    );
    // The same account from another address goes on.
    let keys = [
        ("account:victim", ACCOUNT),
        ("address:203.0.113.9", ACCOUNT),
    ];
    assert!(admitted(store.admit_sign_in(&keys).await.unwrap()));
}

#[tokio::test]
async fn a_success_clears_the_account_and_gives_one_attempt_back_to_the_address() {
    let store = fresh_store().await;
    for _ in 0..3 {
        let keys = [("account:a", ACCOUNT), ("address:x", ADDRESS)];
        store.admit_sign_in(&keys).await.unwrap();
    }
    store
        .sign_in_succeeded(&["account:a"], &[("address:x", ADDRESS)])
        .await
        .unwrap();
    assert!(
        store
            .sign_in_throttle_state("account:a")
            .await
            .unwrap()
            .is_none()
    );
    let address = store.sign_in_throttle_state("address:x").await.unwrap();
    assert_eq!(address.unwrap().failures, 2);
}

#[tokio::test]
async fn parallel_attempts_are_all_counted_and_cannot_slip_past_a_wait() {
    let store = fresh_store().await;
    let roomy = ThrottlePolicy {
        free_attempts: 1000,
        ..ACCOUNT
    };
    let mut tasks = Vec::new();
    for _ in 0..24 {
        let s = (*store).clone();
        tasks.push(tokio::spawn(async move {
            let a = s.admit_sign_in(&[("address:many", roomy)]).await.unwrap();
            let b = s.admit_sign_in(&[("account:few", ACCOUNT)]).await.unwrap();
            (admitted(a), admitted(b))
        }));
    }
    let mut few = 0;
    for t in tasks {
        let (a, b) = t.await.unwrap();
        assert!(a);
        few += usize::from(b);
    }
    let many = store.sign_in_throttle_state("address:many").await.unwrap();
    assert_eq!(many.unwrap().failures, 24, "every parallel attempt counted");
    assert_eq!(few, 3, "exactly the free attempts went through");
    let state = store.sign_in_throttle_state("account:few").await.unwrap();
    assert_eq!(state.unwrap().failures, 3);
}

#[tokio::test]
async fn the_throttle_and_devices_survive_a_new_store_on_the_same_database() {
    let store = fresh_store().await;
    for _ in 0..3 {
        store
            .admit_sign_in(&[("account:a", ACCOUNT)])
            .await
            .unwrap();
    }
    let token = store
        .remember_device(None, "account:a", DEVICES)
        .await
        .unwrap();
    let other = store.reopen().await.unwrap();
    assert!(!admitted(
        other
            .admit_sign_in(&[("account:a", ACCOUNT)])
            .await
            .unwrap()
    ));
    assert!(
        other
            .admit_device(&token, "account:a", DEVICES)
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn a_device_is_recognised_only_for_its_accounts_and_until_its_failure_limit() {
    let store = fresh_store().await;
    let token = store
        .remember_device(None, "account:a", DEVICES)
        .await
        .unwrap();
    assert!(
        !store
            .admit_device(&token, "account:b", DEVICES)
            .await
            .unwrap()
    );
    assert!(
        !store
            .admit_device("forged", "account:a", DEVICES)
            .await
            .unwrap()
    );
    for _ in 0..3 {
        assert!(
            store
                .admit_device(&token, "account:a", DEVICES)
                .await
                .unwrap()
        );
    }
    assert!(
        !store
            .admit_device(&token, "account:a", DEVICES)
            .await
            .unwrap(),
        "a stolen cookie gives a few guesses, not more"
    );
    assert_eq!(
        store.device_failures(&token, "account:a").await.unwrap(),
        None
    );
}

#[tokio::test]
async fn a_sign_in_renews_the_token_and_carries_the_other_accounts_over() {
    let store = fresh_store().await;
    let first = store
        .remember_device(None, "account:a", DEVICES)
        .await
        .unwrap();
    assert!(
        store
            .admit_device(&first, "account:a", DEVICES)
            .await
            .unwrap()
    );
    let second = store
        .remember_device(Some(&first), "account:b", DEVICES)
        .await
        .unwrap();
    assert_ne!(first, second);
    assert!(
        !store
            .admit_device(&first, "account:a", DEVICES)
            .await
            .unwrap()
    );
    assert_eq!(
        store.device_failures(&second, "account:a").await.unwrap(),
        Some(1)
    );
    assert_eq!(
        store.device_failures(&second, "account:b").await.unwrap(),
        Some(0)
    );
    // A success on the account resets its count.
    let third = store
        .remember_device(Some(&second), "account:a", DEVICES)
        .await
        .unwrap();
    assert_eq!(
        store.device_failures(&third, "account:a").await.unwrap(),
        Some(0)
    );
}

#[tokio::test]
async fn stale_counts_and_expired_devices_are_swept() {
    let store = fresh_store().await;
    store
        .admit_sign_in(&[("account:a", ACCOUNT)])
        .await
        .unwrap();
    let short = DevicePolicy {
        lifetime: TimeDelta::zero(),
        ..DEVICES
    };
    store
        .remember_device(None, "account:a", short)
        .await
        .unwrap();
    assert_eq!(
        store
            .delete_stale_sign_in_state(TimeDelta::hours(1))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .delete_stale_sign_in_state(TimeDelta::zero())
            .await
            .unwrap(),
        1
    );
    assert!(
        store
            .sign_in_throttle_state("account:a")
            .await
            .unwrap()
            .is_none()
    );
}
