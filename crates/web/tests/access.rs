//! The authorisation matrix (issue 3 point 4): every route of the router's own route table,
//! for an anonymous visitor and each kind of user, allowed or denied as this table says. A
//! route the table does not know fails the test. Plus data scoping, token scope and CSRF.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{
    Browser, TEST_PASSWORD, TestApp, app_with, give_password, nip, setup_actor, test_agency,
};
use sikerja_domain::access::{Actor, Role};
use sikerja_domain::organisation::EmployeeId;

/// Who asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    /// A Pelaksana of the test Dinas.
    Pelaksana,
    /// The head of a department of another agency (Kabupaten Contoh).
    OtherHead,
    /// The Kepala Dinas of the test agency, also Admin BKPSDM.
    Admin,
    /// A read-only API token for the other agency.
    OtherToken,
}

const WHO: [Who; 5] = [
    Who::Anonymous,
    Who::Pelaksana,
    Who::OtherHead,
    Who::Admin,
    Who::OtherToken,
];

/// Expected: allowed for [anonymous, pelaksana, other head, admin, other token].
fn expected(method: &Method, path: &str) -> Option<[bool; 5]> {
    const PUBLIC: [bool; 5] = [true, true, true, true, true];
    // Pages are for people; a token is not a session, so pages treat it as nobody.
    const PEOPLE: [bool; 5] = [false, true, true, true, false];
    const OWN_DEPT: [bool; 5] = [false, true, false, true, false];
    const DECIDE: [bool; 5] = [false, false, false, true, false];
    const API_ANYONE: [bool; 5] = [false, true, true, true, true];
    const API_OWN_DEPT: [bool; 5] = [false, true, false, true, false];
    const API_ADMIN: [bool; 5] = [false, false, false, true, false];
    let get = *method == Method::GET;
    Some(match (get, path) {
        (true, "/") | (true, "/pegawai") => PEOPLE,
        // Dashboards (issue 18): heads, the regional head, the Sekda, the HR admin — each
        // within their scope (the other agency's head sees their own); a Pelaksana 403;
        // pages never a token, the API a token reaching an agency (its own).
        (true, "/dasbor") | (true, "/dasbor/{kind}") => [false, false, true, true, false],
        (true, "/api/v1/dashboards/{kind}") => [false, false, true, true, true],
        (_, "/akun/kata-sandi") => PEOPLE,
        // Issue 18 point 4: one's own notification settings.
        (_, "/akun/pemberitahuan") => PEOPLE,
        (true, "/masuk") | (true, "/aturan") | (true, "/aturan/{id}") => PUBLIC,
        // Issue 19 point 3: the probes need no session; `/metrics` has its own bearer token
        // (tests/ops.rs) and answers 404 here, where none is configured.
        (true, "/healthz") | (true, "/readyz") | (true, "/metrics") => PUBLIC,
        // Business-process maps (issue 17): the agency's people read its maps (the other
        // agency's head is stopped at the map's gate); its keeper (here the admin) creates,
        // edits, saves, publishes, reviews and archives — a form without its fields is
        // refused (400/415/422) only after the keeper check.
        (true, "/peta-proses") => PEOPLE,
        (_, "/peta-proses/baru") | (true, "/peta-proses/{id}/ubah") => DECIDE,
        (true, p) if p.starts_with("/peta-proses/{id}") => OWN_DEPT,
        (false, p) if p.starts_with("/peta-proses/{id}/") => DECIDE,
        // The maps' API: the agency's people read (an unknown version is 422), and API tokens
        // read the maps of the agency they reach (the other agency's token lists its own, is
        // refused this agency's map); its keeper writes (the empty body is refused after the
        // keeper check: 422), never a token.
        (true, "/api/v1/process-maps") => API_ANYONE,
        (true, p) if p.starts_with("/api/v1/process-maps/{id}") => API_OWN_DEPT,
        (false, p) if p.starts_with("/api/v1/process-maps/{id}/") => API_ADMIN,
        // Forms need the session's CSRF token, which a token holder has no session for.
        (false, "/masuk") | (false, "/keluar") => [true, true, true, true, false],
        (true, "/pegawai/{id}") => OWN_DEPT,
        // The unit tree (issue 14 point 3): the HR admin or the organisation keeper of the
        // agency; pages, so never a token.
        (true, "/organisasi/struktur") => DECIDE,
        (true, p) if p.starts_with("/perangkat-daerah/{id}") => OWN_DEPT,
        (false, "/perangkat-daerah/{id}/belum-terselesaikan") => DECIDE,
        // The header asks every signed-in person; only the HR admin gets a link (204 else).
        (true, "/admin/menu") => PEOPLE,
        // Organisation changes (issue 14): the HR admin or the organisation keeper (none in
        // this matrix besides the admin); `org_change_pages.rs` checks the keeper.
        (_, p) if p.starts_with("/organisasi/perubahan") => DECIDE,
        // Issue 14 point 3: the upload of organisation changes — HR admin or organisation
        // keeper of the agency (the test's admin), never a token.
        (_, p) if p.starts_with("/organisasi/unggah") => DECIDE,
        // Issue 14 point 3: the upload of the whole agency — its HR admin only, never a token.
        (_, p) if p.starts_with("/admin/impor") => DECIDE,
        // Roles, regional heads, API tokens and the audit trail: the agency's HR admin only.
        (_, p) if p.starts_with("/admin/") => DECIDE,
        (true, "/api/v1/agencies") | (true, "/api/v1/departments") => API_ANYONE,
        (true, "/api/v1/employees") | (true, "/api/v1/placements") => API_ANYONE,
        // The test agency: its own people, not the other agency's head or token.
        (true, "/api/v1/agencies/{id}") => [false, true, false, true, false],
        (true, "/api/v1/agencies/{id}/export") => API_ADMIN,
        // Issue 14 point 5: those who reach the agency read its policies; its HR admin writes.
        (true, "/api/v1/agencies/{id}/policies") => [false, true, false, true, false],
        (false, "/api/v1/agencies/{id}/policies") => API_ADMIN,
        // Issue 14 point 6: the fields of experience likewise.
        (true, "/api/v1/agencies/{id}/experience-fields") => [false, true, false, true, false],
        (false, "/api/v1/agencies/{id}/experience-fields") => API_ADMIN,
        (false, "/api/v1/agencies/import") => API_ADMIN,
        // The regional heads' terms (issue 14 point 4): the agency's HR admin or a write
        // token reaching it; a body missing its fields is refused (400/422) after the gate.
        (_, "/api/v1/agencies/{id}/regional-heads")
        | (false, "/api/v1/agencies/{id}/regional-heads/end") => API_ADMIN,
        // Dated organisation changes (issue 14 point 3): whoever records some change of the
        // agency (HR admin, organisation keeper) or a token reaching it (writes: a write token).
        (_, p) if p.starts_with("/api/v1/agencies/{id}/org-changes") => API_ADMIN,
        (true, "/api/v1/org-changes/template.xlsx") => API_ANYONE,
        (true, p) if p.starts_with("/api/v1/departments/{id}") => API_OWN_DEPT,
        (true, p) if p.starts_with("/api/v1/employees/{id}") => API_OWN_DEPT,
        // The gate lets heads through; the employee in the body decides (checked below).
        (false, "/api/v1/placements/manual") => [false, false, true, true, false],
        // Planning pages (issue 4). The planning start page and its header link: people.
        (true, "/kinerja") | (true, "/kinerja/menu") => PEOPLE,
        // Forms whose input is refused (422) before any decision, so the gate is what shows.
        (false, "/kinerja/perjanjian") | (false, "/kinerja/ekspektasi") => PEOPLE,
        // The Kepala Dinas' agreement, its target and plan: the department's people see them…
        (true, "/kinerja/perjanjian/{id}")
        | (true, "/kinerja/perjanjian/{id}/cetak")
        | (true, "/kinerja/rencana/{id}") => OWN_DEPT,
        // …forms with missing fields answer 422 to them (the other agency is stopped first)…
        (false, "/kinerja/perjanjian/{id}/salin")
        | (false, "/kinerja/perjanjian/{id}/target")
        | (false, "/kinerja/perjanjian/{id}/amendemen")
        | (false, "/kinerja/perjanjian/{id}/dialog")
        | (false, "/kinerja/target/{id}/capaian")
        | (false, "/kinerja/target/{id}/rencana")
        | (false, "/kinerja/target/{id}/turunkan")
        | (false, "/kinerja/rencana/{id}/versi") => OWN_DEPT,
        // …and only the holder (the Kepala Dinas, here the admin) signs, removes, submits.
        (false, "/kinerja/perjanjian/{id}/tandatangani")
        | (false, "/kinerja/target/{id}/hapus")
        | (false, "/kinerja/rencana/{id}/ajukan") => DECIDE,
        // The regional head approves the Kepala Dinas' plan; the person the expectation is
        // for acknowledges it: nobody of this matrix.
        (false, "/kinerja/rencana/{id}/setujui")
        | (false, "/kinerja/rencana/{id}/kembalikan")
        | (false, "/kinerja/ekspektasi/{id}/terima") => {
            [false; 5]
        }
        // Planning API (issue 4). Lists: anyone signed in, narrowed; expectations and the
        // posts one plans for are personal, so tokens are refused.
        (true, "/api/v1/agreements") => API_ANYONE,
        (true, "/api/v1/expectations") | (true, "/api/v1/agreement-posts") => PEOPLE,
        // The Kepala Dinas' agreement and plan: the department's people and nobody else.
        (true, "/api/v1/agreements/{id}") | (true, "/api/v1/activity-plans/{id}") => API_OWN_DEPT,
        // Changes are an official's: a person passes the gate (tokens get 403
        // `official_only`), and an empty body is refused (400/422) before any decision…
        (false, "/api/v1/agreements") | (false, "/api/v1/expectations") => PEOPLE,
        // …and on the agreement, its targets and plans only for those who may see its
        // department (the other agency's head and token are stopped at the gate).
        (false, "/api/v1/agreements/{id}/targets")
        | (false, "/api/v1/agreements/{id}/amendments")
        | (false, "/api/v1/agreements/{id}/copies")
        | (false, "/api/v1/agreements/{id}/dialogues")
        | (false, "/api/v1/targets/{id}/cascade")
        | (false, "/api/v1/targets/{id}/progress")
        | (false, "/api/v1/targets/{id}/activity-plans")
        | (false, "/api/v1/activity-plans/{id}/versions")
        | (false, "/api/v1/activity-plans/{id}/return") => API_OWN_DEPT,
        (false, "/api/v1/targets/{id}") if *method == Method::PUT => API_OWN_DEPT,
        // …while a change without a body is decided by storage: only the holder (the Kepala
        // Dinas, here the admin) signs, submits, or removes (409: a target was cascaded).
        (false, "/api/v1/targets/{id}")
        | (false, "/api/v1/agreements/{id}/signatures")
        | (false, "/api/v1/activity-plans/{id}/submission") => API_ADMIN,
        // The regional head approves the Kepala Dinas' plan; the person the expectation is
        // for acknowledges it: nobody of this matrix.
        (false, "/api/v1/activity-plans/{id}/approval")
        | (false, "/api/v1/expectations/{id}/acknowledgement") => [false; 5],
        // Assignment pages (issue 5): the inbox, the draft form and its header link are for
        // people; a form without fields is refused (422) before anything is decided.
        (_, "/penugasan") | (_, "/penugasan/menu") | (_, "/penugasan/baru") => PEOPLE,
        // A copy read by someone it is not addressed to: 404, never another's task.
        (false, "/penugasan/tugas/{id}/dibaca") => PEOPLE,
        // The Kepala Dinas' team of two JF (not the Pelaksana): only those involved and
        // those who see the whole agency read it, its request and its letter…
        (true, "/penugasan/{id}")
        | (true, "/penugasan/{id}/ubah")
        | (true, "/penugasan/surat/{id}")
        | (true, "/penugasan/surat/{id}/pdf")
        | (true, "/penugasan/surat/{id}/docx") => DECIDE,
        // Issuing and cancelling its Surat Tugas (issue 6): those who may read it get an
        // answer (the Kepala Dinas issues it; a cancel without a chosen issue is 422).
        (false, "/penugasan/surat/{id}/terbitkan") | (false, "/penugasan/surat/{id}/batalkan") => {
            DECIDE
        }
        // The verification page of an issued letter is public (an unknown code is 404).
        (true, "/verifikasi/{code}") | (true, "/api/v1/verify/{code}") => PUBLIC,
        // …and a refused step shows that page again, so only they get an answer (409/422).
        (false, "/penugasan/{id}/mulai")
        | (false, "/penugasan/{id}/ubah")
        | (false, "/penugasan/{id}/langkah")
        | (false, "/penugasan/{id}/pengingat") => DECIDE,
        // Assignment API: changes and personal lists are an official's (tokens get 403
        // `official_only`); storage decides who holds a step (409/422 for an empty body).
        (false, "/api/v1/assignments")
        | (false, "/api/v1/assignments/check")
        | (false, "/api/v1/assignments/{id}/request")
        | (false, "/api/v1/requests/{id}/steps")
        | (false, "/api/v1/inbox/{task}/read") => PEOPLE,
        (true, "/api/v1/assignments")
        | (true, "/api/v1/assignments/candidates")
        | (true, "/api/v1/inbox") => PEOPLE,
        // Only the requester (the Kepala Dinas) nudges; a draft is changed (issue 14 point 6)
        // only by those who may read the assignment, storage deciding the rest.
        (false, "/api/v1/requests/{id}/nudges") | (false, "/api/v1/assignments/{id}") => API_ADMIN,
        // Records: those involved, the agency-wide roles, tokens reaching the agency.
        (true, "/api/v1/assignments/{id}")
        | (true, "/api/v1/requests/{id}")
        | (true, "/api/v1/letters/{id}") => API_ADMIN,
        (true, "/api/v1/workflows") => API_ANYONE,
        // Letters (issue 6): files and issues like the letter; only its signer (the Kepala
        // Dinas) issues it; a cancel without a body is refused (400) to whoever passes the gate.
        (true, "/api/v1/letters/{id}/pdf")
        | (true, "/api/v1/letters/{id}/docx")
        | (true, "/api/v1/letters/{id}/issues")
        | (false, "/api/v1/letters/{id}/issue") => API_ADMIN,
        (false, "/api/v1/letters/{id}/cancel") => PEOPLE,
        // Execution (issue 13). My work: people.
        (true, "/pelaksanaan") => PEOPLE,
        // The Kepala Dinas' team (not yet running): storage lets only those who play a part
        // in the work read it (the Kepala Dinas as head of the owner unit)…
        (true, "/pelaksanaan/penugasan/{id}") => DECIDE,
        // …and a refused form shows that page again, so only they get an answer (409/422).
        (false, "/pelaksanaan/penugasan/{id}/rincian")
        | (false, "/pelaksanaan/penugasan/{id}/laporan")
        | (false, "/pelaksanaan/penugasan/{id}/permintaan")
        | (false, "/pelaksanaan/penugasan/{id}/umpan-balik")
        | (false, "/pelaksanaan/penugasan/{id}/hasil")
        | (false, "/pelaksanaan/penugasan/{id}/permasalahan") => DECIDE,
        // The Kepala Dinas' own activity plan (not approved): only its holder reads its
        // Pelaksanaan page, and their forms are refused `work_not_running` (409).
        (true, "/pelaksanaan/rencana/{id}")
        | (false, "/pelaksanaan/rencana/{id}/rincian")
        | (false, "/pelaksanaan/rencana/{id}/laporan")
        | (false, "/pelaksanaan/rencana/{id}/permintaan")
        | (false, "/pelaksanaan/rencana/{id}/umpan-balik") => DECIDE,
        // Feedback and results that are nobody's (404): people pass the gate.
        (false, "/pelaksanaan/umpan-balik/{id}/dibaca")
        | (true, "/pelaksanaan/hasil/{id}")
        | (false, "/pelaksanaan/hasil/{id}/ajukan-ulang")
        | (false, "/pelaksanaan/hasil/{id}/putuskan")
        | (true, "/pelaksanaan/permasalahan/{id}")
        | (false, "/pelaksanaan/permasalahan/{id}/putuskan")
        | (false, "/pelaksanaan/permasalahan/{id}/ingatkan")
        // Evidence files of a report nobody has (404): storage decides who reads a report.
        | (true, "/pelaksanaan/laporan/{id}/bukti/{n}") => PEOPLE,
        // Execution API: an official's (tokens get 403 `official_only`); the work is read
        // only by those who play a part in it.
        (true, "/api/v1/assignments/{id}/work")
        | (true, "/api/v1/assignments/{id}/issues")
        | (true, "/api/v1/assignments/{id}/results")
        | (true, "/api/v1/activity-plans/{id}/work") => API_ADMIN,
        // Bodies missing their fields are refused (400/422) before anything is decided.
        (false, "/api/v1/assignments/{id}/breakdown")
        | (false, "/api/v1/assignments/{id}/report-requests")
        | (false, "/api/v1/assignments/{id}/feedback") => PEOPLE,
        (false, "/api/v1/assignments/{id}/reports") => PEOPLE,
        (false, "/api/v1/activity-plans/{id}/breakdown")
        | (false, "/api/v1/activity-plans/{id}/reports")
        | (false, "/api/v1/activity-plans/{id}/report-requests")
        | (false, "/api/v1/activity-plans/{id}/feedback") => PEOPLE,
        // A report or feedback that does not exist (404): people pass the gate.
        (true, "/api/v1/reports/{id}") | (false, "/api/v1/feedback/{id}/acknowledgement") => PEOPLE,
        // Problems (LAP-05): a body missing its fields, or a problem that does not exist.
        (false, "/api/v1/assignments/{id}/issues")
        | (true, "/api/v1/issues/{id}")
        | (false, "/api/v1/issues/{id}/decisions")
        | (false, "/api/v1/issues/{id}/nudge") => PEOPLE,
        // Results (MEK-05): a body missing its fields, or a result that does not exist.
        (false, "/api/v1/assignments/{id}/results")
        | (true, "/api/v1/results/{id}")
        | (false, "/api/v1/results/{id}/resubmission")
        | (false, "/api/v1/results/{id}/decisions") => PEOPLE,
        // Performance assessment (issue 16). The start page and its forms: people (a form
        // without fields is refused, 422, before anything is decided).
        (_, "/penilaian")
        | (false, "/penilaian/buka")
        | (false, "/penilaian/laporan-anggota")
        | (false, "/penilaian/rekomendasi") => PEOPLE,
        // An assessment nobody has (404): people pass the gate, storage decides who reads it.
        (_, p) if p.starts_with("/penilaian/{id}") => PEOPLE,
        // Assessment API: an official's (tokens get 403 `official_only`); a body missing its
        // fields is refused (400/422), an assessment nobody has is 404.
        (_, "/api/v1/assessments")
        | (false, "/api/v1/member-reports")
        | (false, "/api/v1/recommendations") => PEOPLE,
        (_, p) if p.starts_with("/api/v1/assessments/{id}") => PEOPLE,
        // The agency's side (BKPSDM): progress and the e-Kinerja export are its HR admin's;
        // the curve is read by those who reach the agency and set by its HR admin.
        (true, "/api/v1/agencies/{id}/assessment-progress")
        | (true, "/api/v1/agencies/{id}/ekinerja-export")
        | (true, "/api/v1/agencies/{id}/follow-ups") => API_ADMIN,
        (true, "/api/v1/agencies/{id}/curves/{year}") => [false, true, false, true, false],
        (false, "/api/v1/agencies/{id}/curves/{year}") => API_ADMIN,
        _ => return None,
    })
}

