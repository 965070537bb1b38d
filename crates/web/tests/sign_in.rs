//! Signing in and out (issue 3, points 1–2): sessions renewed at sign-in, one message for every
//! refusal, throttling, forced password change after an admin reset, the demo list, and the
//! signed-in name in the header escaped.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{Answer, Browser, TestApp, app, nip, text};
use scraper::Html;
use sikerja_domain::organisation::EmployeeId;
use sikerja_web::auth::DemoSignIn;
use sikerja_web::{AppState, router};

const PASSWORD: &str = "kata-sandi-uji-1";
const REFUSED: &str = "NIP atau kata sandi salah, atau terlalu banyak percobaan. Coba lagi nanti.";

async fn give_password(app: &TestApp, nip: &str, password: &str, must_change: bool) -> EmployeeId {
    common::give_password(&app.store, nip, password, must_change).await
}

/// Signs in from a browser that already holds `cookie` (or a fresh one).
async fn sign_in(app: &TestApp, nip: &str, password: &str, cookie: Option<&str>) -> Answer {
    let mut b = Browser {
        cookie: cookie.map(str::to_string),
        csrf: None,
    };
    b.sign_in(app, nip, password).await
}

async fn send(app: &TestApp, request: Request<Body>, cookie: Option<&str>) -> Answer {
    let mut b = Browser {
        cookie: cookie.map(str::to_string),
        csrf: None,
    };
    b.send(app, request).await
}

fn error_message(body: &str) -> Option<String> {
    text(&Html::parse_document(body), ".form-error")
}

/// The header's account area of the start page, seen with the cookie; `None` when the
/// start page sends to the sign-in page (nobody signed in).
async fn header_name(app: &TestApp, cookie: &str) -> Option<String> {
    let answer = send(app, common::get("/"), Some(cookie)).await;
    if answer.status == StatusCode::SEE_OTHER {
        assert_eq!(answer.location.as_deref(), Some("/masuk"));
        return None;
    }
    assert_eq!(answer.status, StatusCode::OK);
    text(&Html::parse_document(&answer.body), ".account-name")
}

#[tokio::test]
async fn signing_in_starts_a_session_under_a_new_id() {
    let app = app().await;
    give_password(&app, nip::KADIS, PASSWORD, false).await;
    give_password(&app, nip::KABID, PASSWORD, false).await;

    let first = sign_in(&app, nip::KADIS, PASSWORD, None).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(first.location.as_deref(), Some("/"));
    let c1 = first.cookie.expect("a session cookie");
    let (_, response, _) = app.send(common::get("/masuk")).await;
    let raw = response
        .headers()
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        raw.contains("HttpOnly") && raw.contains("SameSite=Lax"),
        "{raw}"
    );
    assert!(header_name(&app, &c1).await.is_some());

    // Signing in over an existing session (as an attacker-planted cookie would be) gives a
    // new id; the old one no longer signs anybody in.
    let second = sign_in(&app, nip::KABID, PASSWORD, Some(&c1)).await;
    assert_eq!(second.status, StatusCode::SEE_OTHER);
    let c2 = second.cookie.expect("a renewed session cookie");
    assert_ne!(c1, c2);
    assert!(header_name(&app, &c1).await.is_none());
    assert!(header_name(&app, &c2).await.is_some());
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_nip_get_the_same_answer() {
    let app = app().await;
    give_password(&app, nip::KADIS, PASSWORD, false).await;

    let wrong = sign_in(&app, nip::KADIS, "bukan-kata-sandinya", None).await;
    let unknown = sign_in(&app, "199901012024011999", PASSWORD, None).await;
    let no_password = sign_in(&app, nip::KABID, PASSWORD, None).await;
    for answer in [&wrong, &unknown, &no_password] {
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert_eq!(error_message(&answer.body).as_deref(), Some(REFUSED));
        assert!(answer.cookie.is_none());
    }
}

