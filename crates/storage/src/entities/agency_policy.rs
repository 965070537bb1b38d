//! Table `agency_policies`: one dated version of an agency's policies (issue 14 point 5).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agency_policies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: i64,
    /// First day in force, `YYYY-MM-DD`.
    pub effective_from: String,
    /// `AssessorPolicy::code()` (KED-12).
    pub assessor_policy: String,
    /// KED-10.
    pub span_threshold: i64,
    /// `CountWindow::code()` (PEN-07).
    pub count_window: String,
    /// PEN-08.
    pub enforce_lead_rules_within_unit: bool,
    /// PEN-08 huruf b, PPPK golongan 1..=17.
    pub pppk_min_golongan: i32,
    /// PEN-15; none: the Sekretaris Daerah.
    pub authority_position_id: Option<i64>,
    /// `ReportPeriod::code()` (LAP-02).
    pub report_period: String,
    pub report_grace_days: i32,
    /// `ReportAddressees::code()` (LAP-01).
    pub report_addressees: String,
    /// JSON list of `{"kind": LetterKind code, "code": "800.1.11"}` (DOC-05).
    pub classifications: String,
    pub budget_regulation: Option<String>,
    /// `PeriodCadence::code()` (KIN-01).
    pub assessment_cadence: String,
    pub assessment_opens_days_before_end: i32,
    pub assessment_closes_days_after_end: i32,
    pub assessment_annual_closes_days_after_end: i32,
    pub legal_basis: String,
    pub recorded_by: String,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
