//! Table `assignments`: an individual or team assignment (PEN-01) serving a target (PEN-19),
//! with its derived scope (PEN-03) and instrument (PEN-12).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assignments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub owner_unit_id: Option<i64>,
    pub owner_unit_name: String,
    pub target_id: Option<i64>,
    pub title: String,
    pub field: String,
    /// `Execution::code()`.
    pub execution: String,
    /// `AssignmentMethod::code()`.
    pub method: String,
    /// `AssignmentScope::code()`, derived.
    pub scope: String,
    /// `Instrument::code()`, derived.
    pub instrument: String,
    /// `draft` (checked, no workflow yet), later the workflow's states.
    pub status: String,
    pub responsible_position_id: Option<i64>,
    pub team_lead_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub created_by: String,
    /// The Kepala Bidang/Seksi who prepared the draft for the head of the owner Unit
    /// Organisasi (issue 14 point 6); `None` otherwise.
    pub prepared_by_employee_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
