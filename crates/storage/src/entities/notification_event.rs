//! Table `notification_events`: the outbox of issue 18 point 4, one row per piece of waiting
//! work, written in the deciding transaction.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub agency_id: Option<i64>,
    /// A `NotificationKind` code.
    pub kind: String,
    pub recipient_position_id: Option<i64>,
    pub recipient_employee_id: Option<i64>,
    pub subject_id: i64,
    pub title: String,
    pub note: String,
    /// The page's path (`/penugasan/12/permohonan`), joined to the public base URL on sending.
    pub link: String,
    pub created_at: DateTimeUtc,
    pub fanned_out_at: Option<DateTimeUtc>,
    /// A key unique among events (`report_due:…`), for events a scan may find twice.
    pub dedup_key: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
