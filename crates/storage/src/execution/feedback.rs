//! Feedback (MEK-04, LAP-04): given by the head of the owner Unit Organisasi, a member's PPK or
//! the team lead, on a report or at any time; kept with the author's position (input to the
//! assessment, KIN-03); acknowledged once by the member it is for.

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::execution::feedback::{FeedbackRole, MAX_FEEDBACK, may_acknowledge, may_give};
use sikerja_domain::organisation::{EmployeeId, PositionId};

use super::reports::work_ref_of;
use super::{WorkRef, load_actor, load_work, lock_work, refused, require_sight};
use crate::entities::{position, work_feedback, work_report};
use crate::error::{Result, StorageError, corrupt};
use crate::planning::PlanningActor;
use crate::{Store, audit};

/// Feedback as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedbackView {
    pub id: i64,
    pub work: WorkRef,
    pub report: Option<i64>,
    pub to: EmployeeId,
    pub to_name: String,
    pub author_role: FeedbackRole,
    pub author_position: Option<PositionId>,
    /// "Kepala Dinas … (Pimpinan Unit Organisasi)".
    pub author_label: String,
    pub text: String,
    pub given_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
}

fn view(m: work_feedback::Model) -> Result<FeedbackView> {
    Ok(FeedbackView {
        id: m.id,
        work: work_ref_of(m.assignment_id, m.plan_id)?,
        report: m.report_id,
        to: EmployeeId(m.to_employee_id),
        to_name: m.to_name,
        author_role: FeedbackRole::from_code(&m.author_role)
            .ok_or_else(|| corrupt("feedback role", &m.author_role))?,
        author_position: m.author_position_id.map(PositionId),
        author_label: m.author_label,
        text: m.text,
        given_at: m.given_at,
        acknowledged_at: m.acknowledged_at,
    })
}

impl Store {
    /// Gives `to` feedback in a piece of work, optionally on one of their reports.
    pub async fn give_feedback(
        &self,
        r: WorkRef,
        to: EmployeeId,
        report: Option<i64>,
        text: &str,
        by: &PlanningActor,
    ) -> Result<i64> {
        by.audit.checked_label()?;
        let text = text.trim();
        if text.is_empty() || text.chars().count() > MAX_FEEDBACK {
            return Err(StorageError::invalid(
                "feedback_text_invalid",
                format!("Umpan balik wajib diisi, paling panjang {MAX_FEEDBACK} karakter."),
            ));
        }
        let txn = self.begin_write().await?;
        lock_work(&*txn, r).await?;
        let w = load_work(&*txn, r).await?;
        let actor = load_actor(&*txn, by).await?;
        let author = may_give(&actor, &w.work, to).map_err(refused)?;
        if let Some(id) = report {
            let belongs = work_report::Entity::find_by_id(id)
                .one(&*txn)
                .await?
                .is_some_and(|rep| rep.work_key == r.key() && rep.reporter_employee_id == to.0);
            if !belongs {
                return Err(StorageError::invalid(
                    "feedback_report_unknown",
                    "Umpan balik atas laporan diberikan pada laporan pegawai itu dalam penugasan ini.",
                ));
            }
        }
        let position_name = match author.position {
            Some(p) => position::Entity::find_by_id(p.0)
                .one(&*txn)
                .await?
                .map(|p| p.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        let label = match position_name.as_str() {
            "" => format!("{} ({})", by.audit.label, author.role.label()),
            name => format!("{name} ({})", author.role.label()),
        };
        let id = work_feedback::Entity::insert(work_feedback::ActiveModel {
            agency_id: Set(w.agency.0),
            work_key: Set(r.key()),
            assignment_id: Set(r.assignment_id()),
            plan_id: Set(r.plan_id()),
            report_id: Set(report),
            to_employee_id: Set(to.0),
            to_name: Set(w.name(to)),
            author_employee_id: Set(actor.employee.map(|e| e.0)),
            author_position_id: Set(author.position.map(|p| p.0)),
            author_role: Set(author.role.code().to_string()),
            author_label: Set(label),
            text: Set(text.to_string()),
            given_at: Set(Utc::now().trunc_subsecs(6)),
            acknowledged_at: Set(None),
            ..Default::default()
        })
        .exec(&*txn)
        .await?
        .last_insert_id;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::WorkFeedbackGiven,
            audit::Subject::new(AuditSubject::WorkFeedback, id, w.agency.0),
            json!({
                "work": r.key(),
                "to": to.0,
                "report": report,
                "role": author.role.code(),
                "position": author.position.map(|p| p.0),
                "text": text,
                "rule_id": "MEK-04",
                "article": "Lampiran A.2",
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// The member acknowledges feedback given to them; once.
    pub async fn acknowledge_feedback(&self, id: i64, by: &PlanningActor) -> Result<()> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let row = work_feedback::Entity::find_by_id(id)
            .lock_exclusive()
            .one(&*txn)
            .await?
            .ok_or_else(|| StorageError::not_found("feedback", id))?;
        let actor = load_actor(&*txn, by).await?;
        may_acknowledge(&actor, EmployeeId(row.to_employee_id)).map_err(refused)?;
        if row.acknowledged_at.is_some() {
            return Err(StorageError::conflict(
                "feedback_already_acknowledged",
                "Umpan balik ini sudah dinyatakan dibaca.",
            ));
        }
        let agency = row.agency_id;
        let mut active: work_feedback::ActiveModel = row.into();
        active.acknowledged_at = Set(Some(Utc::now().trunc_subsecs(6)));
        work_feedback::Entity::update(active).exec(&*txn).await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::WorkFeedbackAcknowledged,
            audit::Subject::new(AuditSubject::WorkFeedback, id, agency),
            json!({"rule_id": "MEK-04", "article": "Lampiran A.2"}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The feedback of a piece of work `by` may read: all of it for the head of the owner Unit
    /// Organisasi and the Penanggungjawab; what they gave or received for anyone else.
    pub async fn work_feedback(&self, r: WorkRef, by: &PlanningActor) -> Result<Vec<FeedbackView>> {
        let w = load_work(&self.db, r).await?;
        let actor = load_actor(&self.db, by).await?;
        require_sight(&actor, &w)?;
        let p = sikerja_domain::execution::parts(&actor, &w.work);
        let all = p.owner_head.is_some() || p.responsible;
        work_feedback::Entity::find()
            .filter(work_feedback::Column::WorkKey.eq(r.key()))
            .order_by_desc(work_feedback::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .filter(|f| {
                all || actor.employee.is_some_and(|me| {
                    f.to_employee_id == me.0 || f.author_employee_id == Some(me.0)
                })
            })
            .map(view)
            .collect()
    }

    /// Feedback given to `by` and not yet acknowledged (for the inbox), newest first.
    pub async fn unacknowledged_feedback(&self, by: &PlanningActor) -> Result<Vec<FeedbackView>> {
        let Some(me) = by.employee else {
            return Ok(Vec::new());
        };
        work_feedback::Entity::find()
            .filter(work_feedback::Column::ToEmployeeId.eq(me.0))
            .filter(work_feedback::Column::AcknowledgedAt.is_null())
            .order_by_desc(work_feedback::Column::Id)
            .limit(200)
            .all(&self.db)
            .await?
            .into_iter()
            .map(view)
            .collect()
    }
}
