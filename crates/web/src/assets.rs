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
/// The stylesheet changes with releases; an hour keeps pages fast without stale styles for long.
const SHORT: &str = "public, max-age=3600";

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

async fn get_stylesheet() -> Response {
    asset(CSS, "text/css; charset=utf-8", SHORT)
}
