//! The body of `POST /api/v1/assignments/{id}/reports` (issue 13 point 4): the report as JSON
//! ([`ReportBody`]), or `multipart/form-data` ([`ReportUpload`]) with the same JSON in the part
//! `report` and each evidence file in a part `files`.

use axum::Json;
use axum::extract::{FromRequest, Request};
use utoipa::ToSchema;

use super::dto::ReportBody;
use crate::error::{ApiError, WebError};
use crate::multipart::{self, FilePart};
use crate::uploads::FILES_FIELD;

/// The name of the part holding the report's JSON.
pub const REPORT_PART: &str = "report";

/// A report with evidence files (`multipart/form-data`): the report's JSON in the part
/// `report`, each file in a part `files`.
// The OpenAPI description of what `ReportSubmission` reads; never built.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct ReportUpload {
    /// The report, the JSON of the `application/json` body, in a part declared
    /// `Content-Type: application/json`.
    pub report: ReportBody,
    /// Evidence files, one part each (at most 20; each within the file policy: by default
    /// at most 10 MiB, PDF, JPEG, PNG, DOCX, XLSX, ODT or plain text, the type read from the
    /// content). The part's file name is kept for display and download.
    #[schema(value_type = Vec<String>, format = Binary, required = false)]
    pub files: Vec<Vec<u8>>,
}

/// What the route reads: the report and its files (none with a JSON body).
#[derive(Debug)]
pub struct ReportSubmission {
    pub report: ReportBody,
    pub files: Vec<FilePart>,
}

fn report_part_invalid(message: &str) -> WebError {
    WebError::invalid("report_part_invalid", message.to_string())
}

impl<S: Send + Sync> FromRequest<S> for ReportSubmission {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        if !multipart::is_multipart(request.headers()) {
            let Json(report) = Json::<ReportBody>::from_request(request, state).await?;
            return Ok(ReportSubmission {
                report,
                files: Vec::new(),
            });
        }
        let (parts, _) = multipart::buffer(request).await?;
        let parts = parts?;
        let part = parts.text(REPORT_PART).ok_or_else(|| {
            report_part_invalid(
                "Bagian \"report\" (laporan dalam JSON, Content-Type: application/json) wajib ada.",
            )
        })?;
        let declared_json = part.content_type.as_deref().is_none_or(|ct| {
            let essence = ct.split(';').next().unwrap_or_default().trim();
            essence.eq_ignore_ascii_case("application/json")
        });
        if !declared_json {
            return Err(report_part_invalid(
                "Bagian \"report\" berisi JSON (Content-Type: application/json).",
            )
            .into());
        }
        let report = serde_json::from_str::<ReportBody>(&part.value).map_err(|e| {
            tracing::debug!(error = %e, "report part refused");
            WebError::BadRequest {
                code: "invalid_json",
                message: "Bagian \"report\" bukan JSON yang sah atau tidak sesuai skema.".into(),
            }
        })?;
        // One `report` part, nothing else but files.
        if parts.texts.len() > 1 {
            let other = parts
                .texts
                .iter()
                .find(|t| t.name != REPORT_PART)
                .unwrap_or(part);
            let name: String = other.name.chars().take(64).collect();
            return Err(report_part_invalid(&format!(
                "Bagian \"{name}\" tidak dikenal: kirim satu bagian \"report\" dan berkas (dengan nama berkas) pada \"{FILES_FIELD}\"."
            ))
            .into());
        }
        Ok(ReportSubmission {
            report,
            files: parts.files,
        })
    }
}
