//! Table `letter_numbers`: every number a register gave, `issued` or `cancelled` (a cancelled
//! number stays, so numbers are never reused nor skipped).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letter_numbers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub register_id: i64,
    pub seq: i64,
    pub number: String,
    /// `issued` or `cancelled`.
    pub status: String,
    pub issued_letter_id: Option<i64>,
    /// Why it was cancelled.
    pub note: String,
    pub at: DateTimeUtc,
    pub by_label: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
