//! Notifications (issue 18 point 4, `docs/notifications.md`): the outbox and its deliveries.
//!
//! - [`enqueue`] writes one event in the transaction of the decision that made the waiting
//!   work (a refused or rolled-back decision leaves none); nothing is sent there.
//! - [`Store::fan_out_notifications`] makes the deliveries of new events: the recipients of a
//!   post are resolved then (its holder or Plt./Plh., the domain's `recipients_of_post`), each
//!   with their preference (email now or in the daily digest, or none) and the webhook.
//! - [`Store::claim_deliveries`] claims due deliveries for one sender for a lease (PostgreSQL:
//!   `FOR UPDATE SKIP LOCKED`; SQLite: the write transaction is exclusive), the sender sends
//!   outside any transaction, then [`Store::delivery_sent`] or [`Store::delivery_failed`]
//!   records the outcome (retries back off, then give up, recorded).

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::holders::PositionFacts;
use sikerja_domain::notification::{
    self as domain, Channel, DeliveryState, NotificationKind, NotifyMode, Recipient,
};
use sikerja_domain::org::ActingKind;
use sikerja_domain::organisation::{Acting, AgencyId, EmployeeId, PositionId, UnitId};

use crate::Store;
use crate::audit::{self, AuditActor};
use crate::connect::Backend;
use crate::entities::{
    employee, notification_delivery, notification_event, notification_preference, position,
};
use crate::error::{Result, StorageError, corrupt};

/// One piece of waiting work to tell of.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub kind: NotificationKind,
    pub recipient: Recipient,
    pub agency: Option<i64>,
    /// The record it is about (a request, report request, result or problem).
    pub subject: i64,
    pub title: String,
    pub note: String,
    /// The page's path, starting with `/`.
    pub link: String,
}

fn clip(text: &str, max: usize) -> String {
    text.trim().chars().take(max).collect()
}

/// Writes an event into the outbox, in the caller's (deciding) transaction.
pub async fn enqueue<C: ConnectionTrait>(db: &C, e: NewEvent, now: DateTime<Utc>) -> Result<()> {
    let (position, employee) = match e.recipient {
        Recipient::Post(p) => (Some(p.0), None),
        Recipient::Employee(x) => (None, Some(x.0)),
    };
    notification_event::Entity::insert(notification_event::ActiveModel {
        agency_id: Set(e.agency),
        kind: Set(e.kind.code().to_string()),
        recipient_position_id: Set(position),
        recipient_employee_id: Set(employee),
        subject_id: Set(e.subject),
        title: Set(clip(&e.title, 500)),
        note: Set(clip(&e.note, 4000)),
        link: Set(clip(&e.link, 500)),
        created_at: Set(now),
        fanned_out_at: Set(None),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Writes an event that a scan may find more than once (`report_due`) unless one with the
/// same `key` exists: `INSERT … ON CONFLICT (dedup_key) DO NOTHING` against the unique index,
/// so two senders scanning at once write it once. Whether this call wrote it.
pub async fn enqueue_once<C: ConnectionTrait>(
    db: &C,
    e: NewEvent,
    key: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let (position, employee) = match e.recipient {
        Recipient::Post(p) => (Some(p.0), None),
        Recipient::Employee(x) => (None, Some(x.0)),
    };
    let written = notification_event::Entity::insert(notification_event::ActiveModel {
        agency_id: Set(e.agency),
        kind: Set(e.kind.code().to_string()),
        recipient_position_id: Set(position),
        recipient_employee_id: Set(employee),
        subject_id: Set(e.subject),
        title: Set(clip(&e.title, 500)),
        note: Set(clip(&e.note, 4000)),
        link: Set(clip(&e.link, 500)),
        created_at: Set(now),
        fanned_out_at: Set(None),
        dedup_key: Set(Some(clip(key, 300))),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(notification_event::Column::DedupKey)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(written > 0)
}

/// Which channels are configured, and the digest's hour (WITA, 0..=23).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Channels {
    pub email: bool,
    pub webhook: bool,
    pub digest_hour: u8,
}

/// A person's choice of how to be told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotificationPreference {
    pub email: Option<String>,
    pub mode: NotifyMode,
}

impl Default for NotificationPreference {
    /// Off until an address is given.
    fn default() -> Self {
        NotificationPreference {
            email: None,
            mode: NotifyMode::Off,
        }
    }
}

/// A delivery claimed by a sender, with what it needs to send it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClaimedDelivery {
    pub id: i64,
    pub channel: Channel,
    pub event: i64,
    pub kind: NotificationKind,
    pub title: String,
    pub note: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub recipient: EmployeeId,
    pub recipient_name: String,
    pub recipient_nip: String,
    pub email: Option<String>,
    pub digest: bool,
    /// Attempts before this one.
    pub attempts: i32,
}

/// A stored event, for tests and operators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventView {
    pub id: i64,
    pub kind: NotificationKind,
    pub recipient: Recipient,
    pub subject: i64,
    pub title: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub fanned_out: bool,
}

/// A stored delivery, for tests and operators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeliveryView {
    pub id: i64,
    pub event: i64,
    pub channel: Channel,
    pub recipient: EmployeeId,
    pub digest: bool,
    pub state: DeliveryState,
    pub attempts: i32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: String,
    pub sent_at: Option<DateTime<Utc>>,
}

