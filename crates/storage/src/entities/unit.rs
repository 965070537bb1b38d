//! Table `units`: the unit tree of a department (parent is a self reference).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "units")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub department_id: i64,
    pub parent_id: Option<i64>,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub is_org_unit: bool,
    pub sort_order: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
