//! Organisation changes over the API (issue 14 point 3): other systems push dated changes by
//! natural keys (NIP, position, unit and department codes) with a write token, or the HR admin
//! / organisation keeper signed in; a batch is previewed (nothing written) or recorded all or
//! nothing, a refusal naming the item with the domain's code, rule and article; pending
//! changes are cancelled.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::{Method, StatusCode};
use common::assignments::{call, official};
use common::execution::wita_day;
use common::{TestApp, app, nip, post_json, setup_actor};
use serde_json::{Value, json};
use sikerja_domain::access::GrantedRole;
use sikerja_domain::organisation::{AgencyId, EmployeeId};

async fn agency(app: &TestApp) -> i64 {
    app.store.agencies().await.unwrap()[0].id.0
}

async fn api_post(app: &TestApp, uri: &str, body: &Value) -> (StatusCode, Value) {
    let (status, _, bytes) = app.send_authed(post_json(uri, body)).await;
    let value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{uri}: {e}: {}", String::from_utf8_lossy(&bytes)));
    (status, value)
}

fn basis() -> Value {
    json!({"number": "800.1.3/12/BKPSDM/2026", "date": wita_day(0)})
}

async fn position_of(app: &TestApp, nip: &str) -> Option<i64> {
    let id = app.employee_id(nip).await;
    app.store
        .employee(EmployeeId(id))
        .await
        .unwrap()
        .employee
        .position
        .map(|p| p.0)
}

async fn change_count(app: &TestApp) -> usize {
    let a = AgencyId(agency(app).await);
    app.store.org_changes(a).await.unwrap().len()
}

