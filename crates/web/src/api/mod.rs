//! The JSON API under `/api/v1` for the other SPBE systems (TIK-01), described by an OpenAPI
//! document at `/api/openapi.json` and browsable at `/api/docs/`.
//!
//! Errors use one envelope, `{"error": {"code", "message", "details"}}`, with stable
//! `snake_case` codes and Indonesian messages (see [`crate::error`]).

mod agencies;
mod assignments;
mod dashboards;
mod dashboards_execution;
mod departments;
pub mod dto;
mod employees;
mod execution;
mod experience_fields;
pub(crate) mod import;
mod letters;
pub mod openapi;
mod org_change_upload;
mod org_changes;
mod performance;
mod performance_dashboard;
mod placements;
mod planning;
mod planning_dashboard;
pub(crate) mod policies;
mod process_maps;
mod regional_heads;

use axum::Router;
use axum::http::{HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::SwaggerUi;

use crate::AppState;
use crate::error::{ErrorBody, ErrorDetail, ErrorEnvelope};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Sikerja API",
        description = "Sistem Kerja API (Peraturan Bupati Banjar No. 39/2024): organisation, employees, placements and the performance appraiser (*Pejabat Penilai Kinerja*). Every placement names its `rule_id` and `article`. Errors: `{\"error\": {\"code\", \"message\", \"details\"}}`; `message` is Indonesian, for people."
    ),
    tags(
        (name = "agencies", description = "Government agencies: list, details, import and export; dated agency policies (KED-10, KED-12, PEN-07, PEN-08, PEN-15, LAP-01/02, DOC-05) with their history; the agency's list of experience fields (*bidang pengalaman*) with their synonyms (PEN-08 letter d)"),
        (name = "dashboards", description = "Dashboards (issue 18): the numbers behind each chart of `/dasbor`, counted with SQL aggregates within the caller's scope, which the answer echoes — the whole agency for the regional head, the Sekda, the HR admin (and the organisation keeper for `kedudukan`) and for an API token reaching the agency; the departments or units a head heads; 403 `forbidden` for others. Limits name their rule (KED-10)"),
        (name = "departments", description = "Regional offices (*Perangkat Daerah*), units, positions, span of control"),
        (name = "employees", description = "Civil servants (*Pegawai ASN*)"),
        (name = "placements", description = "Placements and manual determinations (KED)"),
        (name = "planning", description = "Performance planning (MEK-02, MEK-03, STR-01..05, PEN-19): *Perjanjian Kinerja*, targets and their breakdown, signatures, amendments, performance dialogues, expectations, activity and budget plans. Changes only by officials signed in with their own account (API token: 403 `official_only`)"),
        (name = "assignments", description = "Assignments of functional officials and executors (*Pejabat Fungsional* and *Pelaksana*) (PEN-01..19): PEN-01 individual/team assignment form, PEN-02 placement determined, PEN-03 scope derived from the members, PEN-04 team lead from the organisation unit that owns the performance, PEN-05/06/07 limits on duration and number of assignments, PEN-08 team lead requirements, PEN-09 JF from equalisation (*penyetaraan*) first, PEN-10 appointment or volunteering, PEN-11 volunteering not across agencies, PEN-12 *Surat Tugas*/*Keputusan Sekda*/*Keputusan Bupati*, PEN-13..17 approval flow (Lampiran II.B, Gambar 1–3), PEN-18 a step is taken once by its position holder, PEN-19 assignments for *Perjanjian Kinerja* targets. Every finding and step names `rule_id` and `article`. Changes only by officials signed in with their own account (API token: 403 `official_only`)"),
        (name = "execution", description = "Execution of assignments and approved activity plans (MEK-04, LAP-01..04): activity breakdown with the persons responsible, periodic report schedule with its timeliness, reports, report requests by the head of the organisation unit, and feedback with its read marks. Only officials signed in with their own account (API token: 403 `official_only`); refusals name `rule_id` and `article` in `details`"),
        (name = "process_maps", description = "Business-process maps (*peta proses bisnis*, Pasal 21, PRO-01..03) as BPMN 2.0 documents: the caller's agency's maps by kind (PRO-02), status, department and title; each map's numbered versions, kept byte for byte and checked on saving (a broken document is refused with its `bpmn_*` code); reviews with findings, decisions and the SOPs they changed (PRO-03); lanes bound to positions or units with who holds them today, a vacant post flagged (PRO-01). Readers are the agency's people and API tokens scoped to it (an unscoped token names `agency` on the list); writers only the agency's `process_map_keeper` (a token: 403 `official_only`)"),
        (name = "performance", description = "Performance assessment (KIN-01..04, STR-06, KED-09; Pasal 18, PermenPANRB 6/2022): periods per agency policy, the assessor's worklist, the inputs gathered for the assessor (expectations, targets and realisation, reports, feedback, the team leads' member reports, the Administrator's recommendation for an Ahli Madya), the rating of work results and the seven BerAKHLAK core values with the predikat matrix, finalising and its lock, the employee's acknowledgement or one objection decided by the assessor's superior, reopening as a recorded decision, follow-up, the distribution curve per agency and year, progress per Perangkat Daerah and the e-Kinerja export. The assessor is the employee's PPK by placement, fixed on the record when the assessment is opened. Changes and personal lists only by officials signed in with their own account (API token: 403 `official_only`); refusals name `rule_id` and `article` in `details`"),
        (name = "letters", description = "Official letters (DOC-01..06, Lampiran IV): PDF and DOCX files of the letters the assignment flow records (a draft without a number, or exactly as issued), issuing by the signer with a number from the issuing unit's register (never reused, never skipped), SHA-256 and a verification QR code, cancelling with a reason; public verification `/api/v1/verify/{code}`")
    ),
    components(schemas(ErrorEnvelope, ErrorBody, ErrorDetail))
)]
struct ApiDoc;

