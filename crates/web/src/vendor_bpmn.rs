//! bpmn-js (issue 17 point 2), vendored from npm and served by the app, never from a CDN:
//! `bpmn-js@18.31.1`'s prebuilt `dist/` files (the viewer, the modeler, their stylesheets and
//! the BPMN icon font; licence in `static/vendor/bpmn-js/LICENSE`), and Sikerja's own small
//! script and stylesheet of the map pages (`static/process-map.js`, `static/process-map.css`). See `docs/maps.md`.

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;

/// The files under `/static/vendor/bpmn-js/`: name, bytes, type.
const FILES: &[(&str, &[u8], &str)] = &[
    (
        "bpmn-viewer.production.min.js",
        include_bytes!("../static/vendor/bpmn-js/bpmn-viewer.production.min.js"),
        "text/javascript; charset=utf-8",
    ),
    (
        "bpmn-modeler.production.min.js",
        include_bytes!("../static/vendor/bpmn-js/bpmn-modeler.production.min.js"),
        "text/javascript; charset=utf-8",
    ),
    (
        "assets/bpmn-js.css",
        include_bytes!("../static/vendor/bpmn-js/assets/bpmn-js.css"),
        "text/css; charset=utf-8",
    ),
    (
        "assets/diagram-js.css",
        include_bytes!("../static/vendor/bpmn-js/assets/diagram-js.css"),
        "text/css; charset=utf-8",
    ),
    (
        "assets/bpmn-font/css/bpmn.css",
        include_bytes!("../static/vendor/bpmn-js/assets/bpmn-font/css/bpmn.css"),
        "text/css; charset=utf-8",
    ),
    (
        "assets/bpmn-font/font/bpmn.woff2",
        include_bytes!("../static/vendor/bpmn-js/assets/bpmn-font/font/bpmn.woff2"),
        "font/woff2",
    ),
    (
        "assets/bpmn-font/font/bpmn.woff",
        include_bytes!("../static/vendor/bpmn-js/assets/bpmn-font/font/bpmn.woff"),
        "font/woff",
    ),
    (
        "LICENSE",
        include_bytes!("../static/vendor/bpmn-js/LICENSE"),
        "text/plain; charset=utf-8",
    ),
];

/// Sikerja's script of the map pages: shows a version in the viewer, marks what a diff
/// changed, and in the editor puts the modeler's XML into the form before it is posted.
const SCRIPT: &[u8] = include_bytes!("../static/process-map.js");
/// The map pages' styles: the diagram's scrolling region, the diff's marks.
const STYLE: &[u8] = include_bytes!("../static/process-map.css");

/// An hour: the files change only with a release of Sikerja.
const CACHE: &str = "public, max-age=3600";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/static/vendor/bpmn-js/{*file}", get(get_vendored))
        .route("/static/process-map.js", get(get_script))
        .route("/static/process-map.css", get(get_style))
}

fn answer(body: &'static [u8], content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static(CACHE)),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        body,
    )
        .into_response()
}

async fn get_vendored(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, body, content_type)) => answer(body, content_type),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn get_script() -> Response {
    answer(SCRIPT, "text/javascript; charset=utf-8")
}

async fn get_style() -> Response {
    answer(STYLE, "text/css; charset=utf-8")
}
