//! Table `employees`: a Pegawai ASN; `nip` is unique across agencies.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "employees")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub nip: String,
    pub name: String,
    pub front_title: String,
    pub back_title: String,
    pub employment_type: String,
    pub grade: String,
    pub education: String,
    pub position_id: Option<i64>,
    pub from_equalization: bool,
    pub sort_order: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
