//! Table `letter_sequences`: the sequence of numbers of one number format in an agency (a
//! register's pattern with its codes and year filled in, `NumberFormat::key`), shared by every
//! register with that format so that they never give the same number (issue 12 point 1).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letter_sequences")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    /// `NumberFormat::key()`, e.g. "800.1.11/{seq}/DINKES/2026".
    pub format_key: String,
    /// The next sequence number to give.
    pub next_seq: i64,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
