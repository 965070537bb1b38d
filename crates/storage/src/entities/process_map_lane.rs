//! Table `process_map_lanes`: a lane of a map version bound to a position or a unit
//! (PRO-01, issue 17 point 1).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "process_map_lanes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub map_id: i64,
    pub version_id: i64,
    /// The lane's BPMN id.
    pub lane_id: String,
    /// `LaneBindingKind`: `position` or `unit`.
    pub target_kind: String,
    pub position_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub bound_by: String,
    pub bound_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
