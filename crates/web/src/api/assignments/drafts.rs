//! `/api/v1/assignments`: a draft checked against the regulation (PEN-01..12) without writing
//! anything, a draft recorded (refused as a whole with every violation), the caller's
//! assignments, one assignment with its request, and the candidate picker (PEN-02, PEN-08,
//! PEN-09).

use axum::Json;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use sikerja_domain::assignment::{AssignmentDraft, AssignmentId, Day, Search};
use sikerja_domain::organisation::{AgencyId, UnitId};
use sikerja_storage::{AssignmentInput, CandidateQuery, StorageError};
use utoipa::IntoParams;

use super::{invalid_input, refused};
use crate::AppState;
use crate::api::dto::assignment::{
    AssignmentDto, AssignmentLineDto, AssignmentRequest, CandidateDto, CheckReportDto, IdDto,
};
use crate::authz::{Principal, require_assignment};
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::Id;

/// The draft of a request body, owned by the caller's agency when it names none; the caller
/// must reach the owner agency.
fn draft_of(principal: &Principal, r: &AssignmentRequest) -> Result<AssignmentDraft, WebError> {
    let own = principal.actor().and_then(|a| a.facts().agency);
    let draft = r.draft(own).map_err(invalid_input)?;
    // PEN-11 (Lampiran II.B.2): a volunteer asking to work for another agency is refused by
    // the rule, before the generic "not your agency" below could hide it.
    if draft.method == sikerja_domain::assignment::AssignmentMethod::Volunteer
        && own.is_some_and(|a| a != draft.owner_agency)
    {
        return Err(WebError::invalid(
            "volunteer_across_agencies",
            "Pengajuan sukarela tidak dapat dilakukan lintas Instansi Pemerintah (PEN-11, Lampiran II.B.2).",
        ));
    }
    if !principal.scope().reaches_agency(draft.owner_agency) {
        return Err(WebError::forbidden(
            "Penugasan disusun untuk Unit Organisasi di instansi Anda sendiri.",
        ));
    }
    Ok(draft)
}

/// Checks a draft against the regulation (PEN-01..12) with the stored organisation,
/// placements and past assignments, and writes nothing. Answers 200 with every violation and
/// every advice, each naming its rule and article; the scope (PEN-03), instrument (PEN-12) and
/// workflow (PEN-13..17) follow from the members.
#[utoipa::path(
    post,
    path = "/api/v1/assignments/check",
    tag = "assignments",
    request_body = AssignmentRequest,
    responses(
        (status = 200, description = "The check's outcome (also when there are violations: `allowed` = false)", body = CheckReportDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "API token (`official_only`); another agency", body = ErrorEnvelope),
        (status = 422, description = "`validation_failed`: fields cannot be read (code, date)", body = ErrorEnvelope)
    )
)]
pub async fn check_assignment(
    State(state): State<AppState>,
    principal: Principal,
    body: Result<Json<AssignmentRequest>, JsonRejection>,
) -> Result<Json<CheckReportDto>, ApiError> {
    let Json(r) = body?;
    let draft = draft_of(&principal, &r)?;
    let report = state.store.check_assignment(&draft).await?;
    Ok(Json(CheckReportDto::new(&report, draft.method)))
}

