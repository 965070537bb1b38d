//! The upload of the whole agency at `/admin/impor` (issue 14 point 3): the HR admin uploads
//! the workbook or the JSON, sees what the import would create, change and remove with nothing
//! saved, saves with the one-time token and sees the agency; a bad file lists every problem in
//! Indonesian by sheet, row and column and saves nothing; a file of another agency, a used
//! token and anyone but the HR admin are refused.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::StatusCode;
use common::{Browser, TEST_PASSWORD, TestApp, app, give_password, nip, text, texts};
use serde_json::{Value, json};
use sikerja_domain::bundle::AgencyBundle;
use sikerja_domain::regional_heads::RegionalOffice;

const JSON: &str = "application/json";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn exported(app: &TestApp) -> AgencyBundle {
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id;
    app.store.export_agency(agency).await.unwrap()
}

/// Keeps a page for a screenshot at 390 px when `SIKERJA_SCREENSHOT_DIR` names a folder
/// (`chromium --headless --window-size=390,1200 --screenshot file://…`).
fn keep(name: &str, body: &str) {
    if let Ok(dir) = std::env::var("SIKERJA_SCREENSHOT_DIR") {
        let css = concat!(env!("CARGO_MANIFEST_DIR"), "/static/sikerja.css");
        let page = body.replace("/static/sikerja.css", &format!("file://{css}"));
        std::fs::write(std::path::Path::new(&dir).join(name), page).unwrap();
    }
}

async fn preview(app: &TestApp, b: &mut Browser, file: (&str, &str, &[u8])) -> common::Answer {
    b.get(app, "/admin/impor").await;
    b.post_files(app, "/admin/impor/pratinjau", &[], &[file])
        .await
}

#[tokio::test]
async fn the_hr_admin_previews_an_xlsx_and_a_json_then_saves_and_sees_the_agency() {
    let app = app().await;
    let mut admin = app.admin.clone();
    let page = admin.get(&app, "/admin/impor").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        text(&page.html(), ".admin-tabs a[aria-current=page]").as_deref(),
        Some("Impor")
    );

    // The workbook: a department renamed and a Bupati added.
    let mut b = exported(&app).await;
    let before = b.departments[0].name.clone();
    b.departments[0].name = format!("{before} Kabupaten");
    b.regional_heads = vec![sikerja_domain::bundle::RegionalHeadRecord {
        office: RegionalOffice::Regent,
        title: "Bupati Uji".into(),
        name: "H. Saidi Mansyur".into(),
        username: "bupati.uji".into(),
        from: Some(sikerja_domain::assignment::Day::parse("2021-02-26").unwrap()),
        until: None,
        basis_number: None,
        basis_date: None,
        end_basis_number: None,
        end_basis_date: None,
    }];
    let xlsx = sikerja_transfer::write_xlsx(&b).unwrap();
    let shown = preview(&app, &mut admin, ("instansi.xlsx", XLSX, &xlsx)).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    keep("impor-pratinjau.html", &shown.body);
    let html = shown.html();
    let changed = texts(&html, ".import-list ul.changed li");
    assert!(
        changed
            .iter()
            .any(|c| c.contains(&format!("{before} Kabupaten"))),
        "{changed:?}"
    );
    let added = texts(&html, ".import-list ul.added li");
    assert!(
        added.iter().any(|c| c.contains("H. Saidi Mansyur")),
        "{added:?}"
    );
    assert!(text(&html, "#ringkasan-impor").unwrap().contains("1 baru"));
    // Nothing saved yet.
    assert_eq!(exported(&app).await.departments[0].name, before);
    assert!(exported(&app).await.regional_heads.is_empty());

    // A JSON preview replaces the workbook's: its token is the one that saves.
    let mut j = b.clone();
    j.units[0].name = "Dinas Diubah".into();
    let json = sikerja_transfer::write_json(&j);
    let shown = preview(&app, &mut admin, ("instansi.json", JSON, &json)).await;
    assert_eq!(shown.status, StatusCode::OK, "{}", shown.body);
    let token = shown
        .html()
        .select(&common::sel("#simpan-impor input[name=token]"))
        .next()
        .and_then(|e| e.value().attr("value").map(str::to_string))
        .unwrap();
    let saved = admin.post(&app, "/admin/impor", &[("token", &token)]).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let location = saved.location.unwrap();
    assert!(location.starts_with("/admin/impor?diimpor="), "{location}");
    let after = admin.get(&app, &location).await;
    assert!(
        text(&after.html(), "#diimpor")
            .unwrap()
            .contains("telah diimpor")
    );
    let now = exported(&app).await;
    assert_eq!(now.units[0].name, "Dinas Diubah");
    assert_eq!(now.regional_heads.len(), 1);
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id;
    let department = app
        .store
        .departments(Some(agency))
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.department.code == b.departments[0].code)
        .unwrap()
        .department
        .id;
    let page = admin
        .get(&app, &format!("/perangkat-daerah/{}", department.0))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!("{before} Kabupaten")),
        "the agency is seen"
    );

    // The token is used once.
    let again = admin.post(&app, "/admin/impor", &[("token", &token)]).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("tidak lagi berlaku"));
}

#[tokio::test]
async fn a_bad_file_lists_every_problem_in_indonesian_and_saves_nothing() {
    let app = app().await;
    let mut admin = app.admin.clone();
    let b = exported(&app).await;
    let mut v: Value = serde_json::from_slice(&sikerja_transfer::write_json(&b)).unwrap();
    v["employees"][0]["nip"] = json!("12345");
    v["units"][1]["parent_code"] = json!("tidak-ada");
    v["departments"][0]["name"] = json!("Berubah");
    let bytes = serde_json::to_vec(&v).unwrap();
    let shown = preview(&app, &mut admin, ("instansi.json", JSON, &bytes)).await;
    assert_eq!(shown.status, StatusCode::UNPROCESSABLE_ENTITY);
    keep("impor-masalah.html", &shown.body);
    let problems = texts(&shown.html(), "#masalah li");
    assert!(problems.len() >= 2, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("employees[0].nip") && p.contains("NIP")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("units[1].parent_code")),
        "{problems:?}"
    );
    assert_eq!(exported(&app).await, b, "nothing saved");

    // A workbook whose agency is another one: refused, nothing saved.
    let mut other = b.clone();
    other.agency.code = "kab-lain".into();
    let xlsx = sikerja_transfer::write_xlsx(&other).unwrap();
    let shown = preview(&app, &mut admin, ("lain.xlsx", XLSX, &xlsx)).await;
    assert_eq!(shown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(shown.body.contains("hanya instansi Anda"), "{}", shown.body);
    assert!(app.store.agency_by_code("kab-lain").await.is_err());

    // Someone who is not the HR admin may not.
    give_password(&app.store, nip::PELAKSANA, TEST_PASSWORD, false).await;
    let mut p = Browser::new();
    p.sign_in(&app, nip::PELAKSANA, TEST_PASSWORD).await;
    p.get(&app, "/akun/kata-sandi").await;
    let refused = p.get(&app, "/admin/impor").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}
