//! `/verifikasi/{code}`: the public page an issued letter's QR code points to (issue 6,
//! DOC-05/DOC-06). Anyone holding a printout checks its number, date, signer, subject and
//! hashes against what was issued, and whether it was cancelled. No sign-in; the letter's
//! files and the people it names are not shown.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};

use crate::AppState;
use crate::error::{PageError, WebError};
use crate::format;
use crate::views::Layout;

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

/// `GET /verifikasi/{code}`
pub async fn show_verification(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<VerifyPage, PageError> {
    if code.len() > 64 || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(WebError::NotFound {
            what: "issued_letter",
        }
        .into());
    }
    let v = state.store.verify_letter(&code).await?;
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
    })
}
