//! Table `placements`: the current computed outcome per JF/Pelaksana (KED-01..12). Rewritten
//! by every recomputation; agency, department, unit and position are copied in so the list
//! filters on one table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "placements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub employee_id: i64,
    pub agency_id: i64,
    pub department_id: i64,
    pub unit_id: i64,
    pub position_id: i64,
    /// `placed` or `unresolved`.
    pub status: String,
    pub superior_position_id: Option<i64>,
    pub superior_employee_id: Option<i64>,
    pub superior_acting: Option<String>,
    pub assessor_position_id: Option<i64>,
    pub assessor_employee_id: Option<i64>,
    pub assessor_acting: Option<String>,
    pub coordinator_position_id: Option<i64>,
    pub coordinator_employee_id: Option<i64>,
    pub coordinator_acting: Option<String>,
    pub recommender_position_id: Option<i64>,
    pub recommender_employee_id: Option<i64>,
    pub recommender_acting: Option<String>,
    pub rule_id: String,
    pub article: String,
    pub assessor_rule_id: Option<String>,
    pub assessor_article: Option<String>,
    /// JSON array of Indonesian notes.
    pub notes: String,
    pub reason: Option<String>,
    pub manual: bool,
    pub computed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
