//! Table `assessments`: one employee's assessment in one period (KIN-01..04), with the
//! assessor fixed when it was opened.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    pub employee_id: i64,
    /// Copied at opening.
    pub employee_name: String,
    pub employee_nip: String,
    pub position_id: Option<i64>,
    pub position_name: String,
    pub department_id: Option<i64>,
    pub department_name: String,
    pub period_year: i32,
    /// `PeriodKind::code()`.
    pub period_kind: String,
    pub period_number: i32,
    /// `AssessmentState::code()`.
    pub state: String,
    /// The fixed PPK post (KIN-04) and the placement rule that named it.
    pub assessor_position_id: i64,
    pub assessor_position_name: String,
    pub assessor_rule_id: String,
    pub assessor_article: String,
    /// STR-06: the Administrator post recommending for an Ahli Madya.
    pub recommender_position_id: Option<i64>,
    pub recommender_position_name: Option<String>,
    pub assessor_fixed_at: DateTimeUtc,
    /// `ExpectationLevel::code()`.
    pub results_level: Option<String>,
    pub behaviour_level: Option<String>,
    /// JSON list of `ValueRating`.
    pub behaviour_values: Option<String>,
    /// The assessor's feedback to the employee.
    pub feedback: String,
    /// `PerformanceRating::code()` in force (finalised or decided).
    pub performance_rating: Option<String>,
    pub finalised_by_employee_id: Option<i64>,
    pub finalised_by_nip: Option<String>,
    pub finalised_by_name: Option<String>,
    /// Finalised as Plt./Plh. of the assessor post.
    pub finalised_acting: Option<bool>,
    pub finalised_at: Option<DateTimeUtc>,
    /// The employee used their one objection.
    pub objected_before: bool,
    pub objection_reasons: Option<String>,
    pub objected_at: Option<DateTimeUtc>,
    pub decision_reason: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<String>,
    pub acknowledged_at: Option<DateTimeUtc>,
    /// JSON list of `FollowUpKind` codes.
    pub follow_up_kinds: Option<String>,
    pub development_needs: Option<String>,
    pub follow_up_at: Option<DateTimeUtc>,
    pub follow_up_by: Option<String>,
    /// Bumped by every change.
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
