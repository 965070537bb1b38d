//! The dashboards (issue 18): `/dasbor`, `/dasbor/kedudukan` with its chart, its table and
//! its XLSX, the API's numbers with the scope echoed, and the scope refusing a Pelaksana.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::{StatusCode, header};
use common::{Browser, TEST_PASSWORD, TestApp, app, give_password, nip, sel, texts};
use scraper::Html;
use sikerja_storage::{PlacementFilter, PlacementStatus};

async fn signed_in(app: &TestApp, login: &str) -> Browser {
    give_password(&app.store, login, TEST_PASSWORD, false).await;
    let mut b = Browser::new();
    let answer = b.sign_in(app, login, TEST_PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    b
}

/// Placed and unresolved of the test Dinas, counted through the placement list (not the
/// dashboard's aggregate).
async fn counts(app: &TestApp) -> (usize, usize) {
    let count = |status| {
        let store = app.store.clone();
        async move {
            store
                .placements(&PlacementFilter {
                    status: Some(status),
                    ..Default::default()
                })
                .await
                .unwrap()
                .len()
        }
    };
    (
        count(PlacementStatus::Placed).await,
        count(PlacementStatus::Unresolved).await,
    )
}

#[tokio::test]
async fn the_placement_dashboard_draws_its_chart_beside_the_fixture_numbers() {
    let app = app().await;
    let (placed, unresolved) = counts(&app).await;
    assert!(placed > 0);

    let index = app.page("/dasbor").await;
    assert!(
        index
            .select(&sel("a[href='/dasbor/kedudukan']"))
            .next()
            .is_some()
    );
    let page = app.page("/dasbor/kedudukan").await;
    // The header offers the dashboards.
    assert!(page.select(&sel("a.dashboard-link")).next().is_some());
    // Charts: figures with captions, bars as svg role=img labelled by their <title>.
    let bars: Vec<_> = page
        .select(&sel("figure.dash-chart svg[role=img]"))
        .collect();
    assert!(bars.len() >= 2, "{}", bars.len());
    for svg in &bars {
        let id = svg.value().attr("aria-labelledby").unwrap();
        assert!(page.select(&sel(&format!("title#{id}"))).next().is_some());
        assert_eq!(svg.value().attr("width"), Some("100%"));
    }
    assert!(page.select(&sel("svg rect.bar-seg")).next().is_some());
    assert!(
        page.select(&sel("svg rect.seg-limit")).next().is_some(),
        "KED-10 line"
    );
    assert_eq!(texts(&page, "figure.dash-chart figcaption").len(), 2);
    // The table beside: the Dinas with its numbers from the placement list.
    let row: Vec<String> = texts(&page, "table tbody tr:first-child > *");
    assert_eq!(row[0], "Dinas Kesehatan");
    assert_eq!(row[1], placed.to_string());
    assert_eq!(row[2], unresolved.to_string());
    assert!(page.select(&sel("table caption")).count() >= 2);
    assert!(page.select(&sel("th[scope=row]")).next().is_some());
    // The rule of the limit, with its article.
    assert!(
        page.select(&sel("a[href='/aturan/KED-10']"))
            .next()
            .is_some()
    );
    assert!(
        page.root_element()
            .text()
            .any(|t| t.contains("Lampiran I.x.1.b"))
    );

    // The XLSX of its tables opens and holds the same numbers.
    use calamine::Reader;
    let (status, response, bytes) = app
        .send_authed(common::get("/dasbor/kedudukan?format=xlsx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names.len(), 2, "{names:?}");
    let range = wb.worksheet_range(&names[0]).unwrap();
    let dinkes: Vec<String> = range
        .rows()
        .find(|r| r[0] == "Dinas Kesehatan")
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(dinkes[1], placed.to_string());
    assert_eq!(dinkes[2], unresolved.to_string());
}

#[tokio::test]
async fn the_api_answers_the_numbers_with_the_scope() {
    let app = app().await;
    let (placed, _) = counts(&app).await;
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id.0;
    // The test token reaches every agency: it must name one.
    let (status, body) = app.json("/api/v1/dashboards/kedudukan").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "agency_required");
    let (status, body) = app
        .json(&format!("/api/v1/dashboards/kedudukan?agency={agency}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["kind"], "kedudukan");
    assert_eq!(body["scope"]["kind"], "agency");
    assert_eq!(body["scope"]["agency"], agency);
    let d = &body["placement"]["departments"][0];
    assert_eq!(d["name"], "Dinas Kesehatan");
    assert_eq!(d["placed"], placed as u64);
    assert_eq!(body["placement"]["rule_id"], "KED-10");
    assert!(!body["placement"]["spans"].as_array().unwrap().is_empty());
    let (status, _) = app.json("/api/v1/dashboards/tidak-ada?agency=1").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_scope_refuses_a_pelaksana_and_narrows_a_kepala_bidang() {
    let app = app().await;
    let mut pelaksana = signed_in(&app, nip::PELAKSANA).await;
    for path in ["/dasbor", "/dasbor/kedudukan"] {
        let answer = pelaksana.get(&app, path).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{path}");
    }
    let answer = pelaksana.get(&app, "/api/v1/dashboards/kedudukan").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    assert!(answer.body.contains("\"forbidden\""), "{}", answer.body);
    // No header link for them.
    let home = pelaksana.get(&app, "/").await;
    assert!(!home.body.contains("dashboard-link"));

    // A Kepala Bidang: their Bidang and its subtree only.
    let mut kabid = signed_in(&app, nip::KABID).await;
    let answer = kabid.get(&app, "/api/v1/dashboards/kedudukan").await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let body: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
    assert_eq!(body["scope"]["kind"], "within");
    assert_eq!(body["scope"]["units"].as_array().unwrap().len(), 1);
    let page = kabid.get(&app, "/dasbor/kedudukan").await;
    assert_eq!(page.status, StatusCode::OK);
    let html = Html::parse_document(&page.body);
    assert!(
        html.select(&sel("figure.dash-chart svg[role=img]"))
            .next()
            .is_some()
    );
    // Another department is outside the scope.
    let answer = kabid.get(&app, "/dasbor/kedudukan?pd=999999").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}
