//! A cookie-keeping client over the router, like a browser: it keeps the session cookie,
//! reads the CSRF token from the pages it gets, and sends it with its forms.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use scraper::Html;
use sikerja_web::auth::SESSION_COOKIE;

use super::{TestApp, sel};

/// One answer, with what tests look at.
#[derive(Debug)]
pub struct Answer {
    pub status: StatusCode,
    pub location: Option<String>,
    /// The session cookie this answer set (`name=value`), if any.
    pub cookie: Option<String>,
    pub body: String,
}

impl Answer {
    pub fn html(&self) -> Html {
        Html::parse_document(&self.body)
    }
}

/// A client with a cookie jar of one cookie and the last CSRF token seen.
#[derive(Debug, Clone, Default)]
pub struct Browser {
    pub cookie: Option<String>,
    pub csrf: Option<String>,
}

/// The `name=value` of the session cookie a response sets, if any.
pub fn session_cookie(response: &axum::http::Response<()>) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{SESSION_COOKIE}=")))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
}

/// The CSRF token a page carries (a form field, else the htmx header on `<body>`).
pub fn csrf_of(body: &str) -> Option<String> {
    let html = Html::parse_document(body);
    if let Some(v) = html
        .select(&sel("input[name=_csrf]"))
        .find_map(|e| e.value().attr("value"))
        .filter(|v| !v.is_empty())
    {
        return Some(v.to_string());
    }
    let headers = html
        .select(&sel("body"))
        .next()?
        .value()
        .attr("hx-headers")?
        .to_string();
    let value: serde_json::Value = serde_json::from_str(&headers).ok()?;
    value["X-CSRF-Token"]
        .as_str()
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

impl Browser {
    /// A browser that has nothing yet.
    pub fn new() -> Browser {
        Browser::default()
    }

    /// Sends a request with the cookie (and, for writes, the CSRF token in a form field
    /// already added by [`Browser::post`]); keeps what the answer sets.
    pub async fn send(&mut self, app: &TestApp, mut request: Request<Body>) -> Answer {
        if let Some(c) = &self.cookie {
            request
                .headers_mut()
                .insert(header::COOKIE, c.parse().expect("cookie header"));
        }
        let (status, response, body) = app.send(request).await;
        let body = String::from_utf8_lossy(&body).into_owned();
        let cookie = session_cookie(&response);
        if let Some(c) = &cookie {
            self.cookie = Some(c.clone());
        }
        if let Some(t) = csrf_of(&body) {
            self.csrf = Some(t);
        }
        Answer {
            status,
            location: response
                .headers()
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            cookie,
            body,
        }
    }

    pub async fn get(&mut self, app: &TestApp, uri: &str) -> Answer {
        self.send(app, super::get(uri)).await
    }

    /// Posts a form with the CSRF token the last page gave.
    pub async fn post(&mut self, app: &TestApp, uri: &str, fields: &[(&str, &str)]) -> Answer {
        let csrf = self.csrf.clone().unwrap_or_default();
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("_csrf", csrf.as_str()));
        self.send(app, super::post_form(uri, &all)).await
    }

    /// Opens the sign-in page and signs in.
    pub async fn sign_in(&mut self, app: &TestApp, login: &str, password: &str) -> Answer {
        let page = self.get(app, "/masuk").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        self.post(app, "/masuk", &[("nip", login), ("password", password)])
            .await
    }
}
