//! Table `work_result_decisions`: the decision of one step of one round, taken once.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_result_decisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub result_id: i64,
    pub round: i32,
    pub seq: i32,
    /// `DecisionKind::code()`.
    pub decision: String,
    pub meets_target: bool,
    /// MEK-05, Lampiran I.A/D/E.3.c angka 3: the result meets the expectation.
    pub meets_expectation: bool,
    pub notes: String,
    pub by_employee_id: Option<i64>,
    pub by_name: String,
    pub by_position: String,
    pub acting: Option<String>,
    pub decided_at: DateTimeUtc,
    pub rule_id: String,
    pub article: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
