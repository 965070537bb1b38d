//! Server-rendered pages in Bahasa Indonesia. One `*Page` struct per template, next to its
//! handler; the template tree (`templates/`) mirrors these modules.

mod account;
mod departments;
mod employees;
mod home;
mod placements;
mod position_map;
mod rules;
mod sign_in;
mod span;
mod unresolved;

use axum::Router;
use axum::http::HeaderMap;
use axum::routing::{get, post};

use crate::AppState;

/// Every page route. The sign-in layer of the next issue wraps this router.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::list_agencies))
        .route("/perangkat-daerah/{id}", get(departments::show_department))
        .route(
            "/perangkat-daerah/{id}/peta-jabatan",
            get(position_map::show_position_map),
        )
        .route(
            "/perangkat-daerah/{id}/kedudukan",
            get(placements::list_placements),
        )
        .route(
            "/perangkat-daerah/{id}/kedudukan.xlsx",
            get(placements::export_placements),
        )
        .route(
            "/perangkat-daerah/{id}/belum-terselesaikan",
            get(unresolved::list_unresolved).post(unresolved::create_manual_placement),
        )
        .route(
            "/perangkat-daerah/{id}/rentang-kendali",
            get(span::show_span_of_control),
        )
        .route("/pegawai", get(employees::search_employees))
        .route("/pegawai/{id}", get(employees::show_employee))
        .route("/aturan/{id}", get(rules::show_rule))
        .route(
            "/masuk",
            get(sign_in::show_sign_in).post(sign_in::create_session),
        )
        .route("/keluar", post(sign_in::delete_session))
        .route(
            "/akun/kata-sandi",
            get(account::edit_password).post(account::update_password),
        )
}

/// Whether htmx asked for a fragment — not a whole page through `hx-boost`, nor a history
/// restore after a cache miss (which swaps the answer into the whole body).
fn wants_fragment(headers: &HeaderMap) -> bool {
    headers.contains_key("hx-request")
        && !headers.contains_key("hx-boosted")
        && !headers.contains_key("hx-history-restore-request")
}

/// A search text as storage expects it: a NIP typed in its spaced form
/// (`19870111 200904 1 001`) is searched as its digits.
pub(crate) fn search_text(q: &str) -> String {
    let q = q.trim();
    if q.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()) {
        q.chars().filter(|c| c.is_ascii_digit()).collect()
    } else {
        q.to_string()
    }
}

/// Treats an empty form field as absent.
fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A department with its counts, shared with the API.
pub(crate) use departments::load_summary as load_department_summary;
