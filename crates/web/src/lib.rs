//! The web layer of Sikerja: server-rendered pages in Bahasa Indonesia (askama + htmx) and the
//! JSON API under `/api/v1` with its OpenAPI description.
//!
//! The binary builds one [`AppState`] and serves [`router`]; the tests call the same function.
//! Handlers stay thin — parse input, call [`sikerja_storage::Store`], fill a template or a DTO —
//! so that the sign-in and authorisation layer of the next issue can wrap the page and API
//! routers in one place each ([`pages::routes`], [`api::routes`]).
#![forbid(unsafe_code)]

pub mod api;
mod assets;
mod audit_sentences;
pub mod auth;
pub mod authz;
pub mod charts;
pub mod client;
mod decisions;
mod downloads;
pub mod ekinerja_export;
mod error;
mod extract;
mod follow_up_export;
mod format;
mod layers;
pub mod letters;
pub mod limits;
mod multipart;
pub mod ops;
mod org_batch;
pub mod pages;
mod screen;
mod security;
mod uploads;
mod vendor_bpmn;
mod views;
mod xlsx;

use axum::Router;
use sikerja_storage::Store;

pub use error::{ApiError, PageError, WebError};

/// Shared state of every handler.
#[derive(Clone)]
pub struct AppState {
    /// The only way to the database.
    pub store: Store,
    /// Shows the "Data fiktif untuk demonstrasi" banner on every page.
    pub demo_mode: bool,
    /// Marks the session cookie `Secure`. Off only for the demo served on plain http.
    pub secure_cookies: bool,
    /// The well-known demo people listed on the sign-in page (shown in demo mode only).
    pub demo_sign_ins: std::sync::Arc<[auth::DemoSignIn]>,
    /// Renders letters to PDF and DOCX (issue 6).
    pub letters: std::sync::Arc<letters::Letters>,
    /// The trusted reverse proxies and whether the public URL is https (issue 12).
    pub proxy: client::ProxySettings,
    /// The evidence files of reports (issue 13 point 4): a local folder or S3 storage.
    pub files: std::sync::Arc<sikerja_files::FileStore>,
}

/// The whole application: pages, static assets, the API, its OpenAPI document and Swagger UI,
/// wrapped in the request-size limit, tracing and security-header layers; the operational
/// routes without a metrics token (`/metrics` answers 404).
pub fn router(state: AppState) -> Router {
    router_with_ops(state, ops::OpsSettings::default())
}

/// [`router`], with the metrics token and the background jobs' heartbeats of the server
/// (issue 19 point 3: `/healthz`, `/readyz`, `/metrics`, the request id).
pub fn router_with_ops(state: AppState, ops_settings: ops::OpsSettings) -> Router {
    let ops = ops::Ops::new(state.store.clone(), ops_settings);
    let http_metrics = ops.http.clone();
    let (api_router, mut openapi) = api::routes().split_for_parts();
    limits::apply_to_openapi(&mut openapi);
    let sessions = auth::session_layer(state.store.clone(), state.secure_cookies);
    let proxy = state.proxy.clone();
    let upload_limit = uploads::upload_limit(state.files.policy());
    let (pages, page_table) = pages::routes();
    let table = std::sync::Arc::new(authz::route_table(page_table));
    let methods = axum::middleware::from_fn_with_state(table.clone(), authz::refuse_other_methods);
    let guard =
        axum::middleware::from_fn_with_state((state.store.clone(), table), authz::authorise);
    let header =
        axum::middleware::from_fn_with_state(state.clone(), pages::header::load_header_menu);
    let pages = pages
        .route_layer(header)
        .route_layer(guard.clone())
        .layer(axum::middleware::from_fn(auth::track_user))
        .layer(axum::middleware::from_fn(security::protect_pages))
        .route_layer(methods);
    let app = Router::new()
        .merge(pages)
        .merge(assets::routes())
        .merge(vendor_bpmn::routes())
        .merge(api_router.route_layer(guard))
        .with_state(state)
        .merge(api::docs_routes(api::openapi::complete(openapi)))
        .merge(ops::routes(ops))
        .fallback(error::fallback)
        .layer(axum::middleware::from_fn(screen::screen))
        .layer(sessions);
    // Outermost: the real client address and https are known to every layer and handler;
    // then the request id (it trusts an incoming one only from a trusted proxy) and the
    // request metrics, per route template (every `Router::layer` runs after routing).
    layers::apply(app, upload_limit)
        .layer(axum::middleware::from_fn_with_state(
            http_metrics,
            ops::metrics::track,
        ))
        .layer(axum::middleware::from_fn_with_state(
            proxy.clone(),
            ops::request_id::assign,
        ))
        .layer(axum::middleware::from_fn_with_state(proxy, client::resolve))
}

/// The access rule of every route of [`router`] (pages and API), for the authorisation
/// matrix test and the docs.
pub fn route_table() -> authz::RouteTable {
    let mut table = authz::route_table(pages::routes().1);
    // The operational routes (issue 19 point 3) pass no session guard: `/healthz` and
    // `/readyz` are for anyone, `/metrics` checks its own bearer token (404 without one).
    for path in ["/healthz", "/readyz", "/metrics"] {
        table.insert(axum::http::Method::GET, path, authz::Access::Public);
    }
    table
}
