//! `/api/v1/activity-plans/{id}/…` execution: an approved *rencana pelaksanaan kegiatan dan
//! anggaran* is carried out and reported like individual work (MEK-02, MEK-04, LAP-01..04).
//! Each route is the assignment's handler (the work is taken from the path,
//! `extract::WorkPath`); only its OpenAPI description is its own. A plan without an approved
//! version is not running: changes are refused 409 `work_not_running` (MEK-04 · Lampiran A.2).
//! Results (MEK-05) and team problems (LAP-05) stay with assignments (docs/execution.md).

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;

use super::dto::{
    BreakdownBody, FeedbackBody, ReportBody, ReportRequestBody, WorkDto, WorkItemDto,
};
use crate::AppState;
use crate::api::dto::assignment::IdDto;
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope};
use crate::extract::WorkPath;

/// An approved activity plan as it is carried out: its holder, breakdown, the periodic
/// reports owed with their timing, report requests, and the reports and feedback the caller
/// may read. For the plan's holder, the head who approves it (who sets the agreement) and the
/// holder's PPK (others: 403 `not_involved_in_work`). `running` is false until a version is
/// approved.
#[utoipa::path(
    get,
    path = "/api/v1/activity-plans/{id}/work",
    tag = "execution",
    params(("id" = i64, Path, description = "Activity plan id")),
    responses(
        (status = 200, description = "Activity plan execution", body = WorkDto),
        (status = 403, description = "Not involved in the work (`not_involved_in_work`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope)
    )
)]
pub async fn get_plan_work(
    state: State<AppState>,
    principal: Principal,
    work: WorkPath,
) -> Result<Json<WorkDto>, ApiError> {
    super::get_work(state, principal, work).await
}

/// Replaces the breakdown of an approved activity plan (MEK-04): only its holder; each
/// activity within the plan's year, the sum within the approved plan's total.
#[utoipa::path(
    put,
    path = "/api/v1/activity-plans/{id}/breakdown",
    tag = "execution",
    params(("id" = i64, Path, description = "Activity plan id")),
    request_body = BreakdownBody,
    responses(
        (status = 200, description = "The recorded activity breakdown", body = Vec<WorkItemDto>),
        (status = 403, description = "Not the holder of the plan (`not_the_breakdown_editor`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Plan not approved yet (`work_not_running`)", body = ErrorEnvelope),
        (status = 422, description = "Invalid breakdown (code of the first problem)", body = ErrorEnvelope)
    )
)]
pub async fn set_plan_breakdown(
    state: State<AppState>,
    principal: Principal,
    work: WorkPath,
    body: Result<Json<BreakdownBody>, JsonRejection>,
) -> Result<Json<Vec<WorkItemDto>>, ApiError> {
    super::set_breakdown(state, principal, work, body).await
}

/// The holder reports on the plan (LAP-01: `individual_to_head`, to the head and/or their
/// PPK), a periodic report once per period or the answer to a request. With evidence files:
/// `multipart/form-data`, the report's JSON in the part `report`, each file in a part `files`
/// (as for an assignment's report).
#[utoipa::path(
    post,
    path = "/api/v1/activity-plans/{id}/reports",
    tag = "execution",
    params(("id" = i64, Path, description = "Activity plan id")),
    request_body(content(
        (ReportBody = "application/json"),
        (super::report_body::ReportUpload = "multipart/form-data")
    )),
    responses(
        (status = 201, description = "Report delivered: the report id", body = IdDto),
        (status = 400, description = "The address or body cannot be read (`bad_request`, `invalid_json`, `invalid_multipart`)", body = ErrorEnvelope),
        (status = 403, description = "Not a reporter of this report (`not_the_individual_reporter`, `not_the_requested_reporter`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Already reported, or the plan is not approved yet", body = ErrorEnvelope),
        (status = 413, description = "Body exceeds the upload limit (`body_too_large`): number of files times the largest file size, plus the form", body = ErrorEnvelope),
        (status = 422, description = "Invalid report content; file refused (`file_type_not_allowed`, `file_type_mismatch`, `file_too_large`, `file_empty`, `file_name_invalid`, `too_many_evidence_files`, `file_field_unknown`, `report_part_invalid`)", body = ErrorEnvelope)
    )
)]
pub async fn submit_plan_report(
    state: State<AppState>,
    principal: Principal,
    work: WorkPath,
    body: Result<super::report_body::ReportSubmission, ApiError>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    super::submit_report(state, principal, work, body).await
}

/// The head who approves the plan asks its holder for a report, due on `due` (LAP-03).
#[utoipa::path(
    post,
    path = "/api/v1/activity-plans/{id}/report-requests",
    tag = "execution",
    params(("id" = i64, Path, description = "Activity plan id")),
    request_body = ReportRequestBody,
    responses(
        (status = 201, description = "Report requested: the request id", body = IdDto),
        (status = 403, description = "Not the head who approves the plan; API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Plan not approved yet (`work_not_running`)", body = ErrorEnvelope),
        (status = 422, description = "Invalid content or deadline", body = ErrorEnvelope)
    )
)]
pub async fn request_plan_report(
    state: State<AppState>,
    principal: Principal,
    work: WorkPath,
    body: Result<Json<ReportRequestBody>, JsonRejection>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    super::request_report(state, principal, work, body).await
}

/// Gives the plan's holder feedback, on one of their reports or not (LAP-04): the head who
/// approves the plan or the holder's PPK; never to oneself (KIN-04).
#[utoipa::path(
    post,
    path = "/api/v1/activity-plans/{id}/feedback",
    tag = "execution",
    params(("id" = i64, Path, description = "Activity plan id")),
    request_body = FeedbackBody,
    responses(
        (status = 201, description = "Feedback given: the feedback id", body = IdDto),
        (status = 403, description = "Not a feedback giver (`not_a_feedback_giver`, `feedback_to_self`); API token (`official_only`)", body = ErrorEnvelope),
        (status = 404, description = "Not found", body = ErrorEnvelope),
        (status = 409, description = "Plan not approved yet (`work_not_running`)", body = ErrorEnvelope),
        (status = 422, description = "Invalid content, or the report does not belong to the recipient", body = ErrorEnvelope)
    )
)]
pub async fn give_plan_feedback(
    state: State<AppState>,
    principal: Principal,
    work: WorkPath,
    body: Result<Json<FeedbackBody>, JsonRejection>,
) -> Result<(StatusCode, Json<IdDto>), ApiError> {
    super::give_feedback(state, principal, work, body).await
}
