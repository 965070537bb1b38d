//! The screen every request passes before any handler (issue 12 point 5): the decoded path,
//! every query parameter, every field of a form body, every string (and key) of a JSON
//! body, and every text part and file name of a `multipart/form-data` body (a part declared
//! `application/json` as JSON) is checked once, here, for
//!
//! - control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F), refused
//!   everywhere, except TAB, LF and CR in the multi-line fields of [`crate::limits`];
//! - the length limit of its field ([`crate::limits::kind_of`]).
//!
//! A refusal is a 422 (`control_character` or `text_too_long`) naming the field, on every
//! backend, before anything is read from or written to the database. The message never
//! repeats the value. Bodies of other kinds (XLSX imports, PDFs) and the bytes of uploaded
//! files pass untouched; the import checks their text itself, the file policy the files. A
//! body that cannot be parsed passes too: the handler's extractor refuses it.

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

/// Checks every string and key of a JSON value carried inside one form field (`field`), as a
/// JSON body would be: a hidden field holding JSON is screened again once parsed.
pub fn check_json_field(field: &str, value: &Value) -> Result<(), WebError> {
    check_json(value, &mut field.to_string(), "")
}

/// Checks the text parts of a multipart body like form fields (a part declared JSON like a
/// JSON body, under its name) and the name and file name of each file part.
fn check_multipart(parts: &crate::multipart::Parts) -> Result<(), WebError> {
    for t in &parts.texts {
        check_as(TextKind::Name, &t.name).map_err(|p| refusal(&t.name, &p))?;
        let json = t
            .content_type
            .as_deref()
            .is_some_and(|ct| body_kind_of(ct) == BodyKind::Json);
        if !json {
            check_text(&t.name, &t.value).map_err(|p| refusal(&t.name, &p))?;
        } else if let Ok(value) = serde_json::from_str::<Value>(&t.value) {
            check_json(&value, &mut t.name.clone(), "")?;
        }
        // (A part declared JSON that is not JSON at all: the handler refuses it.)
    }
    for f in &parts.files {
        check_as(TextKind::Name, &f.field).map_err(|p| refusal(&f.field, &p))?;
        check_as(TextKind::Name, &f.file_name)
            .map_err(|p| refusal(&format!("{} (nama berkas)", f.field), &p))?;
    }
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
enum BodyKind {
    Json,
    Form,
    Multipart,
    Other,
}

fn body_kind(headers: &HeaderMap) -> BodyKind {
    let Some(ct) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return BodyKind::Other;
    };
    body_kind_of(ct)
}

fn body_kind_of(content_type: &str) -> BodyKind {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    let essence = essence.to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        BodyKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        BodyKind::Form
    } else if essence == "multipart/form-data" {
        BodyKind::Multipart
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
    let limit = crate::layers::allowance(&request);
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, limit).await else {
        return render(WebError::PayloadTooLarge { limit });
    };
    let checked = match kind {
        BodyKind::Form => check_pairs(&bytes),
        BodyKind::Multipart => match crate::multipart::boundary(&parts.headers) {
            Some(boundary) => match crate::multipart::parse(&boundary, bytes.clone()).await {
                Ok(multipart) => check_multipart(&multipart),
                // Unreadable: the handler's extractor answers `invalid_multipart`.
                Err(_) => Ok(()),
            },
            None => Ok(()),
        },
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

    fn multipart(texts: &[(&str, Option<&str>, &str)], files: &[&str]) -> crate::multipart::Parts {
        use crate::multipart::{FilePart, Parts, TextPart};
        Parts {
            texts: texts
                .iter()
                .map(|(name, ct, value)| TextPart {
                    name: (*name).into(),
                    content_type: ct.map(str::to_string),
                    value: (*value).into(),
                })
                .collect(),
            files: files
                .iter()
                .map(|f| FilePart {
                    field: "files".into(),
                    file_name: (*f).into(),
                    content_type: "application/pdf".into(),
                    bytes: axum::body::Bytes::from_static(b"\0\x01 bytes are not text"),
                })
                .collect(),
        }
    }

    fn code_of(r: Result<(), WebError>) -> Option<(String, String)> {
        match r {
            Err(WebError::Invalid { details, .. }) => Some((
                details[0].field.clone().unwrap_or_default(),
                details[0].code.clone(),
            )),
            _ => None,
        }
    }

    #[test]
    fn multipart_texts_are_screened_like_form_fields_and_file_names_like_names() {
        let ok = multipart(
            &[
                ("narrative", None, "Dua baris\r\nkedua"),
                ("for", None, "p:x"),
            ],
            &["Laporan Mei.pdf"],
        );
        assert!(check_multipart(&ok).is_ok());
        let bell = multipart(&[("narrative", None, "a\u{7}b")], &[]);
        assert_eq!(
            code_of(check_multipart(&bell)),
            Some(("narrative".into(), "control_character".into()))
        );
        let long = "x".repeat(256);
        let long_name = multipart(&[("for", None, long.as_str())], &[]);
        assert_eq!(
            code_of(check_multipart(&long_name)),
            Some(("for".into(), "text_too_long".into()))
        );
        let tab = multipart(&[], &["a\tb.pdf"]);
        assert_eq!(
            code_of(check_multipart(&tab)),
            Some(("files (nama berkas)".into(), "control_character".into()))
        );
        let too_long = "é".repeat(256);
        let long_file = multipart(&[], &[too_long.as_str()]);
        assert_eq!(
            code_of(check_multipart(&long_file)),
            Some(("files (nama berkas)".into(), "text_too_long".into()))
        );
    }

    #[test]
    fn a_json_part_is_screened_by_the_keys_of_its_fields() {
        let narrative = "n".repeat(3000);
        let report = json_part(&serde_json::json!({"narrative": narrative}));
        assert!(
            check_multipart(&multipart(
                &[("report", Some("application/json"), &report)],
                &[]
            ))
            .is_ok()
        );
        let bad = json_part(&serde_json::json!({"narrative": "a\u{0}"}));
        assert_eq!(
            code_of(check_multipart(&multipart(
                &[("report", Some("application/json"), &bad)],
                &[]
            ))),
            Some(("report.narrative".into(), "control_character".into()))
        );
        // Undeclared, the same text is one form field with the limit of a name.
        assert_eq!(
            code_of(check_multipart(&multipart(
                &[("report", None, &report)],
                &[]
            ))),
            Some(("report".into(), "text_too_long".into()))
        );
    }

    fn json_part(v: &Value) -> String {
        v.to_string()
    }
}