struct World {
    app: TestApp,
    browsers: Vec<(Who, Browser)>,
    other_token: String,
    department: i64,
    employee: i64,
    agency: i64,
    planning: Planning,
    assignment: Assignment,
    process_map: i64,
}

/// An assignment of the test agency for the `{id}` of assignment routes (issue 5): the
/// Kepala Dinas' team of the Ahli Muda and the Ahli Madya, started, with its Surat Tugas and
/// the Ahli Muda's receipt waiting.
struct Assignment {
    id: i64,
    request: i64,
    letter: i64,
    task: i64,
}

async fn assignment(app: &TestApp) -> Assignment {
    use sikerja_domain::assignment::{AssignmentDraft, AssignmentMethod, Day, Member, MemberRole};
    use sikerja_domain::organisation::{AgencyId, DepartmentId, UnitId};
    use sikerja_domain::planning::target::Execution;
    use sikerja_storage::planning::PlanningActor;
    use sikerja_storage::{AssignmentInput, RequestStart};
    let agency = AgencyId(app.store.agency_by_code("kab-uji").await.unwrap().id.0);
    let dept = DepartmentId(app.department_id("dinkes").await);
    let root = app
        .store
        .units(dept)
        .await
        .unwrap()
        .iter()
        .find(|u| u.parent.is_none())
        .unwrap()
        .id;
    let actor = |e: i64| PlanningActor {
        employee: Some(EmployeeId(e)),
        regional_head_of: None,
        audit: setup_actor(),
    };
    let member = |e: i64, role| Member {
        employee: EmployeeId(e),
        role,
        from: Day::parse("2027-01-01").unwrap(),
        until: Day::parse("2027-06-30").unwrap(),
    };
    let muda = app.employee_id(nip::AHLI_MUDA).await;
    let input = AssignmentInput {
        draft: AssignmentDraft {
            id: None,
            execution: Execution::Team,
            owner_unit: UnitId(root.0),
            owner_agency: agency,
            method: AssignmentMethod::Appointment,
            members: vec![
                member(muda, MemberRole::TeamLead),
                member(app.employee_id(nip::AHLI_MADYA).await, MemberRole::Member),
            ],
            responsible_official: None,
            field: "Kesehatan".into(),
            team_lead_reason: None,
        },
        title: "Tim uji akses".into(),
        target: None,
    };
    let kadis = actor(app.employee_id(nip::KADIS).await);
    let id = app.store.create_assignment(&input, &kadis).await.unwrap();
    let request = app
        .store
        .start_request(
            id,
            &RequestStart {
                text: "Ditugaskan".into(),
                ..Default::default()
            },
            &kadis,
            &sikerja_storage::testing::FakeLetters,
        )
        .await
        .unwrap();
    let letter = app.store.assignment_request(request).await.unwrap().letters[0].id;
    let task = app.store.inbox(&actor(muda)).await.unwrap()[0].task;
    Assignment {
        id: id.0,
        request,
        letter,
        task,
    }
}

