//! Table `agencies`: an Instansi Pemerintah and its policy (KED-10, KED-12).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agencies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: String,
    pub seat: String,
    pub address: String,
    pub assessor_policy: String,
    pub span_threshold: i64,
    /// The position of the Pejabat yang Berwenang (PEN-15); none: the Sekretaris Daerah.
    pub authority_position_id: Option<i64>,
    /// After how many hours a waiting workflow step is escalated (issue 5 point 4).
    pub escalation_hours: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
