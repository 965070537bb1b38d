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
