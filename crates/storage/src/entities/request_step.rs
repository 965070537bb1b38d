//! Table `request_steps`: one step taken in a workflow (PEN-18): who, in which position, the
//! decision and its text, when, the letter and the copies.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_steps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub request_id: i64,
    pub step: String,
    /// `Lane::code()`.
    pub lane: String,
    /// The member a receipt is for; 0 for other steps.
    pub member_id: i64,
    /// `proceed` or `refuse`.
    pub decision: String,
    pub text: String,
    pub actor: String,
    pub actor_position: Option<String>,
    pub actor_employee_id: Option<i64>,
    pub decided_at: DateTimeUtc,
    /// `LetterKind` as snake_case, when the step produced one.
    pub letter: Option<String>,
    /// JSON array of lane codes.
    pub copies: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
