//! The screen every request passes before any handler (issue 12 point 5): the decoded path,
//! every query parameter, every field of a form body and every string (and key) of a JSON
//! body is checked once, here, for
//!
//! - control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F), refused
//!   everywhere, except TAB, LF and CR in the multi-line fields of [`crate::limits`];
//! - the length limit of its field ([`crate::limits::kind_of`]).
//!
//! A refusal is a 422 (`control_character` or `text_too_long`) naming the field, on every
//! backend, before anything is read from or written to the database. The message never
//! repeats the value. Bodies of other kinds (XLSX imports, PDFs) pass untouched; the import
//! checks their text itself.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::error::{ApiError, ErrorDetail, PageError, WebError};
use sikerja_domain::limits::{TextKind, TextProblem as Problem, check_as, check_text};

/// A field name as shown in a message: at most 64 characters, control characters escaped.
fn shown(field: &str) -> String {
    let mut s: String = field
        .chars()
        .take(64)
        .flat_map(char::escape_debug)
        .collect();
    if field.chars().count() > 64 {
        s.push('…');
    }
    s
}

/// The 422 of a problem in `field`.
pub fn refusal(field: &str, problem: &Problem) -> WebError {
    let field = shown(field);
    let code = problem.code();
    let message = problem.message(&field);
    WebError::Invalid {
        code,
        message: message.clone(),
        details: vec![ErrorDetail {
            field: Some(field),
            code: code.to_string(),
            message,
            ..ErrorDetail::default()
        }],
    }
}

/// Checks name and value of every pair of a query string or form body.
fn check_pairs(raw: &[u8]) -> Result<(), WebError> {
    for (name, value) in form_urlencoded::parse(raw) {
        check_as(TextKind::Name, &name).map_err(|p| refusal(&name, &p))?;
        check_text(&name, &value).map_err(|p| refusal(&name, &p))?;
    }
    Ok(())
}

/// Checks every string and key of a JSON value; `path` names where it is (`members[0].note`)
/// and `field` the key that decides its limit.
fn check_json(value: &Value, path: &mut String, field: &str) -> Result<(), WebError> {
    match value {
        Value::String(s) => check_text(field, s).map_err(|p| refusal(path, &p)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                check_json(item, path, field)?;
                path.truncate(len);
            }
            Ok(())
        }
        Value::Object(map) => {
            for (key, item) in map {
                check_as(TextKind::Name, key).map_err(|p| refusal(path, &p))?;
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                check_json(item, path, key)?;
                path.truncate(len);
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum BodyKind {
    Json,
    Form,
    Other,
}

fn body_kind(headers: &HeaderMap) -> BodyKind {
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return BodyKind::Other;
    };
    let essence = ct.split(';').next().unwrap_or_default().trim();
    let essence = essence.to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        BodyKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else {
        BodyKind::Other
    }
}

/// The middleware: refuses a request whose path, query or body text breaks the rules above,
/// in the format of its area (JSON under `/api/`, a page elsewhere).
pub async fn screen(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let render = |e: WebError| {
        if api {
            ApiError(e).into_response()
        } else {
            PageError(e).into_response()
        }
    };
    let path = percent_encoding::percent_decode_str(request.uri().path()).decode_utf8_lossy();
    if let Some(c) = path.chars().find(|c| c.is_control()) {
        return render(refusal("path", &Problem::ControlCharacter(u32::from(c))));
    }
    if let Some(query) = request.uri().query()
        && let Err(e) = check_pairs(query.as_bytes())
    {
        return render(e);
    }
    let kind = body_kind(request.headers());
    if kind == BodyKind::Other {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, crate::layers::BODY_LIMIT).await else {
        return render(WebError::PayloadTooLarge);
    };
    let checked = match kind {
        BodyKind::Form => check_pairs(&bytes),
        // Not JSON at all: the handler's extractor answers `invalid_json`.
        _ => match serde_json::from_slice::<Value>(&bytes) {
            Ok(value) => check_json(&value, &mut String::new(), ""),
            Err(_) => Ok(()),
        },
    };
    if let Err(e) = checked {
        tracing::debug!(code = e.code(), "request text refused");
        return render(e);
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_problems_name_the_path_of_the_field() {
        let v: Value = serde_json::json!({"members": [{"note": "ok"}, {"note": "a\u{0}"}]});
        let e = check_json(&v, &mut String::new(), "").expect_err("refused");
        let WebError::Invalid { details, .. } = e else {
            panic!("422 expected")
        };
        assert_eq!(details[0].field.as_deref(), Some("members[1].note"));
        assert_eq!(details[0].code, "control_character");
    }
}
