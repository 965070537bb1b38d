//! Table `agreement_targets`: an indicator with its target, unit and budget in an agreement;
//! `parent_target_id` links a cascaded target to the setter's target it serves (MEK-02), and
//! the identification fields record the outcome of a performance dialogue (MEK-03, PEN-19).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "agreement_targets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agreement_id: i64,
    pub parent_target_id: Option<i64>,
    pub sort_order: i32,
    pub indicator: String,
    /// `IndicatorKind::code()`.
    pub kind: String,
    pub target: String,
    pub target_number: Option<f64>,
    pub unit: String,
    /// Rupiah.
    pub budget: i64,
    pub strategic_plan_ref: String,
    pub annual_work_plan_ref: String,
    pub weight: i32,
    /// Reported progress of a leaf target, 0–100.
    pub progress: f64,
    /// `Execution::code()` once identified.
    pub execution: Option<String>,
    pub needs_other_units: bool,
    pub needs_other_agencies: bool,
    pub needs_team_lead: bool,
    pub dialogue_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
