//! Table `placement_history` (KED-11): appended whenever an employee's PPK (position or
//! person) or the deciding rule changes. The assessor is kept as a snapshot so the history
//! still reads right after people and positions change.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "placement_history")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub employee_id: i64,
    pub changed_at: DateTimeUtc,
    pub status: String,
    pub assessor_position_id: Option<i64>,
    pub assessor_employee_id: Option<i64>,
    pub assessor_acting: Option<String>,
    pub assessor_nip: Option<String>,
    pub assessor_name: Option<String>,
    pub assessor_grade: Option<String>,
    pub assessor_position_name: Option<String>,
    pub assessor_class: Option<String>,
    pub rule_id: String,
    pub article: String,
    pub manual: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
