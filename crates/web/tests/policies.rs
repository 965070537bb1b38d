//! The agency's dated policies in the browser and the API (issue 14 point 5): the page shows
//! each reading with its rule and default, the HR admin records a version that the checks then
//! read, a refused change answers 422 naming each field and writes nothing, a version dated
//! tomorrow is scheduled and does not change today's policies, and only the HR admin writes.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::{Method, StatusCode};
use common::assignments::{call, official};
use common::{app, nip, text};
use serde_json::{Value, json};
use sikerja_domain::assignment::CountWindow;
use sikerja_storage::policies::today;

fn body(effective_from: &str, policies: Value) -> Value {
    json!({
        "effective_from": effective_from,
        "legal_basis": "Keputusan Bupati Nomor 800/21/2026 tanggal 1 Desember 2026",
        "policies": policies,
    })
}

fn defaults() -> Value {
    json!({
        "assessor_policy": "placement_decides",
        "span_of_control_threshold": 15,
        "count_window": "calendar_year",
        "enforce_lead_rules_within_unit": false,
        "pppk_min_golongan": 9,
        "authority_position_code": null,
        "report_period": "monthly",
        "report_grace_days": 5,
        "report_addressees": "both",
        "classifications": [],
        "budget_regulation": null,
    })
}

#[tokio::test]
async fn the_api_records_dated_versions_and_refuses_bad_values_naming_each_field() {
    let app = app().await;
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id;
    let uri = format!("/api/v1/agencies/{}/policies", agency.0);
    let mut admin = app.admin.clone();
    admin.get(&app, "/admin/kebijakan").await;

    let (status, v) = call(&mut admin, &app, Method::GET, &uri, None).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    assert_eq!(v["history"], json!([]));
    assert_eq!(v["in_force"]["count_window"], "calendar_year");
    assert_eq!(v["defaults"]["span_of_control_threshold"], 15);

    // Refused whole: each problem with its field (and rule where one applies); nothing written.
    let mut bad = defaults();
    bad["span_of_control_threshold"] = json!(0);
    bad["count_window"] = json!("weekly");
    bad["classifications"] = json!([{"kind": "surat_tugas", "code": "800/1"}]);
    let yesterday = today().add_days(-1).unwrap().to_string();
    let (status, v) = call(
        &mut admin,
        &app,
        Method::POST,
        &uri,
        Some(body(&yesterday, bad)),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["code"], "policy_invalid");
    let details = v["error"]["details"].as_array().unwrap();
    let fields: Vec<&str> = details
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    for f in [
        "count_window",
        "span_of_control_threshold",
        "classifications",
        "effective_from",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    let span = details
        .iter()
        .find(|d| d["field"] == "span_of_control_threshold")
        .unwrap();
    assert_eq!(span["rule_id"], "KED-10");
    let mut unknown = defaults();
    unknown["authority_position_code"] = json!("tidak-ada");
    let (status, v) = call(
        &mut admin,
        &app,
        Method::POST,
        &uri,
        Some(body(&today().to_string(), unknown)),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert_eq!(v["error"]["details"][0]["field"], "authority_position_code");
    assert!(
        app.store
            .agency_policy_history(agency)
            .await
            .unwrap()
            .is_empty()
    );

    // Dated tomorrow: scheduled, today's policies unchanged.
    let mut concurrent = defaults();
    concurrent["count_window"] = json!("concurrent");
    concurrent["authority_position_code"] = json!("kadis");
    concurrent["classifications"] = json!([{"kind": "surat_tugas", "code": "800.1.11.2"}]);
    let tomorrow = today().add_days(1).unwrap().to_string();
    let (status, v) = call(
        &mut admin,
        &app,
        Method::POST,
        &uri,
        Some(body(&tomorrow, concurrent)),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    assert_eq!(v["in_force"]["count_window"], "calendar_year");
    assert_eq!(v["history"][0]["scheduled"], true);
    assert_eq!(
        v["history"][0]["policies"]["authority_position_code"],
        "kadis"
    );
    assert_eq!(
        v["history"][0]["policies"]["classifications"][0]["code"],
        "800.1.11.2"
    );
    assert_eq!(
        app.store
            .agency_policies_on(agency, today())
            .await
            .unwrap()
            .assignment
            .window,
        CountWindow::CalendarYear
    );

    // Others may read within their reach but never write.
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let (status, _) = call(&mut pelaksana, &app, Method::GET, &uri, None).await;
    assert_eq!(status, StatusCode::OK);
    let (status, v) = call(
        &mut pelaksana,
        &app,
        Method::POST,
        &uri,
        Some(body(&today().to_string(), defaults())),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{v}");
    assert_eq!(
        app.store.agency_policy_history(agency).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn the_policy_page_shows_rules_and_defaults_and_records_a_version_from_today() {
    let app = app().await;
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id;
    let mut admin = app.admin.clone();
    let page = admin.get(&app, "/admin/kebijakan").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for rule in [
        "KED-12", "KED-10", "PEN-07", "PEN-08", "PEN-15", "LAP-02", "DOC-05", "KIN-01",
    ] {
        assert!(page.body.contains(rule), "{rule}");
    }
    assert!(page.body.contains("Bawaan: 15"));
    let today = today().to_string();
    let form = |basis: &'static str| {
        vec![
            ("effective_from", today.clone()),
            ("legal_basis", basis.to_string()),
            ("assessor_policy", "placement_decides".to_string()),
            ("span_of_control_threshold", "20".to_string()),
            ("count_window", "concurrent".to_string()),
            ("enforce_lead_rules_within_unit", "1".to_string()),
            ("pppk_min_golongan", "10".to_string()),
            ("authority_position_code", String::new()),
            ("report_period", "monthly".to_string()),
            ("report_grace_days", "5".to_string()),
            ("report_addressees", "both".to_string()),
            ("classification_regent_decree", "100.3.3".to_string()),
            (
                "budget_regulation",
                "Peraturan Daerah Nomor 5 Tahun 2025".to_string(),
            ),
            ("assessment_cadence", "monthly".to_string()),
            ("assessment_opens_days_before_end", "3".to_string()),
            ("assessment_closes_days_after_end", "10".to_string()),
            ("assessment_annual_closes_days_after_end", "31".to_string()),
        ]
    };
    let pairs = |f: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { f.clone() };

    // Refused: the page again with the message, nothing written.
    let refused_form = pairs(&form("  "));
    let refused: Vec<(&str, &str)> = refused_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = admin.post(&app, "/admin/kebijakan", &refused).await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    let html = scraper::Html::parse_document(&answer.body);
    assert!(text(&html, ".form-error").unwrap().contains("Dasar hukum"));
    assert!(
        app.store
            .agency_policy_history(agency)
            .await
            .unwrap()
            .is_empty()
    );

    let good_form = pairs(&form("SK Bupati Nomor 800/30/2026"));
    let good: Vec<(&str, &str)> = good_form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let answer = admin.post(&app, "/admin/kebijakan", &good).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let now = app
        .store
        .agency_policies_on(agency, sikerja_storage::policies::today())
        .await
        .unwrap();
    assert_eq!(now.assignment.window, CountWindow::Concurrent);
    assert!(now.assignment.enforce_lead_rules_within_unit);
    assert_eq!(now.assignment.pppk_min_golongan, 10);
    assert_eq!(now.placement.span_of_control_threshold, 20);
    assert_eq!(
        now.letters
            .classification(sikerja_domain::workflow::LetterKind::RegentDecree),
        Some("100.3.3")
    );
    // KIN-01: the assessment periods are the agency's (issue 16).
    assert_eq!(
        now.assessment.cadence,
        sikerja_domain::performance::PeriodCadence::Monthly
    );
    assert_eq!(now.assessment.opens_days_before_end, 3);
    assert_eq!(now.assessment.closes_days_after_end, 10);
    let page = admin.get(&app, "/admin/kebijakan?tersimpan=1").await;
    assert!(page.body.contains("SK Bupati Nomor 800/30/2026"));
    assert!(page.body.contains("berlaku"));

    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    assert_eq!(
        pelaksana.get(&app, "/admin/kebijakan").await.status,
        StatusCode::FORBIDDEN
    );
}
