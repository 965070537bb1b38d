//! Activity plans (*rencana pelaksanaan kegiatan dan anggaran*, MEK-02): drafted by the
//! holder of an agreement for one of its targets, submitted to the head who sets the agreement
//! and approved by them; a change after submission is a new version with its reason (MEK-03,
//! Pasal 10 ayat 2).

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use sikerja_domain::planning::activity::{Activity, check_activities};

use super::{actor_for, validation_failed};
use crate::AppState;
use crate::api::dto::planning::{
    ActivityPlanRequest, ActivityRequest, CreatedDto, PlanDto, PlanReturnRequest,
    PlanVersionCreatedDto, PlanVersionRequest,
};
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;

fn activities(requests: &[ActivityRequest]) -> Result<Vec<Activity>, WebError> {
    let drafts: Vec<_> = requests.iter().map(ActivityRequest::draft).collect();
    check_activities(&drafts).map_err(|p| validation_failed("Rencana kegiatan", p))
}

/// Drafts an activity plan (version 1) for a target of the caller's own agreement.
#[utoipa::path(
    post,
    path = "/api/v1/targets/{id}/activity-plans",
    tag = "planning",
    params(("id" = i64, Path, description = "Target id")),
    request_body = ActivityPlanRequest,
    responses(
        (status = 201, description = "Plan drawn up", body = CreatedDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the position holder", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "`validation_failed`: every problem in `details`; blank title", body = ErrorEnvelope)
    )
)]
pub async fn draft_activity_plan(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<ActivityPlanRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<CreatedDto>), ApiError> {
    let Json(r) = body?;
    let activities = activities(&r.activities)?;
    let agreement = state.store.target_agreement(id).await?;
    let by = actor_for(&state, &principal, agreement).await?;
    let plan = state
        .store
        .draft_activity_plan(id, &r.title, &activities, &by)
        .await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id: plan })))
}

/// One plan with every version, for those who may see its agreement (route rule `Plan`).
#[utoipa::path(
    get,
    path = "/api/v1/activity-plans/{id}",
    tag = "planning",
    params(("id" = i64, Path, description = "Activity plan id")),
    responses(
        (status = 200, description = "Activity plan", body = PlanDto),
        (status = 403, description = "Out of scope", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_activity_plan(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<PlanDto>, ApiError> {
    let plan = state.store.activity_plan(id).await?;
    Ok(Json(PlanDto::from(&plan)))
}

/// Changes a plan. A draft changes in place; a submitted or approved plan gets a new version
/// (the reason is then required) and the earlier one stays as it was.
#[utoipa::path(
    post,
    path = "/api/v1/activity-plans/{id}/versions",
    tag = "planning",
    params(("id" = i64, Path, description = "Activity plan id")),
    request_body = PlanVersionRequest,
    responses(
        (status = 201, description = "Plan versions", body = PlanVersionCreatedDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the position holder", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "`validation_failed`; blank reason for the change", body = ErrorEnvelope)
    )
)]
pub async fn revise_activity_plan(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<PlanVersionRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<PlanVersionCreatedDto>), ApiError> {
    let Json(r) = body?;
    let activities = activities(&r.activities)?;
    let agreement = state.store.plan_agreement(id).await?;
    let by = actor_for(&state, &principal, agreement).await?;
    let version = state
        .store
        .revise_activity_plan(id, &activities, &r.reason, &by)
        .await?;
    Ok((StatusCode::CREATED, Json(PlanVersionCreatedDto { version })))
}

/// The holder submits the current draft to the head who sets their agreement.
#[utoipa::path(
    post,
    path = "/api/v1/activity-plans/{id}/submission",
    tag = "planning",
    params(("id" = i64, Path, description = "Activity plan id")),
    responses(
        (status = 204, description = "Plan submitted"),
        (status = 403, description = "Not the position holder", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Not a draft (`plan_state`)", body = ErrorEnvelope)
    )
)]
pub async fn submit_activity_plan(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    let agreement = state.store.plan_agreement(id).await?;
    let by = actor_for(&state, &principal, agreement).await?;
    state.store.submit_activity_plan(id, &by).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The head who sets the agreement returns the submitted version with notes (issue 15 point
/// 6): the version is kept as `returned` with them and the holder's change makes a new
/// version (MEK-03, Pasal 10 ayat 2).
#[utoipa::path(
    post,
    path = "/api/v1/activity-plans/{id}/return",
    tag = "planning",
    params(("id" = i64, Path, description = "Activity plan id")),
    request_body = PlanReturnRequest,
    responses(
        (status = 204, description = "Plan returned with notes"),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the party who sets the agreement", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Not submitted yet (`plan_state`)", body = ErrorEnvelope),
        (status = 422, description = "`plan_return_note_blank`, `text_too_long`, `control_character`", body = ErrorEnvelope)
    )
)]
pub async fn return_activity_plan(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<PlanReturnRequest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(r) = body?;
    let agreement = state.store.plan_agreement(id).await?;
    let by = actor_for(&state, &principal, agreement).await?;
    state.store.return_activity_plan(id, &r.note, &by).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The head who sets the agreement approves the submitted version.
#[utoipa::path(
    post,
    path = "/api/v1/activity-plans/{id}/approval",
    tag = "planning",
    params(("id" = i64, Path, description = "Activity plan id")),
    responses(
        (status = 204, description = "Plan approved"),
        (status = 403, description = "Not the party who sets the agreement", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Not submitted yet (`plan_state`)", body = ErrorEnvelope)
    )
)]
pub async fn approve_activity_plan(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    let agreement = state.store.plan_agreement(id).await?;
    let by = actor_for(&state, &principal, agreement).await?;
    state.store.approve_activity_plan(id, &by).await?;
    Ok(StatusCode::NO_CONTENT)
}
