//! Evidence files uploaded with a report (issue 13 points 3–4; LAP-01..04): the report form
//! of the pages and the report submission of the API take `multipart/form-data`; the files
//! are checked (type read from the content), stored, and served back byte-identical to the
//! readers of the report only; a form without its CSRF token, a renamed executable, too many
//! or too large files, or a control character in a text field are refused and leave nothing
//! behind (no report, no stored file).
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::assignments::{call, get_ok, official};
use common::execution::{open_period, running_team};
use common::multipart::{self as mp, BOUNDARY};
use common::{Browser, TestApp, app, collapse, nip, sel, text, texts};
use serde_json::{Value, json};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";

/// A Linux executable's 64-byte header.
fn elf() -> Vec<u8> {
    let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0\x01\0\0\0".to_vec();
    elf.resize(64, 0);
    elf
}

/// A PDF of `size` bytes.
fn pdf_of(size: usize) -> Vec<u8> {
    let mut pdf = PDF.to_vec();
    pdf.resize(size, b' ');
    pdf
}

/// The work page of the assignment for `b`, with its report form.
async fn work_page(b: &mut Browser, app: &TestApp, id: i64) -> scraper::Html {
    let answer = b.get(app, &format!("/pelaksanaan/penugasan/{id}")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.html()
}

/// The first report the member may submit, from the form's choice.
async fn first_choice(b: &mut Browser, app: &TestApp, id: i64) -> String {
    let html = work_page(b, app, id).await;
    html.select(&sel("#form-laporan select[name=for] option"))
        .next()
        .and_then(|o| o.value().attr("value").map(str::to_string))
        .expect("a report to submit")
}

/// The reports of the work, as the Kepala Dinas reads them through the API.
async fn reports(app: &TestApp, id: i64) -> Vec<Value> {
    let mut kadis = app.admin.clone();
    let work = get_ok(&mut kadis, app, &format!("/api/v1/assignments/{id}/work")).await;
    work["reports"].as_array().cloned().unwrap_or_default()
}

/// Downloads `href` with `b`'s session.
async fn download(app: &TestApp, b: &Browser, href: &str) -> (StatusCode, Vec<u8>) {
    let mut request = common::get(href);
    request
        .headers_mut()
        .insert(header::COOKIE, b.cookie.clone().unwrap().parse().unwrap());
    let (status, _, bytes) = app.send(request).await;
    (status, bytes)
}

/// Nothing of a refused upload is left: no report and no stored file.
async fn nothing_written(app: &TestApp, id: i64) {
    assert!(reports(app, id).await.is_empty(), "no report is written");
    assert!(
        app.files.keys().await.unwrap().is_empty(),
        "no file is left in the store"
    );
}

#[tokio::test]
async fn lap_04_a_report_uploaded_with_the_page_form_is_served_byte_identical_to_its_readers_only()
{
    let app = app().await;
    let id = running_team(&app).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;

    // The form is multipart with the CSRF token first, a file input offering the policy's
    // types, and its limits stated in Indonesian beside it.
    let html = work_page(&mut pelaksana, &app, id).await;
    let form = html
        .select(&sel("#form-laporan"))
        .next()
        .expect("report form");
    assert_eq!(form.value().attr("enctype"), Some("multipart/form-data"));
    let first = form
        .select(&sel("input, select, textarea"))
        .next()
        .and_then(|e| e.value().attr("name"));
    assert_eq!(first, Some("_csrf"));
    let input = html
        .select(&sel("#form-laporan input[type=file][name=files][multiple]"))
        .next()
        .expect("a file input for several files");
    let accept = input.value().attr("accept").unwrap_or_default();
    assert!(
        accept.contains(".pdf") && accept.contains("image/png"),
        "{accept}"
    );
    let limits = text(&html, "#batas-bukti").unwrap();
    assert!(
        limits.contains("20 berkas") && limits.contains("10 MiB"),
        "{limits}"
    );

    let choice = first_choice(&mut pelaksana, &app, id).await;
    let sent = pelaksana
        .post_files(
            &app,
            &format!("/pelaksanaan/penugasan/{id}/laporan"),
            &[("for", &choice), ("narrative", "Sepuluh puskesmas didata.")],
            &[
                ("Bukti Mei (final).pdf", "application/pdf", PDF),
                ("foto kunjungan.png", "image/png", PNG),
                // A file input left empty sends an empty part: not a file.
                ("", "application/octet-stream", b""),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(app.files.keys().await.unwrap().len(), 2);

    // The lead reads the report with its files (name, size, link) and downloads each.
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let html = work_page(&mut lead, &app, id).await;
    let names = texts(&html, "article.report .evidence-files li");
    assert_eq!(
        names,
        vec![
            format!("Bukti Mei (final).pdf ({} bita)", PDF.len()),
            format!("foto kunjungan.png ({} bita)", PNG.len()),
        ]
    );
    let hrefs: Vec<String> = html
        .select(&sel("article.report a.evidence"))
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(hrefs.len(), 2);
    for (href, bytes) in hrefs.iter().zip([PDF, PNG]) {
        let (status, got) = download(&app, &lead, href).await;
        assert_eq!(status, StatusCode::OK, "{href}");
        assert_eq!(got, bytes, "{href} comes back byte-identical");
    }
    // The API's report lists the same files with their download links.
    let report = &reports(&app, id).await[0];
    assert_eq!(report["files"][0]["name"], "Bukti Mei (final).pdf");
    assert_eq!(report["files"][0]["media_type"], "application/pdf");
    assert_eq!(report["files"][1]["size"], PNG.len());
    assert_eq!(report["files"][1]["download"], hrefs[1].as_str());

    // Someone playing no part in the work: 403, nothing of the file.
    let mut outsider = official(&app, nip::AHLI_UTAMA).await;
    outsider.get(&app, "/pelaksanaan").await;
    let (status, got) = download(&app, &outsider, &hrefs[0]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_ne!(got, PDF);

    // LAP-02: the same period again is refused by storage; the files sent with it are
    // deleted again.
    let again = pelaksana
        .post_files(
            &app,
            &format!("/pelaksanaan/penugasan/{id}/laporan"),
            &[("for", &choice)],
            &[("lagi.pdf", "application/pdf", PDF)],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(app.files.keys().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_multipart_form_without_the_sessions_csrf_token_is_refused_and_writes_nothing() {
    let app = app().await;
    let id = running_team(&app).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let choice = first_choice(&mut pelaksana, &app, id).await;
    let uri = format!("/pelaksanaan/penugasan/{id}/laporan");
    let files = [("a.pdf", "application/pdf", PDF)];
    for token in [None, Some("0123456789abcdef0123456789abcdef")] {
        let mut fields = Vec::new();
        if let Some(t) = token {
            fields.push(("_csrf", t));
        }
        fields.push(("for", choice.as_str()));
        let answer = pelaksana
            .send(&app, mp::request(&uri, mp::body(&fields, "files", &files)))
            .await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{token:?}");
        assert!(answer.body.contains("Formulir"), "an Indonesian page");
    }
    // A body that is not multipart at all though it says so: no token found, refused.
    let garbled = Request::post(&uri)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from("_csrf=x&for=y"))
        .unwrap();
    let answer = pelaksana.send(&app, garbled).await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN);
    nothing_written(&app, id).await;
}

#[tokio::test]
async fn a_renamed_executable_is_refused_with_422_file_type_not_allowed_and_nothing_is_written() {
    let app = app().await;
    let id = running_team(&app).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let choice = first_choice(&mut pelaksana, &app, id).await;
    let elf = elf();
    let refused = pelaksana
        .post_files(
            &app,
            &format!("/pelaksanaan/penugasan/{id}/laporan"),
            &[("for", &choice), ("narrative", "Laporan dengan lampiran.")],
            &[
                ("bukti.pdf", "application/pdf", PDF),
                ("laporan.pdf", "application/pdf", &elf),
            ],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let html = refused.html();
    let error = collapse(&text(&html, ".form-error").expect("the reason on the page"));
    assert!(
        error.contains("laporan.pdf") && error.contains("Jenis berkas tidak diizinkan"),
        "{error}"
    );
    assert!(
        text(&html, "#form-laporan").is_some(),
        "the form is shown again"
    );
    nothing_written(&app, id).await;

    // The API refuses it the same way, with the stable code.
    let (status, body) = api_upload(
        &mut pelaksana,
        &app,
        id,
        &choice,
        &[("laporan.pdf", "application/pdf", &elf)],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "file_type_not_allowed");
    nothing_written(&app, id).await;
}

#[tokio::test]
async fn too_many_or_too_large_files_are_refused_and_nothing_is_written() {
    // Files of at most 64 KiB: the upload limit stays that of every other body (16 MiB).
    let app =
        common::app_with_file_policy(sikerja_files::FilePolicy::with_max_bytes(64 * 1024)).await;
    let id = running_team(&app).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let choice = first_choice(&mut pelaksana, &app, id).await;
    let uri = format!("/pelaksanaan/penugasan/{id}/laporan");
    let fields = [("for", choice.as_str())];

    let many: Vec<mp::File<'_>> = (0..21).map(|_| ("a.pdf", "application/pdf", PDF)).collect();
    let refused = pelaksana.post_files(&app, &uri, &fields, &many).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let error = collapse(&text(&refused.html(), ".form-error").unwrap());
    assert!(error.contains("paling banyak 20 berkas"), "{error}");
    nothing_written(&app, id).await;

    let big = pdf_of(64 * 1024 + 1);
    let refused = pelaksana
        .post_files(
            &app,
            &uri,
            &fields,
            &[("besar.pdf", "application/pdf", &big)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = collapse(&text(&refused.html(), ".form-error").unwrap());
    assert!(error.contains("Berkas terlalu besar"), "{error}");
    nothing_written(&app, id).await;

    // A body over the upload limit: 413 as a page, whether its length is declared or not.
    let csrf = pelaksana.csrf.clone().unwrap();
    let huge = pdf_of(17 * 1024 * 1024);
    let body = mp::body(
        &[("_csrf", &csrf), ("for", &choice)],
        "files",
        &[("x.pdf", "application/pdf", &huge)],
    );
    let declared = pelaksana.send(&app, mp::request(&uri, body.clone())).await;
    assert_eq!(declared.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        declared
            .body
            .contains("Isi permintaan melebihi batas 16 MiB"),
        "{}",
        declared.body
    );
    let mut streamed = mp::request(&uri, body);
    streamed.headers_mut().remove(header::CONTENT_LENGTH);
    let answer = pelaksana.send(&app, streamed).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer.body.contains("<html"), "a page");
    nothing_written(&app, id).await;
}

#[tokio::test]
async fn the_report_form_takes_files_beyond_the_body_limit_of_other_forms() {
    let app = app().await;
    let id = running_team(&app).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let choice = first_choice(&mut pelaksana, &app, id).await;
    // Two files of 9 MiB: 18 MiB, above the 16 MiB of every other body, within the upload
    // limit (20 files of at most 10 MiB).
    let nine = pdf_of(9 * 1024 * 1024);
    let files = [
        ("satu.pdf", "application/pdf", nine.as_slice()),
        ("dua.pdf", "application/pdf", nine.as_slice()),
    ];
    let other = pelaksana
        .post_files(
            &app,
            &format!("/pelaksanaan/penugasan/{id}/umpan-balik"),
            &[("text", "x")],
            &files,
        )
        .await;
    assert_eq!(other.status, StatusCode::PAYLOAD_TOO_LARGE);
    let sent = pelaksana
        .post_files(
            &app,
            &format!("/pelaksanaan/penugasan/{id}/laporan"),
            &[("for", &choice), ("narrative", "Dua berkas besar.")],
            &files,
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let report = &reports(&app, id).await[0];
    assert_eq!(report["files"][1]["size"], 9 * 1024 * 1024);
}

#[tokio::test]
async fn a_control_character_in_a_multipart_field_or_file_name_is_refused_with_422() {
    let app = app().await;
    let id = running_team(&app).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let choice = first_choice(&mut pelaksana, &app, id).await;
    let uri = format!("/pelaksanaan/penugasan/{id}/laporan");
    let refused = pelaksana
        .post_files(
            &app,
            &uri,
            &[("for", &choice), ("narrative", "bel \u{7} di sini")],
            &[("a.pdf", "application/pdf", PDF)],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("karakter kendali U+0007"),
        "{}",
        refused.body
    );
    let refused = pelaksana
        .post_files(
            &app,
            &uri,
            &[("for", &choice)],
            &[("a\tb.pdf", "application/pdf", PDF)],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    assert!(refused.body.contains("nama berkas"), "{}", refused.body);
    nothing_written(&app, id).await;
}

/// Posts a report with files to the API as a signed-in official (session cookie and the CSRF
/// header): the report's JSON in the part `report`.
async fn api_upload(
    b: &mut Browser,
    app: &TestApp,
    id: i64,
    choice: &str,
    files: &[mp::File<'_>],
) -> (StatusCode, Value) {
    // The page's choice `p:<kind>:<start>`.
    let mut choice = choice.split(':').skip(1);
    let report = json!({
        "kind": choice.next().unwrap(),
        "period_start": choice.next().unwrap(),
        "narrative": "Terlampir bukti dukung.",
    });
    let mut body = mp::typed_part("report", "application/json", &report.to_string());
    let files_body = mp::body(&[], "files", files);
    body.extend_from_slice(&files_body);
    api_send(b, app, id, body).await
}

async fn api_send(b: &mut Browser, app: &TestApp, id: i64, body: Vec<u8>) -> (StatusCode, Value) {
    let mut request = mp::request(&format!("/api/v1/assignments/{id}/reports"), body);
    request
        .headers_mut()
        .insert("x-csrf-token", b.csrf.clone().unwrap().parse().unwrap());
    let answer = b.send(app, request).await;
    let value = serde_json::from_str(&answer.body).unwrap_or(Value::Null);
    (answer.status, value)
}

#[tokio::test]
async fn lap_01_the_api_takes_a_report_with_files_as_multipart_and_keeps_taking_json() {
    let app = app().await;
    let id = running_team(&app).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let member = app.employee_id(nip::PELAKSANA).await;
    let work = get_ok(
        &mut pelaksana,
        &app,
        &format!("/api/v1/assignments/{id}/work"),
    )
    .await;
    let due = open_period(&work, member, "member_to_lead");
    let choice = format!("p:member_to_lead:{}", due["start"].as_str().unwrap());

    // Unreadable bodies are 4xx, never 5xx.
    let (status, body) = api_send(&mut pelaksana, &app, id, b"not multipart".to_vec()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["code"], "invalid_multipart");
    let (status, body) = api_send(
        &mut pelaksana,
        &app,
        id,
        mp::body(&[], "files", &[("a.pdf", "application/pdf", PDF)]),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "report_part_invalid");
    let mut broken = mp::typed_part("report", "application/json", "{\"kind\": ");
    broken.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let (status, body) = api_send(&mut pelaksana, &app, id, broken).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["code"], "invalid_json");
    // A control character inside the report's JSON is screened like a JSON body.
    let mut bell = mp::typed_part(
        "report",
        "application/json",
        &json!({"narrative": "a\u{7}"}).to_string(),
    );
    bell.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let (status, body) = api_send(&mut pelaksana, &app, id, bell).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["details"][0]["field"], "report.narrative");
    nothing_written(&app, id).await;

    let (status, body) = api_upload(
        &mut pelaksana,
        &app,
        id,
        &choice,
        &[("Bukti Mei.pdf", "application/pdf", PDF)],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let report = body["id"].as_i64().unwrap();
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let read = get_ok(&mut lead, &app, &format!("/api/v1/reports/{report}")).await;
    assert_eq!(read["files"][0]["name"], "Bukti Mei.pdf");
    assert_eq!(read["narrative"], "Terlampir bukti dukung.");
    let href = read["files"][0]["download"].as_str().unwrap().to_string();
    let (status, got) = download(&app, &lead, &href).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(got, PDF);

    // JSON still works (the lead's report to the head, without files).
    let lead_id = app.employee_id(nip::AHLI_MUDA).await;
    let due = open_period(&work, lead_id, "team_to_head");
    let (status, body) = call(
        &mut lead,
        &app,
        axum::http::Method::POST,
        &format!("/api/v1/assignments/{id}/reports"),
        Some(json!({"kind": "team_to_head", "period_start": due["start"], "narrative": "Tim berjalan."})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(reports(&app, id).await.len(), 2);
}
