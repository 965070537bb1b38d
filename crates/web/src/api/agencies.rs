//! `/api/v1/agencies`: list, detail, export and all-or-nothing import.

use axum::Json;
use axum::body::Bytes;
use axum::extract::Query;
use axum::extract::State;
use axum::extract::rejection::QueryRejection;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sikerja_domain::organisation::AgencyId;
use utoipa::IntoParams;

use super::dto::{AgencyDetailDto, AgencyDto, DepartmentDto};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;
use sikerja_domain::access::Action;

/// List every agency.
#[utoipa::path(
    get,
    path = "/api/v1/agencies",
    tag = "agencies",
    responses(
        (status = 200, description = "All agencies", body = Vec<AgencyDto>),
        (status = 500, description = "Server error", body = ErrorEnvelope)
    )
)]
pub async fn list_agencies(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Vec<AgencyDto>>, ApiError> {
    let scope = principal.scope();
    let agencies = state.store.agencies().await?;
    Ok(Json(
        agencies
            .iter()
            .filter(|a| scope.reaches_agency(a.id))
            .map(AgencyDto::from)
            .collect(),
    ))
}

/// One agency with its departments and their counts.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id")),
    responses(
        (status = 200, description = "The agency with its regional offices (*Perangkat Daerah*)", body = AgencyDetailDto),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_agency(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<AgencyDetailDto>, ApiError> {
    let scope = principal.scope();
    let agency = state.store.agency(AgencyId(id)).await?;
    let departments = state.store.departments(Some(agency.id)).await?;
    Ok(Json(AgencyDetailDto {
        agency: AgencyDto::from(&agency),
        departments: departments
            .iter()
            .filter(|d| scope.reaches_department(d.department.agency, d.department.id))
            .map(DepartmentDto::from)
            .collect(),
    }))
}

/// `?format=json` (default) or `?format=xlsx`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `json` (default, the `sikerja-agency/1` bundle) or `xlsx`.
    #[param(value_type = Option<ExportFormat>, inline)]
    pub format: Option<String>,
}

/// The forms of an export (for the OpenAPI description; the query is read as text).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum ExportFormat {
    Json,
    Xlsx,
}

/// The whole agency in the import format, as JSON or XLSX; importing it gives the same agency.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}/export",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id"), ExportQuery),
    responses(
        (status = 200, description = "Agency bundle (JSON `sikerja-agency/1` or XLSX)", content(
            ("application/json"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Unknown format", body = ErrorEnvelope)
    )
)]
pub async fn export_agency(
    State(state): State<AppState>,
    Id(id): Id,
    query: Result<Query<ExportQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let xlsx = match query.format.as_deref().map(str::trim) {
        None | Some("" | "json") => false,
        Some("xlsx") => true,
        Some(_) => {
            return Err(
                WebError::invalid("invalid_format", "format harus `json` atau `xlsx`.").into(),
            );
        }
    };
    let bundle = state.store.export_agency(AgencyId(id)).await?;
    let (bytes, content_type, extension) = if xlsx {
        let bytes = sikerja_transfer::write_xlsx(&bundle)
            .map_err(|e| WebError::internal("XLSX export failed", &e))?;
        (bytes, sikerja_transfer::XLSX_CONTENT_TYPE, "xlsx")
    } else {
        (
            sikerja_transfer::write_json(&bundle),
            "application/json",
            "json",
        )
    };
    let disposition = format!(
        "attachment; filename=\"{}.{extension}\"",
        bundle.agency.code
    );
    let disposition =
        HeaderValue::from_str(&disposition).map_err(|e| WebError::internal("bad header", &e))?;
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// Imports an agency from a JSON bundle or an XLSX workbook, all or nothing: on any problem
/// nothing is written and every problem is listed (sheet, row, field, code, message).
#[utoipa::path(
    post,
    path = "/api/v1/agencies/import",
    tag = "agencies",
    request_body(
        description = "JSON bundle (`application/json`) or XLSX workbook (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`)",
        content(
            ("application/json"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )
    ),
    responses(
        (status = 201, description = "Imported", body = super::dto::ImportSummaryDto),
        (status = 400, description = "The body cannot be read", body = ErrorEnvelope),
        (status = 413, description = "Too large", body = ErrorEnvelope),
        (status = 415, description = "Unsupported content type", body = ErrorEnvelope),
        (status = 422, description = "Refused; every problem is listed", body = ErrorEnvelope)
    )
)]
pub async fn import_agency(
    State(state): State<AppState>,
    principal: Principal,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<(StatusCode, Json<super::dto::ImportSummaryDto>), ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let body = body?;
    let bundle = super::import::read_bundle(&content_type, &body)?;
    // Replacing an agency needs the right to administer it; a new agency, an unscoped token.
    match state.store.agency_by_code(&bundle.agency.code).await {
        Ok(existing) => principal.require(Action::AdministerAgency {
            agency: existing.id,
        })?,
        Err(sikerja_storage::StorageError::NotFound { .. }) => match &principal {
            Principal::Token(t) if t.can_write && t.agency.is_none() => {}
            _ => {
                return Err(WebError::forbidden(
                    "Instansi baru hanya dapat diimpor dengan token API tanpa batas instansi.",
                )
                .into());
            }
        },
        Err(e) => return Err(e.into()),
    }
    let actor = principal.audit_actor(None);
    let summary = state.store.import_agency(&bundle, &actor.label).await?;
    Ok((
        StatusCode::CREATED,
        Json(super::dto::ImportSummaryDto::from(&summary)),
    ))
}