/// Records a draft that passes every check, with its derived scope and instrument (status
/// `draft`). An appointment is recorded by the head (or Plt./Plh.) of the owner Unit
/// Organisasi, a volunteer draft by the volunteer (PEN-10). A draft with any violation is
/// refused as a whole: 422 `assignment_refused`, every violation in `details` with its
/// `rule_id` and `article`; nothing is written.
#[utoipa::path(
    post,
    path = "/api/v1/assignments",
    tag = "assignments",
    request_body = AssignmentRequest,
    responses(
        (status = 201, description = "Assignment draft recorded", body = IdDto),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not the head of the organisation unit that owns the performance (`not_the_appointing_head`, with the limiting rule: a *Kepala Bidang/Seksi* prepares a draft with `prepare_for_head`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 422, description = "`assignment_refused` (every violation in `details`), `validation_failed`, `prepare_not_needed`", body = ErrorEnvelope)
    )
)]
pub async fn create_assignment(
    State(state): State<AppState>,
    principal: Principal,
    body: Result<Json<AssignmentRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    let Json(r) = body?;
    let draft = draft_of(&principal, &r)?;
    let by = principal.planning_actor(None)?;
    let input = AssignmentInput {
        draft,
        title: r.title.trim().to_string(),
        target: r.target,
    };
    let recorded = if r.prepare_for_head {
        state.store.prepare_assignment(&input, &by).await
    } else {
        state.store.create_assignment(&input, &by).await
    };
    match recorded {
        Ok(id) => Ok((StatusCode::CREATED, Json(IdDto { id: id.0 }))),
        // Storage refuses with one message; the check lists each violation with its rule.
        // Run only on a refusal, so that recording stays one pass over the organisation.
        Err(e @ StorageError::Invalid { .. }) => {
            let report = state.store.check_assignment(&input.draft).await?;
            if report.is_allowed() {
                Err(WebError::from(e).into())
            } else {
                Err(refused(&report, &input.draft).into())
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// `?limit=`
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LimitQuery {
    /// At most this many, newest first (1–200, default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<usize>,
}

/// The caller's assignments: those they are a member of, own as head of the owner unit, or
/// hold a step or a copy of — newest first. People only.
#[utoipa::path(
    get,
    path = "/api/v1/assignments",
    tag = "assignments",
    params(LimitQuery),
    responses(
        (status = 200, description = "Assignments involving you", body = Vec<AssignmentLineDto>),
        (status = 400, description = "Parameters cannot be read", body = ErrorEnvelope),
        (status = 403, description = "API token (`official_only`)", body = ErrorEnvelope)
    )
)]
pub async fn list_assignments(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<LimitQuery>, QueryRejection>,
) -> Result<Json<Vec<AssignmentLineDto>>, ApiError> {
    let Query(q) = query?;
    let by = principal.planning_actor(None)?;
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let lines = state.store.assignments_involving(&by, limit).await?;
    Ok(Json(lines.iter().map(AssignmentLineDto::from).collect()))
}

/// One assignment with its members, scope (PEN-03), instrument (PEN-12), workflow and the id
/// of its request once started; for whoever may see it.
#[utoipa::path(
    get,
    path = "/api/v1/assignments/{id}",
    tag = "assignments",
    params(("id" = i64, Path, description = "Assignment id")),
    responses(
        (status = 200, description = "Assignment", body = AssignmentDto),
        (status = 403, description = "Not involved", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_assignment(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<AssignmentDto>, ApiError> {
    let a = state.store.assignment(AssignmentId(id)).await?;
    require_assignment(&state.store, &principal, a.id, a.agency).await?;
    let request = state.store.request_of(a.id).await?;
    Ok(Json(AssignmentDto::new(&a, request)))
}

/// Changes a draft before its workflow starts (issue 14 point 6), with the same body as
/// `POST /api/v1/assignments` (`prepare_for_head` is ignored: the domain decides). The head of
/// the owner Unit Organisasi (or its Plt./Plh.) changes any draft of the unit, including one a
/// Kepala Bidang/Seksi prepared for them (it stays theirs to start); the preparer and a
/// volunteer change their own. The changed draft is checked like a new one: 422
/// `assignment_refused` with every violation; nothing is written.
#[utoipa::path(
    put,
    path = "/api/v1/assignments/{id}",
    tag = "assignments",
    params(("id" = i64, Path, description = "Assignment id")),
    request_body = AssignmentRequest,
    responses(
        (status = 204, description = "Assignment draft changed"),
        (status = 400, description = "The JSON cannot be read", body = ErrorEnvelope),
        (status = 403, description = "Not entitled to change this draft (`not_the_appointing_head`, PEN-10 · Pasal 11–13); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "`assignment_not_draft`: its flow has already started", body = ErrorEnvelope),
        (status = 422, description = "`assignment_refused` (every violation in `details`), `validation_failed`", body = ErrorEnvelope)
    )
)]
pub async fn change_assignment(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    body: Result<Json<AssignmentRequest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(r) = body?;
    let a = state.store.assignment(AssignmentId(id)).await?;
    require_assignment(&state.store, &principal, a.id, a.agency).await?;
    let draft = draft_of(&principal, &r)?;
    let by = principal.planning_actor(None)?;
    let input = AssignmentInput {
        draft,
        title: r.title.trim().to_string(),
        target: r.target,
    };
    match state.store.change_assignment_draft(a.id, &input, &by).await {
        Ok(()) => Ok(StatusCode::NO_CONTENT),
        Err(e @ StorageError::Invalid { .. }) => {
            let mut checked = input.draft.clone();
            checked.id = Some(a.id);
            let report = state.store.check_assignment(&checked).await?;
            if report.is_allowed() {
                Err(WebError::from(e).into())
            } else {
                Err(refused(&report, &checked).into())
            }
        }
        Err(e) => Err(e.into()),
    }
}

/// The candidate picker's question.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CandidateParams {
    /// The owner Unit Organisasi (of the caller's agency).
    pub owner_unit: i64,
    /// Whose JF and Pelaksana to list; missing: the caller's agency.
    pub agency: Option<i64>,
    /// Field of the task (PEN-08 huruf d).
    pub field: Option<String>,
    /// First day (`YYYY-MM-DD`): the load is counted on it, the rating year is the year before.
    pub start: String,
    /// Search by name, NIP, position, unit or Perangkat Daerah: every word must occur,
    /// ignoring case, accents and spaces; missing or blank: everyone.
    pub q: Option<String>,
}

/// The JF and Pelaksana of an agency as candidates for a draft of the caller's agency: each
/// with placement (PEN-02), current assignments and load, and every team-lead requirement met
/// or not with what the record shows (PEN-08), with their unit, Perangkat Daerah and grade;
/// ranked by fit — JF from *penyetaraan* of the owner unit first (PEN-09), then the placed
/// (PEN-02), those meeting every lead requirement, the owner unit's people, the lighter load —
/// then by name. `q` narrows the list (issue 15 point 3).
#[utoipa::path(
    get,
    path = "/api/v1/assignments/candidates",
    tag = "assignments",
    params(CandidateParams),
    responses(
        (status = 200, description = "Candidate members", body = Vec<CandidateDto>),
        (status = 400, description = "Parameters cannot be read", body = ErrorEnvelope),
        (status = 403, description = "API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Agency not found", body = ErrorEnvelope),
        (status = 422, description = "`day_invalid`: the start date", body = ErrorEnvelope)
    )
)]
pub async fn list_candidates(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<CandidateParams>, QueryRejection>,
) -> Result<Json<Vec<CandidateDto>>, ApiError> {
    let Query(q) = query?;
    let owner_agency = principal
        .actor()
        .and_then(|a| a.facts().agency)
        .ok_or_else(crate::authz::official_only)?;
    let start =
        Day::parse(q.start.trim()).map_err(|e| WebError::invalid(e.code(), e.to_string()))?;
    let query = CandidateQuery {
        owner_unit: UnitId(q.owner_unit),
        owner_agency,
        agency: q.agency.map_or(owner_agency, AgencyId),
        field: q.field.unwrap_or_default().trim().to_string(),
        start,
        exclude: None,
    };
    let list = state.store.assignment_candidates(&query).await?;
    let search = Search::new(q.q.as_deref().unwrap_or_default());
    Ok(Json(
        list.iter()
            .filter(|c| c.matches(&search))
            .map(CandidateDto::from)
            .collect(),
    ))
}
