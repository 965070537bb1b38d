//! Table `notification_deliveries`: one event sent on one channel to one person.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_deliveries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: i64,
    /// A `Channel` code.
    pub channel: String,
    pub recipient_employee_id: i64,
    /// The address at the time the delivery was made (email only).
    pub email: Option<String>,
    /// Sent with the day's other events in the daily digest.
    pub digest: bool,
    /// A `DeliveryState` code.
    pub state: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub claimed_by: Option<String>,
    pub claimed_until: Option<DateTimeUtc>,
    pub last_error: String,
    pub sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
