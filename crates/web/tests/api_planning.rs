//! The planning API (issue 4): performance agreements whose setter is derived from the
//! structure (STR-02 in the test Dinas), targets checked with every problem listed, the
//! cascade, signatures and amendments (MEK-02), dialogues deciding individual or team work
//! (MEK-03, PEN-19), expectations and activity plans — changes taken by signed-in officials
//! only.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{Browser, TEST_PASSWORD, TestApp, app, give_password, nip};
use serde_json::{Value, json};

const YEAR: i32 = 2026;

/// Sends a JSON request with the browser's session, and its CSRF token on a write.
async fn call(
    b: &mut Browser,
    app: &TestApp,
    method: Method,
    uri: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let write = method != Method::GET;
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.map_or_else(Body::empty, |v| Body::from(v.to_string())))
        .unwrap();
    if write && let Some(t) = b.csrf.clone() {
        request
            .headers_mut()
            .insert("x-csrf-token", t.parse().unwrap());
    }
    let answer = b.send(app, request).await;
    let value = if answer.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&answer.body).unwrap_or_else(|e| panic!("{uri}: {e}: {}", answer.body))
    };
    (answer.status, value)
}

async fn get(b: &mut Browser, app: &TestApp, uri: &str) -> Value {
    let (status, value) = call(b, app, Method::GET, uri, None).await;
    assert_eq!(status, StatusCode::OK, "GET {uri}: {value}");
    value
}

async fn post(b: &mut Browser, app: &TestApp, uri: &str, body: Value) -> (StatusCode, Value) {
    call(b, app, Method::POST, uri, Some(body)).await
}

/// Signs someone of the test agency in, with the session's CSRF token at hand.
async fn official(app: &TestApp, login: &str) -> Browser {
    give_password(&app.store, login, TEST_PASSWORD, false).await;
    let mut b = Browser::new();
    let answer = b.sign_in(app, login, TEST_PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    b.get(app, "/akun/kata-sandi").await;
    b
}

/// The line of `/api/v1/agreement-posts` whose position has this name.
fn line<'a>(lines: &'a Value, position_name: &str) -> &'a Value {
    lines
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["position_name"] == position_name)
        .unwrap_or_else(|| panic!("{position_name} in {lines}"))
}

fn target(indicator: &str) -> Value {
    json!({
        "indicator": indicator,
        "kind": "quantitative",
        "target": 95,
        "unit": "%",
        "budget": 1_500_000,
        "strategic_plan_ref": "Renstra 2025–2029 Sasaran 2.1",
        "annual_work_plan_ref": "Renja 2026 Program 1",
    })
}

/// The Kepala Dinas' agreement with one target, cascaded to the Kepala Bidang.
struct Cascade {
    kadis: Browser,
    agency: i64,
    kadis_agreement: i64,
    kadis_target: i64,
    kabid: Value,
    child_agreement: i64,
    child_target: i64,
}

