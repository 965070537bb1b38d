//! Table `work_items`: an activity of a work breakdown (MEK-04).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub work_key: String,
    pub assignment_id: Option<i64>,
    pub plan_id: Option<i64>,
    pub seq: i32,
    pub name: String,
    pub responsible_employee_id: i64,
    pub responsible_name: String,
    pub from_day: String,
    pub until_day: String,
    pub output: String,
    pub budget: i64,
    pub updated_at: DateTimeUtc,
    pub updated_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
