//! `/api/v1` performance assessment (issue 16; KIN-01..04, STR-06, KED-09): the caller's
//! assessments and worklist, one assessment with its inputs and what the caller may do
//! (`offers`), opening (the assessor fixed on the record, KIN-04), the rating, finalising
//! (curve warnings, KIN-02), the employee's acknowledgement or objection, the superior's
//! decision and reopening, the follow-up, member reports (KIN-03) and recommendations
//! (STR-06). Officials only (tokens: 403 `official_only`): storage asks the domain who may
//! act inside each change; refusals carry the domain's code with `rule_id` and `article`.
//! The agency's side for BKPSDM — progress per Perangkat Daerah, the curve and the e-Kinerja
//! export — is in [`agency`].

pub mod agency;
pub mod dto;

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use sikerja_domain::organisation::EmployeeId;
use sikerja_storage::performance::PeriodRef;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;
use crate::api::dto::assignment::IdDto;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorDetail, ErrorEnvelope, WebError};
use crate::extract::Id;
use crate::pages::execution_today as today;
use dto::{
    AssessmentDto, AssessmentListDto, AssessmentRatingDto, AssessmentRowDto, CurveWarningsDto,
    FollowUpDto, MemberReportDueDto, ObjectionDueDto, RatingBody, RecommendationDueDto,
};

/// A period code of a query or body (`2026-q4`, `2026-m11`, `2026-y`).
pub(crate) fn period(field: &str, code: &str) -> Result<PeriodRef, WebError> {
    PeriodRef::parse(code.trim()).ok_or_else(|| {
        let message = "Periode penilaian tidak dikenal: tulis seperti 2026-q4 (triwulan), 2026-m11 (bulan) atau 2026-y (tahunan).".to_string();
        WebError::Invalid {
            code: "period_invalid",
            message: message.clone(),
            details: vec![ErrorDetail {
                field: Some(field.into()),
                code: "period_invalid".into(),
                message,
                ..ErrorDetail::default()
            }],
        }
    })
}

/// The period of a list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// `2026-q4`, `2026-m11` or `2026-y`; omitted: the period whose window opened last.
    period: Option<String>,
}

/// The caller's assessments as employee (`mine`), the worklist of the period as assessor
/// (every employee whose PPK post the caller exercises, opened or not, with the due day), the
/// member reports owed as team lead (KIN-03), the pending objections the caller decides as the
/// assessor's superior (KIN-02, KIN-04; a regional head's account too) and the recommendations
/// the caller writes as Administrator for the period (STR-06).
#[utoipa::path(
    get,
    path = "/api/v1/assessments",
    tag = "performance",
    params(PeriodQuery),
    responses(
        (status = 200, description = "The caller's assessments, worklist and member reports due", body = AssessmentListDto),
        (status = 403, description = "API token (`official_only`)", body = ErrorEnvelope),
        (status = 422, description = "Unknown period (`period_invalid`)", body = ErrorEnvelope)
    )
)]
pub async fn list_assessments(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<PeriodQuery>, QueryRejection>,
) -> Result<Json<AssessmentListDto>, ApiError> {
    let Query(q) = query.map_err(WebError::from)?;
    let by = principal.planning_actor(None)?;
    let chosen = match q.period.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(p) => Some(period("period", p)?),
        None => None,
    };
    let chosen = match (chosen, principal.actor().and_then(|a| a.facts().agency)) {
        (Some(p), _) => Some(p),
        (None, Some(agency)) => {
            let day = today()?;
            let mut periods = Vec::new();
            for year in [day.year().saturating_sub(1), day.year()] {
                periods.extend(state.store.assessment_periods(agency, year).await?);
            }
            crate::pages::performance_due_period(&periods, day)
        }
        (None, None) => None,
    };
    let objections = state.store.objections_to_decide(&by).await?;
    if by.employee.is_none() {
        return Ok(Json(AssessmentListDto {
            period: chosen.map(|p| p.code()),
            mine: Vec::new(),
            worklist: Vec::new(),
            member_reports_due: Vec::new(),
            objections_to_decide: objections.iter().map(ObjectionDueDto::from).collect(),
            recommendations_due: Vec::new(),
        }));
    }
    let mine = state.store.my_assessments(&by).await?;
    let (worklist, due, recommendations) = match chosen {
        Some(p) => (
            state.store.assessor_worklist(p, &by).await?,
            state.store.member_reports_due(p, &by).await?,
            state.store.recommendations_due(p, &by).await?,
        ),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    Ok(Json(AssessmentListDto {
        period: chosen.map(|p| p.code()),
        mine: mine.iter().map(AssessmentRowDto::from).collect(),
        worklist: worklist.iter().map(AssessmentRowDto::from).collect(),
        member_reports_due: due.iter().map(MemberReportDueDto::from).collect(),
        objections_to_decide: objections.iter().map(ObjectionDueDto::from).collect(),
        recommendations_due: recommendations
            .iter()
            .map(RecommendationDueDto::from)
            .collect(),
    }))
}

