//! Issuing the letters the workflows recorded (issue 6; DOC-05, DOC-06): a number from the
//! issuer's register, both files rendered once with that number and a QR code to the public
//! verification page, stored with their SHA-256 and never rendered again; cancelling keeps
//! the number in the register marked cancelled. The rendering itself is the caller's (the
//! letters crate, through the web layer): storage hands it the facts inside the transaction
//! and stores what comes back, so a failed rendering takes no number.

mod duplicates;
mod letterheads;
pub(crate) mod registers;

pub use duplicates::{DuplicateCopy, DuplicateNumber};
pub use letterheads::{LetterheadInput, LetterheadView};
pub use registers::{
    DEFAULT_CLASSIFICATION, DEFAULT_PATTERN, NumberLine, RegisterSetting, RegisterView,
    format_number,
};

use sikerja_domain::audit::{AuditAction, AuditSubject};
use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Datelike, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use sikerja_domain::assignment::Day;
use sikerja_domain::workflow::{LetterContent, LetterKind, LetterStatus};

use crate::connect::WriteTxn;
use crate::convert::display_name;
use crate::entities::{employee, issued_letter, letter_number, request_letter};
use crate::error::{Result, StorageError, corrupt};
use crate::planning::PlanningActor;
use crate::requests::{letter_issuer, letter_record};
use crate::{Store, audit};

/// What the renderer gets to make the files of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueFacts {
    /// The content, dated the day of issue and signed by the issuer.
    pub content: LetterContent,
    pub letterhead: LetterheadView,
    /// The number from the register; `None` for a preview.
    pub number: Option<String>,
    /// The code of the verification page; `None` for a preview.
    pub verify_code: Option<String>,
    /// SHA-256 of the content and number as issued, printed on the letter; `None` for a
    /// preview.
    pub content_sha256: Option<String>,
    /// The budget regulation the agency's policy in force on the letter's day cites (DOC-05,
    /// issue 14 point 5); `None`: the letter's derived line.
    pub budget_regulation: Option<String>,
}

/// The files of a letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedFiles {
    pub pdf: Vec<u8>,
    pub docx: Vec<u8>,
}

/// The future of a rendering: both files, or why not.
pub type Rendering<'a> =
    Pin<Box<dyn Future<Output = std::result::Result<RenderedFiles, String>> + Send + 'a>>;

/// Makes both files of a letter being issued from its facts — the letters crate, through the
/// web layer. Handed to the workflow's decisions, so that the step that makes a Surat Tugas,
/// Surat Penugasan or Keputusan issues it in the same transaction (issue 15 point 4).
pub trait RenderLetter: Send + Sync {
    fn render(&self, facts: IssueFacts) -> Rendering<'_>;
}

/// A letter as issued (without its files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssuedLetterView {
    pub id: i64,
    /// The recorded letter it was issued from.
    pub letter: i64,
    pub agency: i64,
    pub number: String,
    pub kind: LetterKind,
    pub kind_label: String,
    pub subject: String,
    pub signer_name: String,
    pub signer_position: String,
    pub date: Day,
    pub verify_code: String,
    pub content_sha256: String,
    pub pdf_sha256: String,
    pub docx_sha256: String,
    pub issued_at: DateTime<Utc>,
    pub issued_by: String,
    pub status: LetterStatus,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancel_reason: String,
}

/// Which file of an issued letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterFile {
    Pdf,
    Docx,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 20 characters of base32 from the operating system's CSPRNG (100 bits).
fn verify_code() -> Result<String> {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(|e| {
        StorageError::Database(sea_orm::DbErr::Custom(format!(
            "no random numbers from the operating system: {e}"
        )))
    })?;
    Ok(bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b & 31)]))
        .collect())
}

