//! Issue 19 point 3: the operational endpoints (`/healthz`, `/readyz`, `/metrics`) and the
//! request id on answers, error pages and API error bodies.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use sikerja_web::ops::OpsSettings;
use sikerja_web::{AppState, router_with_ops};

const TOKEN: &str = "token-prometheus-uji-0123";

async fn app_with_token(token: Option<&str>) -> common::TestApp {
    let mut app = common::app().await;
    app.router = router_with_ops(state(app.store.store().clone()), settings(token));
    app
}

fn state(store: sikerja_storage::Store) -> AppState {
    AppState {
        store,
        demo_mode: true,
        secure_cookies: false,
        demo_sign_ins: Default::default(),
        letters: Default::default(),
        proxy: Default::default(),
        files: std::sync::Arc::new(sikerja_files::FileStore::in_memory()),
    }
}

fn settings(token: Option<&str>) -> OpsSettings {
    OpsSettings {
        metrics_token: token.map(str::to_string),
        jobs: Default::default(),
    }
}

fn get(uri: &str) -> Request<Body> {
    Request::builder()
        .uri(uri)
        .body(Body::empty())
        .expect("request")
}

fn with_bearer(uri: &str, token: &str) -> Request<Body> {
    Request::builder()
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request")
}

fn text(body: Vec<u8>) -> String {
    String::from_utf8(body).expect("utf-8")
}

#[tokio::test]
async fn healthz_answers_ok_without_a_session_or_the_database() {
    let app = app_with_token(None).await;
    let (status, response, body) = app.send(get("/healthz")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text(body), "ok\n");
    assert!(response.headers().get(header::SET_COOKIE).is_none());
    assert!(response.headers().get("x-request-id").is_some());
    app.store.store().close().await.expect("closed");
    let (status, _, _) = app.send(get("/healthz")).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "alive even when the database is gone"
    );
}

#[tokio::test]
async fn readyz_is_ready_on_a_migrated_database_with_the_version_only() {
    let app = app_with_token(None).await;
    let (status, _, body) = app.send(get("/readyz")).await;
    let body = text(body);
    assert_eq!(status, StatusCode::OK, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["status"], "ready");
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(json.as_object().map(|o| o.len()), Some(2), "{body}");
}

#[tokio::test]
async fn readyz_is_503_with_a_reason_when_a_migration_is_missing() {
    let app = app_with_token(None).await;
    app.store
        .execute_sql(
            "DELETE FROM seaql_migrations WHERE version = \
             (SELECT MAX(version) FROM seaql_migrations)",
        )
        .await
        .expect("forget one migration");
    let (status, response, body) = app.send(get("/readyz")).await;
    let body = text(body);
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(
        response.headers()[header::CONTENT_TYPE]
            .to_str()
            .expect("ascii")
            .starts_with("application/json")
    );
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["reason"], "migrations_pending");
    assert_eq!(json["pending_migrations"], 1);
}

#[tokio::test]
async fn readyz_is_503_with_a_reason_when_the_database_is_gone() {
    let app = app_with_token(None).await;
    let store = app.store.reopen().await.expect("own pool");
    let router = router_with_ops(state(store.clone()), settings(None));
    store.close().await.expect("closed");
    let app = common::TestApp { router, ..app };
    let (status, _, body) = app.send(get("/readyz")).await;
    let body = text(body);
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(json["reason"], "database_unreachable");
}

