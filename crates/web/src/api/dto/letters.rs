//! Issued letters (issue 6; DOC-05, DOC-06).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sikerja_storage::IssuedLetterView;
use utoipa::ToSchema;

/// A letter as issued: its number from the register, date, signer, subject, the SHA-256 of
/// its content (printed on it) and of both files, and its verification page.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedLetterDto {
    pub id: i64,
    /// The recorded letter it was issued from.
    pub letter: i64,
    #[schema(example = "800.1.11/17/DISKOMINFOSTAT/2026")]
    pub number: String,
    /// `LetterKind` code.
    pub kind: String,
    pub kind_label: String,
    pub subject: String,
    pub signer_name: String,
    pub signer_position: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub verify_code: String,
    /// The path of the public verification page.
    #[schema(example = "/verifikasi/ABCDEFGHJKLMNPQRSTUV")]
    pub verify_path: String,
    pub content_sha256: String,
    pub pdf_sha256: String,
    pub docx_sha256: String,
    pub issued_at: DateTime<Utc>,
    pub issued_by: String,
    /// `issued` or `cancelled`.
    pub status: String,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancel_reason: String,
    /// `DOC-05`.
    pub rule_id: String,
    /// `Lampiran IV`.
    pub article: String,
}

impl From<&IssuedLetterView> for IssuedLetterDto {
    fn from(v: &IssuedLetterView) -> Self {
        IssuedLetterDto {
            id: v.id,
            letter: v.letter,
            number: v.number.clone(),
            kind: v.kind.code().into(),
            kind_label: v.kind_label.clone(),
            subject: v.subject.clone(),
            signer_name: v.signer_name.clone(),
            signer_position: v.signer_position.clone(),
            date: v.date.to_string(),
            verify_code: v.verify_code.clone(),
            verify_path: format!("/verifikasi/{}", v.verify_code),
            content_sha256: v.content_sha256.clone(),
            pdf_sha256: v.pdf_sha256.clone(),
            docx_sha256: v.docx_sha256.clone(),
            issued_at: v.issued_at,
            issued_by: v.issued_by.clone(),
            status: v.status.code().into(),
            cancelled_at: v.cancelled_at,
            cancel_reason: v.cancel_reason.clone(),
            rule_id: "DOC-05".into(),
            article: "Lampiran IV".into(),
        }
    }
}

/// What the public verification answers: no ids, no one's account.
#[derive(Debug, Serialize, ToSchema)]
pub struct VerificationDto {
    pub number: String,
    pub kind: String,
    pub kind_label: String,
    pub subject: String,
    pub signer_name: String,
    pub signer_position: String,
    pub date: String,
    pub content_sha256: String,
    pub pdf_sha256: String,
    pub docx_sha256: String,
    /// `issued` or `cancelled`.
    pub status: String,
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl From<&IssuedLetterView> for VerificationDto {
    fn from(v: &IssuedLetterView) -> Self {
        VerificationDto {
            number: v.number.clone(),
            kind: v.kind.code().into(),
            kind_label: v.kind_label.clone(),
            subject: v.subject.clone(),
            signer_name: v.signer_name.clone(),
            signer_position: v.signer_position.clone(),
            date: v.date.to_string(),
            content_sha256: v.content_sha256.clone(),
            pdf_sha256: v.pdf_sha256.clone(),
            docx_sha256: v.docx_sha256.clone(),
            status: v.status.code().into(),
            cancelled_at: v.cancelled_at,
        }
    }
}

/// Cancelling the live issue of a letter.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CancelLetterRequest {
    /// Why; required.
    pub reason: String,
}
