//! Table `work_result_steps`: the review chain fixed on a round (KIN-04), one row per step.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_result_steps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub result_id: i64,
    pub round: i32,
    pub seq: i32,
    pub position_id: i64,
    pub position_name: String,
    pub unit_id: i64,
    pub unit_name: String,
    /// `PositionClass::code()`.
    pub class: String,
    /// Who exercised the post when the chain was fixed.
    pub reviewer_id: Option<i64>,
    pub reviewer_name: String,
    /// `ActingKind::code()` when that was a Plt./Plh.
    pub acting: Option<String>,
    pub accepts: bool,
    pub rule_id: String,
    pub article: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