/// The next moment it is `hour`:00 WITA strictly after `now`.
pub fn next_digest_at(now: DateTime<Utc>, hour: u8) -> DateTime<Utc> {
    let offset = Duration::hours(domain::WITA_OFFSET_HOURS);
    let local = now + offset;
    let at =
        NaiveTime::from_hms_opt(u32::from(std::cmp::min(hour, 23)), 0, 0).unwrap_or(NaiveTime::MIN);
    let mut day = local.date_naive().and_time(at);
    if Utc.from_utc_datetime(&day) <= local {
        day += Duration::days(1);
    }
    Utc.from_utc_datetime(&day) - offset
}

fn acting_kind(code: Option<&str>) -> ActingKind {
    code.and_then(ActingKind::from_code)
        .unwrap_or(ActingKind::Plt)
}

/// Who receives an event now: the employee it names, or whoever exercises the post.
async fn recipients<C: ConnectionTrait>(
    db: &C,
    e: &notification_event::Model,
) -> Result<Vec<EmployeeId>> {
    if let Some(x) = e.recipient_employee_id {
        return Ok(vec![EmployeeId(x)]);
    }
    let Some(p) = e.recipient_position_id else {
        return Ok(Vec::new());
    };
    let Some(row) = position::Entity::find_by_id(p).one(db).await? else {
        return Ok(Vec::new());
    };
    let holders: Vec<EmployeeId> = employee::Entity::find()
        .filter(employee::Column::PositionId.eq(p))
        .all(db)
        .await?
        .into_iter()
        .map(|x| EmployeeId(x.id))
        .collect();
    let post = PositionFacts {
        id: PositionId(row.id),
        unit: UnitId(row.unit_id),
        agency: AgencyId(e.agency_id.unwrap_or_default()),
        name: row.name.clone(),
        is_head: row.is_head,
        acting: row.acting_employee_id.map(|a| Acting {
            employee: EmployeeId(a),
            kind: acting_kind(row.acting_kind.as_deref()),
        }),
    };
    Ok(domain::recipients_of_post(&post, &holders))
}

async fn preference_of<C: ConnectionTrait>(
    db: &C,
    employee: EmployeeId,
) -> Result<NotificationPreference> {
    match notification_preference::Entity::find_by_id(employee.0)
        .one(db)
        .await?
    {
        Some(p) => Ok(NotificationPreference {
            email: p.email,
            mode: NotifyMode::from_code(&p.mode).ok_or_else(|| corrupt("notify mode", &p.mode))?,
        }),
        None => Ok(NotificationPreference::default()),
    }
}

fn event_view(m: notification_event::Model) -> Result<EventView> {
    let recipient = match (m.recipient_position_id, m.recipient_employee_id) {
        (Some(p), _) => Recipient::Post(PositionId(p)),
        (None, Some(e)) => Recipient::Employee(EmployeeId(e)),
        (None, None) => return Err(corrupt("notification recipient", "none")),
    };
    Ok(EventView {
        id: m.id,
        kind: NotificationKind::from_code(&m.kind)
            .ok_or_else(|| corrupt("notification kind", &m.kind))?,
        recipient,
        subject: m.subject_id,
        title: m.title,
        link: m.link,
        created_at: m.created_at,
        fanned_out: m.fanned_out_at.is_some(),
    })
}

fn delivery_view(m: notification_delivery::Model) -> Result<DeliveryView> {
    Ok(DeliveryView {
        id: m.id,
        event: m.event_id,
        channel: Channel::from_code(&m.channel).ok_or_else(|| corrupt("channel", &m.channel))?,
        recipient: EmployeeId(m.recipient_employee_id),
        digest: m.digest,
        state: DeliveryState::from_code(&m.state)
            .ok_or_else(|| corrupt("delivery state", &m.state))?,
        attempts: m.attempts,
        next_attempt_at: m.next_attempt_at,
        last_error: m.last_error,
        sent_at: m.sent_at,
    })
}

