//! `/api/v1/agencies`: list, detail, export and all-or-nothing import.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use sikerja_domain::organisation::AgencyId;

use super::dto::{AgencyDetailDto, AgencyDto, DepartmentDto};
use crate::AppState;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;

/// List every agency.
#[utoipa::path(
    get,
    path = "/api/v1/agencies",
    tag = "agencies",
    responses(
        (status = 200, description = "Semua instansi", body = Vec<AgencyDto>),
        (status = 500, description = "Kesalahan server", body = ErrorEnvelope)
    )
)]
pub async fn list_agencies(
    State(state): State<AppState>,
) -> Result<Json<Vec<AgencyDto>>, ApiError> {
    let agencies = state.store.agencies().await?;
    Ok(Json(agencies.iter().map(AgencyDto::from).collect()))
}

/// One agency with its departments and their counts.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id")),
    responses(
        (status = 200, description = "Instansi dengan Perangkat Daerahnya", body = AgencyDetailDto),
        (status = 404, description = "Tidak ditemukan", body = ErrorEnvelope)
    )
)]
pub async fn get_agency(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<AgencyDetailDto>, ApiError> {
    let agency = state.store.agency(AgencyId(id)).await?;
    let departments = state.store.departments(Some(agency.id)).await?;
    Ok(Json(AgencyDetailDto {
        agency: AgencyDto::from(&agency),
        departments: departments.iter().map(DepartmentDto::from).collect(),
    }))
}

/// The whole agency as a JSON bundle (the import format); `import(export(x)) == x`.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}/export",
    tag = "agencies",
    params(("id" = i64, Path, description = "Agency id")),
    responses(
        (status = 200, description = "Bundel JSON instansi", content_type = "application/json"),
        (status = 404, description = "Tidak ditemukan", body = ErrorEnvelope)
    )
)]
pub async fn export_agency(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let bundle = state.store.export_agency(AgencyId(id)).await?;
    let filename = format!("attachment; filename=\"{}.json\"", bundle.agency.code);
    let disposition = axum::http::HeaderValue::from_str(&filename)
        .map_err(|e| WebError::internal("bad header", &e))?;
    Ok(([(header::CONTENT_DISPOSITION, disposition)], Json(bundle)).into_response())
}

/// Imports an agency from a JSON bundle or an XLSX workbook, all or nothing: on any problem
/// nothing is written and every problem is listed (sheet, row, field, code, message).
#[utoipa::path(
    post,
    path = "/api/v1/agencies/import",
    tag = "agencies",
    request_body(
        description = "Bundel JSON (`application/json`) atau buku kerja XLSX (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`)",
        content(
            ("application/json"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )
    ),
    responses(
        (status = 201, description = "Diimpor", body = super::dto::ImportSummaryDto),
        (status = 400, description = "Isi tidak dapat dibaca", body = ErrorEnvelope),
        (status = 413, description = "Terlalu besar", body = ErrorEnvelope),
        (status = 415, description = "Jenis isi tidak didukung", body = ErrorEnvelope),
        (status = 422, description = "Ditolak; semua masalah dicantumkan", body = ErrorEnvelope)
    )
)]
pub async fn import_agency(
    State(state): State<AppState>,
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
    let summary = state.store.import_agency(&bundle, "api").await?;
    Ok((
        StatusCode::CREATED,
        Json(super::dto::ImportSummaryDto::from(&summary)),
    ))
}
