//! The execution and review dashboard (issue 18; LAP-01..05, MEK-05): `/dasbor/pelaksanaan`
//! draws its three charts beside tables holding a running team's numbers — a report sent on
//! time, a result waiting at its first reviewer, a problem just raised —, its XLSX opens with
//! three sheets, the API answers the same numbers, and a Pelaksana is refused.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::StatusCode;
use common::assignments::official;
use common::execution::team_with_execution_numbers;
use common::{app, nip, sel, texts};

/// The first body row of the table captioned `caption`.
fn row_of(page: &scraper::Html, caption: &str) -> Vec<String> {
    let table = page
        .select(&sel("table"))
        .find(|t| {
            t.select(&sel("caption"))
                .next()
                .is_some_and(|c| c.text().collect::<String>().starts_with(caption))
        })
        .unwrap_or_else(|| panic!("no table {caption}"));
    table
        .select(&sel("tbody tr:first-child > *"))
        .map(|c| c.text().collect::<String>().trim().to_string())
        .collect()
}

#[tokio::test]
async fn lap_02_mek_05_lap_05_the_execution_dashboard_draws_the_running_team() {
    let app = app().await;
    team_with_execution_numbers(&app).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;

    let index = app.page("/dasbor").await;
    assert!(
        index
            .select(&sel("a[href='/dasbor/pelaksanaan']"))
            .next()
            .is_some()
    );
    let page = app.page("/dasbor/pelaksanaan").await;
    assert_eq!(texts(&page, "figure.dash-chart figcaption").len(), 3);
    let bars: Vec<_> = page
        .select(&sel("figure.dash-chart svg[role=img]"))
        .collect();
    assert!(bars.len() >= 3, "{}", bars.len());
    for svg in &bars {
        let id = svg.value().attr("aria-labelledby").unwrap();
        assert!(page.select(&sel(&format!("title#{id}"))).next().is_some());
    }
    for rule in ["LAP-02", "MEK-05", "LAP-05"] {
        assert!(
            page.select(&sel(&format!("a[href='/aturan/{rule}']")))
                .next()
                .is_some(),
            "{rule}"
        );
    }
    assert_eq!(
        row_of(&page, "Ketepatan waktu laporan"),
        ["Dinas Kesehatan", "1", "0", "0"]
    );
    let reviewer = row_of(&page, "Hasil yang menunggu reviu");
    assert_eq!(reviewer[3], "1", "{reviewer:?}");
    assert_eq!(reviewer[4], "0", "{reviewer:?}");
    assert_eq!(
        row_of(&page, "Permasalahan terbuka"),
        ["Dinas Kesehatan", "1", "0", "0", "1"]
    );

    // The XLSX: one sheet per table.
    use calamine::Reader;
    let (status, _, bytes) = app
        .send_authed(common::get("/dasbor/pelaksanaan?format=xlsx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(wb.sheet_names().len(), 3);

    // The API: the same numbers.
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id.0;
    let (status, body) = app
        .json(&format!("/api/v1/dashboards/pelaksanaan?agency={agency}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["kind"], "pelaksanaan");
    let e = &body["execution"];
    assert_eq!(e["reports"][0]["on_time"], 1, "{body}");
    assert_eq!(e["reports"][0]["late"], 0);
    assert_eq!(e["reviewers"][0]["waiting"], 1);
    assert_eq!(e["issues"][0]["under_7_days"], 1);
    assert_eq!(e["rules"][1]["rule_id"], "MEK-05");

    // A Pelaksana may not open it.
    let answer = pelaksana.get(&app, "/dasbor/pelaksanaan").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    let answer = pelaksana.get(&app, "/api/v1/dashboards/pelaksanaan").await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
}
