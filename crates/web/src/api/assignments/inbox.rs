//! `/api/v1/inbox`, `/api/v1/letters/{id}` and `/api/v1/workflows`: what waits for the
//! caller (steps to take, copies and notices to read), a letter a step recorded (DOC-04), and
//! the five workflows as the regulation draws them (PEN-13..17, Lampiran II.B, Gambar 1–3).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use sikerja_domain::workflow::WorkflowKind;

use crate::AppState;
use crate::api::dto::assignment::{InboxDto, LetterDto, WorkflowDto};
use crate::authz::{Principal, require_assignment};
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::Id;

/// What waits for the caller, oldest first, with the number of each category: steps to
/// decide, to forward (send on, compose, issue), to receive; copies (*tembusan*) and
/// escalation notices to read; and in `reporting` the report requests to answer, periodic
/// reports owed or awaited late, and feedback to acknowledge (LAP-01..04). People only.
#[utoipa::path(
    get,
    path = "/api/v1/inbox",
    tag = "assignments",
    responses(
        (status = 200, description = "What waits for you", body = InboxDto),
        (status = 403, description = "API token (`official_only`)", body = ErrorEnvelope)
    )
)]
pub async fn get_inbox(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<InboxDto>, ApiError> {
    let by = principal.planning_actor(None)?;
    let items = state.store.inbox(&by).await?;
    let mut inbox = InboxDto::new(&items);
    inbox.reporting = crate::api::execution::reporting_inbox(&state, &by).await?;
    Ok(Json(inbox))
}

/// Marks a copy or an escalation notice read (a step is done by taking it).
#[utoipa::path(
    post,
    path = "/api/v1/inbox/{task}/read",
    tag = "assignments",
    params(("task" = i64, Path, description = "Task id (`items[].task` of the inbox)")),
    responses(
        (status = 204, description = "Marked as read"),
        (status = 403, description = "API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not your task, or not found", body = ErrorEnvelope),
        (status = 422, description = "A flow step, not a copy (`task_is_a_step`)", body = ErrorEnvelope)
    )
)]
pub async fn mark_task_read(
    State(state): State<AppState>,
    principal: Principal,
    Id(task): Id,
) -> Result<StatusCode, ApiError> {
    let by = principal.planning_actor(None)?;
    state.store.mark_read(task, &by).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A letter recorded by a step, with its whole content as issued (title, addressees, body,
/// the four contents of a request, the people, reasons of a refusal, signer, *tembusan*);
/// for whoever may see its assignment.
#[utoipa::path(
    get,
    path = "/api/v1/letters/{id}",
    tag = "assignments",
    params(("id" = i64, Path, description = "Letter id")),
    responses(
        (status = 200, description = "Letter", body = LetterDto),
        (status = 403, description = "Not involved", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_letter(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<LetterDto>, ApiError> {
    let letter = state.store.request_letter(id).await?;
    let request = state.store.assignment_request(letter.request).await?;
    let a = state.store.assignment(request.assignment).await?;
    require_assignment(&state.store, &principal, a.id, a.agency).await?;
    Ok(Json(LetterDto::from(&letter)))
}

/// The five approval workflows: for each its rule and article, its lanes in swimlane order
/// and its steps in order with the lane, what the step asks, where it leads, whether it may be
/// refused, the letter it records and who gets a copy.
#[utoipa::path(
    get,
    path = "/api/v1/workflows",
    tag = "assignments",
    responses(
        (status = 200, description = "Assignment flow", body = Vec<WorkflowDto>),
        (status = 401, description = "No token", body = ErrorEnvelope)
    )
)]
pub async fn list_workflows() -> Json<Vec<WorkflowDto>> {
    Json(
        WorkflowKind::ALL
            .into_iter()
            .map(WorkflowDto::from)
            .collect(),
    )
}
