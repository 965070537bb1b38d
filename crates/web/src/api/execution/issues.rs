//! `/api/v1` problems and constraints of a team (issue 13 point 6; LAP-05): raised by the team
//! lead with recommendations, decided once by each addressee with a reason, nudged by the lead
//! at most daily. Officials only (tokens: 403 `official_only`); storage decides each change and
//! read; refusals carry their rule and article in `details`.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sikerja_domain::assignment::AssignmentId;
use sikerja_domain::execution::issue::{Collaboration, IssueDecision, IssueDraft};
use sikerja_storage::IssueView;
use utoipa::ToSchema;

use crate::AppState;
use crate::api::dto::assignment::IdDto;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;
use crate::pages::execution_today as today;

/// A decision of an addressee.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssueDecisionDto {
    /// The chosen recommendation's text, or the other decision.
    pub decision: String,
    /// 1-based number of the chosen recommendation; absent for another decision.
    pub recommendation: Option<usize>,
    pub reason: String,
    pub decided_at: DateTime<Utc>,
    pub decided_by: String,
}

/// An addressee of a problem: a head position or an agency's regional head.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssueAddresseeDto {
    /// Id to decide with (`POST /api/v1/issues/{id}/decisions`).
    pub id: i64,
    pub label: String,
    pub position: Option<i64>,
    /// The agency whose regional head is addressed.
    pub regional_head_of: Option<i64>,
    pub decision: Option<IssueDecisionDto>,
}

/// A problem raised by a team (LAP-05).
#[derive(Debug, Serialize, ToSchema)]
pub struct IssueDto {
    pub id: i64,
    pub assignment: Option<i64>,
    pub assignment_title: String,
    pub title: String,
    pub description: String,
    pub recommendations: Vec<String>,
    /// `owner_head`, `unit_heads` or `agency_heads`.
    pub collaboration: String,
    pub raised_by: i64,
    pub raised_by_name: String,
    pub raised_at: DateTime<Utc>,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// Every addressee decided.
    pub decided: bool,
    /// Past its due day and not decided by all.
    pub overdue: bool,
    pub last_nudged_at: Option<DateTime<Utc>>,
    pub addressees: Vec<IssueAddresseeDto>,
    pub rule_id: String,
    pub article: String,
}

impl IssueDto {
    pub fn new(v: &IssueView, today: sikerja_domain::assignment::Day) -> IssueDto {
        IssueDto {
            id: v.id,
            assignment: match v.work {
                sikerja_storage::WorkRef::Assignment(a) => Some(a.0),
                sikerja_storage::WorkRef::Plan(_) => None,
            },
            assignment_title: v.work_title.clone(),
            title: v.title.clone(),
            description: v.description.clone(),
            recommendations: v.recommendations.clone(),
            collaboration: v.collaboration.code().into(),
            raised_by: v.raised_by.0,
            raised_by_name: v.raised_by_name.clone(),
            raised_at: v.raised_at,
            due: v.due.to_string(),
            decided: v.decided(),
            overdue: v.overdue(today),
            last_nudged_at: v.last_nudged_at,
            addressees: v
                .addressees
                .iter()
                .map(|a| IssueAddresseeDto {
                    id: a.id,
                    label: a.label.clone(),
                    position: a.position.map(|p| p.0),
                    regional_head_of: a.regional_head_of.map(|x| x.0),
                    decision: a.decision.as_ref().map(|d| IssueDecisionDto {
                        decision: d.decision.clone(),
                        recommendation: d.recommendation,
                        reason: d.reason.clone(),
                        decided_at: d.decided_at,
                        decided_by: d.decided_by.clone(),
                    }),
                })
                .collect(),
            rule_id: "LAP-05".into(),
            article: "Lampiran III.A.2".into(),
        }
    }
}

/// A problem to raise.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueBody {
    #[schema(max_length = 200)]
    pub title: String,
    #[schema(max_length = 4000)]
    pub description: String,
    /// One to five alternative recommendations.
    #[schema(max_items = 5)]
    pub recommendations: Vec<String>,
    /// `owner_head` (default), `unit_heads` (also each member's home head) or `agency_heads`
    /// (also each other agency's head).
    #[serde(default)]
    pub collaboration: Option<String>,
    /// `YYYY-MM-DD`, today to 90 days ahead.
    pub due: String,
}

/// An addressee's decision: a recommendation's number or another decision, with a reason.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IssueDecisionBody {
    /// The addressee row decided (from `addressees[].id`).
    pub addressee: i64,
    /// 1-based number of the chosen recommendation.
    #[serde(default)]
    pub recommendation: Option<usize>,
    /// Another decision in words (when no recommendation is chosen).
    #[serde(default)]
    #[schema(max_length = 4000)]
    pub other: Option<String>,
    #[schema(max_length = 4000)]
    pub reason: String,
}

