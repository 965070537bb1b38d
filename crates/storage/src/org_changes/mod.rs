//! Dated changes to an agency's organisation (issue 14 points 1-2; ORG-01..07, KED-11):
//! previewed with their impact, recorded with their legal basis, applied to today's tables on
//! their day, each with its audit row. Who may record them (the agency's hr_admin) is checked
//! by the web layer, as for the other admin actions (policy, manual placement, import).
//!
//! Today's tables (employees, positions, units) stay the organisation as of today: a change
//! effective on or before the day it is recorded is applied to them in its recording
//! transaction (placements recomputed, KED-11 history rows dated with the effective day); a
//! later one is stored `pending` and applied by [`Store::apply_due_org_changes`] on its day.

mod as_of;
mod create;
mod due;
mod held;
mod of_employee;
mod persist;
mod placements_as_of;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::assignment::Day;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::changes::{self, DatedChange, Impact, LegalBasis, OrgChange};
use sikerja_domain::limits::{self, TextKind};
use sikerja_domain::organisation::{AgencyId, Organisation};
use sikerja_domain::refusals::Refusal;

pub use due::DueRun;

use crate::audit::{self, AuditActor};
use crate::connect::WriteTxn;
use crate::entities::{agency, org_change, org_snapshot};
use crate::error::{Result, StorageError, corrupt};
use crate::load::{agency_rows, full_organisation, organisation};
use crate::recompute::{manual_decisions, recompute_dated};
use crate::{Store, execution};

/// Where a dated change stands: the domain's vocabulary, stored by its code.
pub use sikerja_domain::changes::OrgChangeState;

/// A recorded change, as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrgChangeView {
    pub id: i64,
    pub agency: AgencyId,
    pub change: DatedChange,
    pub state: OrgChangeState,
    /// Why it failed on its day (state `failed`).
    pub error: Option<String>,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
    pub applied_at: Option<DateTime<Utc>>,
}

/// The start of a day (UTC midnight), the time KED-11 history rows of a change carry.
pub(crate) fn start_of(day: Day) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(
        i32::from(day.year()),
        u32::from(day.month()),
        u32::from(day.day()),
    )
    .and_then(|d| d.and_hms_opt(0, 0, 0))
    .map_or_else(Utc::now, |t| t.and_utc())
}

/// A domain refusal of the `index`-th change of a batch, naming it.
fn refused_item(index: usize, change: &OrgChange, r: Refusal) -> StorageError {
    let label = change.label();
    match execution::refused(r) {
        StorageError::Forbidden { code, message } => StorageError::Forbidden {
            code,
            message: format!("Perubahan ke-{} ({label}): {message}", index + 1),
        },
        StorageError::Conflict { code, message } => StorageError::Conflict {
            code,
            message: format!("Perubahan ke-{} ({label}): {message}", index + 1),
        },
        StorageError::Invalid { code, message } => StorageError::Invalid {
            code,
            message: format!("Perubahan ke-{} ({label}): {message}", index + 1),
        },
        other => other,
    }
}

/// Refuses an empty batch, a blank or over-long basis number (with control characters), and
/// the kinds storage does not yet write.
fn check_batch(changes: &[DatedChange]) -> Result<()> {
    if changes.is_empty() {
        return Err(StorageError::invalid(
            "org_change_batch_empty",
            "Tidak ada perubahan yang dicatat.",
        ));
    }
    for (i, c) in changes.iter().enumerate() {
        let number = c.basis.number.trim();
        if number.is_empty() || limits::check_as(TextKind::Title, number).is_err() {
            return Err(StorageError::invalid(
                "org_change_basis_invalid",
                format!(
                    "Perubahan ke-{}: nomor keputusan dasar hukum wajib diisi, tanpa karakter \
                     kendali, paling banyak {} karakter.",
                    i + 1,
                    TextKind::Title.max()
                ),
            ));
        }
    }
    create::check_created(changes, None)
}

/// The batch in the order it takes effect: by effective day, ties in the order given.
fn effective_order(changes: &[DatedChange]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..changes.len()).collect();
    order.sort_by_key(|&i| (changes[i].effective, i));
    order
}