/// Planning records of the test agency for the `{id}` of planning routes: the Kepala Dinas'
/// agreement with a target and an activity plan, and an expectation they set for a post
/// under them (issue 4).
struct Planning {
    agreement: i64,
    target: i64,
    plan: i64,
    expectation: i64,
}

async fn planning(app: &TestApp) -> Planning {
    use sikerja_domain::organisation::{AgencyId, EmployeeId};
    use sikerja_domain::planning::activity::Activity;
    use sikerja_domain::planning::target::{CheckedTarget, IndicatorKind};
    use sikerja_storage::planning::PlanningActor;
    let agency = AgencyId(app.store.agency_by_code("kab-uji").await.unwrap().id.0);
    let kadis = EmployeeId(app.employee_id(nip::KADIS).await);
    let by = PlanningActor {
        employee: Some(kadis),
        regional_head_of: None,
        audit: setup_actor(),
    };
    let posts = app.store.agreement_posts(agency, kadis).await.unwrap();
    let agreement = app
        .store
        .create_agreement(agency, posts.own[0].post, 2027, &by)
        .await
        .unwrap();
    let target_fields = || CheckedTarget {
        indicator: "Indeks kepuasan layanan".into(),
        kind: IndicatorKind::Quantitative,
        target: "90".into(),
        target_number: Some(90.0),
        unit: "%".into(),
        budget: 1_000_000,
        strategic_plan_ref: String::new(),
        annual_work_plan_ref: String::new(),
        weight: 1,
    };
    let target = app
        .store
        .add_target(agreement, &target_fields(), None, &by)
        .await
        .unwrap();
    let activity = Activity {
        name: "Survei".into(),
        output: "Laporan".into(),
        month_from: 1,
        month_to: 2,
        budget: 500_000,
    };
    let plan = app
        .store
        .draft_activity_plan(target, "Rencana survei", &[activity], &by)
        .await
        .unwrap();
    let to = posts
        .recipients
        .iter()
        .find(|p| p.post.employee.is_some())
        .unwrap()
        .post;
    let expectation = app
        .store
        .set_expectation(agency, to, 2027, "Laporan tepat waktu", &by)
        .await
        .unwrap();
    // A cascaded child keeps the target from being removed by the matrix (409 for the
    // holder), so that the routes after it still find it.
    let child = CheckedTarget {
        indicator: "Turunan".into(),
        ..target_fields()
    };
    app.store
        .cascade_target(target, to, &child, &by)
        .await
        .unwrap();
    Planning {
        agreement,
        target,
        plan,
        expectation,
    }
}

