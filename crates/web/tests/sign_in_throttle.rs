//! Issue 12 point 3: sign-in throttling that cannot lock everyone out. The real client
//! address behind trusted proxies only, growing delays per account and per address, device
//! cookies that keep a known browser signing in during an attack on its account, the state
//! kept in the database, and HSTS with `Secure` cookies over https. On whichever backend
//! `SIKERJA_TEST_DATABASE_URL` selects.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use std::net::{IpAddr, SocketAddr};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use common::browser::{csrf_of, session_cookie};
use common::{TestApp, app, nip};
use http_body_util::BodyExt;
use sikerja_storage::Store;
use sikerja_web::auth::DEVICE_COOKIE;
use sikerja_web::client::{ProxySettings, TrustedProxies};
use sikerja_web::{AppState, router};
use tower::ServiceExt;

const PASSWORD: &str = "kata-sandi-uji-1";
const WRONG: &str = "bukan-kata-sandinya";
/// The reverse proxy in front of the application.
const PROXY: &str = "10.0.0.2";

fn proxies() -> ProxySettings {
    ProxySettings {
        trusted: TrustedProxies::parse([PROXY]).unwrap(),
        ..Default::default()
    }
}

fn app_router(store: &Store, proxy: ProxySettings) -> axum::Router {
    router(AppState {
        store: store.clone(),
        demo_mode: false,
        secure_cookies: false,
        demo_sign_ins: Default::default(),
        letters: Default::default(),
        proxy,
        files: std::sync::Arc::new(sikerja_files::FileStore::in_memory()),
    })
}

/// The application behind the trusted proxy, with passwords for two officials.
async fn behind_proxy() -> TestApp {
    let mut app = app().await;
    app.router = app_router(app.store.store(), proxies());
    common::give_password(&app.store, nip::KADIS, PASSWORD, false).await;
    common::give_password(&app.store, nip::KABID, PASSWORD, false).await;
    app
}

/// A browser at some address: it keeps the session and device cookies, and reaches the
/// application directly (`peer`) or through the proxy (`forwarded_for`).
#[derive(Debug, Clone)]
struct Visitor {
    peer: IpAddr,
    forwarded_for: Option<String>,
    session: Option<String>,
    device: Option<String>,
    csrf: Option<String>,
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
}

impl Visitor {
    /// Someone whose requests come through the trusted proxy from `address`.
    fn via_proxy(address: &str) -> Visitor {
        Visitor {
            peer: PROXY.parse().unwrap(),
            forwarded_for: Some(address.to_string()),
            session: None,
            device: None,
            csrf: None,
        }
    }

    /// Someone connecting directly from `address`.
    fn direct(address: &str) -> Visitor {
        Visitor {
            peer: address.parse().unwrap(),
            forwarded_for: None,
            ..Visitor::via_proxy("0.0.0.0")
        }
    }

    /// The same browser (cookies) at another address.
    fn moved_to(&self, address: &str) -> Visitor {
        Visitor {
            forwarded_for: Some(address.to_string()),
            ..self.clone()
        }
    }

