//! `/api/v1` results up the review chain (issue 13 point 8; MEK-05, KIN-04): the individual or
//! the team lead of a running assignment submits a result, its chain is fixed on the record,
//! each reviewer it waits at passes it up, returns it with notes or (the head of the Unit
//! Organisasi) accepts it, once; a returned result is submitted again. Officials only
//! (tokens: 403 `official_only`); storage decides each change; refusals carry their rule and
//! article in `details`.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sikerja_domain::assignment::AssignmentId;
use sikerja_domain::execution::review::DecisionKind;
use sikerja_storage::{
    ResultDecision, ResultResubmission, ResultStepView, ResultSubmission, WaitingResult, WorkRef,
    WorkResultId, WorkResultView,
};
use utoipa::ToSchema;

use crate::AppState;
use crate::api::dto::assignment::IdDto;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;

/// A post passed over on a step (vacant, the submitter's own, the same reviewer twice).
#[derive(Debug, Serialize, ToSchema)]
pub struct SkippedDto {
    pub position: i64,
    pub position_name: String,
    /// `vacant`, `own_result` or `same_reviewer`.
    pub reason: String,
    pub note: String,
    pub rule_id: String,
    pub article: String,
}

/// A decision taken on a step.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultDecisionDto {
    /// `pass`, `return` or `accept`.
    pub decision: String,
    pub label: String,
    pub meets_target: bool,
    /// The reviewer stated the result meets the expectation (MEK-05, Lampiran I.A/D/E.3.c angka 3).
    pub meets_expectation: bool,
    pub notes: String,
    pub by: Option<i64>,
    pub by_name: String,
    pub by_position: String,
    /// `plt` or `plh` when decided by an acting holder.
    pub acting: Option<String>,
    pub decided_at: DateTime<Utc>,
    pub rule_id: String,
    pub article: String,
}

/// A step of the chain fixed on a round (KIN-04).
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultStepDto {
    /// 0 = the first reviewer.
    pub step: usize,
    pub position: i64,
    pub position_name: String,
    pub unit: i64,
    pub unit_name: String,
    pub class: String,
    /// Who exercised the post when the chain was fixed.
    pub reviewer: Option<i64>,
    pub reviewer_name: String,
    pub acting: Option<String>,
    /// The last step: the head of the Unit Organisasi accepts.
    pub accepts: bool,
    /// A result meeting the expectation (not the target) may be passed at this step (the pass
    /// to the Sekda, Direktur or Camat: MEK-05, Lampiran I.A/D/E.3.c angka 3).
    pub expectation_suffices: bool,
    pub skipped: Vec<SkippedDto>,
    pub rule_id: String,
    pub article: String,
    pub decision: Option<ResultDecisionDto>,
}

impl From<&ResultStepView> for ResultStepDto {
    fn from(s: &ResultStepView) -> Self {
        ResultStepDto {
            step: s.step,
            position: s.position.0,
            position_name: s.position_name.clone(),
            unit: s.unit.0,
            unit_name: s.unit_name.clone(),
            class: s.class.clone(),
            reviewer: s.reviewer.map(|e| e.0),
            reviewer_name: s.reviewer_name.clone(),
            acting: s.acting.clone(),
            accepts: s.accepts,
            expectation_suffices: s.expectation_suffices,
            skipped: s
                .skipped
                .iter()
                .map(|k| SkippedDto {
                    position: k.position.0,
                    position_name: k.position_name.clone(),
                    reason: k.reason.clone(),
                    note: k.note.clone(),
                    rule_id: k.rule_id.clone(),
                    article: k.article.clone(),
                })
                .collect(),
            rule_id: s.rule_id.clone(),
            article: s.article.clone(),
            decision: s.decision.as_ref().map(|d| ResultDecisionDto {
                decision: d.decision.clone(),
                label: d.label.clone(),
                meets_target: d.meets_target,
                meets_expectation: d.meets_expectation,
                notes: d.notes.clone(),
                by: d.by.map(|e| e.0),
                by_name: d.by_name.clone(),
                by_position: d.by_position.clone(),
                acting: d.acting.clone(),
                decided_at: d.decided_at,
                rule_id: d.rule_id.clone(),
                article: d.article.clone(),
            }),
        }
    }
}

/// One submission with the chain fixed on it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultRoundDto {
    pub round: u32,
    pub summary: String,
    pub realisation: Option<f64>,
    pub meets_target: bool,
    pub department_kind: String,
    pub from_outside: bool,
    pub submitted_at: DateTime<Utc>,
    pub submitted_by: String,
    pub steps: Vec<ResultStepDto>,
}

/// What accepting did to the assignment's linked target.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultRealisationDto {
    pub target: i64,
    pub before: f64,
    pub after: f64,
    pub recorded_at: DateTime<Utc>,
}