async fn world() -> World {
    let app = app_with(&[test_agency(), sikerja_demo::small_agency()]).await;
    let department = app.department_id("dinkes").await;
    let employee = app.employee_id(nip::AHLI_UTAMA).await;
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id.0;
    let other = app.store.agency_by_code("kab-contoh").await.unwrap();

    // The head of some department of the other agency, found by the roles their post gives.
    let people = app
        .store
        .employees(&sikerja_storage::EmployeeFilter {
            agency: Some(other.id),
            department: None,
            search: None,
            limit: 500,
            offset: 0,
            ..Default::default()
        })
        .await
        .unwrap();
    let mut other_head = None;
    for p in &people.items {
        let actor = Actor::new(app.store.actor_facts(p.employee.id).await.unwrap());
        if actor
            .roles()
            .iter()
            .any(|r| matches!(r, Role::UnitOrganisationHead { .. }))
        {
            other_head = Some(p.employee.nip.as_str().to_string());
            break;
        }
    }
    let other_head = other_head.expect("the other agency has a head");

    let mut browsers = vec![(Who::Anonymous, Browser::new())];
    for (who, login) in [
        (Who::Pelaksana, nip::PELAKSANA),
        (Who::OtherHead, other_head.as_str()),
    ] {
        give_password(&app.store, login, TEST_PASSWORD, false).await;
        let mut b = Browser::new();
        let answer = b.sign_in(&app, login, TEST_PASSWORD).await;
        assert_eq!(
            answer.status,
            StatusCode::SEE_OTHER,
            "{who:?}: {}",
            answer.body
        );
        b.get(&app, "/akun/kata-sandi").await;
        browsers.push((who, b));
    }
    browsers.push((Who::Admin, app.admin.clone()));
    let (_, other_token) = app
        .store
        .create_api_token("kontoh-baca", Some(other.id), false, &setup_actor())
        .await
        .unwrap();
    let planning = planning(&app).await;
    let assignment = assignment(&app).await;
    let process_map = process_map(&app).await;
    World {
        app,
        browsers,
        other_token,
        department,
        employee,
        agency,
        planning,
        assignment,
        process_map,
    }
}

