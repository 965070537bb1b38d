//! Support for the assignment tests (issue 5): signing officials in, JSON calls with their
//! session and CSRF token, the owner unit of the test Dinas, and drafts.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::{Value, json};
use sikerja_domain::organisation::DepartmentId;

use super::{Browser, TEST_PASSWORD, TestApp, give_password};

/// Signs someone in (a password given first), with the session's CSRF token at hand.
pub async fn official(app: &TestApp, login: &str) -> Browser {
    give_password(&app.store, login, TEST_PASSWORD, false).await;
    let mut b = Browser::new();
    let answer = b.sign_in(app, login, TEST_PASSWORD).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    b.get(app, "/akun/kata-sandi").await;
    b
}

/// Sends a JSON request with the browser's session, and its CSRF token on a write.
pub async fn call(
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
        .expect("request");
    if write && let Some(t) = b.csrf.clone() {
        request
            .headers_mut()
            .insert("x-csrf-token", t.parse().expect("csrf header"));
    }
    let answer = b.send(app, request).await;
    let value = if answer.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&answer.body).unwrap_or_else(|e| panic!("{uri}: {e}: {}", answer.body))
    };
    (answer.status, value)
}

/// GETs JSON that must answer 200.
pub async fn get_ok(b: &mut Browser, app: &TestApp, uri: &str) -> Value {
    let (status, value) = call(b, app, Method::GET, uri, None).await;
    assert_eq!(status, StatusCode::OK, "GET {uri}: {value}");
    value
}

/// POSTs JSON.
pub async fn post(b: &mut Browser, app: &TestApp, uri: &str, body: Value) -> (StatusCode, Value) {
    call(b, app, Method::POST, uri, Some(body)).await
}

/// The root unit of a department: the Unit Organisasi the head of the Dinas leads.
pub async fn root_unit(app: &TestApp, department_code: &str) -> i64 {
    let department = app.department_id(department_code).await;
    app.store
        .units(DepartmentId(department))
        .await
        .expect("units")
        .iter()
        .find(|u| u.parent.is_none())
        .map(|u| u.id.0)
        .expect("a root unit")
}

/// A member of a draft.
pub fn member(employee: i64, role: &str, from: &str, until: &str) -> Value {
    json!({"employee": employee, "role": role, "from": from, "until": until})
}

/// A team drafted for the owner unit.
pub fn team(owner_unit: i64, title: &str, members: Vec<Value>) -> Value {
    json!({
        "owner_unit": owner_unit,
        "title": title,
        "field": "Kesehatan",
        "execution": "team",
        "method": "appointment",
        "members": members,
    })
}

/// The Kepala Dinas drafts a team of the Ahli Muda (lead) and the Pelaksana and starts its
/// workflow: the assignment and request ids.
pub async fn started_team(app: &TestApp) -> (i64, i64) {
    let mut kadis = app.admin.clone();
    let unit = root_unit(app, "dinkes").await;
    let lead = app.employee_id(super::nip::AHLI_MUDA).await;
    let pelaksana = app.employee_id(super::nip::PELAKSANA).await;
    let (status, created) = post(
        &mut kadis,
        app,
        "/api/v1/assignments",
        team(
            unit,
            "Tim Percepatan Rujukan",
            vec![
                member(lead, "team_lead", "2027-01-01", "2027-06-30"),
                member(pelaksana, "member", "2027-01-01", "2027-06-30"),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().expect("assignment id");
    let (status, started) = post(
        &mut kadis,
        app,
        &format!("/api/v1/assignments/{id}/request"),
        json!({"text": "Ditugaskan menyusun SOP rujukan"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{started}");
    (id, started["id"].as_i64().expect("request id"))
}

/// A team of the Ahli Muda (lead) and the Pelaksana of the test Dinas this year, started; the
/// lead has received the Surat Tugas, the Pelaksana not yet: the request id (the assignment
/// and workflow dashboards, issue 18).
pub async fn team_this_year(app: &TestApp) -> i64 {
    use chrono::Datelike;
    let year = (chrono::Utc::now() + chrono::Duration::hours(8)).year();
    let (from, until) = (format!("{year}-01-01"), format!("{year}-03-31"));
    let mut kadis = app.admin.clone();
    let unit = root_unit(app, "dinkes").await;
    let lead = app.employee_id(super::nip::AHLI_MUDA).await;
    let pelaksana = app.employee_id(super::nip::PELAKSANA).await;
    let (status, created) = post(
        &mut kadis,
        app,
        "/api/v1/assignments",
        team(
            unit,
            "Tim Dasbor Rujukan",
            vec![
                member(lead, "team_lead", &from, &until),
                member(pelaksana, "member", &from, &until),
            ],
        ),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().expect("assignment id");
    let (status, started) = post(
        &mut kadis,
        app,
        &format!("/api/v1/assignments/{id}/request"),
        json!({"text": "Ditugaskan"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{started}");
    let request = started["id"].as_i64().expect("request id");
    let mut lead = official(app, super::nip::AHLI_MUDA).await;
    let (status, body) = post(
        &mut lead,
        app,
        &format!("/api/v1/requests/{request}/steps"),
        json!({"step": "receive", "refuse": false, "text": "Diterima"}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    request
}
