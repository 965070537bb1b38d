//! `multipart/form-data` bodies (issue 13 point 4: evidence files sent with a report). A body
//! is buffered within its limit ([`crate::layers::allowance`]) and parsed with multer (never by
//! hand) into text fields and files. The screen ([`crate::screen`]) checks the texts and file
//! names, the CSRF check ([`crate::security`]) finds `_csrf` among the texts, and the handlers
//! of the upload routes ([`crate::uploads`]) take the files.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, header};

use crate::error::{PageError, WebError};

/// A part without a file name: a form field, or (in the API) a JSON document.
#[derive(Debug, Clone)]
pub(crate) struct TextPart {
    pub name: String,
    /// The type the part declares (none for a plain form field).
    pub content_type: Option<String>,
    pub value: String,
}

/// A part with a file name (possibly empty: a file input left empty).
#[derive(Debug, Clone)]
pub(crate) struct FilePart {
    /// The form field it was sent under.
    pub field: String,
    /// The file name its sender gave.
    pub file_name: String,
    /// The type its sender declared (`application/octet-stream` when none).
    pub content_type: String,
    pub bytes: Bytes,
}

impl FilePart {
    /// A file input left empty: browsers send a part with an empty name and no content.
    pub fn is_blank(&self) -> bool {
        self.file_name.is_empty() && self.bytes.is_empty()
    }
}

/// The parts of a body, in order.
#[derive(Debug, Default)]
pub(crate) struct Parts {
    pub texts: Vec<TextPart>,
    pub files: Vec<FilePart>,
}

impl Parts {
    /// The value of the first text part called `name`.
    pub fn text(&self, name: &str) -> Option<&TextPart> {
        self.texts.iter().find(|t| t.name == name)
    }
}

/// The boundary of a `multipart/form-data` body, `None` for any other body (or a multipart
/// type without a boundary, which is then no body this module reads).
pub(crate) fn boundary(headers: &HeaderMap) -> Option<String> {
    let ct = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = ct.split(';').next().unwrap_or_default().trim();
    if !essence.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    multer::parse_boundary(ct).ok()
}

/// Whether the body says it is `multipart/form-data` (with or without a usable boundary).
pub(crate) fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|ct| ct.split(';').next().unwrap_or_default().trim())
        .is_some_and(|e| e.eq_ignore_ascii_case("multipart/form-data"))
}

fn malformed(e: &dyn std::fmt::Display) -> WebError {
    tracing::debug!(error = %e, "multipart body refused");
    WebError::BadRequest {
        code: "invalid_multipart",
        message: "Isian formulir (multipart/form-data) tidak dapat dibaca.".into(),
    }
}

/// Parses a buffered body. A body multer cannot read, or a text part that is not UTF-8, is a
/// 400 `invalid_multipart`.
pub(crate) async fn parse(boundary: &str, bytes: Bytes) -> Result<Parts, WebError> {
    let mut multipart = multer::Multipart::new(Body::from(bytes).into_data_stream(), boundary);
    let mut parts = Parts::default();
    while let Some(field) = multipart.next_field().await.map_err(|e| malformed(&e))? {
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let content_type = field.content_type().map(ToString::to_string);
        let bytes = field.bytes().await.map_err(|e| malformed(&e))?;
        match file_name {
            Some(file_name) => parts.files.push(FilePart {
                field: name,
                file_name,
                content_type: content_type.unwrap_or_else(|| "application/octet-stream".into()),
                bytes,
            }),
            None => {
                let value = String::from_utf8(bytes.to_vec()).map_err(|e| malformed(&e))?;
                parts.texts.push(TextPart {
                    name,
                    content_type,
                    value,
                });
            }
        }
    }
    Ok(parts)
}

/// Buffers the body of a multipart `request` within its allowance (a 413 past it) and parses
/// it. Gives the request back with its body, for whoever reads it next, beside the outcome of
/// the parse.
pub(crate) async fn buffer(
    request: Request,
) -> Result<(Result<Parts, WebError>, Request), WebError> {
    let limit = crate::layers::allowance(&request);
    let boundary = boundary(request.headers());
    let (head, body) = request.into_parts();
    let bytes = to_bytes(body, limit)
        .await
        .map_err(|_| WebError::PayloadTooLarge { limit })?;
    let parsed = match boundary {
        Some(boundary) => parse(&boundary, bytes.clone()).await,
        None => Err(malformed(&"no boundary")),
    };
    Ok((parsed, Request::from_parts(head, Body::from(bytes))))
}

