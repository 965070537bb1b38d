//! Approved activity plans as work in the pages and the API (issue 13 points 2 and 8; MEK-04,
//! LAP-01, LAP-03, LAP-04): the Pelaksana's plan of the current year, approved by the Kepala
//! Sub Bagian Umum who sets their agreement, broken down and reported on by the Pelaksana,
//! asked for a report and given feedback by the Kepala Sub Bagian; an outsider refused
//! `not_involved_in_work`; a plan not yet approved refused `work_not_running` citing MEK-04.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::{Method, StatusCode};
use chrono::{Datelike, Duration, FixedOffset, Utc};
use common::assignments::{call, get_ok, official, post};
use common::{Browser, TestApp, app, collapse, nip, text, texts};
use serde_json::{Value, json};

/// Today in WITA plus `n` days, as `YYYY-MM-DD`, and the year of today.
fn wita_day(n: i64) -> String {
    let wita = FixedOffset::east_opt(8 * 3600).unwrap();
    (Utc::now().with_timezone(&wita) + Duration::days(n))
        .format("%Y-%m-%d")
        .to_string()
}

fn wita_year() -> i32 {
    let wita = FixedOffset::east_opt(8 * 3600).unwrap();
    Utc::now().with_timezone(&wita).year()
}

/// The rule of a refusal's first detail.
fn rule_of(body: &Value) -> &str {
    body["error"]["details"][0]["rule_id"]
        .as_str()
        .unwrap_or("")
}

