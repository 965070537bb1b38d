//! Issuing the letters of the workflows (issue 6; DOC-05, DOC-06) through the API and the
//! pages: a draft PDF/DOCX without number, issuing by the signer only, the files served
//! exactly as issued (their SHA-256), the public verification, cancelling with the number
//! kept and reissuing under the next one.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::{Method, Request, StatusCode, header};
use common::assignments::{call, get_ok, official, post, started_team};
use common::{Browser, TestApp, app, nip, text};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// GETs a file with the browser's session: status, content type, disposition and bytes.
async fn download(b: &Browser, app: &TestApp, uri: &str) -> (StatusCode, String, String, Vec<u8>) {
    let mut request = Request::builder()
        .method(Method::GET)
        .uri(uri)
        .body(axum::body::Body::empty())
        .unwrap();
    if let Some(c) = &b.cookie {
        request
            .headers_mut()
            .insert(header::COOKIE, c.parse().unwrap());
    }
    let (status, response, bytes) = app.send(request).await;
    let h = |name| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    (
        status,
        h(header::CONTENT_TYPE),
        h(header::CONTENT_DISPOSITION),
        bytes,
    )
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The Surat Tugas the Kepala Dinas's within-unit assignment recorded (PEN-13): its id.
async fn surat_tugas(app: &TestApp) -> i64 {
    let mut kadis = app.admin.clone();
    let (_, request) = started_team(app).await;
    let r = get_ok(&mut kadis, app, &format!("/api/v1/requests/{request}")).await;
    let letter = r["letters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == "surat_tugas")
        .unwrap_or_else(|| panic!("{r}"));
    let letter = letter["id"].as_i64().unwrap();
    // Issue 15 point 4: the head's step issued the Surat Tugas at once, number 1. Cancelled
    // here, so that the tests below issue it again from its draft.
    let issues = get_ok(&mut kadis, app, &format!("/api/v1/letters/{letter}/issues")).await;
    assert_eq!(issues.as_array().map(Vec::len), Some(1), "{issues}");
    assert_eq!(issues[0]["status"], "issued", "{issues}");
    assert!(
        issues[0]["number"]
            .as_str()
            .unwrap()
            .starts_with("800.1.11/1/"),
        "{issues}"
    );
    let (status, cancelled) = post(
        &mut kadis,
        app,
        &format!("/api/v1/letters/{letter}/cancel"),
        json!({"reason": "Diterbitkan ulang untuk pengujian"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    letter
}

#[tokio::test]
async fn doc_05_doc_06_the_signer_issues_a_letter_whose_files_and_verification_match() {
    let app = app().await;
    let letter = surat_tugas(&app).await;
    let mut kadis = app.admin.clone();
    // Before issuing: a draft without number, in both formats.
    let (status, kind, disposition, pdf) =
        download(&kadis, &app, &format!("/api/v1/letters/{letter}/pdf")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "application/pdf");
    assert!(disposition.contains("draf-surat-tugas"), "{disposition}");
    assert!(pdf.starts_with(b"%PDF"));
    let (status, _, _, docx) =
        download(&kadis, &app, &format!("/api/v1/letters/{letter}/docx")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(docx.starts_with(b"PK"), "a DOCX is a zip");

    // Only the signer (the head who assigned, PEN-13) issues it: not an official who is not
    // involved, not a member who may read it.
    let mut kabid = official(&app, nip::KABID).await;
    let (status, refused) = post(
        &mut kabid,
        &app,
        &format!("/api/v1/letters/{letter}/issue"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert_eq!(refused["error"]["code"], "forbidden", "{refused}");
    let mut member = official(&app, nip::AHLI_MUDA).await;
    let (status, refused) = post(
        &mut member,
        &app,
        &format!("/api/v1/letters/{letter}/issue"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert_eq!(refused["error"]["code"], "not_the_signer", "{refused}");

    let (status, issued) = post(
        &mut kadis,
        &app,
        &format!("/api/v1/letters/{letter}/issue"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let number = issued["number"].as_str().unwrap().to_string();
    assert!(number.starts_with("800.1.11/2/"), "{number}");
    assert_eq!(issued["rule_id"], "DOC-05");
    assert_eq!(issued["status"], "issued");
    let (status, again) = post(
        &mut kadis,
        &app,
        &format!("/api/v1/letters/{letter}/issue"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
    assert_eq!(again["error"]["code"], "already_issued");

    // The files as issued: their SHA-256 is the one recorded, the name carries the number.
    let (_, _, disposition, pdf) =
        download(&kadis, &app, &format!("/api/v1/letters/{letter}/pdf")).await;
    assert_eq!(sha256_hex(&pdf), issued["pdf_sha256"].as_str().unwrap());
    assert!(
        disposition.contains("surat-tugas-800.1.11-2-"),
        "{disposition}"
    );
    let (_, _, _, docx) = download(&kadis, &app, &format!("/api/v1/letters/{letter}/docx")).await;
    assert_eq!(sha256_hex(&docx), issued["docx_sha256"].as_str().unwrap());

    // Anyone checks it without signing in.
    let code = issued["verify_code"].as_str().unwrap();
    let anonymous = Browser::new();
    let (status, _, _, body) = download(&anonymous, &app, &format!("/api/v1/verify/{code}")).await;
    assert_eq!(status, StatusCode::OK);
    let verified: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(verified["number"], number.as_str());
    assert_eq!(verified["status"], "issued");
    assert_eq!(verified["pdf_sha256"], issued["pdf_sha256"]);
    assert!(verified.get("issued_by").is_none(), "{verified}");
    let (status, _, _, _) = download(&anonymous, &app, "/api/v1/verify/TIDAKADA").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Cancelled with reasons: the number stays cancelled, the reissue takes the next one.
    let (status, blank) = post(
        &mut kadis,
        &app,
        &format!("/api/v1/letters/{letter}/cancel"),
        json!({"reason": " "}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{blank}");
    assert_eq!(blank["error"]["code"], "cancel_reason_blank");
    let (status, cancelled) = post(
        &mut kadis,
        &app,
        &format!("/api/v1/letters/{letter}/cancel"),
        json!({"reason": "Salah tanggal"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{cancelled}");
    assert_eq!(cancelled["status"], "cancelled");
    let (_, _, _, body) = download(&anonymous, &app, &format!("/api/v1/verify/{code}")).await;
    let verified: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(verified["status"], "cancelled");
    let (status, reissued) = post(
        &mut kadis,
        &app,
        &format!("/api/v1/letters/{letter}/issue"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{reissued}");
    assert!(
        reissued["number"]
            .as_str()
            .unwrap()
            .starts_with("800.1.11/3/"),
        "{reissued}"
    );
    let (status, issues) = call(
        &mut kadis,
        &app,
        Method::GET,
        &format!("/api/v1/letters/{letter}/issues"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(issues.as_array().map(Vec::len), Some(3), "{issues}");
}

#[tokio::test]
async fn doc_05_the_letter_page_issues_it_and_the_verification_page_shows_it() {
    let app = app().await;
    let letter = surat_tugas(&app).await;
    let mut kadis = app.admin.clone();
    let page = kadis.get(&app, &format!("/penugasan/surat/{letter}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("form-terbit"), "{}", page.body);
    assert!(page.body.contains("Unduh draf PDF"));
    // Someone else may read it (the member) but not issue it: the page says why.
    let mut member = official(&app, nip::AHLI_MUDA).await;
    let seen = member
        .get(&app, &format!("/penugasan/surat/{letter}"))
        .await;
    // Issue 15 point 4: the page offers "Terbitkan surat" to its signer only.
    assert_eq!(seen.status, StatusCode::OK);
    assert!(!seen.body.contains("form-terbit"), "{}", seen.body);
    assert!(!seen.body.contains("Terbitkan surat"), "{}", seen.body);
    assert!(seen.body.contains("menunggu-penerbitan"), "{}", seen.body);
    let refused = member
        .post(&app, &format!("/penugasan/surat/{letter}/terbitkan"), &[])
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(refused.body.contains("DOC-05"), "{}", refused.body);

    let issued = kadis
        .post(&app, &format!("/penugasan/surat/{letter}/terbitkan"), &[])
        .await;
    assert_eq!(issued.status, StatusCode::SEE_OTHER, "{}", issued.body);
    let page = kadis.get(&app, &format!("/penugasan/surat/{letter}")).await;
    let html = scraper::Html::parse_document(&page.body);
    let number = text(&html, "#nomor-terbit").unwrap();
    assert!(number.starts_with("800.1.11/2/"), "{number}");
    let href = html
        .select(&common::sel("#tautan-verifikasi"))
        .next()
        .and_then(|a| a.value().attr("href"))
        .unwrap()
        .to_string();
    let mut anonymous = Browser::new();
    let verify = anonymous.get(&app, &href).await;
    assert_eq!(verify.status, StatusCode::OK, "{}", verify.body);
    let html = scraper::Html::parse_document(&verify.body);
    assert_eq!(text(&html, "#nomor").unwrap(), number);
    assert_eq!(text(&html, "#jenis").unwrap(), "Surat Tugas");
    assert!(
        text(&html, "#status-surat")
            .unwrap()
            .contains("tidak dibatalkan")
    );
}
