//! The JSON API under `/api/v1` for the other SPBE systems (TIK-01), described by an OpenAPI
//! document at `/api/openapi.json` and browsable at `/api/docs/`.
//!
//! Errors use one envelope, `{"error": {"code", "message", "details"}}`, with stable
//! `snake_case` codes and Indonesian messages (see [`crate::error`]).

mod agencies;
mod assignments;
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
mod placements;
mod planning;
pub(crate) mod policies;
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
        description = "API Sistem Kerja (Peraturan Bupati Banjar No. 39/2024): organisasi, pegawai, kedudukan dan Pejabat Penilai Kinerja. Setiap kedudukan menyebut `rule_id` dan `article`. Kesalahan: `{\"error\": {\"code\", \"message\", \"details\"}}`."
    ),
    tags(
        (name = "agencies", description = "Instansi Pemerintah: daftar, rincian, impor dan ekspor; kebijakan instansi bertanggal (KED-10, KED-12, PEN-07, PEN-08, PEN-15, LAP-01/02, DOC-05) dengan riwayatnya; daftar bidang tugas (bidang pengalaman) instansi dengan sinonimnya (PEN-08 huruf d)"),
        (name = "departments", description = "Perangkat Daerah, unit, jabatan, rentang kendali"),
        (name = "employees", description = "Pegawai ASN"),
        (name = "placements", description = "Kedudukan dan penetapan manual (KED)"),
        (name = "planning", description = "Perencanaan kinerja (MEK-02, MEK-03, STR-01..05, PEN-19): Perjanjian Kinerja, target dan penurunannya, tanda tangan, amendemen, dialog kinerja, ekspektasi, rencana pelaksanaan kegiatan dan anggaran. Perubahan hanya oleh pejabat yang masuk dengan akunnya (token API: 403 `official_only`)"),
        (name = "assignments", description = "Penugasan Pejabat Fungsional dan Pelaksana (PEN-01..19): PEN-01 bentuk penugasan individu/tim, PEN-02 kedudukan ditetapkan, PEN-03 lingkup diturunkan dari anggota, PEN-04 ketua tim dari Unit Organisasi pemilik kinerja, PEN-05/06/07 batas masa dan jumlah penugasan, PEN-08 syarat ketua tim, PEN-09 JF hasil penyetaraan diutamakan, PEN-10 penunjukan atau pengajuan sukarela, PEN-11 sukarela tidak lintas instansi, PEN-12 Surat Tugas/Keputusan Sekda/Keputusan Bupati, PEN-13..17 alur persetujuan (Lampiran II.B, Gambar 1–3), PEN-18 langkah diambil sekali oleh pemegang jabatannya, PEN-19 penugasan untuk target Perjanjian Kinerja. Setiap temuan dan langkah menyebut `rule_id` dan `article`. Perubahan hanya oleh pejabat yang masuk dengan akunnya (token API: 403 `official_only`)"),
        (name = "execution", description = "Pelaksanaan penugasan dan rencana kegiatan yang disetujui (MEK-04, LAP-01..04): rincian kegiatan dengan penanggung jawabnya, jadwal laporan berkala dengan ketepatan waktunya, laporan, permintaan laporan oleh Pimpinan Unit Organisasi dan umpan balik beserta tanda dibacanya. Hanya pejabat yang masuk dengan akunnya (token API: 403 `official_only`); penolakan menyebut `rule_id` dan `article` di `details`"),
        (name = "letters", description = "Surat resmi (DOC-01..06, Lampiran IV): berkas PDF dan DOCX surat yang dicatat alur penugasan (draf tanpa nomor, atau persis sebagaimana diterbitkan), penerbitan oleh penandatangan dengan nomor dari register unit penerbit (tidak dipakai ulang, tidak dilewati), SHA-256 dan kode QR verifikasi, pembatalan dengan alasan; verifikasi publik `/api/v1/verify/{code}`")
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
        .routes(routes!(letters::get_letter_pdf))
        .routes(routes!(letters::get_letter_docx))
        .routes(routes!(letters::list_letter_issues))
        .routes(routes!(letters::issue_letter))
        .routes(routes!(letters::cancel_letter))
        .routes(routes!(letters::verify_letter))
}

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