/// A business-process map of the test agency (issue 17), its admin (the Kepala Dinas) made
/// its `process_map_keeper`.
async fn process_map(app: &TestApp) -> i64 {
    use sikerja_domain::access::GrantedRole;
    use sikerja_domain::organisation::{AgencyId, EmployeeId};
    use sikerja_domain::process_map::ProcessMapKind;
    use sikerja_domain::workflow::WorkflowKind;
    use sikerja_storage::process_maps::{MapActor, MapSource, NewMap};
    let kadis = EmployeeId(app.employee_id(nip::KADIS).await);
    app.store
        .grant_role(
            kadis,
            GrantedRole::ProcessMapKeeper,
            &setup_actor(),
            "Peta proses",
        )
        .await
        .unwrap();
    let agency = AgencyId(app.store.agency_by_code("kab-uji").await.unwrap().id.0);
    let keeper = MapActor {
        facts: app.store.actor_facts(kadis).await.unwrap(),
        audit: setup_actor(),
    };
    app.store
        .create_process_map(
            agency,
            NewMap {
                kind: ProcessMapKind::CrossFunctional,
                title: "Penunjukan lintas unit".into(),
                department: None,
                note: String::new(),
                source: MapSource::Workflow(WorkflowKind::CrossUnitAppointment),
            },
            &keeper,
        )
        .await
        .unwrap()
        .0
}

