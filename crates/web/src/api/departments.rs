//! `/api/v1/departments`: list and detail with counts, the unit tree, positions and the span
//! of control.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use serde::Deserialize;
use sikerja_domain::organisation::{AgencyId, DepartmentId};
use utoipa::IntoParams;

use super::dto::{DepartmentDto, PositionDto, SpanDto, UnitDto};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::Id;

/// Filter of the department list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DepartmentQuery {
    /// Only the departments of this agency.
    pub agency: Option<i64>,
}

/// List departments with their counts.
#[utoipa::path(
    get,
    path = "/api/v1/departments",
    tag = "departments",
    params(DepartmentQuery),
    responses(
        (status = 200, description = "Regional office (*Perangkat Daerah*)", body = Vec<DepartmentDto>),
        (status = 400, description = "Parameters cannot be read", body = ErrorEnvelope),
        (status = 422, description = "Invalid parameters", body = ErrorEnvelope)
    )
)]
pub async fn list_departments(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<DepartmentQuery>, QueryRejection>,
) -> Result<Json<Vec<DepartmentDto>>, ApiError> {
    let Query(query) = query?;
    let scope = principal.scope();
    let list = state.store.departments(query.agency.map(AgencyId)).await?;
    Ok(Json(
        list.iter()
            .filter(|d| scope.reaches_department(d.department.agency, d.department.id))
            .map(DepartmentDto::from)
            .collect(),
    ))
}

/// One department with its counts.
#[utoipa::path(
    get,
    path = "/api/v1/departments/{id}",
    tag = "departments",
    params(("id" = i64, Path, description = "Department id")),
    responses(
        (status = 200, description = "Regional office (*Perangkat Daerah*)", body = DepartmentDto),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_department(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<DepartmentDto>, ApiError> {
    let summary = crate::pages::load_department_summary(&state.store, id).await?;
    Ok(Json(DepartmentDto::from(&summary)))
}

/// The unit tree of a department, parents before children (ORG-03).
#[utoipa::path(
    get,
    path = "/api/v1/departments/{id}/units",
    tag = "departments",
    params(("id" = i64, Path, description = "Department id")),
    responses(
        (status = 200, description = "Unit", body = Vec<UnitDto>),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn list_units(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<Vec<UnitDto>>, ApiError> {
    state.store.department(DepartmentId(id)).await?;
    let units = state.store.units(DepartmentId(id)).await?;
    Ok(Json(units.iter().map(UnitDto::from).collect()))
}

/// The positions of a department with holders, acting holders and vacancies (ORG-04..06).
#[utoipa::path(
    get,
    path = "/api/v1/departments/{id}/positions",
    tag = "departments",
    params(("id" = i64, Path, description = "Department id")),
    responses(
        (status = 200, description = "Position", body = Vec<PositionDto>),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn list_positions(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<Vec<PositionDto>>, ApiError> {
    state.store.department(DepartmentId(id)).await?;
    let positions = state.store.positions(DepartmentId(id)).await?;
    Ok(Json(positions.iter().map(PositionDto::from).collect()))
}

/// Span of control of every official of a department (KED-10).
#[utoipa::path(
    get,
    path = "/api/v1/departments/{id}/span-of-control",
    tag = "departments",
    params(("id" = i64, Path, description = "Department id")),
    responses(
        (status = 200, description = "Span of control", body = Vec<SpanDto>),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_span_of_control(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<Vec<SpanDto>>, ApiError> {
    state.store.department(DepartmentId(id)).await?;
    let spans = state.store.span_of_control(DepartmentId(id)).await?;
    Ok(Json(spans.iter().map(SpanDto::from).collect()))
}