fn view_of(m: issued_letter::Model) -> Result<IssuedLetterView> {
    let kind = LetterKind::from_code(&m.kind).ok_or_else(|| corrupt("letter kind", &m.kind))?;
    let date = m
        .letter_date
        .parse::<Day>()
        .map_err(|_| corrupt("letter date", &m.letter_date))?;
    Ok(IssuedLetterView {
        id: m.id,
        letter: m.request_letter_id,
        agency: m.agency_id,
        number: m.number,
        kind,
        kind_label: kind.label().to_string(),
        subject: m.subject,
        signer_name: m.signer_name,
        signer_position: m.signer_position,
        date,
        verify_code: m.verify_code,
        content_sha256: m.content_sha256,
        pdf_sha256: m.pdf_sha256,
        docx_sha256: m.docx_sha256,
        issued_at: m.issued_at,
        issued_by: m.issued_by,
        status: LetterStatus::from_code(&m.status)
            .ok_or_else(|| corrupt("letter status", &m.status))?,
        cancelled_at: m.cancelled_at,
        cancel_reason: m.cancel_reason,
    })
}

/// Only the columns without the files.
fn without_files() -> sea_orm::Select<issued_letter::Entity> {
    use issued_letter::Column as C;
    issued_letter::Entity::find().select_only().columns([
        C::Id,
        C::RequestLetterId,
        C::AgencyId,
        C::NumberId,
        C::Number,
        C::Kind,
        C::Subject,
        C::SignerName,
        C::SignerPosition,
        C::LetterDate,
        C::VerifyCode,
        C::ContentSha256,
        C::PdfSha256,
        C::DocxSha256,
        C::IssuedAt,
        C::IssuedBy,
        C::Status,
        C::CancelledAt,
        C::CancelReason,
    ])
}

#[derive(sea_orm::FromQueryResult)]
struct IssuedRow {
    id: i64,
    request_letter_id: i64,
    agency_id: i64,
    number_id: i64,
    number: String,
    kind: String,
    subject: String,
    signer_name: String,
    signer_position: String,
    letter_date: String,
    verify_code: String,
    content_sha256: String,
    pdf_sha256: String,
    docx_sha256: String,
    issued_at: DateTime<Utc>,
    issued_by: String,
    status: String,
    cancelled_at: Option<DateTime<Utc>>,
    cancel_reason: String,
}

impl From<IssuedRow> for issued_letter::Model {
    fn from(r: IssuedRow) -> Self {
        issued_letter::Model {
            id: r.id,
            request_letter_id: r.request_letter_id,
            agency_id: r.agency_id,
            number_id: r.number_id,
            number: r.number,
            kind: r.kind,
            subject: r.subject,
            signer_name: r.signer_name,
            signer_position: r.signer_position,
            letter_date: r.letter_date,
            verify_code: r.verify_code,
            content: String::new(),
            content_sha256: r.content_sha256,
            pdf: Vec::new(),
            docx: Vec::new(),
            pdf_sha256: r.pdf_sha256,
            docx_sha256: r.docx_sha256,
            issued_at: r.issued_at,
            issued_by: r.issued_by,
            status: r.status,
            cancelled_at: r.cancelled_at,
            cancel_reason: r.cancel_reason,
        }
    }
}

fn already_cancelled() -> StorageError {
    StorageError::conflict("already_cancelled", "Surat ini sudah dibatalkan.")
}

fn day_of(now: DateTime<Utc>) -> Result<Day> {
    Day::new(
        u16::try_from(now.year()).unwrap_or(2000),
        u8::try_from(now.month()).unwrap_or(1),
        u8::try_from(now.day()).unwrap_or(1),
    )
    .map_err(|_| corrupt("letter date", &now.to_rfc3339()))
}

