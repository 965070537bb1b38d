//! Performance assessment over HTTP (issue 16; KIN-01..04, STR-06, KED-09): the assessor opens
//! an employee's assessment from the worklist, rates and finalises it, the employee objects
//! once and the assessor's superior decides, reopening keeps the earlier rating; a team lead
//! writes a member report that reaches the assessor as input; the refusals answer with the
//! domain's codes, their rule and article; the pages offer each form only to whom the domain
//! offers it; BKPSDM sees the progress and sets the curve.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::http::{Method, StatusCode, header};
use common::assignments::{call, get_ok, official, post};
use common::execution::{running_team, wita_day};
use common::{TestApp, app, nip, text};
use serde_json::{Value, json};

/// The periodic period (quarterly by default) covering today, e.g. `2026-q4`.
fn this_quarter() -> String {
    let today = wita_day(0);
    let year = &today[..4];
    let month: u32 = today[5..7].parse().unwrap();
    format!("{year}-q{}", (month - 1) / 3 + 1)
}

/// A complete rating: every core value `meets` but the first, `value` with its evidence.
fn rating(results: &str, behaviour: &str, value: &str, evidence: &str) -> Value {
    let values: Vec<Value> = [
        "service_oriented",
        "accountable",
        "competent",
        "harmonious",
        "loyal",
        "adaptive",
        "collaborative",
    ]
    .iter()
    .enumerate()
    .map(|(i, v)| {
        if i == 0 {
            json!({"core_value": v, "level": value, "evidence": evidence})
        } else {
            json!({"core_value": v, "level": "meets", "evidence": ""})
        }
    })
    .collect();
    json!({"results_level": results, "behaviour_level": behaviour, "values": values})
}

fn code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or_default()
}

