//! The regional heads' terms of office in the API and on the admin page (issue 14 point 4): a
//! regency imported without the demo records its Bupati through the API (the one-time password
//! comes back once, and the Bupati signs in with their username); an overlapping term is
//! refused with its code and Indonesian message; a write token lists the terms; the admin page
//! lists them, refuses a bad end with its reason (422) and ends a term, after which its holder
//! no longer signs in.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::StatusCode;
use common::assignments::{get_ok, post};
use common::{Browser, app, text};
use serde_json::json;

fn bupati(name: &str, username: &str, from: &str) -> serde_json::Value {
    json!({
        "office": "regent",
        "title": "Bupati Uji",
        "name": name,
        "username": username,
        "from": from,
        "basis_number": "100.2.1.3-1234 Tahun 2021",
        "basis_date": "2021-02-20",
    })
}

#[tokio::test]
async fn the_bupati_of_an_imported_regency_is_recorded_through_the_api_and_signs_in() {
    let app = app().await;
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id.0;
    let uri = format!("/api/v1/agencies/{agency}/regional-heads");
    let mut admin = app.admin.clone();
    let (status, added) = post(
        &mut admin,
        &app,
        &uri,
        bupati("H. Saidi Mansyur", "bupati.uji", "2021-02-26"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let password = added["temporary_password"].as_str().unwrap().to_string();
    // One person per office at a time: the successor while the term is open is refused.
    let (status, refused) = post(
        &mut admin,
        &app,
        &uri,
        bupati("H. Andin", "andin", "2026-02-26"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{refused}");
    assert_eq!(refused["error"]["code"], "term_overlaps");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("paling lambat 25 Februari 2026")
    );
    // A Gubernur is not an office of a regency.
    let mut governor = bupati("X", "gub", "2026-02-26");
    governor["office"] = json!("governor");
    let (status, refused) = post(&mut admin, &app, &uri, governor).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["error"]["code"], "regional_office_not_of_agency");
    // The admin's write token lists them too.
    let (status, list) = app.json(&uri).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list[0]["name"], "H. Saidi Mansyur");
    assert_eq!(list[0]["status"], "in_office");
    assert_eq!(list[0]["from"], "2021-02-26");
    let listed = get_ok(&mut admin, &app, &uri).await;
    assert_eq!(listed, list);
    // The Bupati signs in with the username and the one-time password.
    let mut b = Browser::new();
    let answer = b.sign_in(&app, "bupati.uji", &password).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    // Ending the term: refused before it starts, then ended; the holder no longer signs in.
    let end = format!("{uri}/end");
    let term = list[0]["id"].as_i64().unwrap();
    let (status, refused) = post(
        &mut admin,
        &app,
        &end,
        json!({"term": term, "until": "2020-01-01"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["error"]["code"], "term_ends_before_start");
    let (status, body) = post(
        &mut admin,
        &app,
        &end,
        json!({"term": term, "until": "2021-03-01", "basis_number": "100.2.1.3-9 Tahun 2021", "basis_date": "2021-03-01"}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let mut again = Browser::new();
    let answer = again.sign_in(&app, "bupati.uji", &password).await;
    assert_ne!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
}

#[tokio::test]
async fn the_admin_page_records_and_ends_terms_and_shows_a_vacant_office() {
    let app = app().await;
    let page = app.page("/admin/kepala-daerah").await;
    assert!(text(&page, "#jabatan-kosong").is_some(), "no head: vacant");
    assert!(text(&page, "#belum-ada").is_some());
    let mut admin = app.admin.clone();
    admin.get(&app, "/admin/kepala-daerah").await;
    let form = [
        ("office", "regent"),
        ("title", "Bupati Uji"),
        ("name", "H. Saidi Mansyur"),
        ("username", "bupati.uji"),
        ("from", "2021-02-26"),
        ("until", ""),
        ("basis_number", "100.2.1.3-1234 Tahun 2021"),
        ("basis_date", "2021-02-20"),
        ("password", ""),
        ("confirm", ""),
    ];
    let answer = admin.post(&app, "/admin/kepala-daerah", &form).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let html = answer.html();
    let password = text(&html, "#kata-sandi-sementara").expect("shown once");
    assert!(password.len() >= 12);
    assert!(text(&html, "#jabatan-kosong").is_none());
    // The same office again, overlapping: 422 with the reason, nothing recorded.
    let mut second = form;
    second[2] = ("name", "H. Andin");
    second[3] = ("username", "andin");
    second[4] = ("from", "2026-02-26");
    let answer = admin.post(&app, "/admin/kepala-daerah", &second).await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = text(&answer.html(), ".form-error").unwrap();
    assert!(error.contains("bertumpuk"), "{error}");
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id;
    let terms = app
        .store
        .regional_head_terms(
            agency,
            sikerja_domain::assignment::Day::parse("2026-01-01").unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(terms.len(), 1);
    let end = format!("/admin/kepala-daerah/{}/akhiri", terms[0].id);
    let answer = admin
        .post(
            &app,
            &end,
            &[
                ("until", "2026-02-25"),
                ("basis_number", "123"),
                ("basis_date", ""),
            ],
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    let answer = admin
        .post(
            &app,
            &end,
            &[
                ("until", "2026-02-25"),
                ("basis_number", ""),
                ("basis_date", ""),
            ],
        )
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    let answer = admin.post(&app, "/admin/kepala-daerah", &second).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let page = app.page("/admin/kepala-daerah").await;
    let rows = common::texts(&page, "#masa-jabatan tr.term");
    assert_eq!(rows.len(), 2, "{rows:?}");
    // Every change is in the audit trail, read as an Indonesian sentence.
    let audit = app.page("/admin/audit").await;
    let all = common::texts(&audit, "tr.audit-entry .audit-sentence").join(" ");
    assert!(all.contains("mencatat masa jabatan Kepala Daerah"), "{all}");
    assert!(
        all.contains("mengakhiri masa jabatan Kepala Daerah"),
        "{all}"
    );
}
