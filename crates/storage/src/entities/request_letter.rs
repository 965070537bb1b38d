//! Table `request_letters`: a letter a workflow step produced (DOC-04, PEN-12), its content
//! as JSON (`sikerja_domain::workflow::LetterContent`) for the letters crate to render.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_letters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub request_id: i64,
    pub step: String,
    /// `LetterKind::code()`.
    pub kind: String,
    pub content: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
