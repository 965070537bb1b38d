//! `/api/v1` execution (issue 13; MEK-04, LAP-01..04): a running assignment as it is carried
//! out, its breakdown, reports, report requests and feedback; the same for an approved
//! activity plan (`plans`: the same handlers under `/api/v1/activity-plans/{id}/…`). Everything is an official's
//! (route rule `Official`; tokens get 403 `official_only`: what a person may read here depends
//! on the part they play in the work), and storage decides each change and each read inside
//! it; refusals carry their rule and article in `details`.

pub mod dto;
pub mod issues;
pub mod plans;
pub mod report_body;
pub mod results;

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use sikerja_domain::assignment::Day;
use sikerja_domain::execution::breakdown::WorkItemDraft;
use sikerja_domain::execution::report::{ReportDraft, ReportKind};
use sikerja_domain::organisation::EmployeeId;
use sikerja_storage::ReportInput;

use crate::AppState;
use crate::api::dto::assignment::IdDto;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope, WebError};
use crate::extract::{Id, WorkPath};
use crate::pages::execution_today as today;
use dto::{
    BreakdownBody, FeedbackBody, ReportBody, ReportDto, ReportRequestBody, ReportingInboxDto,
    WorkDto, WorkItemDto,
};

fn day(field: &'static str, s: &str) -> Result<Day, WebError> {
    Day::parse(s).map_err(|e| WebError::Invalid {
        code: "day_invalid",
        message: e.to_string(),
        details: vec![crate::error::ErrorDetail {
            field: Some(field.into()),
            code: "day_invalid".into(),
            message: e.to_string(),
            ..Default::default()
        }],
    })
}

/// A running assignment as it is carried out: members, breakdown, the periodic reports owed
/// with their timing, report requests, and the reports and feedback the caller may read. For
/// the members, the head of the owner Unit Organisasi, the Penanggungjawab and the members'
/// PPK (others: 403 `not_involved_in_work`).
#[utoipa::path(
    get,
    path = "/api/v1/assignments/{id}/work",
    tag = "execution",
    params(("id" = i64, Path, description = "Assignment id")),
    responses(
        (status = 200, description = "Assignment execution", body = WorkDto),
        (status = 403, description = "Not involved in the work (`not_involved_in_work`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 422, description = "Assignment without members (`work_without_members`)", body = ErrorEnvelope)
    )
)]
pub async fn get_work(
    State(state): State<AppState>,
    principal: Principal,
    WorkPath(r): WorkPath,
) -> Result<Json<WorkDto>, ApiError> {
    let by = principal.planning_actor(None)?;
    let bd = state.store.work_breakdown(r, &by).await?;
    let schedule = state.store.work_schedule(r, &by, today()?).await?;
    let reports = state.store.work_reports(r, &by).await?;
    let feedback = state.store.work_feedback(r, &by).await?;
    Ok(Json(WorkDto::new(&bd, &schedule, &reports, &feedback)))
}

/// Replaces the breakdown of a running assignment (MEK-04): only the team lead or the
/// individual; each activity with a member responsible, dates within the assignment, budget
/// within the plan.
#[utoipa::path(
    put,
    path = "/api/v1/assignments/{id}/breakdown",
    tag = "execution",
    params(("id" = i64, Path, description = "Assignment id")),
    request_body = BreakdownBody,
    responses(
        (status = 200, description = "The recorded activity breakdown", body = Vec<WorkItemDto>),
        (status = 403, description = "Neither the team lead nor the individual performer (`not_the_breakdown_editor`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Assignment not running (`work_not_running`)", body = ErrorEnvelope),
        (status = 422, description = "Invalid breakdown (code of the first problem)", body = ErrorEnvelope)
    )
)]
pub async fn set_breakdown(
    State(state): State<AppState>,
    principal: Principal,
    WorkPath(r): WorkPath,
    body: Result<Json<BreakdownBody>, JsonRejection>,
) -> Result<Json<Vec<WorkItemDto>>, ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let drafts: Vec<WorkItemDraft> = b
        .items
        .into_iter()
        .map(|i| WorkItemDraft {
            name: i.name,
            responsible: i.responsible.to_string(),
            from: i.from,
            until: i.until,
            output: i.output,
            budget: i.budget.to_string(),
        })
        .collect();
    let items = state.store.set_work_breakdown(r, &drafts, &by).await?;
    Ok(Json(items.iter().map(WorkItemDto::from).collect()))
}

