//! Server-rendered pages in Bahasa Indonesia. One `*Page` struct per template, next to its
//! handler; the template tree (`templates/`) mirrors these modules.

mod account;
mod admin;
mod assignments;
pub(crate) mod dashboards;
mod departments;
mod employee_search;
mod employee_work;
mod employees;
mod execution;
pub(crate) mod header;
mod home;
pub(crate) mod org_changes;
mod org_upload;
mod organisation;
mod performance;
mod placements;
mod planning;
mod position_map;
mod process_maps;
mod rule_catalogue;
mod rules;
mod sign_in;
mod span;
mod unresolved;
mod upload;
mod verify;

use axum::Router;
use axum::http::HeaderMap;

use crate::AppState;
use crate::authz::{Access, PageRoutes, RouteTable};

/// Every page route with its access rule (see [`crate::authz`]).
pub fn routes() -> (Router<AppState>, RouteTable) {
    use Access::*;
    PageRoutes::default()
        .get("/", SignedIn, home::list_agencies)
        // Issue 18: the dashboards; the domain's `dashboard::scope` decides who and how far.
        .get("/dasbor", Official, dashboards::show_index)
        .get("/dasbor/{kind}", Official, dashboards::show_dashboard)
        .get(
            "/perangkat-daerah/{id}",
            Department,
            departments::show_department,
        )
        .get(
            "/perangkat-daerah/{id}/peta-jabatan",
            Department,
            position_map::show_position_map,
        )
        .get(
            "/perangkat-daerah/{id}/kedudukan",
            Department,
            placements::list_placements,
        )
        .get(
            "/perangkat-daerah/{id}/kedudukan.xlsx",
            Department,
            placements::export_placements,
        )
        .get(
            "/perangkat-daerah/{id}/belum-terselesaikan",
            Department,
            unresolved::list_unresolved,
        )
        .post(
            "/perangkat-daerah/{id}/belum-terselesaikan",
            DecideDepartment,
            unresolved::create_manual_placement,
        )
        .get(
            "/perangkat-daerah/{id}/rentang-kendali",
            Department,
            span::show_span_of_control,
        )
        .get(
            "/perangkat-daerah/{id}/target",
            Department,
            planning::tree::show_target_tree,
        )
        // The organisation's unit tree for Bagian Organisasi and BKPSDM (issue 14 point 3),
        // as of a day with `?per=` (point 1).
        .get(
            "/organisasi/struktur",
            KeepOrganisation,
            organisation::structure::show_structure,
        )
        // Business-process maps (issue 17): people of the agency read, its keeper writes
        // (storage decides, `sikerja_domain::process_map`).
        .get("/peta-proses", Official, process_maps::list_maps)
        .get("/peta-proses/baru", Official, process_maps::show_new_map)
        .post("/peta-proses/baru", Official, process_maps::create_map)
        .get("/peta-proses/{id}", ProcessMap, process_maps::show_map)
        .get(
            "/peta-proses/{id}/ubah",
            ProcessMap,
            process_maps::show_editor,
        )
        .post(
            "/peta-proses/{id}/versi",
            ProcessMap,
            process_maps::save_version,
        )
        .get(
            "/peta-proses/{id}/versi/{file}",
            ProcessMap,
            process_maps::download_version,
        )
        .post(
            "/peta-proses/{id}/terbitkan",
            ProcessMap,
            process_maps::publish_map,
        )
        .post(
            "/peta-proses/{id}/reviu",
            ProcessMap,
            process_maps::review_map,
        )
        .post(
            "/peta-proses/{id}/arsipkan",
            ProcessMap,
            process_maps::archive_map,
        )
        .post(
            "/peta-proses/{id}/lajur",
            ProcessMap,
            process_maps::bind_lane,
        )
        .get("/kinerja", Official, planning::index::show_planning)
        .get(
            "/kinerja/menu",
            Official,
            planning::index::show_planning_menu,
        )
        .post(
            "/kinerja/perjanjian",
            Official,
            planning::index::create_agreement,
        )
        .post(
            "/kinerja/perjanjian/{id}/salin",
            Agreement,
            planning::index::copy_agreement,
        )
        .post(
            "/kinerja/ekspektasi",
            Official,
            planning::index::set_expectation,
        )
        .post(
            "/kinerja/ekspektasi/{id}/terima",
            Official,
            planning::index::acknowledge_expectation,
        )
        .get(
            "/kinerja/perjanjian/{id}",
            Agreement,
            planning::agreement::show_agreement,
        )
        .get(
            "/kinerja/perjanjian/{id}/cetak",
            Agreement,
            planning::agreement::print_agreement,
        )
        .post(
            "/kinerja/perjanjian/{id}/target",
            Agreement,
            planning::agreement::add_target,
        )
        .post(
            "/kinerja/perjanjian/{id}/tandatangani",
            Agreement,
            planning::agreement::sign_agreement,
        )
        .post(
            "/kinerja/perjanjian/{id}/amendemen",
            Agreement,
            planning::agreement::amend_agreement,
        )
        .post(
            "/kinerja/perjanjian/{id}/dialog",
            Agreement,
            planning::agreement::record_dialogue,
        )
        .post(
            "/kinerja/target/{id}/turunkan",
            Target,
            planning::agreement::cascade_target,
        )
        .post(
            "/kinerja/target/{id}/hapus",
            Target,
            planning::agreement::remove_target,
        )
        .post(
            "/kinerja/target/{id}/capaian",
            Target,
            planning::agreement::report_progress,
        )
        .post(
            "/kinerja/target/{id}/rencana",
            Target,
            planning::plans::draft_plan,
        )
        .get("/kinerja/rencana/{id}", Plan, planning::plans::show_plan)
        .post(
            "/kinerja/rencana/{id}/versi",
            Plan,
            planning::plans::revise_plan,
        )
        .post(
            "/kinerja/rencana/{id}/ajukan",
            Plan,
            planning::plans::submit_plan,
        )
        .post(
            "/kinerja/rencana/{id}/setujui",
            Plan,
            planning::plans::approve_plan,
        )
        .post(
            "/kinerja/rencana/{id}/kembalikan",
            Plan,
            planning::plans::return_plan,
        )
        // Assignments (issue 5): pages for people; storage decides every change (PEN-18),
        // and records are shown to whoever may see their assignment (checked by the handler).
        .get("/penugasan", Official, assignments::index::show_assignments)
        .get(
            "/penugasan/menu",
            Official,
            assignments::index::show_assignment_menu,
        )
        .get(
            "/penugasan/baru",
            Official,
            assignments::new::show_new_assignment,
        )
        .post(
            "/penugasan/baru",
            Official,
            assignments::new::create_assignment,
        )
        .get(
            "/penugasan/{id}",
            AssignmentRecord,
            assignments::show::show_assignment,
        )
        // Issue 14 point 6: a draft changed before its workflow starts, by whoever the
        // domain lets change it (checked by the handler after the assignment's own check).
        .get(
            "/penugasan/{id}/ubah",
            AssignmentRecord,
            assignments::change::show_change_assignment,
        )
        .post(
            "/penugasan/{id}/ubah",
            Official,
            assignments::change::change_assignment,
        )
        .post(
            "/penugasan/{id}/mulai",
            Official,
            assignments::steps::start_request,
        )
        .post(
            "/penugasan/{id}/langkah",
            Official,
            assignments::steps::decide_step,
        )
        .post(
            "/penugasan/{id}/pengingat",
            Official,
            assignments::steps::nudge_request,
        )
        .post(
            "/penugasan/tugas/{id}/dibaca",
            Official,
            assignments::index::mark_task_read,
        )
        .get(
            "/penugasan/surat/{id}",
            AssignmentRecord,
            assignments::letter::show_letter,
        )
        .get(
            "/penugasan/surat/{id}/pdf",
            AssignmentRecord,
            assignments::letter_files::letter_pdf,
        )
        .get(
            "/penugasan/surat/{id}/docx",
            AssignmentRecord,
            assignments::letter_files::letter_docx,
        )
        .post(
            "/penugasan/surat/{id}/terbitkan",
            Official,
            assignments::letter_files::issue_letter,
        )
        .post(
            "/penugasan/surat/{id}/batalkan",
            Official,
            assignments::letter_files::cancel_letter,
        )
        // Execution (issue 13): pages for people; storage decides who plays which part in the
        // work and every change (MEK-04, LAP-01..04), refusing whoever plays none.
        .get("/pelaksanaan", Official, execution::index::show_execution)
        .get(
            "/pelaksanaan/penugasan/{id}",
            Official,
            execution::work::show_work,
        )
        .post(
            "/pelaksanaan/penugasan/{id}/rincian",
            Official,
            execution::forms::set_breakdown,
        )
        .post(
            "/pelaksanaan/penugasan/{id}/laporan",
            Official,
            execution::forms::submit_report,
        )
        .post(
            "/pelaksanaan/penugasan/{id}/permintaan",
            Official,
            execution::forms::request_report,
        )
        .post(
            "/pelaksanaan/penugasan/{id}/umpan-balik",
            Official,
            execution::forms::give_feedback,
        )
        // An approved activity plan is carried out like individual work (MEK-04): the same
        // handlers, the work taken from the path (`extract::WorkPath`). Results and problems
        // stay with assignments (docs/execution.md).
        .get(
            "/pelaksanaan/rencana/{id}",
            Official,
            execution::work::show_work,
        )
        .post(
            "/pelaksanaan/rencana/{id}/rincian",
            Official,
            execution::forms::set_breakdown,
        )
        .post(
            "/pelaksanaan/rencana/{id}/laporan",
            Official,
            execution::forms::submit_report,
        )
        .post(
            "/pelaksanaan/rencana/{id}/permintaan",
            Official,
            execution::forms::request_report,
        )
        .post(
            "/pelaksanaan/rencana/{id}/umpan-balik",
            Official,
            execution::forms::give_feedback,
        )
        .post(
            "/pelaksanaan/penugasan/{id}/hasil",
            Official,
            execution::results::submit_result,
        )
        .get(
            "/pelaksanaan/hasil/{id}",
            Official,
            execution::results::show_result,
        )
        .post(
            "/pelaksanaan/hasil/{id}/ajukan-ulang",
            Official,
            execution::results::resubmit_result,
        )
        .post(
            "/pelaksanaan/hasil/{id}/putuskan",
            Official,
            execution::results::decide_result,
        )
        .post(
            "/pelaksanaan/penugasan/{id}/permasalahan",
            Official,
            execution::issues::raise_issue,
        )
        .get(
            "/pelaksanaan/permasalahan/{id}",
            Official,
            execution::issues::show_issue,
        )
        .post(
            "/pelaksanaan/permasalahan/{id}/putuskan",
            Official,
            execution::issues::decide_issue,
        )
        .post(
            "/pelaksanaan/permasalahan/{id}/ingatkan",
            Official,
            execution::issues::nudge_issue,
        )
        .get(
            "/pelaksanaan/laporan/{id}/bukti/{n}",
            Official,
            execution::evidence::download_evidence,
        )
        .post(
            "/pelaksanaan/umpan-balik/{id}/dibaca",
            Official,
            execution::forms::acknowledge_feedback,
        )
        // Performance assessment (issue 16): pages for people; storage asks the domain who
        // may rate, finalise, acknowledge, object, decide, reopen and follow up (KIN-01..04,
        // STR-06) and refuses everyone else; a record the reader may not see is not found.
        .get("/penilaian", Official, performance::index::show_assessments)
        .post(
            "/penilaian/buka",
            Official,
            performance::index::open_assessment,
        )
        .post(
            "/penilaian/laporan-anggota",
            Official,
            performance::index::write_member_report,
        )
        .post(
            "/penilaian/rekomendasi",
            Official,
            performance::index::write_recommendation,
        )
        .get(
            "/penilaian/{id}",
            Official,
            performance::assessment::show_assessment,
        )
        .post(
            "/penilaian/{id}/rekomendasi",
            Official,
            performance::assessment::recommend,
        )
        // The evaluation document (issue 16 point 7), for whoever reads the whole assessment.
        .get(
            "/penilaian/{id}/pdf",
            Official,
            performance::document::evaluation_pdf,
        )
        .get(
            "/penilaian/{id}/docx",
            Official,
            performance::document::evaluation_docx,
        )
        .post(
            "/penilaian/{id}/nilai",
            Official,
            performance::assessment::save_rating,
        )
        .post(
            "/penilaian/{id}/finalkan",
            Official,
            performance::assessment::finalise,
        )
        .post(
            "/penilaian/{id}/terima",
            Official,
            performance::assessment::acknowledge,
        )
        .post(
            "/penilaian/{id}/keberatan",
            Official,
            performance::assessment::object,
        )
        .post(
            "/penilaian/{id}/keberatan/kabulkan",
            Official,
            performance::assessment::uphold_objection,
        )
        .post(
            "/penilaian/{id}/keberatan/tolak",
            Official,
            performance::assessment::dismiss_objection,
        )
        .post(
            "/penilaian/{id}/buka-kembali",
            Official,
            performance::assessment::reopen,
        )
        .post(
            "/penilaian/{id}/tindak-lanjut",
            Official,
            performance::assessment::record_follow_up,
        )
        .get("/verifikasi/{code}", Public, verify::show_verification)
        // Dated organisation changes (issue 14 points 2-3): the HR admin and the organisation
        // keeper of the agency; each change is authorised by its area in the handler.
        .get(
            "/organisasi/perubahan",
            KeepOrganisation,
            org_changes::list_changes,
        )
        .post(
            "/organisasi/perubahan",
            KeepOrganisation,
            org_changes::record_change,
        )
        .get(
            "/organisasi/perubahan/baru",
            KeepOrganisation,
            org_changes::show_new_change,
        )
        .post(
            "/organisasi/perubahan/pratinjau",
            KeepOrganisation,
            org_changes::preview_change,
        )
        .post(
            "/organisasi/perubahan/{id}/batal",
            KeepOrganisation,
            org_changes::cancel_change,
        )
        .get("/pegawai", SignedIn, employee_search::search_employees)
        .get("/pegawai/{id}", Employee, employees::show_employee)
        // Issue 15 point 8: the rule catalogue, searched by ID, article or words.
        .get("/aturan", Public, rule_catalogue::list_rules)
        .get("/aturan/{id}", Public, rules::show_rule)
        .get("/masuk", Public, sign_in::show_sign_in)
        .post("/masuk", Public, sign_in::create_session)
        .post("/keluar", Public, sign_in::delete_session)
        .get("/akun/kata-sandi", SignedIn, account::edit_password)
        .post("/akun/kata-sandi", SignedIn, account::update_password)
        .get("/akun/pemberitahuan", SignedIn, account::edit_notifications)
        .post(
            "/akun/pemberitahuan",
            SignedIn,
            account::update_notifications,
        )
        .get("/admin/menu", SignedIn, admin::show_admin_menu)
        .get("/admin/peran", Administer, admin::roles::list_role_grants)
        .post("/admin/peran", Administer, admin::roles::create_role_grant)
        .post(
            "/admin/peran/{id}/cabut",
            Administer,
            admin::roles::revoke_role_grant,
        )
        // Issue 14 point 3: a file of organisation changes, previewed then confirmed.
        .get(
            "/organisasi/unggah",
            KeepOrganisation,
            org_upload::upload_form,
        )
        .post(
            "/organisasi/unggah/pratinjau",
            KeepOrganisation,
            org_upload::preview_upload,
        )
        .post(
            "/organisasi/unggah",
            KeepOrganisation,
            org_upload::confirm_upload,
        )
        .get(
            "/admin/kepala-daerah",
            Administer,
            admin::regional_heads::list_regional_heads,
        )
        .post(
            "/admin/kepala-daerah",
            Administer,
            admin::regional_heads::create_regional_head,
        )
        .post(
            "/admin/kepala-daerah/{id}/akhiri",
            Administer,
            admin::regional_heads::end_regional_head,
        )
        .get(
            "/admin/token-api",
            Administer,
            admin::tokens::list_api_tokens,
        )
        .post(
            "/admin/token-api",
            Administer,
            admin::tokens::create_api_token,
        )
        .post(
            "/admin/token-api/{id}/cabut",
            Administer,
            admin::tokens::revoke_api_token,
        )
        .get(
            "/admin/pelaporan",
            Administer,
            admin::reporting::show_reporting_settings,
        )
        .post(
            "/admin/pelaporan",
            Administer,
            admin::reporting::set_reporting_settings,
        )
        .get(
            "/admin/pemberitahuan",
            Administer,
            admin::notifications::show_notification_desk,
        )
        .post(
            "/admin/pemberitahuan/{id}/kirim-ulang",
            Administer,
            admin::notifications::retry_notification,
        )
        .get(
            "/admin/kebijakan",
            Administer,
            admin::policies::show_agency_policies,
        )
        .post(
            "/admin/kebijakan",
            Administer,
            admin::policies::create_agency_policy_version,
        )
        .get(
            "/admin/bidang-tugas",
            Administer,
            admin::experience_fields::show_experience_fields,
        )
        .post(
            "/admin/bidang-tugas",
            Administer,
            admin::experience_fields::set_experience_fields,
        )
        // Issue 14 point 3: the upload of the whole agency — its HR admin only.
        .get("/admin/impor", Administer, admin::import::show_import_form)
        .post(
            "/admin/impor/pratinjau",
            Administer,
            admin::import::preview_import,
        )
        .post("/admin/impor", Administer, admin::import::confirm_import)
        // Issue 15 point 8: numbering registers and letterheads (DOC-05), CLI only before.
        .get(
            "/admin/surat",
            Administer,
            admin::letters::show_letter_settings,
        )
        .post(
            "/admin/surat/register",
            Administer,
            admin::letters::set_register,
        )
        .post(
            "/admin/surat/kop",
            Administer,
            admin::letters::set_letterhead,
        )
        .get(
            "/admin/surat/kop/logo",
            Administer,
            admin::letters::letterhead_logo,
        )
        // Issue 16: progress per Perangkat Daerah, the distribution and the curve (KIN-02).
        .get(
            "/admin/penilaian",
            Administer,
            admin::assessments::show_admin_assessments,
        )
        .post(
            "/admin/penilaian/kurva",
            Administer,
            admin::assessments::set_curve,
        )
        .get(
            "/admin/penilaian/ekspor.csv",
            Administer,
            admin::assessments::export_csv,
        )
        .get(
            "/admin/penilaian/ekspor.xlsx",
            Administer,
            admin::assessments::export_xlsx,
        )
        // KIN-01: the follow-ups decided in a period, as files.
        .get(
            "/admin/penilaian/tindak-lanjut.csv",
            Administer,
            admin::assessments::follow_ups_csv,
        )
        .get(
            "/admin/penilaian/tindak-lanjut.xlsx",
            Administer,
            admin::assessments::follow_ups_xlsx,
        )
        // Reading the audit trail is also the Sekda's right (Action::ReadAudit), but no
        // `Access` rule says so yet: the HR admin's rule for now.
        .get("/admin/audit", ReadAudit, admin::audit::list_audit_entries)
        .get(
            "/admin/audit/masuk",
            ReadAudit,
            admin::audit::sign_ins::list_sign_ins,
        )
        .build()
}

/// Whether htmx asked for a fragment — not a whole page through `hx-boost`, nor a history
/// restore after a cache miss (which swaps the answer into the whole body).
fn wants_fragment(headers: &HeaderMap) -> bool {
    headers.contains_key("hx-request")
        && !headers.contains_key("hx-boosted")
        && !headers.contains_key("hx-history-restore-request")
}

/// A search text as storage expects it: a NIP typed in its spaced form
/// (`19870111 200904 1 001`) is searched as its digits.
pub(crate) fn search_text(q: &str) -> String {
    let q = q.trim();
    if q.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()) {
        q.chars().filter(|c| c.is_ascii_digit()).collect()
    } else {
        q.to_string()
    }
}

/// Treats an empty form field as absent.
fn non_empty(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

pub(crate) use execution::results::may_see as result_may_see;
/// Today in WITA, the day reports are measured against (shared with the API).
pub(crate) use execution::today as execution_today;

/// The period whose assessments are due now (issue 16), shared with the API.
pub(crate) use performance::due_period as performance_due_period;

/// A department with its counts, shared with the API.
pub(crate) use departments::load_summary as load_department_summary;