#[tokio::test]
async fn five_failures_refuse_even_the_right_password_with_the_same_message() {
    let app = app().await;
    give_password(&app, nip::KADIS, PASSWORD, false).await;
    for _ in 0..5 {
        let answer = sign_in(&app, nip::KADIS, "bukan-kata-sandinya", None).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let refused = sign_in(&app, nip::KADIS, PASSWORD, None).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(error_message(&refused.body).as_deref(), Some(REFUSED));
    assert!(refused.cookie.is_none());

    // Another account from the same place is not locked by these five.
    give_password(&app, nip::KABID, PASSWORD, false).await;
    let other = sign_in(&app, nip::KABID, PASSWORD, None).await;
    assert_eq!(other.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = app().await;
    give_password(&app, nip::KADIS, PASSWORD, false).await;
    let cookie = sign_in(&app, nip::KADIS, PASSWORD, None)
        .await
        .cookie
        .unwrap();
    assert!(header_name(&app, &cookie).await.is_some());

    let mut b = Browser {
        cookie: Some(cookie.clone()),
        csrf: None,
    };
    b.get(&app, "/akun/kata-sandi").await;
    let out = b.post(&app, "/keluar", &[]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert!(header_name(&app, &cookie).await.is_none());
    // Signed out, the start page sends to the sign-in page.
    let page = send(&app, common::get("/"), Some(&cookie)).await;
    assert_eq!(page.location.as_deref(), Some("/masuk"));
}

#[tokio::test]
async fn after_a_reset_the_password_must_be_changed_before_anything_else() {
    let app = app().await;
    let id = give_password(&app, nip::KADIS, "sementara-123", true).await;
    let answer = sign_in(&app, nip::KADIS, "sementara-123", None).await;
    assert_eq!(answer.location.as_deref(), Some("/akun/kata-sandi"));
    let cookie = answer.cookie.unwrap();

    let elsewhere = send(&app, common::get("/pegawai"), Some(&cookie)).await;
    assert_eq!(elsewhere.location.as_deref(), Some("/akun/kata-sandi"));

    let short = [
        ("current", "sementara-123"),
        ("new", "pendek"),
        ("confirm", "pendek"),
    ];
    let mut b = Browser {
        cookie: Some(cookie.clone()),
        csrf: None,
    };
    b.get(&app, "/akun/kata-sandi").await;
    let refused = b.post(&app, "/akun/kata-sandi", &short).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_message(&refused.body).unwrap().contains("minimal 10"));

    let good = [
        ("current", "sementara-123"),
        ("new", PASSWORD),
        ("confirm", PASSWORD),
    ];
    let changed = b.post(&app, "/akun/kata-sandi", &good).await;
    assert_eq!(changed.location.as_deref(), Some("/"));
    let cookie = changed.cookie.unwrap_or(cookie);
    assert!(!app.store.credential(id).await.unwrap().unwrap().must_change);
    let home = send(&app, common::get("/pegawai"), Some(&cookie)).await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(
        sign_in(&app, nip::KADIS, PASSWORD, None).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn the_demo_sign_ins_are_listed_only_in_demo_mode() {
    let app = app().await;
    let people: Arc<[DemoSignIn]> = Arc::from(vec![DemoSignIn {
        name: "Nor Aina, S.Kom.".into(),
        role: "Pranata Komputer Ahli Muda".into(),
        nip: "198811232012122002".into(),
    }]);
    for demo_mode in [true, false] {
        let router = router(AppState {
            store: app.store.store().clone(),
            demo_mode,
            secure_cookies: true,
            demo_sign_ins: people.clone(),
            letters: Default::default(),
            proxy: Default::default(),
            files: std::sync::Arc::new(sikerja_files::FileStore::in_memory()),
        });
        let response = tower::ServiceExt::oneshot(router, common::get("/masuk"))
            .await
            .unwrap();
        let body = http_body_util::BodyExt::collect(response.into_body())
            .await
            .unwrap();
        let html = Html::parse_document(std::str::from_utf8(&body.to_bytes()).unwrap());
        let listed = text(&html, ".demo-sign-ins .demo-nip");
        if demo_mode {
            assert_eq!(listed.as_deref(), Some("198811232012122002"));
        } else {
            assert!(
                listed.is_none(),
                "the demo list must not show outside demo mode"
            );
        }
    }
}

#[tokio::test]
async fn the_signed_in_name_in_the_header_is_escaped() {
    let app = app().await;
    give_password(&app, nip::SCRIPT, PASSWORD, false).await;
    let cookie = sign_in(&app, nip::SCRIPT, PASSWORD, None)
        .await
        .cookie
        .unwrap();
    let page = send(&app, common::get("/"), Some(&cookie)).await;
    assert!(!page.body.contains("<script>alert(1)</script>"));
    let html = Html::parse_document(&page.body);
    let name = text(&html, ".site-header .account-name").unwrap();
    assert!(name.contains("<script>alert(1)</script>"), "{name}");
    assert!(
        html.select(&common::sel(".site-header script"))
            .next()
            .is_none()
    );
}

/// Issue 15 point 8: a page asked for without a session sends to the sign-in page naming it
/// (`?ke=`), the form carries it, and signing in goes back there — query included.
#[tokio::test]
async fn signing_in_returns_to_the_page_that_asked_for_it() {
    let app = app().await;
    let employee = give_password(&app, nip::KADIS, PASSWORD, false).await;
    let wanted = format!("/pegawai/{}?tab=riwayat", employee.0);
    let mut b = Browser::new();
    let asked = b.get(&app, &wanted).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    let location = asked.location.unwrap();
    let encoded: String = form_urlencoded::byte_serialize(wanted.as_bytes()).collect();
    assert_eq!(location, format!("/masuk?ke={encoded}"));

    let form = b.get(&app, &location).await;
    assert_eq!(form.status, StatusCode::OK);
    let html = Html::parse_document(&form.body);
    let hidden = html
        .select(&common::sel("form[action='/masuk'] input[name=ke]"))
        .next()
        .and_then(|i| i.value().attr("value"))
        .map(str::to_string);
    assert_eq!(hidden.as_deref(), Some(wanted.as_str()));

    // A refused attempt keeps the destination for the next one.
    let refused = b
        .post(
            &app,
            "/masuk",
            &[
                ("nip", nip::KADIS),
                ("password", "salah-sekali"),
                ("ke", &wanted),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert!(refused.body.contains("name=\"ke\""), "{}", refused.body);

    let signed_in = b
        .post(
            &app,
            "/masuk",
            &[("nip", nip::KADIS), ("password", PASSWORD), ("ke", &wanted)],
        )
        .await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER);
    assert_eq!(signed_in.location.as_deref(), Some(wanted.as_str()));
    assert_eq!(b.get(&app, &wanted).await.status, StatusCode::OK);
}

/// Issue 15 point 8: `ke` is never an open redirect — another host, a scheme, a backslash,
/// control characters or an over-long value send to the start page instead, and the sign-in
/// page does not even carry them.
#[tokio::test]
async fn signing_in_never_follows_a_return_address_off_the_site() {
    let app = app().await;
    give_password(&app, nip::KADIS, PASSWORD, false).await;
    let long = format!("/{}", "a".repeat(300));
    for bad in [
        "//evil.example/",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "https://evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "/\t/evil.example",
        "/masuk",
        long.as_str(),
    ] {
        let encoded: String = form_urlencoded::byte_serialize(bad.as_bytes()).collect();
        let mut b = Browser::new();
        let form = b.get(&app, &format!("/masuk?ke={encoded}")).await;
        // A control character or an over-long value is refused by the screen (422); any
        // other is dropped from the form.
        if form.status == StatusCode::OK {
            assert!(!form.body.contains("name=\"ke\""), "{bad:?}");
        } else {
            assert_eq!(form.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
            b.get(&app, "/masuk").await;
        }
        let answer = b
            .post(
                &app,
                "/masuk",
                &[("nip", nip::KADIS), ("password", PASSWORD), ("ke", bad)],
            )
            .await;
        if answer.status == StatusCode::SEE_OTHER {
            assert_eq!(answer.location.as_deref(), Some("/"), "{bad:?}");
        } else {
            // Refused by the screen before signing in: nothing followed.
            assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad:?}");
            assert!(answer.location.is_none(), "{bad:?}");
        }
    }
    // The start page itself asks for no `ke`.
    let answer = Browser::new().get(&app, "/").await;
    assert_eq!(answer.location.as_deref(), Some("/masuk"));
}
