//! The forms of `/penugasan/{id}`: starting the workflow (its first step, with the four
//! contents of an involvement request, PEN-14/15), taking the current step (proceed, or refuse
//! with reasons, PEN-18) and the requester's reminder. Storage decides each; a refusal shows
//! the page again with the Indonesian reason.

use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::HeaderMap;
use axum::response::Response;
use sikerja_domain::assignment::AssignmentId;
use sikerja_domain::workflow::{Involvement, StepDecision};
use sikerja_storage::{RequestStart, StepInput};

use super::show::page;
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::pages::planning::forms::{Pairs, field};
use crate::pages::planning::respond;

async fn answer(
    state: &AppState,
    principal: &Principal,
    id: i64,
    result: Result<String, WebError>,
) -> Result<Response, PageError> {
    respond(result, |error| {
        page(state, principal, id, Some(error), None)
    })
    .await
}

/// The renderer of the letters a step of assignment `id` issues (issue 15 point 4).
async fn step_letters(
    state: &AppState,
    id: i64,
    headers: &HeaderMap,
) -> Result<crate::letters::StepLetters, WebError> {
    let agency = state.store.assignment(AssignmentId(id)).await?.agency;
    crate::letters::step_letters(state, agency, crate::letters::host(headers)).await
}

/// `POST /penugasan/{id}/mulai` — starts the workflow (the first step, by its holder); a first
/// step that makes a Surat Tugas issues it (issue 15 point 4).
pub async fn start_request(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    headers: HeaderMap,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let start = RequestStart {
            text: field(&pairs, "text").to_string(),
            involvement: Involvement {
                purpose: field(&pairs, "purpose").to_string(),
                competence: field(&pairs, "competence").to_string(),
                expected_targets: field(&pairs, "expected_targets").to_string(),
                duration: field(&pairs, "duration").to_string(),
            },
        };
        let render = step_letters(&state, id, &headers).await?;
        state
            .store
            .start_request(AssignmentId(id), &start, &by, &render)
            .await?;
        Ok(format!("/penugasan/{id}#alur"))
    }
    .await;
    answer(&state, &principal, id, result).await
}

/// `POST /penugasan/{id}/langkah` — takes the current step: `decision` is `proceed` or
/// `refuse` (reasons in `text`, required). The signer's step issues its letter in the same
/// decision (issue 15 point 4).
pub async fn decide_step(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    headers: HeaderMap,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let request = started_request(&state, id, "request_not_started").await?;
        let input = StepInput {
            step: field(&pairs, "step").to_string(),
            refuse: StepDecision::from_code(field(&pairs, "decision"))
                == Some(StepDecision::Refuse),
            text: field(&pairs, "text").to_string(),
        };
        let render = step_letters(&state, id, &headers).await?;
        state
            .store
            .decide_step(request, &input, &by, &render)
            .await?;
        Ok(format!("/penugasan/{id}#alur"))
    }
    .await;
    answer(&state, &principal, id, result).await
}

/// `POST /penugasan/{id}/pengingat` — the requester reminds whoever the step waits on.
pub async fn nudge_request(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let request = started_request(&state, id, "nothing_waits").await?;
        let n = state
            .store
            .nudge(request, field(&pairs, "note"), &by)
            .await?;
        Ok(format!("/penugasan/{id}?diingatkan={n}#alur"))
    }
    .await;
    answer(&state, &principal, id, result).await
}

/// The request of an assignment whose workflow has started, else 409 with `code`.
async fn started_request(
    state: &AppState,
    id: i64,
    code: &'static str,
) -> Result<sikerja_storage::RequestId, WebError> {
    state
        .store
        .request_of(AssignmentId(id))
        .await?
        .ok_or_else(|| WebError::Conflict {
            code,
            message: "Alur penugasan ini belum dimulai.".into(),
            details: Vec::new(),
        })
}
