//! The account's notification settings (issue 18 point 4): a person sets their email address
//! and how they want to be told, in Indonesian; off until an address is given; a bad address
//! or a mode without an address is refused and changes nothing; a regional head's account has
//! no settings to change.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::StatusCode;
use common::{Browser, TEST_PASSWORD, app, give_password, nip};
use sikerja_domain::notification::NotifyMode;
use sikerja_domain::organisation::EmployeeId;

#[tokio::test]
async fn a_person_sets_their_notification_address_and_mode_on_the_account_page() {
    let app = app().await;
    give_password(&app.store, nip::PELAKSANA, TEST_PASSWORD, false).await;
    let mut b = Browser::new();
    let answer = b.sign_in(&app, nip::PELAKSANA, TEST_PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let me = EmployeeId(app.employee_id(nip::PELAKSANA).await);
    let page = b.get(&app, "/akun/pemberitahuan").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Pemberitahuan"), "{}", page.body);
    assert!(page.body.contains("Ringkasan harian"), "{}", page.body);
    // Off until an address is given.
    assert!(
        page.body.contains(r#"value="off" checked"#),
        "{}",
        page.body
    );
    // A mode without an address is refused, in Indonesian, and nothing changes.
    let refused = b
        .post(
            &app,
            "/akun/pemberitahuan",
            &[("email", ""), ("mode", "immediately")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Isi alamat surel"),
        "{}",
        refused.body
    );
    let bad = b
        .post(
            &app,
            "/akun/pemberitahuan",
            &[("email", "bukan-alamat"), ("mode", "digest")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body.contains("Alamat surel tidak valid"),
        "{}",
        bad.body
    );
    assert_eq!(
        app.store.notification_preference(me).await.unwrap().mode,
        NotifyMode::Off
    );
    // Saved: back to the page, which says so and shows the choice.
    let saved = b
        .post(
            &app,
            "/akun/pemberitahuan",
            &[("email", "pelaksana@banjarkab.go.id"), ("mode", "digest")],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        saved.location.as_deref(),
        Some("/akun/pemberitahuan?disimpan=1")
    );
    let page = b.get(&app, "/akun/pemberitahuan?disimpan=1").await;
    assert!(page.body.contains("Pengaturan pemberitahuan disimpan."));
    assert!(page.body.contains(r#"value="pelaksana@banjarkab.go.id""#));
    assert!(
        page.body.contains(r#"value="digest" checked"#),
        "{}",
        page.body
    );
    let p = app.store.notification_preference(me).await.unwrap();
    assert_eq!(p.email.as_deref(), Some("pelaksana@banjarkab.go.id"));
    assert_eq!(p.mode, NotifyMode::Digest);
    // The password page links to it.
    let password = b.get(&app, "/akun/kata-sandi").await;
    assert!(password.body.contains(r#"href="/akun/pemberitahuan""#));
}

#[tokio::test]
async fn without_a_session_the_notification_page_sends_to_sign_in() {
    let app = app().await;
    let mut b = Browser::new();
    let page = b.get(&app, "/akun/pemberitahuan").await;
    assert!(
        page.status == StatusCode::SEE_OTHER || page.status == StatusCode::UNAUTHORIZED,
        "{:?}",
        page.status
    );
}

#[tokio::test]
async fn the_hr_admin_sees_failed_notifications_and_sends_one_again_once() {
    use chrono::{Duration, Utc};
    use sikerja_domain::notification::{NotificationKind, Recipient};
    use sikerja_storage::notifications::{Channels, NewEvent};
    let app = app().await;
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id;
    let me = EmployeeId(app.employee_id(nip::PELAKSANA).await);
    app.store
        .enqueue_notification(NewEvent {
            kind: NotificationKind::ReportRequested,
            recipient: Recipient::Employee(me),
            agency: Some(agency.0),
            subject: 7,
            title: "Laporan kemajuan <b>Tim Uji</b>".into(),
            note: String::new(),
            link: "/pelaksanaan/penugasan/7".into(),
        })
        .await
        .unwrap();
    let webhook = Channels {
        email: false,
        webhook: true,
        digest_hour: 7,
    };
    let mut now = Utc::now();
    app.store.fan_out_notifications(webhook, now).await.unwrap();
    for _ in 0..6 {
        let claimed = app
            .store
            .claim_deliveries("uji", Duration::minutes(5), 10, now)
            .await
            .unwrap();
        let ids: Vec<i64> = claimed.iter().map(|c| c.id).collect();
        app.store
            .delivery_failed(&ids, "uji", "webhook menjawab 503", now)
            .await
            .unwrap();
        now += Duration::days(1);
    }
    let id = app.store.notification_deliveries().await.unwrap()[0].id;
    let mut admin = app.admin.clone();
    let page = admin.get(&app, "/admin/pemberitahuan?status=gave_up").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains(&format!(r#"id="pengiriman-{id}""#)));
    assert!(page.body.contains("webhook menjawab 503"));
    // The title is text, not markup.
    assert!(page.body.contains("&#60;b&#62;Tim Uji"), "{}", page.body);
    assert!(!page.body.contains("<b>Tim Uji"));
    assert!(page.body.contains("Kirim ulang"));
    let path = format!("/admin/pemberitahuan/{id}/kirim-ulang");
    let sent = admin.post(&app, &path, &[]).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    // Once: the second answer explains, in Indonesian, and changes nothing.
    let again = admin.post(&app, &path, &[]).await;
    assert_eq!(
        again.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        again.body
    );
    assert!(again.body.contains("Hanya pemberitahuan yang gagal"));
    let d = &app.store.notification_deliveries().await.unwrap()[0];
    assert_eq!(d.attempts, 0);
    // An unknown delivery, a bad filter, and someone who is not the HR admin.
    let unknown = admin
        .post(&app, "/admin/pemberitahuan/999999/kirim-ulang", &[])
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let bad = admin.get(&app, "/admin/pemberitahuan?status=hilang").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    give_password(&app.store, nip::PELAKSANA, TEST_PASSWORD, false).await;
    let mut pelaksana = Browser::new();
    pelaksana.sign_in(&app, nip::PELAKSANA, TEST_PASSWORD).await;
    let refused = pelaksana.get(&app, "/admin/pemberitahuan").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
