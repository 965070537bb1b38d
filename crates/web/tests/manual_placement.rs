//! KED-09: an unresolved case gets a manual placement through the form or the API; a refused
//! submission explains itself in Indonesian, keeps the input and changes nothing; a recorded
//! one shows as manual with who, when and why.

mod common;

use axum::http::{StatusCode, header};
use common::{TestApp, app, nip, post_form, post_json, sel, text};
use scraper::Html;
use serde_json::json;
use sikerja_domain::organisation::EmployeeId;

struct Case {
    dept: i64,
    employee: i64,
    superior: i64,
    assessor: i64,
}

async fn case(app: &TestApp) -> Case {
    let dept = app.department_id("dinkes").await;
    Case {
        dept,
        employee: app.employee_id(nip::AHLI_UTAMA).await,
        superior: app.position_id(dept, "kadis").await,
        assessor: app.position_id(dept, "kadis").await,
    }
}

fn form(c: &Case, justification: &str, decided_by: &str) -> Vec<(String, String)> {
    vec![
        ("employee".into(), c.employee.to_string()),
        ("superior_position".into(), c.superior.to_string()),
        ("assessor_position".into(), c.assessor.to_string()),
        ("justification".into(), justification.into()),
        ("decided_by".into(), decided_by.into()),
    ]
}

async fn submit(
    app: &TestApp,
    c: &Case,
    fields: &[(String, String)],
) -> (StatusCode, String, Option<String>) {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let uri = format!("/perangkat-daerah/{}/belum-terselesaikan", c.dept);
    let (status, response, body) = app.send_authed(post_form(&uri, &fields)).await;
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (status, String::from_utf8(body).expect("utf-8"), location)
}

async fn still_unresolved(app: &TestApp, employee: i64) -> bool {
    let p = app
        .store
        .placement_of(EmployeeId(employee))
        .await
        .expect("placement")
        .expect("a JF has a placement");
    p.manual.is_none() && p.status == sikerja_storage::PlacementStatus::Unresolved
}

#[tokio::test]
async fn ked_09_unresolved_page_lists_the_case_with_reason_and_held_heads_as_choices() {
    let app = app().await;
    let c = case(&app).await;
    let page = app
        .page(&format!("/perangkat-daerah/{}/belum-terselesaikan", c.dept))
        .await;
    let article = format!("article#kasus-{}", c.employee);
    assert!(text(&page, &format!("{article} .reason")).is_some_and(|r| r.contains("KED-09")));
    let options: Vec<String> = page
        .select(&sel(&format!(
            "{article} select[name=assessor_position] option"
        )))
        .filter_map(|o| o.value().attr("value").map(str::to_string))
        .filter(|v| !v.is_empty())
        .collect();
    assert!(options.contains(&c.assessor.to_string()));
    // The vacant-but-acted Kepala Seksi is held by a Plt.; a JF position never is a choice.
    let jf = app.position_id(c.dept, "jf-muda").await;
    assert!(!options.contains(&jf.to_string()));
}

#[tokio::test]
async fn ked_09_form_refuses_a_blank_justification_keeps_the_input_and_changes_nothing() {
    let app = app().await;
    let c = case(&app).await;
    let (status, body, _) = submit(&app, &c, &form(&c, "   ", nip::KADIS)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&body);
    let article = format!("article#kasus-{}", c.employee);
    assert_eq!(
        text(&page, &format!("{article} .form-error")).as_deref(),
        Some("Alasan penetapan wajib diisi.")
    );
    let selected = page
        .select(&sel(&format!(
            "{article} select[name=superior_position] option[selected]"
        )))
        .next()
        .and_then(|o| o.value().attr("value"))
        .map(str::to_string);
    assert_eq!(selected, Some(c.superior.to_string()));
    // The decider is the signed-in official, named on the form, not a field to fill in.
    assert!(
        page.select(&sel(&format!("{article} input[name=decided_by]")))
            .next()
            .is_none()
    );
    let decider = text(&page, &format!("{article} form.manual-placement strong"));
    assert!(decider.is_some_and(|d| !d.is_empty()));
    assert!(still_unresolved(&app, c.employee).await);
}

