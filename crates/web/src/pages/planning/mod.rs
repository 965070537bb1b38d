//! Planning pages (issue 4; MEK-02, MEK-03, STR-01..05, PEN-19, KIN-01): the planning start
//! page with what waits for the reader, an agreement with its targets, cascade, signatures,
//! amendments and dialogues, its printable form, activity plans, and a department's target
//! tree. Storage authorises every change against the positions held; a refused form shows the
//! page again with the Indonesian reason and changes nothing.

pub mod agreement;
pub mod forms;
pub mod index;
pub mod plans;
pub mod tree;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::error::{PageError, WebError};

/// Where a successful form goes, or the status of a refused one.
pub(crate) fn refused_status(e: &WebError) -> Option<StatusCode> {
    match e {
        WebError::Invalid { .. } => Some(StatusCode::UNPROCESSABLE_ENTITY),
        WebError::Conflict { .. } => Some(StatusCode::CONFLICT),
        WebError::Forbidden { .. } => Some(StatusCode::FORBIDDEN),
        WebError::NotFound { .. } => Some(StatusCode::NOT_FOUND),
        _ => None,
    }
}

/// Redirects after a change (POST/redirect/GET).
pub(crate) fn see_other(href: &str) -> Result<Response, PageError> {
    Ok(Redirect::to(href).into_response())
}
