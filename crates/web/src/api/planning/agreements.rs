//! `/api/v1/agreements` and `/api/v1/agreement-posts`: performance agreements (MEK-02) with
//! the setter derived from the structure (STR-01..05), signatures by both parties, amendments
//! of a signed agreement and performance dialogues (MEK-03, PEN-19).

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::Deserialize;
use sikerja_domain::organisation::{AgencyId, DepartmentId, EmployeeId, PositionId};
use sikerja_domain::planning::structure::Post;
use sikerja_domain::planning::target::{AgreementStatus, Execution};
use sikerja_storage::planning::{
    AgreementFilter, AgreementPosts, DialogueInput, TargetIdentification,
};
use utoipa::IntoParams;

use super::actor_for;
use crate::AppState;
use crate::api::dto::planning::{
    AgreementDto, AgreementPostsDto, AgreementSummaryDto, AmendmentRequest, CopyRequest,
    CreateAgreementRequest, CreatedDto, DialogueRequest,
};
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;

/// Filters of the agreement list. Empty ones do not filter.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgreementQuery {
    pub agency: Option<i64>,
    pub department: Option<i64>,
    pub year: Option<i32>,
    /// Agreements held by this employee.
    pub employee: Option<i64>,
    /// `draft` or `signed`.
    #[param(value_type = Option<AgreementStatusParam>, inline)]
    pub status: Option<String>,
}

/// The statuses an agreement list filters on (for the OpenAPI description).
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum AgreementStatusParam {
    Draft,
    Signed,
}

fn status(value: Option<&str>) -> Result<Option<AgreementStatus>, WebError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(code) => AgreementStatus::from_code(code).map(Some).ok_or_else(|| {
            WebError::invalid("invalid_status", "status harus `draft` atau `signed`.")
        }),
    }
}

/// Performance agreements in the caller's scope (a person: their agency or departments; a
/// token: its agency), newest year first. Each names who sets it and the rule
/// (`setter.rule_id`, `setter.article`).
#[utoipa::path(
    get,
    path = "/api/v1/agreements",
    tag = "planning",
    params(AgreementQuery),
    responses(
        (status = 200, description = "*Perjanjian Kinerja*", body = Vec<AgreementSummaryDto>),
        (status = 400, description = "Parameters cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Out of scope", body = ErrorEnvelope),
        (status = 422, description = "Invalid parameters", body = ErrorEnvelope)
    )
)]
pub async fn list_agreements(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<AgreementQuery>, QueryRejection>,
) -> Result<Json<Vec<AgreementSummaryDto>>, ApiError> {
    let Query(q) = query?;
    let (agency, department) = principal
        .scope()
        .narrow(q.agency.map(AgencyId), q.department.map(DepartmentId))?;
    let filter = AgreementFilter {
        agency,
        department,
        year: q.year,
        employee: q.employee.map(EmployeeId),
        status: status(q.status.as_deref())?,
        ..AgreementFilter::default()
    };
    let list = state.store.agreements(&filter).await?;
    Ok(Json(list.iter().map(AgreementSummaryDto::from).collect()))
}

/// Starts the draft agreement of a post for a year. The holder of the post or the holder of
/// the position that sets it (derived, STR-01..05) may; the setter is recorded with its rule.
#[utoipa::path(
    post,
    path = "/api/v1/agreements",
    tag = "planning",
    request_body = CreateAgreementRequest,
    responses(
        (status = 201, description = "Draft *Perjanjian Kinerja* created", body = CreatedDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Neither the position holder nor the party who sets it; API token", body = ErrorEnvelope),
        (status = 409, description = "An agreement for that year already exists", body = ErrorEnvelope),
        (status = 422, description = "Position vacant, year out of range, or the setting party cannot be determined yet", body = ErrorEnvelope)
    )
)]
pub async fn create_agreement(
    State(state): State<AppState>,
    principal: Principal,
    body: Result<Json<CreateAgreementRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<CreatedDto>), ApiError> {
    let Json(r) = body?;
    let by = principal.planning_actor(None)?;
    let post = Post {
        position: PositionId(r.position),
        employee: Some(EmployeeId(r.employee)),
    };
    let id = state
        .store
        .create_agreement(AgencyId(r.agency), post, r.year, &by)
        .await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id })))
}

