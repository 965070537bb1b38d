//! Table `process_map_reviews`: one review of a map's version (PRO-03).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "process_map_reviews")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub map_id: i64,
    pub version_id: i64,
    pub findings: String,
    pub decisions: String,
    /// JSON list of `{"number": …, "title": …}`.
    pub sop_changes: String,
    pub reviewed_by: String,
    pub reviewed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