impl Store {
    /// A person's notification preference (off, without an address, when never set).
    pub async fn notification_preference(
        &self,
        employee: EmployeeId,
    ) -> Result<NotificationPreference> {
        preference_of(&self.db, employee).await
    }

    /// Sets a person's email address (blank: none) and mode. Refused: a malformed address, or
    /// a mode other than off without an address.
    pub async fn set_notification_preference(
        &self,
        employee: EmployeeId,
        email: &str,
        mode: NotifyMode,
    ) -> Result<NotificationPreference> {
        let email = if email.trim().is_empty() {
            None
        } else {
            Some(
                domain::check_email(email)
                    .map_err(|p| StorageError::invalid(p.code(), p.message()))?,
            )
        };
        if email.is_none() && mode != NotifyMode::Off {
            return Err(StorageError::invalid(
                "notification_email_required",
                "Isi alamat surel untuk menerima pemberitahuan.",
            ));
        }
        let txn = self.begin_write().await?;
        let person = employee::Entity::find_by_id(employee.0)
            .one(&*txn)
            .await?
            .ok_or_else(|| StorageError::not_found("employee", employee.0))?;
        notification_preference::Entity::insert(notification_preference::ActiveModel {
            employee_id: Set(employee.0),
            email: Set(email.clone()),
            mode: Set(mode.code().to_string()),
            updated_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::column(notification_preference::Column::EmployeeId)
                .update_columns([
                    notification_preference::Column::Email,
                    notification_preference::Column::Mode,
                    notification_preference::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(&*txn)
        .await?;
        // A person sets their own preference; the trail keeps the mode and a masked address.
        audit::append_by(
            &txn,
            &AuditActor::employee(&person.name, &person.nip, None),
            AuditAction::NotificationPreferenceSet,
            audit::Subject::new(AuditSubject::Employee, person.id, person.agency_id),
            json!({
                "mode": mode.code(),
                "email": email.as_deref().map(domain::mask_email),
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(NotificationPreference { email, mode })
    }

    /// Makes the deliveries of events not fanned out yet: per recipient, an email (now, or at
    /// the next digest hour) when they gave an address and did not choose off, and a webhook
    /// delivery when a webhook is configured. Each event is fanned out by one server only (its
    /// `fanned_out_at` is set in the same transaction). Returns the deliveries made.
    pub async fn fan_out_notifications(
        &self,
        channels: Channels,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut made = 0;
        loop {
            let txn = self.begin_write().await?;
            let events = notification_event::Entity::find()
                .filter(notification_event::Column::FannedOutAt.is_null())
                .order_by_asc(notification_event::Column::Id)
                .limit(200)
                .all(&*txn)
                .await?;
            if events.is_empty() {
                txn.commit().await?;
                return Ok(made);
            }
            for e in &events {
                let claimed = notification_event::Entity::update_many()
                    .col_expr(notification_event::Column::FannedOutAt, Expr::value(now))
                    .filter(notification_event::Column::Id.eq(e.id))
                    .filter(notification_event::Column::FannedOutAt.is_null())
                    .exec(&*txn)
                    .await?
                    .rows_affected;
                if claimed != 1 {
                    continue;
                }
                let mut rows = Vec::new();
                for who in recipients(&*txn, e).await? {
                    let pref = preference_of(&*txn, who).await?;
                    let row = |channel: Channel, email: Option<String>, digest: bool| {
                        notification_delivery::ActiveModel {
                            event_id: Set(e.id),
                            channel: Set(channel.code().to_string()),
                            recipient_employee_id: Set(who.0),
                            email: Set(email),
                            digest: Set(digest),
                            state: Set(DeliveryState::Pending.code().to_string()),
                            attempts: Set(0),
                            next_attempt_at: Set(if digest {
                                next_digest_at(now, channels.digest_hour)
                            } else {
                                now
                            }),
                            claimed_by: Set(None),
                            claimed_until: Set(None),
                            last_error: Set(String::new()),
                            sent_at: Set(None),
                            created_at: Set(now),
                            ..Default::default()
                        }
                    };
                    if channels.email
                        && pref.mode != NotifyMode::Off
                        && let Some(address) = pref.email
                    {
                        rows.push(row(
                            Channel::Email,
                            Some(address),
                            pref.mode == NotifyMode::Digest,
                        ));
                    }
                    if channels.webhook {
                        rows.push(row(Channel::Webhook, None, false));
                    }
                }
                made += rows.len();
                if !rows.is_empty() {
                    notification_delivery::Entity::insert_many(rows)
                        .on_conflict(
                            OnConflict::columns([
                                notification_delivery::Column::EventId,
                                notification_delivery::Column::Channel,
                                notification_delivery::Column::RecipientEmployeeId,
                            ])
                            .do_nothing()
                            .to_owned(),
                        )
                        .exec_without_returning(&*txn)
                        .await?;
                }
            }
            txn.commit().await?;
        }
    }

    /// Claims up to `limit` due deliveries for `worker` until `now + lease`: pending, due, and
    /// not claimed by anyone whose lease still runs. On PostgreSQL the candidate rows are
    /// locked with `FOR UPDATE SKIP LOCKED`, so two servers claim disjoint rows; on SQLite the
    /// write transaction excludes every other writer. The claim is committed before anything
    /// is sent.
    pub async fn claim_deliveries(
        &self,
        worker: &str,
        lease: Duration,
        limit: u64,
        now: DateTime<Utc>,
    ) -> Result<Vec<ClaimedDelivery>> {
        let free = || {
            Condition::any()
                .add(notification_delivery::Column::ClaimedUntil.is_null())
                .add(notification_delivery::Column::ClaimedUntil.lt(now))
        };
        let txn = self.begin_write().await?;
        let mut q = notification_delivery::Entity::find()
            .select_only()
            .column(notification_delivery::Column::Id)
            .filter(notification_delivery::Column::State.eq(DeliveryState::Pending.code()))
            .filter(notification_delivery::Column::NextAttemptAt.lte(now))
            .filter(free())
            .order_by_asc(notification_delivery::Column::Id)
            .limit(limit);
        if self.backend() == Backend::Postgres {
            q = q.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let ids: Vec<i64> = q.into_tuple::<i64>().all(&*txn).await?;
        if ids.is_empty() {
            txn.commit().await?;
            return Ok(Vec::new());
        }
        notification_delivery::Entity::update_many()
            .col_expr(
                notification_delivery::Column::ClaimedBy,
                Expr::value(Some(worker.to_string())),
            )
            .col_expr(
                notification_delivery::Column::ClaimedUntil,
                Expr::value(Some(now + lease)),
            )
            .filter(notification_delivery::Column::Id.is_in(ids.iter().copied()))
            .filter(notification_delivery::Column::State.eq(DeliveryState::Pending.code()))
            .filter(free())
            .exec(&*txn)
            .await?;
        let rows = notification_delivery::Entity::find()
            .filter(notification_delivery::Column::Id.is_in(ids.iter().copied()))
            .filter(notification_delivery::Column::ClaimedBy.eq(worker))
            .order_by_asc(notification_delivery::Column::Id)
            .all(&*txn)
            .await?;
        txn.commit().await?;
        let events: std::collections::HashMap<i64, notification_event::Model> =
            notification_event::Entity::find()
                .filter(notification_event::Column::Id.is_in(rows.iter().map(|r| r.event_id)))
                .all(&self.db)
                .await?
                .into_iter()
                .map(|e| (e.id, e))
                .collect();
        let people: std::collections::HashMap<i64, employee::Model> = employee::Entity::find()
            .filter(employee::Column::Id.is_in(rows.iter().map(|r| r.recipient_employee_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let Some(e) = events.get(&r.event_id) else {
                continue;
            };
            let person = people.get(&r.recipient_employee_id);
            out.push(ClaimedDelivery {
                id: r.id,
                channel: Channel::from_code(&r.channel)
                    .ok_or_else(|| corrupt("channel", &r.channel))?,
                event: e.id,
                kind: NotificationKind::from_code(&e.kind)
                    .ok_or_else(|| corrupt("notification kind", &e.kind))?,
                title: e.title.clone(),
                note: e.note.clone(),
                link: e.link.clone(),
                created_at: e.created_at,
                recipient: EmployeeId(r.recipient_employee_id),
                recipient_name: person.map(|p| p.name.clone()).unwrap_or_default(),
                recipient_nip: person.map(|p| p.nip.clone()).unwrap_or_default(),
                email: r.email,
                digest: r.digest,
                attempts: r.attempts,
            });
        }
        Ok(out)
    }

    /// Records deliveries sent by `worker` (only while it still holds their claim, once).
    /// Returns how many were marked.
    pub async fn delivery_sent(
        &self,
        ids: &[i64],
        worker: &str,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let txn = self.begin_write().await?;
        let n = notification_delivery::Entity::update_many()
            .col_expr(
                notification_delivery::Column::State,
                Expr::value(DeliveryState::Sent.code()),
            )
            .col_expr(
                notification_delivery::Column::SentAt,
                Expr::value(Some(now)),
            )
            .col_expr(
                notification_delivery::Column::Attempts,
                Expr::col(notification_delivery::Column::Attempts).add(1),
            )
            .col_expr(
                notification_delivery::Column::ClaimedUntil,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(notification_delivery::Column::Id.is_in(ids.iter().copied()))
            .filter(notification_delivery::Column::ClaimedBy.eq(worker))
            .filter(notification_delivery::Column::State.eq(DeliveryState::Pending.code()))
            .exec(&*txn)
            .await?
            .rows_affected;
        txn.commit().await?;
        Ok(n)
    }

    /// Records a failed attempt of deliveries claimed by `worker`: the error (secrets are the
    /// sender's to keep out of it), and the next attempt after the domain's backoff, or gives
    /// up after the last attempt. Returns how many gave up.
    pub async fn delivery_failed(
        &self,
        ids: &[i64],
        worker: &str,
        error: &str,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let txn = self.begin_write().await?;
        let rows = notification_delivery::Entity::find()
            .filter(notification_delivery::Column::Id.is_in(ids.iter().copied()))
            .filter(notification_delivery::Column::ClaimedBy.eq(worker))
            .filter(notification_delivery::Column::State.eq(DeliveryState::Pending.code()))
            .all(&*txn)
            .await?;
        let mut gave_up = 0;
        for r in rows {
            let attempts = r.attempts.saturating_add(1);
            let retry = domain::retry_after_minutes(u32::try_from(attempts).unwrap_or(u32::MAX));
            let (state, next) = match retry {
                Some(m) => (DeliveryState::Pending, now + Duration::minutes(m)),
                None => {
                    gave_up += 1;
                    (DeliveryState::GaveUp, r.next_attempt_at)
                }
            };
            notification_delivery::Entity::update_many()
                .col_expr(
                    notification_delivery::Column::State,
                    Expr::value(state.code()),
                )
                .col_expr(
                    notification_delivery::Column::Attempts,
                    Expr::value(attempts),
                )
                .col_expr(
                    notification_delivery::Column::NextAttemptAt,
                    Expr::value(next),
                )
                .col_expr(
                    notification_delivery::Column::LastError,
                    Expr::value(clip(error, 1000)),
                )
                .col_expr(
                    notification_delivery::Column::ClaimedUntil,
                    Expr::value(Option::<DateTime<Utc>>::None),
                )
                .filter(notification_delivery::Column::Id.eq(r.id))
                .exec(&*txn)
                .await?;
        }
        txn.commit().await?;
        Ok(gave_up)
    }

    /// Writes an event outside a decision (an operator's test message, tests); decisions call
    /// [`enqueue`] in their own transaction.
    pub async fn enqueue_notification(&self, e: NewEvent) -> Result<()> {
        enqueue(&self.db, e, Utc::now()).await
    }

    /// Every event of the outbox, oldest first.
    pub async fn notification_events(&self) -> Result<Vec<EventView>> {
        notification_event::Entity::find()
            .order_by_asc(notification_event::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(event_view)
            .collect()
    }

    /// Every delivery, oldest first.
    pub async fn notification_deliveries(&self) -> Result<Vec<DeliveryView>> {
        notification_delivery::Entity::find()
            .order_by_asc(notification_delivery::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(delivery_view)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    #[test]
    fn the_digest_goes_at_the_next_wita_hour() {
        let at = |h, m| {
            chrono::Utc
                .with_ymd_and_hms(2026, 12, 7, h, m, 0)
                .single()
                .expect("a valid moment")
        };
        // 07:00 WITA is 23:00 UTC the day before.
        assert_eq!(super::next_digest_at(at(0, 30), 7), at(23, 0));
        // 06:59 WITA (22:59 UTC): the same morning.
        assert_eq!(super::next_digest_at(at(22, 59), 7), at(23, 0));
        // Exactly 07:00 WITA: tomorrow.
        let next = super::next_digest_at(at(23, 0), 7);
        assert_eq!(next - at(23, 0), chrono::Duration::days(1));
    }
}
