//! Table `team_issue_addressees`: an addressee of a team's problem and its decision (LAP-05).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "team_issue_addressees")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub issue_id: i64,
    pub seq: i32,
    pub position_id: Option<i64>,
    pub regional_head_agency_id: Option<i64>,
    pub label: String,
    /// `recommendation` or `other` once decided.
    pub decision: Option<String>,
    pub chosen: Option<i32>,
    pub decision_text: String,
    pub reason: String,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
