//! `/api/v1/agencies/{id}/…` for performance assessment (issue 16 points 5, 7 and 8): the
//! progress of a period's assessments per Perangkat Daerah, the year's distribution curve
//! with the current distribution against it (KIN-02), and the e-Kinerja export of a period.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use sikerja_domain::organisation::AgencyId;
use utoipa::IntoParams;

use super::dto::{CurveBody, CurveDto, DepartmentProgressDto, ExportRowDto};
use super::period;
use crate::AppState;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;

/// The period asked for.
#[derive(Debug, Deserialize, IntoParams)]
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

/// The e-Kinerja hand-off of a period (BKPSDM): one row per employee, result plan and
/// indicator, with NIP, period, target, realisation, the levels, the predikat and the
/// assessor's NIP (docs/performance.md).
#[utoipa::path(
    get,
    path = "/api/v1/agencies/{id}/ekinerja-export",
    tag = "performance",
    params(("id" = i64, Path, description = "Agency id"), RequiredPeriod),
    responses(
        (status = 200, description = "The export rows", body = Vec<ExportRowDto>),
        (status = 403, description = "Not the agency's HR admin", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Unknown period (`period_invalid`)", body = ErrorEnvelope)
    )
)]
pub async fn get_ekinerja_export(
    State(state): State<AppState>,
    _principal: Principal,
    Id(id): Id,
    query: Result<Query<RequiredPeriod>, QueryRejection>,
) -> Result<Json<Vec<ExportRowDto>>, ApiError> {
    let Query(q) = query.map_err(WebError::from)?;
    let p = period("period", &q.period)?;
    let rows = state.store.ekinerja_export(AgencyId(id), p).await?;
    Ok(Json(rows.iter().map(ExportRowDto::from).collect()))
}
