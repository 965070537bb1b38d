//! Table `performance_dialogues`: a *dialog kinerja* held about an agreement's targets (date,
//! participants as JSON, notes) — the record the identification of MEK-03 points to.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "performance_dialogues")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agreement_id: i64,
    pub held_on: Date,
    /// JSON array of `{"employee": id, "name": …, "nip": …}`.
    pub participants: String,
    pub notes: String,
    pub recorded_at: DateTimeUtc,
    pub recorded_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
