//! What the in-process benches share: signing in through the real sign-in form.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// Signs in through the sign-in form (its CSRF token read from the page) and returns the
/// renewed session cookie.
pub async fn sign_in(app: &axum::Router, login: &str, password: &str) -> String {
    let res = app
        .clone()
        .oneshot(Request::get("/masuk").body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let cookie = session_cookie(&res).expect("a session for the form");
    let body = res.into_body().collect().await.expect("body").to_bytes();
    let html = String::from_utf8_lossy(&body);
    let csrf = html
        .split("name=\"_csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the form's CSRF token")
        .to_string();
    let form = format!("nip={login}&password={password}&_csrf={csrf}");
    let res = app
        .clone()
        .oneshot(
            Request::post("/masuk")
                .header("cookie", &cookie)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(form))
                .expect("request"),
        )
        .await
        .expect("response");
    assert_eq!(res.status().as_u16(), 303, "{login} signed in");
    session_cookie(&res).expect("the renewed session")
}

fn session_cookie<B>(res: &axum::http::Response<B>) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("sikerja_sesi="))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
}