/// The assessor the placement names for `employee` (KED), by NIP.
async fn assessor_nip(app: &TestApp, employee: i64) -> String {
    let (status, placement) = app
        .json(&format!("/api/v1/employees/{employee}/placement"))
        .await;
    assert_eq!(status, StatusCode::OK, "{placement}");
    placement["assessor"]["person"]["nip"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn put(
    b: &mut common::Browser,
    app: &TestApp,
    uri: &str,
    body: Value,
) -> (StatusCode, Value) {
    call(b, app, Method::PUT, uri, Some(body)).await
}

#[tokio::test]
async fn kin_02_kin_04_the_assessor_rates_and_finalises_once_the_employee_objects_once_and_the_superior_decides()
 {
    let app = app().await;
    let employee = app.employee_id(nip::AHLI_PERTAMA).await;
    let kasubag = assessor_nip(&app, employee).await;
    assert_eq!(
        kasubag,
        nip::KASUBAG,
        "KED-03: the Kepala Sub Bagian Umum assesses"
    );
    let mut assessor = official(&app, &kasubag).await;
    let mut pegawai = official(&app, nip::AHLI_PERTAMA).await;
    let mut sekretaris = official(&app, nip::SEKRETARIS).await;
    let mut other = official(&app, nip::AHLI_MUDA).await;
    let period = this_quarter();

    // The worklist lists the employee, not opened yet, with the window's close.
    let list = get_ok(
        &mut assessor,
        &app,
        &format!("/api/v1/assessments?period={period}"),
    )
    .await;
    assert_eq!(list["period"], period);
    let row = list["worklist"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["employee"] == employee)
        .cloned()
        .unwrap_or_else(|| panic!("the worklist lists the Ahli Pertama: {list}"));
    assert!(row["id"].is_null(), "{row}");
    assert!(row["due"].is_string(), "{row}");

    // Opening fixes the assessor on the record (KIN-04).
    let (status, opened) = post(
        &mut assessor,
        &app,
        "/api/v1/assessments",
        json!({"employee": employee, "period": period}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{opened}");
    let id = opened["id"].as_i64().unwrap();
    let uri = format!("/api/v1/assessments/{id}");
    let seen = get_ok(&mut assessor, &app, &uri).await;
    assert_eq!(seen["state"], "draft");
    assert_eq!(seen["offers"]["rate"], true, "{seen}");
    assert!(seen["assessor_rule_id"].is_string());
    assert!(seen["assessor_article"].is_string());

    // The employee reads it but may not rate it; anyone else does not find it.
    let mine = get_ok(&mut pegawai, &app, &uri).await;
    assert_eq!(mine["offers"]["rate"], false, "{mine}");
    let (status, _) = call(&mut other, &app, Method::GET, &uri, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = put(
        &mut pegawai,
        &app,
        &format!("{uri}/rating"),
        rating("above", "above", "meets", ""),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

    // KIN-02: a draft may be incomplete, but it is finalised only with every core value
    // rated once and evidence for each level other than "meets".
    let mut six = rating("meets", "meets", "meets", "");
    six["values"].as_array_mut().unwrap().pop();
    let (status, body) = put(&mut assessor, &app, &format!("{uri}/rating"), six).await;
    assert_eq!(status, StatusCode::OK, "a draft: {body}");
    let (status, body) = post(&mut assessor, &app, &format!("{uri}/finalise"), json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(code(&body), "behaviour_value_missing");
    assert_eq!(body["error"]["details"][0]["rule_id"], "KIN-02");
    let (status, body) = put(
        &mut assessor,
        &app,
        &format!("{uri}/rating"),
        rating("above", "meets", "above", " "),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = post(&mut assessor, &app, &format!("{uri}/finalise"), json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(code(&body), "behaviour_evidence_blank");
    // An unknown level is not read at all.
    let (status, body) = put(
        &mut assessor,
        &app,
        &format!("{uri}/rating"),
        rating("excellent", "meets", "meets", ""),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(code(&body), "rating_level_invalid");

    // The employee cannot acknowledge a draft.
    let (status, body) = post(&mut pegawai, &app, &format!("{uri}/acknowledge"), json!({})).await;
    assert!(status.is_client_error(), "{status} {body}");

    let mut body = rating(
        "above",
        "above",
        "above",
        "Melayani pengguna di luar jam kerja.",
    );
    body["feedback"] = json!("Pertahankan.");
    let (status, saved) = put(&mut assessor, &app, &format!("{uri}/rating"), body).await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["feedback"], "Pertahankan.");

    // Finalised once, then locked (KIN-04).
    let (status, done) = post(&mut assessor, &app, &format!("{uri}/finalise"), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["warnings"], json!([]));
    let (status, again) = post(&mut assessor, &app, &format!("{uri}/finalise"), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{again}");
    let (status, locked) = put(
        &mut assessor,
        &app,
        &format!("{uri}/rating"),
        rating("meets", "meets", "meets", ""),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{locked}");
    assert_eq!(code(&locked), "assessment_locked");
    assert_eq!(locked["error"]["details"][0]["rule_id"], "KIN-04");
    let seen = get_ok(&mut pegawai, &app, &uri).await;
    assert_eq!(seen["state"], "finalised");
    assert_eq!(seen["performance_rating"], "sangat_baik");
    assert_eq!(seen["finalised_by_nip"], nip::KASUBAG);
    assert_eq!(seen["offers"]["acknowledge"], true, "{seen}");
    assert_eq!(seen["offers"]["object"], true, "{seen}");

    // The e-Kinerja hand-off holds the finalised row (issue 16 point 7), as JSON and CSV.
    let agency = seen["agency"].as_i64().unwrap();
    let mut admin = app.admin.clone();
    admin.get(&app, "/penilaian").await;
    let export = get_ok(
        &mut admin,
        &app,
        &format!("/api/v1/agencies/{agency}/ekinerja-export?period={period}"),
    )
    .await;
    let row = export
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["nip"] == nip::AHLI_PERTAMA)
        .cloned()
        .unwrap_or_else(|| panic!("the export holds the Ahli Pertama: {export}"));
    assert_eq!(row["performance_rating"], "sangat_baik");
    assert_eq!(row["assessor_nip"], nip::KASUBAG);
    let csv = admin
        .get(
            &app,
            &format!("/api/v1/agencies/{agency}/ekinerja-export?period={period}&format=csv"),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with("nip,name,period,"), "{}", csv.body);
    assert!(csv.body.contains(nip::AHLI_PERTAMA));

    // One objection, with reasons.
    let objection = format!("{uri}/objection");
    let (status, body) = post(&mut pegawai, &app, &objection, json!({"reasons": " "})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(code(&body), "objection_reasons_blank");
    let (status, body) = post(
        &mut pegawai,
        &app,
        &objection,
        json!({"reasons": "Hasil kerja triwulan ini belum dihitung lengkap."}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, body) = post(&mut pegawai, &app, &objection, json!({"reasons": "Lagi."})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    // The pending objection reaches the assessor's superior: the API list and /penilaian, with
    // its rule (KIN-04) and a link to decide; not the assessor.
    let list = get_ok(&mut sekretaris, &app, "/api/v1/assessments").await;
    let due = list["objections_to_decide"].as_array().unwrap();
    assert_eq!(due.len(), 1, "{list}");
    assert_eq!(due[0]["id"], id);
    assert_eq!(due[0]["nip"], nip::AHLI_PERTAMA);
    assert_eq!(due[0]["period"], period);
    assert_eq!(due[0]["rule_id"], "KIN-04");
    let list = get_ok(&mut assessor, &app, "/api/v1/assessments").await;
    assert_eq!(list["objections_to_decide"], json!([]), "{list}");
    let page = sekretaris.get(&app, "/penilaian").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let section = text(&page.html(), "#keberatan").unwrap_or_default();
    assert!(
        section.contains("Keberatan menunggu keputusan Anda") && section.contains("KIN-04"),
        "{section}"
    );
    assert!(page.body.contains(&format!("/penilaian/{id}#keberatan")));

    // The assessor's superior decides; the assessor does not.
    let (status, body) = post(
        &mut assessor,
        &app,
        &format!("{uri}/objection/dismiss"),
        json!({"reason": "Sudah sesuai."}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(code(&body), "not_the_assessor_superior");
    let (status, body) = post(
        &mut sekretaris,
        &app,
        &format!("{uri}/objection/dismiss"),
        json!({"reason": "Hasil kerja sudah dihitung lengkap."}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let list = get_ok(&mut sekretaris, &app, "/api/v1/assessments").await;
    assert_eq!(list["objections_to_decide"], json!([]), "decided: {list}");
    let seen = get_ok(&mut pegawai, &app, &uri).await;
    assert_eq!(seen["state"], "objection_dismissed");
    assert_eq!(seen["objection"]["decision"], "objection_dismissed");

    // Reopening: a recorded decision with a reason; the earlier rating is kept.
    let reopen = format!("{uri}/reopen");
    let (status, body) = post(&mut sekretaris, &app, &reopen, json!({"reason": ""})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(code(&body), "reopen_reason_blank");
    let (status, body) = post(
        &mut sekretaris,
        &app,
        &reopen,
        json!({"reason": "Realisasi target dikoreksi."}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let seen = get_ok(&mut assessor, &app, &uri).await;
    assert_eq!(seen["state"], "draft");
    let events = seen["events"].as_array().unwrap();
    let reopened = events.iter().find(|e| e["kind"] == "reopened").unwrap();
    assert_eq!(reopened["reason"], "Realisasi target dikoreksi.");
    assert_eq!(reopened["earlier_rating"]["results_level"], "above");
}

#[tokio::test]
async fn kin_04_unresolved_placement_tokens_and_unreadable_bodies_are_refused_with_their_codes() {
    let app = app().await;
    let period = this_quarter();
    // KED-09: the Ahli Utama's placement is unresolved; nobody is fixed as assessor.
    let utama = app.employee_id(nip::AHLI_UTAMA).await;
    let mut kadis = app.admin.clone();
    kadis.get(&app, "/penilaian").await;
    let (status, body) = post(
        &mut kadis,
        &app,
        "/api/v1/assessments",
        json!({"employee": utama, "period": period}),
    )
    .await;
    assert!(status.is_client_error(), "{status} {body}");
    assert_eq!(code(&body), "placement_unresolved", "{body}");
    assert_eq!(body["error"]["details"][0]["rule_id"], "KED-09");

    // An unknown period, an unreadable body.
    let pertama = app.employee_id(nip::AHLI_PERTAMA).await;
    let (status, body) = post(
        &mut kadis,
        &app,
        "/api/v1/assessments",
        json!({"employee": pertama, "period": "2026-q5"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(code(&body), "period_invalid");
    let (status, _) = post(&mut kadis, &app, "/api/v1/assessments", json!({})).await;
    assert!(status.is_client_error());

    // API tokens: official only.
    let request = axum::http::Request::builder()
        .uri("/api/v1/assessments")
        .header(header::AUTHORIZATION, format!("Bearer {}", app.token))
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, _, body) = app.send(request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(code(&body), "official_only");
}

#[tokio::test]
async fn kin_03_a_team_lead_writes_the_member_report_that_reaches_the_assessor() {
    let app = app().await;
    let assignment = running_team(&app).await;
    let period = this_quarter();
    let member = app.employee_id(nip::PELAKSANA).await;
    let mut lead = official(&app, nip::AHLI_MUDA).await;

    let list = get_ok(
        &mut lead,
        &app,
        &format!("/api/v1/assessments?period={period}"),
    )
    .await;
    let due = list["member_reports_due"].as_array().unwrap();
    assert!(
        due.iter()
            .any(|d| d["member"] == member && d["work"] == format!("a:{assignment}")),
        "{list}"
    );
    let report = json!({
        "member": member,
        "period": period,
        "assignment": assignment,
        "text": "Mendata 40 fasilitas layanan tepat waktu.",
    });
    let (status, body) = post(&mut lead, &app, "/api/v1/member-reports", report.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");

    // Someone who did not lead the member's team may not write one (KIN-03).
    let assessor = assessor_nip(&app, member).await;
    let mut ppk = official(&app, &assessor).await;
    let (status, body) = post(&mut ppk, &app, "/api/v1/member-reports", report).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["details"][0]["rule_id"], "KIN-03");

    // The assessor reads it among the inputs, never as the rating.
    let (status, opened) = post(
        &mut ppk,
        &app,
        "/api/v1/assessments",
        json!({"employee": member, "period": period}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{opened}");
    let seen = get_ok(
        &mut ppk,
        &app,
        &format!("/api/v1/assessments/{}", opened["id"]),
    )
    .await;
    let notes = seen["inputs"]["member_reports"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n["text"] == "Mendata 40 fasilitas layanan tepat waktu."),
        "{seen}"
    );
    assert!(seen["rating"].is_null(), "{seen}");
}

#[tokio::test]
async fn the_pages_offer_each_form_to_whom_the_domain_offers_it() {
    let app = app().await;
    let employee = app.employee_id(nip::AHLI_PERTAMA).await;
    let period = this_quarter();
    let mut assessor = official(&app, nip::KASUBAG).await;
    let page = assessor
        .get(&app, &format!("/penilaian?periode={period}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Budi Santoso"), "the worklist");
    let opened = assessor
        .post(
            &app,
            "/penilaian/buka",
            &[("employee", &employee.to_string()), ("periode", &period)],
        )
        .await;
    assert_eq!(opened.status, StatusCode::SEE_OTHER, "{}", opened.body);
    let href = opened.location.unwrap();
    let page = assessor.get(&app, &href).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let html = page.html();
    assert!(html.select(&common::sel("#form-nilai")).next().is_some());
    assert!(html.select(&common::sel("#form-terima")).next().is_none());

    // A draft is saved as typed; finalising it without the evidence of a value rated other
    // than "sesuai" shows the page again with the reason and its rule (KIN-02).
    let mut fields: Vec<(&str, &str)> =
        vec![("results_level", "above"), ("behaviour_level", "meets")];
    let values = [
        "service_oriented",
        "accountable",
        "competent",
        "harmonious",
        "loyal",
        "adaptive",
        "collaborative",
    ];
    for v in values {
        fields.push(("core_value", v));
        fields.push(("level", if v == "loyal" { "below" } else { "meets" }));
        fields.push(("evidence", ""));
    }
    fields.push(("feedback", "Tingkatkan ketepatan waktu."));
    let saved = assessor.post(&app, &format!("{href}/nilai"), &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let refused = assessor.post(&app, &format!("{href}/finalkan"), &[]).await;
    assert_eq!(
        refused.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        refused.body
    );
    let error = text(&refused.html(), ".form-error").unwrap();
    assert!(
        error.contains("Loyal") && error.contains("KIN-02"),
        "{error}"
    );
    assert!(refused.body.contains("Tingkatkan ketepatan waktu."));

    let evidence_at = fields
        .iter()
        .enumerate()
        .filter(|(_, (k, _))| *k == "evidence")
        .nth(4)
        .map(|(i, _)| i)
        .unwrap();
    fields[evidence_at].1 = "Dua kali tidak hadir apel tanpa keterangan.";
    let saved = assessor.post(&app, &format!("{href}/nilai"), &fields).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = assessor.get(&app, &href).await;
    assert!(page.body.contains("Dua kali tidak hadir apel"));
    let done = assessor.post(&app, &format!("{href}/finalkan"), &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = assessor.get(&app, &href).await;
    assert!(
        page.html()
            .select(&common::sel("#form-nilai"))
            .next()
            .is_none()
    );
    // Results above, overall behaviour "sesuai" as the assessor gave it (never computed from
    // the one value below): Baik (KIN-02).
    assert_eq!(text(&page.html(), "#predikat").as_deref(), Some("Baik"));

    // The employee: acknowledge or object, nothing else.
    let mut pegawai = official(&app, nip::AHLI_PERTAMA).await;
    let page = pegawai.get(&app, &href).await;
    let html = page.html();
    assert!(html.select(&common::sel("#form-terima")).next().is_some());
    assert!(
        html.select(&common::sel("#form-keberatan"))
            .next()
            .is_some()
    );
    assert!(html.select(&common::sel("#form-nilai")).next().is_none());
    assert!(
        html.select(&common::sel("#form-buka-kembali"))
            .next()
            .is_none()
    );
    let mine = pegawai.get(&app, "/penilaian").await;
    assert!(mine.body.contains(&href), "my assessments link to it");
    let ack = pegawai.post(&app, &format!("{href}/terima"), &[]).await;
    assert_eq!(ack.status, StatusCode::SEE_OTHER, "{}", ack.body);
    let page = pegawai.get(&app, &href).await;
    assert_eq!(
        text(&page.html(), "#status-penilaian").as_deref(),
        Some("Diterima pegawai")
    );
    assert!(
        page.html()
            .select(&common::sel("#form-terima"))
            .next()
            .is_none()
    );

    // The evaluation document in the layout of the national form (issue 16 point 7), for
    // whoever reads the whole assessment; nobody else finds it.
    assert!(page.body.contains(&format!("{href}/pdf")));
    let pdf = pegawai.get(&app, &format!("{href}/pdf")).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert!(pdf.body.starts_with("%PDF"), "a PDF");
    let docx = pegawai.get(&app, &format!("{href}/docx")).await;
    assert_eq!(docx.status, StatusCode::OK);
    assert!(docx.body.starts_with("PK"), "a DOCX (ZIP)");
    let mut other = official(&app, nip::AHLI_MUDA).await;
    assert_eq!(
        other.get(&app, &format!("{href}/pdf")).await.status,
        StatusCode::NOT_FOUND
    );

    // The assessor's superior may reopen the locked assessment (KIN-04).
    let mut sekretaris = official(&app, nip::SEKRETARIS).await;
    let page = sekretaris.get(&app, &href).await;
    assert!(
        page.html()
            .select(&common::sel("#form-buka-kembali"))
            .next()
            .is_some(),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn bkpsdm_sees_the_progress_per_perangkat_daerah_and_sets_the_curve() {
    let app = app().await;
    let mut admin = app.admin.clone();
    let period = this_quarter();
    let page = admin
        .get(&app, &format!("/admin/penilaian?periode={period}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let html = page.html();
    assert!(
        html.select(&common::sel("#kemajuan svg.bar"))
            .next()
            .is_some(),
        "the chart"
    );
    assert!(page.body.contains("Dinas Kesehatan"));
    assert!(page.body.contains("Kurva belum ditetapkan"));

    // The national pattern for "Baik" prefills the form.
    let year = &period[..4];
    let page = admin
        .get(
            &app,
            &format!("/admin/penilaian?periode={period}&predikat=good&mode=refuse"),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let max = page
        .html()
        .select(&common::sel("input[name=max_0]"))
        .next()
        .and_then(|i| i.value().attr("value").map(str::to_string));
    assert_eq!(max.as_deref(), Some("70"));

    let saved = admin
        .post(
            &app,
            "/admin/penilaian/kurva",
            &[
                ("year", year),
                ("periode", &period),
                ("organisation_rating", "good"),
                ("mode", "refuse"),
                ("ratings_0", "baik"),
                ("max_0", "70"),
                ("ratings_1", "butuh_perbaikan"),
                ("ratings_1", "kurang"),
                ("one_1", "1"),
                ("legal_basis", "Keputusan Bupati Nomor 800/12/2026"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = admin.get(&app, &saved.location.unwrap()).await;
    assert!(page.body.contains("Kurva distribusi disimpan"));
    assert!(!page.body.contains("Kurva belum ditetapkan"));

    // The API reads the same curve; the progress and export answer for the period.
    let agency = app.store.agency_by_code("kab-uji").await.unwrap().id.0;
    let curve = get_ok(
        &mut admin,
        &app,
        &format!("/api/v1/agencies/{agency}/curves/{year}"),
    )
    .await;
    assert_eq!(curve["policy"]["mode"], "refuse", "{curve}");
    assert_eq!(curve["policy"]["bounds"][0]["max_percent"], 70);
    let progress = get_ok(
        &mut admin,
        &app,
        &format!("/api/v1/agencies/{agency}/assessment-progress?period={period}"),
    )
    .await;
    assert_eq!(progress[0]["name"], "Dinas Kesehatan", "{progress}");
    let export = get_ok(
        &mut admin,
        &app,
        &format!("/api/v1/agencies/{agency}/ekinerja-export?period={period}"),
    )
    .await;
    assert!(export.is_array());
    // The downloads of the page: CSV and XLSX with the documented columns.
    let csv = admin
        .get(
            &app,
            &format!("/admin/penilaian/ekspor.csv?periode={period}"),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert!(
        csv.body
            .starts_with("nip,name,period,result_plan,indicator,")
    );
    let request = common::get(&format!("/admin/penilaian/ekspor.xlsx?periode={period}"));
    let answer = admin.send(&app, request).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert!(answer.body.starts_with("PK"), "a ZIP (XLSX) file");
    let (status, body) = call(
        &mut admin,
        &app,
        Method::GET,
        &format!("/api/v1/agencies/{agency}/ekinerja-export?period={period}&format=pdf"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(code(&body), "invalid_format");

    // A curve that cannot be read is refused with its rule.
    let (status, body) = put(
        &mut admin,
        &app,
        &format!("/api/v1/agencies/{agency}/curves/{year}"),
        json!({
            "organisation_rating": "good",
            "mode": "warn",
            "bounds": [{"ratings": ["baik"], "min_percent": 80, "max_percent": 70}],
            "legal_basis": "SK",
        }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(code(&body), "curve_policy_invalid");
    assert_eq!(body["error"]["details"][0]["rule_id"], "KIN-02");
}

#[tokio::test]
async fn str_06_the_recommender_sees_the_recommendations_due_and_writes_one_from_the_pages() {
    let app = app().await;
    let period = this_quarter();
    let madya = app.employee_id(nip::AHLI_MADYA).await;
    let (status, placement) = app
        .json(&format!("/api/v1/employees/{madya}/placement"))
        .await;
    assert_eq!(status, StatusCode::OK, "{placement}");
    let recommender = placement["recommender"]["person"]["nip"]
        .as_str()
        .unwrap_or_else(|| panic!("STR-06 names a recommender: {placement}"))
        .to_string();
    let mut admin_post = official(&app, &recommender).await;

    // The API and /penilaian list the recommendation due, not opened yet.
    let list = get_ok(
        &mut admin_post,
        &app,
        &format!("/api/v1/assessments?period={period}"),
    )
    .await;
    let due = list["recommendations_due"].as_array().unwrap();
    let line = due
        .iter()
        .find(|d| d["employee"] == madya)
        .unwrap_or_else(|| panic!("the Ahli Madya is due: {list}"));
    assert!(
        line["assessment"].is_null() && line["written"].is_null(),
        "{line}"
    );
    assert_eq!(line["rule_id"], "STR-06");
    let page = admin_post
        .get(&app, &format!("/penilaian?periode={period}"))
        .await;
    let section = text(&page.html(), "#rekomendasi").unwrap_or_default();
    assert!(
        section.contains("Hendra Gunawan") && section.contains("STR-06"),
        "{section}"
    );
    // Someone else does not see it.
    let mut other = official(&app, nip::AHLI_PERTAMA).await;
    let list = get_ok(
        &mut other,
        &app,
        &format!("/api/v1/assessments?period={period}"),
    )
    .await;
    assert_eq!(list["recommendations_due"], json!([]), "{list}");

    // Written from the list's form: the assessment opens, the line shows it written.
    let written = admin_post
        .post(
            &app,
            "/penilaian/rekomendasi",
            &[
                ("employee", &madya.to_string()),
                ("periode", &period),
                ("text", "Direkomendasikan: kajian kebijakan tepat waktu."),
            ],
        )
        .await;
    assert_eq!(written.status, StatusCode::SEE_OTHER, "{}", written.body);
    let blank = admin_post
        .post(
            &app,
            "/penilaian/rekomendasi",
            &[
                ("employee", &madya.to_string()),
                ("periode", &period),
                ("text", " "),
            ],
        )
        .await;
    assert_eq!(
        blank.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        blank.body
    );
    let list = get_ok(
        &mut admin_post,
        &app,
        &format!("/api/v1/assessments?period={period}"),
    )
    .await;
    let line = list["recommendations_due"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["employee"] == madya)
        .cloned()
        .unwrap();
    let id = line["assessment"].as_i64().unwrap();
    assert_eq!(
        line["written"]["text"],
        "Direkomendasikan: kajian kebijakan tepat waktu."
    );

    // The assessment's page offers the recommender the form (no rating), and rewrites it.
    let href = format!("/penilaian/{id}");
    let page = admin_post.get(&app, &href).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let html = page.html();
    assert!(
        html.select(&common::sel("#form-rekomendasi"))
            .next()
            .is_some()
    );
    assert!(html.select(&common::sel("#form-nilai")).next().is_none());
    let rewritten = admin_post
        .post(
            &app,
            &format!("{href}/rekomendasi"),
            &[("text", "Direkomendasikan dengan catatan ketepatan waktu.")],
        )
        .await;
    assert_eq!(
        rewritten.status,
        StatusCode::SEE_OTHER,
        "{}",
        rewritten.body
    );
    // The assessor reads it among the inputs; the assessor is offered no recommendation form.
    let assessor = assessor_nip(&app, madya).await;
    let mut ppk = official(&app, &assessor).await;
    let seen = get_ok(&mut ppk, &app, &format!("/api/v1/assessments/{id}")).await;
    assert_eq!(
        seen["inputs"]["recommendation"]["text"],
        "Direkomendasikan dengan catatan ketepatan waktu."
    );
    assert_eq!(seen["offers"]["recommend"], false, "{seen}");
    let page = ppk.get(&app, &href).await;
    assert!(
        page.html()
            .select(&common::sel("#form-rekomendasi"))
            .next()
            .is_none()
    );
}

#[tokio::test]
async fn kin_01_bkpsdm_lists_the_follow_ups_of_a_period_per_perangkat_daerah_and_downloads_them() {
    let app = app().await;
    let period = this_quarter();
    let employee = app.employee_id(nip::AHLI_PERTAMA).await;
    let mut assessor = official(&app, nip::KASUBAG).await;
    let (status, opened) = post(
        &mut assessor,
        &app,
        "/api/v1/assessments",
        json!({"employee": employee, "period": period}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{opened}");
    let uri = format!("/api/v1/assessments/{}", opened["id"]);
    let (status, body) = put(
        &mut assessor,
        &app,
        &format!("{uri}/rating"),
        rating("meets", "meets", "meets", ""),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = post(&mut assessor, &app, &format!("{uri}/finalise"), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = put(
        &mut assessor,
        &app,
        &format!("{uri}/follow-up"),
        json!({"kinds": ["training", "coaching"], "development_needs": "Pelatihan analisis data."}),
    )
    .await;
    assert!(status.is_success(), "{status} {body}");

    let agency = get_ok(&mut assessor, &app, &uri).await["agency"]
        .as_i64()
        .unwrap();
    let mut admin = app.admin.clone();
    admin.get(&app, "/admin/penilaian").await;
    let lines = get_ok(
        &mut admin,
        &app,
        &format!("/api/v1/agencies/{agency}/follow-ups?period={period}"),
    )
    .await;
    let lines = lines.as_array().unwrap().clone();
    assert_eq!(lines.len(), 2, "one line per kind: {lines:?}");
    assert!(lines.iter().all(|l| l["nip"] == nip::AHLI_PERTAMA
        && l["performance_rating"] == "baik"
        && l["development_needs"] == "Pelatihan analisis data."));
    let department = lines[0]["department_id"].as_i64().unwrap();
    let page = admin
        .get(
            &app,
            &format!("/admin/penilaian?periode={period}&pd={department}"),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let section = text(&page.html(), "#tindak-lanjut").unwrap_or_default();
    assert!(
        section.contains("Pelatihan")
            && section.contains("Pembinaan")
            && section.contains("KIN-01"),
        "{section}"
    );
    let other = admin
        .get(
            &app,
            &format!("/admin/penilaian?periode={period}&pd={}", department + 1000),
        )
        .await;
    assert!(
        text(&other.html(), "#tindak-lanjut")
            .unwrap_or_default()
            .contains("Belum ada tindak lanjut"),
    );
    let bad = admin
        .get(&app, &format!("/admin/penilaian?periode={period}&pd=x"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let csv = admin
        .get(
            &app,
            &format!("/admin/penilaian/tindak-lanjut.csv?periode={period}&pd={department}"),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.body.starts_with("NIP,Nama,Perangkat Daerah,"),
        "{}",
        csv.body
    );
    assert!(csv.body.contains(nip::AHLI_PERTAMA) && csv.body.contains("Pelatihan"));
    let xlsx = admin
        .get(
            &app,
            &format!("/admin/penilaian/tindak-lanjut.xlsx?periode={period}"),
        )
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    // Not BKPSDM: refused.
    let (status, _) = call(
        &mut assessor,
        &app,
        Method::GET,
        &format!("/api/v1/agencies/{agency}/follow-ups?period={period}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
