//! Test support: a fresh store per test (SQLite, or PostgreSQL when
//! `SIKERJA_TEST_DATABASE_URL` is set), a small agency built here, and helpers to send requests
//! and read pages by CSS selector.
#![allow(dead_code)]

mod agency;
pub mod assignments;
pub mod browser;
pub mod execution;
pub mod multipart;

#[allow(unused_imports)]
pub use agency::{nip, test_agency};
#[allow(unused_imports)]
pub use browser::{Answer, Browser};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use http_body_util::BodyExt;
use scraper::{Html, Selector};
use sikerja_domain::Nip;
use sikerja_domain::access::GrantedRole;
use sikerja_domain::bundle::AgencyBundle;
use sikerja_domain::organisation::EmployeeId;
use sikerja_storage::AuditActor;
use sikerja_storage::testing::{TestStore, fresh_store};
use sikerja_web::{AppState, router};
use tower::ServiceExt;

/// A running application over a fresh database, with a signed-in admin for the helpers that
/// are not about access (`get`, `page`, `json`, `send_authed`): the Kepala Dinas of the test
/// agency, also granted Admin BKPSDM, and an API token reaching every agency with write.
pub struct TestApp {
    pub store: TestStore,
    pub router: Router,
    /// Session cookie and CSRF token of the admin.
    pub admin: Browser,
    /// Secret of the admin's API token.
    pub token: String,
    /// The evidence-file store the application uses (in memory).
    pub files: sikerja_files::FileStore,
}

/// The password the test helpers give people they sign in.
pub const TEST_PASSWORD: &str = "kata-sandi-uji-1";

/// Gives someone a password (argon2id, as the application stores it).
pub async fn give_password(
    store: &TestStore,
    nip: &str,
    password: &str,
    must_change: bool,
) -> EmployeeId {
    let id = store
        .employee_by_nip(&Nip::parse(nip).expect("nip"))
        .await
        .expect("employee")
        .employee
        .id;
    let hash = sikerja_web::auth::hash_password(password.to_string())
        .await
        .expect("hash");
    store
        .set_password(id, &hash, must_change)
        .await
        .expect("password");
    id
}

/// The audit actor of test set-up.
pub fn setup_actor() -> AuditActor {
    AuditActor {
        label: "penyiapan uji".into(),
        position: None,
    }
}

/// A fresh store with the test agency imported.
pub async fn app() -> TestApp {
    app_with(&[test_agency()]).await
}

/// A fresh store with the given agencies imported.
pub async fn app_with(bundles: &[AgencyBundle]) -> TestApp {
    app_with_files(bundles, sikerja_files::FileStore::in_memory()).await
}

/// The test agency, with evidence files held to `policy` (in memory).
pub async fn app_with_file_policy(policy: sikerja_files::FilePolicy) -> TestApp {
    let files = sikerja_files::FileStore::open(&sikerja_files::Backend::Memory, policy)
        .expect("file store in memory");
    app_with_files(&[test_agency()], files).await
}

/// A fresh store with the given agencies imported, and this evidence-file store.
pub async fn app_with_files(bundles: &[AgencyBundle], files: sikerja_files::FileStore) -> TestApp {
    static BANNER: std::sync::Once = std::sync::Once::new();
    BANNER.call_once(|| eprintln!("{}", sikerja_storage::testing::backend_banner()));
    let store = fresh_store().await;
    for b in bundles {
        store
            .import_agency(b, "test")
            .await
            .expect("test agency imports");
    }
    let state = AppState {
        store: (*store).clone(),
        demo_mode: true,
        secure_cookies: false,
        demo_sign_ins: Default::default(),
        letters: Default::default(),
        proxy: Default::default(),
        files: std::sync::Arc::new(files.clone()),
    };
    let (_, token) = store
        .create_api_token("uji", None, true, &setup_actor())
        .await
        .expect("token");
    let mut app = TestApp {
        router: router(state),
        store,
        admin: Browser::new(),
        token,
        files,
    };
    let admin_nip = if bundles.iter().any(|b| b.agency.code == "kab-uji") {
        Some(nip::KADIS)
    } else if bundles.iter().any(|b| b.agency.code == "kab-banjar") {
        Some(sikerja_demo::DEMO_PEOPLE.bkpsdm_staff.nip)
    } else {
        None
    };
    if let Some(admin_nip) = admin_nip {
        let id = give_password(&app.store, admin_nip, TEST_PASSWORD, false).await;
        app.store
            .grant_role(id, GrantedRole::HrAdmin, &setup_actor(), "admin uji")
            .await
            .expect("grant");
        let mut admin = Browser::new();
        let answer = admin.sign_in(&app, admin_nip, TEST_PASSWORD).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
        admin.get(&app, "/akun/kata-sandi").await;
        app.admin = admin;
    }
    app
}

