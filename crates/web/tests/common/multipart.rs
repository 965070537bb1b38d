//! `multipart/form-data` requests as a browser sends a form with a file input: text fields
//! (the CSRF token first), then each file with its name and declared type.

use axum::body::Body;
use axum::http::{Request, header};

use super::TestApp;
use super::browser::{Answer, Browser};

/// The boundary of the bodies built here.
pub const BOUNDARY: &str = "----sikerja-uji-7d1f";

/// A file to send: file name, declared type, content.
pub type File<'a> = (&'a str, &'a str, &'a [u8]);

/// The body of a form: text fields in order, then the files under `files_field`.
pub fn body(texts: &[(&str, &str)], files_field: &str, files: &[File<'_>]) -> Vec<u8> {
    let mut b = Vec::new();
    for (name, value) in texts {
        b.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (file_name, content_type, bytes) in files {
        b.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{files_field}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        b.extend_from_slice(bytes);
        b.extend_from_slice(b"\r\n");
    }
    b.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    b
}

/// A part declaring its own type (the API's `report` part).
pub fn typed_part(name: &str, content_type: &str, value: &str) -> Vec<u8> {
    format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\nContent-Type: {content_type}\r\n\r\n{value}\r\n"
    )
    .into_bytes()
}

/// A POST of a multipart body.
pub fn request(uri: &str, body: Vec<u8>) -> Request<Body> {
    Request::post(uri)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .expect("request")
}

impl Browser {
    /// Posts a form with files as a browser does: the CSRF token the last page gave first.
    pub async fn post_files(
        &mut self,
        app: &TestApp,
        uri: &str,
        texts: &[(&str, &str)],
        files: &[File<'_>],
    ) -> Answer {
        self.post_files_as(app, uri, texts, "files", files).await
    }

    /// Posts a form with files sent under `field` (the CSRF token the last page gave first).
    pub async fn post_files_as(
        &mut self,
        app: &TestApp,
        uri: &str,
        texts: &[(&str, &str)],
        field: &str,
        files: &[File<'_>],
    ) -> Answer {
        let csrf = self.csrf.clone().unwrap_or_default();
        let mut all = vec![("_csrf", csrf.as_str())];
        all.extend_from_slice(texts);
        self.send(app, request(uri, body(&all, field, files))).await
    }
}