fn concrete(w: &World, path: &str) -> String {
    let a = &w.assignment;
    let id = if path.starts_with("/penugasan/surat/") || path.starts_with("/api/v1/letters/") {
        a.letter.to_string()
    } else if path.starts_with("/penugasan/tugas/") || path.starts_with("/api/v1/inbox/") {
        a.task.to_string()
    } else if path.starts_with("/penugasan/")
        || path.starts_with("/pelaksanaan/penugasan/")
        || path.starts_with("/api/v1/assignments/")
    {
        a.id.to_string()
    } else if path.starts_with("/api/v1/requests/") {
        a.request.to_string()
    } else if path.starts_with("/peta-proses/") || path.starts_with("/api/v1/process-maps/") {
        w.process_map.to_string()
    } else if path.starts_with("/perangkat-daerah/") || path.starts_with("/api/v1/departments/") {
        w.department.to_string()
    } else if path.starts_with("/pegawai/") || path.starts_with("/api/v1/employees/") {
        w.employee.to_string()
    } else if path.starts_with("/api/v1/agencies/") {
        w.agency.to_string()
    } else if path.starts_with("/penilaian/") || path.starts_with("/api/v1/assessments/") {
        // No assessment has this id: the gate is what the matrix shows.
        "999999".to_string()
    } else if path.starts_with("/kinerja/perjanjian/") || path.starts_with("/api/v1/agreements/") {
        w.planning.agreement.to_string()
    } else if path.starts_with("/kinerja/target/") || path.starts_with("/api/v1/targets/") {
        w.planning.target.to_string()
    } else if path.starts_with("/kinerja/rencana/")
        || path.starts_with("/pelaksanaan/rencana/")
        || path.starts_with("/api/v1/activity-plans/")
    {
        w.planning.plan.to_string()
    } else if path.starts_with("/kinerja/ekspektasi/") || path.starts_with("/api/v1/expectations/")
    {
        w.planning.expectation.to_string()
    } else {
        "KED-09".to_string()
    };
    path.replace("{id}", &id)
        .replace("{task}", &id)
        .replace("{code}", "TIDAKADA")
        .replace("{kind}", "kedudukan")
        .replace("{n}", "0")
        .replace("{change_id}", "0")
        .replace("{year}", "2026")
}

/// Whether an answer refuses: a page sending to the sign-in page, a 403, or an API 401.
fn denied(path: &str, status: StatusCode, location: Option<&str>) -> bool {
    status == StatusCode::FORBIDDEN
        || (path.starts_with("/api/") && status == StatusCode::UNAUTHORIZED)
        || (status == StatusCode::SEE_OTHER
            && location.is_some_and(|l| l == "/masuk" || l.starts_with("/masuk?ke=%2F"))
            && path != "/keluar")
}