/// A result with its rounds, chains and decisions (MEK-05).
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultDto {
    pub id: i64,
    pub assignment: i64,
    pub activity: Option<i64>,
    pub title: String,
    pub submitter: Option<i64>,
    pub submitter_name: String,
    /// `at_step`, `returned` or `completed`.
    pub state: String,
    pub state_label: String,
    /// The step it waits at or was returned from.
    pub step: Option<usize>,
    /// The post it waits at.
    pub waiting_at: Option<String>,
    pub round: u32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub accepted_at: Option<DateTime<Utc>>,
    /// Oldest first; the last is the current round.
    pub rounds: Vec<ResultRoundDto>,
    pub realisation: Option<ResultRealisationDto>,
    pub rule_id: String,
    pub article: String,
}

impl From<&WorkResultView> for ResultDto {
    fn from(v: &WorkResultView) -> Self {
        ResultDto {
            id: v.id.0,
            assignment: v.assignment.0,
            activity: v.activity,
            title: v.title.clone(),
            submitter: v.submitter.map(|e| e.0),
            submitter_name: v.submitter_name.clone(),
            state: v.state.code().into(),
            state_label: v.state_label.clone(),
            step: v.state.step(),
            waiting_at: v.waiting_at.clone(),
            round: v.round,
            created_at: v.created_at,
            updated_at: v.updated_at,
            accepted_at: v.accepted_at,
            rounds: v
                .rounds
                .iter()
                .map(|r| ResultRoundDto {
                    round: r.round,
                    summary: r.summary.clone(),
                    realisation: r.realisation,
                    meets_target: r.meets_target,
                    department_kind: r.department_kind.clone(),
                    from_outside: r.from_outside,
                    submitted_at: r.submitted_at,
                    submitted_by: r.submitted_by.clone(),
                    steps: r.steps.iter().map(ResultStepDto::from).collect(),
                })
                .collect(),
            realisation: v.realisation.as_ref().map(|r| ResultRealisationDto {
                target: r.target,
                before: r.before,
                after: r.after,
                recorded_at: r.recorded_at,
            }),
            rule_id: "MEK-05".into(),
            article: "Lampiran A.3".into(),
        }
    }
}

/// A result waiting for the caller's review (the inbox).
#[derive(Debug, Serialize, ToSchema)]
pub struct ResultToReviewDto {
    pub id: i64,
    pub assignment: i64,
    pub assignment_title: String,
    pub title: String,
    pub submitter_name: String,
    pub round: u32,
    /// The step to decide (`step` of the decision).
    pub step: usize,
    pub position: i64,
    pub position_name: String,
    /// The caller accepts (the head of the Unit Organisasi, last).
    pub accepts: bool,
    pub updated_at: DateTime<Utc>,
}

impl From<&WaitingResult> for ResultToReviewDto {
    fn from(w: &WaitingResult) -> Self {
        ResultToReviewDto {
            id: w.id.0,
            assignment: w.assignment.0,
            assignment_title: w.assignment_title.clone(),
            title: w.title.clone(),
            submitter_name: w.submitter_name.clone(),
            round: w.round,
            step: w.step,
            position: w.position.0,
            position_name: w.position_name.clone(),
            accepts: w.accepts,
            updated_at: w.updated_at,
        }
    }
}

/// A result submitted (MEK-04, MEK-05).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultBody {
    #[schema(max_length = 200)]
    pub title: String,
    #[schema(max_length = 4000)]
    pub summary: String,
    /// An activity of the breakdown, if the result is of one.
    #[serde(default)]
    pub activity: Option<i64>,
    /// Realisation 0–100 of the linked target; none counts as 100 when accepted.
    #[serde(default)]
    pub realisation: Option<f64>,
    /// The submitter states the result meets its target (required true).
    pub meets_target: bool,
}

/// A returned result submitted again.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultResubmissionBody {
    #[schema(max_length = 4000)]
    pub summary: String,
    #[serde(default)]
    pub realisation: Option<f64>,
    pub meets_target: bool,
}

/// A reviewer's decision on the step the result waits at.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultDecisionBody {
    /// The step decided, as read (`step` of the result or of the inbox line).
    pub step: usize,
    /// `pass`, `return` or `accept`.
    pub decision: String,
    #[serde(default)]
    pub meets_target: bool,
    /// Enough to pass where the step's `expectation_suffices` (MEK-05, Lampiran I.A/D/E.3.c
    /// angka 3); never to accept.
    #[serde(default)]
    pub meets_expectation: bool,
    /// Required when returning.
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub notes: String,
}

/// Whether the caller may see a result: its submitter, a reviewer of its chain (now or in an
/// earlier round), or someone who plays a part in its work (as on the result page).
async fn may_see(
    state: &AppState,
    by: &sikerja_storage::planning::PlanningActor,
    v: &WorkResultView,
) -> Result<bool, WebError> {
    let waiting = match by.employee {
        Some(e) => state.store.results_waiting_for(e).await?,
        None => Vec::new(),
    };
    crate::pages::result_may_see(state, by, v, &waiting).await
}

