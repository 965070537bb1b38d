//! Table `process_map_versions`: one saved BPMN document of a map, as given; never updated
//! (PRO-03).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "process_map_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub map_id: i64,
    /// 1, 2, … per map.
    pub number: i32,
    /// The BPMN XML bytes as uploaded or saved.
    pub xml: Vec<u8>,
    /// Length of `xml` in bytes.
    pub size: i64,
    /// Lower-case hex SHA-256 of `xml`.
    pub sha256: String,
    /// `upload`, `editor`, `api` or `workflow:<WorkflowKind code>`.
    pub source: String,
    pub note: String,
    pub saved_by: String,
    pub saved_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
