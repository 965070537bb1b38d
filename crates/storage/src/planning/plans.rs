//! Activity plans (*rencana pelaksanaan kegiatan dan anggaran*, MEK-02): drafted by the holder
//! of an agreement (the JF or Pelaksana) for one of its targets, submitted to the head who sets
//! the agreement and approved by them. A change after submission makes a new version with its
//! reason; every earlier version stays with who approved it (MEK-03, Pasal 10 ayat 2).

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::audit::AuditAction;
use sikerja_domain::limits::{TextKind, check_as};
use sikerja_domain::planning::activity::{Activity, PlanStep, plan_next, plan_step_from};
use sikerja_domain::planning::target::PlanStatus;

use super::agreements::subject;
use super::authority::{Party, agreement_row, parties};
use super::views::{AgreementId, PlanningActor, TargetId};
use crate::entities::{
    activity_plan, activity_plan_version, agreement_target, performance_agreement,
};
use crate::error::{Result, StorageError, corrupt};
use crate::{Store, audit};

/// Id of an activity plan.
pub type PlanId = i64;

/// One version of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanVersionView {
    pub version: i32,
    pub activities: Vec<Activity>,
    pub total_budget: i64,
    pub reason: String,
    pub status: PlanStatus,
    pub drafted_at: DateTime<Utc>,
    pub drafted_by: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub approved_at: Option<DateTime<Utc>>,
    pub approved_by: Option<String>,
    /// Returned with notes (issue 15 point 6).
    pub returned_at: Option<DateTime<Utc>>,
    pub returned_by: Option<String>,
    pub return_note: Option<String>,
}

/// A plan with all its versions, newest last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanView {
    pub id: PlanId,
    pub agreement: AgreementId,
    pub target: Option<TargetId>,
    pub title: String,
    pub current_version: i32,
    pub versions: Vec<PlanVersionView>,
}

impl PlanView {
    /// The version in force or being drafted.
    pub fn current(&self) -> Option<&PlanVersionView> {
        self.versions
            .iter()
            .find(|v| v.version == self.current_version)
    }
}

fn version_view(v: activity_plan_version::Model) -> Result<PlanVersionView> {
    let activities: Vec<Activity> =
        serde_json::from_str(&v.activities).map_err(|_| corrupt("activities", &v.activities))?;
    Ok(PlanVersionView {
        version: v.version,
        activities,
        total_budget: v.total_budget,
        reason: v.reason,
        status: PlanStatus::from_code(&v.status)
            .ok_or_else(|| corrupt("plan status", &v.status))?,
        drafted_at: v.drafted_at,
        drafted_by: v.drafted_by,
        submitted_at: v.submitted_at,
        approved_at: v.approved_at,
        approved_by: v.approved_by,
        returned_at: v.returned_at,
        returned_by: v.returned_by,
        return_note: v.return_note,
    })
}

async fn plan_view<C: ConnectionTrait>(db: &C, plan: activity_plan::Model) -> Result<PlanView> {
    let versions = activity_plan_version::Entity::find()
        .filter(activity_plan_version::Column::PlanId.eq(plan.id))
        .order_by_asc(activity_plan_version::Column::Version)
        .all(db)
        .await?
        .into_iter()
        .map(version_view)
        .collect::<Result<Vec<_>>>()?;
    Ok(PlanView {
        id: plan.id,
        agreement: plan.agreement_id,
        target: plan.target_id,
        title: plan.title,
        current_version: plan.current_version,
        versions,
    })
}

fn to_json(activities: &[Activity]) -> Result<String> {
    serde_json::to_string(activities)
        .map_err(|e| StorageError::Database(sea_orm::DbErr::Custom(e.to_string())))
}

fn total(activities: &[Activity]) -> i64 {
    activities.iter().map(|a| a.budget).sum()
}

