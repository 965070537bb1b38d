//! The one error type of the web crate and its mapping to HTTP, in exactly one place
//! ([`WebError::status`] and [`WebError::code`]). Pages render it as an HTML page
//! ([`PageError`]), the API as the JSON envelope `{"error": {"code", "message", "details"}}`
//! ([`ApiError`]). Internal error text is logged once, when it becomes a [`WebError`], and is
//! never sent to the client.

use askama::Template;
use axum::Json;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use serde::Serialize;
use sikerja_storage::StorageError;
use utoipa::ToSchema;

/// Everything a handler can fail with.
#[derive(Debug)]
pub enum WebError {
    /// The resource does not exist (404). `what` is the English resource name.
    NotFound { what: &'static str },
    /// A request that cannot be read at all: malformed JSON, query or form (400).
    BadRequest { code: &'static str, message: String },
    /// The request body is larger than its limit in bytes (413): [`crate::layers::BODY_LIMIT`],
    /// or the larger one of an upload route.
    PayloadTooLarge { limit: usize },
    /// Bad input, nothing written (422).
    Invalid {
        code: &'static str,
        message: String,
        details: Vec<ErrorDetail>,
    },
    /// The request conflicts with the current state (409); `details` may say where (the item
    /// of a batch).
    Conflict {
        code: &'static str,
        message: String,
        details: Vec<ErrorDetail>,
    },
    /// The request body is of a kind the endpoint does not read (415).
    UnsupportedMediaType,
    /// The path exists, but not for this method (405). `allow` lists the methods it takes,
    /// for the `Allow` header.
    MethodNotAllowed { allow: String },
    /// Nobody is signed in, or the API token is missing or revoked (401; pages redirect to
    /// the sign-in page).
    Unauthenticated,
    /// Signed in, but the positions held give no right to this (403).
    Forbidden { code: &'static str, message: String },
    /// A state-changing form without the session's CSRF token (403).
    CsrfRejected,
    /// The database cannot be reached (503). The cause has been logged.
    Unavailable,
    /// Anything else (500). The cause has been logged.
    Internal,
}

/// One problem in a rejected request, e.g. one bad row of an import file or one violation of
/// a refused assignment (with its rule).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Sheet of an XLSX file or section of a JSON bundle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// 1-based row (XLSX) or item index (JSON).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u32>,
    /// The field (column) at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Stable `snake_case` code.
    pub code: String,
    /// Indonesian explanation.
    pub message: String,
    /// The rule the problem breaks, e.g. `PEN-05` (assignment checks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_id: Option<String>,
    /// Its article, e.g. `Pasal 9 ayat 4`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<String>,
}

impl WebError {
    /// A 422 with a single message.
    pub fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        WebError::Invalid {
            code,
            message: message.into(),
            details: Vec::new(),
        }
    }

    /// Logs an unexpected failure once and hides it behind a generic 500.
    pub fn internal(context: &str, error: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %error, "{context}");
        WebError::Internal
    }