async fn cascade(app: &TestApp) -> Cascade {
    let mut kadis = app.admin.clone();
    let posts = get(&mut kadis, app, "/api/v1/agreement-posts").await;
    let agency = posts["agency"].as_i64().unwrap();
    let own = &posts["own"][0];
    let (status, created) = post(
        &mut kadis,
        app,
        "/api/v1/agreements",
        json!({"agency": agency, "position": own["position"], "employee": own["employee"], "year": YEAR}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let kadis_agreement = created["id"].as_i64().unwrap();
    let (status, added) = post(
        &mut kadis,
        app,
        &format!("/api/v1/agreements/{kadis_agreement}/targets"),
        target("Persentase puskesmas terakreditasi"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let kadis_target = added["id"].as_i64().unwrap();
    let kabid = line(&posts["recipients"], "Kepala Bidang Pelayanan Kesehatan").clone();
    let (status, cascaded) = post(
        &mut kadis,
        app,
        &format!("/api/v1/targets/{kadis_target}/cascade"),
        json!({
            "position": kabid["position"],
            "employee": kabid["employee"],
            "indicator": "Laporan akreditasi puskesmas",
            "kind": "qualitative",
            "target": "Laporan triwulanan",
            "budget": "Rp 500.000",
            "weight": 2,
        }),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{cascaded}");
    Cascade {
        kadis,
        agency,
        kadis_agreement,
        kadis_target,
        kabid,
        child_agreement: cascaded["agreement"].as_i64().unwrap(),
        child_target: cascaded["target"].as_i64().unwrap(),
    }
}

#[tokio::test]
async fn str_02_the_kepala_dinas_cascades_a_target_to_the_kepala_bidang_whose_agreement_they_set() {
    let app = app().await;
    let mut kadis = app.admin.clone();
    // The posts offered for cascading are derived, each with its rule (STR-02, Lampiran I.B).
    let posts = get(&mut kadis, &app, "/api/v1/agreement-posts").await;
    let kabid = line(&posts["recipients"], "Kepala Bidang Pelayanan Kesehatan");
    assert_eq!(kabid["rule_id"], "STR-02");
    assert_eq!(kabid["article"], "Lampiran I.B.2.a–b");
    assert_eq!(posts["own"][0]["position_name"], "Kepala Dinas Kesehatan");

    let c = cascade(&app).await;
    // The Kepala Dinas' own agreement is made with the regional head (MEK-02).
    let mine = get(
        &mut kadis,
        &app,
        &format!("/api/v1/agreements/{}", c.kadis_agreement),
    )
    .await;
    assert_eq!(mine["setter"]["kind"], "regional_head");
    assert_eq!(mine["setter"]["rule_id"], "MEK-02");
    assert_eq!(mine["setter"]["article"], "Lampiran I.B.3.a.1");
    assert_eq!(mine["status"], "draft");
    assert_eq!(mine["budget"], 1_500_000);
    let children = &mine["targets"][0]["children"];
    assert_eq!(children[0]["agreement"], c.child_agreement);
    assert_eq!(children[0]["weight"], 2);

    // The Kepala Bidang signs in and finds the agreement the Kepala Dinas set for them.
    let mut kabid_browser = official(&app, nip::KABID).await;
    let list = get(
        &mut kabid_browser,
        &app,
        &format!(
            "/api/v1/agreements?year={YEAR}&employee={}",
            c.kabid["employee"]
        ),
    )
    .await;
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(list[0]["id"], c.child_agreement);
    assert_eq!(list[0]["setter"]["name"], "Kepala Dinas Kesehatan");
    assert_eq!(list[0]["setter"]["rule_id"], "STR-02");
    assert_eq!(list[0]["setter"]["article"], "Lampiran I.B.2.a–b");
    assert!(
        list[0]["setter"]["rule_title"]
            .as_str()
            .unwrap()
            .contains("JPT Pratama")
    );
    let theirs = get(
        &mut kabid_browser,
        &app,
        &format!("/api/v1/agreements/{}", c.child_agreement),
    )
    .await;
    let t = &theirs["targets"][0];
    assert_eq!(t["id"], c.child_target);
    assert_eq!(t["parent"], c.kadis_target);
    assert_eq!(t["kind"], "qualitative");
    assert_eq!(t["budget"], 500_000);
    assert!(t["identification"].is_null());

    // A post whose agreement the Kepala Dinas does not set (here their own) cannot receive it.
    let own = line(&posts["own"], "Kepala Dinas Kesehatan");
    let mut body = target("Tidak boleh");
    body["position"] = own["position"].clone();
    body["employee"] = own["employee"].clone();
    let (status, refused) = post(
        &mut kadis,
        &app,
        &format!("/api/v1/targets/{}/cascade", c.kadis_target),
        body,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["error"]["code"], "not_a_recipient");
}

#[tokio::test]
async fn mek_02_a_target_with_bad_input_is_refused_with_every_problem_listed() {
    let app = app().await;
    let mut c = cascade(&app).await;
    let uri = format!("/api/v1/agreements/{}/targets", c.kadis_agreement);
    let (status, refused) = post(
        &mut c.kadis,
        &app,
        &uri,
        json!({
            "indicator": " ",
            "kind": "quantitative",
            "target": "banyak",
            "unit": "",
            "budget": "satu juta",
            "weight": 0,
        }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    assert_eq!(refused["error"]["code"], "validation_failed");
    let details = refused["error"]["details"].as_array().unwrap();
    let pairs: Vec<(&str, &str)> = details
        .iter()
        .map(|d| (d["field"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("indicator", "indicator_blank"),
            ("target", "target_not_a_number"),
            ("unit", "unit_blank"),
            ("budget", "budget_invalid"),
            ("weight", "weight_invalid"),
        ]
    );
    assert!(
        details
            .iter()
            .all(|d| !d["message"].as_str().unwrap().is_empty())
    );

    // An unknown kind is named as such.
    let mut unknown = target("Indikator");
    unknown["kind"] = json!("angka");
    let (status, refused) = post(&mut c.kadis, &app, &uri, unknown).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["error"]["details"][0]["code"], "kind_invalid");

    // Nothing was added; rupiah as text with separators is accepted.
    let mut as_text = target("Indikator kedua");
    as_text["budget"] = json!("Rp 2.500.000");
    let (status, _) = post(&mut c.kadis, &app, &uri, as_text).await;
    assert_eq!(status, StatusCode::CREATED);
    let agreement = get(
        &mut c.kadis,
        &app,
        &format!("/api/v1/agreements/{}", c.kadis_agreement),
    )
    .await;
    assert_eq!(agreement["target_count"], 2);
    assert_eq!(agreement["budget"], 4_000_000);
}

#[tokio::test]
async fn mek_02_an_agreement_signed_by_holder_and_setter_is_locked_until_amended() {
    let app = app().await;
    let mut c = cascade(&app).await;
    let mut kabid = official(&app, nip::KABID).await;
    let uri = format!("/api/v1/agreements/{}", c.child_agreement);

    // The holder signs first: still a draft.
    let (status, answer) = post(&mut kabid, &app, &format!("{uri}/signatures"), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{answer}");
    let half = get(&mut kabid, &app, &uri).await;
    assert_eq!(half["status"], "draft");
    assert!(half["holder_signed_at"].is_string());
    assert!(half["setter_signed_at"].is_null());
    assert!(
        half["number"].is_null(),
        "numbered only when both have signed (DOC-05)"
    );
    let (status, again) = post(&mut kabid, &app, &format!("{uri}/signatures"), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(again["error"]["code"], "already_signed");

    // The Kepala Dinas, who sets it (STR-02), signs: signed and locked.
    let (status, answer) = post(&mut c.kadis, &app, &format!("{uri}/signatures"), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{answer}");
    let signed = get(&mut kabid, &app, &uri).await;
    assert_eq!(signed["status"], "signed");
    // DOC-05: the second signature gave it the first number of its register.
    assert!(
        signed["number"]
            .as_str()
            .is_some_and(|n| n.starts_with("800.1.11/1/")),
        "{signed}"
    );
    assert!(
        signed["setter_signed_by"]
            .as_str()
            .unwrap()
            .contains(nip::KADIS)
    );

    let (status, locked) = post(
        &mut kabid,
        &app,
        &format!("{uri}/targets"),
        target("Tambahan"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{locked}");
    assert_eq!(locked["error"]["code"], "agreement_signed");

    // An amendment needs a reason, keeps the signed text and opens the next version.
    let (status, blank) = post(
        &mut kabid,
        &app,
        &format!("{uri}/amendments"),
        json!({"reason": " "}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(blank["error"]["code"], "amendment_reason_blank");
    let (status, _) = post(
        &mut kabid,
        &app,
        &format!("{uri}/amendments"),
        json!({"reason": "Perubahan DPA"}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let amended = get(&mut kabid, &app, &uri).await;
    assert_eq!(amended["status"], "draft");
    assert_eq!(amended["version"], 2);
    assert_eq!(amended["versions"][0]["version"], 1);
    assert_eq!(amended["versions"][0]["reason"], "Perubahan DPA");
    assert!(amended["versions"][0]["content"].is_object());
    let (status, _) = post(
        &mut kabid,
        &app,
        &format!("{uri}/targets"),
        target("Tambahan"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    // The next year starts from this one: the holder copies it (issue 4 point 6).
    let (status, refused) = post(
        &mut c.kadis,
        &app,
        &format!("{uri}/copies"),
        json!({"year": YEAR + 1}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert_eq!(refused["error"]["code"], "not_the_holder");
    let (status, copied) = post(
        &mut kabid,
        &app,
        &format!("{uri}/copies"),
        json!({"year": YEAR + 1}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{copied}");
    let next = get(
        &mut kabid,
        &app,
        &format!("/api/v1/agreements/{}", copied["id"]),
    )
    .await;
    assert_eq!(next["year"], YEAR + 1);
    assert_eq!(next["status"], "draft");
    assert_eq!(next["targets"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn mek_02_planning_changes_are_refused_to_api_tokens() {
    let app = app().await;
    let c = cascade(&app).await;
    // The test app's token reaches every agency and may write — but planning is an
    // official's decision (PEN-18).
    let bearer = |method: Method, uri: &str, body: &str| {
        Request::builder()
            .method(method)
            .uri(uri)
            .header(header::AUTHORIZATION, format!("Bearer {}", app.token))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let create = json!({"agency": c.agency, "position": c.kabid["position"], "employee": c.kabid["employee"], "year": YEAR + 1});
    for (method, uri, body) in [
        (
            Method::POST,
            "/api/v1/agreements".to_string(),
            create.to_string(),
        ),
        (
            Method::POST,
            format!("/api/v1/agreements/{}/signatures", c.child_agreement),
            String::new(),
        ),
        (
            Method::POST,
            format!("/api/v1/agreements/{}/targets", c.kadis_agreement),
            target("Lewat token").to_string(),
        ),
        (
            Method::GET,
            "/api/v1/expectations".to_string(),
            String::new(),
        ),
        (
            Method::GET,
            "/api/v1/agreement-posts".to_string(),
            String::new(),
        ),
    ] {
        let (status, _, body) = app.send(bearer(method.clone(), &uri, &body)).await;
        let body = String::from_utf8(body).unwrap();
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {uri}: {body}");
        assert!(body.contains("\"official_only\""), "{method} {uri}: {body}");
    }
    // Reading is open to the token, each agreement naming its rule.
    let (status, list) = app.json(&format!("/api/v1/agreements?year={YEAR}")).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert_eq!(list.as_array().map(Vec::len), Some(2));
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|a| a["setter"]["rule_id"].is_string() && a["setter"]["article"].is_string())
    );
    let (status, one) = app
        .json(&format!("/api/v1/agreements/{}", c.kadis_agreement))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one["targets"][0]["id"], c.kadis_target);
}

#[tokio::test]
async fn mek_02_a_pelaksana_cannot_sign_someone_elses_agreement() {
    let app = app().await;
    let c = cascade(&app).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    for agreement in [c.kadis_agreement, c.child_agreement] {
        let (status, refused) = post(
            &mut pelaksana,
            &app,
            &format!("/api/v1/agreements/{agreement}/signatures"),
            json!({}),
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
        assert_eq!(refused["error"]["code"], "not_a_party");
        let seen = get(
            &mut pelaksana,
            &app,
            &format!("/api/v1/agreements/{agreement}"),
        )
        .await;
        assert!(seen["holder_signed_at"].is_null() && seen["setter_signed_at"].is_null());
    }
    // Nor change its targets.
    let (status, _) = call(
        &mut pelaksana,
        &app,
        Method::DELETE,
        &format!("/api/v1/targets/{}", c.child_target),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn mek_02_the_department_target_tree_rolls_progress_up_the_cascade() {
    let app = app().await;
    let mut c = cascade(&app).await;
    let mut kabid = official(&app, nip::KABID).await;
    let department = app.department_id("dinkes").await;

    // Progress is reported by the holder of the target, not by the head above.
    let progress = format!("/api/v1/targets/{}/progress", c.child_target);
    let (status, refused) = post(&mut c.kadis, &app, &progress, json!({"progress": 10})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(refused["error"]["code"], "not_the_holder");
    let (status, out_of_range) = post(&mut kabid, &app, &progress, json!({"progress": 120})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(out_of_range["error"]["code"], "progress_out_of_range");
    let (status, _) = post(&mut kabid, &app, &progress, json!({"progress": 40})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    let tree = get(
        &mut c.kadis,
        &app,
        &format!("/api/v1/departments/{department}/targets?year={YEAR}"),
    )
    .await;
    let nodes = tree.as_array().unwrap();
    assert_eq!(nodes.len(), 2, "{tree}");
    assert_eq!(nodes[0]["id"], c.kadis_target);
    assert_eq!(nodes[0]["depth"], 0);
    assert_eq!(nodes[0]["position_name"], "Kepala Dinas Kesehatan");
    assert_eq!(nodes[0]["progress"], 40.0);
    assert_eq!(nodes[1]["id"], c.child_target);
    assert_eq!(nodes[1]["depth"], 1);
    assert_eq!(
        nodes[1]["position_name"],
        "Kepala Bidang Pelayanan Kesehatan"
    );

    let (status, missing) = call(
        &mut c.kadis,
        &app,
        Method::GET,
        &format!("/api/v1/departments/{department}/targets"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(missing["error"]["code"], "year_required");

    // A target with a cascaded child is not removed; the child is.
    let (status, kept) = call(
        &mut c.kadis,
        &app,
        Method::DELETE,
        &format!("/api/v1/targets/{}", c.kadis_target),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(kept["error"]["code"], "target_has_children");
}

#[tokio::test]
async fn mek_03_pen_19_a_performance_dialogue_identifies_team_work_for_a_target() {
    let app = app().await;
    let mut c = cascade(&app).await;
    let kadis_id = app.employee_id(nip::KADIS).await;
    let uri = format!("/api/v1/agreements/{}/dialogues", c.child_agreement);
    let body = |held_on: &str, execution: &str| {
        json!({
            "held_on": held_on,
            "participants": [kadis_id, c.kabid["employee"]],
            "notes": "Target akreditasi dikerjakan bersama bidang lain.",
            "identifications": [{
                "target": c.child_target,
                "execution": execution,
                "needs_other_units": true,
                "needs_team_lead": true,
            }],
        })
    };
    let (status, refused) = post(&mut c.kadis, &app, &uri, body("15/01/2026", "team")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["error"]["code"], "held_on_invalid");
    let (status, refused) = post(&mut c.kadis, &app, &uri, body("2026-01-15", "kelompok")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused["error"]["code"], "execution_invalid");

    let (status, created) = post(&mut c.kadis, &app, &uri, body("2026-01-15", "team")).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let agreement = get(
        &mut c.kadis,
        &app,
        &format!("/api/v1/agreements/{}", c.child_agreement),
    )
    .await;
    let identification = &agreement["targets"][0]["identification"];
    assert_eq!(identification["execution"], "team");
    assert_eq!(identification["needs_other_units"], true);
    assert_eq!(identification["needs_team_lead"], true);
    assert_eq!(identification["dialogue"], created["id"]);
    assert_eq!(identification["rule_id"], "MEK-03");
    let dialogue = &agreement["dialogues"][0];
    assert_eq!(dialogue["held_on"], "2026-01-15");
    assert_eq!(dialogue["participants"].as_array().map(Vec::len), Some(2));
}

/// The Kepala Sub Bagian Umum and the Pelaksana whose agreement they set (as their PPK).
async fn kasubag_and_pelaksana(app: &TestApp) -> (Browser, Browser, i64, Value) {
    let mut kasubag = official(app, nip::KASUBAG).await;
    let pelaksana = official(app, nip::PELAKSANA).await;
    let posts = get(&mut kasubag, app, "/api/v1/agreement-posts").await;
    let line = line(&posts["recipients"], "Pengadministrasi Umum").clone();
    assert_eq!(line["employee"], app.employee_id(nip::PELAKSANA).await);
    (kasubag, pelaksana, posts["agency"].as_i64().unwrap(), line)
}

#[tokio::test]
async fn mek_03_an_activity_plan_is_drafted_by_the_pelaksana_submitted_and_approved_by_their_head()
{
    let app = app().await;
    let (mut kasubag, mut pelaksana, agency, line) = kasubag_and_pelaksana(&app).await;
    // The head who sets the Pelaksana's agreement starts it and gives it a target.
    let (status, created) = post(
        &mut kasubag,
        &app,
        "/api/v1/agreements",
        json!({"agency": agency, "position": line["position"], "employee": line["employee"], "year": YEAR}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let agreement = created["id"].as_i64().unwrap();
    let (status, added) = post(
        &mut kasubag,
        &app,
        &format!("/api/v1/agreements/{agreement}/targets"),
        target("Persentase surat terarsip tepat waktu"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    let target_id = added["id"].as_i64().unwrap();

    // The Pelaksana drafts the plan; bad activities are listed, all at once.
    let plans = format!("/api/v1/targets/{target_id}/activity-plans");
    let (status, refused) = post(
        &mut pelaksana,
        &app,
        &plans,
        json!({"title": "Penataan arsip", "activities": [
            {"name": " ", "output": "x", "month_from": 4, "month_to": 2, "budget": 1000},
            {"name": "Pemilahan", "output": "x", "month_from": 0, "month_to": 13, "budget": "dua juta"},
        ]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    let codes: Vec<&str> = refused["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "activity_name_blank",
            "activity_months_reversed",
            "activity_month_invalid",
            "activity_budget_invalid"
        ]
    );
    let (status, created) = post(
        &mut pelaksana,
        &app,
        &plans,
        json!({"title": "Penataan arsip", "activities": [
            {"name": "Pemilahan arsip", "output": "Daftar arsip", "month_from": 1, "month_to": 3, "budget": "2.500.000"},
            {"name": "Digitalisasi", "output": "Arsip digital", "month_from": "4", "month_to": 6, "budget": 1_000_000},
        ]}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let plan = created["id"].as_i64().unwrap();
    let uri = format!("/api/v1/activity-plans/{plan}");

    // Approval waits for the submission; only the Pelaksana submits, only their head approves.
    let (status, early) = post(&mut kasubag, &app, &format!("{uri}/approval"), json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(early["error"]["code"], "plan_state");
    let (status, _) = post(&mut kasubag, &app, &format!("{uri}/submission"), json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = post(
        &mut pelaksana,
        &app,
        &format!("{uri}/submission"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = post(&mut pelaksana, &app, &format!("{uri}/approval"), json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = post(&mut kasubag, &app, &format!("{uri}/approval"), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    let approved = get(&mut pelaksana, &app, &uri).await;
    assert_eq!(approved["current_version"], 1);
    let v1 = &approved["versions"][0];
    assert_eq!(v1["status"], "approved");
    assert_eq!(v1["total_budget"], 3_500_000);
    assert_eq!(v1["activities"][1]["month_from"], 4);
    assert!(v1["approved_by"].as_str().unwrap().contains(nip::KASUBAG));

    // A change after approval is a new version with its reason; the approved one stays.
    let versions = format!("{uri}/versions");
    let activities = json!([{"name": "Pemilahan arsip", "output": "Daftar arsip", "month_from": 1, "month_to": 4, "budget": 3_000_000}]);
    let (status, blank) = post(
        &mut pelaksana,
        &app,
        &versions,
        json!({"activities": activities}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(blank["error"]["code"], "plan_change_reason_blank");
    let (status, version) = post(
        &mut pelaksana,
        &app,
        &versions,
        json!({"activities": activities, "reason": "Anggaran digitalisasi dialihkan"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{version}");
    assert_eq!(version["version"], 2);
    let revised = get(&mut kasubag, &app, &uri).await;
    assert_eq!(revised["current_version"], 2);
    assert_eq!(revised["versions"][0]["status"], "approved");
    assert_eq!(revised["versions"][1]["status"], "draft");
    assert_eq!(
        revised["versions"][1]["reason"],
        "Anggaran digitalisasi dialihkan"
    );

    // The agreement lists its plans.
    let full = get(
        &mut kasubag,
        &app,
        &format!("/api/v1/agreements/{agreement}"),
    )
    .await;
    assert_eq!(full["activity_plans"][0]["id"], plan);
    assert_eq!(full["setter"]["name"], "Kepala Sub Bagian Umum");
}

#[tokio::test]
async fn mek_02_an_expectation_is_set_by_the_head_and_acknowledged_by_the_person() {
    let app = app().await;
    let (mut kasubag, mut pelaksana, agency, line) = kasubag_and_pelaksana(&app).await;
    let (status, created) = post(
        &mut kasubag,
        &app,
        "/api/v1/expectations",
        json!({"agency": agency, "position": line["position"], "employee": line["employee"], "year": YEAR, "text": "Arsip tertata dan dapat ditemukan dalam lima menit."}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();

    // Only the head who sets the Pelaksana's agreement sets it.
    let (status, refused) = post(
        &mut pelaksana,
        &app,
        "/api/v1/expectations",
        json!({"agency": agency, "position": line["position"], "employee": line["employee"], "year": YEAR, "text": "Sendiri"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(refused["error"]["code"], "not_the_setter");

    let mine = get(
        &mut pelaksana,
        &app,
        &format!("/api/v1/expectations?year={YEAR}"),
    )
    .await;
    assert_eq!(mine.as_array().map(Vec::len), Some(1), "{mine}");
    assert_eq!(mine[0]["setter_name"], "Kepala Sub Bagian Umum");
    assert!(mine[0]["acknowledged_at"].is_null());
    let none = get(
        &mut pelaksana,
        &app,
        "/api/v1/expectations?mine_as_setter=true",
    )
    .await;
    assert_eq!(none.as_array().map(Vec::len), Some(0));

    let ack = format!("/api/v1/expectations/{id}/acknowledgement");
    let (status, refused) = post(&mut kasubag, &app, &ack, json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(refused["error"]["code"], "not_the_recipient");
    let (status, _) = post(&mut pelaksana, &app, &ack, json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    let set = get(
        &mut kasubag,
        &app,
        "/api/v1/expectations?mine_as_setter=true",
    )
    .await;
    assert_eq!(set.as_array().map(Vec::len), Some(1), "{set}");
    assert_eq!(set[0]["id"], id);
    assert!(set[0]["acknowledged_at"].is_string());
}
