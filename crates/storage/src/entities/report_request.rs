//! Table `report_requests`: a report asked for at any time by the head of the Unit Organisasi (LAP-03).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub work_key: String,
    pub assignment_id: Option<i64>,
    pub plan_id: Option<i64>,
    pub to_employee_id: i64,
    pub to_name: String,
    pub by_employee_id: Option<i64>,
    pub by_position_id: i64,
    pub by_label: String,
    pub message: String,
    pub due_day: String,
    pub created_at: DateTimeUtc,
    /// The report that answered it.
    pub report_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