/// One agreement in full: targets with rolled-up progress, cascade children and
/// identification, the signed texts kept by amendments, dialogues and activity plans.
#[utoipa::path(
    get,
    path = "/api/v1/agreements/{id}",
    tag = "planning",
    params(("id" = i64, Path, description = "Agreement id")),
    responses(
        (status = 200, description = "*Perjanjian Kinerja*", body = AgreementDto),
        (status = 403, description = "Out of scope", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_agreement(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<Json<AgreementDto>, ApiError> {
    let agreement = state.store.agreement(id).await?;
    let plans = state.store.activity_plans(id).await?;
    Ok(Json(AgreementDto::new(&agreement, &plans)))
}

/// Signs as the party the caller is: the holder (*pihak pertama*) or the setter (*pihak
/// kedua*). When both have signed, the agreement is `signed` and locked.
#[utoipa::path(
    post,
    path = "/api/v1/agreements/{id}/signatures",
    tag = "planning",
    params(("id" = i64, Path, description = "Agreement id")),
    responses(
        (status = 204, description = "Signed"),
        (status = 403, description = "Not a party to the agreement", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Already signed (`already_signed`, `agreement_signed`)", body = ErrorEnvelope),
        (status = 422, description = "Agreement without targets", body = ErrorEnvelope)
    )
)]
pub async fn sign_agreement(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    let by = actor_for(&state, &principal, id).await?;
    state.store.sign_agreement(id, &by).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Amends a signed agreement: its signed text is kept with the reason, and it becomes a draft
/// of the next version, to be signed again.
#[utoipa::path(
    post,
    path = "/api/v1/agreements/{id}/amendments",
    tag = "planning",
    params(("id" = i64, Path, description = "Agreement id")),
    request_body = AmendmentRequest,
    responses(
        (status = 204, description = "Changed; becomes a draft of the next version"),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not a party to the agreement", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Agreement not signed yet (`agreement_not_signed`)", body = ErrorEnvelope),
        (status = 422, description = "Reason is blank", body = ErrorEnvelope)
    )
)]
pub async fn amend_agreement(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<AmendmentRequest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(r) = body?;
    let by = actor_for(&state, &principal, id).await?;
    state.store.amend_agreement(id, &r.reason, &by).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Starts the agreement of the same post for a later year from this one (issue 4 point 6):
/// its targets (without progress or identification) and activity plans as fresh drafts; a
/// target is linked to the target with the same indicator in the setter's agreement of that
/// year. Only the holder copies.
#[utoipa::path(
    post,
    path = "/api/v1/agreements/{id}/copies",
    tag = "planning",
    params(("id" = i64, Path, description = "Agreement id (the earlier year)")),
    request_body = CopyRequest,
    responses(
        (status = 201, description = "New year's agreement created from a copy", body = CreatedDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the position holder (`not_the_holder`), or an API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "An agreement for that year already exists (`agreement_exists`)", body = ErrorEnvelope),
        (status = 422, description = "Year not after the source year (`copy_year_not_later`)", body = ErrorEnvelope)
    )
)]
pub async fn copy_agreement(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<CopyRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<CreatedDto>), ApiError> {
    let Json(r) = body?;
    let by = actor_for(&state, &principal, id).await?;
    let new = state.store.copy_agreement(id, r.year, &by).await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id: new })))
}

/// Records a performance dialogue and what it decided for each target named: individual or
/// team work, officials from other units or agencies, a team lead (MEK-03, PEN-19).
#[utoipa::path(
    post,
    path = "/api/v1/agreements/{id}/dialogues",
    tag = "planning",
    params(("id" = i64, Path, description = "Agreement id")),
    request_body = DialogueRequest,
    responses(
        (status = 201, description = "Performance dialogue recorded", body = CreatedDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not a party to the agreement", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Invalid date, participants, notes or targets", body = ErrorEnvelope)
    )
)]
pub async fn record_dialogue(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<DialogueRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<CreatedDto>), ApiError> {
    let Json(r) = body?;
    let held_on = NaiveDate::parse_from_str(r.held_on.trim(), "%Y-%m-%d").map_err(|_| {
        WebError::invalid(
            "held_on_invalid",
            format!(
                "Tanggal dialog kinerja ditulis TTTT-BB-HH, mis. 2026-01-15 (tertulis “{}”).",
                r.held_on.trim()
            ),
        )
    })?;
    let mut identifications = Vec::with_capacity(r.identifications.len());
    for i in &r.identifications {
        let execution = Execution::from_code(i.execution.trim()).ok_or_else(|| {
            WebError::invalid(
                "execution_invalid",
                format!(
                    "Jenis penugasan target {} harus `individual` (individu) atau `team` (tim kerja).",
                    i.target
                ),
            )
        })?;
        identifications.push(TargetIdentification {
            target: i.target,
            execution,
            needs_other_units: i.needs_other_units,
            needs_other_agencies: i.needs_other_agencies,
            needs_team_lead: i.needs_team_lead,
        });
    }
    let input = DialogueInput {
        held_on,
        participants: r.participants.iter().copied().map(EmployeeId).collect(),
        notes: r.notes,
        identifications,
    };
    let by = actor_for(&state, &principal, id).await?;
    let dialogue = state.store.record_dialogue(id, &input, &by).await?;
    Ok((StatusCode::CREATED, Json(CreatedDto { id: dialogue })))
}

/// The posts the signed-in official plans for in their agency: their own, and the posts whose
/// agreements they set, each with the rule that links it to them (STR-01..05, MEK-02). The
/// targets of `recipients` are where a target can be cascaded to.
#[utoipa::path(
    get,
    path = "/api/v1/agreement-posts",
    tag = "planning",
    responses(
        (status = 200, description = "Planned positions", body = AgreementPostsDto),
        (status = 403, description = "API token (`official_only`)", body = ErrorEnvelope)
    )
)]
pub async fn list_agreement_posts(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<AgreementPostsDto>, ApiError> {
    let facts = principal.actor().map(|a| a.facts());
    let agency = facts.and_then(|f| f.agency);
    let posts = match (agency, facts.and_then(|f| f.employee)) {
        (Some(agency), Some(employee)) => state.store.agreement_posts(agency, employee).await?,
        // A regional head's account holds no post; the agreements they countersign are listed
        // by `GET /api/v1/agreements` (`setter.kind` = `regional_head`).
        _ => AgreementPosts {
            own: Vec::new(),
            recipients: Vec::new(),
        },
    };
    Ok(Json(AgreementPostsDto::new(agency.map(|a| a.0), &posts)))
}