#[tokio::test]
async fn metrics_answer_404_when_no_token_is_configured() {
    let app = app_with_token(None).await;
    let (status, _, _) = app.send(with_bearer("/metrics", TOKEN)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn metrics_refuse_a_missing_or_wrong_token_with_401() {
    let app = app_with_token(Some(TOKEN)).await;
    let (status, response, _) = app.send(get("/metrics")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(response.headers().get(header::WWW_AUTHENTICATE).is_some());
    let (status, _, body) = app
        .send(with_bearer("/metrics", "token-prometheus-uji-0124"))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!text(body).contains("sikerja_"));
}

#[tokio::test]
async fn metrics_count_requests_per_route_template_never_the_raw_path() {
    let app = app_with_token(Some(TOKEN)).await;
    let (status, _) = app.get("/aturan/PEN-05").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.get("/tidak-ada/sama-sekali").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, response, body) = app.send(with_bearer("/metrics", TOKEN)).await;
    let body = text(body);
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        response.headers()[header::CONTENT_TYPE]
            .to_str()
            .expect("ascii")
            .starts_with("text/plain; version=0.0.4")
    );
    assert!(
        body.contains(
            "sikerja_http_requests_total{method=\"GET\",route=\"/aturan/{id}\",status=\"2xx\"} 1"
        ),
        "{body}"
    );
    assert!(
        body.contains("route=\"unmatched\",status=\"4xx\"} 1"),
        "{body}"
    );
    assert!(
        !body.contains("PEN-05") && !body.contains("tidak-ada"),
        "{body}"
    );
    assert!(body.contains("# TYPE sikerja_http_request_duration_seconds histogram"));
    assert!(body.contains("sikerja_db_pool_connections{state=\"idle\"}"));
    assert!(body.contains("sikerja_db_pool_max_connections "));
    assert!(body.contains("sikerja_letters_issued_total 0"), "{body}");
    assert!(body.contains("# TYPE sikerja_workflow_requests gauge"));
    assert!(body.contains(&format!(
        "sikerja_build_info{{version=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION")
    )));
}

#[tokio::test]
async fn metrics_show_each_registered_jobs_lag() {
    let mut app = common::app().await;
    let jobs = sikerja_web::ops::JobBeats::default();
    jobs.register(sikerja_web::ops::Job::Escalation);
    jobs.beat(sikerja_web::ops::Job::SessionSweep);
    app.router = router_with_ops(
        state(app.store.store().clone()),
        OpsSettings {
            metrics_token: Some(TOKEN.into()),
            jobs,
        },
    );
    let (_, _, body) = app.send(with_bearer("/metrics", TOKEN)).await;
    let body = text(body);
    assert!(
        body.contains("sikerja_job_lag_seconds{job=\"escalation\"}"),
        "{body}"
    );
    assert!(body.contains("sikerja_job_lag_seconds{job=\"session_sweep\"}"));
    assert!(
        !body.contains("job=\"notifications\""),
        "not running, not shown"
    );
}

#[tokio::test]
async fn every_answer_carries_a_fresh_request_id_and_a_client_cannot_choose_it() {
    let app = app_with_token(None).await;
    let request = Request::builder()
        .uri("/healthz")
        .header("x-request-id", "dipilih-klien")
        .body(Body::empty())
        .expect("request");
    let (_, response, _) = app.send(request).await;
    let id = response.headers()["x-request-id"].to_str().expect("ascii");
    assert_ne!(id, "dipilih-klien", "the peer is no trusted proxy");
    assert_eq!(id.len(), 32);
    let (_, again, _) = app.send(get("/healthz")).await;
    assert_ne!(
        again.headers()["x-request-id"],
        response.headers()["x-request-id"]
    );
}

#[tokio::test]
async fn an_error_page_and_an_api_error_show_the_request_id() {
    let app = app_with_token(None).await;
    let (status, response, body) = app.send_authed(get("/tidak-ada")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let id = response.headers()["x-request-id"]
        .to_str()
        .expect("ascii")
        .to_string();
    let page = text(body);
    assert!(
        page.contains(&format!("Kode permintaan: <code>{id}</code>")),
        "{page}"
    );
    let (status, response, body) = app.send(get("/api/v1/agencies")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let id = response.headers()["x-request-id"].to_str().expect("ascii");
    let json: serde_json::Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(json["error"]["request_id"], id);
}

#[tokio::test]
async fn the_operational_routes_are_never_throttled_or_guarded_by_sign_in() {
    let app = app_with_token(Some(TOKEN)).await;
    for _ in 0..30 {
        let (status, _, _) = app.send(get("/healthz")).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _, _) = app.send(get("/readyz")).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, _, _) = app.send(with_bearer("/metrics", TOKEN)).await;
    assert_eq!(status, StatusCode::OK);
}