impl TestApp {
    /// Sends a request and returns status, headers and body.
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, Response<()>, Vec<u8>) {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("body").to_bytes().to_vec();
        (parts.status, Response::from_parts(parts, ()), bytes)
    }

    /// Sends a request as the admin: the bearer token under `/api/`, else the session
    /// cookie and the CSRF header.
    pub async fn send_authed(
        &self,
        mut request: Request<Body>,
    ) -> (StatusCode, Response<()>, Vec<u8>) {
        let is_api = request.uri().path().starts_with("/api/");
        let headers = request.headers_mut();
        if is_api {
            let value = format!("Bearer {}", self.token);
            headers.insert(header::AUTHORIZATION, value.parse().expect("header"));
        } else {
            if let Some(c) = &self.admin.cookie {
                headers.insert(header::COOKIE, c.parse().expect("cookie"));
            }
            if let Some(t) = &self.admin.csrf {
                headers.insert("x-csrf-token", t.parse().expect("csrf"));
            }
        }
        self.send(request).await
    }

    /// GETs as the admin.
    pub async fn get(&self, uri: &str) -> (StatusCode, String) {
        let (status, _, body) = self.send_authed(get(uri)).await;
        (status, String::from_utf8(body).expect("utf-8"))
    }

    /// GETs a page that must answer 200 and parses it.
    pub async fn page(&self, uri: &str) -> Html {
        let (status, body) = self.get(uri).await;
        assert_eq!(status, StatusCode::OK, "GET {uri}: {body}");
        Html::parse_document(&body)
    }

    pub async fn json(&self, uri: &str) -> (StatusCode, serde_json::Value) {
        let (status, body) = self.get(uri).await;
        let value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: {e}: {body}"));
        (status, value)
    }

    /// The id of the department with this code.
    pub async fn department_id(&self, code: &str) -> i64 {
        let all = self.store.departments(None).await.expect("departments");
        all.iter()
            .find(|d| d.department.code == code)
            .map(|d| d.department.id.0)
            .unwrap_or_else(|| panic!("department {code}"))
    }

    /// The id of the employee with this NIP.
    pub async fn employee_id(&self, nip: &str) -> i64 {
        let nip = Nip::parse(nip).expect("nip");
        self.store
            .employee_by_nip(&nip)
            .await
            .expect("employee")
            .employee
            .id
            .0
    }

    /// The id of the position with this code in a department.
    pub async fn position_id(&self, department: i64, code: &str) -> i64 {
        let positions = self
            .store
            .positions(sikerja_domain::organisation::DepartmentId(department))
            .await
            .expect("positions");
        positions
            .iter()
            .find(|p| p.position.code == code)
            .map(|p| p.position.id.0)
            .unwrap_or_else(|| panic!("position {code}"))
    }
}

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

pub fn post_form(uri: &str, fields: &[(&str, &str)]) -> Request<Body> {
    let body = serde_urlencoded::to_string(fields).expect("form");
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request")
}

pub fn post_json(uri: &str, value: &serde_json::Value) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(value.to_string()))
        .expect("request")
}

/// Parses a CSS selector (test code: a bad selector is a bug in the test).
pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

/// The trimmed, whitespace-collapsed text of the first match.
pub fn text(html: &Html, selector: &str) -> Option<String> {
    html.select(&sel(selector))
        .next()
        .map(|e| collapse(&e.text().collect::<String>()))
}

/// The texts of every match.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    html.select(&sel(selector))
        .map(|e| collapse(&e.text().collect::<String>()))
        .collect()
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
