//! Table `team_issues`: a problem raised by a team with its recommendations (LAP-05).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "team_issues")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub work_key: String,
    pub assignment_id: i64,
    pub title: String,
    pub description: String,
    /// JSON list of the recommendations' texts.
    pub recommendations: String,
    /// `Collaboration::code()`.
    pub collaboration: String,
    pub raised_by_employee_id: i64,
    pub raised_by_name: String,
    pub raised_at: DateTimeUtc,
    pub due_day: String,
    pub last_nudged_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