fn collaboration(code: Option<&str>) -> Result<Collaboration, WebError> {
    match code.map(str::trim) {
        None | Some("") => Ok(Collaboration::OwnerHead),
        Some(c) => Collaboration::from_code(c).ok_or_else(|| {
            WebError::invalid(
                "issue_collaboration_unknown",
                "Kolaborasi: owner_head, unit_heads atau agency_heads.",
            )
        }),
    }
}

/// The problems of a running team, for those in the work (and, for the problems sent to them,
/// the home heads addressed).
#[utoipa::path(
    get,
    path = "/api/v1/assignments/{id}/issues",
    tag = "execution",
    params(("id" = i64, Path, description = "Assignment id")),
    responses(
        (status = 200, description = "The team's issues and obstacles", body = Vec<IssueDto>),
        (status = 403, description = "Not involved in the work (`not_involved_in_work`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn list_issues(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<Vec<IssueDto>>, ApiError> {
    let by = principal.planning_actor(None)?;
    let today = today()?;
    let views = state.store.work_issues(AssignmentId(id), &by).await?;
    Ok(Json(
        views.iter().map(|v| IssueDto::new(v, today)).collect(),
    ))
}

/// The team lead raises a problem with recommendations (LAP-05).
#[utoipa::path(
    post,
    path = "/api/v1/assignments/{id}/issues",
    tag = "execution",
    params(("id" = i64, Path, description = "Assignment id")),
    request_body = IssueBody,
    responses(
        (status = 201, description = "Issue raised: its id", body = IdDto),
        (status = 403, description = "Not the team lead (`not_the_team_raising`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Assignment not running (`work_not_running`)", body = ErrorEnvelope),
        (status = 422, description = "Invalid content, recommendation, deadline or collaboration", body = ErrorEnvelope)
    )
)]
pub async fn raise_issue(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<IssueBody>, JsonRejection>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let c = collaboration(b.collaboration.as_deref())?;
    let draft = IssueDraft {
        title: b.title,
        description: b.description,
        recommendations: b.recommendations,
        due: b.due,
    };
    let issue = state
        .store
        .raise_issue(AssignmentId(id), &draft, c, &by, today()?)
        .await?;
    Ok((StatusCode::CREATED, Json(IdDto { id: issue })))
}

/// One problem.
#[utoipa::path(
    get,
    path = "/api/v1/issues/{id}",
    tag = "execution",
    params(("id" = i64, Path, description = "Issue id")),
    responses(
        (status = 200, description = "Issue", body = IssueDto),
        (status = 403, description = "Not involved in the work (`not_involved_in_work`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_issue(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<IssueDto>, ApiError> {
    let by = principal.planning_actor(None)?;
    let v = state.store.team_issue(id, &by).await?;
    Ok(Json(IssueDto::new(&v, today()?)))
}

/// An addressee decides: a recommendation or another decision, with its reason; once.
#[utoipa::path(
    post,
    path = "/api/v1/issues/{id}/decisions",
    tag = "execution",
    params(("id" = i64, Path, description = "Issue id")),
    request_body = IssueDecisionBody,
    responses(
        (status = 204, description = "Decision recorded"),
        (status = 403, description = "Not its addressee (`not_the_issue_addressee`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Already decided (`issue_already_decided`)", body = ErrorEnvelope),
        (status = 422, description = "Unknown recommendation, or blank decision or reason", body = ErrorEnvelope)
    )
)]
pub async fn decide_issue(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<IssueDecisionBody>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    // The addressee must be of this problem.
    let v = state.store.team_issue(id, &by).await?;
    if !v.addressees.iter().any(|a| a.id == b.addressee) {
        return Err(WebError::NotFound {
            what: "penerima permasalahan",
        }
        .into());
    }
    let decision = match (b.recommendation, b.other) {
        // Numbered from 1 on the page and in the API; 0 names none of them.
        (Some(n), _) => IssueDecision::Recommendation(n.checked_sub(1).unwrap_or(usize::MAX)),
        (None, Some(text)) => IssueDecision::Other(text),
        (None, None) => IssueDecision::Other(String::new()),
    };
    state
        .store
        .decide_issue(b.addressee, &decision, &b.reason, &by)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The team lead reminds the addressees who have not decided; at most once in 24 hours.
#[utoipa::path(
    post,
    path = "/api/v1/issues/{id}/nudge",
    tag = "execution",
    params(("id" = i64, Path, description = "Issue id")),
    responses(
        (status = 204, description = "Reminder recorded"),
        (status = 403, description = "Not the team lead (`not_the_team_raising`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Too soon (`issue_nudge_too_soon`), or all already decided (`issue_already_decided`)", body = ErrorEnvelope)
    )
)]
pub async fn nudge_issue(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    let by = principal.planning_actor(None)?;
    state.store.nudge_issue(id, &by, Utc::now()).await?;
    Ok(StatusCode::NO_CONTENT)
}