    /// The HTTP status of each error: the only place errors meet status codes.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::NotFound { .. } => StatusCode::NOT_FOUND,
            WebError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            WebError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Conflict { .. } => StatusCode::CONFLICT,
            WebError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            WebError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            WebError::Unauthenticated => StatusCode::UNAUTHORIZED,
            WebError::Forbidden { .. } | WebError::CsrfRejected => StatusCode::FORBIDDEN,
            WebError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Stable `snake_case` code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            WebError::NotFound { .. } => "not_found",
            WebError::Invalid { code, .. }
            | WebError::Conflict { code, .. }
            | WebError::BadRequest { code, .. }
            | WebError::Forbidden { code, .. } => code,
            WebError::Unauthenticated => "unauthenticated",
            WebError::CsrfRejected => "csrf_rejected",
            WebError::PayloadTooLarge { .. } => "body_too_large",
            WebError::UnsupportedMediaType => "unsupported_media_type",
            WebError::MethodNotAllowed { .. } => "method_not_allowed",
            WebError::Unavailable => "database_unavailable",
            WebError::Internal => "internal_error",
        }
    }

    /// Indonesian message shown to the user.
    pub fn message(&self) -> String {
        match self {
            WebError::NotFound { what } => {
                format!("{} yang diminta tidak ditemukan.", label_of(what))
            }
            WebError::Invalid { message, .. }
            | WebError::Conflict { message, .. }
            | WebError::BadRequest { message, .. }
            | WebError::Forbidden { message, .. } => message.clone(),
            WebError::Unauthenticated => {
                "Silakan masuk terlebih dahulu (API: sertakan token yang sah pada header Authorization: Bearer …).".into()
            }
            WebError::CsrfRejected => {
                "Formulir sudah kedaluwarsa atau tidak berasal dari halaman Sikerja. Muat ulang halaman lalu coba lagi.".into()
            }
            WebError::PayloadTooLarge { limit } => format!(
                "Isi permintaan melebihi batas {}.",
                sikerja_files::human_size(*limit as u64)
            ),
            WebError::UnsupportedMediaType => {
                "Jenis isi permintaan tidak didukung: kirim application/json atau berkas XLSX."
                    .into()
            }
            WebError::MethodNotAllowed { allow } => format!(
                "Metode permintaan ini tidak diterima pada alamat tersebut. Metode yang diterima: {allow}."
            ),
            WebError::Unavailable => {
                "Basis data sedang tidak dapat dihubungi. Silakan coba beberapa saat lagi.".into()
            }
            WebError::Internal => {
                "Terjadi kesalahan pada server. Kesalahan telah dicatat; silakan coba lagi.".into()
            }
        }
    }

    fn title(&self) -> &'static str {
        match self {
            WebError::NotFound { .. } => "Halaman tidak ditemukan",
            WebError::BadRequest { .. } => "Permintaan tidak dapat dibaca",
            WebError::PayloadTooLarge { .. } => "Isi permintaan terlalu besar",
            WebError::Invalid { .. } => "Data tidak valid",
            WebError::Conflict { .. } => "Terjadi konflik data",
            WebError::UnsupportedMediaType => "Jenis isi tidak didukung",
            WebError::MethodNotAllowed { .. } => "Metode tidak diizinkan",
            WebError::Unauthenticated => "Perlu masuk",
            WebError::Forbidden { .. } => "Tidak berwenang",
            WebError::CsrfRejected => "Formulir tidak sah",
            WebError::Unavailable => "Layanan tidak tersedia",
            WebError::Internal => "Terjadi kesalahan",
        }
    }
}

fn label_of(what: &str) -> &'static str {
    match what {
        "agency" => "Instansi",
        "department" => "Perangkat Daerah",
        "unit" => "Unit",
        "position" => "Jabatan",
        "employee" => "Pegawai",
        "placement" => "Kedudukan",
        "rule" => "Aturan",
        "file" => "Berkas",
        _ => "Halaman",
    }
}

impl From<StorageError> for WebError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::NotFound { what, .. } => WebError::NotFound { what },
            StorageError::Invalid { code, message } => WebError::Invalid {
                code,
                message,
                details: Vec::new(),
            },
            StorageError::Conflict { code, message } => WebError::Conflict {
                code,
                message,
                details: Vec::new(),
            },
            StorageError::Forbidden { code, message } => WebError::Forbidden { code, message },
            StorageError::Database(db) => {
                tracing::error!(error = %db, "database error");
                match db {
                    sea_orm::DbErr::ConnectionAcquire(_) | sea_orm::DbErr::Conn(_) => {
                        WebError::Unavailable
                    }
                    _ => WebError::Internal,
                }
            }
            other => WebError::internal("storage error", &other),
        }
    }
}

/// The file store's refusals are the sender's to correct (422 with their code); a file or key
/// that is not there is a 404; a corrupted file or failing storage is the server's (500).
impl From<sikerja_files::FileError> for WebError {
    fn from(e: sikerja_files::FileError) -> Self {
        use sikerja_files::FileError;
        match e {
            FileError::NotFound | FileError::KeyInvalid => WebError::NotFound { what: "file" },
            e if e.is_refusal() => WebError::Invalid {
                code: e.code(),
                message: e.message(),
                details: Vec::new(),
            },
            e => WebError::internal("evidence file store", &e),
        }
    }
}

/// A [`WebError`] rendered as an Indonesian HTML page.
#[derive(Debug)]
pub struct PageError(pub WebError);