    async fn send(&mut self, app: &Router, mut request: Request<Body>) -> Answer {
        let cookies: Vec<String> = [
            self.session.clone(),
            self.device.as_ref().map(|d| format!("{DEVICE_COOKIE}={d}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let h = request.headers_mut();
        if !cookies.is_empty() {
            h.insert(header::COOKIE, cookies.join("; ").parse().unwrap());
        }
        if let Some(f) = &self.forwarded_for {
            h.insert("x-forwarded-for", f.parse().unwrap());
        }
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(self.peer, 50_000)));
        let response = app.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let body = body.collect().await.unwrap().to_bytes();
        let (status, response) = (parts.status, axum::http::Response::from_parts(parts, ()));
        if let Some(c) = session_cookie(&response) {
            self.session = Some(c);
        }
        if let Some(d) = device_of(&response) {
            self.device = Some(d);
        }
        if let Some(t) = csrf_of(&String::from_utf8_lossy(&body)) {
            self.csrf = Some(t);
        }
        Answer {
            status,
            headers: response.headers().clone(),
        }
    }

    /// Opens the sign-in page and signs in; `true` when a session began.
    async fn sign_in(&mut self, app: &Router, nip: &str, password: &str) -> bool {
        let page = self.send(app, common::get("/masuk")).await;
        assert_eq!(page.status, StatusCode::OK);
        let csrf = self.csrf.clone().unwrap_or_default();
        let form = [("nip", nip), ("password", password), ("_csrf", &csrf)];
        let answer = self.send(app, common::post_form("/masuk", &form)).await;
        match answer.status {
            StatusCode::SEE_OTHER => true,
            StatusCode::UNAUTHORIZED => false,
            other => panic!("sign-in answered {other}"),
        }
    }

    /// Signs out, keeping the device cookie.
    async fn sign_out(&mut self, app: &Router) {
        self.send(app, common::get("/akun/kata-sandi")).await;
        let csrf = self.csrf.clone().unwrap_or_default();
        let out = self
            .send(app, common::post_form("/keluar", &[("_csrf", &csrf)]))
            .await;
        assert_eq!(out.status, StatusCode::SEE_OTHER);
        self.session = None;
    }
}

/// The device token a response sets, if any.
fn device_of(response: &axum::http::Response<()>) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{DEVICE_COOKIE}=")))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
}

/// Failed sign-ins on `nip`, each from its own address behind the proxy (so that only the
/// account counts them).
async fn attack_account(app: &Router, nip: &str, times: u8) {
    for n in 0..times {
        let mut attacker = Visitor::via_proxy(&format!("203.0.113.{}", n + 1));
        assert!(!attacker.sign_in(app, nip, WRONG).await);
    }
}

#[tokio::test]
async fn many_failures_from_one_address_do_not_lock_out_anyone_at_another_address() {
    let app = behind_proxy().await;
    let mut attacker = Visitor::via_proxy("203.0.113.66");
    for n in 0..40 {
        let someone = format!("19900101201501{:04}", 1000 + n);
        assert!(!attacker.sign_in(&app.router, &someone, WRONG).await);
    }
    // The attacker's address is slowed down now, even with a right password…
    assert!(!attacker.sign_in(&app.router, nip::KABID, PASSWORD).await);
    // …while an official elsewhere, through the same proxy, signs in at once.
    let mut official = Visitor::via_proxy("198.51.100.20");
    assert!(official.sign_in(&app.router, nip::KABID, PASSWORD).await);
}

#[tokio::test]
async fn a_known_device_signs_in_during_an_attack_on_its_account_and_an_unknown_one_waits() {
    let app = behind_proxy().await;
    let mut own = Visitor::via_proxy("198.51.100.20");
    assert!(own.sign_in(&app.router, nip::KADIS, PASSWORD).await);
    assert!(own.device.is_some(), "a device cookie after signing in");
    own.sign_out(&app.router).await;

    attack_account(&app.router, nip::KADIS, 12).await;

    // A new browser with the right password is delayed, with the usual refusal…
    let mut new_phone = Visitor::via_proxy("198.51.100.21");
    assert!(!new_phone.sign_in(&app.router, nip::KADIS, PASSWORD).await);
    // …the official's own browser signs in, even from another address…
    let mut travelling = own.moved_to("198.51.100.99");
    assert!(travelling.sign_in(&app.router, nip::KADIS, PASSWORD).await);
    // …and other accounts are not touched.
    assert!(new_phone.sign_in(&app.router, nip::KABID, PASSWORD).await);
}

#[tokio::test]
async fn a_stolen_device_cookie_gives_only_a_few_guesses() {
    let app = behind_proxy().await;
    let mut own = Visitor::via_proxy("198.51.100.20");
    assert!(own.sign_in(&app.router, nip::KADIS, PASSWORD).await);
    attack_account(&app.router, nip::KADIS, 8).await;

    let mut thief = Visitor {
        session: None,
        ..own.moved_to("203.0.113.200")
    };
    for _ in 0..5 {
        assert!(!thief.sign_in(&app.router, nip::KADIS, WRONG).await);
    }
    assert!(
        !thief.sign_in(&app.router, nip::KADIS, PASSWORD).await,
        "after its failure limit the cookie no longer passes the throttle"
    );
}