/// ORG-05, ORG-07 through the API with a write token: a unit, its head post and a new employee
/// appointed to it, the later items naming the earlier ones by their new codes; then a grade.
#[tokio::test]
async fn a_write_token_records_a_batch_by_natural_keys_with_created_rows() {
    let app = app().await;
    let a = agency(&app).await;
    let new_nip = "199901012024031012";
    let batch = json!({"changes": [
        {"kind": "add_unit", "effective": wita_day(0), "basis": basis(), "unit": "u-gizi",
         "parent": "u-yankes", "name": "Seksi Gizi", "unit_kind": "section"},
        {"kind": "add_position", "effective": wita_day(0), "basis": basis(), "position": "kasi-gizi",
         "unit": "u-gizi", "name": "Kepala Seksi Gizi", "class": "pengawas", "is_head": true},
        {"kind": "hire", "effective": wita_day(0), "basis": basis(), "employee": new_nip,
         "name": "Siti Rahmah", "back_title": "S.Gz.", "employment_type": "pns", "grade": "III/c",
         "education": "S1", "position": "kasi-gizi"},
        {"kind": "set_grade", "effective": wita_day(0), "basis": basis(),
         "employee": nip::PELAKSANA, "grade": "III/a"},
    ]});
    let (status, body) = api_post(&app, &format!("/api/v1/agencies/{a}/org-changes"), &batch).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["ids"].as_array().unwrap().len(), 4, "{body}");
    let hired = app
        .store
        .employee_by_nip(&sikerja_domain::Nip::parse(new_nip).unwrap())
        .await
        .unwrap();
    let dept = app.department_id("dinkes").await;
    assert_eq!(
        hired.employee.position.map(|p| p.0),
        Some(app.position_id(dept, "kasi-gizi").await)
    );
    let (status, list) = app
        .json(&format!("/api/v1/agencies/{a}/org-changes?state=applied"))
        .await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 4, "{list:?}");
    assert!(
        list.iter().any(|c| c["kind"] == "hire"
            && c["employee"] == new_nip
            && c["position"] == "kasi-gizi"),
        "{list:?}"
    );
    assert!(list.iter().all(|c| c["state"] == "applied"));
    let (status, none) = app
        .json(&format!("/api/v1/agencies/{a}/org-changes?state=pending"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(none.as_array().unwrap().len(), 0);
    let (status, bad) = app
        .json(&format!("/api/v1/agencies/{a}/org-changes?state=lost"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    assert_eq!(bad["error"]["code"], "org_change_state_unknown");
}

/// ORG-05: a refused item is named (`changes[1].position`) with its code, rule and article,
/// and nothing of the batch is written — not even the sound first item.
#[tokio::test]
async fn a_refusal_names_the_item_with_its_rule_and_writes_nothing() {
    let app = app().await;
    let a = agency(&app).await;
    let before = position_of(&app, nip::PELAKSANA).await;
    let batch = json!({"changes": [
        {"kind": "vacate", "effective": wita_day(0), "basis": basis(), "employee": nip::AHLI_PERTAMA},
        {"kind": "appoint", "effective": wita_day(0), "basis": basis(),
         "employee": nip::PELAKSANA, "position": "kasubag-umum"},
    ]});
    let (status, body) = api_post(&app, &format!("/api/v1/agencies/{a}/org-changes"), &batch).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "position_taken", "{body}");
    let detail = &body["error"]["details"][0];
    assert_eq!(detail["field"], "changes[1].position", "{body}");
    assert_eq!(detail["rule_id"], "ORG-05", "{body}");
    assert!(detail["article"].as_str().is_some(), "{body}");
    assert_eq!(change_count(&app).await, 0);
    assert_eq!(position_of(&app, nip::PELAKSANA).await, before);
    assert!(position_of(&app, nip::AHLI_PERTAMA).await.is_some());
}

/// Unknown natural keys and missing fields: every problem of every item is listed, each at
/// its field; nothing is written.
#[tokio::test]
async fn unknown_keys_and_missing_fields_are_all_listed_by_item_and_field() {
    let app = app().await;
    let a = agency(&app).await;
    let batch = json!({"changes": [
        {"kind": "appoint", "effective": wita_day(0), "basis": basis(),
         "employee": "199001012015031099", "position": "tidak-ada"},
        {"kind": "leave", "effective": "31-12-2026", "basis": {"number": "1/2026"},
         "employee": nip::PELAKSANA, "reason": "bosan"},
        {"kind": "pindah"},
    ]});
    let (status, body) = api_post(&app, &format!("/api/v1/agencies/{a}/org-changes"), &batch).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "org_change_batch_invalid", "{body}");
    let fields: Vec<&str> = body["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["field"].as_str().unwrap())
        .collect();
    for f in [
        "changes[0].employee",
        "changes[0].position",
        "changes[1].effective",
        "changes[1].basis.date",
        "changes[1].reason",
        "changes[2].kind",
        "changes[2].effective",
        "changes[2].basis.number",
    ] {
        assert!(fields.contains(&f), "{f} missing in {fields:?}");
    }
    let unknown = body["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["field"] == "changes[0].position")
        .unwrap();
    assert_eq!(unknown["code"], "org_change_key_unknown");
    assert_eq!(change_count(&app).await, 0);
}

/// The preview answers the impact — the Pelaksana under the Kasubag loses their superior when
/// the Kasubag is freed from the post — and writes nothing.
#[tokio::test]
async fn the_preview_shows_the_impact_and_writes_nothing() {
    let app = app().await;
    let a = agency(&app).await;
    let held = position_of(&app, nip::KASUBAG).await;
    let batch = json!({"changes": [
        {"kind": "vacate", "effective": wita_day(0), "basis": basis(), "employee": nip::KASUBAG},
    ]});
    let (status, body) = api_post(
        &app,
        &format!("/api/v1/agencies/{a}/org-changes/preview"),
        &batch,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let placements = body["placements"].as_array().unwrap();
    assert!(!placements.is_empty(), "{body}");
    assert!(
        placements
            .iter()
            .any(|p| p["before"]["superior"]["employee_nip"] == nip::KASUBAG),
        "{body}"
    );
    assert!(body["flagged"].is_number());
    assert_eq!(change_count(&app).await, 0);
    assert_eq!(position_of(&app, nip::KASUBAG).await, held);
}

/// Signed in: the HR admin records a future change with the session's CSRF header and cancels
/// it; cancelling twice is `org_change_not_pending`. Without the CSRF header: 403.
#[tokio::test]
async fn the_hr_admin_records_and_cancels_a_pending_change_in_a_session() {
    let app = app().await;
    let a = agency(&app).await;
    let mut admin = app.admin.clone();
    let uri = format!("/api/v1/agencies/{a}/org-changes");
    let batch = json!({"changes": [
        {"kind": "leave", "effective": wita_day(30), "basis": basis(),
         "employee": nip::PELAKSANA, "reason": "retirement"},
    ]});
    let mut no_csrf = admin.clone();
    no_csrf.csrf = None;
    let (status, _) = call(&mut no_csrf, &app, Method::POST, &uri, Some(batch.clone())).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(change_count(&app).await, 0);
    let (status, body) = call(&mut admin, &app, Method::POST, &uri, Some(batch)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let id = body["ids"][0].as_i64().unwrap();
    let (status, list) = call(
        &mut admin,
        &app,
        Method::GET,
        &format!("{uri}?state=pending"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["employee"], nip::PELAKSANA);
    let cancel = format!("{uri}/{id}/cancel");
    let (status, body) = call(&mut admin, &app, Method::POST, &cancel, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["state"], "cancelled");
    let (status, body) = call(&mut admin, &app, Method::POST, &cancel, None).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "org_change_not_pending");
    let (status, _) = call(
        &mut admin,
        &app,
        Method::POST,
        &format!("{uri}/999999/cancel"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Who records what (`Action::RecordOrgChange`): the organisation keeper records units and
/// positions but not staff changes (403 naming the item); a read token lists but does not
/// write; a Pelaksana without the role is refused at the gate.
#[tokio::test]
async fn the_keeper_records_structure_only_and_a_read_token_cannot_write() {
    let app = app().await;
    let a = agency(&app).await;
    let uri = format!("/api/v1/agencies/{a}/org-changes");
    let mut plain = official(&app, nip::AHLI_MUDA).await;
    let (status, _) = call(&mut plain, &app, Method::GET, &uri, None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let keeper_id = app.employee_id(nip::PELAKSANA).await;
    app.store
        .grant_role(
            EmployeeId(keeper_id),
            GrantedRole::OrganisationKeeper,
            &setup_actor(),
            "penyiapan uji",
        )
        .await
        .unwrap();
    let mut keeper = official(&app, nip::PELAKSANA).await;
    let staff = json!({"changes": [
        {"kind": "set_grade", "effective": wita_day(0), "basis": basis(),
         "employee": nip::AHLI_PERTAMA, "grade": "III/b"},
    ]});
    let (status, body) = call(&mut keeper, &app, Method::POST, &uri, Some(staff)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Perubahan ke-1")
    );
    let structure = json!({"changes": [
        {"kind": "rename_unit", "effective": wita_day(0), "basis": basis(),
         "unit": "u-rujukan", "name": "Seksi Rujukan dan Gizi"},
    ]});
    let (status, body) = call(&mut keeper, &app, Method::POST, &uri, Some(structure)).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let (_, read_token) = app
        .store
        .create_api_token("baca", None, false, &setup_actor())
        .await
        .unwrap();
    let mut request = common::get(&uri);
    request.headers_mut().insert(
        "authorization",
        format!("Bearer {read_token}").parse().unwrap(),
    );
    let (status, _, _) = app.send(request).await;
    assert_eq!(status, StatusCode::OK);
    let mut request = post_json(&format!("{uri}/preview"), &json!({"changes": []}));
    request.headers_mut().insert(
        "authorization",
        format!("Bearer {read_token}").parse().unwrap(),
    );
    let (status, _, _) = app.send(request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// A workbook with the sheet "Perubahan": the header row, then `rows` (cells by header).
fn workbook(rows: &[&[(&str, &str)]]) -> Vec<u8> {
    let headers = [
        "Jenis Perubahan",
        "Tanggal Berlaku",
        "Nomor Keputusan",
        "Tanggal Keputusan",
        "NIP",
        "Kode Jabatan",
        "Golongan",
        "Alasan Berhenti",
        "Kepala Unit",
    ];
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet().set_name("Perubahan").unwrap();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (h, v) in *row {
            let c = headers.iter().position(|x| x == h).unwrap();
            sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

async fn upload(
    app: &TestApp,
    preview: bool,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let a = agency(app).await;
    let request = axum::http::Request::post(format!(
        "/api/v1/agencies/{a}/org-changes/upload?preview={preview}"
    ))
    .header("content-type", content_type)
    .body(axum::body::Body::from(body))
    .unwrap();
    let (status, _, bytes) = app.send_authed(request).await;
    let value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&bytes)));
    (status, value)
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An uploaded workbook with problems on several rows: every one is listed with its sheet,
/// row and column, and nothing is written.
#[tokio::test]
async fn an_uploaded_workbook_with_several_errors_lists_all_of_them() {
    let app = app().await;
    let today = wita_day(0);
    let file = workbook(&[
        &[
            ("Jenis Perubahan", "set_grade"),
            ("Tanggal Berlaku", &today),
            ("Nomor Keputusan", "800/1"),
            ("Tanggal Keputusan", &today),
            ("NIP", nip::PELAKSANA),
            ("Golongan", "III/b"),
        ],
        &[
            ("Jenis Perubahan", "appoint"),
            ("Tanggal Berlaku", &today),
            ("Nomor Keputusan", "800/2"),
            ("Tanggal Keputusan", &today),
            ("NIP", "199001012015031099"),
            ("Kode Jabatan", "tidak-ada"),
        ],
        &[
            ("Jenis Perubahan", "leave"),
            ("Tanggal Berlaku", "besok"),
            ("Nomor Keputusan", "800/3"),
            ("Tanggal Keputusan", &today),
            ("NIP", nip::AHLI_MUDA),
            ("Alasan Berhenti", "pergi"),
        ],
    ]);
    let (status, body) = upload(&app, false, XLSX, file).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let details = body["error"]["details"].as_array().unwrap();
    let places: Vec<(u64, &str)> = details
        .iter()
        .map(|d| {
            assert_eq!(d["sheet"], "Perubahan", "{d}");
            (d["row"].as_u64().unwrap(), d["field"].as_str().unwrap())
        })
        .collect();
    for want in [
        (3, "NIP"),
        (3, "Kode Jabatan"),
        (4, "Tanggal Berlaku"),
        (4, "Alasan Berhenti"),
    ] {
        assert!(places.contains(&want), "{want:?} missing in {places:?}");
    }
    assert_eq!(details.len(), 4, "{body}");
    assert_eq!(change_count(&app).await, 0);
}

/// A workbook without the required columns is refused naming them.
#[tokio::test]
async fn a_workbook_without_the_sheet_or_its_columns_is_refused() {
    let app = app().await;
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("Lain").unwrap();
    let (status, body) = upload(&app, true, XLSX, wb.save_to_buffer().unwrap()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        body["error"]["details"][0]["code"], "sheet_missing",
        "{body}"
    );
}

/// A JSON file: previewed (nothing written), then recorded; a workbook of the same change is
/// recorded too, its row named in a refusal.
#[tokio::test]
async fn a_json_upload_is_previewed_then_recorded_and_a_workbook_refusal_names_its_row() {
    let app = app().await;
    let file = json!({"changes": [
        {"kind": "set_grade", "effective": wita_day(0), "basis": basis(),
         "employee": nip::PELAKSANA, "grade": "III/b"},
    ]});
    let bytes = serde_json::to_vec(&file).unwrap();
    let (status, body) = upload(&app, true, "application/json", bytes.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["changes"], 1);
    assert!(body["impact"].is_object(), "{body}");
    assert_eq!(change_count(&app).await, 0);
    let (status, body) = upload(&app, false, "application/json", bytes).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["ids"].as_array().unwrap().len(), 1);
    assert_eq!(change_count(&app).await, 1);
    // ORG-05 refused in a workbook: the detail names the sheet, row and column.
    let today = wita_day(0);
    let file = workbook(&[&[
        ("Jenis Perubahan", "appoint"),
        ("Tanggal Berlaku", &today),
        ("Nomor Keputusan", "800/9"),
        ("Tanggal Keputusan", &today),
        ("NIP", nip::PELAKSANA),
        ("Kode Jabatan", "kasubag-umum"),
    ]]);
    let (status, body) = upload(&app, false, XLSX, file).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let d = &body["error"]["details"][0];
    assert_eq!(
        (d["sheet"].as_str(), d["row"].as_u64()),
        (Some("Perubahan"), Some(2)),
        "{body}"
    );
    assert_eq!(d["field"], "Kode Jabatan");
    assert_eq!(d["rule_id"], "ORG-05");
    assert_eq!(change_count(&app).await, 1);
}

/// The template downloads as a workbook whose sheet "Perubahan" has every column header.
#[tokio::test]
async fn the_template_has_the_sheet_and_its_headers() {
    use calamine::Reader;
    let app = app().await;
    let (status, _, bytes) = app
        .send_authed(common::get("/api/v1/org-changes/template.xlsx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range("Perubahan").unwrap();
    let headers: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    for h in [
        "Jenis Perubahan",
        "Tanggal Berlaku",
        "Nomor Keputusan",
        "NIP",
        "Kode Jabatan",
        "Kode Unit",
    ] {
        assert!(headers.iter().any(|x| x == h), "{h} in {headers:?}");
    }
}

/// The page: upload a workbook, see the changes in words and the impact, nothing written yet;
/// confirm and the changes are recorded; confirming again is refused (the token is spent).
#[tokio::test]
async fn the_upload_page_previews_in_words_then_records_on_confirm() {
    let app = app().await;
    let mut admin = app.admin.clone();
    let list = admin.get(&app, "/organisasi/perubahan").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(
        list.html()
            .select(&common::sel("a[href='/organisasi/unggah']"))
            .next()
            .is_some(),
        "the change list links to the upload"
    );
    let page = admin.get(&app, "/organisasi/unggah").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let today = wita_day(0);
    let file = workbook(&[&[
        ("Jenis Perubahan", "vacate"),
        ("Tanggal Berlaku", &today),
        ("Nomor Keputusan", "800/7"),
        ("Tanggal Keputusan", &today),
        ("NIP", nip::KASUBAG),
    ]]);
    let answer = admin
        .post_files(
            &app,
            "/organisasi/unggah/pratinjau",
            &[],
            &[("perubahan.xlsx", XLSX, &file)],
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let html = answer.html();
    let words = common::text(&html, "#perubahan li").unwrap();
    assert!(words.contains("Dibebaskan dari jabatan"), "{words}");
    assert!(words.contains("Ahmad Fauzi"), "{words}");
    assert!(
        common::text(&html, "#dampak-kedudukan li").is_some(),
        "{}",
        answer.body
    );
    assert_eq!(change_count(&app).await, 0);
    let token = html
        .select(&common::sel("#simpan input[name=token]"))
        .next()
        .and_then(|e| e.value().attr("value"))
        .unwrap()
        .to_string();
    let answer = admin
        .post(&app, "/organisasi/unggah", &[("token", &token)])
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(change_count(&app).await, 1);
    assert_eq!(position_of(&app, nip::KASUBAG).await, None);
    let again = admin
        .post(&app, "/organisasi/unggah", &[("token", &token)])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(change_count(&app).await, 1);
    // A refused file: the form again with every problem.
    let bad = workbook(&[&[("Jenis Perubahan", "vacate"), ("NIP", "123")]]);
    let answer = admin
        .post_files(
            &app,
            "/organisasi/unggah/pratinjau",
            &[],
            &[("perubahan.xlsx", XLSX, &bad)],
        )
        .await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    let problems = common::texts(&answer.html(), "#masalah li");
    assert!(problems.len() >= 3, "{problems:?}");
}
