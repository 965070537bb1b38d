//! Table `work_result_rounds`: one submission of a result (the first or a resubmission).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "work_result_rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub result_id: i64,
    pub round: i32,
    pub summary: String,
    /// The linked target's realisation (0–100) the result reaches, as stated.
    pub realisation: Option<f64>,
    pub meets_target: bool,
    /// `DepartmentKind::code()` of the owner, whose Lampiran I section set the chain.
    pub department_kind: String,
    /// The submitter's unit was not under the owner Unit Organisasi.
    pub from_outside: bool,
    pub submitted_at: DateTimeUtc,
    pub submitted_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
