//! The HR admin's desk for an agency's notifications (issue 18 point 4): how many deliveries
//! wait, went out or were given up, the latest of them with their errors, sending a given-up
//! delivery again, and pruning old events. Sending itself is `notifications.rs`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::notification::{Channel, DeliveryState, NotificationKind};
use sikerja_domain::organisation::AgencyId;

use crate::Store;
use crate::audit::{self, AuditActor};
use crate::entities::{employee, notification_delivery, notification_event};
use crate::error::{Result, StorageError, corrupt};

/// How many deliveries of an agency are in one state on one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeliveryCount {
    pub channel: Channel,
    pub state: DeliveryState,
    pub count: i64,
}

/// One delivery as the admin's desk lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdminDelivery {
    pub id: i64,
    pub channel: Channel,
    pub state: DeliveryState,
    pub kind: NotificationKind,
    pub title: String,
    pub link: String,
    pub recipient_name: String,
    pub recipient_nip: String,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The most deliveries the desk lists at once.
pub const DESK_ROWS: u64 = 200;

fn agency_events(agency: AgencyId) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(notification_event::Column::Id)
        .from(notification_event::Entity)
        .and_where(notification_event::Column::AgencyId.eq(agency.0))
        .to_owned()
}

impl Store {
    /// The agency's deliveries counted per channel and state.
    pub async fn delivery_counts(&self, agency: AgencyId) -> Result<Vec<DeliveryCount>> {
        let rows: Vec<(String, String, i64)> = notification_delivery::Entity::find()
            .select_only()
            .column(notification_delivery::Column::Channel)
            .column(notification_delivery::Column::State)
            .column_as(notification_delivery::Column::Id.count(), "n")
            .filter(notification_delivery::Column::EventId.in_subquery(agency_events(agency)))
            .group_by(notification_delivery::Column::Channel)
            .group_by(notification_delivery::Column::State)
            .order_by_asc(notification_delivery::Column::Channel)
            .order_by_asc(notification_delivery::Column::State)
            .into_tuple()
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|(channel, state, count)| {
                Ok(DeliveryCount {
                    channel: Channel::from_code(&channel)
                        .ok_or_else(|| corrupt("channel", &channel))?,
                    state: DeliveryState::from_code(&state)
                        .ok_or_else(|| corrupt("delivery state", &state))?,
                    count,
                })
            })
            .collect()
    }

    /// The agency's latest deliveries (at most [`DESK_ROWS`]), newest first, in one state or
    /// all.
    pub async fn agency_deliveries(
        &self,
        agency: AgencyId,
        state: Option<DeliveryState>,
    ) -> Result<Vec<AdminDelivery>> {
        let mut q = notification_delivery::Entity::find()
            .filter(notification_delivery::Column::EventId.in_subquery(agency_events(agency)));
        if let Some(s) = state {
            q = q.filter(notification_delivery::Column::State.eq(s.code()));
        }
        let rows = q
            .order_by_desc(notification_delivery::Column::Id)
            .limit(DESK_ROWS)
            .all(&self.db)
            .await?;
        let events: HashMap<i64, notification_event::Model> = notification_event::Entity::find()
            .filter(notification_event::Column::Id.is_in(rows.iter().map(|r| r.event_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
        let people: HashMap<i64, employee::Model> = employee::Entity::find()
            .filter(employee::Column::Id.is_in(rows.iter().map(|r| r.recipient_employee_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
        rows.into_iter()
            .map(|r| {
                let event = events
                    .get(&r.event_id)
                    .ok_or_else(|| corrupt("delivery event", &r.event_id.to_string()))?;
                let person = people.get(&r.recipient_employee_id);
                Ok(AdminDelivery {
                    id: r.id,
                    channel: Channel::from_code(&r.channel)
                        .ok_or_else(|| corrupt("channel", &r.channel))?,
                    state: DeliveryState::from_code(&r.state)
                        .ok_or_else(|| corrupt("delivery state", &r.state))?,
                    kind: NotificationKind::from_code(&event.kind)
                        .ok_or_else(|| corrupt("notification kind", &event.kind))?,
                    title: event.title.clone(),
                    link: event.link.clone(),
                    recipient_name: person.map(|p| p.name.clone()).unwrap_or_default(),
                    recipient_nip: person.map(|p| p.nip.clone()).unwrap_or_default(),
                    attempts: r.attempts,
                    next_attempt_at: r.next_attempt_at,
                    last_error: r.last_error,
                    sent_at: r.sent_at,
                    created_at: r.created_at,
                })
            })
            .collect()
    }

    /// Sends a given-up delivery of `agency` again: back to pending, due now, its attempts
    /// counted afresh (the backoff starts over; the last error stays until the next attempt).
    /// One transaction with its audit row. Refused: another agency's delivery or an unknown
    /// one (not found), one that is not given up (`delivery_not_given_up`).
    pub async fn retry_delivery(
        &self,
        agency: AgencyId,
        id: i64,
        actor: &AuditActor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let txn = self.begin_write().await?;
        let row = notification_delivery::Entity::find_by_id(id)
            .filter(notification_delivery::Column::EventId.in_subquery(agency_events(agency)))
            .one(&*txn)
            .await?
            .ok_or_else(|| StorageError::not_found("notification_delivery", id))?;
        // The state is checked again in the update: of two retries sent at once, one changes
        // the row.
        let changed = notification_delivery::Entity::update_many()
            .col_expr(
                notification_delivery::Column::State,
                Expr::value(DeliveryState::Pending.code()),
            )
            .col_expr(notification_delivery::Column::Attempts, Expr::value(0))
            .col_expr(
                notification_delivery::Column::NextAttemptAt,
                Expr::value(now),
            )
            .col_expr(
                notification_delivery::Column::ClaimedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(notification_delivery::Column::Id.eq(id))
            .filter(notification_delivery::Column::State.eq(DeliveryState::GaveUp.code()))
            .exec(&*txn)
            .await?
            .rows_affected;
        if changed == 0 {
            return Err(StorageError::invalid(
                "delivery_not_given_up",
                "Hanya pemberitahuan yang gagal dan tidak dicoba lagi yang dapat dikirim ulang.",
            ));
        }
        audit::append_by(
            &txn,
            actor,
            AuditAction::NotificationRetried,
            audit::Subject::new(AuditSubject::Employee, row.recipient_employee_id, agency.0),
            json!({
                "delivery": row.id,
                "event": row.event_id,
                "channel": row.channel,
                "attempts_before": row.attempts,
                "last_error": row.last_error,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Deletes events made before `before` whose deliveries are all done (sent or given up),
    /// with those deliveries. Events not fanned out yet and deliveries still pending are kept
    /// whatever their age. Returns how many events were deleted.
    pub async fn prune_notifications(&self, before: DateTime<Utc>) -> Result<u64> {
        let txn = self.begin_write().await?;
        let open = Query::select()
            .column(notification_delivery::Column::EventId)
            .from(notification_delivery::Entity)
            .and_where(notification_delivery::Column::State.eq(DeliveryState::Pending.code()))
            .to_owned();
        let old = Query::select()
            .column(notification_event::Column::Id)
            .from(notification_event::Entity)
            .and_where(notification_event::Column::CreatedAt.lt(before))
            .and_where(notification_event::Column::FannedOutAt.is_not_null())
            .and_where(notification_event::Column::Id.not_in_subquery(open))
            .to_owned();
        // The ids are read once, so the deliveries and the events go by the same list.
        let ids: Vec<i64> = notification_event::Entity::find()
            .select_only()
            .column(notification_event::Column::Id)
            .filter(notification_event::Column::Id.in_subquery(old))
            .into_tuple()
            .all(&*txn)
            .await?;
        let mut deleted = 0;
        for chunk in ids.chunks(500) {
            notification_delivery::Entity::delete_many()
                .filter(notification_delivery::Column::EventId.is_in(chunk.iter().copied()))
                .exec(&*txn)
                .await?;
            deleted += notification_event::Entity::delete_many()
                .filter(notification_event::Column::Id.is_in(chunk.iter().copied()))
                .exec(&*txn)
                .await?
                .rows_affected;
        }
        txn.commit().await?;
        Ok(deleted)
    }
}
