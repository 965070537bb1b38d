//! `/api/v1/placements`: the rincian kedudukan as JSON (KED-11), one employee's placement, and
//! manual placements of unresolved cases (KED-09).

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use sikerja_domain::organisation::{AgencyId, DepartmentId, EmployeeId, PositionId, UnitId};
use sikerja_storage::{ManualPlacementInput, PlacementFilter, PlacementStatus};
use utoipa::IntoParams;

use super::dto::{ManualPlacementRequest, PlacementDto};
use crate::AppState;
use crate::authz::Principal;
use crate::decisions::{check_decider, check_justification};
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;
use sikerja_domain::access::Action;

/// Filters of the placement list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlacementQuery {
    pub agency: Option<i64>,
    pub department: Option<i64>,
    pub unit: Option<i64>,
    /// `placed` or `unresolved`.
    #[param(value_type = Option<PlacementStatusParam>, inline)]
    pub status: Option<String>,
    /// A rule ID such as `KED-03`.
    pub rule: Option<String>,
    /// Part of the name or the NIP.
    pub q: Option<String>,
}

/// The statuses a placement list filters on (for the OpenAPI description).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum PlacementStatusParam {
    Placed,
    Unresolved,
}

fn status(value: Option<&str>) -> Result<Option<PlacementStatus>, WebError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(code) => PlacementStatus::from_code(code).map(Some).ok_or_else(|| {
            WebError::invalid("invalid_status", "status harus `placed` atau `unresolved`.")
        }),
    }
}

/// The placements matching the filters, each with `rule_id` and `article`.
#[utoipa::path(
    get,
    path = "/api/v1/placements",
    tag = "placements",
    params(PlacementQuery),
    responses(
        (status = 200, description = "Placement details", body = Vec<PlacementDto>),
        (status = 400, description = "Parameters cannot be read", body = ErrorEnvelope),
        (status = 422, description = "Invalid parameters", body = ErrorEnvelope)
    )
)]
pub async fn list_placements(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<PlacementQuery>, QueryRejection>,
) -> Result<Json<Vec<PlacementDto>>, ApiError> {
    let Query(q) = query?;
    let (agency, department) = principal
        .scope()
        .narrow(q.agency.map(AgencyId), q.department.map(DepartmentId))?;
    let filter = PlacementFilter {
        agency,
        department,
        unit: q.unit.map(UnitId),
        status: status(q.status.as_deref())?,
        rule_id: q.rule.filter(|r| !r.trim().is_empty()),
        search: q
            .q
            .filter(|s| !s.trim().is_empty())
            .map(|s| crate::pages::search_text(&s)),
    };
    let list = state.store.placements(&filter).await?;
    Ok(Json(list.iter().map(PlacementDto::from).collect()))
}

/// The placement of one JF or Pelaksana (404 for other employees).
#[utoipa::path(
    get,
    path = "/api/v1/employees/{id}/placement",
    tag = "placements",
    params(("id" = i64, Path, description = "Employee id")),
    responses(
        (status = 200, description = "Placement", body = PlacementDto),
        (status = 404, description = "Employee does not exist or is not a JF/Pelaksana", body = ErrorEnvelope)
    )
)]
pub async fn get_employee_placement(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<PlacementDto>, ApiError> {
    let placement = state
        .store
        .placement_of(EmployeeId(id))
        .await?
        .ok_or(WebError::NotFound { what: "placement" })?;
    Ok(Json(PlacementDto::from(&placement)))
}

/// Records a manual placement for an unresolved case (KED-09). Refused with 422 and nothing
/// written when the justification is blank, the deciding NIP is unknown, the case is not
/// unresolved, or a position is vacant, of another agency or (for the PPK) below Pengawas.
#[utoipa::path(
    post,
    path = "/api/v1/placements/manual",
    tag = "placements",
    request_body = ManualPlacementRequest,
    responses(
        (status = 201, description = "The placement determined", body = PlacementDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 404, description = "Employee or position not found", body = ErrorEnvelope),
        (status = 409, description = "Conflict", body = ErrorEnvelope),
        (status = 422, description = "Refused; nothing is saved", body = ErrorEnvelope)
    )
)]
pub async fn create_manual_placement(
    State(state): State<AppState>,
    principal: Principal,
    body: Result<Json<ManualPlacementRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<PlacementDto>), ApiError> {
    let Json(request) = body?;
    let person = state
        .store
        .employee(EmployeeId(request.employee_id))
        .await?;
    let department = person
        .department
        .as_ref()
        .ok_or(WebError::NotFound { what: "placement" })?;
    principal.require(Action::DecidePlacement {
        agency: department.agency,
        department: department.id,
    })?;
    // Storage refuses too (in its transaction); this gives the stable code of a second decision.
    let current = state
        .store
        .placement_of(EmployeeId(request.employee_id))
        .await?
        .ok_or(WebError::NotFound { what: "placement" })?;
    if current.status != PlacementStatus::Unresolved {
        return Err(WebError::Conflict {
            code: "already_placed",
            message: "Kedudukan pegawai ini sudah ditetapkan; penetapan manual hanya untuk kasus yang belum terselesaikan.".into(),
            details: Vec::new(),
        }
        .into());
    }
    let justification = check_justification(&request.justification)?;
    // A signed-in official decides as themself; a system with a token names the official.
    let decided_by = match &principal {
        Principal::Person { user, .. } => user.login.clone(),
        _ => request.decided_by.clone(),
    };
    let decider = check_decider(&state.store, &decided_by).await?;
    let placement = state
        .store
        .record_manual_placement(&ManualPlacementInput {
            employee: EmployeeId(request.employee_id),
            superior_position: PositionId(request.superior_position_id),
            assessor_position: PositionId(request.assessor_position_id),
            justification,
            decided_by: decider.as_str().to_string(),
            decided_as: principal.audit_actor(Some(department.id)).position,
        })
        .await?;
    Ok((StatusCode::CREATED, Json(PlacementDto::from(&placement))))
}
