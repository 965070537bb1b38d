//! A running team of the test Dinas, for the execution tests (issue 13): the Ahli Muda leading
//! the Pelaksana from today for three months, and what their work answers hold.

use axum::http::StatusCode;
use chrono::{Duration, FixedOffset, Utc};
use serde_json::{Value, json};

use super::TestApp;
use super::assignments::{member, official, post, root_unit, team};
use super::nip;

/// Today in WITA, and a day `n` days later, as `YYYY-MM-DD`.
pub fn wita_day(n: i64) -> String {
    let wita = FixedOffset::east_opt(8 * 3600).expect("WITA offset");
    (Utc::now().with_timezone(&wita) + Duration::days(n))
        .format("%Y-%m-%d")
        .to_string()
}

/// The Kepala Dinas assigns the Ahli Muda (lead) and the Pelaksana from today for three
/// months; both receive the Surat Tugas, so the team runs.
pub async fn running_team(app: &TestApp) -> i64 {
    let mut kadis = app.admin.clone();
    let unit = root_unit(app, "dinkes").await;
    let lead = app.employee_id(nip::AHLI_MUDA).await;
    let pelaksana = app.employee_id(nip::PELAKSANA).await;
    let (from, until) = (wita_day(0), wita_day(90));
    let (status, created) = post(
        &mut kadis,
        app,
        "/api/v1/assignments",
        team(
            unit,
            "Tim Pendataan Layanan",
            vec![
                member(lead, "team_lead", &from, &until),
                member(pelaksana, "member", &from, &until),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().expect("answer");
    let (status, started) = post(
        &mut kadis,
        app,
        &format!("/api/v1/assignments/{id}/request"),
        json!({"text": "Ditugaskan mendata layanan"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{started}");
    let request = started["id"].as_i64().expect("answer");
    for login in [nip::AHLI_MUDA, nip::PELAKSANA] {
        let mut b = official(app, login).await;
        let (status, body) = post(
            &mut b,
            app,
            &format!("/api/v1/requests/{request}/steps"),
            json!({"step": "receive", "text": "Diterima"}),
        )
        .await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    }
    id
}

/// The first open periodic report of `reporter` of `kind` in a work answer.
pub fn open_period(work: &Value, reporter: i64, kind: &str) -> Value {
    work["due"]
        .as_array()
        .expect("answer")
        .iter()
        .find(|d| d["reporter"] == reporter && d["kind"] == kind && d["timing"] == "open")
        .cloned()
        .unwrap_or_else(|| panic!("no open {kind} report of {reporter}: {work}"))
}

/// [`running_team`] with something for the execution dashboard (issue 18): the member's open
/// period reported today (on time), the lead's result waiting at its first reviewer and a
/// problem the lead raised.
pub async fn team_with_execution_numbers(app: &TestApp) -> i64 {
    let id = running_team(app).await;
    let mut lead = official(app, nip::AHLI_MUDA).await;
    let mut pelaksana = official(app, nip::PELAKSANA).await;
    let member_id = app.employee_id(nip::PELAKSANA).await;
    let work =
        super::assignments::get_ok(&mut lead, app, &format!("/api/v1/assignments/{id}/work")).await;
    let period = open_period(&work, member_id, "member_to_lead");
    let sent = [
        (
            &mut pelaksana,
            "reports",
            json!({"kind": "member_to_lead", "period_start": period["start"], "narrative": "Sepuluh puskesmas didata."}),
        ),
        (
            &mut lead,
            "results",
            json!({"title": "Daftar layanan puskesmas", "summary": "Seluruh puskesmas didata.", "meets_target": true}),
        ),
    ];
    for (who, what, body) in sent {
        let (status, answer) =
            post(who, app, &format!("/api/v1/assignments/{id}/{what}"), body).await;
        assert_eq!(status, StatusCode::CREATED, "{what}: {answer}");
    }
    let (status, answer) = post(
        &mut lead,
        app,
        &format!("/api/v1/assignments/{id}/issues"),
        json!({"title": "Data puskesmas belum lengkap", "description": "Tiga puskesmas belum mengirim data.",
            "recommendations": ["Surat Kepala Dinas"], "due": wita_day(7)}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "issues: {answer}");
    id
}