/// One assessment for those who may read it: the employee, whoever exercises the fixed
/// assessor post, the assessor's superior and the agency's HR admin (others: 404).
#[utoipa::path(
    get,
    path = "/api/v1/assessments/{id}",
    tag = "performance",
    params(("id" = i64, Path, description = "Assessment id")),
    responses(
        (status = 200, description = "The assessment with its inputs and what the caller may do", body = AssessmentDto),
        (status = 403, description = "API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found, or not the caller's to read", body = ErrorEnvelope)
    )
)]
pub async fn get_assessment(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<AssessmentDto>, ApiError> {
    let by = principal.planning_actor(None)?;
    let v = state.store.assessment(id, &by).await?;
    Ok(Json(AssessmentDto::from(&v)))
}

/// Opening an employee's assessment of a period.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OpenBody {
    pub employee: i64,
    /// `2026-q4`, `2026-m11` or `2026-y`.
    pub period: String,
}

/// Opens an employee's assessment of a period (or answers the one already open): the assessor
/// is fixed on the record from the employee's placement that day and never moves afterwards
/// (KIN-04). An unresolved placement is refused (`placement_unresolved`, KED-09); nobody
/// assesses themselves (`assessing_oneself`) or someone above them (`assessing_superior`).
#[utoipa::path(
    post,
    path = "/api/v1/assessments",
    tag = "performance",
    request_body = OpenBody,
    responses(
        (status = 201, description = "The assessment id", body = IdDto),
        (status = 403, description = "Not the assessor (`not_the_assessor`, `assessing_oneself`, `assessing_superior`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Unknown employee", body = ErrorEnvelope),
        (status = 422, description = "Unknown period (`period_invalid`); unresolved placement (`placement_unresolved`); employee out of scope", body = ErrorEnvelope)
    )
)]
pub async fn open_assessment(
    State(state): State<AppState>,
    principal: Principal,
    body: Result<Json<OpenBody>, JsonRejection>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let p = period("period", &b.period)?;
    let id = state
        .store
        .open_assessment(EmployeeId(b.employee), p, &by)
        .await?;
    Ok((StatusCode::CREATED, Json(IdDto { id })))
}

/// Saves the rating of a draft (the assessor; KIN-02): the level of the work results, the
/// seven core values each with level and evidence (evidence required unless `meets`), the
/// overall behaviour level, and the feedback to the employee.
#[utoipa::path(
    put,
    path = "/api/v1/assessments/{id}/rating",
    tag = "performance",
    params(("id" = i64, Path, description = "Assessment id")),
    request_body = RatingBody,
    responses(
        (status = 200, description = "The assessment afterwards", body = AssessmentDto),
        (status = 403, description = "Not the assessor (`not_the_assessor`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Locked (`assessment_locked`)", body = ErrorEnvelope),
        (status = 422, description = "Invalid rating (`behaviour_value_missing`, `behaviour_value_twice`, `behaviour_evidence_blank`, `rating_level_invalid`, `core_value_invalid`)", body = ErrorEnvelope)
    )
)]
pub async fn save_rating(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<RatingBody>, JsonRejection>,
) -> Result<Json<AssessmentDto>, ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let rating = b.rating.parse()?;
    state
        .store
        .save_rating(id, &rating, b.feedback.trim(), &by)
        .await?;
    let v = state.store.assessment(id, &by).await?;
    Ok(Json(AssessmentDto::from(&v)))
}