#[tokio::test]
async fn a_forwarded_for_header_from_an_untrusted_peer_is_ignored() {
    // No trusted proxy: whatever X-Forwarded-For says, the peer is the client.
    let mut app = app().await;
    app.router = app_router(app.store.store(), ProxySettings::default());
    let id = common::give_password(&app.store, nip::KABID, PASSWORD, false).await;
    let mut attacker = Visitor::direct("198.51.100.7");
    for n in 0..40 {
        attacker.forwarded_for = Some(format!("192.0.2.{n}"));
        let someone = format!("19900101201501{:04}", 2000 + n);
        assert!(!attacker.sign_in(&app.router, &someone, WRONG).await);
    }
    attacker.forwarded_for = Some("192.0.2.250".into());
    assert!(
        !attacker.sign_in(&app.router, nip::KABID, PASSWORD).await,
        "a fresh spoofed address does not escape the delay of the real one"
    );

    let mut official = Visitor::direct("198.51.100.8");
    official.forwarded_for = Some("192.0.2.251".into());
    assert!(official.sign_in(&app.router, nip::KABID, PASSWORD).await);
    let audit = app
        .store
        .audit_of(
            sikerja_domain::audit::AuditSubject::Employee,
            &id.0.to_string(),
        )
        .await
        .unwrap();
    let signed_in = audit
        .iter()
        .find(|e| e.action == "session.signed_in")
        .unwrap();
    let summary: serde_json::Value = serde_json::from_str(&signed_in.summary).unwrap();
    assert_eq!(
        summary["client"], "198.51.100.8",
        "the audit names the real peer"
    );
}

#[tokio::test]
async fn the_throttle_and_known_devices_hold_for_another_app_server_on_the_same_database() {
    let app = behind_proxy().await;
    let mut own = Visitor::via_proxy("198.51.100.20");
    assert!(own.sign_in(&app.router, nip::KADIS, PASSWORD).await);
    attack_account(&app.router, nip::KADIS, 10).await;

    // A second server (or the first after a restart) on its own connection pool.
    let second = app_router(&app.store.reopen().await.unwrap(), proxies());
    let mut new_phone = Visitor::via_proxy("198.51.100.21");
    assert!(!new_phone.sign_in(&second, nip::KADIS, PASSWORD).await);
    let mut again = Visitor {
        session: None,
        ..own.clone()
    };
    assert!(again.sign_in(&second, nip::KADIS, PASSWORD).await);
}

#[tokio::test]
async fn https_answers_carry_hsts_and_only_secure_cookies() {
    let app = behind_proxy().await;
    let mut visitor = Visitor::via_proxy("198.51.100.20");
    let mut request = common::get("/masuk");
    request
        .headers_mut()
        .insert("x-forwarded-proto", "https".parse().unwrap());
    let answer = visitor.send(&app.router, request).await;
    assert_eq!(
        answer.headers[header::STRICT_TRANSPORT_SECURITY],
        "max-age=31536000"
    );
    let cookie = answer.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");

    // Plain http through the proxy, or a client claiming https directly: no HSTS.
    let plain = Visitor::via_proxy("198.51.100.20")
        .send(&app.router, common::get("/masuk"))
        .await;
    assert!(
        plain
            .headers
            .get(header::STRICT_TRANSPORT_SECURITY)
            .is_none()
    );
    let mut direct = Visitor::direct("198.51.100.30");
    let mut request = common::get("/masuk");
    request
        .headers_mut()
        .insert("x-forwarded-proto", "https".parse().unwrap());
    let claimed = direct.send(&app.router, request).await;
    assert!(
        claimed
            .headers
            .get(header::STRICT_TRANSPORT_SECURITY)
            .is_none()
    );

    // An https public URL makes every answer https.
    let mut app = app;
    app.router = app_router(
        app.store.store(),
        ProxySettings {
            public_https: true,
            ..proxies()
        },
    );
    let answer = Visitor::direct("198.51.100.30")
        .send(&app.router, common::get("/masuk"))
        .await;
    assert!(
        answer
            .headers
            .get(header::STRICT_TRANSPORT_SECURITY)
            .is_some()
    );
}
