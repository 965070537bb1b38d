//! Export and import: the rincian kedudukan as XLSX (KED-11, NIP as text), the agency bundle as
//! JSON, and the all-or-nothing import that lists every problem (TIK-01).

mod common;

use std::io::Cursor;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use common::{app, get, nip, post_json};

#[tokio::test]
async fn ked_11_xlsx_export_opens_and_keeps_nip_as_text() {
    let app = app().await;
    let dept = app.department_id("dinkes").await;
    let uri = format!("/perangkat-daerah/{dept}/kedudukan.xlsx?rule=KED-03");
    let (status, response, body) = app.send_authed(get(&uri)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.as_bytes()),
        Some(&b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"[..])
    );
    assert!(
        response
            .headers()
            .get(header::CONTENT_DISPOSITION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("attachment"))
    );
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(body)).expect("opens");
    let range = workbook
        .worksheet_range("Rincian Kedudukan")
        .expect("sheet");
    let header_row: Vec<String> = range
        .rows()
        .nth(2)
        .expect("header row")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |name: &str| {
        header_row
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {header_row:?}"))
    };
    let rows: Vec<&[Data]> = range.rows().skip(3).collect();
    assert_eq!(rows.len(), 1, "filtered to KED-03");
    assert_eq!(
        rows[0][col("NIP")],
        Data::String(nip::AHLI_PERTAMA.to_string())
    );
    assert_eq!(rows[0][col("Aturan")], Data::String("KED-03".into()));
    assert_eq!(
        rows[0][col("Pasal")],
        Data::String("Lampiran I.B.1.c.3".into())
    );
    assert_eq!(
        rows[0][col("NIP Pejabat Penilai Kinerja")],
        Data::String(nip::KASUBAG.to_string())
    );
}

#[tokio::test]
async fn agency_export_is_a_bundle_that_imports_back() {
    let app = app().await;
    let (_, agencies) = app.json("/api/v1/agencies").await;
    let id = agencies[0]["id"].as_i64().expect("id");
    let (status, bundle) = app.json(&format!("/api/v1/agencies/{id}/export")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(bundle["agency"]["code"], "kab-uji");
    let (status, _, body) = app
        .send_authed(post_json("/api/v1/agencies/import", &bundle))
        .await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&body)
    );
    let summary: serde_json::Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(summary["replaced"], true);
    assert_eq!(summary["employees"], 11);
}

#[tokio::test]
async fn import_with_several_bad_rows_is_refused_whole_listing_each_problem() {
    let app = app().await;
    let mut bundle = serde_json::to_value(common::test_agency()).expect("bundle");
    bundle["format"] = sikerja_transfer::FORMAT.into();
    bundle["agency"]["code"] = "kab-lain".into();
    bundle["employees"][0]["nip"] = "12345".into();
    bundle["employees"][3]["grade"] = "V/z".into();
    bundle["positions"][5]["unit_code"] = "tidak-ada".into();
    let (status, _, body) = app
        .send_authed(post_json("/api/v1/agencies/import", &bundle))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let error: serde_json::Value = serde_json::from_slice(&body).expect("json");
    let details = error["error"]["details"].as_array().expect("details");
    assert!(details.len() >= 3, "{details:?}");
    for d in details {
        assert!(d["code"].as_str().is_some_and(|c| !c.is_empty()), "{d}");
        assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()), "{d}");
    }
    let (_, agencies) = app.json("/api/v1/agencies").await;
    assert_eq!(
        agencies.as_array().map(Vec::len),
        Some(1),
        "nothing written"
    );
}

#[tokio::test]
async fn import_with_several_broken_references_is_refused_whole_listing_each_problem() {
    let app = app().await;
    let mut bundle = serde_json::to_value(common::test_agency()).expect("bundle");
    bundle["format"] = sikerja_transfer::FORMAT.into();
    bundle["agency"]["code"] = "kab-lain".into();
    bundle["units"][2]["parent_code"] = "tidak-ada".into();
    bundle["positions"][5]["unit_code"] = "tidak-ada".into();
    bundle["employees"][4]["position_code"] = "tidak-ada".into();
    let (status, _, body) = app
        .send_authed(post_json("/api/v1/agencies/import", &bundle))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let error: serde_json::Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(error["error"]["code"], "validation_failed");
    let details = error["error"]["details"].as_array().expect("details");
    let paths: Vec<&str> = details.iter().filter_map(|d| d["field"].as_str()).collect();
    for expected in [
        "units[2].parent_code",
        "positions[5].unit_code",
        "employees[4].position_code",
    ] {
        assert!(paths.contains(&expected), "{expected} in {paths:?}");
    }
    let (_, agencies) = app.json("/api/v1/agencies").await;
    assert_eq!(
        agencies.as_array().map(Vec::len),
        Some(1),
        "nothing written"
    );
}

fn xlsx_request(body: Vec<u8>) -> Request<Body> {
    Request::post("/api/v1/agencies/import")
        .header(header::CONTENT_TYPE, sikerja_transfer::XLSX_CONTENT_TYPE)
        .body(Body::from(body))
        .expect("request")
}

#[tokio::test]
async fn agency_exports_to_xlsx_and_imports_back() {
    let app = app().await;
    let (_, agencies) = app.json("/api/v1/agencies").await;
    let id = agencies[0]["id"].as_i64().expect("id");
    let (status, response, body) = app
        .send_authed(get(&format!("/api/v1/agencies/{id}/export?format=xlsx")))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get(header::CONTENT_TYPE)
            .map(|v| v.as_bytes()),
        Some(sikerja_transfer::XLSX_CONTENT_TYPE.as_bytes())
    );
    let (status, _, body) = app.send_authed(xlsx_request(body)).await;
    assert_eq!(
        status,
        StatusCode::CREATED,
        "{}",
        String::from_utf8_lossy(&body)
    );
}

#[tokio::test]
async fn xlsx_import_with_bad_rows_names_sheet_and_row_and_writes_nothing() {
    let app = app().await;
    let mut bundle = common::test_agency();
    bundle.agency.code = "kab-lain".into();
    bundle.positions[5].unit_code = "tidak-ada".into();
    bundle.employees[4].position_code = Some("tidak-ada".into());
    let workbook = sikerja_transfer::write_xlsx(&bundle).expect("workbook");
    let (status, _, body) = app.send_authed(xlsx_request(workbook)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let error: serde_json::Value = serde_json::from_slice(&body).expect("json");
    let details = error["error"]["details"].as_array().expect("details");
    assert!(details.len() >= 2, "{details:?}");
    for d in details {
        assert!(d["sheet"].as_str().is_some_and(|s| !s.is_empty()), "{d}");
        assert!(d["row"].as_u64().is_some_and(|r| r >= 2), "{d}");
    }
    let (_, agencies) = app.json("/api/v1/agencies").await;
    assert_eq!(
        agencies.as_array().map(Vec::len),
        Some(1),
        "nothing written"
    );
}

#[tokio::test]
async fn an_oversized_import_is_refused_with_413() {
    let app = app().await;
    let body = vec![b' '; 17 * 1024 * 1024];
    let request = Request::post("/api/v1/agencies/import")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .expect("request");
    let (status, _, _) = app.send_authed(request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn import_refuses_an_unknown_content_type() {
    let app = app().await;
    let request = Request::post("/api/v1/agencies/import")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("halo"))
        .expect("request");
    let (status, _, body) = app.send_authed(request).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let error: serde_json::Value = serde_json::from_slice(&body).expect("json");
    assert_eq!(error["error"]["code"], "unsupported_media_type");
}