impl Store {
    /// The facts to preview a recorded letter (no number, no verification code), with the
    /// letterhead of its signer's position.
    pub async fn letter_preview(&self, letter: i64) -> Result<IssueFacts> {
        let row = request_letter::Entity::find_by_id(letter)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("request_letter", letter))?;
        let issuer = letter_issuer(&self.db, &row, None).await?;
        let record = letter_record(row)?;
        let mut letterhead =
            letterheads::letterhead_of(&self.db, issuer.agency, issuer.department).await?;
        if let (Some(title), false) = (&issuer.regional_head, letterhead.stored) {
            letterhead.lines = vec![title.to_uppercase()];
        }
        let budget_regulation = crate::policies::in_force(
            &self.db,
            sikerja_domain::organisation::AgencyId(issuer.agency),
            crate::policies::today(),
        )
        .await?
        .letters
        .budget_regulation;
        Ok(IssueFacts {
            content: record.content,
            letterhead,
            number: None,
            verify_code: None,
            content_sha256: None,
            budget_regulation,
        })
    }

    /// Whether `by` signs recorded letter `letter` — the same decision that lets the issue
    /// and the cancel through (`not_the_signer` otherwise) — so that pages show "Terbitkan
    /// surat" and "Batalkan" only to the signer (issue 15 point 4).
    pub async fn signs_letter(&self, letter: i64, by: &PlanningActor) -> Result<bool> {
        let row = request_letter::Entity::find_by_id(letter)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("request_letter", letter))?;
        match letter_issuer(&self.db, &row, Some(by)).await {
            Ok(_) => Ok(true),
            Err(StorageError::Forbidden { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Issues a recorded letter (DOC-05, DOC-06) as `by`, who must hold or act in the position
    /// that signs it: takes the next number of the issuer's register, dates and signs the
    /// content, has `render` make both files, stores them with their SHA-256 and a
    /// verification code, and appends the audit row, in one transaction. A letter already
    /// issued (and not cancelled) answers `already_issued`; a rendering that fails answers
    /// `render_failed` and takes no number. Letters the workflow issues with the step that
    /// makes them (Surat Tugas, Surat Penugasan, Keputusan: issue 15 point 4) come here only
    /// after a cancelled issue.
    pub async fn issue_letter<F, Fut>(
        &self,
        letter: i64,
        by: &PlanningActor,
        render: F,
    ) -> Result<IssuedLetterView>
    where
        F: FnOnce(IssueFacts) -> Fut,
        Fut: Future<Output = std::result::Result<RenderedFiles, String>>,
    {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let id = issue_in(&txn, letter, by, render).await?;
        let view = self.issued_in(&*txn, id).await?;
        txn.commit().await?;
        Ok(view)
    }

    async fn issued_in<C: sea_orm::ConnectionTrait>(
        &self,
        db: &C,
        id: i64,
    ) -> Result<IssuedLetterView> {
        let row = without_files()
            .filter(issued_letter::Column::Id.eq(id))
            .into_model::<IssuedRow>()
            .one(db)
            .await?
            .ok_or_else(|| StorageError::not_found("issued_letter", id))?;
        view_of(row.into())
    }

    /// An issued letter (without its files).
    pub async fn issued_letter(&self, id: i64) -> Result<IssuedLetterView> {
        self.issued_in(&self.db, id).await
    }

    /// The issues of a recorded letter, newest first (a cancelled one and its reissue).
    pub async fn issues_of_letter(&self, letter: i64) -> Result<Vec<IssuedLetterView>> {
        without_files()
            .filter(issued_letter::Column::RequestLetterId.eq(letter))
            .order_by_desc(issued_letter::Column::Id)
            .into_model::<IssuedRow>()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| view_of(r.into()))
            .collect()
    }

    /// The letter a verification code names, for the public verification page.
    pub async fn verify_letter(&self, code: &str) -> Result<IssuedLetterView> {
        let row = without_files()
            .filter(issued_letter::Column::VerifyCode.eq(code.trim().to_uppercase()))
            .into_model::<IssuedRow>()
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("issued_letter", code))?;
        view_of(row.into())
    }

    /// A file of an issued letter, exactly as issued.
    pub async fn issued_file(&self, id: i64, file: LetterFile) -> Result<Vec<u8>> {
        let column = match file {
            LetterFile::Pdf => issued_letter::Column::Pdf,
            LetterFile::Docx => issued_letter::Column::Docx,
        };
        issued_letter::Entity::find_by_id(id)
            .select_only()
            .column(column)
            .into_tuple::<Vec<u8>>()
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("issued_letter", id))
    }

    /// Cancels an issued letter with reasons, as one who may sign it: the letter and its
    /// number are marked cancelled and stay (the number is never given again); the letter
    /// may then be issued again under a new number. Audited.
    pub async fn cancel_issued_letter(
        &self,
        id: i64,
        reason: &str,
        by: &PlanningActor,
    ) -> Result<IssuedLetterView> {
        by.audit.checked_label()?;
        if reason.trim().is_empty() {
            return Err(StorageError::invalid(
                "cancel_reason_blank",
                "Alasan pembatalan surat wajib diisi.",
            ));
        }
        let txn = self.begin_write().await?;
        // The row is locked (PostgreSQL; SQLite serialises writers) so that parallel cancels
        // queue: the first decides, the others then read `cancelled` (issue 12 point 2).
        let issued = without_files()
            .filter(issued_letter::Column::Id.eq(id))
            .lock_exclusive()
            .into_model::<IssuedRow>()
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("issued_letter", id))?;
        if issued.status != LetterStatus::Issued.code() {
            return Err(already_cancelled());
        }
        let row = request_letter::Entity::find_by_id(issued.request_letter_id)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("request_letter", issued.request_letter_id))?;
        letter_issuer(&txn, &row, Some(by)).await?;
        let now = Utc::now();
        // Conditional on the state read above as a second guard: a cancel that did not change
        // the row decided nothing.
        let changed = issued_letter::Entity::update_many()
            .col_expr(
                issued_letter::Column::Status,
                sea_orm::sea_query::Expr::value(LetterStatus::Cancelled.code()),
            )
            .col_expr(
                issued_letter::Column::CancelledAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .col_expr(
                issued_letter::Column::CancelReason,
                sea_orm::sea_query::Expr::value(reason.trim()),
            )
            .filter(issued_letter::Column::Id.eq(id))
            .filter(issued_letter::Column::Status.eq(LetterStatus::Issued.code()))
            .exec(&txn)
            .await?
            .rows_affected;
        if changed != 1 {
            return Err(already_cancelled());
        }
        letter_number::Entity::update_many()
            .col_expr(
                letter_number::Column::Status,
                sea_orm::sea_query::Expr::value(LetterStatus::Cancelled.code()),
            )
            .col_expr(
                letter_number::Column::Note,
                sea_orm::sea_query::Expr::value(reason.trim()),
            )
            .filter(letter_number::Column::Id.eq(issued.number_id))
            .exec(&txn)
            .await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::LetterCancel,
            audit::Subject::new(AuditSubject::IssuedLetter, id, issued.agency_id),
            json!({
                "rule_id": "DOC-05",
                "number": issued.number,
                "reason": reason.trim(),
            }),
        )
        .await?;
        let view = self.issued_in(&txn, id).await?;
        txn.commit().await?;
        Ok(view)
    }
}

