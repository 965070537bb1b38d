//! Table `process_maps`: one business-process map of an agency (issue 17, PRO-01..03).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "process_maps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub department_id: Option<i64>,
    /// `ProcessMapKind::code()` (PRO-02).
    pub kind: String,
    pub title: String,
    /// `ProcessMapStatus::code()`.
    pub status: String,
    /// The number of the published version, if any.
    pub published_version: Option<i32>,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
