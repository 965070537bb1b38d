//! `/api/v1/assignments/{id}/request` and `/api/v1/requests`: starting the workflow of a
//! recorded draft (PEN-13..17), reading a request with who it waits on, taking a step
//! (PEN-18: only the holder of its lane, only once; a refusal with reasons), and the
//! requester's reminder.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use sikerja_domain::assignment::AssignmentId;
use sikerja_domain::workflow::Involvement;
use sikerja_storage::{RequestStart, StepInput};

use super::start_error;
use crate::AppState;
use crate::api::dto::assignment::{
    IdDto, NudgeRequest, NudgedDto, RequestDto, StartRequestBody, StepRequest,
};
use crate::authz::{Principal, require_assignment};
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::Id;

/// Starts the workflow of a recorded draft — the one its scope and method call for — and
/// takes its first step as the caller, who must hold its lane: the head assigning within the
/// unit (PEN-13) or requesting involvement (PEN-14, PEN-15: `involvement` with purpose,
/// competence, expected targets and duration required), the employee stating their wish
/// (PEN-16, PEN-17).
#[utoipa::path(
    post,
    path = "/api/v1/assignments/{id}/request",
    tag = "assignments",
    params(("id" = i64, Path, description = "Assignment id")),
    request_body = StartRequestBody,
    responses(
        (status = 201, description = "Flow started: the request id", body = IdDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the holder of the first step (`not_the_step_holder`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Already started (`assignment_not_draft`); position vacant (`lane_vacant`)", body = ErrorEnvelope),
        (status = 422, description = "`involvement_incomplete` (every blank field in `details`); `volunteer_across_agencies` (PEN-11)", body = ErrorEnvelope)
    )
)]
pub async fn start_request(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    headers: axum::http::HeaderMap,
    body: Result<Json<StartRequestBody>, JsonRejection>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    let Json(r) = body?;
    let by = principal.planning_actor(None)?;
    let involvement = Involvement::from(&r.involvement);
    let start = RequestStart {
        text: r.text,
        involvement,
    };
    let agency = state.store.assignment(AssignmentId(id)).await?.agency;
    let render =
        crate::letters::step_letters(&state, agency, crate::letters::host(&headers)).await?;
    let request = state
        .store
        .start_request(AssignmentId(id), &start, &by, &render)
        .await
        .map_err(|e| start_error(e, &start.involvement))?;
    Ok((StatusCode::CREATED, Json(IdDto { id: request })))
}

/// A request with every step taken (oldest first), who the current step waits on (since
/// when, reminded, escalated), its reminders and the letters it recorded; for whoever may
/// see its assignment.
#[utoipa::path(
    get,
    path = "/api/v1/requests/{id}",
    tag = "assignments",
    params(("id" = i64, Path, description = "Request id")),
    responses(
        (status = 200, description = "The request and its steps", body = RequestDto),
        (status = 403, description = "Not involved", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_request(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<RequestDto>, ApiError> {
    let r = state.store.assignment_request(id).await?;
    let a = state.store.assignment(r.assignment).await?;
    require_assignment(&state.store, &principal, a.id, a.agency).await?;
    Ok(Json(RequestDto::from(&r)))
}

/// Takes the current step of a request (`step` names it): only its holder — the holder or
/// Plt./Plh. of the position its lane names, the member for a receipt — and only once
/// (PEN-18). A refusal (`refuse`) needs reasons in `text` and ends the request; a submission,
/// issue or receipt cannot be refused.
#[utoipa::path(
    post,
    path = "/api/v1/requests/{id}/steps",
    tag = "assignments",
    params(("id" = i64, Path, description = "Request id")),
    request_body = StepRequest,
    responses(
        (status = 204, description = "Step taken"),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the step holder (`not_the_step_holder`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "`already_decided` (already decided, or not its turn yet); `lane_vacant`; `request_letter_not_issued` (the involvement request letter is not issued yet, DOC-05)", body = ErrorEnvelope),
        (status = 422, description = "`reasons_required`, `not_refusable`, `unknown_step`; `render_failed` (this step's letter cannot be rendered: the step is not taken)", body = ErrorEnvelope)
    )
)]
pub async fn decide_step(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    headers: axum::http::HeaderMap,
    body: Result<Json<StepRequest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(r) = body?;
    let by = principal.planning_actor(None)?;
    let input = StepInput {
        step: r.step,
        refuse: r.refuse,
        text: r.text,
    };
    let assignment = state.store.assignment_request(id).await?.assignment;
    let agency = state.store.assignment(assignment).await?.agency;
    let render =
        crate::letters::step_letters(&state, agency, crate::letters::host(&headers)).await?;
    state.store.decide_step(id, &input, &by, &render).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The requester (the holder of the first step's lane) reminds whoever the current step
/// waits on; each reminder is recorded with an audit row.
#[utoipa::path(
    post,
    path = "/api/v1/requests/{id}/nudges",
    tag = "assignments",
    params(("id" = i64, Path, description = "Request id")),
    request_body = NudgeRequest,
    responses(
        (status = 200, description = "Reminder sent", body = NudgedDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the requester (`not_the_requester`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "No step is waiting (`nothing_waits`)", body = ErrorEnvelope)
    )
)]
pub async fn nudge_request(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<NudgeRequest>, JsonRejection>,
) -> Result<Json<NudgedDto>, ApiError> {
    let Json(r) = body?;
    let by = principal.planning_actor(None)?;
    let reminded = state.store.nudge(id, &r.note, &by).await?;
    Ok(Json(NudgedDto { reminded }))
}
