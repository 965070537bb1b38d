//! Table `work_reports`: a report on a piece of work (LAP-01..03).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub work_key: String,
    pub assignment_id: Option<i64>,
    pub plan_id: Option<i64>,
    /// `ReportKind::code()`.
    pub kind: String,
    pub reporter_employee_id: i64,
    pub reporter_name: String,
    /// The period's first day, or `request:<id>`.
    pub period_key: String,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub due_day: String,
    pub request_id: Option<i64>,
    pub narrative: String,
    /// The day it counts as submitted (WITA), against its due day.
    pub submitted_on: String,
    pub submitted_at: DateTimeUtc,
    pub submitted_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