/// The results of a running assignment with their chains, for those in the work (others: 403
/// `not_involved_in_work`).
#[utoipa::path(
    get,
    path = "/api/v1/assignments/{id}/results",
    tag = "execution",
    params(("id" = i64, Path, description = "Assignment id")),
    responses(
        (status = 200, description = "Activity results", body = Vec<ResultDto>),
        (status = 403, description = "Not involved in the work (`not_involved_in_work`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn list_results(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<Vec<ResultDto>>, ApiError> {
    let by = principal.planning_actor(None)?;
    // Storage refuses whoever plays no part in the work (LAP-04).
    state
        .store
        .work_breakdown(WorkRef::Assignment(AssignmentId(id)), &by)
        .await?;
    let results = state.store.results_of_assignment(AssignmentId(id)).await?;
    Ok(Json(results.iter().map(ResultDto::from).collect()))
}

/// The individual or the team lead submits a result that meets its target (MEK-05); its chain
/// is fixed on the record (KIN-04).
#[utoipa::path(
    post,
    path = "/api/v1/assignments/{id}/results",
    tag = "execution",
    params(("id" = i64, Path, description = "Assignment id")),
    request_body = ResultBody,
    responses(
        (status = 201, description = "Result submitted: its id", body = IdDto),
        (status = 403, description = "Not the submitter of the result (`not_the_result_submitter`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Assignment not running (`work_not_running`), or the chain cannot be determined", body = ErrorEnvelope),
        (status = 422, description = "Blank title, target not met (`result_target_not_met`), or invalid realisation", body = ErrorEnvelope)
    )
)]
pub async fn submit_result(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<ResultBody>, JsonRejection>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let input = ResultSubmission {
        assignment: AssignmentId(id),
        activity: b.activity,
        title: b.title,
        summary: b.summary,
        realisation: b.realisation,
        meets_target: b.meets_target,
    };
    let result = state.store.submit_result(&input, &by).await?;
    Ok((StatusCode::CREATED, Json(IdDto { id: result.0 })))
}

/// One result, for its submitter, a reviewer of its chain and those in the work (others: 403
/// `not_involved_in_work`).
#[utoipa::path(
    get,
    path = "/api/v1/results/{id}",
    tag = "execution",
    params(("id" = i64, Path, description = "Result id")),
    responses(
        (status = 200, description = "Activity results", body = ResultDto),
        (status = 403, description = "Not involved in the work (`not_involved_in_work`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_result(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<ResultDto>, ApiError> {
    let by = principal.planning_actor(None)?;
    let v = state.store.work_result(WorkResultId(id)).await?;
    if !may_see(&state, &by, &v).await? {
        return Err(WebError::Forbidden {
            code: "not_involved_in_work",
            message: "Hasil ini hanya dapat dilihat oleh pengajunya, peninjau dalam rantainya, anggota penugasan dan Pimpinan Unit Organisasi pemilik kinerja.".into(),
        }
        .into());
    }
    Ok(Json(ResultDto::from(&v)))
}

/// The submitter submits a returned result again, in a new round with its chain fixed again.
#[utoipa::path(
    post,
    path = "/api/v1/results/{id}/resubmission",
    tag = "execution",
    params(("id" = i64, Path, description = "Result id")),
    request_body = ResultResubmissionBody,
    responses(
        (status = 204, description = "Result resubmitted"),
        (status = 403, description = "Not the submitter of the result (`not_the_result_submitter`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Result not returned (`result_not_returned`), or the assignment is not running", body = ErrorEnvelope),
        (status = 422, description = "Target not met (`result_target_not_met`), or invalid realisation", body = ErrorEnvelope)
    )
)]
pub async fn resubmit_result(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<ResultResubmissionBody>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let input = ResultResubmission {
        summary: b.summary,
        realisation: b.realisation,
        meets_target: b.meets_target,
    };
    state
        .store
        .resubmit_result(WorkResultId(id), &input, &by)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The reviewer the result waits at passes it up, returns it with notes, or (the head of the
/// Unit Organisasi, last) accepts it (MEK-05); each step once.
#[utoipa::path(
    post,
    path = "/api/v1/results/{id}/decisions",
    tag = "execution",
    params(("id" = i64, Path, description = "Result id")),
    request_body = ResultDecisionBody,
    responses(
        (status = 204, description = "Decision recorded"),
        (status = 403, description = "Not the reviewer of this step (`not_the_reviewer`, `own_result_review`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Already decided (`result_already_decided`)", body = ErrorEnvelope),
        (status = 422, description = "Unknown decision (`result_decision_invalid`), blank notes (`return_notes_blank`), forward/accept at the wrong step", body = ErrorEnvelope)
    )
)]
pub async fn decide_result(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<ResultDecisionBody>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let kind = DecisionKind::parse(b.decision.trim()).ok_or_else(|| {
        WebError::invalid(
            "result_decision_invalid",
            "Keputusan: pass, return atau accept.",
        )
    })?;
    let input = ResultDecision {
        step: b.step,
        kind,
        meets_target: b.meets_target,
        meets_expectation: b.meets_expectation,
        notes: b.notes,
    };
    state
        .store
        .decide_result(WorkResultId(id), &input, &by)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
