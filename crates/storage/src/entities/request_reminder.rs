//! Table `request_reminders`: a nudge by the requester, a reminder to a holder whose step
//! waits too long, and the escalation notice to their superior (issue 5 point 4).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "request_reminders")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub request_id: i64,
    pub task_id: i64,
    /// `nudge`, `reminder` or `escalation`.
    pub kind: String,
    pub by_label: String,
    pub to_label: String,
    pub note: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
