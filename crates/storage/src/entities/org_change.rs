//! Table `org_changes`: a dated change to an agency's organisation (issue 14; ORG-01..07,
//! KED-11) with its legal basis and state.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "org_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    /// `OrgChange::code()`.
    pub kind: String,
    /// The `OrgChange` as JSON.
    pub payload: String,
    /// The day it takes effect, `YYYY-MM-DD`.
    pub effective_on: String,
    pub basis_number: String,
    pub basis_date: String,
    /// `OrgChangeState::code()`.
    pub state: String,
    /// Why it did not apply on its day (state `failed`).
    pub error: Option<String>,
    pub recorded_by: String,
    pub recorded_position: Option<String>,
    pub recorded_at: DateTimeUtc,
    pub applied_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