/// The plan, its agreement and its current version, inside a write transaction.
async fn load(
    txn: &DatabaseTransaction,
    id: PlanId,
) -> Result<(
    activity_plan::Model,
    performance_agreement::Model,
    activity_plan_version::Model,
)> {
    let plan = activity_plan::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("activity_plan", id))?;
    let a = agreement_row(txn, plan.agreement_id).await?;
    let current = activity_plan_version::Entity::find()
        .filter(activity_plan_version::Column::PlanId.eq(id))
        .filter(activity_plan_version::Column::Version.eq(plan.current_version))
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("activity_plan_version", id))?;
    Ok((plan, a, current))
}

async fn require(
    txn: &DatabaseTransaction,
    a: &performance_agreement::Model,
    by: &PlanningActor,
    party: Party,
) -> Result<()> {
    if parties(txn, a, by).await?.contains(&party) {
        return Ok(());
    }
    Err(StorageError::forbidden(
        "not_a_party",
        match party {
            Party::Holder => format!(
                "Rencana pelaksanaan kegiatan disusun oleh pemegang jabatan {}.",
                a.position_name
            ),
            Party::Setter => format!(
                "Rencana pelaksanaan kegiatan disetujui oleh {} (yang menetapkan Perjanjian Kinerja {} · {}).",
                a.setter_name, a.rule_id, a.article
            ),
        },
    ))
}