/// A [`WebError`] rendered as the JSON error envelope.
#[derive(Debug)]
pub struct ApiError(pub WebError);

/// Lets `?` turn every error source into either rendering.
macro_rules! convert_into_renderings {
    ($($source:ty),+ $(,)?) => {$(
        impl From<$source> for PageError {
            fn from(e: $source) -> Self {
                PageError(WebError::from(e))
            }
        }
        impl From<$source> for ApiError {
            fn from(e: $source) -> Self {
                ApiError(WebError::from(e))
            }
        }
    )+};
}

impl From<WebError> for PageError {
    fn from(e: WebError) -> Self {
        PageError(e)
    }
}

impl From<WebError> for ApiError {
    fn from(e: WebError) -> Self {
        ApiError(e)
    }
}

convert_into_renderings!(
    StorageError,
    sikerja_files::FileError,
    axum::extract::rejection::QueryRejection,
    axum::extract::rejection::JsonRejection,
    axum::extract::rejection::FormRejection,
    axum::extract::rejection::BytesRejection,
);

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage<'a> {
    layout: crate::views::Layout,
    status: u16,
    heading: &'a str,
    message: &'a str,
    /// The rule and article of a rule-caused refusal, e.g. `PEN-11 · Lampiran II.B.2`.
    citation: Option<String>,
    /// The request's id ("Kode permintaan"), which finds its lines in the server's log.
    request_id: Option<String>,
}

impl WebError {
    /// A 403 for an action the actor's positions do not allow.
    pub fn forbidden(message: impl Into<String>) -> Self {
        WebError::Forbidden {
            code: "forbidden",
            message: message.into(),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if matches!(self.0, WebError::Unauthenticated) {
            return axum::response::Redirect::to("/masuk").into_response();
        }
        let status = self.0.status();
        let message = self.0.message();
        let page = ErrorPage {
            layout: crate::views::Layout::new(self.0.title(), false),
            status: status.as_u16(),
            heading: self.0.title(),
            message: &message,
            citation: self.0.citation().map(|c| c.to_string()),
            request_id: crate::ops::request_id::current(),
        };
        let response = match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "error page did not render");
                (status, message).into_response()
            }
        };
        finish(response, &self.0)
    }
}

/// Marks a response as rendered by this module, so that [`crate::layers`] leaves it alone and
/// only re-renders the error answers produced outside it (axum's rejections, the body limit).
#[derive(Debug, Clone, Copy)]
pub struct Rendered;

/// Adds what every rendering of `error` carries besides its body: the `Allow` header of a
/// 405 and the [`Rendered`] mark.
fn finish(mut response: Response, error: &WebError) -> Response {
    if let WebError::MethodNotAllowed { allow } = error
        && let Ok(value) = axum::http::HeaderValue::from_str(allow)
    {
        response
            .headers_mut()
            .insert(axum::http::header::ALLOW, value);
    }
    response.extensions_mut().insert(Rendered);
    response
}

impl WebError {
    /// The error an answer with `status` stands for, when something outside the handlers
    /// (axum's extractors and router, the body limit layer) answered without a body of ours.
    pub fn from_status(status: StatusCode, allow: Option<String>) -> Self {
        match status {
            StatusCode::NOT_FOUND => WebError::NotFound { what: "page" },
            StatusCode::METHOD_NOT_ALLOWED => WebError::MethodNotAllowed {
                allow: allow.unwrap_or_default(),
            },
            StatusCode::PAYLOAD_TOO_LARGE => WebError::PayloadTooLarge {
                limit: crate::layers::BODY_LIMIT,
            },
            StatusCode::UNSUPPORTED_MEDIA_TYPE => WebError::UnsupportedMediaType,
            StatusCode::UNAUTHORIZED => WebError::Unauthenticated,
            StatusCode::UNPROCESSABLE_ENTITY => WebError::invalid(
                "invalid_request",
                "Isi permintaan tidak sesuai dengan yang diharapkan.",
            ),
            s if s.is_server_error() => WebError::Internal,
            _ => WebError::BadRequest {
                code: "bad_request",
                message: "Permintaan tidak dapat dibaca: periksa alamat, parameter dan isinya."
                    .into(),
            },
        }
    }
}

