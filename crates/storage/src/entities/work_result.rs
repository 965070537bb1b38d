//! Table `work_results`: a result of an assignment (optionally of one activity of its
//! breakdown) on its way up the review chain (MEK-05).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_results")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub assignment_id: i64,
    /// An activity of the work breakdown, if the result is of one (no foreign key).
    pub activity_id: Option<i64>,
    pub agency_id: i64,
    pub title: String,
    pub submitter_id: Option<i64>,
    pub submitter_name: String,
    /// The current round (1 at submission, one more per resubmission).
    pub round: i32,
    /// `ReviewState::code()`.
    pub state: String,
    /// The step of `at_step` or `returned`.
    pub current_step: Option<i32>,
    /// Bumped by every change: a decision updates only the version it read.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub accepted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
