//! Extractors whose rejections speak the application's error format: a malformed id in a path
//! is a 404 page (or JSON 404 under `/api`), a malformed query or body a JSON 422.

use axum::extract::rejection::{BytesRejection, FormRejection, JsonRejection, QueryRejection};
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, PageError, WebError};

/// The numeric `{id}` of a path. Anything else is "not found", never a 400 in plain text.
#[derive(Debug, Clone, Copy)]
pub struct Id(pub i64);

/// Rejection of [`Id`], rendered like every other error of its area.
#[derive(Debug)]
pub struct IdRejection {
    api: bool,
}

impl IntoResponse for IdRejection {
    fn into_response(self) -> Response {
        let error = WebError::NotFound { what: "page" };
        if self.api {
            ApiError(error).into_response()
        } else {
            PageError(error).into_response()
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = IdRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let api = parts.uri.path().starts_with("/api/");
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| IdRejection { api })?;
        raw.parse::<i64>().map(Id).map_err(|_| IdRejection { api })
    }
}

fn bad_request(code: &'static str, message: &str, cause: &str) -> WebError {
    tracing::debug!(error = %cause, "{code}");
    WebError::BadRequest {
        code,
        message: message.to_string(),
    }
}

impl From<QueryRejection> for WebError {
    fn from(e: QueryRejection) -> Self {
        bad_request(
            "invalid_query",
            "Parameter pencarian tidak dapat dibaca: periksa nama dan jenis nilainya.",
            &e.body_text(),
        )
    }
}

impl From<JsonRejection> for WebError {
    fn from(e: JsonRejection) -> Self {
        bad_request(
            "invalid_json",
            "Isi permintaan bukan JSON yang sah atau tidak sesuai skema.",
            &e.body_text(),
        )
    }
}

impl From<FormRejection> for WebError {
    fn from(e: FormRejection) -> Self {
        bad_request(
            "invalid_form",
            "Isian formulir tidak dapat dibaca.",
            &e.body_text(),
        )
    }
}

impl From<BytesRejection> for WebError {
    fn from(e: BytesRejection) -> Self {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            WebError::PayloadTooLarge {
                limit: crate::layers::BODY_LIMIT,
            }
        } else {
            bad_request(
                "invalid_body",
                "Isi permintaan tidak dapat dibaca.",
                &e.body_text(),
            )
        }
    }
}

/// The piece of work a path addresses: `{id}` under `/pelaksanaan/penugasan/` or
/// `/api/v1/assignments/` is an assignment, under `/pelaksanaan/rencana/` or
/// `/api/v1/activity-plans/` an activity plan. One handler serves both kinds (MEK-04).
#[derive(Debug, Clone, Copy)]
pub struct WorkPath(pub sikerja_storage::WorkRef);

impl<S: Send + Sync> FromRequestParts<S> for WorkPath {
    type Rejection = IdRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        use sikerja_domain::assignment::AssignmentId;
        use sikerja_storage::WorkRef;
        let path = parts.uri.path();
        let api = path.starts_with("/api/");
        let plan = path.starts_with("/pelaksanaan/rencana/")
            || path.starts_with("/api/v1/activity-plans/");
        let assignment =
            path.starts_with("/pelaksanaan/penugasan/") || path.starts_with("/api/v1/assignments/");
        let Id(id) = Id::from_request_parts(parts, state).await?;
        match (assignment, plan) {
            (true, false) => Ok(WorkPath(WorkRef::Assignment(AssignmentId(id)))),
            (false, true) => Ok(WorkPath(WorkRef::Plan(id))),
            _ => Err(IdRejection { api }),
        }
    }
}
