//! Table `activity_plans`: a *rencana pelaksanaan kegiatan dan anggaran* for one target of a
//! JF's or Pelaksana's agreement (MEK-02); its versions are in `activity_plan_versions`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "activity_plans")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub target_id: Option<i64>,
    pub agreement_id: i64,
    pub title: String,
    pub current_version: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