#[tokio::test]
async fn ked_09_form_records_the_signed_in_official_whatever_nip_is_posted() {
    let app = app().await;
    let c = case(&app).await;
    let (status, _, _) = submit(
        &app,
        &c,
        &form(&c, "Ditetapkan Kepala Dinas", "199912312022031999"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let placed = app
        .store
        .placement_of(EmployeeId(c.employee))
        .await
        .expect("placement")
        .expect("a placement");
    let record = placed.manual.expect("manual record");
    assert_eq!(record.decided_by, nip::KADIS);
}

#[tokio::test]
async fn ked_09_recorded_placement_redirects_and_shows_as_manual_with_who_when_and_why() {
    let app = app().await;
    let c = case(&app).await;
    let why = "Ahli Utama langsung di bawah Kepala Dinas sesuai nota dinas 12/2024";
    let (status, _, location) = submit(&app, &c, &form(&c, why, nip::KADIS)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.expect("redirect");
    assert!(location.starts_with(&format!("/perangkat-daerah/{}/kedudukan", c.dept)));

    let page = app.page(&location).await;
    let row = format!("tr.placement[data-employee=\"{}\"]", c.employee);
    assert_eq!(
        text(&page, &format!("{row} .badge.manual")).as_deref(),
        Some("manual")
    );
    let record = text(&page, &format!("{row} .manual-record")).unwrap_or_default();
    assert!(record.contains("Hj. Siti Aminah, S.E."), "{record}");
    assert!(record.contains(why), "{record}");
    assert!(record.contains("WITA"), "{record}");
    assert!(text(&page, &format!("{row} td.superior")).is_some_and(|s| s.contains("Kepala Dinas")));

    let unresolved = app
        .page(&format!("/perangkat-daerah/{}/belum-terselesaikan", c.dept))
        .await;
    assert!(
        unresolved
            .select(&sel(&format!("article#kasus-{}", c.employee)))
            .next()
            .is_none()
    );

    let employee = app.page(&format!("/pegawai/{}", c.employee)).await;
    assert!(text(&employee, "#kedudukan .badge.manual").is_some());
}

#[tokio::test]
async fn ked_09_api_manual_placement_refuses_with_stable_codes_then_records() {
    let app = app().await;
    let c = case(&app).await;
    let body = |justification: &str, decided_by: &str| {
        json!({
            "employee_id": c.employee,
            "superior_position_id": c.superior,
            "assessor_position_id": c.assessor,
            "justification": justification,
            "decided_by": decided_by,
        })
    };
    let send = |value: serde_json::Value| {
        let app = &app;
        async move {
            let (status, _, bytes) = app
                .send_authed(post_json("/api/v1/placements/manual", &value))
                .await;
            let json: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
            (status, json)
        }
    };
    let (status, json) = send(body(" ", nip::KADIS)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json["error"]["code"], "justification_blank");
    let (status, json) = send(body("Alasan", "199912312022031999")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json["error"]["code"], "decided_by_unknown");
    assert!(still_unresolved(&app, c.employee).await);

    let (status, json) = send(body("Nota dinas 12/2024", nip::KADIS)).await;
    assert_eq!(status, StatusCode::CREATED, "{json}");
    assert_eq!(json["status"], "placed");
    assert_eq!(json["manual"]["decided_by"], nip::KADIS);
    assert!(json["rule_id"].as_str().is_some_and(|r| !r.is_empty()));
    assert!(json["article"].as_str().is_some_and(|a| !a.is_empty()));

    // Only once: the case is no longer unresolved.
    let (status, json) = send(body("Lagi", nip::KADIS)).await;
    assert_eq!(status, StatusCode::CONFLICT, "{json}");
    assert_eq!(json["error"]["code"], "already_placed");
}
