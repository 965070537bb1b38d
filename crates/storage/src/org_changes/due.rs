//! The job applying pending changes whose day has come (issue 14 point 1): each once, in
//! effective order, one transaction each. Exactly once across app servers: every run takes
//! the agency's row lock, then claims the change by moving it from `pending` in a conditional
//! update (the pattern of the escalation job); a second run waiting on the lock finds it
//! claimed and skips it. A change that no longer applies is marked `failed` with the refusal
//! (its own transaction and audit row), never dropped.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use sikerja_domain::assignment::Day;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::changes;
use sikerja_domain::organisation::AgencyId;

use super::{OrgChangeState, apply_to_tables, audit_summary, lock_agency, take_snapshot, view};
use crate::Store;
use crate::audit::{self, AuditActor};
use crate::entities::org_change;
use crate::error::{Result, StorageError};
use crate::load::{agency_rows, organisation};

/// What one run of the job did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DueRun {
    pub applied: usize,
    pub failed: usize,
}

/// Moves a change from `pending` to `state`; true when this call did it.
pub(super) async fn claim<C: sea_orm::ConnectionTrait>(
    db: &C,
    id: i64,
    state: OrgChangeState,
    error: Option<String>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let applied_at = (state == OrgChangeState::Applied).then_some(now);
    let n = org_change::Entity::update_many()
        .col_expr(org_change::Column::State, Expr::value(state.code()))
        .col_expr(org_change::Column::Error, Expr::value(error))
        .col_expr(org_change::Column::AppliedAt, Expr::value(applied_at))
        .filter(org_change::Column::Id.eq(id))
        .filter(org_change::Column::State.eq(OrgChangeState::Pending.code()))
        .exec(db)
        .await?
        .rows_affected;
    Ok(n == 1)
}

impl Store {
    /// Applies every pending change effective on or before `today`, in order of effective day
    /// then recording, each in its own transaction with its audit row.
    pub async fn apply_due_org_changes(&self, today: Day) -> Result<DueRun> {
        let due = org_change::Entity::find()
            .filter(org_change::Column::State.eq(OrgChangeState::Pending.code()))
            .filter(org_change::Column::EffectiveOn.lte(today.to_string()))
            .order_by_asc(org_change::Column::EffectiveOn)
            .order_by_asc(org_change::Column::Id)
            .all(&self.db)
            .await?;
        let system = AuditActor::new("sistem");
        let mut run = DueRun::default();
        for row in due {
            let stored = view(&row)?;
            let agency = AgencyId(row.agency_id);
            let now = Utc::now();
            let txn = self.begin_write().await?;
            lock_agency(&txn, agency).await?;
            if !claim(&txn, row.id, OrgChangeState::Applied, None, now).await? {
                continue; // another run applied it
            }
            let rows = agency_rows(&*txn, agency).await?;
            let before = organisation(&rows, None)?;
            let mut after = before.clone();
            let label = format!(
                "{} (berlaku {})",
                stored.change.change.label(),
                stored.change.effective
            );
            // A refusal of the domain, or of the tables (a row another record still needs),
            // fails the change; a database fault stops the run.
            let outcome = match changes::apply(&mut after, &stored.change.change) {
                Ok(()) => {
                    let effective = stored.change.effective;
                    match apply_to_tables(&txn, agency, &before, &after, effective, now).await {
                        Ok(summary) => Ok(summary),
                        Err(
                            e @ (StorageError::Invalid { .. }
                            | StorageError::Conflict { .. }
                            | StorageError::Forbidden { .. }),
                        ) => Err((e.code(), format!("{label}: {e}"))),
                        Err(e) => return Err(e),
                    }
                }
                Err(refusal) => Err((
                    refusal.code,
                    format!("{label}: {}", crate::execution::refused(refusal.clone())),
                )),
            };
            match outcome {
                Ok(recompute) => {
                    let mut summary = audit_summary(&stored.change, OrgChangeState::Applied);
                    summary["recompute"] = recompute;
                    audit::append_by(
                        &txn,
                        &system,
                        AuditAction::OrgChangeApplied,
                        audit::Subject::new(AuditSubject::OrgChange, row.id, agency.0),
                        summary,
                    )
                    .await?;
                    take_snapshot(&txn, agency, today, now).await?;
                    txn.commit().await?;
                    run.applied += 1;
                }
                Err((code, message)) => {
                    drop(txn); // rolls the claim back
                    let txn = self.begin_write().await?;
                    lock_agency(&txn, agency).await?;
                    if !claim(
                        &txn,
                        row.id,
                        OrgChangeState::Failed,
                        Some(message.clone()),
                        now,
                    )
                    .await?
                    {
                        continue;
                    }
                    let mut summary = audit_summary(&stored.change, OrgChangeState::Failed);
                    summary["refusal"] = serde_json::json!({"code": code, "message": message});
                    audit::append_by(
                        &txn,
                        &system,
                        AuditAction::OrgChangeFailed,
                        audit::Subject::new(AuditSubject::OrgChange, row.id, agency.0),
                        summary,
                    )
                    .await?;
                    txn.commit().await?;
                    run.failed += 1;
                }
            }
        }
        Ok(run)
    }
}