/// The Kepala Sub Bagian Umum starts the Pelaksana's agreement of this year with a target; the
/// Pelaksana drafts and submits a plan for it (once per test app). Approved when `approve`. Returns the plan id,
/// the Kepala Sub Bagian and the Pelaksana.
async fn plan(app: &TestApp, title: &str, approve: bool) -> (i64, Browser, Browser) {
    let mut kasubag = official(app, nip::KASUBAG).await;
    let mut pelaksana = official(app, nip::PELAKSANA).await;
    let posts = get_ok(&mut kasubag, app, "/api/v1/agreement-posts").await;
    let holder = app.employee_id(nip::PELAKSANA).await;
    let line = posts["recipients"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["employee"] == holder)
        .cloned()
        .unwrap_or_else(|| panic!("the Pelaksana's post: {posts}"));
    let (status, created) = post(
        &mut kasubag,
        app,
        "/api/v1/agreements",
        json!({"agency": posts["agency"], "position": line["position"],
            "employee": line["employee"], "year": wita_year()}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let agreement = created["id"].as_i64().unwrap();
    let (status, added) = post(
        &mut kasubag,
        app,
        &format!("/api/v1/agreements/{agreement}/targets"),
        json!({"indicator": format!("Persentase arsip tertata ({title})"), "kind": "quantitative",
            "target": "100", "unit": "%", "budget": 5_000_000, "weight": 1}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let target = added["id"].as_i64().unwrap();
    let (status, created) = post(
        &mut pelaksana,
        app,
        &format!("/api/v1/targets/{target}/activity-plans"),
        json!({"title": title, "activities": [
            {"name": "Pemilahan arsip", "output": "Daftar arsip", "month_from": 1, "month_to": 12, "budget": 3_000_000},
        ]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();
    let uri = format!("/api/v1/activity-plans/{id}");
    let (status, body) = post(&mut pelaksana, app, &format!("{uri}/submission"), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    if approve {
        let (status, body) = post(&mut kasubag, app, &format!("{uri}/approval"), json!({})).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    }
    (id, kasubag, pelaksana)
}

/// The open periodic report of `reporter` in a work answer.
fn open_period(work: &Value, reporter: i64) -> Value {
    work["due"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["reporter"] == reporter && d["kind"] == "individual_to_head" && d["timing"] == "open"
        })
        .cloned()
        .unwrap_or_else(|| panic!("no open report of {reporter}: {work}"))
}

#[tokio::test]
async fn mek_04_lap_01_lap_04_an_approved_plan_is_broken_down_reported_and_given_feedback_through_the_api()
 {
    let app = app().await;
    let (id, mut kasubag, mut pelaksana) = plan(&app, "Penataan arsip", true).await;
    let mut outsider = official(&app, nip::AHLI_UTAMA).await;
    let holder = app.employee_id(nip::PELAKSANA).await;
    let base = format!("/api/v1/activity-plans/{id}");
    let work = format!("{base}/work");

    // The holder sees the plan as running work they may break down; it is reported like
    // individual work (LAP-01).
    let w = get_ok(&mut pelaksana, &app, &work).await;
    assert_eq!(w["running"], true, "{w}");
    assert_eq!(w["kind"], "activity_plan");
    assert_eq!(w["activity_plan"], id);
    assert!(w["assignment"].is_null(), "{w}");
    assert_eq!(w["editable"], true);
    assert_eq!(w["budget"], 3_000_000);
    assert_eq!(w["members"][0]["employee"], holder);
    let period = open_period(&w, holder);
    assert_eq!(period["rule_id"], "LAP-01");
    assert_eq!(period["activity_plan"], id);

    // LAP-04: an outsider reads nothing of it and changes nothing.
    let (status, body) = call(&mut outsider, &app, Method::GET, &work, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "not_involved_in_work");
    let item = json!({"name": "Pemilahan arsip 2024", "responsible": holder,
        "from": wita_day(0), "until": wita_day(0), "output": "Daftar arsip", "budget": 1_000_000});
    let breakdown = format!("{base}/breakdown");
    for b in [&mut outsider, &mut kasubag] {
        let (status, body) = call(
            b,
            &app,
            Method::PUT,
            &breakdown,
            Some(json!({"items": [item.clone()]})),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
        assert_eq!(body["error"]["code"], "not_the_breakdown_editor");
        assert_eq!(rule_of(&body), "MEK-04", "{body}");
    }
    // MEK-04: the holder breaks it down, within the approved total.
    let too_much = json!({"items": [{"name": "Semua", "responsible": holder, "from": wita_day(0),
        "until": wita_day(0), "output": "x", "budget": 3_000_001}]});
    let (status, body) = call(
        &mut pelaksana,
        &app,
        Method::PUT,
        &breakdown,
        Some(too_much),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, items) = call(
        &mut pelaksana,
        &app,
        Method::PUT,
        &breakdown,
        Some(json!({"items": [item]})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{items}");
    let activity = items[0]["id"].as_i64().unwrap();

    // LAP-01: the holder reports the open period once; the head who approved it reads it,
    // the outsider does not.
    let reports = format!("{base}/reports");
    let report = json!({"kind": "individual_to_head", "period_start": period["start"],
        "progress": [{"activity": activity, "percent": 25}], "narrative": "Arsip 2024 dipilah."});
    let (status, body) = post(&mut outsider, &app, &reports, report.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, created) = post(&mut pelaksana, &app, &reports, report.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let report_id = created["id"].as_i64().unwrap();
    let (status, body) = post(&mut pelaksana, &app, &reports, report).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let r = get_ok(&mut kasubag, &app, &format!("/api/v1/reports/{report_id}")).await;
    assert_eq!(r["activity_plan"], id);
    assert_eq!(r["lines"][0]["value"], 25.0);
    let (status, _) = call(
        &mut outsider,
        &app,
        Method::GET,
        &format!("/api/v1/reports/{report_id}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // LAP-03: the head who approved it asks for a report; it waits in the holder's inbox.
    let requests = format!("{base}/report-requests");
    let ask = json!({"to": holder, "due": wita_day(3), "message": "Mohon perkembangan arsip."});
    let (status, body) = post(&mut outsider, &app, &requests, ask.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, created) = post(&mut kasubag, &app, &requests, ask).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let inbox = get_ok(&mut pelaksana, &app, "/api/v1/inbox").await;
    let asked = &inbox["reporting"]["report_requests"];
    assert_eq!(asked[0]["id"], created["id"], "{inbox}");
    assert_eq!(asked[0]["activity_plan"], id);

    // LAP-04: feedback from the head on the report; the outsider and the holder to
    // themself are refused.
    let feedback = format!("{base}/feedback");
    let (status, body) = post(
        &mut outsider,
        &app,
        &feedback,
        json!({"to": holder, "text": "Bagus."}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body) = post(
        &mut pelaksana,
        &app,
        &feedback,
        json!({"to": holder, "text": "Catatan saya."}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, created) = post(
        &mut kasubag,
        &app,
        &feedback,
        json!({"to": holder, "report": report_id, "text": "Sertakan arsip 2023."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let inbox = get_ok(&mut pelaksana, &app, "/api/v1/inbox").await;
    assert_eq!(inbox["reporting"]["feedback"][0]["id"], created["id"]);
    assert_eq!(inbox["reporting"]["feedback"][0]["activity_plan"], id);
    let w = get_ok(&mut kasubag, &app, &work).await;
    assert_eq!(w["reports"].as_array().map(Vec::len), Some(1), "{w}");
    assert_eq!(w["feedback"].as_array().map(Vec::len), Some(1), "{w}");
}

#[tokio::test]
async fn mek_04_a_plan_not_yet_approved_is_not_running_and_its_refusal_cites_the_rule() {
    let app = app().await;
    let (id, _, mut pelaksana) = plan(&app, "Penataan arsip", false).await;
    let holder = app.employee_id(nip::PELAKSANA).await;
    let w = get_ok(
        &mut pelaksana,
        &app,
        &format!("/api/v1/activity-plans/{id}/work"),
    )
    .await;
    assert_eq!(w["running"], false, "{w}");
    let (status, body) = call(
        &mut pelaksana,
        &app,
        Method::PUT,
        &format!("/api/v1/activity-plans/{id}/breakdown"),
        Some(
            json!({"items": [{"name": "Pemilahan", "responsible": holder, "from": wita_day(0),
            "until": wita_day(0), "output": "x", "budget": 1}]}),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "work_not_running");
    assert_eq!(rule_of(&body), "MEK-04", "{body}");

    // The page says it is not running, offers no form, and a posted form is refused with the
    // rule; nothing is written.
    let href = format!("/pelaksanaan/rencana/{id}");
    let html = page_ok(&mut pelaksana, &app, &href).await;
    assert_eq!(
        text(&html, "#status-pelaksanaan").as_deref(),
        Some("Tidak berjalan")
    );
    assert!(text(&html, "#form-rincian").is_none());
    let refused = pelaksana
        .post(
            &app,
            &format!("{href}/rincian"),
            &[
                ("name", "Pemilahan"),
                ("responsible", holder.to_string().as_str()),
                ("from", wita_day(0).as_str()),
                ("until", wita_day(0).as_str()),
                ("output", "x"),
                ("budget", "1"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    let error = collapse(&text(&refused.html(), ".form-error").unwrap());
    assert!(error.contains("MEK-04"), "{error}");
    let html = page_ok(&mut pelaksana, &app, &href).await;
    assert!(texts(&html, ".work-item").is_empty());
    // Not running: not among my work, and the planning page does not link to it.
    let html = page_ok(&mut pelaksana, &app, "/pelaksanaan").await;
    assert!(
        !texts(&html, ".work-line a")
            .iter()
            .any(|t| t.contains("Penataan arsip"))
    );
    let html = page_ok(&mut pelaksana, &app, &format!("/kinerja/rencana/{id}")).await;
    assert!(text(&html, "#pelaksanaan-rencana").is_none());
}

async fn page_ok(b: &mut Browser, app: &TestApp, uri: &str) -> scraper::Html {
    let answer = b.get(app, uri).await;
    assert_eq!(answer.status, StatusCode::OK, "{uri}: {}", answer.body);
    answer.html()
}

#[tokio::test]
async fn mek_04_lap_01_lap_04_the_pages_carry_out_an_approved_plan_and_refuse_an_outsider() {
    let app = app().await;
    let (id, mut kasubag, mut pelaksana) = plan(&app, "Penataan arsip", true).await;
    let mut outsider = official(&app, nip::AHLI_UTAMA).await;
    let holder = app.employee_id(nip::PELAKSANA).await.to_string();
    let href = format!("/pelaksanaan/rencana/{id}");

    // The planning page of the approved plan links to its Pelaksanaan page; my work lists it.
    let html = page_ok(&mut pelaksana, &app, &format!("/kinerja/rencana/{id}")).await;
    assert!(text(&html, "#pelaksanaan-rencana").is_some());
    let html = page_ok(&mut pelaksana, &app, "/pelaksanaan").await;
    assert!(
        texts(&html, ".work-line a")
            .iter()
            .any(|t| t.contains("Penataan arsip")),
        "{}",
        html.html()
    );

    // The work page: the holder's breakdown form; no results or team problems on a plan.
    let html = page_ok(&mut pelaksana, &app, &href).await;
    assert_eq!(
        text(&html, "#status-pelaksanaan").as_deref(),
        Some("Berjalan")
    );
    assert_eq!(texts(&html, "#anggota .member").len(), 1);
    assert!(text(&html, "#form-rincian").is_some());
    assert!(text(&html, "#hasil").is_none());
    assert!(text(&html, "#permasalahan").is_none());

    // LAP-04: the outsider is refused the page and its forms.
    let page = outsider.get(&app, &href).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!page.body.contains("Penataan arsip"));
    let refused = outsider
        .post(
            &app,
            &format!("{href}/umpan-balik"),
            &[("to", holder.as_str()), ("text", "Bagus.")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);

    // MEK-04: the holder breaks it down.
    let today = wita_day(0);
    let row = [
        ("name", "Pemilahan arsip 2024"),
        ("responsible", holder.as_str()),
        ("from", today.as_str()),
        ("until", today.as_str()),
        ("output", "Daftar arsip"),
        ("budget", "1.000.000"),
    ];
    let refused = kasubag.post(&app, &format!("{href}/rincian"), &row).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let saved = pelaksana.post(&app, &format!("{href}/rincian"), &row).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(saved.location, Some(format!("{href}#rincian")));

    // LAP-01: the holder reports the open period through the form's first choice.
    let html = page_ok(&mut pelaksana, &app, &href).await;
    assert_eq!(texts(&html, ".work-item").len(), 1);
    let choice = html
        .select(&common::sel("#form-laporan select[name=for] option"))
        .next()
        .and_then(|o| o.value().attr("value").map(str::to_string))
        .expect("a report to submit");
    assert!(choice.starts_with("p:individual_to_head:"), "{choice}");
    let sent = pelaksana
        .post(
            &app,
            &format!("{href}/laporan"),
            &[("for", &choice), ("narrative", "Arsip 2024 dipilah.")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);

    // The head who approved it monitors it, reads the report and gives feedback on it.
    let html = page_ok(&mut kasubag, &app, "/pelaksanaan").await;
    assert!(
        texts(&html, ".work-line")
            .iter()
            .any(|t| t.contains("Penataan arsip") && t.contains("menyetujui rencana")),
        "{}",
        html.html()
    );
    assert!(text(&html, "#pantauan").is_some());
    let html = page_ok(&mut kasubag, &app, &href).await;
    assert_eq!(texts(&html, "article.report").len(), 1);
    assert!(text(&html, "#form-umpan-balik").is_some());
    assert!(text(&html, "#form-rincian").is_none());
    let given = kasubag
        .post(
            &app,
            &format!("{href}/umpan-balik"),
            &[("to", holder.as_str()), ("text", "Sertakan arsip 2023.")],
        )
        .await;
    assert_eq!(given.status, StatusCode::SEE_OTHER, "{}", given.body);

    // The holder sees it on the page and in their inbox, to acknowledge.
    let html = page_ok(&mut pelaksana, &app, &href).await;
    assert!(
        texts(&html, "#umpan-balik .feedback")
            .iter()
            .any(|t| t.contains("Sertakan arsip 2023."))
    );
    let html = page_ok(&mut pelaksana, &app, "/pelaksanaan").await;
    assert!(collapse(&html.html()).contains("Sertakan arsip 2023."));
}
