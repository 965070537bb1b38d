//! Table `positions`: a jabatan in a unit, with its acting holder (Plt./Plh.) if any.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "positions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub unit_id: i64,
    pub code: String,
    pub name: String,
    pub class: String,
    pub is_head: bool,
    pub functional_level: Option<String>,
    pub substance: Option<String>,
    pub acting_employee_id: Option<i64>,
    pub acting_kind: Option<String>,
    pub sort_order: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