/// Today's organisation with the pending changes and the batch replayed in order of
/// effective day (on a tie pending ones first, then the batch in the order given), up to
/// `until` when given. A refused batch item is named by its index; a pending change the batch
/// (or an earlier pending one) makes inapplicable is a conflict naming it.
fn replay(
    org: &Organisation,
    pending: &[OrgChangeView],
    batch: &[DatedChange],
    until: Option<Day>,
) -> Result<Organisation> {
    // (effective, 0 = pending / 1 = batch, index)
    let mut items: Vec<(Day, u8, usize)> = pending
        .iter()
        .enumerate()
        .map(|(i, p)| (p.change.effective, 0, i))
        .chain(batch.iter().enumerate().map(|(i, c)| (c.effective, 1, i)))
        .filter(|(day, _, _)| until.is_none_or(|u| *day <= u))
        .collect();
    items.sort();
    let mut next = org.clone();
    for (_, from, i) in items {
        if from == 1 {
            let c = &batch[i];
            changes::apply(&mut next, &c.change).map_err(|r| refused_item(i, &c.change, r))?;
        } else {
            let p = &pending[i];
            changes::apply(&mut next, &p.change.change).map_err(|r| {
                StorageError::conflict(
                    "org_change_pending_conflict",
                    format!(
                        "Perubahan #{} ({}, berlaku {}) yang menunggu tanggal berlaku tidak lagi \
                         dapat diterapkan: {}. Batalkan atau sesuaikan perubahan itu lebih dulu.",
                        p.id,
                        p.change.change.label(),
                        p.change.effective,
                        execution::refused(r)
                    ),
                )
            })?;
        }
    }
    Ok(next)
}

/// The pending changes of an agency, in effective then recording order.
async fn pending_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    agency: AgencyId,
) -> Result<Vec<OrgChangeView>> {
    org_change::Entity::find()
        .filter(org_change::Column::AgencyId.eq(agency.0))
        .filter(org_change::Column::State.eq(OrgChangeState::Pending.code()))
        .order_by_asc(org_change::Column::EffectiveOn)
        .order_by_asc(org_change::Column::Id)
        .all(db)
        .await?
        .iter()
        .map(view)
        .collect()
}

