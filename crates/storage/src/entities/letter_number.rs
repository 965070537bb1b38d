//! Table `letter_numbers`: every number a register gave, `issued` or `cancelled` (a cancelled
//! number stays, so numbers are never reused nor skipped).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letter_numbers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub register_id: i64,
    /// The agency of the register: a number text is unique per agency (issue 12 point 1).
    pub agency_id: i64,
    /// 0 for every number given since issue 12; 1, 2, … for the later copies of a number
    /// given twice before, kept as issued (the unique index covers agency, number and rank).
    pub duplicate_rank: i32,
    pub seq: i64,
    pub number: String,
    /// `issued` or `cancelled`.
    pub status: String,
    pub issued_letter_id: Option<i64>,
    /// The performance agreement that took this number (a register of kind
    /// `performance_agreement`).
    pub agreement_id: Option<i64>,
    /// Why it was cancelled.
    pub note: String,
    pub at: DateTimeUtc,
    pub by_label: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
