//! Execution in the pages and the API (issue 13 point 8; MEK-04, LAP-01..04): a running team
//! of the test Dinas — the Ahli Muda leading the Pelaksana — broken down by its lead, reported
//! on by the member, a report asked for by the Kepala Dinas and answered, feedback given and
//! acknowledged; each refusal citing its rule and writing nothing; the reporting share of the
//! inbox; the agency's reporting settings.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::{Method, StatusCode};
use common::assignments::{call, get_ok, official, post};
use common::execution::{open_period, running_team, wita_day};
use common::{Browser, TestApp, app, collapse, nip, text, texts};
use serde_json::{Value, json};

/// The rule of a refusal's first detail.
fn rule_of(body: &Value) -> &str {
    body["error"]["details"][0]["rule_id"]
        .as_str()
        .unwrap_or("")
}

#[tokio::test]
async fn mek_04_lap_01_lap_04_a_team_breaks_down_reports_and_gets_feedback_through_the_api() {
    let app = app().await;
    let id = running_team(&app).await;
    let work = format!("/api/v1/assignments/{id}/work");
    let mut kadis = app.admin.clone();
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let member_id = app.employee_id(nip::PELAKSANA).await;
    let lead_id = app.employee_id(nip::AHLI_MUDA).await;

    // The lead may edit; the member owes reports to the lead, the lead to the head.
    let w = get_ok(&mut lead, &app, &work).await;
    assert_eq!(w["running"], true, "{w}");
    assert_eq!(w["editable"], true);
    assert_eq!(w["kind"], "team");
    let period = open_period(&w, member_id, "member_to_lead");
    assert_eq!(period["rule_id"], "LAP-02");
    open_period(&w, lead_id, "team_to_head");

    // MEK-04: the member does not edit the breakdown; nothing is written.
    let item = json!({"name": "Pendataan puskesmas", "responsible": member_id,
        "from": wita_day(0), "until": wita_day(30), "output": "Daftar layanan", "budget": 1_500_000});
    let breakdown = format!("/api/v1/assignments/{id}/breakdown");
    let (status, body) = call(
        &mut pelaksana,
        &app,
        Method::PUT,
        &breakdown,
        Some(json!({"items": [item.clone()]})),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "not_the_breakdown_editor");
    assert_eq!(rule_of(&body), "MEK-04", "{body}");
    let w = get_ok(&mut kadis, &app, &work).await;
    assert_eq!(w["items"].as_array().map(Vec::len), Some(0), "{w}");

    // The lead records it.
    let (status, items) = call(
        &mut lead,
        &app,
        Method::PUT,
        &breakdown,
        Some(json!({"items": [item]})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{items}");
    let activity = items[0]["id"].as_i64().unwrap();
    assert_eq!(items[0]["responsible"], member_id);

    // LAP-02: the member reports the period to the lead, once.
    let reports = format!("/api/v1/assignments/{id}/reports");
    let report = json!({"kind": "member_to_lead", "period_start": period["start"],
        "progress": [{"activity": activity, "percent": 40}], "narrative": "Sepuluh puskesmas didata."});
    let (status, created) = post(&mut pelaksana, &app, &reports, report.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let report_id = created["id"].as_i64().unwrap();
    let (status, body) = post(&mut pelaksana, &app, &reports, report).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    // The lead reads it; so does the head; the lines carry the progress.
    let r = get_ok(&mut lead, &app, &format!("/api/v1/reports/{report_id}")).await;
    assert_eq!(r["kind"], "member_to_lead");
    assert_eq!(r["timing"], "on_time");
    assert_eq!(r["lines"][0]["value"], 40.0);
    get_ok(&mut kadis, &app, &format!("/api/v1/reports/{report_id}")).await;

    // LAP-03: the member cannot ask for reports; the Kepala Dinas can, and it waits in the
    // member's inbox until answered.
    let requests = format!("/api/v1/assignments/{id}/report-requests");
    let ask = json!({"to": member_id, "due": wita_day(3), "message": "Mohon data sementara."});
    let (status, body) = post(&mut pelaksana, &app, &requests, ask.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(rule_of(&body), "LAP-03", "{body}");
    let (status, created) = post(&mut kadis, &app, &requests, ask).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let request = created["id"].as_i64().unwrap();
    let inbox = get_ok(&mut pelaksana, &app, "/api/v1/inbox").await;
    let asked = inbox["reporting"]["report_requests"].as_array().unwrap();
    assert_eq!(asked.len(), 1, "{inbox}");
    assert_eq!(asked[0]["id"], request);
    assert_eq!(asked[0]["rule_id"], "LAP-03");
    let (status, body) = post(
        &mut pelaksana,
        &app,
        &reports,
        json!({"request": request, "narrative": "Data sementara terlampir."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let inbox = get_ok(&mut pelaksana, &app, "/api/v1/inbox").await;
    assert_eq!(
        inbox["reporting"]["report_requests"]
            .as_array()
            .map(Vec::len),
        Some(0),
        "{inbox}"
    );

    // LAP-04: the member gives no feedback to the lead; the lead gives it to the member on the
    // report; the member acknowledges it once.
    let feedback = format!("/api/v1/assignments/{id}/feedback");
    let (status, body) = post(
        &mut pelaksana,
        &app,
        &feedback,
        json!({"to": lead_id, "text": "Terima kasih."}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(!rule_of(&body).is_empty(), "{body}");
    let (status, created) = post(
        &mut lead,
        &app,
        &feedback,
        json!({"to": member_id, "report": report_id, "text": "Lengkapi puskesmas pembantu."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let given = created["id"].as_i64().unwrap();
    let inbox = get_ok(&mut pelaksana, &app, "/api/v1/inbox").await;
    assert_eq!(inbox["reporting"]["feedback"][0]["id"], given, "{inbox}");
    assert_eq!(
        inbox["reporting"]["feedback"][0]["author_role"],
        "team_lead"
    );
    let ack = format!("/api/v1/feedback/{given}/acknowledgement");
    let (status, body) = post(&mut lead, &app, &ack, json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _) = post(&mut pelaksana, &app, &ack, json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = post(&mut pelaksana, &app, &ack, json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let w = get_ok(&mut kadis, &app, &work).await;
    assert!(w["feedback"][0]["acknowledged_at"].is_string(), "{w}");
    assert_eq!(w["reports"].as_array().map(Vec::len), Some(2), "{w}");
}

#[tokio::test]
async fn lap_04_someone_playing_no_part_in_the_work_reads_nothing_of_it() {
    let app = app().await;
    let id = running_team(&app).await;
    let mut outsider = official(&app, nip::AHLI_UTAMA).await;
    let (status, body) = call(
        &mut outsider,
        &app,
        Method::GET,
        &format!("/api/v1/assignments/{id}/work"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "not_involved_in_work");
    let page = outsider
        .get(&app, &format!("/pelaksanaan/penugasan/{id}"))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!page.body.contains("Tim Pendataan Layanan"));
}

async fn page_ok(b: &mut Browser, app: &TestApp, uri: &str) -> scraper::Html {
    let answer = b.get(app, uri).await;
    assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
    answer.html()
}

#[tokio::test]
async fn mek_04_lap_02_the_pages_break_the_work_down_report_and_refuse_with_the_rule() {
    let app = app().await;
    let id = running_team(&app).await;
    let href = format!("/pelaksanaan/penugasan/{id}");
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let member_id = app.employee_id(nip::PELAKSANA).await.to_string();

    // My work lists the running team for the lead, with the team's monitoring.
    let html = page_ok(&mut lead, &app, "/pelaksanaan").await;
    assert!(
        texts(&html, ".work-line a")
            .iter()
            .any(|t| t.contains("Tim Pendataan Layanan"))
    );
    assert!(
        text(&html, "#tim-saya").is_some(),
        "the lead sees their team"
    );

    // The work page: members with their competences, the breakdown form for the lead only.
    let html = page_ok(&mut lead, &app, &href).await;
    assert_eq!(texts(&html, "#anggota .member").len(), 2);
    assert!(text(&html, "#form-rincian").is_some());
    assert!(
        texts(&html, "#jadwal .timing")
            .iter()
            .any(|t| t == "belum jatuh tempo")
    );
    let html = page_ok(&mut pelaksana, &app, &href).await;
    assert!(text(&html, "#form-rincian").is_none());

    // MEK-04: the member's breakdown is refused with the rule; nothing is written.
    let (from, until) = (wita_day(0), wita_day(30));
    let row = [
        ("name", "Pendataan puskesmas"),
        ("responsible", member_id.as_str()),
        ("from", from.as_str()),
        ("until", until.as_str()),
        ("output", "Daftar layanan"),
        ("budget", "1.500.000"),
    ];
    let refused = pelaksana.post(&app, &format!("{href}/rincian"), &row).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let error = collapse(&text(&refused.html(), ".form-error").unwrap());
    assert!(error.contains("MEK-04"), "{error}");
    let html = page_ok(&mut lead, &app, &href).await;
    assert!(texts(&html, ".work-item").is_empty());

    // The lead records it; the member sees their activity on their work page.
    let saved = lead.post(&app, &format!("{href}/rincian"), &row).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let html = page_ok(&mut pelaksana, &app, "/pelaksanaan").await;
    assert!(
        texts(&html, ".my-activity")
            .iter()
            .any(|t| t.contains("Pendataan puskesmas"))
    );

    // LAP-02: the member reports the open period through the form's first choice.
    let html = page_ok(&mut pelaksana, &app, &href).await;
    let choice = html
        .select(&common::sel("#form-laporan select[name=for] option"))
        .next()
        .and_then(|o| o.value().attr("value").map(str::to_string))
        .expect("a report to submit");
    assert!(choice.starts_with("p:member_to_lead:"), "{choice}");
    let sent = pelaksana
        .post(
            &app,
            &format!("{href}/laporan"),
            // A narrative of several lines (a multi-line field, see docs/api.md).
            &[
                ("for", &choice),
                (
                    "narrative",
                    "Sepuluh puskesmas didata.\nDua belum dikunjungi.",
                ),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let html = page_ok(&mut lead, &app, &href).await;
    assert_eq!(texts(&html, "article.report").len(), 1);
    // Submitting the same period again is refused and shows why.
    let again = pelaksana
        .post(&app, &format!("{href}/laporan"), &[("for", &choice)])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(text(&again.html(), ".form-error").is_some());

    // The head's monitoring counts the member's report on time.
    let mut kadis = app.admin.clone();
    let html = page_ok(&mut kadis, &app, "/pelaksanaan").await;
    let rows = texts(&html, "#pantauan tr.person");
    assert!(!rows.is_empty(), "the head monitors the team");

    // The assignment inbox shows the reporting share.
    let html = page_ok(&mut lead, &app, "/penugasan").await;
    assert!(text(&html, "#pelaporan-menunggu").is_some());
}

#[tokio::test]
async fn lap_02_the_admin_sets_the_reporting_period_and_a_refused_setting_changes_nothing() {
    let app = app().await;
    let mut admin = app.admin.clone();
    let html = page_ok(&mut admin, &app, "/admin/pelaporan").await;
    assert!(text(&html, "#pengaturan-pelaporan").is_some());
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id;
    let too_long = admin
        .post(
            &app,
            "/admin/pelaporan",
            &[
                ("period", "weekly"),
                ("grace_days", "99"),
                ("addressees", "both"),
            ],
        )
        .await;
    assert_eq!(
        too_long.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        too_long.body
    );
    let policy = app.store.report_policy(agency).await.unwrap();
    assert_eq!(policy.period.code(), "monthly");
    let saved = admin
        .post(
            &app,
            "/admin/pelaporan",
            &[
                ("period", "weekly"),
                ("grace_days", "3"),
                ("addressees", "org_unit_head"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let policy = app.store.report_policy(agency).await.unwrap();
    assert_eq!(policy.period.code(), "weekly");
    assert_eq!(policy.grace_days, 3);
    assert_eq!(policy.addressees.code(), "org_unit_head");
    // A Pelaksana does not reach the settings.
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let answer = pelaksana.get(&app, "/admin/pelaporan").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}

/// The first option's value and the step of the decision form of a result page, if the
/// reader may decide.
fn decide_form(html: &scraper::Html) -> Option<(String, String)> {
    let step = html
        .select(&common::sel("#form-putuskan input[name=step]"))
        .next()?
        .value()
        .attr("value")?
        .to_string();
    let first = html
        .select(&common::sel("#form-putuskan select[name=decision] option"))
        .next()?
        .value()
        .attr("value")?
        .to_string();
    Some((step, first))
}

#[tokio::test]
async fn mek_05_the_lead_submits_a_result_a_reviewer_returns_it_and_it_goes_up_until_accepted() {
    let app = app().await;
    let id = running_team(&app).await;
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let href = format!("/pelaksanaan/penugasan/{id}");
    let html = page_ok(&mut lead, &app, &href).await;
    assert!(
        text(&html, "#form-hasil").is_some(),
        "the lead submits results"
    );
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let html = page_ok(&mut pelaksana, &app, &href).await;
    assert!(text(&html, "#form-hasil").is_none(), "a member does not");
    // Issue 15 point 4: the forms follow the domain's answers — a plain member gives no
    // feedback (LAP-04) and asks no report (LAP-03).
    assert!(text(&html, "#form-umpan-balik").is_none());
    assert!(text(&html, "#form-permintaan").is_none());

    let fields = [
        ("title", "Daftar layanan puskesmas"),
        ("summary", "Seluruh puskesmas didata."),
        ("meets_target", "ya"),
    ];
    // A member's submission is refused, citing its rule, and nothing is written.
    let refused = pelaksana
        .post(&app, &format!("{href}/hasil"), &fields)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(
        app.store
            .results_of_assignment(sikerja_domain::assignment::AssignmentId(id))
            .await
            .unwrap()
            .is_empty()
    );
    let sent = lead.post(&app, &format!("{href}/hasil"), &fields).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let result = sent.location.clone().unwrap();
    assert!(result.starts_with("/pelaksanaan/hasil/"), "{result}");

    // Each reviewer finds it in their inbox and on its page; the first returns it with notes.
    let mut people = Vec::new();
    for login in [nip::KABID, nip::SEKRETARIS, nip::KASUBAG, nip::PLT_KASI] {
        people.push(official(&app, login).await);
    }
    people.push(app.admin.clone());
    let mut returned = false;
    let mut accepted = false;
    for _ in 0..8 {
        let html = page_ok(&mut lead, &app, &result).await;
        let status = text(&html, "#status-hasil").unwrap();
        if status.contains("Diterima") {
            accepted = true;
            break;
        }
        if status.contains("Dikembalikan") {
            let again = lead
                .post(
                    &app,
                    &format!("{result}/ajukan-ulang"),
                    &[
                        ("summary", "Dilengkapi puskesmas pembantu."),
                        ("meets_target", "ya"),
                    ],
                )
                .await;
            assert_eq!(again.status, StatusCode::SEE_OTHER, "{}", again.body);
            continue;
        }
        let mut decided = false;
        for b in &mut people {
            let page = b.get(&app, &result).await;
            if page.status != StatusCode::OK {
                continue;
            }
            let Some((step, first)) = decide_form(&page.html()) else {
                continue;
            };
            let inbox = page_ok(b, &app, "/pelaksanaan").await;
            assert!(
                !texts(&inbox, ".result-review").is_empty(),
                "in the reviewer's inbox"
            );
            let (decision, notes) = if returned {
                (first.as_str(), "")
            } else {
                // Returning needs notes (MEK-05): refused first, then with them.
                let bare = b
                    .post(
                        &app,
                        &format!("{result}/putuskan"),
                        &[("step", &step), ("decision", "return")],
                    )
                    .await;
                assert_eq!(
                    bare.status,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "{}",
                    bare.body
                );
                returned = true;
                ("return", "Lengkapi puskesmas pembantu.")
            };
            let answer = b
                .post(
                    &app,
                    &format!("{result}/putuskan"),
                    &[
                        ("step", &step),
                        ("decision", decision),
                        ("meets_target", "ya"),
                        ("notes", notes),
                    ],
                )
                .await;
            assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
            decided = true;
            break;
        }
        assert!(decided, "somebody reviews the result: {status}");
    }
    assert!(
        returned && accepted,
        "returned {returned}, accepted {accepted}"
    );
}

#[tokio::test]
async fn lap_05_the_lead_raises_a_problem_on_the_page_and_the_head_decides_it_once() {
    let app = app().await;
    let id = running_team(&app).await;
    let href = format!("/pelaksanaan/penugasan/{id}");
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let due = wita_day(7);
    let form = [
        ("title", "Data puskesmas belum lengkap"),
        ("description", "Tiga puskesmas belum mengirim data layanan."),
        ("recommendation", "Surat Kepala Dinas kepada puskesmas"),
        ("recommendation", "Kunjungan langsung"),
        ("recommendation", ""),
        ("collaboration", "owner_head"),
        ("due", due.as_str()),
    ];
    // The work page offers the form to the lead only.
    assert!(text(&page_ok(&mut lead, &app, &href).await, "#form-permasalahan").is_some());
    assert!(
        text(
            &page_ok(&mut pelaksana, &app, &href).await,
            "#form-permasalahan"
        )
        .is_none()
    );
    // LAP-05: a member raises nothing; the refusal names the rule and nothing is written.
    let refused = pelaksana
        .post(&app, &format!("{href}/permasalahan"), &form)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(
        collapse(&text(&refused.html(), ".form-error").unwrap()).contains("LAP-05"),
        "{}",
        refused.body
    );
    let (_, list) = call(
        &mut lead,
        &app,
        Method::GET,
        &format!("/api/v1/assignments/{id}/issues"),
        None,
    )
    .await;
    assert_eq!(list.as_array().unwrap().len(), 0, "{list}");
    // The lead raises it; the head finds it in the inbox to decide.
    let raised = lead
        .post(&app, &format!("{href}/permasalahan"), &form)
        .await;
    assert_eq!(raised.status, StatusCode::SEE_OTHER, "{}", raised.body);
    let mut kadis = app.admin.clone();
    let inbox = get_ok(&mut kadis, &app, "/api/v1/inbox").await;
    let waiting = inbox["reporting"]["issues_to_decide"].as_array().unwrap();
    assert_eq!(waiting.len(), 1, "{inbox}");
    let issue = waiting[0]["id"].as_i64().unwrap();
    assert_eq!(waiting[0]["recommendations"].as_array().unwrap().len(), 2);
    let addressee = waiting[0]["addressees"][0]["id"].as_i64().unwrap();
    let html = page_ok(&mut kadis, &app, "/pelaksanaan").await;
    assert!(text(&html, "#kotak-permasalahan").is_some());
    // The head's monitoring shows the team's open problem and whom it waits for.
    let open = collapse(&text(&html, ".monitor-issues").unwrap());
    assert!(
        open.contains("Data puskesmas belum lengkap") && open.contains("Kepala Dinas"),
        "{open}"
    );
    // A decision needs its reason; then it is recorded once.
    let (status, body) = post(
        &mut kadis,
        &app,
        &format!("/api/v1/issues/{issue}/decisions"),
        json!({"addressee": addressee, "recommendation": 2, "reason": " "}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "issue_reason_required");
    assert_eq!(rule_of(&body), "LAP-05", "{body}");
    let decision = json!({"addressee": addressee, "recommendation": 2, "reason": "Paling cepat"});
    let (status, body) = post(
        &mut kadis,
        &app,
        &format!("/api/v1/issues/{issue}/decisions"),
        decision.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, body) = post(
        &mut kadis,
        &app,
        &format!("/api/v1/issues/{issue}/decisions"),
        decision,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    // The lead reads the decision on the problem's page.
    let html = page_ok(
        &mut lead,
        &app,
        &format!("/pelaksanaan/permasalahan/{issue}"),
    )
    .await;
    assert_eq!(
        text(&html, "#status-permasalahan").as_deref(),
        Some("diputuskan")
    );
    let got = get_ok(&mut lead, &app, &format!("/api/v1/issues/{issue}")).await;
    assert_eq!(
        got["addressees"][0]["decision"]["decision"],
        "Kunjungan langsung"
    );
    assert_eq!(got["decided"], true);
}

/// Issue 13 point 4 (LAP-04): a member's report carries a PDF; the lead downloads the same
/// bytes as an attachment that is neither sniffed nor cached; someone playing no part in the
/// work gets 403 and no byte of it.
#[tokio::test]
async fn lap_04_an_evidence_file_is_served_only_to_those_who_may_read_the_report() {
    use sikerja_domain::assignment::{AssignmentId, Day};
    use sikerja_domain::execution::report::ReportKind;
    use sikerja_domain::organisation::EmployeeId;
    use sikerja_storage::planning::PlanningActor;
    use sikerja_storage::{EvidenceRecord, ReportInput, WorkRef};

    let app = app().await;
    let id = running_team(&app).await;
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let pelaksana = app.employee_id(nip::PELAKSANA).await;
    let mut member_browser = official(&app, nip::PELAKSANA).await;
    let work = get_ok(
        &mut member_browser,
        &app,
        &format!("/api/v1/assignments/{id}/work"),
    )
    .await;
    let due = open_period(&work, pelaksana, "member_to_lead");
    let pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".to_vec();
    let stored = app
        .files
        .put(pdf.clone(), "Bukti Mei (final).pdf", "application/pdf")
        .await
        .unwrap();
    let by = PlanningActor {
        employee: Some(EmployeeId(pelaksana)),
        regional_head_of: None,
        audit: common::setup_actor(),
    };
    let input = ReportInput {
        kind: Some(ReportKind::MemberToLead),
        period_start: Some(Day::parse(due["start"].as_str().unwrap()).unwrap()),
        files: vec![EvidenceRecord {
            key: stored.key.as_str().to_string(),
            name: stored.original_name.clone(),
            media_type: stored.media_type.to_string(),
            size: stored.size as i64,
            sha256: stored.sha256.clone(),
        }],
        draft: sikerja_domain::execution::report::ReportDraft {
            narrative: "Sepuluh puskesmas didata.".into(),
            ..Default::default()
        },
        ..ReportInput::default()
    };
    let today = Day::parse(&wita_day(0)).unwrap();
    let report = app
        .store
        .submit_report(WorkRef::Assignment(AssignmentId(id)), &input, &by, today)
        .await
        .unwrap();

    // The work page links the file; the lead downloads it.
    let html = page_ok(&mut lead, &app, &format!("/pelaksanaan/penugasan/{id}")).await;
    let href = format!("/pelaksanaan/laporan/{report}/bukti/0");
    let link = html
        .select(&common::sel("article.report a.evidence"))
        .next()
        .expect("a link to the evidence file");
    assert_eq!(link.value().attr("href"), Some(href.as_str()));
    let download = |b: &Browser| {
        let mut request = common::get(&href);
        request
            .headers_mut()
            .insert("cookie", b.cookie.clone().unwrap().parse().unwrap());
        request
    };
    let (status, response, bytes) = app.send(download(&lead)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bytes, pdf);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(header("content-type"), "application/pdf");
    assert_eq!(
        header("content-disposition"),
        "attachment; filename*=UTF-8''Bukti%20Mei%20%28final%29.pdf"
    );
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(header("cache-control"), "private, no-store");
    // A file the report does not have: 404.
    let missing = lead
        .get(&app, &format!("/pelaksanaan/laporan/{report}/bukti/1"))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // Someone playing no part in the work: 403, nothing of the file.
    let mut outsider = official(&app, nip::AHLI_UTAMA).await;
    outsider.get(&app, "/pelaksanaan").await;
    let (status, _, bytes) = app.send(download(&outsider)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_ne!(bytes, pdf);
}

#[tokio::test]
async fn mek_05_the_api_submits_a_result_refuses_a_wrong_reviewer_and_decides_each_step_once() {
    let app = app().await;
    let id = running_team(&app).await;
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let body = json!({
        "title": "Daftar layanan puskesmas",
        "summary": "Seluruh puskesmas didata.",
        "meets_target": true
    });
    let results = format!("/api/v1/assignments/{id}/results");
    // A member submits nothing (MEK-04); the refusal cites the rule and nothing is written.
    let (status, refused) = post(&mut pelaksana, &app, &results, body.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert_eq!(refused["error"]["code"], "not_the_result_submitter");
    assert_eq!(rule_of(&refused), "MEK-04", "{refused}");
    let list = get_ok(&mut lead, &app, &results).await;
    assert_eq!(list.as_array().unwrap().len(), 0, "{list}");
    // The lead submits it; its chain is fixed on the record.
    let (status, created) = post(&mut lead, &app, &results, body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let result = created["id"].as_i64().unwrap();
    let href = format!("/api/v1/results/{result}");
    let got = get_ok(&mut lead, &app, &href).await;
    assert_eq!(got["state"], "at_step", "{got}");
    assert!(!got["rounds"][0]["steps"].as_array().unwrap().is_empty());
    let list = get_ok(&mut pelaksana, &app, &results).await;
    assert_eq!(list[0]["id"], result, "{list}");

    // Someone it does not wait at is refused, citing MEK-05, and nothing changes.
    let step = got["step"].as_u64().unwrap();
    let decisions = format!("{href}/decisions");
    let (status, refused) = post(
        &mut pelaksana,
        &app,
        &decisions,
        json!({"step": step, "decision": "pass", "meets_target": true}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert_eq!(refused["error"]["code"], "not_the_reviewer");
    assert_eq!(rule_of(&refused), "MEK-05", "{refused}");
    assert_eq!(get_ok(&mut lead, &app, &href).await["step"], step);

    // Each reviewer finds it in their API inbox and decides its step once, until accepted.
    let mut people = Vec::new();
    for login in [nip::KABID, nip::SEKRETARIS, nip::KASUBAG, nip::PLT_KASI] {
        people.push(official(&app, login).await);
    }
    people.push(app.admin.clone());
    let mut decided_twice = false;
    for _ in 0..8 {
        let now = get_ok(&mut lead, &app, &href).await;
        if now["state"] == "completed" {
            break;
        }
        let mut decided = false;
        for b in &mut people {
            let inbox = get_ok(b, &app, "/api/v1/inbox").await;
            let Some(line) = inbox["reporting"]["results_to_review"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["id"] == result)
                .cloned()
            else {
                continue;
            };
            let decision = if line["accepts"] == true {
                "accept"
            } else {
                "pass"
            };
            let answer = json!({"step": line["step"], "decision": decision, "meets_target": true});
            let (status, body) = post(b, &app, &decisions, answer.clone()).await;
            assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
            if !decided_twice {
                let (status, body) = post(b, &app, &decisions, answer).await;
                assert_eq!(status, StatusCode::CONFLICT, "{body}");
                assert_eq!(body["error"]["code"], "result_already_decided");
                decided_twice = true;
            }
            decided = true;
            break;
        }
        assert!(decided, "somebody reviews the result: {now}");
    }
    let done = get_ok(&mut lead, &app, &href).await;
    assert_eq!(done["state"], "completed", "{done}");
    assert!(done["accepted_at"].is_string(), "{done}");
    assert!(decided_twice);
}
