//! Table `assessment_notes`: a team lead's member report (KIN-03) or the Administrator's
//! recommendation (STR-06) for one employee and period; one per author post.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_notes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    /// `NoteKind::code()`: `member_report` or `recommendation`.
    pub kind: String,
    /// The assessed employee.
    pub employee_id: i64,
    pub period_year: i32,
    /// `PeriodKind::code()`.
    pub period_kind: String,
    pub period_number: i32,
    /// `a:<assignment id>` for a member report; `''` for a recommendation.
    pub work_key: String,
    pub work_title: Option<String>,
    pub author_employee_id: Option<i64>,
    pub author_position_id: i64,
    pub author_label: String,
    pub text: String,
    pub written_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