/// Submits a report (LAP-01..03): a periodic one (`kind`, `period_start`) once per duty and
/// period from the period's first day, or the answer to a request (`request`) by the person
/// asked; progress per activity, realisation per linked target, narrative. With evidence
/// files: `multipart/form-data`, the report's JSON in the part `report`, each file in a part
/// `files`; the files are checked (type read from the content) and stored first, and deleted
/// again when the report is refused.
#[utoipa::path(
    post,
    path = "/api/v1/assignments/{id}/reports",
    tag = "execution",
    params(("id" = i64, Path, description = "Assignment id")),
    request_body(content(
        (ReportBody = "application/json"),
        // The parts' types are OpenAPI's defaults (an object is `application/json`, a binary
        // string `application/octet-stream`); no `encoding` (utoipa 6 cannot read an encoding
        // without headers back, which the completion of the document does).
        (report_body::ReportUpload = "multipart/form-data")
    )),
    responses(
        (status = 201, description = "Report delivered: the report id", body = IdDto),
        (status = 400, description = "The address or body cannot be read (`bad_request`, `invalid_json`, `invalid_multipart`)", body = ErrorEnvelope),
        (status = 403, description = "Not a reporter of this report (`not_the_individual_reporter`, `not_a_team_member_reporter`, `not_the_team_lead_reporter`, `not_the_requested_reporter`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Already reported, or the assignment is not running", body = ErrorEnvelope),
        (status = 413, description = "Body exceeds the upload limit (`body_too_large`): number of files times the largest file size, plus the form", body = ErrorEnvelope),
        (status = 422, description = "Invalid report content; file refused (`file_type_not_allowed`, `file_type_mismatch`, `file_too_large`, `file_empty`, `file_name_invalid`, `too_many_evidence_files`, `file_field_unknown`, `report_part_invalid`)", body = ErrorEnvelope)
    )
)]
pub async fn submit_report(
    State(state): State<AppState>,
    principal: Principal,
    WorkPath(r): WorkPath,
    body: Result<report_body::ReportSubmission, ApiError>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    let report_body::ReportSubmission {
        report: b,
        files: uploads,
    } = body?;
    let by = principal.planning_actor(None)?;
    let kind = match b.kind.as_deref() {
        None => None,
        Some(k) => Some(ReportKind::from_code(k).ok_or_else(|| {
            WebError::invalid(
                "report_kind_invalid",
                "Jenis laporan: member_to_lead, team_to_head atau individual_to_head.",
            )
        })?),
    };
    let period_start = match b.period_start.as_deref() {
        None => None,
        Some(s) => Some(day("period_start", s)?),
    };
    let mut input = ReportInput {
        kind,
        period_start,
        request: b.request,
        draft: ReportDraft {
            progress: b
                .progress
                .iter()
                .map(|p| (p.activity, p.percent.to_string()))
                .collect(),
            realisation: b
                .realisation
                .iter()
                .map(|r| (r.target, r.value.to_string()))
                .collect(),
            narrative: b.narrative,
        },
        files: Vec::new(),
    };
    let today = today()?;
    let report = crate::uploads::with_evidence(&state.files, uploads, |files| async {
        input.files = files;
        Ok(state.store.submit_report(r, &input, &by, today).await?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(IdDto { id: report })))
}

/// The head of the owner Unit Organisasi asks the lead or a member for a report, due on `due`
/// (LAP-03); it appears in their inbox until answered.
#[utoipa::path(
    post,
    path = "/api/v1/assignments/{id}/report-requests",
    tag = "execution",
    params(("id" = i64, Path, description = "Assignment id")),
    request_body = ReportRequestBody,
    responses(
        (status = 201, description = "Report requested: the request id", body = IdDto),
        (status = 403, description = "Not the head of the organisation unit that owns the performance; API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Assignment not running (`work_not_running`)", body = ErrorEnvelope),
        (status = 422, description = "Invalid content or deadline", body = ErrorEnvelope)
    )
)]
pub async fn request_report(
    State(state): State<AppState>,
    principal: Principal,
    WorkPath(r): WorkPath,
    body: Result<Json<ReportRequestBody>, JsonRejection>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let due = day("due", &b.due)?;
    let request = state
        .store
        .request_report(r, EmployeeId(b.to), due, &b.message, &by, today()?)
        .await?;
    Ok((StatusCode::CREATED, Json(IdDto { id: request })))
}