#[tokio::test]
async fn every_route_allows_and_denies_as_the_matrix_says() {
    let mut w = world().await;
    let mut routes = sikerja_web::route_table().entries();
    // Signing out last, so that the other routes see the session.
    routes.sort_by_key(|(m, p, _)| (p == "/keluar", p.clone(), m.to_string()));
    assert!(routes.len() >= 25, "{}", routes.len());
    let mut problems = Vec::new();
    for (method, pattern, access) in &routes {
        let Some(row) = expected(method, pattern) else {
            problems.push(format!(
                "{method} {pattern} ({access:?}) has no row in the matrix"
            ));
            continue;
        };
        let uri = concrete(&w, pattern);
        for (i, who) in WHO.iter().enumerate() {
            let body = if pattern.starts_with("/api/") {
                Body::from("{}")
            } else {
                Body::from("")
            };
            let mut request = Request::builder()
                .method(method.clone())
                .uri(&uri)
                .header(
                    header::CONTENT_TYPE,
                    if pattern.starts_with("/api/") {
                        "application/json"
                    } else {
                        "application/x-www-form-urlencoded"
                    },
                )
                .body(body)
                .unwrap();
            let answer = if *who == Who::OtherToken {
                let value = format!("Bearer {}", w.other_token);
                request
                    .headers_mut()
                    .insert(header::AUTHORIZATION, value.parse().unwrap());
                let (status, response, body) = w.app.send(request).await;
                common::Answer {
                    status,
                    location: response
                        .headers()
                        .get(header::LOCATION)
                        .map(|v| v.to_str().unwrap().to_string()),
                    cookie: None,
                    // Lossy: a workbook (the change template) is no text.
                    body: String::from_utf8_lossy(&body).into_owned(),
                }
            } else {
                let b = &mut w.browsers.iter_mut().find(|(x, _)| x == who).unwrap().1;
                if let Some(t) = b.csrf.clone() {
                    request
                        .headers_mut()
                        .insert("x-csrf-token", t.parse().unwrap());
                }
                b.send(&w.app, request).await
            };
            let was_denied = denied(pattern, answer.status, answer.location.as_deref());
            if was_denied == row[i] {
                problems.push(format!(
                    "{method} {uri} as {who:?}: expected {}, got {} {:?}",
                    if row[i] { "allowed" } else { "denied" },
                    answer.status,
                    answer.location
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn a_state_changing_form_without_the_csrf_token_is_refused_and_changes_nothing() {
    let app = app_with(&[test_agency()]).await;
    let dept = app.department_id("dinkes").await;
    let employee = app.employee_id(nip::AHLI_UTAMA).await;
    let kadis = app.position_id(dept, "kadis").await.to_string();
    let fields = [
        ("employee", employee.to_string()),
        ("superior_position", kadis.clone()),
        ("assessor_position", kadis),
        ("justification", "Nota dinas".to_string()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut request = common::post_form(
        &format!("/perangkat-daerah/{dept}/belum-terselesaikan"),
        &fields,
    );
    // The admin's cookie, as a forged cross-site form would send it, but no token.
    request.headers_mut().insert(
        header::COOKIE,
        app.admin.cookie.clone().unwrap().parse().unwrap(),
    );
    let (status, _, body) = app.send(request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(String::from_utf8(body).unwrap().contains("Formulir"));
    let still = app
        .store
        .placement_of(EmployeeId(employee))
        .await
        .unwrap()
        .unwrap();
    assert!(still.manual.is_none(), "nothing was recorded");

    // The same form with a wrong token is refused too; with the right one it is recorded.
    let mut wrong = fields.clone();
    wrong.push(("_csrf", "0123456789abcdef0123456789abcdef"));
    let mut b = app.admin.clone();
    let uri = format!("/perangkat-daerah/{dept}/belum-terselesaikan");
    let refused = b.send(&app, common::post_form(&uri, &wrong)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // The token is masked afresh in every page (BREACH, issue 15 point 11): two pages carry
    // different texts, neither is the other, and the older one still stands for the session's
    // token.
    let first = b.get(&app, "/").await;
    let first = common::browser::csrf_of(&first.body).expect("a token in the page");
    let second = b.get(&app, "/").await;
    let second = common::browser::csrf_of(&second.body).expect("a token in the page");
    assert_ne!(first, second, "each response masks the token anew");
    let mut older = fields.clone();
    older.push(("_csrf", first.as_str()));
    let accepted = b.send(&app, common::post_form(&uri, &older)).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER, "{}", accepted.body);
}

#[tokio::test]
async fn a_head_sees_their_own_department_and_lists_are_narrowed() {
    let w = world().await;
    let pelaksana = &w
        .browsers
        .iter()
        .find(|(x, _)| *x == Who::Pelaksana)
        .unwrap()
        .1;
    let mut b = pelaksana.clone();
    // The API list of employees narrows to the department without being asked…
    let list = b.get(&w.app, "/api/v1/employees?limit=500").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let json: serde_json::Value = serde_json::from_str(&list.body).unwrap();
    let total = json["total"].as_u64().unwrap();
    let in_agency = employees_in_store(&w.app).await;
    assert!(total > 0 && total < in_agency, "{total} of {in_agency}");
    // …and asking for another agency is refused.
    let other = w.app.store.agency_by_code("kab-contoh").await.unwrap().id;
    let refused = b
        .get(&w.app, &format!("/api/v1/employees?agency={}", other.0))
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("\"forbidden\""));

    // The head of another agency's department may not decide a placement here.
    let mut head = w
        .browsers
        .iter()
        .find(|(x, _)| *x == Who::OtherHead)
        .unwrap()
        .1
        .clone();
    let body = serde_json::json!({
        "employee_id": w.employee,
        "superior_position_id": 1,
        "assessor_position_id": 1,
        "justification": "Coba",
        "decided_by": nip::KADIS,
    });
    let mut request = common::post_json("/api/v1/placements/manual", &body);
    let csrf = head.csrf.clone().unwrap();
    request
        .headers_mut()
        .insert("x-csrf-token", csrf.parse().unwrap());
    let answer = head.send(&w.app, request).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);
}

#[tokio::test]
async fn a_read_token_cannot_write_and_a_revoked_token_is_nobody() {
    let app = app_with(&[test_agency()]).await;
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id;
    let (view, secret) = app
        .store
        .create_api_token("baca", Some(agency), false, &setup_actor())
        .await
        .unwrap();
    let bearer = |uri: &str, method: Method, body: &str| {
        Request::builder()
            .method(method)
            .uri(uri)
            .header(header::AUTHORIZATION, format!("Bearer {secret}"))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let (status, _, _) = app.send(bearer("/api/v1/agencies", Method::GET, "")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, body) = app
        .send(bearer("/api/v1/placements/manual", Method::POST, "{}"))
        .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "{}",
        String::from_utf8_lossy(&body)
    );
    app.store
        .revoke_api_token(view.id, &setup_actor())
        .await
        .unwrap();
    let (status, _, body) = app.send(bearer("/api/v1/agencies", Method::GET, "")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(String::from_utf8(body).unwrap().contains("unauthenticated"));
}

#[tokio::test]
async fn a_decision_is_audited_with_who_and_in_which_position_on_the_record_page() {
    let app = app_with(&[test_agency()]).await;
    let dept = app.department_id("dinkes").await;
    let employee = app.employee_id(nip::AHLI_UTAMA).await;
    let kadis = app.position_id(dept, "kadis").await.to_string();
    let mut admin = app.admin.clone();
    admin
        .get(
            &app,
            &format!("/perangkat-daerah/{dept}/belum-terselesaikan"),
        )
        .await;
    let why = "Nota dinas <b>12/2024</b> & 'kutip'";
    let answer = admin
        .post(
            &app,
            &format!("/perangkat-daerah/{dept}/belum-terselesaikan"),
            &[
                ("employee", employee.to_string().as_str()),
                ("superior_position", kadis.as_str()),
                ("assessor_position", kadis.as_str()),
                ("justification", why),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);

    // The audit row names the official and the position they decided in.
    let entries = app
        .store
        .audit_of(
            sikerja_domain::audit::AuditSubject::Employee,
            &employee.to_string(),
        )
        .await
        .unwrap();
    let decision = entries
        .iter()
        .find(|e| e.action == "placement.manual")
        .expect("an audit row");
    assert!(decision.actor.contains(nip::KADIS), "{}", decision.actor);
    assert!(
        decision
            .actor_position
            .as_deref()
            .is_some_and(|p| p.contains("Kepala Dinas")),
        "{:?}",
        decision.actor_position
    );
    assert!(matches!(
        app.store.verify_audit().await.unwrap(),
        sikerja_storage::AuditVerification::Intact { .. }
    ));

    // The record's page shows its own history to the admin, with the free text escaped.
    let page = admin.get(&app, &format!("/pegawai/{employee}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("<b>12/2024</b>"),
        "free text is escaped"
    );
    let html = page.html();
    let rows = common::texts(&html, "#jejak-audit tr.audit-entry");
    assert!(
        rows.iter()
            .any(|r| r.contains("placement.manual") && r.contains("Kepala Dinas")),
        "{rows:?}"
    );

    // A Pelaksana of the same department sees the employee but not the audit history.
    give_password(&app.store, nip::PELAKSANA, TEST_PASSWORD, false).await;
    let mut pelaksana = Browser::new();
    pelaksana.sign_in(&app, nip::PELAKSANA, TEST_PASSWORD).await;
    let page = pelaksana.get(&app, &format!("/pegawai/{employee}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(common::text(&page.html(), "#jejak-audit").is_none());
}

#[tokio::test]
async fn sql_injection_in_every_search_field_is_just_text() {
    let app = app_with(&[test_agency()]).await;
    let dept = app.department_id("dinkes").await;
    let attacks = [
        "' OR '1'='1",
        "'; DROP TABLE employees; --",
        "\" OR 1=1 --",
        "%' UNION SELECT password_hash FROM credentials --",
        "\\'; DELETE FROM audit_log; --",
    ];
    let before = employees_in_store(&app).await;
    for attack in attacks {
        let q: String = url_encode(attack);
        for uri in [
            format!("/pegawai?q={q}"),
            format!("/perangkat-daerah/{dept}/kedudukan?q={q}"),
            format!("/api/v1/employees?q={q}"),
            format!("/api/v1/placements?q={q}"),
        ] {
            let (status, body) = app.get(&uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}: {body}");
            assert!(!body.contains("$argon2"), "{uri}");
            if uri.starts_with("/api/v1/employees") {
                let json: serde_json::Value = serde_json::from_str(&body).unwrap();
                assert_eq!(json["total"], 0, "{uri}: nothing matches the text");
            }
        }
    }
    let after = employees_in_store(&app).await;
    assert_eq!(before, after);
    assert!(matches!(
        app.store.verify_audit().await.unwrap(),
        sikerja_storage::AuditVerification::Intact { .. }
    ));
}

fn url_encode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)])
        .unwrap()
        .trim_start_matches("x=")
        .to_string()
}

/// How many employees the store holds, over every agency.
async fn employees_in_store(app: &TestApp) -> u64 {
    app.store
        .employees(&sikerja_storage::EmployeeFilter {
            agency: None,
            department: None,
            search: None,
            limit: 1,
            offset: 0,
            ..Default::default()
        })
        .await
        .unwrap()
        .total
}
