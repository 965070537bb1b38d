//! Table `assessment_events`: a recorded decision on an assessment (KIN-04 reopening, KIN-02
//! objection decided) with the rating before it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub assessment_id: i64,
    /// `AssessmentEventKind::code()`.
    pub kind: String,
    pub reason: String,
    /// JSON of the rating before the decision (`StoredRating`), if there was one.
    pub earlier_rating: Option<String>,
    pub by_label: String,
    pub by_employee_id: Option<i64>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
