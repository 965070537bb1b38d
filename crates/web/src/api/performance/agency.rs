//! `/api/v1/agencies/{id}/…` for performance assessment (issue 16 points 5, 7 and 8): the
//! progress of a period's assessments per Perangkat Daerah, the year's distribution curve
//! with the current distribution against it (KIN-02), the e-Kinerja export of a period, and
//! the follow-ups decided in a period (KIN-01).

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sikerja_domain::organisation::AgencyId;
use sikerja_storage::performance::{ExportRow, PeriodRef};
use utoipa::IntoParams;

use super::dto::{CurveBody, CurveDto, DepartmentProgressDto, ExportRowDto, FollowUpLineDto};
use super::period;
use crate::AppState;
use crate::authz::Principal;
use crate::downloads::{FileFormat, attachment};
use crate::ekinerja_export::{self, EkinerjaRow};
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;

/// The period asked for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequiredPeriod {
    /// `2026-q4`, `2026-m11` or `2026-y`.
    period: String,
}

/// The progress of a period's assessments per Perangkat Daerah of the agency (BKPSDM): the
/// employees in scope (Fungsional and Pelaksana), not opened, draft, finalised (locked:
/// finalised, acknowledged or decided), acknowledged, objected.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}/assessment-progress",
    tag = "performance",
    params(("id" = i64, Path, description = "Agency id"), RequiredPeriod),
    responses(
        (status = 200, description = "Progress per Perangkat Daerah", body = Vec<DepartmentProgressDto>),
        (status = 403, description = "Not the agency's HR admin", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Unknown period (`period_invalid`)", body = ErrorEnvelope)
    )
)]
pub async fn get_assessment_progress(
    State(state): State<AppState>,
    _principal: Principal,
    Id(id): Id,
    query: Result<Query<RequiredPeriod>, QueryRejection>,
) -> Result<Json<Vec<DepartmentProgressDto>>, ApiError> {
    let Query(q) = query.map_err(WebError::from)?;
    let p = period("period", &q.period)?;
    let rows = state.store.assessment_progress(AgencyId(id), p).await?;
    Ok(Json(rows.iter().map(DepartmentProgressDto::from).collect()))
}

fn agency_and_year(id: &str, year: &str) -> Result<(AgencyId, u16), WebError> {
    let not_found = || WebError::NotFound { what: "page" };
    let agency = AgencyId(id.parse().map_err(|_| not_found())?);
    let year = year.parse::<u16>().map_err(|_| not_found())?;
    Ok((agency, year))
}

/// The agency's distribution curve for a year (null when none is set: the distribution is not
/// capped) and the current distribution of the annual predikat against it, with each
/// departure (KIN-02).
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}/curves/{year}",
    tag = "performance",
    params(
        ("id" = i64, Path, description = "Agency id"),
        ("year" = u16, Path, description = "Year of the annual assessments")
    ),
    responses(
        (status = 200, description = "The curve and the distribution against it", body = CurveDto),
        (status = 403, description = "Out of reach", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_curve(
    State(state): State<AppState>,
    _principal: Principal,
    Path((id, year)): Path<(String, String)>,
) -> Result<Json<CurveDto>, ApiError> {
    let (agency, year) = agency_and_year(&id, &year)?;
    let view = state.store.distribution(agency, year).await?;
    Ok(Json(CurveDto::new(agency.0, &view)))
}

/// Records the agency's curve for a year (BKPSDM): the organisation's predikat, `refuse` or
/// `warn`, the bounds (omitted: the national pattern for that predikat) and the legal basis.
/// A new row each time; the newest is in force. A curve that cannot be read is refused
/// (`curve_policy_invalid`).
#[utoipa::path(
    put,
    path = "/api/v1/agencies/{id}/curves/{year}",
    tag = "performance",
    params(
        ("id" = i64, Path, description = "Agency id"),
        ("year" = u16, Path, description = "Year of the annual assessments")
    ),
    request_body = CurveBody,
    responses(
        (status = 200, description = "The curve in force afterwards and the distribution against it", body = CurveDto),
        (status = 403, description = "Not the agency's HR admin", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Refused (`curve_policy_invalid`, `curve_choice_invalid`)", body = ErrorEnvelope)
    )
)]
pub async fn set_curve(
    State(state): State<AppState>,
    principal: Principal,
    Path((id, year)): Path<(String, String)>,
    body: Result<Json<CurveBody>, JsonRejection>,
) -> Result<Json<CurveDto>, ApiError> {
    let (agency, year) = agency_and_year(&id, &year)?;
    principal.require(sikerja_domain::access::Action::AdministerAgency { agency })?;
    let Json(b) = body?;
    let policy = b.parse(year)?;
    state
        .store
        .set_curve_policy(
            agency,
            &policy,
            b.legal_basis.trim(),
            &principal.audit_actor(None),
        )
        .await?;
    let view = state.store.distribution(agency, year).await?;
    Ok(Json(CurveDto::new(agency.0, &view)))
}

impl From<&ExportRow> for EkinerjaRow {
    fn from(r: &ExportRow) -> Self {
        EkinerjaRow {
            nip: r.nip.clone(),
            name: r.name.clone(),
            period: r.period.code(),
            result_plan: r.result_plan.clone(),
            indicator: r.indicator.clone(),
            target: r.target.clone(),
            realisation: r.realisation.clone(),
            results_level: r.results_level.map(|l| l.code().into()),
            behaviour_level: r.behaviour_level.map(|l| l.code().into()),
            performance_rating: r.performance_rating.map(|p| p.code().into()),
            state: r.state.code().into(),
            assessor_nip: r.assessor_nip.clone(),
        }
    }
}

/// The rows of a period as a downloaded CSV or XLSX file (`ekinerja-2026-q4.csv`).
pub(crate) fn export_file(
    rows: &[ExportRow],
    period: PeriodRef,
    format: FileFormat,
) -> Result<Response, WebError> {
    let rows: Vec<EkinerjaRow> = rows.iter().map(EkinerjaRow::from).collect();
    let bytes = match format {
        FileFormat::Csv => ekinerja_export::csv(&rows).into_bytes(),
        FileFormat::Xlsx => ekinerja_export::xlsx(&rows)
            .map_err(|e| WebError::internal("e-Kinerja XLSX export failed", &e))?,
    };
    let name = ekinerja_export::file_name(&period.code(), format.extension());
    attachment(bytes, format, &name)
}

/// The `format` of a list answered as JSON (none, empty or `json`) or as a file.
fn file_format(format: Option<&str>) -> Result<Option<FileFormat>, WebError> {
    match format.map(str::trim) {
        None | Some("" | "json") => Ok(None),
        Some("csv") => Ok(Some(FileFormat::Csv)),
        Some("xlsx") => Ok(Some(FileFormat::Xlsx)),
        Some(_) => Err(WebError::invalid(
            "invalid_format",
            "format harus `json`, `csv` atau `xlsx`.",
        )),
    }
}

/// The period and the format of the export.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `2026-q4`, `2026-m11` or `2026-y`.
    period: String,
    /// `json` (default), `csv` or `xlsx`.
    format: Option<String>,
}