/// Gives a member feedback, on one of their reports or not (LAP-04): the head of the owner
/// Unit Organisasi to anyone in the work, a member's PPK to that member, the team lead to the
/// other members; never to oneself (KIN-04).
#[utoipa::path(
    post,
    path = "/api/v1/assignments/{id}/feedback",
    tag = "execution",
    params(("id" = i64, Path, description = "Assignment id")),
    request_body = FeedbackBody,
    responses(
        (status = 201, description = "Feedback given: the feedback id", body = IdDto),
        (status = 403, description = "Not a feedback giver (`not_a_feedback_giver`, `feedback_to_self`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Assignment not running (`work_not_running`)", body = ErrorEnvelope),
        (status = 422, description = "Invalid content, or the report does not belong to the recipient", body = ErrorEnvelope)
    )
)]
pub async fn give_feedback(
    State(state): State<AppState>,
    principal: Principal,
    WorkPath(r): WorkPath,
    body: Result<Json<FeedbackBody>, JsonRejection>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    let Json(b) = body?;
    let by = principal.planning_actor(None)?;
    let feedback = state
        .store
        .give_feedback(r, EmployeeId(b.to), b.report, &b.text, &by)
        .await?;
    Ok((StatusCode::CREATED, Json(IdDto { id: feedback })))
}

/// The member acknowledges feedback given to them (LAP-04); once.
#[utoipa::path(
    post,
    path = "/api/v1/feedback/{id}/acknowledgement",
    tag = "execution",
    params(("id" = i64, Path, description = "Feedback id")),
    responses(
        (status = 204, description = "Acknowledged as read"),
        (status = 403, description = "Not its recipient (`not_the_feedback_recipient`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Already acknowledged as read (`feedback_already_acknowledged`)", body = ErrorEnvelope)
    )
)]
pub async fn acknowledge_feedback(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<StatusCode, ApiError> {
    let by = principal.planning_actor(None)?;
    state.store.acknowledge_feedback(id, &by).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One report, for its reporter, whoever it goes to and the head of the owner Unit
/// Organisasi (others: 403 `not_a_report_reader`).
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}",
    tag = "execution",
    params(("id" = i64, Path, description = "Report id")),
    responses(
        (status = 200, description = "Report", body = ReportDto),
        (status = 403, description = "Not a reader of the report (`not_a_report_reader`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_report(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Json<ReportDto>, ApiError> {
    let by = principal.planning_actor(None)?;
    let report = state.store.work_report(id, &by).await?;
    Ok(Json(ReportDto::from(&report)))
}

/// The reporting share of the inbox (`/api/v1/inbox`'s `reporting`).
pub(crate) async fn reporting_inbox(
    state: &AppState,
    by: &sikerja_storage::planning::PlanningActor,
) -> Result<ReportingInboxDto, WebError> {
    let day = today()?;
    // A regional head decides the problems sent to their agency (LAP-05), nothing else here.
    let issues_to_decide = state
        .store
        .issues_to_decide(by)
        .await?
        .iter()
        .map(|v| issues::IssueDto::new(v, day))
        .collect();
    if by.employee.is_none() {
        return Ok(ReportingInboxDto {
            issues_to_decide,
            ..ReportingInboxDto::default()
        });
    }
    let (requests, due) = state.store.reporting_inbox(by, day).await?;
    let feedback = state.store.unacknowledged_feedback(by).await?;
    let results_to_review = match by.employee {
        Some(e) => state.store.results_waiting_for(e).await?,
        None => Vec::new(),
    };
    Ok(ReportingInboxDto {
        report_requests: requests.iter().map(Into::into).collect(),
        reports_due: due.iter().map(Into::into).collect(),
        feedback: feedback.iter().map(Into::into).collect(),
        issues_to_decide,
        results_to_review: results_to_review.iter().map(Into::into).collect(),
    })
}
