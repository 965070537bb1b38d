//! `/verifikasi/{code}`: the public page an issued letter's QR code points to (issue 6,
//! DOC-05/DOC-06). Anyone holding a printout checks its number, date, signer, subject and
//! hashes against what was issued, and whether it was cancelled. No sign-in; the letter's
//! files and the people it names are not shown. An unknown code gets its own page (404) that
//! says what that means (issue 15 point 8).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sikerja_storage::StorageError;

use crate::AppState;
use crate::error::PageError;
use crate::format;
use crate::views::Layout;

/// The longest verification code looked up.
const MAX_CODE_LEN: usize = 64;

#[derive(Template, WebTemplate)]
#[template(path = "verify/show.html")]
pub struct VerifyPage {
    layout: Layout,
    code: String,
    number: String,
    kind: String,
    date: String,
    signer: String,
    subject: String,
    issued_at: String,
    content_sha256: String,
    pdf_sha256: String,
    docx_sha256: String,
    cancelled: Option<String>,
}

/// The answer to a code no issued letter has.
#[derive(Template, WebTemplate)]
#[template(path = "verify/unknown.html")]
pub struct UnknownCodePage {
    layout: Layout,
    /// The code as asked, when it is well formed (letters and digits); never echoed otherwise.
    code: Option<String>,
}

fn well_formed(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_CODE_LEN
        && code.chars().all(|c| c.is_ascii_alphanumeric())
}

fn unknown(state: &AppState, code: &str) -> Response {
    let page = UnknownCodePage {
        layout: Layout::new("Kode verifikasi tidak dikenal", state.demo_mode),
        code: well_formed(code).then(|| code.to_uppercase()),
    };
    (StatusCode::NOT_FOUND, page).into_response()
}

/// `GET /verifikasi/{code}`
pub async fn show_verification(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, PageError> {
    let code = code.trim();
    if !well_formed(code) {
        return Ok(unknown(&state, code));
    }
    let v = match state.store.verify_letter(code).await {
        Ok(v) => v,
        Err(StorageError::NotFound { .. }) => return Ok(unknown(&state, code)),
        Err(e) => return Err(e.into()),
    };
    Ok(VerifyPage {
        layout: Layout::new("Verifikasi surat", state.demo_mode)
            .crumb("Verifikasi surat", format!("/verifikasi/{}", v.verify_code)),
        code: v.verify_code.clone(),
        number: v.number.clone(),
        kind: v.kind_label.clone(),
        date: v.date.label(),
        signer: format!("{}, {}", v.signer_name, v.signer_position),
        subject: v.subject.clone(),
        issued_at: format::date_time(v.issued_at),
        content_sha256: v.content_sha256.clone(),
        pdf_sha256: v.pdf_sha256.clone(),
        docx_sha256: v.docx_sha256.clone(),
        cancelled: v.cancelled_at.map(|at| {
            format!(
                "Surat ini DIBATALKAN pada {}: {}",
                format::date_time(at),
                v.cancel_reason
            )
        }),
    }
    .into_response())
}
