//! Table `work_feedback`: feedback to a member of a piece of work, with its author's position (MEK-04, LAP-04).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_feedback")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub work_key: String,
    pub assignment_id: Option<i64>,
    pub plan_id: Option<i64>,
    pub report_id: Option<i64>,
    pub to_employee_id: i64,
    pub to_name: String,
    pub author_employee_id: Option<i64>,
    pub author_position_id: Option<i64>,
    /// `FeedbackRole::code()`.
    pub author_role: String,
    pub author_label: String,
    pub text: String,
    pub given_at: DateTimeUtc,
    pub acknowledged_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
