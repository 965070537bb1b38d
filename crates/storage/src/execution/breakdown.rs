//! The work breakdown (MEK-04, LAP-04): read by whoever plays a part in the work, replaced as
//! a whole by its editor (the team lead, or the individual) with the previous items in the
//! audit row.

use chrono::{SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::assignment::{Day, MemberRole};
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::execution::breakdown::{WorkItemDraft, check_breakdown, may_edit};
use sikerja_domain::execution::{Parts, WorkKind, parts};
use sikerja_domain::organisation::EmployeeId;

use super::{WorkRef, load_actor, load_work, lock_work, refused, require_sight};
use crate::entities::work_item;
use crate::error::{Result, StorageError, corrupt};
use crate::planning::PlanningActor;
use crate::{Store, audit};

/// An activity of a breakdown as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkItemView {
    pub id: i64,
    pub seq: i32,
    pub name: String,
    pub responsible: EmployeeId,
    pub responsible_name: String,
    pub from: Day,
    pub until: Day,
    pub output: String,
    pub budget: i64,
}

/// A breakdown with what the page needs beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreakdownView {
    pub work: WorkRef,
    pub title: String,
    pub kind: WorkKind,
    pub running: bool,
    pub from: Day,
    pub until: Day,
    pub budget: Option<i64>,
    pub items: Vec<WorkItemView>,
    /// The members one may choose as responsible.
    pub members: Vec<BreakdownMember>,
    /// Whether the reader may edit it.
    pub editable: bool,
    /// The parts the reader plays in the work (LAP-04), for the forms a page offers.
    pub reader: Parts,
    /// The planning targets the work serves (the assignment's linked target, the plan's).
    pub targets: Vec<i64>,
    /// What the reader may do in the work now, each answered by the domain function the
    /// action itself is checked with (issue 15 point 4), so a page offers exactly these.
    pub offers: Offers,
}

/// The actions a page offers the reader of a piece of work.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Offers {
    /// Members the reader may ask for a report (LAP-03, `report::may_request_report`).
    pub request_report: Vec<EmployeeId>,
    /// Members the reader may give feedback to (LAP-04, `feedback::may_give`).
    pub feedback: Vec<EmployeeId>,
    /// The reader may raise a team problem (LAP-05, `issue::may_raise`).
    pub raise_issue: bool,
    /// The reader may submit a result of an assignment (MEK-04, `review::check_submission`).
    pub submit_result: bool,
}

/// What `actor` may do in `work` now.
fn offers(
    actor: &sikerja_domain::execution::Actor,
    work: &sikerja_domain::execution::Work,
) -> Offers {
    use sikerja_domain::execution::{feedback, issue, report, review};
    let members = || work.members.iter().map(|m| m.employee);
    Offers {
        request_report: members()
            .filter(|&e| report::may_request_report(actor, work, e).is_ok())
            .collect(),
        feedback: members()
            .filter(|&e| feedback::may_give(actor, work, e).is_ok())
            .collect(),
        raise_issue: issue::may_raise(actor, work).is_ok(),
        submit_result: review::check_submission(work, actor, true).is_ok(),
    }
}

/// A member of the work, as the breakdown's choice of the one responsible shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreakdownMember {
    pub employee: EmployeeId,
    pub name: String,
    /// Their role (a plan's holder and an individual are `Member`).
    pub role: MemberRole,
}

pub(crate) async fn items<C: ConnectionTrait>(db: &C, r: WorkRef) -> Result<Vec<WorkItemView>> {
    work_item::Entity::find()
        .filter(work_item::Column::WorkKey.eq(r.key()))
        .order_by_asc(work_item::Column::Seq)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            let day = |s: &str| Day::parse(s).map_err(|_| corrupt("work item day", s));
            Ok(WorkItemView {
                id: m.id,
                seq: m.seq,
                from: day(&m.from_day)?,
                until: day(&m.until_day)?,
                name: m.name,
                responsible: EmployeeId(m.responsible_employee_id),
                responsible_name: m.responsible_name,
                output: m.output,
                budget: m.budget,
            })
        })
        .collect()
}

impl Store {
    /// The breakdown of a piece of work, for someone who plays a part in it.
    pub async fn work_breakdown(&self, r: WorkRef, by: &PlanningActor) -> Result<BreakdownView> {
        let w = load_work(&self.db, r).await?;
        let actor = load_actor(&self.db, by).await?;
        require_sight(&actor, &w)?;
        let items = items(&self.db, r).await?;
        Ok(BreakdownView {
            work: r,
            title: w.title.clone(),
            kind: w.work.kind,
            running: w.work.running,
            from: w.work.from,
            until: w.work.until,
            budget: w.work.budget,
            members: w
                .work
                .members
                .iter()
                .map(|m| BreakdownMember {
                    employee: m.employee,
                    name: w.name(m.employee),
                    role: m.role,
                })
                .collect(),
            editable: may_edit(&actor, &w.work).is_ok(),
            reader: parts(&actor, &w.work),
            offers: offers(&actor, &w.work),
            targets: w.targets.clone(),
            items,
        })
    }

    /// Replaces the breakdown of a piece of work (MEK-04): only its editor, only while it
    /// runs, only items that pass the domain's checks; one transaction with its audit row.
    pub async fn set_work_breakdown(
        &self,
        r: WorkRef,
        drafts: &[WorkItemDraft],
        by: &PlanningActor,
    ) -> Result<Vec<WorkItemView>> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        // Edits of one work queue on its row (PostgreSQL; SQLite serialises writers).
        lock_work(&txn, r).await?;
        let w = load_work(&*txn, r).await?;
        let actor = load_actor(&*txn, by).await?;
        may_edit(&actor, &w.work).map_err(refused)?;
        let checked = check_breakdown(drafts, &w.work).map_err(|problems| {
            StorageError::invalid(
                problems.first().map_or("breakdown_invalid", |p| p.code),
                problems
                    .iter()
                    .map(|p| p.message.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })?;
        let before = items(&*txn, r).await?;
        work_item::Entity::delete_many()
            .filter(work_item::Column::WorkKey.eq(r.key()))
            .exec(&*txn)
            .await?;
        let now = Utc::now().trunc_subsecs(6);
        for (i, item) in checked.iter().enumerate() {
            work_item::Entity::insert(work_item::ActiveModel {
                agency_id: Set(w.agency.0),
                work_key: Set(r.key()),
                assignment_id: Set(r.assignment_id()),
                plan_id: Set(r.plan_id()),
                seq: Set(i32::try_from(i + 1).unwrap_or(i32::MAX)),
                name: Set(item.name.clone()),
                responsible_employee_id: Set(item.responsible.0),
                responsible_name: Set(w.name(item.responsible)),
                from_day: Set(item.from.to_string()),
                until_day: Set(item.until.to_string()),
                output: Set(item.output.clone()),
                budget: Set(item.budget),
                updated_at: Set(now),
                updated_by: Set(by.audit.label.clone()),
                ..Default::default()
            })
            .exec(&*txn)
            .await?;
        }
        let role = parts(&actor, &w.work).member;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::WorkBreakdownSet,
            audit::Subject::new(AuditSubject::Work, r.key(), w.agency.0),
            json!({
                "before": before.iter().map(|i| json!({"name": i.name, "responsible": i.responsible.0, "from": i.from, "until": i.until, "budget": i.budget})).collect::<Vec<_>>(),
                "after": checked,
                "role": role.map(|r| r.code()),
                "rule_id": "MEK-04",
                "article": "Lampiran A.2",
            }),
        )
        .await?;
        let saved = items(&*txn, r).await?;
        txn.commit().await?;
        Ok(saved)
    }
}
