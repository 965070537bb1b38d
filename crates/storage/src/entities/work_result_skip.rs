//! Table `work_result_skips`: a post passed over on the way up, noted on step `seq`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "work_result_skips")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub result_id: i64,
    pub round: i32,
    pub seq: i32,
    pub position_id: i64,
    pub position_name: String,
    /// `SkipReason::code()`.
    pub reason: String,
    pub note: String,
    pub rule_id: String,
    pub article: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
