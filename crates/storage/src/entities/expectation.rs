//! Table `expectations`: what a head expects of a person under them for a year (MEK-02,
//! KIN-01), and when that person acknowledged it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "expectations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub year: i32,
    pub setter_position_id: Option<i64>,
    pub setter_name: String,
    pub employee_id: Option<i64>,
    pub position_id: Option<i64>,
    pub holder_name: String,
    pub text: String,
    pub set_at: DateTimeUtc,
    pub set_by: String,
    pub acknowledged_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
