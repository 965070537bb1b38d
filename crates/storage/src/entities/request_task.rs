//! Table `request_tasks`: what a request waits for and from whom. A `decide` row per step,
//! party (the member a per-member step is for, else 0) and holder; a `copy` row per copy
//! (*tembusan*) to read; a `notice` row to the superior of a holder whose step was escalated.
//! The holder is a position (whoever holds or acts in it sees the task), a member, or a
//! regional head. `done_at` is when the step was taken, or the copy or notice read.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_tasks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub request_id: i64,
    pub step: String,
    pub party: i64,
    /// `Lane::code()`.
    pub lane: String,
    /// `decide`, `copy` or `notice`.
    pub kind: String,
    pub position_id: Option<i64>,
    pub employee_id: Option<i64>,
    pub regional_head_id: Option<i64>,
    /// The position name (or "Bupati …", or the member's name) the task is addressed to.
    pub holder_label: String,
    pub note: String,
    pub created_at: DateTimeUtc,
    pub done_at: Option<DateTimeUtc>,
    pub reminded_at: Option<DateTimeUtc>,
    pub escalated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