/// Every change of the batch must concern `agency` (read in today's organisation). A change
/// naming a row created in the batch concerns the agency that row is created in, checked on
/// the change creating it.
fn check_agency(org: &Organisation, agency: AgencyId, changes: &[DatedChange]) -> Result<()> {
    for (i, c) in changes.iter().enumerate() {
        match c.change.agency(org) {
            Some(a) if a == agency => {}
            None if create::names_placeholder(&c.change) => {}
            _ => {
                return Err(StorageError::invalid(
                    "org_change_other_agency",
                    format!(
                        "Perubahan ke-{} ({}) tidak mengenai organisasi instansi ini.",
                        i + 1,
                        c.change.label()
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn view(m: &org_change::Model) -> Result<OrgChangeView> {
    let change: OrgChange =
        serde_json::from_str(&m.payload).map_err(|_| corrupt("org change", &m.id.to_string()))?;
    let day = |s: &str| Day::parse(s).map_err(|_| corrupt("org change day", s));
    Ok(OrgChangeView {
        id: m.id,
        agency: AgencyId(m.agency_id),
        change: DatedChange {
            effective: day(&m.effective_on)?,
            basis: LegalBasis {
                number: m.basis_number.clone(),
                date: day(&m.basis_date)?,
            },
            change,
        },
        state: OrgChangeState::from_code(&m.state)
            .ok_or_else(|| corrupt("org change state", &m.state))?,
        error: m.error.clone(),
        recorded_by: m.recorded_by.clone(),
        recorded_at: m.recorded_at,
        applied_at: m.applied_at,
    })
}

/// Locks the agency's row (PostgreSQL; SQLite serialises writers) so that changes,
/// recomputations and policy changes of one agency queue.
async fn lock_agency(txn: &WriteTxn, agency: AgencyId) -> Result<()> {
    agency::Entity::find_by_id(agency.0)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("agency", agency))?;
    Ok(())
}

/// Applies one change to today's tables inside `txn`: the rows it touches, then placements
/// recomputed with KED-11 history dated on its effective day.
async fn apply_to_tables(
    txn: &WriteTxn,
    agency: AgencyId,
    before: &Organisation,
    after: &Organisation,
    effective: Day,
    now: DateTime<Utc>,
) -> Result<serde_json::Value> {
    persist::persist(txn, before, after).await?;
    let s = recompute_dated(txn, agency, now, start_of(effective)).await?;
    Ok(
        json!({"placed": s.placed, "unresolved": s.unresolved, "assessor_changes": s.assessor_changes}),
    )
}

/// Keeps the agency's organisation as today's tables now hold it as the snapshot of `day`
/// (replacing one taken earlier that day): the base as-of reads replay later changes on.
pub(crate) async fn take_snapshot(
    txn: &WriteTxn,
    agency: AgencyId,
    day: Day,
    now: DateTime<Utc>,
) -> Result<()> {
    let org = full_organisation(txn, agency).await?;
    let json = serde_json::to_string(&org).map_err(|_| corrupt("organisation", "snapshot"))?;
    org_snapshot::Entity::delete_many()
        .filter(org_snapshot::Column::AgencyId.eq(agency.0))
        .filter(org_snapshot::Column::Day.eq(day.to_string()))
        .exec(txn)
        .await?;
    org_snapshot::ActiveModel {
        agency_id: Set(agency.0),
        day: Set(day.to_string()),
        organisation: Set(json),
        taken_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

fn audit_summary(c: &DatedChange, state: OrgChangeState) -> serde_json::Value {
    json!({
        "kind": c.change.code(),
        "change": c.change,
        "effective": c.effective.to_string(),
        "basis": {"number": c.basis.number.trim(), "date": c.basis.date.to_string()},
        "state": state.code(),
    })
}

impl Store {
    /// What a batch of changes would do to the agency (issue 14 point 2), nothing written:
    /// the placements that shift and the work held by positions that moves to a new holder or
    /// is flagged. Compared: today's organisation with the pending changes effective by the
    /// batch's last day, without and with the batch (in effective order). A refused batch is
    /// the domain's refusal naming the item; a pending change the batch would make
    /// inapplicable is `org_change_pending_conflict`.
    pub async fn preview_org_changes(
        &self,
        agency: AgencyId,
        changes: &[DatedChange],
    ) -> Result<Impact> {
        check_batch(changes)?;
        // One read transaction: the organisation, decisions and held work of one moment.
        let txn = self.db.begin().await?;
        let rows = agency_rows(&txn, agency).await?;
        let today = organisation(&rows, None)?;
        check_agency(&today, agency, changes)?;
        let pending = pending_of(&txn, agency).await?;
        replay(&today, &pending, changes, None)?;
        let last = changes.iter().map(|c| c.effective).max();
        let before = replay(&today, &pending, &[], last)?;
        let after = replay(&today, &pending, changes, last)?;
        let manual = manual_decisions(&txn, agency).await?;
        let held = held::held_items(&txn, agency, &today).await?;
        txn.commit().await?;
        Ok(changes::impact(&before, &after, &manual, &held))
    }

    /// Records a batch of dated changes, one transaction for the batch and one audit row per
    /// change. A change effective on or before `today` is applied to today's tables (placements
    /// recomputed, KED-11 history dated with its effective day); a later one is stored
    /// `pending`. When the domain refuses any change of the batch, or the batch would make a
    /// pending change inapplicable (`org_change_pending_conflict`), nothing is written. Returns
    /// the ids in the order given.
    pub async fn record_org_changes(
        &self,
        agency: AgencyId,
        changes: &[DatedChange],
        by: &AuditActor,
        today: Day,
    ) -> Result<Vec<i64>> {
        check_batch(changes)?;
        create::check_created(changes, Some(today))?;
        let txn = self.begin_write().await?;
        lock_agency(&txn, agency).await?;
        let rows = agency_rows(&*txn, agency).await?;
        let today_org = organisation(&rows, None)?;
        check_agency(&today_org, agency, changes)?;
        // The whole batch must apply among the pending changes, and they after it.
        let pending = pending_of(&*txn, agency).await?;
        replay(&today_org, &pending, changes, None)?;
        let now = Utc::now();
        let mut ids = vec![0; changes.len()];
        let mut created = create::NewIds::default();
        let mut org = today_org;
        for i in effective_order(changes) {
            let due = changes[i].effective <= today;
            // A due change's created row is inserted first; its placeholders are replaced.
            let mut c = changes[i].clone();
            if due {
                let resolved = created.resolve(&c.change);
                let sort =
                    i64::try_from(org.units.len() + org.positions.len() + org.employees.len())
                        .unwrap_or(i64::MAX);
                c.change = created.insert(&txn, agency.0, sort, &resolved).await?;
            }
            let state = if due {
                OrgChangeState::Applied
            } else {
                OrgChangeState::Pending
            };
            let row = org_change::ActiveModel {
                agency_id: Set(agency.0),
                kind: Set(c.change.code().to_string()),
                payload: Set(serde_json::to_string(&c.change)
                    .map_err(|_| corrupt("org change", c.change.code()))?),
                effective_on: Set(c.effective.to_string()),
                basis_number: Set(c.basis.number.trim().to_string()),
                basis_date: Set(c.basis.date.to_string()),
                state: Set(state.code().to_string()),
                error: Set(None),
                recorded_by: Set(by.checked_label()?.to_string()),
                recorded_position: Set(by.position().map(str::to_string)),
                recorded_at: Set(now),
                applied_at: Set(due.then_some(now)),
                ..Default::default()
            }
            .insert(&*txn)
            .await?;
            ids[i] = row.id;
            let mut summary = audit_summary(&c, state);
            if due {
                let mut next = org.clone();
                changes::apply(&mut next, &c.change).map_err(|r| refused_item(i, &c.change, r))?;
                summary["recompute"] =
                    apply_to_tables(&txn, agency, &org, &next, c.effective, now).await?;
                org = next;
            }
            audit::append_by(
                &txn,
                by,
                if due {
                    AuditAction::OrgChangeApplied
                } else {
                    AuditAction::OrgChangeRecorded
                },
                audit::Subject::new(AuditSubject::OrgChange, row.id, agency.0),
                summary,
            )
            .await?;
        }
        if changes.iter().any(|c| c.effective <= today) {
            take_snapshot(&txn, agency, today, now).await?;
        }
        txn.commit().await?;
        Ok(ids)
    }

    /// Withdraws a pending change of `agency` before its day, with its audit row. Refused
    /// (`org_change_not_pending`, nothing written) once it was applied, failed or cancelled.
    pub async fn cancel_org_change(
        &self,
        agency: AgencyId,
        id: i64,
        by: &AuditActor,
    ) -> Result<()> {
        let txn = self.begin_write().await?;
        lock_agency(&txn, agency).await?;
        let row = org_change::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .filter(|r| r.agency_id == agency.0)
            .ok_or_else(|| StorageError::not_found("org change", id))?;
        let stored = view(&row)?;
        if !due::claim(&txn, id, OrgChangeState::Cancelled, None, Utc::now()).await? {
            return Err(StorageError::conflict(
                "org_change_not_pending",
                format!(
                    "Perubahan ini berstatus \"{}\"; hanya perubahan yang menunggu tanggal \
                     berlaku yang dapat dibatalkan.",
                    stored.state.label()
                ),
            ));
        }
        audit::append_by(
            &txn,
            by,
            AuditAction::OrgChangeCancelled,
            audit::Subject::new(AuditSubject::OrgChange, id, agency.0),
            audit_summary(&stored.change, OrgChangeState::Cancelled),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The dated changes of an agency, by effective day then recording order.
    pub async fn org_changes(&self, agency: AgencyId) -> Result<Vec<OrgChangeView>> {
        org_change::Entity::find()
            .filter(org_change::Column::AgencyId.eq(agency.0))
            .order_by_asc(org_change::Column::EffectiveOn)
            .order_by_asc(org_change::Column::Id)
            .all(&self.db)
            .await?
            .iter()
            .map(view)
            .collect()
    }
}