/// The JSON error envelope of the API.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
}

/// The body of an API error.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// Stable `snake_case` code, e.g. `not_found`, `justification_blank`.
    pub code: String,
    /// Indonesian message for people.
    pub message: String,
    /// Every problem found, for requests rejected as a whole (imports).
    pub details: Vec<ErrorDetail>,
    /// The request's id, also in the `X-Request-Id` header: quote it when reporting an error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl WebError {
    /// The rule and article of a refusal the regulation causes (issue 12 point 8), from the
    /// domain's registry of rule-caused codes.
    pub fn citation(&self) -> Option<sikerja_domain::rules::Citation> {
        sikerja_domain::refusals::citation_of(self.code())
    }

    /// The problems of the answer: those given, and for a rule-caused refusal whose details
    /// name no rule, the rule added to each (or one problem naming it).
    fn details(&self) -> Vec<ErrorDetail> {
        let mut details = match self {
            WebError::Invalid { details, .. } | WebError::Conflict { details, .. } => {
                details.clone()
            }
            _ => Vec::new(),
        };
        if let Some(c) = self.citation()
            && details.iter().all(|d| d.rule_id.is_none())
        {
            if details.is_empty() {
                details.push(ErrorDetail {
                    code: self.code().to_string(),
                    message: self.message(),
                    ..ErrorDetail::default()
                });
            }
            for d in &mut details {
                d.rule_id = Some(c.rule_id.as_str().to_string());
                d.article = Some(c.article.to_string());
            }
        }
        details
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let details = self.0.details();
        let body = ErrorEnvelope {
            error: ErrorBody {
                code: self.0.code().to_string(),
                message: self.0.message(),
                details,
                request_id: crate::ops::request_id::current(),
            },
        };
        let response = (self.0.status(), Json(body)).into_response();
        finish(response, &self.0)
    }
}

/// Unknown paths: JSON under `/api`, an HTML page elsewhere.
pub async fn fallback(uri: Uri) -> Response {
    let error = WebError::NotFound { what: "page" };
    if uri.path().starts_with("/api/") {
        ApiError(error).into_response()
    } else {
        PageError(error).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::to_bytes;
    use sea_orm::{ConnAcquireErr, DbErr};

    async fn api_body(e: WebError) -> (StatusCode, String) {
        let response = ApiError(e).into_response();
        let status = response.status();
        let bytes = to_bytes(response.into_body(), 1 << 20).await.expect("body");
        (status, String::from_utf8(bytes.to_vec()).expect("utf-8"))
    }

    #[tokio::test]
    async fn a_database_outage_is_a_503_and_never_shows_the_cause() {
        let outage = StorageError::Database(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout));
        let (status, body) = api_body(WebError::from(outage)).await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(body.contains("\"code\":\"database_unavailable\""), "{body}");
        assert!(!body.contains("timed out"), "{body}");
    }

    #[tokio::test]
    async fn other_database_errors_are_a_500_with_a_generic_message() {
        let broken = StorageError::Database(DbErr::Custom("relation \"secret\" missing".into()));
        let (status, body) = api_body(WebError::from(broken)).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(body.contains("\"code\":\"internal_error\""), "{body}");
        assert!(!body.contains("secret"), "{body}");
        let page = PageError(WebError::Internal).into_response();
        assert_eq!(page.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn storage_errors_map_to_their_statuses_and_codes() {
        let cases = [
            (
                StorageError::NotFound {
                    what: "employee",
                    key: "1".into(),
                },
                StatusCode::NOT_FOUND,
                "not_found",
            ),
            (
                StorageError::Invalid {
                    code: "justification_blank",
                    message: "x".into(),
                },
                StatusCode::UNPROCESSABLE_ENTITY,
                "justification_blank",
            ),
            (
                StorageError::Conflict {
                    code: "duplicate_key",
                    message: "x".into(),
                },
                StatusCode::CONFLICT,
                "duplicate_key",
            ),
            (
                StorageError::UnknownScheme { url: "x".into() },
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
            ),
        ];
        for (storage, status, code) in cases {
            let e = WebError::from(storage);
            assert_eq!((e.status(), e.code()), (status, code));
        }
    }
}