/// The e-Kinerja hand-off of a period (BKPSDM): one row per employee, result plan and
/// indicator, with NIP, period, target, realisation, the levels, the predikat and the
/// assessor's NIP (docs/performance.md, "The hand-off to e-Kinerja"): JSON, or with
/// `format=csv` / `format=xlsx` the file with the documented columns.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}/ekinerja-export",
    tag = "performance",
    params(("id" = i64, Path, description = "Agency id"), ExportQuery),
    responses(
        (status = 200, description = "The export rows: JSON, CSV or XLSX", content(
            (Vec<ExportRowDto> = "application/json"),
            ("text/csv"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        (status = 403, description = "Not the agency's HR admin", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Unknown period (`period_invalid`) or format (`invalid_format`)", body = ErrorEnvelope)
    )
)]
pub async fn get_ekinerja_export(
    State(state): State<AppState>,
    _principal: Principal,
    Id(id): Id,
    query: Result<Query<ExportQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = query.map_err(WebError::from)?;
    let p = period("period", &q.period)?;
    let file = file_format(q.format.as_deref())?;
    let rows = state.store.ekinerja_export(AgencyId(id), p).await?;
    Ok(match file {
        None => Json(rows.iter().map(ExportRowDto::from).collect::<Vec<_>>()).into_response(),
        Some(f) => export_file(&rows, p, f)?,
    })
}

/// The period, the Perangkat Daerah and the format of the follow-up list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FollowUpQuery {
    /// `2026-q4`, `2026-m11` or `2026-y`.
    period: String,
    /// A Perangkat Daerah's id; omitted: all of the agency.
    department: Option<i64>,
    /// `json` (default), `csv` or `xlsx`.
    format: Option<String>,
}

/// The follow-ups decided in a period (BKPSDM; KIN-01, Pasal 18 ayat (1) huruf d): one line per
/// assessment and follow-up kind (coaching, training, reward, sanction recommendation) with
/// the employee, Perangkat Daerah, predikat and development needs, optionally of one
/// Perangkat Daerah: JSON, or with `format=csv` / `format=xlsx` a file with Indonesian column
/// titles.
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}/follow-ups",
    tag = "performance",
    params(("id" = i64, Path, description = "Agency id"), FollowUpQuery),
    responses(
        (status = 200, description = "The follow-ups: JSON, CSV or XLSX", content(
            (Vec<FollowUpLineDto> = "application/json"),
            ("text/csv"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        )),
        (status = 403, description = "Not the agency's HR admin", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Unknown period (`period_invalid`) or format (`invalid_format`)", body = ErrorEnvelope)
    )
)]
pub async fn get_follow_ups(
    State(state): State<AppState>,
    _principal: Principal,
    Id(id): Id,
    query: Result<Query<FollowUpQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = query.map_err(WebError::from)?;
    let p = period("period", &q.period)?;
    let file = file_format(q.format.as_deref())?;
    let lines = state
        .store
        .follow_ups(AgencyId(id), p, q.department)
        .await?;
    Ok(match file {
        None => Json(lines.iter().map(FollowUpLineDto::from).collect::<Vec<_>>()).into_response(),
        Some(f) => crate::follow_up_export::file(&lines, p, f)?,
    })
}
