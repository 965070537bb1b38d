//! Table `issued_letters`: a letter exactly as issued (DOC-06): both files, their SHA-256 and
//! the code of its public verification page; never rendered again.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "issued_letters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub request_letter_id: i64,
    pub agency_id: i64,
    pub number_id: i64,
    pub number: String,
    /// `LetterKind::code()`.
    pub kind: String,
    pub subject: String,
    pub signer_name: String,
    pub signer_position: String,
    /// `YYYY-MM-DD`.
    pub letter_date: String,
    pub verify_code: String,
    /// The content as issued (`LetterContent` JSON).
    pub content: String,
    /// SHA-256 of the content and number as issued, printed on the letter.
    pub content_sha256: String,
    pub pdf: Vec<u8>,
    pub docx: Vec<u8>,
    pub pdf_sha256: String,
    pub docx_sha256: String,
    pub issued_at: DateTimeUtc,
    pub issued_by: String,
    /// `issued` or `cancelled`.
    pub status: String,
    pub cancelled_at: Option<DateTimeUtc>,
    pub cancel_reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
