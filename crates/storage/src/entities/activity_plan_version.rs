//! Table `activity_plan_versions`: every version of an activity plan (MEK-03: a change keeps
//! the earlier version), its reason, and who approved it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity_plan_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub plan_id: i64,
    pub version: i32,
    /// JSON array of activities.
    pub activities: String,
    pub total_budget: i64,
    /// Why this version replaces the one before (empty for version 1).
    pub reason: String,
    /// `PlanStatus::code()`.
    pub status: String,
    pub drafted_at: DateTimeUtc,
    pub drafted_by: String,
    pub submitted_at: Option<DateTimeUtc>,
    pub approved_at: Option<DateTimeUtc>,
    pub approved_by: Option<String>,
    /// Returned with notes by the head who sets the agreement (status `returned`).
    pub returned_at: Option<DateTimeUtc>,
    pub returned_by: Option<String>,
    pub return_note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