/// Issues recorded letter `letter` as `by` inside `txn` (see [`Store::issue_letter`]): the
/// issue's id. Shared by the letter's own issue and the workflow step that issues the letter it
/// makes (issue 15 point 4), so that both are one decision in one transaction.
pub(crate) async fn issue_in<F, Fut>(
    txn: &WriteTxn,
    letter: i64,
    by: &PlanningActor,
    render: F,
) -> Result<i64>
where
    F: FnOnce(IssueFacts) -> Fut,
    Fut: Future<Output = std::result::Result<RenderedFiles, String>>,
{
    // Two issues of the same letter at once: the second waits here, then finds the first.
    let row = request_letter::Entity::find_by_id(letter)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("request_letter", letter))?;
    let live = issued_letter::Entity::find()
        .select_only()
        .column(issued_letter::Column::Number)
        .filter(issued_letter::Column::RequestLetterId.eq(letter))
        .filter(issued_letter::Column::Status.eq(LetterStatus::Issued.code()))
        .into_tuple::<String>()
        .one(txn)
        .await?;
    if let Some(number) = live {
        return Err(StorageError::conflict(
            "already_issued",
            format!("Surat ini sudah diterbitkan dengan nomor {number}."),
        ));
    }
    let issuer = letter_issuer(txn, &row, Some(by)).await?;
    let record = letter_record(row.clone())?;
    let now = Utc::now();
    let date = day_of(now)?;
    let mut content = record.content;
    content.date = date;
    content.signer.position = issuer.position.clone();
    if let Some(me) = by.employee
        && let Some(e) = employee::Entity::find_by_id(me.0).one(txn).await?
    {
        content.signer.name = display_name(&e);
        content.signer.nip = Some(e.nip.clone());
        content.signer.rank = crate::convert::rank_line(&e.grade);
    }
    let mut letterhead = letterheads::letterhead_of(txn, issuer.agency, issuer.department).await?;
    if let (Some(title), false) = (&issuer.regional_head, letterhead.stored) {
        letterhead.lines = vec![title.to_uppercase()];
    }
    let register = registers::locked_register(
        txn,
        issuer.agency,
        issuer.department,
        record.kind.into(),
        i32::from(date.year()),
    )
    .await?;
    let number = registers::take_number(txn, &register, &by.audit.label, now).await?;
    let code = verify_code()?;
    let content_json = serde_json::to_string(&json!({
        "number": number.number,
        "content": content,
    }))
    .map_err(|_| StorageError::invalid("letter_content", "Isi surat tidak dapat disimpan."))?;
    let content_sha256 = sha256_hex(content_json.as_bytes());
    let budget_regulation = crate::policies::in_force(
        &**txn,
        sikerja_domain::organisation::AgencyId(issuer.agency),
        date,
    )
    .await?
    .letters
    .budget_regulation;
    let facts = IssueFacts {
        content: content.clone(),
        letterhead,
        number: Some(number.number.clone()),
        verify_code: Some(code.clone()),
        content_sha256: Some(content_sha256.clone()),
        budget_regulation,
    };
    let files = render(facts).await.map_err(|e| {
        tracing::warn!(letter, error = %e, "rendering a letter failed");
        StorageError::invalid(
            "render_failed",
            "Surat tidak dapat dibuat (PDF/DOCX); tidak ada nomor yang terpakai.",
        )
    })?;
    let pdf_sha256 = sha256_hex(&files.pdf);
    let docx_sha256 = sha256_hex(&files.docx);
    let id = issued_letter::Entity::insert(issued_letter::ActiveModel {
        request_letter_id: Set(letter),
        agency_id: Set(issuer.agency),
        number_id: Set(number.id),
        number: Set(number.number.clone()),
        kind: Set(record.kind.code().to_string()),
        subject: Set(content.subject.clone()),
        signer_name: Set(content.signer.name.clone()),
        signer_position: Set(content.signer.position.clone()),
        letter_date: Set(date.to_string()),
        verify_code: Set(code),
        content: Set(content_json),
        content_sha256: Set(content_sha256.clone()),
        pdf: Set(files.pdf),
        docx: Set(files.docx),
        pdf_sha256: Set(pdf_sha256.clone()),
        docx_sha256: Set(docx_sha256.clone()),
        issued_at: Set(now),
        issued_by: Set(by.audit.label.clone()),
        status: Set(LetterStatus::Issued.code().to_string()),
        cancelled_at: Set(None),
        cancel_reason: Set(String::new()),
        ..Default::default()
    })
    .exec(txn)
    .await?
    .last_insert_id;
    let mut n: letter_number::ActiveModel = number.clone().into();
    n.issued_letter_id = Set(Some(id));
    letter_number::Entity::update(n).exec(txn).await?;
    audit::append_by(
        txn,
        &by.audit,
        AuditAction::LetterIssue,
        audit::Subject::new(AuditSubject::IssuedLetter, id, issuer.agency),
        json!({
            "rule_id": "DOC-05",
            "article": "Lampiran IV",
            "letter": letter,
            "kind": record.kind.code(),
            "number": number.number,
            "register": register.id,
            "seq": number.seq,
            "date": date.to_string(),
            "signer": content.signer.name,
            "content_sha256": content_sha256,
            "pdf_sha256": pdf_sha256,
            "docx_sha256": docx_sha256,
        }),
    )
    .await?;
    Ok(id)
}