/// Finalises the assessment (the assessor): it needs a complete rating and locks the
/// assessment (KIN-04). For an annual assessment beyond the curve's cap it is refused
/// (`distribution_exceeded`) or finalised with the warnings, as the agency's curve says
/// (KIN-02). Sent twice at once, it is decided once.
#[utoipa::path(
    post,
    path = "/api/v1/assessments/{id}/finalise",
    tag = "performance",
    params(("id" = i64, Path, description = "Assessment id")),
    responses(
        (status = 200, description = "Finalised; the curve's warnings", body = CurveWarningsDto),
        (status = 403, description = "Not the assessor; API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Already finalised (`assessment_locked`)", body = ErrorEnvelope),
        (status = 422, description = "Incomplete rating (`assessment_incomplete`); beyond the curve (`distribution_exceeded`)", body = ErrorEnvelope)
    )
)]
pub async fn finalise_assessment(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<CurveWarningsDto>, ApiError> {
    let by = principal.planning_actor(None)?;
    let warnings = state.store.finalise_assessment(id, &by).await?;
    Ok(Json(CurveWarningsDto {
        warnings: warnings.iter().map(Into::into).collect(),
    }))
}

/// The employee acknowledges the finalised assessment; it stays locked.
#[utoipa::path(
    post,
    path = "/api/v1/assessments/{id}/acknowledge",
    tag = "performance",
    params(("id" = i64, Path, description = "Assessment id")),
    responses(
        (status = 204, description = "Acknowledged"),
        (status = 403, description = "Not the assessed employee (`not_the_assessed_employee`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Not finalised (`assessment_not_finalised`)", body = ErrorEnvelope)
    )
)]
pub async fn acknowledge_assessment(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    let by = principal.planning_actor(None)?;
    state.store.acknowledge_assessment(id, &by).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reasons of an objection.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ObjectionBody {
    pub reasons: String,
}

/// The employee objects to the finalised assessment, once, with reasons (KIN-02); the
/// assessor's superior decides.
#[utoipa::path(
    post,
    path = "/api/v1/assessments/{id}/objection",
    tag = "performance",
    params(("id" = i64, Path, description = "Assessment id")),
    request_body = ObjectionBody,
    responses(
        (status = 204, description = "Objection recorded"),
        (status = 403, description = "Not the assessed employee (`not_the_assessed_employee`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Not finalised (`assessment_not_finalised`); already objected once (`objection_already_made`)", body = ErrorEnvelope),
        (status = 422, description = "Reasons blank (`objection_reasons_blank`)", body = ErrorEnvelope)
    )
)]
pub async fn object_to_assessment(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<ObjectionBody>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    state
        .store
        .object_to_assessment(id, b.reasons.trim(), &by)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A decision with its reason.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReasonBody {
    pub reason: String,
}

/// Upholding an objection: the changed rating and the reason.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpholdBody {
    pub rating: AssessmentRatingDto,
    pub reason: String,
}

/// The assessor's superior upholds the pending objection with a changed rating and a reason
/// (KIN-02, KIN-04); an unchanged rating is refused (`objection_rating_unchanged`: dismiss it
/// instead).
#[utoipa::path(
    post,
    path = "/api/v1/assessments/{id}/objection/uphold",
    tag = "performance",
    params(("id" = i64, Path, description = "Assessment id")),
    request_body = UpholdBody,
    responses(
        (status = 200, description = "Upheld; the curve's warnings", body = CurveWarningsDto),
        (status = 403, description = "Not the assessor's superior (`not_the_assessor_superior`, `own_assessment_decision`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "No objection pending (`objection_not_pending`)", body = ErrorEnvelope),
        (status = 422, description = "Reason blank (`objection_decision_blank`); rating unchanged (`objection_rating_unchanged`) or invalid", body = ErrorEnvelope)
    )
)]
pub async fn uphold_objection(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<UpholdBody>, JsonRejection>,
) -> Result<Json<CurveWarningsDto>, ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let rating = b.rating.parse()?;
    let warnings = state
        .store
        .uphold_objection(id, &rating, b.reason.trim(), &by)
        .await?;
    Ok(Json(CurveWarningsDto {
        warnings: warnings.iter().map(Into::into).collect(),
    }))
}