impl Store {
    /// Drafts a new activity plan for a target of the holder's own agreement (version 1).
    pub async fn draft_activity_plan(
        &self,
        target: TargetId,
        title: &str,
        activities: &[Activity],
        by: &PlanningActor,
    ) -> Result<PlanId> {
        by.audit.checked_label()?;
        let title = title.trim();
        if title.is_empty() {
            return Err(StorageError::invalid(
                "plan_title_blank",
                "Judul rencana pelaksanaan kegiatan wajib diisi.",
            ));
        }
        if activities.is_empty() {
            return Err(StorageError::invalid(
                "plan_without_activities",
                "Rencana memuat sekurang-kurangnya satu kegiatan.",
            ));
        }
        let txn = self.begin_write().await?;
        let t = agreement_target::Entity::find_by_id(target)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("target", target))?;
        let a = agreement_row(&txn, t.agreement_id).await?;
        require(&txn, &a, by, Party::Holder).await?;
        let now = Utc::now().trunc_subsecs(6);
        let id = activity_plan::Entity::insert(activity_plan::ActiveModel {
            target_id: Set(Some(target)),
            agreement_id: Set(a.id),
            title: Set(title.to_string()),
            current_version: Set(1),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        activity_plan_version::Entity::insert(activity_plan_version::ActiveModel {
            plan_id: Set(id),
            version: Set(1),
            activities: Set(to_json(activities)?),
            total_budget: Set(total(activities)),
            reason: Set(String::new()),
            status: Set(PlanStatus::Draft.code().to_string()),
            drafted_at: Set(now),
            drafted_by: Set(by.audit.label.clone()),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::PlanDrafted,
            subject(&a),
            json!({"plan_id": id, "target_id": target, "title": title, "activities": activities.len(), "total_budget": total(activities)}),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// Changes a plan. A draft is changed in place; a submitted or approved plan gets a new
    /// version (the reason is then required) and the earlier one is kept as it was.
    pub async fn revise_activity_plan(
        &self,
        id: PlanId,
        activities: &[Activity],
        reason: &str,
        by: &PlanningActor,
    ) -> Result<i32> {
        by.audit.checked_label()?;
        if activities.is_empty() {
            return Err(StorageError::invalid(
                "plan_without_activities",
                "Rencana memuat sekurang-kurangnya satu kegiatan.",
            ));
        }
        let txn = self.begin_write().await?;
        let (plan, a, current) = load(&txn, id).await?;
        require(&txn, &a, by, Party::Holder).await?;
        let now = Utc::now().trunc_subsecs(6);
        let reason = reason.trim();
        let version = if current.status == PlanStatus::Draft.code() {
            let mut active: activity_plan_version::ActiveModel = current.clone().into();
            active.activities = Set(to_json(activities)?);
            active.total_budget = Set(total(activities));
            if !reason.is_empty() {
                active.reason = Set(reason.to_string());
            }
            active.drafted_at = Set(now);
            active.drafted_by = Set(by.audit.label.clone());
            activity_plan_version::Entity::update(active)
                .exec(&txn)
                .await?;
            current.version
        } else {
            if reason.is_empty() {
                return Err(StorageError::invalid(
                    "plan_change_reason_blank",
                    "Perubahan rencana yang sudah diajukan atau disetujui memerlukan alasan (Pasal 10 ayat 2).",
                ));
            }
            let next = plan.current_version + 1;
            activity_plan_version::Entity::insert(activity_plan_version::ActiveModel {
                plan_id: Set(id),
                version: Set(next),
                activities: Set(to_json(activities)?),
                total_budget: Set(total(activities)),
                reason: Set(reason.to_string()),
                status: Set(PlanStatus::Draft.code().to_string()),
                drafted_at: Set(now),
                drafted_by: Set(by.audit.label.clone()),
                ..Default::default()
            })
            .exec_without_returning(&txn)
            .await?;
            let mut active: activity_plan::ActiveModel = plan.clone().into();
            active.current_version = Set(next);
            activity_plan::Entity::update(active).exec(&txn).await?;
            next
        };
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::PlanRevised,
            subject(&a),
            json!({
                "plan_id": id,
                "version": version,
                "previous_version": current.version,
                "previous_total_budget": current.total_budget,
                "total_budget": total(activities),
                "reason": reason,
                "rule_id": "MEK-03",
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(version)
    }

    /// The holder submits the current draft to the head who sets their agreement.
    pub async fn submit_activity_plan(&self, id: PlanId, by: &PlanningActor) -> Result<()> {
        self.plan_step(id, by, PlanStep::Submit, None).await
    }

    /// The head who sets the agreement approves the submitted version.
    pub async fn approve_activity_plan(&self, id: PlanId, by: &PlanningActor) -> Result<()> {
        self.plan_step(id, by, PlanStep::Approve, None).await
    }

    /// The head who sets the agreement returns the submitted version with notes (issue 15
    /// point 6): it is kept as `returned` with them, and the holder's change makes a new
    /// version (MEK-03, Pasal 10 ayat 2). Blank notes: 422 `plan_return_note_blank`.
    pub async fn return_activity_plan(
        &self,
        id: PlanId,
        note: &str,
        by: &PlanningActor,
    ) -> Result<()> {
        self.plan_step(id, by, PlanStep::Return, Some(note.trim()))
            .await
    }

    async fn plan_step(
        &self,
        id: PlanId,
        by: &PlanningActor,
        step: PlanStep,
        note: Option<&str>,
    ) -> Result<()> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let (_, a, current) = load(&txn, id).await?;
        require(&txn, &a, by, step.party()).await?;
        // The notes are read once the person is known to decide (a stranger learns nothing).
        if let Some(note) = note {
            if note.is_empty() {
                return Err(StorageError::invalid(
                    "plan_return_note_blank",
                    "Tuliskan catatan: apa yang perlu diperbaiki dalam rencana ini.",
                ));
            }
            check_as(TextKind::Note, note)
                .map_err(|p| StorageError::invalid(p.code(), p.message("Catatan")))?;
        }
        let state = PlanStatus::from_code(&current.status)
            .ok_or_else(|| corrupt("plan status", &current.status))?;
        let Some(to) = plan_next(state, step) else {
            return Err(StorageError::conflict(
                "plan_state",
                format!(
                    "Versi {} rencana ini berstatus {}; langkah ini hanya untuk rencana berstatus {}.",
                    current.version,
                    state.label(),
                    plan_step_from(step).label()
                ),
            ));
        };
        let now = Utc::now().trunc_subsecs(6);
        let mut active: activity_plan_version::ActiveModel = current.clone().into();
        active.status = Set(to.code().to_string());
        match step {
            PlanStep::Submit => active.submitted_at = Set(Some(now)),
            PlanStep::Approve => {
                active.approved_at = Set(Some(now));
                active.approved_by = Set(Some(by.audit.label.clone()));
            }
            PlanStep::Return => {
                active.returned_at = Set(Some(now));
                active.returned_by = Set(Some(by.audit.label.clone()));
                active.return_note = Set(note.map(str::to_string));
            }
        }
        activity_plan_version::Entity::update(active)
            .exec(&txn)
            .await?;
        audit::append_by(
            &txn,
            &by.audit,
            match step {
                PlanStep::Submit => AuditAction::PlanSubmitted,
                PlanStep::Approve => AuditAction::PlanApproved,
                PlanStep::Return => AuditAction::PlanReturned,
            },
            subject(&a),
            match note {
                Some(n) => json!({"plan_id": id, "version": current.version, "note": n}),
                None => json!({"plan_id": id, "version": current.version}),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The agreement a plan belongs to.
    pub async fn plan_agreement(&self, id: PlanId) -> Result<AgreementId> {
        activity_plan::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .map(|p| p.agreement_id)
            .ok_or_else(|| StorageError::not_found("activity_plan", id))
    }

    /// One plan with all its versions.
    pub async fn activity_plan(&self, id: PlanId) -> Result<PlanView> {
        let plan = activity_plan::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("activity_plan", id))?;
        plan_view(&self.db, plan).await
    }

    /// The plans of an agreement, oldest first.
    pub async fn activity_plans(&self, agreement: AgreementId) -> Result<Vec<PlanView>> {
        let plans = activity_plan::Entity::find()
            .filter(activity_plan::Column::AgreementId.eq(agreement))
            .order_by_asc(activity_plan::Column::Id)
            .all(&self.db)
            .await?;
        let mut out = Vec::with_capacity(plans.len());
        for p in plans {
            out.push(plan_view(&self.db, p).await?);
        }
        Ok(out)
    }
}

/// A submitted plan waiting for the head who sets its agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanWaiting {
    pub plan: PlanId,
    pub agreement: AgreementId,
    pub title: String,
    pub version: i32,
    pub holder_name: String,
    pub position_name: String,
    pub submitted_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Plans whose current version waits for approval by the holder of one of
    /// `setter_positions`, oldest submission first. Three queries, whatever the number.
    pub async fn plans_waiting_for(
        &self,
        setter_positions: &[sikerja_domain::organisation::PositionId],
    ) -> Result<Vec<PlanWaiting>> {
        if setter_positions.is_empty() {
            return Ok(Vec::new());
        }
        let agreements: std::collections::HashMap<i64, performance_agreement::Model> =
            performance_agreement::Entity::find()
                .filter(
                    performance_agreement::Column::SetterPositionId
                        .is_in(setter_positions.iter().map(|p| p.0)),
                )
                .all(&self.db)
                .await?
                .into_iter()
                .map(|a| (a.id, a))
                .collect();
        if agreements.is_empty() {
            return Ok(Vec::new());
        }
        let plans: std::collections::HashMap<i64, activity_plan::Model> =
            activity_plan::Entity::find()
                .filter(activity_plan::Column::AgreementId.is_in(agreements.keys().copied()))
                .all(&self.db)
                .await?
                .into_iter()
                .map(|p| (p.id, p))
                .collect();
        if plans.is_empty() {
            return Ok(Vec::new());
        }
        let submitted = activity_plan_version::Entity::find()
            .filter(activity_plan_version::Column::PlanId.is_in(plans.keys().copied()))
            .filter(activity_plan_version::Column::Status.eq(PlanStatus::Submitted.code()))
            .all(&self.db)
            .await?;
        let mut out = Vec::new();
        for v in submitted {
            let Some(p) = plans
                .get(&v.plan_id)
                .filter(|p| p.current_version == v.version)
            else {
                continue;
            };
            let Some(a) = agreements.get(&p.agreement_id) else {
                continue;
            };
            out.push(PlanWaiting {
                plan: p.id,
                agreement: a.id,
                title: p.title.clone(),
                version: v.version,
                holder_name: a.holder_name.clone(),
                position_name: a.position_name.clone(),
                submitted_at: v.submitted_at,
            });
        }
        out.sort_by_key(|w| w.submitted_at);
        Ok(out)
    }
}