/// A page form that may carry files: a `multipart/form-data` body (its text fields as pairs,
/// in order, and its files) or an urlencoded one (no files).
#[derive(Debug, Default)]
pub(crate) struct FormWithFiles {
    pub pairs: Vec<(String, String)>,
    pub files: Vec<FilePart>,
}

impl<S: Send + Sync> FromRequest<S> for FormWithFiles {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &S) -> Result<Self, PageError> {
        if is_multipart(request.headers()) {
            let (parts, _) = buffer(request).await?;
            let parts = parts?;
            return Ok(FormWithFiles {
                pairs: parts.texts.into_iter().map(|t| (t.name, t.value)).collect(),
                files: parts.files,
            });
        }
        let axum::Form(pairs) = axum::Form::<Vec<(String, String)>>::from_request(request, state)
            .await
            .map_err(WebError::from)?;
        Ok(FormWithFiles {
            pairs,
            files: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A part: name, file name, declared type, content.
    type Part<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [u8]);

    fn body(parts: &[Part<'_>]) -> Bytes {
        let mut b = Vec::new();
        for (name, file, ct, value) in parts {
            b.extend_from_slice(b"--XyZ\r\nContent-Disposition: form-data; name=\"");
            b.extend_from_slice(name.as_bytes());
            b.extend_from_slice(b"\"");
            if let Some(f) = file {
                b.extend_from_slice(format!("; filename=\"{f}\"").as_bytes());
            }
            b.extend_from_slice(b"\r\n");
            if let Some(ct) = ct {
                b.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
            }
            b.extend_from_slice(b"\r\n");
            b.extend_from_slice(value);
            b.extend_from_slice(b"\r\n");
        }
        b.extend_from_slice(b"--XyZ--\r\n");
        Bytes::from(b)
    }

    #[tokio::test]
    async fn texts_and_files_come_apart_in_order_and_an_empty_file_input_is_blank() {
        let parts = parse(
            "XyZ",
            body(&[
                ("_csrf", None, None, b"abc"),
                ("narrative", None, None, b"Dua baris\r\nkedua"),
                ("files", Some("a.pdf"), Some("application/pdf"), b"%PDF-1.7"),
                ("files", Some(""), None, b""),
            ]),
        )
        .await
        .expect("parsed");
        assert_eq!(parts.text("_csrf").map(|t| t.value.as_str()), Some("abc"));
        assert_eq!(
            parts.text("narrative").map(|t| t.value.as_str()),
            Some("Dua baris\r\nkedua")
        );
        assert_eq!(parts.files.len(), 2);
        assert_eq!(parts.files[0].file_name, "a.pdf");
        assert_eq!(&parts.files[0].bytes[..], b"%PDF-1.7");
        assert!(!parts.files[0].is_blank());
        assert!(parts.files[1].is_blank());
        assert_eq!(parts.files[1].content_type, "application/octet-stream");
    }

    #[tokio::test]
    async fn a_truncated_body_or_text_that_is_not_utf8_is_a_400() {
        let whole = body(&[("a", None, None, b"x")]);
        let cut = whole.slice(..whole.len() - 10);
        let e = parse("XyZ", cut).await.expect_err("refused");
        assert_eq!(e.code(), "invalid_multipart");
        let e = parse("XyZ", body(&[("a", None, None, b"\xff\xfe")]))
            .await
            .expect_err("refused");
        assert_eq!(e.code(), "invalid_multipart");
        let e = parse("XyZ", Bytes::from_static(b"nothing like multipart"))
            .await
            .expect_err("refused");
        assert_eq!(e.code(), "invalid_multipart");
    }

    #[test]
    fn only_multipart_form_data_with_a_boundary_has_one() {
        let headers = |ct: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::CONTENT_TYPE, ct.parse().expect("header"));
            h
        };
        assert_eq!(
            boundary(&headers("multipart/form-data; boundary=XyZ")).as_deref(),
            Some("XyZ")
        );
        assert_eq!(boundary(&headers("multipart/form-data")), None);
        assert!(is_multipart(&headers("Multipart/Form-Data")));
        assert_eq!(boundary(&headers("multipart/mixed; boundary=XyZ")), None);
        assert_eq!(boundary(&headers("application/json")), None);
    }
}
