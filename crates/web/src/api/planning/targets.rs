//! Targets of an agreement (MEK-02): adding, changing and removing them in a draft,
//! cascading one to a post whose agreement its holder sets (STR-01..05), reported progress,
//! and a department's target tree.

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use sikerja_domain::organisation::{DepartmentId, EmployeeId, PositionId};
use sikerja_domain::planning::structure::Post;
use sikerja_domain::planning::target::{CheckedTarget, check_target};
use utoipa::IntoParams;

use super::{actor_for, validation_failed};
use crate::AppState;
use crate::api::dto::planning::{
    AddTargetRequest, CascadeRequest, CascadedDto, CreatedDto, ProgressRequest, TargetFields,
    TargetNodeDto,
};
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;

/// Checks a target as entered; every problem at once.
fn checked(fields: &TargetFields) -> Result<CheckedTarget, WebError> {
    let (draft, unknown_kind) = fields.draft();
    let result = check_target(&draft);
    let mut problems = match result {
        Ok(t) if unknown_kind.is_none() => return Ok(t),
        Ok(_) => Vec::new(),
        Err(p) => p,
    };
    if let Some(p) = unknown_kind {
        // The domain reports a missing kind; say instead that the one given is unknown.
        problems.retain(|x| x.code != "kind_missing");
        problems.insert(0, p);
    }
    Err(validation_failed("Target", problems))
}

/// Adds a target to a draft agreement. `parent`, when given, must be a target of the
/// setter's agreement for the same year. Signatures already given are withdrawn.
#[utoipa::path(
    post,
    path = "/api/v1/agreements/{id}/targets",
    tag = "planning",
    params(("id" = i64, Path, description = "Agreement id")),
    request_body = AddTargetRequest,
    responses(
        (status = 201, description = "Target added", body = CreatedDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not a party to the agreement", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Agreement already signed (`agreement_signed`)", body = ErrorEnvelope),
        (status = 422, description = "`validation_failed`: every problem in `details`", body = ErrorEnvelope)
    )
)]
pub async fn add_target(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<AddTargetRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<CreatedDto>), ApiError> {
    let Json(r) = body?;
    let target = checked(&r.fields)?;
    let by = actor_for(&state, &principal, id).await?;
    let created = state.store.add_target(id, &target, r.parent, &by).await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id: created })))
}

/// Changes a target of a draft agreement.
#[utoipa::path(
    put,
    path = "/api/v1/targets/{id}",
    tag = "planning",
    params(("id" = i64, Path, description = "Target id")),
    request_body = TargetFields,
    responses(
        (status = 204, description = "Target changed"),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not a party to the agreement", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Agreement already signed", body = ErrorEnvelope),
        (status = 422, description = "`validation_failed`: every problem in `details`", body = ErrorEnvelope)
    )
)]
pub async fn update_target(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<TargetFields>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(fields) = body?;
    let target = checked(&fields)?;
    let agreement = state.store.target_agreement(id).await?;
    let by = actor_for(&state, &principal, agreement).await?;
    state.store.update_target(id, &target, &by).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a target of a draft agreement; refused while targets are cascaded from it.
#[utoipa::path(
    delete,
    path = "/api/v1/targets/{id}",
    tag = "planning",
    params(("id" = i64, Path, description = "Target id")),
    responses(
        (status = 204, description = "Target removed"),
        (status = 403, description = "Not a party to the agreement", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Already signed, or already broken down (`target_has_children`)", body = ErrorEnvelope)
    )
)]
pub async fn remove_target(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    let agreement = state.store.target_agreement(id).await?;
    let by = actor_for(&state, &principal, agreement).await?;
    state.store.remove_target(id, &by).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Cascades a target to a post whose agreement the holder of this target's post sets
/// (STR-01..05, derived; see `recipients` of `/api/v1/agreement-posts`). The receiving draft
/// agreement for the year is created when missing. Only the holder cascades.
#[utoipa::path(
    post,
    path = "/api/v1/targets/{id}/cascade",
    tag = "planning",
    params(("id" = i64, Path, description = "Target id (the parent)")),
    request_body = CascadeRequest,
    responses(
        (status = 201, description = "Target broken down", body = CascadedDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the position holder (`not_the_holder`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "The target agreement is already signed", body = ErrorEnvelope),
        (status = 422, description = "`validation_failed`, or the target position is not a subordinate (`not_a_recipient`)", body = ErrorEnvelope)
    )
)]
pub async fn cascade_target(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<CascadeRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<CascadedDto>), ApiError> {
    let Json(r) = body?;
    let target = checked(&r.fields)?;
    let agreement = state.store.target_agreement(id).await?;
    let by = actor_for(&state, &principal, agreement).await?;
    let to = Post {
        position: PositionId(r.position),
        employee: Some(EmployeeId(r.employee)),
    };
    let (agreement, target) = state.store.cascade_target(id, to, &target, &by).await?;
    Ok((StatusCode::CREATED, Json(CascadedDto { agreement, target })))
}

/// Reports the progress of a target (0–100), by its holder.
#[utoipa::path(
    post,
    path = "/api/v1/targets/{id}/progress",
    tag = "planning",
    params(("id" = i64, Path, description = "Target id")),
    request_body = ProgressRequest,
    responses(
        (status = 204, description = "Achievement recorded"),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the position holder", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Outside 0–100 (`progress_out_of_range`)", body = ErrorEnvelope)
    )
)]
pub async fn report_progress(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<ProgressRequest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(r) = body?;
    let agreement = state.store.target_agreement(id).await?;
    let by = actor_for(&state, &principal, agreement).await?;
    state
        .store
        .report_target_progress(id, r.progress, &by)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The year of a department's target tree.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TreeQuery {
    /// The year of the agreements (required).
    #[param(required = true)]
    pub year: Option<i32>,
}

/// The targets of a department's agreements for a year as a forest: each root (a target with
/// no parent in the department) followed by its cascade depth-first, with its `depth`.
#[utoipa::path(
    get,
    path = "/api/v1/departments/{id}/targets",
    tag = "planning",
    params(("id" = i64, Path, description = "Department id"), TreeQuery),
    responses(
        (status = 200, description = "Target tree", body = Vec<TargetNodeDto>),
        (status = 400, description = "Parameters cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Out of scope", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Year not given (`year_required`)", body = ErrorEnvelope)
    )
)]
pub async fn list_department_targets(
    State(state): State<AppState>,
    Id(id): Id,
    query: Result<Query<TreeQuery>, QueryRejection>,
) -> Result<Json<Vec<TargetNodeDto>>, ApiError> {
    let Query(q) = query?;
    let year = q.year.ok_or_else(|| {
        WebError::invalid(
            "year_required",
            "Sebutkan tahun Perjanjian Kinerja (parameter year), mis. ?year=2026.",
        )
    })?;
    let nodes = state
        .store
        .department_targets(DepartmentId(id), year)
        .await?;
    Ok(Json(nodes.iter().map(TargetNodeDto::from).collect()))
}