/// Every API route with its OpenAPI description. The token layer of the next issue wraps this
/// router.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(agencies::list_agencies))
        .routes(routes!(agencies::get_agency))
        .routes(routes!(agencies::export_agency))
        .routes(routes!(agencies::import_agency))
        .routes(routes!(
            policies::get_agency_policies,
            policies::create_agency_policy
        ))
        .routes(routes!(
            experience_fields::get_experience_fields,
            experience_fields::set_experience_fields
        ))
        .routes(routes!(
            regional_heads::list_regional_heads,
            regional_heads::add_regional_head
        ))
        .routes(routes!(regional_heads::end_regional_head))
        .routes(routes!(
            org_changes::list_org_changes,
            org_changes::record_org_changes
        ))
        .routes(routes!(org_changes::preview_org_changes))
        .routes(routes!(org_changes::cancel_org_change))
        .routes(routes!(org_change_upload::upload_org_changes))
        .routes(routes!(org_change_upload::org_change_template))
        .routes(routes!(dashboards::get_dashboard))
        .routes(routes!(departments::list_departments))
        .routes(routes!(departments::get_department))
        .routes(routes!(departments::list_units))
        .routes(routes!(departments::list_positions))
        .routes(routes!(departments::get_span_of_control))
        .routes(routes!(employees::list_employees))
        .routes(routes!(employees::get_employee))
        .routes(routes!(placements::get_employee_placement))
        .routes(routes!(placements::list_placements))
        .routes(routes!(placements::create_manual_placement))
        .routes(routes!(
            planning::agreements::list_agreements,
            planning::agreements::create_agreement
        ))
        .routes(routes!(planning::agreements::get_agreement))
        .routes(routes!(planning::agreements::sign_agreement))
        .routes(routes!(planning::agreements::amend_agreement))
        .routes(routes!(planning::agreements::copy_agreement))
        .routes(routes!(planning::agreements::record_dialogue))
        .routes(routes!(planning::agreements::list_agreement_posts))
        .routes(routes!(planning::targets::add_target))
        .routes(routes!(
            planning::targets::update_target,
            planning::targets::remove_target
        ))
        .routes(routes!(planning::targets::cascade_target))
        .routes(routes!(planning::targets::report_progress))
        .routes(routes!(planning::targets::list_department_targets))
        .routes(routes!(
            planning::expectations::list_expectations,
            planning::expectations::set_expectation
        ))
        .routes(routes!(planning::expectations::acknowledge_expectation))
        .routes(routes!(planning::plans::draft_activity_plan))
        .routes(routes!(planning::plans::get_activity_plan))
        .routes(routes!(planning::plans::revise_activity_plan))
        .routes(routes!(planning::plans::submit_activity_plan))
        .routes(routes!(planning::plans::approve_activity_plan))
        .routes(routes!(planning::plans::return_activity_plan))
        .routes(routes!(assignments::drafts::check_assignment))
        .routes(routes!(
            assignments::drafts::list_assignments,
            assignments::drafts::create_assignment
        ))
        .routes(routes!(
            assignments::drafts::get_assignment,
            assignments::drafts::change_assignment
        ))
        .routes(routes!(assignments::drafts::list_candidates))
        .routes(routes!(assignments::requests::start_request))
        .routes(routes!(assignments::requests::get_request))
        .routes(routes!(assignments::requests::decide_step))
        .routes(routes!(assignments::requests::nudge_request))
        .routes(routes!(assignments::inbox::get_inbox))
        .routes(routes!(assignments::inbox::mark_task_read))
        .routes(routes!(assignments::inbox::get_letter))
        .routes(routes!(assignments::inbox::list_workflows))
        .routes(routes!(execution::get_work))
        .routes(routes!(execution::set_breakdown))
        .routes(routes!(execution::submit_report))
        .routes(routes!(execution::request_report))
        .routes(routes!(execution::give_feedback))
        .routes(routes!(execution::acknowledge_feedback))
        .routes(routes!(execution::get_report))
        .routes(routes!(execution::plans::get_plan_work))
        .routes(routes!(execution::plans::set_plan_breakdown))
        .routes(routes!(execution::plans::submit_plan_report))
        .routes(routes!(execution::plans::request_plan_report))
        .routes(routes!(execution::plans::give_plan_feedback))
        .routes(routes!(
            execution::issues::list_issues,
            execution::issues::raise_issue
        ))
        .routes(routes!(execution::issues::get_issue))
        .routes(routes!(execution::issues::decide_issue))
        .routes(routes!(execution::issues::nudge_issue))
        .routes(routes!(
            execution::results::list_results,
            execution::results::submit_result
        ))
        .routes(routes!(execution::results::get_result))
        .routes(routes!(execution::results::resubmit_result))
        .routes(routes!(execution::results::decide_result))
        .routes(routes!(
            performance::list_assessments,
            performance::open_assessment
        ))
        .routes(routes!(performance::get_assessment))
        .routes(routes!(performance::save_rating))
        .routes(routes!(performance::finalise_assessment))
        .routes(routes!(performance::acknowledge_assessment))
        .routes(routes!(performance::object_to_assessment))
        .routes(routes!(performance::uphold_objection))
        .routes(routes!(performance::dismiss_objection))
        .routes(routes!(performance::reopen_assessment))
        .routes(routes!(performance::record_follow_up))
        .routes(routes!(performance::write_member_report))
        .routes(routes!(performance::write_recommendation))
        .routes(routes!(performance::agency::get_assessment_progress))
        .routes(routes!(
            performance::agency::get_curve,
            performance::agency::set_curve
        ))
        .routes(routes!(performance::agency::get_ekinerja_export))
        .routes(routes!(performance::agency::get_follow_ups))
        .routes(routes!(letters::get_letter_pdf))
        .routes(routes!(letters::get_letter_docx))
        .routes(routes!(letters::list_letter_issues))
        .routes(routes!(letters::issue_letter))
        .routes(routes!(letters::cancel_letter))
        .routes(routes!(letters::verify_letter))
        .routes(routes!(process_maps::list_process_maps))
        .routes(routes!(process_maps::get_process_map))
        .routes(routes!(process_maps::get_process_map_version))
        .routes(routes!(process_maps::save_process_map_version))
        .routes(routes!(
            process_maps::list_process_map_reviews,
            process_maps::record_process_map_review
        ))
        .routes(routes!(process_maps::bind_process_map_lane))
}

/// The e-Kinerja export files, shared with the admin page (issue 16 point 7).
pub(crate) use performance::agency as performance_export;

/// The OpenAPI document of the API, completed from the route table (security, error answers).
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = routes().split_for_parts().1;
    crate::limits::apply_to_openapi(&mut doc);
    openapi::complete(doc)
}

/// `/api/openapi.json` and the Swagger UI at `/api/docs/` (vendored: nothing from a CDN).
pub fn docs_routes(openapi: utoipa::openapi::OpenApi) -> Router {
    Router::from(SwaggerUi::new("/api/docs").url("/api/openapi.json", openapi)).layer(
        SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(crate::layers::DOCS_CSP),
        ),
    )
}
