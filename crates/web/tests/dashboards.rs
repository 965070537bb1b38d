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

/// The cells of the row named `name` in the page's first table.
fn first_table_row(page: &Html, name: &str) -> Vec<String> {
    let table = page.select(&sel("table")).next().unwrap();
    table
        .select(&sel("tbody tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect::<Vec<_>>()
        })
        .find(|r| r.first().is_some_and(|c| c == name))
        .unwrap_or_default()
}

/// Definitive post holders of the test Dinas, counted from the organisation (not the
/// dashboard's aggregate): with no agreement yet, each is "belum dibuat".
async fn dinkes_holders(app: &TestApp) -> usize {
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id;
    let org = app.store.load_organisation(agency).await.unwrap();
    let dinkes = org
        .departments
        .iter()
        .find(|d| d.name == "Dinas Kesehatan")
        .unwrap()
        .id;
    org.employees
        .iter()
        .filter_map(|e| e.position)
        .filter(|p| {
            let pos = org.positions.iter().find(|x| x.id == *p).unwrap();
            org.units
                .iter()
                .any(|u| u.id == pos.unit && u.department == dinkes)
        })
        .count()
}

#[tokio::test]
async fn str_kin_02_the_planning_and_performance_dashboards_draw_charts_beside_their_numbers() {
    let app = app().await;
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id;
    let index = app.page("/dasbor").await;
    for kind in ["perencanaan", "kinerja"] {
        assert!(
            index
                .select(&sel(&format!("a[href='/dasbor/{kind}']")))
                .next()
                .is_some(),
            "{kind}"
        );
        let page = app.page(&format!("/dasbor/{kind}")).await;
        let bars: Vec<_> = page
            .select(&sel("figure.dash-chart svg[role=img]"))
            .collect();
        // (The fixture has no targets: the realisation panel says so instead of bars.)
        assert!(!bars.is_empty(), "{kind}");
        for svg in &bars {
            let id = svg.value().attr("aria-labelledby").unwrap();
            assert!(page.select(&sel(&format!("title#{id}"))).next().is_some());
        }
        assert_eq!(texts(&page, "figure.dash-chart figcaption").len(), 2);
        assert!(page.select(&sel("select[name=periode]")).next().is_some());
        // The XLSX of its two tables opens.
        use calamine::Reader;
        let (status, _, bytes) = app
            .send_authed(common::get(&format!("/dasbor/{kind}?format=xlsx")))
            .await;
        assert_eq!(status, StatusCode::OK, "{kind}");
        let mut wb: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let names = wb.sheet_names();
        assert_eq!(names.len(), 2, "{kind}");
        let range = wb.worksheet_range(&names[0]).unwrap();
        assert!(range.rows().any(|r| r[0] == "Dinas Kesehatan"), "{kind}");
    }

    // Planning: nobody has an agreement for 2026, so every post holder is "belum dibuat".
    let holders = dinkes_holders(&app).await;
    let page = app.page("/dasbor/perencanaan?periode=2026").await;
    let row = first_table_row(&page, "Dinas Kesehatan");
    assert_eq!(row[4], holders.to_string(), "{row:?}");
    assert_eq!(row[5], holders.to_string(), "{row:?}");
    assert!(
        page.select(&sel("a[href='/aturan/MEK-02']"))
            .next()
            .is_some()
    );
    assert!(
        page.select(&sel("a[href='/aturan/MEK-05']"))
            .next()
            .is_some()
    );

    // Performance: the same numbers as the assessment pages' progress.
    let period = sikerja_storage::performance::PeriodRef::parse("2026-q3").unwrap();
    let progress = app.store.assessment_progress(agency, period).await.unwrap();
    let dinkes = progress
        .iter()
        .find(|p| p.name == "Dinas Kesehatan")
        .unwrap();
    let page = app.page("/dasbor/kinerja?periode=2026-q3").await;
    let row = first_table_row(&page, "Dinas Kesehatan");
    assert_eq!(row[1], dinkes.employees.to_string(), "{row:?}");
    assert_eq!(row[5], dinkes.not_opened.to_string(), "{row:?}");
    assert!(
        page.select(&sel("a[href='/aturan/KIN-02']"))
            .next()
            .is_some()
    );
    assert!(
        page.select(&sel("option[value='2026-q3'][selected]"))
            .next()
            .is_some()
    );

    // A period or year that is not one: 422.
    for path in [
        "/dasbor/kinerja?periode=2026-q9",
        "/dasbor/perencanaan?periode=20x6",
    ] {
        let (status, _, _) = app.send_authed(common::get(path)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
    }

    // The API: the same numbers, with the period.
    let (status, body) = app
        .json(&format!(
            "/api/v1/dashboards/perencanaan?agency={}&period=2026",
            agency.0
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["planning"]["year"], 2026);
    let dinkes_agreements = body["planning"]["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "Dinas Kesehatan")
        .unwrap();
    assert_eq!(dinkes_agreements["missing"], holders as u64);
    assert_eq!(body["planning"]["rule_ids"][0], "MEK-02");
    let (status, body) = app
        .json(&format!(
            "/api/v1/dashboards/kinerja?agency={}&period=2026-q3",
            agency.0
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["performance"]["period"], "2026-q3");
    let dinkes_assessments = body["performance"]["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == "Dinas Kesehatan")
        .unwrap();
    assert_eq!(dinkes_assessments["employees"], u64::from(dinkes.employees));
    assert_eq!(body["performance"]["rule_id"], "KIN-02");
    assert!(body.get("placement").is_none());

    // A Pelaksana opens neither.
    let mut pelaksana = signed_in(&app, nip::PELAKSANA).await;
    for path in [
        "/dasbor/perencanaan",
        "/dasbor/kinerja",
        "/api/v1/dashboards/kinerja",
    ] {
        let answer = pelaksana.get(&app, path).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{path}");
    }
}

/// The charts of a dashboard page: each bar labelled by its title, 100% wide.
fn charts_drawn(page: &Html) -> usize {
    let bars: Vec<_> = page
        .select(&sel("figure.dash-chart svg[role=img]"))
        .collect();
    for svg in &bars {
        let id = svg.value().attr("aria-labelledby").unwrap();
        assert!(page.select(&sel(&format!("title#{id}"))).next().is_some());
        assert_eq!(svg.value().attr("width"), Some("100%"));
    }
    bars.len()
}

/// The rows of the table captioned `caption`, as texts.
fn table_rows(page: &Html, caption: &str) -> Vec<Vec<String>> {
    let table = page
        .select(&sel("table"))
        .find(|t| {
            t.select(&sel("caption"))
                .next()
                .is_some_and(|c| c.text().collect::<String>().trim() == caption)
        })
        .unwrap_or_else(|| panic!("table {caption}"));
    table
        .select(&sel("tbody tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(|c| c.text().collect::<String>().trim().to_string())
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn pen_05_06_the_assignment_dashboard_draws_workload_scope_and_timeline_beside_its_numbers() {
    let app = app().await;
    common::assignments::team_this_year(&app).await;
    let lead = app
        .store
        .employee_by_nip(&sikerja_domain::Nip::parse(nip::AHLI_MUDA).unwrap())
        .await
        .unwrap()
        .employee
        .name;

    let index = app.page("/dasbor").await;
    assert!(
        index
            .select(&sel("a[href='/dasbor/penugasan']"))
            .next()
            .is_some()
    );
    let page = app.page("/dasbor/penugasan").await;
    assert!(charts_drawn(&page) >= 4);
    assert_eq!(texts(&page, "figure.dash-chart figcaption").len(), 4);
    assert!(page.select(&sel("svg rect.seg-limit")).next().is_some());
    // PEN-05: the lead in her own Unit Organisasi once, against at most 3 — rule and article.
    let rows = table_rows(
        &page,
        "Penugasan tim di Unit Organisasi sendiri per pegawai (PEN-05)",
    );
    let row = rows.iter().find(|r| r[0] == lead).expect("the lead's row");
    assert_eq!(row[3], "1");
    assert_eq!(row[4], "3");
    assert_eq!(row[5], "tidak");
    for (rule, article) in [
        ("PEN-05", "Pasal 9 ayat 4"),
        ("PEN-06", "Pasal 9 ayat 5"),
        ("PEN-12", "Pasal 14"),
    ] {
        assert!(
            page.select(&sel(&format!("a[href='/aturan/{rule}']")))
                .next()
                .is_some(),
            "{rule}"
        );
        assert!(page.root_element().text().any(|t| t.contains(article)));
    }
    // By scope and instrument: the within-unit team, requested.
    let rows = table_rows(&page, "Penugasan menurut lingkup, instrumen dan status");
    assert!(
        rows[0][0].starts_with("dalam Unit Organisasi — Surat Tugas"),
        "{rows:?}"
    );
    // The timeline: a unit to choose, the lead's period.
    assert!(
        page.select(&sel("select[name=unit] option"))
            .next()
            .is_some()
    );
    let caption = texts(&page, "figure.dash-chart figcaption")
        .into_iter()
        .find(|c| c.starts_with("Periode penugasan di"))
        .unwrap();
    let rows = table_rows(&page, &caption);
    assert!(
        rows.iter().any(|r| r[1] == "Tim Dasbor Rujukan"),
        "{rows:?}"
    );
    // A unit that cannot be read is refused; one outside the scope is never drawn.
    let (status, _) = app.get("/dasbor/penugasan?unit=abc").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let page = app.page("/dasbor/penugasan?unit=999999").await;
    assert!(charts_drawn(&page) >= 4);

    // The XLSX: one sheet per table.
    let (status, _, bytes) = app
        .send_authed(common::get("/dasbor/penugasan?format=xlsx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    use calamine::Reader;
    let wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(wb.sheet_names().len(), 4);

    // The API: the same numbers, the limits with their rules.
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id.0;
    let (status, body) = app
        .json(&format!("/api/v1/dashboards/penugasan?agency={agency}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let a = &body["assignments"];
    assert_eq!(a["window"], "calendar_year");
    assert_eq!(a["limits"][0]["rule_id"], "PEN-05");
    assert_eq!(a["limits"][1]["rule_id"], "PEN-06");
    let w = a["workload"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["name"] == lead.as_str())
        .unwrap();
    assert_eq!(w["own_unit"], 1);
    assert_eq!(a["by_scope"][0]["scope"], "within_unit");
    assert!(!a["timeline"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn pen_18_the_workflow_dashboard_draws_waiting_times_and_open_steps_beside_its_numbers() {
    let app = app().await;
    common::assignments::team_this_year(&app).await;
    let index = app.page("/dasbor").await;
    assert!(
        index
            .select(&sel("a[href='/dasbor/alur']"))
            .next()
            .is_some()
    );
    let page = app.page("/dasbor/alur").await;
    assert!(charts_drawn(&page) >= 3);
    assert!(
        page.select(&sel("a[href='/aturan/PEN-18']"))
            .next()
            .is_some()
    );
    // The lead's receipt taken; the Pelaksana's waiting, within the 72 hours.
    let rows = table_rows(&page, "Lama menunggu per langkah alur");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0][0].starts_with("Penunjukan di dalam Unit Organisasi — "));
    assert_eq!(rows[0][1], "1");
    let rows = table_rows(&page, "Langkah yang sedang menunggu");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0][1], "1");
    assert_eq!(rows[0][2], "0");

    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id.0;
    let (status, body) = app
        .json(&format!("/api/v1/dashboards/alur?agency={agency}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let w = &body["workflows"];
    assert_eq!(w["escalation_hours"], 72);
    assert_eq!(w["steps"][0]["key"], "receive");
    assert_eq!(w["steps"][0]["taken"], 1);
    assert_eq!(w["open"][0]["open"], 1);
    assert_eq!(w["open"][0]["overdue"], 0);
    assert_eq!(w["rule_id"], "PEN-18");
}

#[tokio::test]
async fn the_assignment_and_workflow_dashboards_refuse_a_pelaksana() {
    let app = app().await;
    let mut pelaksana = signed_in(&app, nip::PELAKSANA).await;
    for path in [
        "/dasbor/penugasan",
        "/dasbor/alur",
        "/api/v1/dashboards/penugasan",
        "/api/v1/dashboards/alur",
    ] {
        let answer = pelaksana.get(&app, path).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{path}");
    }
}
