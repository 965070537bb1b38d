//! Table `assessment_curves`: an agency's distribution curve for a year (KIN-02). Rows are
//! only inserted; the newest per (agency, year) is in force.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_curves")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub year: i32,
    /// `OrganisationRating::code()`.
    pub organisation_rating: String,
    /// `CurveMode::code()`.
    pub mode: String,
    /// JSON list of `ShareBound`.
    pub bounds: String,
    pub legal_basis: String,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
