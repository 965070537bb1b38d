//! The assignment API (issue 5): drafts checked with every violation named by rule
//! (PEN-01..12), recorded drafts, the workflows taken step by step by the holders of their
//! lanes (PEN-13..18) — within the unit in the test Dinas, across Unit Organisasi in the demo
//! government — the inbox, letters and the workflow definitions. Changes are an official's.
#![allow(clippy::unwrap_used)] // tests may panic on unexpected errors

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::assignments::{call, get_ok, member, official, post, root_unit, started_team, team};
use common::{app, app_with, nip};
use serde_json::{Value, json};

const FROM: &str = "2027-01-01";
const UNTIL: &str = "2027-06-30";

fn codes(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn pen_13_pen_18_a_within_unit_appointment_is_assigned_when_each_member_has_received_it() {
    let app = app().await;
    let mut kadis = app.admin.clone();
    let (id, request) = started_team(&app).await;

    // The assignment: scope and instrument derived (PEN-03, PEN-12), its request named.
    let a = get_ok(&mut kadis, &app, &format!("/api/v1/assignments/{id}")).await;
    assert_eq!(a["scope"], "within_unit");
    assert_eq!(a["instrument"], "assignment_letter");
    assert_eq!(a["instrument_rule_id"], "PEN-12");
    assert_eq!(a["workflow"], "within_unit_appointment");
    assert_eq!(a["status"], "requested");
    assert_eq!(a["request"], request);
    assert_eq!(a["members"].as_array().map(Vec::len), Some(2));

    // The request waits for each member to receive the Surat Tugas (PEN-13).
    let r = get_ok(&mut kadis, &app, &format!("/api/v1/requests/{request}")).await;
    assert_eq!(r["rule_id"], "PEN-13");
    assert_eq!(r["article"], "Lampiran II.B.1.a");
    assert_eq!(r["state"], "open");
    assert_eq!(r["current_step"], "receive");
    assert_eq!(r["steps"][0]["step"], "assign");
    assert_eq!(r["steps"][0]["letter"], "surat_tugas");
    assert_eq!(r["waiting"].as_array().map(Vec::len), Some(2), "{r}");
    assert_eq!(r["letters"][0]["kind"], "surat_tugas");
    let letter = r["letters"][0]["id"].as_i64().unwrap();

    // Each member finds it in their inbox and receives it.
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let inbox = get_ok(&mut lead, &app, "/api/v1/inbox").await;
    assert_eq!(inbox["counts"]["receive"], 1, "{inbox}");
    assert_eq!(inbox["items"][0]["request"], request);
    assert_eq!(inbox["items"][0]["category"], "receive");
    let steps = format!("/api/v1/requests/{request}/steps");
    let receive = json!({"step": "receive", "refuse": false, "text": "Diterima"});
    let (status, body) = post(&mut lead, &app, &steps, receive.clone()).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let r = get_ok(&mut lead, &app, &format!("/api/v1/requests/{request}")).await;
    assert_eq!(r["state"], "open", "one member still has to receive it");
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let (status, body) = post(&mut pelaksana, &app, &steps, receive).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");

    let r = get_ok(&mut kadis, &app, &format!("/api/v1/requests/{request}")).await;
    assert_eq!(r["state"], "assigned");
    assert_eq!(r["steps"].as_array().map(Vec::len), Some(3));
    let a = get_ok(&mut kadis, &app, &format!("/api/v1/assignments/{id}")).await;
    assert_eq!(a["status"], "active");
    let inbox = get_ok(&mut lead, &app, "/api/v1/inbox").await;
    assert_eq!(inbox["counts"]["total"], 0, "{inbox}");

    // The Surat Tugas as recorded, for a member too.
    let l = get_ok(&mut lead, &app, &format!("/api/v1/letters/{letter}")).await;
    assert_eq!(l["kind"], "surat_tugas");
    assert_eq!(l["content"]["title"], "SURAT TUGAS");
    assert_eq!(l["content"]["rule_id"], "PEN-13");
    assert_eq!(l["content"]["members"].as_array().map(Vec::len), Some(2));
    assert_eq!(l["content"]["signer"]["position"], "Kepala Dinas Kesehatan");

    // Both show in the lists of those involved.
    let mine = get_ok(&mut lead, &app, "/api/v1/assignments").await;
    assert_eq!(mine[0]["id"], id);
    assert_eq!(mine[0]["relation"], "member");
}

#[tokio::test]
async fn pen_18_someone_not_holding_the_step_gets_403_and_a_step_is_taken_once() {
    let app = app().await;
    let (_, request) = started_team(&app).await;
    let steps = format!("/api/v1/requests/{request}/steps");
    let receive = json!({"step": "receive", "text": "Diterima"});
    // Neither the Kepala Bidang nor the Kepala Dinas receives for the members.
    for login in [nip::KABID, nip::KADIS] {
        let mut b = if login == nip::KADIS {
            app.admin.clone()
        } else {
            official(&app, login).await
        };
        let (status, body) = post(&mut b, &app, &steps, receive.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{login}: {body}");
        assert_eq!(body["error"]["code"], "not_the_step_holder", "{body}");
    }
    // A member receives once; the second time is a conflict.
    let mut lead = official(&app, nip::AHLI_MUDA).await;
    let (status, _) = post(&mut lead, &app, &steps, receive.clone()).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = post(&mut lead, &app, &steps, receive).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "already_decided");
    // A step that is not the current one, and one that does not exist.
    let (status, body) = post(&mut lead, &app, &steps, json!({"step": "assign"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let (status, body) = post(&mut lead, &app, &steps, json!({"step": "terbang"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "unknown_step");
    // A receipt cannot be refused.
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let (status, body) = post(
        &mut pelaksana,
        &app,
        &steps,
        json!({"step": "receive", "refuse": true, "text": "Tidak bisa"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "not_refusable");
    // Only the requester nudges.
    let (status, body) = post(
        &mut lead,
        &app,
        &format!("/api/v1/requests/{request}/nudges"),
        json!({"note": "Mohon segera"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "not_the_requester");
    let mut kadis = app.admin.clone();
    let (status, body) = post(
        &mut kadis,
        &app,
        &format!("/api/v1/requests/{request}/nudges"),
        json!({"note": "Mohon segera diterima"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["reminded"], 1, "only the Pelaksana still waits");
}

#[tokio::test]
async fn pen_14_pen_16_pen_18_a_refusal_without_reasons_is_422_citing_pen_14_and_with_reasons_ends_the_request()
 {
    let app = app().await;
    let unit = root_unit(&app, "dinkes").await;
    let me = app.employee_id(nip::PELAKSANA).await;
    let mut pelaksana = official(&app, nip::PELAKSANA).await;
    let mut wish = team(
        unit,
        "Membantu pendataan rujukan",
        vec![member(me, "member", "2027-03-01", "2027-03-31")],
    );
    wish["execution"] = json!("individual");
    wish["method"] = json!("volunteer");
    let (status, created) = post(&mut pelaksana, &app, "/api/v1/assignments", wish).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();
    let (status, started) = post(
        &mut pelaksana,
        &app,
        &format!("/api/v1/assignments/{id}/request"),
        json!({"text": "Saya ingin membantu pendataan rujukan"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{started}");
    let request = started["id"].as_i64().unwrap();

    let mut kadis = app.admin.clone();
    let steps = format!("/api/v1/requests/{request}/steps");
    let (status, body) = post(
        &mut kadis,
        &app,
        &steps,
        json!({"step": "head_decision", "refuse": true, "text": "  "}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "reasons_required");
    // The refusal names its rule (issue 12, point 8).
    assert_eq!(body["error"]["details"][0]["rule_id"], "PEN-14", "{body}");
    assert!(body["error"]["details"][0]["article"].is_string(), "{body}");
    let r = get_ok(&mut kadis, &app, &format!("/api/v1/requests/{request}")).await;
    assert_eq!(r["state"], "open", "nothing was decided");
    assert_eq!(r["rule_id"], "PEN-16");

    let (status, body) = post(
        &mut kadis,
        &app,
        &steps,
        json!({"step": "head_decision", "refuse": true, "text": "Beban kerja sudah penuh"}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let r = get_ok(&mut kadis, &app, &format!("/api/v1/requests/{request}")).await;
    assert_eq!(r["state"], "refused");
    assert_eq!(r["steps"][1]["decision"], "refuse");
    assert_eq!(r["steps"][1]["text"], "Beban kerja sudah penuh");
    let a = get_ok(&mut kadis, &app, &format!("/api/v1/assignments/{id}")).await;
    assert_eq!(a["status"], "refused");
}

#[tokio::test]
async fn an_api_token_gets_403_official_only_on_every_change_and_reads_records() {
    let app = app().await;
    let (id, request) = started_team(&app).await;
    let bearer = |method: Method, uri: &str, body: &str| {
        Request::builder()
            .method(method)
            .uri(uri)
            .header(header::AUTHORIZATION, format!("Bearer {}", app.token))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let unit = root_unit(&app, "dinkes").await;
    let draft = team(unit, "Lewat token", vec![]).to_string();
    for (method, uri, body) in [
        (
            Method::POST,
            "/api/v1/assignments".to_string(),
            draft.clone(),
        ),
        (Method::POST, "/api/v1/assignments/check".to_string(), draft),
        (
            Method::POST,
            format!("/api/v1/assignments/{id}/request"),
            "{}".to_string(),
        ),
        (
            Method::POST,
            format!("/api/v1/requests/{request}/steps"),
            json!({"step": "receive"}).to_string(),
        ),
        (
            Method::POST,
            format!("/api/v1/requests/{request}/nudges"),
            "{}".to_string(),
        ),
        (
            Method::POST,
            "/api/v1/inbox/1/read".to_string(),
            String::new(),
        ),
        (Method::GET, "/api/v1/inbox".to_string(), String::new()),
        (
            Method::GET,
            "/api/v1/assignments".to_string(),
            String::new(),
        ),
        (
            Method::GET,
            format!("/api/v1/assignments/candidates?owner_unit={unit}&start={FROM}"),
            String::new(),
        ),
    ] {
        let (status, _, body) = app.send(bearer(method.clone(), &uri, &body)).await;
        let body = String::from_utf8(body).unwrap();
        assert_eq!(status, StatusCode::FORBIDDEN, "{method} {uri}: {body}");
        assert!(body.contains("\"official_only\""), "{method} {uri}: {body}");
    }
    // Records of the agencies it reaches are read, and the workflow definitions.
    let (status, a) = app.json(&format!("/api/v1/assignments/{id}")).await;
    assert_eq!(status, StatusCode::OK, "{a}");
    assert_eq!(a["request"], request);
    let (status, r) = app.json(&format!("/api/v1/requests/{request}")).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    let (status, w) = app.json("/api/v1/workflows").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(w.as_array().map(Vec::len), Some(5));
}

#[tokio::test]
async fn pen_01_pen_02_pen_05_the_check_lists_every_violation_and_a_refused_draft_names_them_all() {
    let app = app().await;
    let mut kadis = app.admin.clone();
    let unit = root_unit(&app, "dinkes").await;
    let utama = app.employee_id(nip::AHLI_UTAMA).await;
    let kabid = app.employee_id(nip::KABID).await;
    let muda = app.employee_id(nip::AHLI_MUDA).await;
    // A team without a lead (PEN-01), a member whose placement is unresolved (PEN-02), a
    // structural official (PEN-01), a period of 13 months (PEN-05) and one inverted (PEN-01).
    let draft = team(
        unit,
        "Tim yang keliru",
        vec![
            member(utama, "member", FROM, UNTIL),
            member(kabid, "member", FROM, UNTIL),
            member(muda, "member", "2027-01-01", "2028-01-01"),
            member(app.employee_id(nip::PELAKSANA).await, "member", UNTIL, FROM),
        ],
    );
    let (status, report) = post(&mut kadis, &app, "/api/v1/assignments/check", draft.clone()).await;
    assert_eq!(status, StatusCode::OK, "{report}");
    assert_eq!(report["allowed"], false);
    assert_eq!(report["scope"], "within_unit");
    assert_eq!(report["workflow"], "within_unit_appointment");
    let found = codes(&report["violations"]);
    for code in [
        "team_lead_count",
        "member_placement_unresolved",
        "member_not_functional_or_executor",
        "own_unit_term_too_long",
        "member_period_inverted",
    ] {
        assert!(found.iter().any(|c| c == code), "{code} in {found:?}");
    }
    for v in report["violations"].as_array().unwrap() {
        assert!(v["rule_id"].as_str().unwrap().starts_with("PEN-"), "{v}");
        assert!(!v["article"].as_str().unwrap().is_empty(), "{v}");
    }
    let unresolved = report["violations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["code"] == "member_placement_unresolved")
        .unwrap();
    assert_eq!(unresolved["rule_id"], "PEN-02");
    assert_eq!(unresolved["employee"], utama);

    // Recording it is refused with the same violations, each with its rule; nothing written.
    let (status, body) = post(&mut kadis, &app, "/api/v1/assignments", draft).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "assignment_refused");
    let details = &body["error"]["details"];
    assert_eq!(codes(details), found);
    assert_eq!(details[0]["rule_id"], report["violations"][0]["rule_id"]);
    assert!(
        details
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["field"] == "members[0]" && d["rule_id"] == "PEN-02"),
        "{details}"
    );
    let mine = get_ok(&mut kadis, &app, "/api/v1/assignments").await;
    assert_eq!(mine.as_array().map(Vec::len), Some(0));

    // Input that cannot be read is a 422 with every problem.
    let (status, body) = post(
        &mut kadis,
        &app,
        "/api/v1/assignments/check",
        json!({"owner_unit": unit, "execution": "bersama", "members": [member(muda, "ketua", "2027-02-30", UNTIL)]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "validation_failed");
    let problems = codes(&body["error"]["details"]);
    for code in [
        "assignment_title_blank",
        "execution_invalid",
        "role_invalid",
        "day_invalid",
    ] {
        assert!(problems.iter().any(|c| c == code), "{code} in {problems:?}");
    }
}

#[tokio::test]
async fn pen_02_pen_08_pen_09_the_candidates_show_placement_load_and_lead_requirements() {
    let app = app().await;
    let mut kadis = app.admin.clone();
    let (id, _) = started_team(&app).await;
    let unit = root_unit(&app, "dinkes").await;
    let list = get_ok(
        &mut kadis,
        &app,
        &format!(
            "/api/v1/assignments/candidates?owner_unit={unit}&field=Kesehatan&start=2027-02-01"
        ),
    )
    .await;
    let list = list.as_array().unwrap();
    let find = |n: &str| {
        list.iter()
            .find(|c| c["nip"] == n)
            .unwrap_or_else(|| panic!("{n} among the candidates"))
    };
    let muda = find(nip::AHLI_MUDA);
    assert_eq!(muda["placed"], true);
    assert_eq!(muda["load"], 1, "{muda}");
    assert_eq!(muda["assignments"][0]["assignment"], id);
    assert_eq!(muda["lead_requirements"].as_array().map(Vec::len), Some(4));
    assert!(
        muda["lead_requirements"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["rule_id"] == "PEN-08")
    );
    let utama = find(nip::AHLI_UTAMA);
    assert_eq!(utama["placed"], false, "KED-09: unresolved");
    // Structural officials are no candidates (PEN-01).
    assert!(list.iter().all(|c| c["nip"] != nip::KABID));
}

#[tokio::test]
async fn the_workflows_name_their_rule_lanes_steps_letters_and_copies() {
    let app = app().await;
    let mut kadis = app.admin.clone();
    let w = get_ok(&mut kadis, &app, "/api/v1/workflows").await;
    let cross = w
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["kind"] == "cross_unit_appointment")
        .unwrap();
    assert_eq!(cross["rule_id"], "PEN-14");
    assert_eq!(cross["article"], "Lampiran II.B.1.b, Gambar 1");
    let steps: Vec<&str> = cross["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "request",
            "ppk_decision",
            "head_recommendation",
            "compose",
            "issue",
            "establish",
            "receive"
        ]
    );
    assert_eq!(cross["steps"][0]["letter"]["code"], "involvement_request");
    assert_eq!(cross["steps"][0]["copies"][0], "requester_ppk");
    assert_eq!(cross["steps"][1]["refusable"], true);
    assert_eq!(cross["steps"][4]["refusable"], false);
    assert!(
        cross["lanes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["label"] == "Sekretaris Daerah")
    );
}

/// PEN-14, Gambar 1, in the demo government: the Camat Martapura (head of the Kecamatan, a
/// Unit Organisasi) asks for the Pranata Komputer Ahli Muda of Diskominfostat. Her PPK (the
/// Kepala Bidang Aplikasi Informatika) decides, the Kepala Dinas recommends, the PPK composes
/// the answer, the Kepala Dinas issues the Surat Penugasan, the Sekda establishes it by
/// Keputusan, and she receives it.
#[tokio::test]
async fn pen_14_pen_12_a_cross_unit_appointment_goes_through_the_target_side_to_the_sekda_and_the_member()
 {
    let app = app_with(&sikerja_demo::demo_government()).await;
    let people = sikerja_demo::DEMO_PEOPLE;
    let nor_aina = app.employee_id(people.functional.nip).await;
    let mut camat = official(&app, people.camat_martapura.nip).await;
    let owner_unit = app
        .store
        .actor_facts(sikerja_domain::organisation::EmployeeId(
            app.employee_id(people.camat_martapura.nip).await,
        ))
        .await
        .unwrap()
        .posts
        .iter()
        .find(|p| p.is_head)
        .unwrap()
        .unit
        .0;
    let mut draft = team(
        owner_unit,
        "Pendampingan digitalisasi layanan kecamatan",
        vec![member(nor_aina, "member", "2027-02-01", "2027-04-30")],
    );
    draft["execution"] = json!("individual");
    draft["field"] = json!("Informatika");
    let (status, created) = post(&mut camat, &app, "/api/v1/assignments", draft).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();
    let a = get_ok(&mut camat, &app, &format!("/api/v1/assignments/{id}")).await;
    assert_eq!(a["scope"], "cross_unit");
    assert_eq!(a["instrument"], "secretary_decree");
    assert_eq!(a["workflow"], "cross_unit_appointment");

    // The involvement request states its four contents (PEN-14.1).
    let start = format!("/api/v1/assignments/{id}/request");
    let (status, body) = post(&mut camat, &app, &start, json!({"text": "Mohon pelibatan"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "involvement_incomplete");
    assert_eq!(body["error"]["details"].as_array().map(Vec::len), Some(4));
    let (status, started) = post(
        &mut camat,
        &app,
        &start,
        json!({"text": "Mohon pelibatan", "involvement": {
            "purpose": "Mendampingi digitalisasi layanan",
            "competence": "Pengembangan aplikasi",
            "expected_targets": "Tiga layanan daring",
            "duration": "3 bulan"
        }}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{started}");
    let request = started["id"].as_i64().unwrap();
    let steps = format!("/api/v1/requests/{request}/steps");

    let mut kabid = official(&app, people.administrator.nip).await;
    let mut kadis = official(&app, people.head_of_office.nip).await;
    let mut sekda = official(&app, people.regional_secretary.nip).await;
    let mut her = official(&app, people.functional.nip).await;
    // The PPK finds the request to decide in the inbox.
    let inbox = get_ok(&mut kabid, &app, "/api/v1/inbox").await;
    assert!(
        inbox["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["request"] == request && i["category"] == "decide"),
        "{inbox}"
    );
    // The Kepala Dinas may not take the PPK's step.
    let (status, body) = post(&mut kadis, &app, &steps, json!({"step": "ppk_decision"})).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "not_the_step_holder");
    // Issue 15 point 4: the PPK cannot answer a request still an unnumbered draft (DOC-05)…
    let (status, body) = post(&mut kabid, &app, &steps, json!({"step": "ppk_decision"})).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "request_letter_not_issued");
    // …and the assignment page, asking the same domain check, offers no button but says why.
    let page = kabid.get(&app, &format!("/penugasan/{id}")).await;
    assert!(
        page.body.contains("id=\"belum-dapat-dijawab\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("DOC-05"), "{}", page.body);
    assert!(!page.body.contains("id=\"lanjutkan\""), "{}", page.body);
    // …so the Camat issues it first.
    let r = get_ok(&mut camat, &app, &format!("/api/v1/requests/{request}")).await;
    let letter = r["letters"][0]["id"].as_i64().unwrap();
    let (status, body) = post(
        &mut camat,
        &app,
        &format!("/api/v1/letters/{letter}/issue"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let page = kabid.get(&app, &format!("/penugasan/{id}")).await;
    assert!(page.body.contains("id=\"lanjutkan\""), "{}", page.body);
    assert!(
        !page.body.contains("id=\"belum-dapat-dijawab\""),
        "{}",
        page.body
    );
    for (step, who) in [
        ("ppk_decision", &mut kabid),
        ("head_recommendation", &mut kadis),
    ] {
        let (status, body) = post(who, &app, &steps, json!({"step": step, "text": "Setuju"})).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{step}: {body}");
    }
    let (status, body) = post(
        &mut kabid,
        &app,
        &steps,
        json!({"step": "compose", "text": "Nor Aina"}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, body) = post(&mut kadis, &app, &steps, json!({"step": "issue"})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let r = get_ok(&mut camat, &app, &format!("/api/v1/requests/{request}")).await;
    assert_eq!(r["current_step"], "establish");
    assert_eq!(r["waiting"][0]["lane"], "regional_secretary");
    assert!(
        r["waiting"][0]["held_by"]
            .as_str()
            .unwrap()
            .contains("Rusdiansyah"),
        "{r}"
    );
    let (status, body) = post(&mut sekda, &app, &steps, json!({"step": "establish"})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, body) = post(
        &mut her,
        &app,
        &steps,
        json!({"step": "receive", "text": "Siap"}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");

    let r = get_ok(&mut camat, &app, &format!("/api/v1/requests/{request}")).await;
    assert_eq!(r["state"], "assigned", "{r}");
    assert_eq!(r["rule_id"], "PEN-14");
    let letters: Vec<&str> = r["letters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    for kind in [
        "involvement_request",
        "involvement_answer",
        "assignment_letter",
        "secretary_decree",
    ] {
        assert!(letters.contains(&kind), "{kind} in {letters:?}");
    }
    let decree = r["letters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == "secretary_decree")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let l = get_ok(&mut her, &app, &format!("/api/v1/letters/{decree}")).await;
    assert_eq!(l["content"]["title"], "KEPUTUSAN SEKRETARIS DAERAH");
    let a = get_ok(&mut camat, &app, &format!("/api/v1/assignments/{id}")).await;
    assert_eq!(a["status"], "active");
    assert_eq!(a["members"][0]["membership"], "seconded");
}

#[tokio::test]
async fn another_agencys_official_does_not_see_an_assignment_or_its_request() {
    let app = app_with(&[common::test_agency(), sikerja_demo::small_agency()]).await;
    let (id, request) = started_team(&app).await;
    let other = app.store.agency_by_code("kab-contoh").await.unwrap().id;
    let someone = app
        .store
        .employees(&sikerja_storage::EmployeeFilter {
            agency: Some(other),
            limit: 1,
            ..Default::default()
        })
        .await
        .unwrap()
        .items[0]
        .employee
        .nip
        .as_str()
        .to_string();
    let mut b = official(&app, &someone).await;
    for uri in [
        format!("/api/v1/assignments/{id}"),
        format!("/api/v1/requests/{request}"),
    ] {
        let (status, body) = call(&mut b, &app, Method::GET, &uri, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{uri}: {body}");
    }
    let (status, _) = call(
        &mut b,
        &app,
        Method::GET,
        "/api/v1/assignments/999999",
        None,
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