/// The assessor's superior dismisses the pending objection with a reason.
#[utoipa::path(
    post,
    path = "/api/v1/assessments/{id}/objection/dismiss",
    tag = "performance",
    params(("id" = i64, Path, description = "Assessment id")),
    request_body = ReasonBody,
    responses(
        (status = 204, description = "Dismissed"),
        (status = 403, description = "Not the assessor's superior (`not_the_assessor_superior`, `own_assessment_decision`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "No objection pending (`objection_not_pending`)", body = ErrorEnvelope),
        (status = 422, description = "Reason blank (`objection_decision_blank`)", body = ErrorEnvelope)
    )
)]
pub async fn dismiss_objection(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<ReasonBody>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    state
        .store
        .dismiss_objection(id, b.reason.trim(), &by)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The assessor's superior reopens a locked assessment with a reason (KIN-04): it returns to
/// draft, and the decision with the earlier rating is kept in `events`.
#[utoipa::path(
    post,
    path = "/api/v1/assessments/{id}/reopen",
    tag = "performance",
    params(("id" = i64, Path, description = "Assessment id")),
    request_body = ReasonBody,
    responses(
        (status = 204, description = "Reopened"),
        (status = 403, description = "Not the assessor's superior (`not_the_assessor_superior`, `own_assessment_decision`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Nothing to reopen (`assessment_not_locked`); objection pending (`objection_pending`)", body = ErrorEnvelope),
        (status = 422, description = "Reason blank (`reopen_reason_blank`)", body = ErrorEnvelope)
    )
)]
pub async fn reopen_assessment(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<ReasonBody>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    state
        .store
        .reopen_assessment(id, b.reason.trim(), &by)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Records the follow-up decided and the development needs (KIN-01), replacing the earlier.
#[utoipa::path(
    put,
    path = "/api/v1/assessments/{id}/follow-up",
    tag = "performance",
    params(("id" = i64, Path, description = "Assessment id")),
    request_body = FollowUpDto,
    responses(
        (status = 204, description = "Recorded"),
        (status = 403, description = "Not the assessor; API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Not finalised yet", body = ErrorEnvelope),
        (status = 422, description = "A kind twice (`follow_up_kind_twice`) or unknown (`follow_up_kind_invalid`)", body = ErrorEnvelope)
    )
)]
pub async fn record_follow_up(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<FollowUpDto>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let follow_up = b.parse()?;
    state.store.record_follow_up(id, &follow_up, &by).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A team lead's report on a member's performance in a period.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MemberReportBody {
    pub member: i64,
    /// `2026-q4`, `2026-m11` or `2026-y`.
    pub period: String,
    /// The assignment the member worked in (or `activity_plan`).
    pub assignment: Option<i64>,
    pub activity_plan: Option<i64>,
    pub text: String,
}

/// A team lead writes (or rewrites, until the assessment is finalised) their report on a
/// member of a team they led in the period (KIN-03); it reaches the assessor as input, never
/// as the rating. Anyone else: `not_the_team_lead`.
#[utoipa::path(
    post,
    path = "/api/v1/member-reports",
    tag = "performance",
    request_body = MemberReportBody,
    responses(
        (status = 201, description = "The member report id", body = IdDto),
        (status = 403, description = "Not a lead of the member's team in the period; API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Unknown member or work", body = ErrorEnvelope),
        (status = 409, description = "The member's assessment is finalised (`assessment_locked`)", body = ErrorEnvelope),
        (status = 422, description = "Unknown period or work; text blank", body = ErrorEnvelope)
    )
)]
pub async fn write_member_report(
    State(state): State<AppState>,
    principal: Principal,
    body: Result<Json<MemberReportBody>, JsonRejection>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    use sikerja_domain::assignment::AssignmentId;
    use sikerja_storage::WorkRef;
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let p = period("period", &b.period)?;
    let work = match (b.assignment, b.activity_plan) {
        (Some(a), None) => WorkRef::Assignment(AssignmentId(a)),
        (None, Some(plan)) => WorkRef::Plan(plan),
        _ => {
            return Err(WebError::invalid(
                "member_report_work_invalid",
                "Sebutkan satu penugasan (assignment) atau rencana kegiatan (activity_plan) yang dilaporkan.",
            )
            .into());
        }
    };
    let id = state
        .store
        .write_member_report(EmployeeId(b.member), p, work, b.text.trim(), &by)
        .await?;
    Ok((StatusCode::CREATED, Json(IdDto { id })))
}

/// An Administrator's recommendation on an Ahli Madya's performance in a period.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RecommendationBody {
    pub employee: i64,
    /// `2026-q4`, `2026-m11` or `2026-y`.
    pub period: String,
    pub text: String,
}

/// Whoever exercises the recommender post fixed on the assessment of an Ahli Madya writes (or
/// rewrites, until it is finalised) the recommendation for the assessor (STR-06).
#[utoipa::path(
    post,
    path = "/api/v1/recommendations",
    tag = "performance",
    request_body = RecommendationBody,
    responses(
        (status = 201, description = "The recommendation id", body = IdDto),
        (status = 403, description = "Not the recommender; API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Unknown employee", body = ErrorEnvelope),
        (status = 409, description = "The assessment is finalised (`assessment_locked`)", body = ErrorEnvelope),
        (status = 422, description = "Unknown period; text blank; no recommender for this employee", body = ErrorEnvelope)
    )
)]
pub async fn write_recommendation(
    State(state): State<AppState>,
    principal: Principal,
    body: Result<Json<RecommendationBody>, JsonRejection>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let p = period("period", &b.period)?;
    let id = state
        .store
        .write_recommendation(EmployeeId(b.employee), p, b.text.trim(), &by)
        .await?;
    Ok((StatusCode::CREATED, Json(IdDto { id })))
}
