//! `/api/v1/employees`: search with paging, and one employee.

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use serde::Deserialize;
use sikerja_domain::organisation::{AgencyId, DepartmentId, EmployeeId};
use sikerja_storage::EmployeeFilter;
use utoipa::IntoParams;

use super::dto::{EmployeeDto, EmployeePageDto};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;

const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 500;

/// Filters and paging of the employee list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EmployeeQuery {
    pub agency: Option<i64>,
    pub department: Option<i64>,
    /// Part of the name or the NIP, case-insensitive.
    pub q: Option<String>,
    /// 1 … 500, default 50.
    #[param(minimum = 1, maximum = 500, example = 50)]
    pub limit: Option<u32>,
    #[param(minimum = 0)]
    pub offset: Option<u32>,
}

/// Search employees.
#[utoipa::path(
    get,
    path = "/api/v1/employees",
    tag = "employees",
    params(EmployeeQuery),
    responses(
        (status = 200, description = "One page of employees", body = EmployeePageDto),
        (status = 400, description = "Parameters cannot be read", body = ErrorEnvelope),
        (status = 422, description = "Invalid parameters", body = ErrorEnvelope)
    )
)]
pub async fn list_employees(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<EmployeeQuery>, QueryRejection>,
) -> Result<Json<EmployeePageDto>, ApiError> {
    let Query(query) = query?;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(WebError::invalid(
            "invalid_limit",
            format!("limit harus antara 1 dan {MAX_LIMIT}."),
        )
        .into());
    }
    let offset = query.offset.unwrap_or(0);
    let (agency, department) = principal.scope().narrow(
        query.agency.map(AgencyId),
        query.department.map(DepartmentId),
    )?;
    let page = state
        .store
        .employees(&EmployeeFilter {
            agency,
            department,
            search: query
                .q
                .filter(|q| !q.trim().is_empty())
                .map(|q| crate::pages::search_text(&q)),
            limit,
            offset,
            ..Default::default()
        })
        .await?;
    Ok(Json(EmployeePageDto::new(&page, limit, offset)))
}

/// One employee.
#[utoipa::path(
    get,
    path = "/api/v1/employees/{id}",
    tag = "employees",
    params(("id" = i64, Path, description = "Employee id")),
    responses(
        (status = 200, description = "Employee", body = EmployeeDto),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_employee(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<EmployeeDto>, ApiError> {
    let view = state.store.employee(EmployeeId(id)).await?;
    Ok(Json(EmployeeDto::from(&view)))
}
