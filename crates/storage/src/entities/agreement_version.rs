//! Table `agreement_versions`: the signed text of an agreement (JSON), kept when it is
//! amended, with who amended it and why.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreement_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agreement_id: i64,
    pub version: i32,
    /// The agreement and its targets as signed, JSON.
    pub content: String,
    pub amended_at: DateTimeUtc,
    pub amended_by: String,
    pub reason: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
