//! Table `assignment_requests`: the approval workflow of one assignment (PEN-13..17) and the
//! step it waits for.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assignment_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub assignment_id: i64,
    /// `WorkflowKind::code()`.
    pub workflow: String,
    /// `open`, `assigned` or `refused`.
    pub state: String,
    /// The step waited for while open.
    pub current_step: Option<String>,
    /// The content of an involvement request (PEN-14.1): purpose, competence, expected
    /// targets, duration.
    pub purpose: String,
    pub competence: String,
    pub expected_targets: String,
    pub duration: String,
    pub created_at: DateTimeUtc,
    pub created_by: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
