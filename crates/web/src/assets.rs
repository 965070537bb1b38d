//! Static assets embedded in the binary: the vendored htmx 2 and the stylesheet. Nothing is
//! loaded from a CDN (the browser of the tests, and many government networks, have none).

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

/// htmx 2.0.11 from npm (`htmx.org`, `dist/htmx.min.js`, BSD-2-Clause, see `static/htmx.LICENSE`).
const HTMX: &[u8] = include_bytes!("../static/htmx.min.js");
const CSS: &[u8] = include_bytes!("../static/sikerja.css");

/// A year, for files whose content never changes under the same name.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The stylesheet under its plain name changes with releases; an hour keeps pages fast without
/// stale styles for long. Pages link it with its version ([`stylesheet_url`]), cached for a year.
const SHORT: &str = "public, max-age=3600";

/// FNV-1a of the stylesheet, computed when compiling: its version in the pages' link.
const CSS_VERSION: u64 = fnv1a(CSS);

const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        i += 1;
    }
    hash
}

/// The stylesheet's URL with its version (`/static/sikerja.css?v=…`, issue 15 point 11): a new
/// release has a new URL, so the file is cached for a year (`immutable`).
pub fn stylesheet_url() -> &'static str {
    static URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    URL.get_or_init(|| format!("/static/sikerja.css?v={CSS_VERSION:016x}"))
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/htmx.min.js", get(get_htmx))
        .route("/static/sikerja.css", get(get_stylesheet))
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
}

fn asset(body: &'static [u8], content_type: &'static str, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        body,
    )
        .into_response()
}

async fn get_htmx() -> Response {
    asset(HTMX, "text/javascript; charset=utf-8", IMMUTABLE)
}

/// The stylesheet: immutable when asked by the current version, an hour otherwise (an old
/// page's link, or the plain name).
async fn get_stylesheet(uri: axum::http::Uri) -> Response {
    let current = uri.query() == stylesheet_url().split_once('?').map(|(_, q)| q);
    let cache = if current { IMMUTABLE } else { SHORT };
    asset(CSS, "text/css; charset=utf-8", cache)
}
