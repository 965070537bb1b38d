//! `/api/v1/agencies/{id}/org-changes/upload` (issue 14 point 3): a month of decrees as one
//! file — the spreadsheet "Perubahan" (docs/import-format.md) or the JSON `{changes: […]}` —
//! previewed (`?preview=true`, the default: the impact, nothing written) or recorded all or
//! nothing. Every problem is listed by sheet, row and column (or `changes[i].field`). The
//! template is `GET /api/v1/org-changes/template.xlsx`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sikerja_domain::organisation::AgencyId;
use utoipa::{IntoParams, ToSchema};

use super::dto::org_changes::OrgChangeImpactDto;
use crate::AppState;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;
use crate::org_batch::{self, sheet};

/// Preview or record.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// `true` (default): the impact, nothing written; `false`: record the batch.
    pub preview: Option<bool>,
}

/// What an upload did.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrgChangeUploadDto {
    /// Changes in the file.
    pub changes: usize,
    /// The impact (preview).
    pub impact: Option<OrgChangeImpactDto>,
    /// The ids of the recorded changes, in the file's order (recorded).
    pub ids: Option<Vec<i64>>,
}

/// Previews or records a file of changes, all or nothing.
#[utoipa::path(
    post,
    path = "/api/v1/agencies/{id}/org-changes/upload",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id"), UploadQuery),
    request_body(
        description = "XLSX workbook with a `Perubahan` sheet, or JSON `{\"changes\": […]}`",
        content(
            ("application/json"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )
    ),
    responses(
        (status = 200, description = "Preview: impact of the changes; nothing is saved", body = OrgChangeUploadDto),
        (status = 201, description = "Recorded", body = OrgChangeUploadDto),
        (status = 403, description = "Not the recorder of this change", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Refused; `details` names the row of the change", body = ErrorEnvelope),
        (status = 413, description = "Too large", body = ErrorEnvelope),
        (status = 415, description = "Unsupported content type", body = ErrorEnvelope),
        (status = 422, description = "Refused; every problem is listed (sheet, row, column)", body = ErrorEnvelope)
    )
)]
pub async fn upload_org_changes(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    query: Result<Query<UploadQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<OrgChangeUploadDto>), ApiError> {
    let Query(query) = query?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let body = body?;
    let file = sheet::read_file(content_type, &body)?;
    let agency = AgencyId(id);
    let source = file.source();
    let resolved = org_batch::prepare(&state, &principal, agency, &file.items, source).await?;
    if query.preview.unwrap_or(true) {
        let impact = org_batch::preview(&state, agency, &resolved, &file.items, source).await?;
        return Ok((
            StatusCode::OK,
            Json(OrgChangeUploadDto {
                changes: file.items.len(),
                impact: Some(resolved.impact(&impact)),
                ids: None,
            }),
        ));
    }
    let ids = org_batch::record(&state, &principal, agency, &resolved, &file.items, source).await?;
    Ok((
        StatusCode::CREATED,
        Json(OrgChangeUploadDto {
            changes: file.items.len(),
            impact: None,
            ids: Some(ids),
        }),
    ))
}

/// The spreadsheet template of a batch of changes: the sheet `Perubahan` with its headers and
/// examples, and `Petunjuk` listing the kinds and their columns.
#[utoipa::path(
    get,
    path = "/api/v1/org-changes/template.xlsx",
    tag = "agencies",
    responses(
        (status = 200, description = "XLSX template", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (status = 401, description = "Not signed in", body = ErrorEnvelope)
    )
)]
pub async fn org_change_template() -> Result<Response, ApiError> {
    let bytes = sheet::template().map_err(|e| WebError::internal("change template", &e))?;
    Ok((
        [
            (header::CONTENT_TYPE, sikerja_transfer::XLSX_CONTENT_TYPE),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"templat-perubahan-organisasi.xlsx\"",
            ),
        ],
        bytes,
    )
        .into_response())
}
