//! What waits for whom (issue 5 point 4): the tasks of a request — a step to take, a copy to
//! read, an escalation notice — addressed to a position (whoever holds or acts in it sees
//! them), a member or a regional head; each person's inbox; nudges by the requester; and the
//! escalation of steps that wait longer than the agency allows.

use sikerja_domain::audit::{AuditAction, AuditSubject};
use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::access::RegionalHeadKind;
use sikerja_domain::assignment::{AssignmentId, Day};
use sikerja_domain::notification::{NotificationKind, Recipient};
use sikerja_domain::workflow::{Lane, ReminderKind, StepKind, TaskKind, WorkflowKind};

use super::RequestId;
use super::lanes::{self, Holder};
use crate::entities::{
    agency, assignment, assignment_request, employee, position, regional_head, regional_head_term,
    request_reminder, request_task,
};
use crate::error::{Result, StorageError, corrupt};
use crate::notifications::{self, NewEvent};
use crate::planning::PlanningActor;
use crate::{Store, audit};

/// What an inbox line asks of its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskCategory {
    /// Agree or refuse.
    Decide,
    /// Send on or compose.
    Forward,
    /// Sign and issue a Surat Tugas or Surat Penugasan.
    Issue,
    /// Establish the assignment by Keputusan (PEN-12).
    Establish,
    /// Receive the assignment.
    Receive,
    /// A copy (*tembusan*) to read.
    Copy,
    /// A step of someone under you waits too long.
    Notice,
}

impl TaskCategory {
    pub fn label(self) -> &'static str {
        match self {
            TaskCategory::Decide => "Untuk diputuskan",
            TaskCategory::Forward => "Untuk diteruskan",
            TaskCategory::Issue => "Untuk diterbitkan",
            TaskCategory::Establish => "Untuk ditetapkan",
            TaskCategory::Receive => "Untuk diterima",
            TaskCategory::Copy => "Tembusan untuk dibaca",
            TaskCategory::Notice => "Pemberitahuan eskalasi",
        }
    }
}

/// One line of a person's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InboxItem {
    pub task: i64,
    pub request: RequestId,
    pub assignment: AssignmentId,
    pub title: String,
    pub workflow: WorkflowKind,
    pub step: String,
    pub step_label: String,
    pub category: TaskCategory,
    pub lane_label: String,
    /// The position (or member, or regional head) it is addressed to.
    pub holder: String,
    pub since: DateTime<Utc>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub note: String,
}

/// Who waits to take a step of a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WaitingView {
    pub step: String,
    pub lane: String,
    pub party: i64,
    pub holder: String,
    /// Who holds that position now, if anyone.
    pub held_by: Option<String>,
    pub since: DateTime<Utc>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub escalated_at: Option<DateTime<Utc>>,
    /// Why nobody holds the lane, with the rule cited, when its office or position is vacant
    /// (ORG-05): the step is shown waiting on the vacancy, never skipped.
    pub vacancy: Option<String>,
}

/// A nudge, reminder or escalation notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReminderView {
    pub kind: ReminderKind,
    pub by: String,
    pub to: String,
    pub note: String,
    pub at: DateTime<Utc>,
}

/// Where new tasks go: the request, step and lane, the kind, a note and when.
pub(crate) struct TaskAt<'a> {
    pub request: RequestId,
    pub step: &'a str,
    pub lane: Lane,
    pub kind: TaskKind,
    pub note: &'a str,
    pub now: DateTime<Utc>,
}

/// Records a task for each holder.
pub(crate) async fn open_tasks<C: ConnectionTrait>(
    db: &C,
    at: &TaskAt<'_>,
    holders: &[Holder],
) -> Result<()> {
    let TaskAt {
        request,
        step,
        lane,
        kind,
        note,
        now,
    } = *at;
    if holders.is_empty() {
        return Ok(());
    }
    let rows = holders.iter().map(|h| request_task::ActiveModel {
        request_id: Set(request),
        step: Set(step.to_string()),
        party: Set(h.party),
        lane: Set(lane.code().to_string()),
        kind: Set(kind.code().to_string()),
        position_id: Set(h.position),
        employee_id: Set(h.employee),
        regional_head_id: Set(h.regional_head.map(|(id, _)| id)),
        holder_label: Set(h.label.clone()),
        note: Set(note.to_string()),
        created_at: Set(now),
        ..Default::default()
    });
    request_task::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    notify_holders(db, at, holders).await
}

/// The assignment a request is about: its id, title and agency.
async fn request_subject<C: ConnectionTrait>(
    db: &C,
    request: RequestId,
) -> Result<Option<(assignment_request::Model, assignment::Model)>> {
    let Some(r) = assignment_request::Entity::find_by_id(request)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(a) = assignment::Entity::find_by_id(r.assignment_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some((r, a)))
}

/// Who an event about a task goes to: the member it names, else the post (a regional head's
/// office has no employee to tell: not notified, `docs/notifications.md`).
fn recipient_of(position: Option<i64>, employee: Option<i64>) -> Option<Recipient> {
    use sikerja_domain::organisation::{EmployeeId, PositionId};
    match (employee, position) {
        (Some(e), _) => Some(Recipient::Employee(EmployeeId(e))),
        (None, Some(p)) => Some(Recipient::Post(PositionId(p))),
        _ => None,
    }
}

/// Issue 18 point 4: an outbox event for each holder of a step to take (or an escalation
/// notice), in the deciding transaction. Copies are to read, not waiting work: none.
async fn notify_holders<C: ConnectionTrait>(
    db: &C,
    at: &TaskAt<'_>,
    holders: &[Holder],
) -> Result<()> {
    let kind = match at.kind {
        TaskKind::Decide => NotificationKind::StepWaiting,
        TaskKind::Notice => NotificationKind::Escalation,
        TaskKind::Copy => return Ok(()),
    };
    let Some((r, a)) = request_subject(db, at.request).await? else {
        return Ok(());
    };
    let step = WorkflowKind::from_code(&r.workflow)
        .and_then(|k| k.definition().step(at.step).map(|s| s.label))
        .unwrap_or(at.step);
    let mut seen = Vec::new();
    for h in holders {
        let Some(to) = recipient_of(h.position, h.employee) else {
            continue;
        };
        if seen.contains(&to) {
            continue;
        }
        seen.push(to);
        notifications::enqueue(
            db,
            NewEvent {
                kind,
                recipient: to,
                agency: Some(a.agency_id),
                subject: r.id,
                title: format!("{} — {step}", a.title),
                note: at.note.to_string(),
                link: format!("/penugasan/{}", a.id),
            },
            at.now,
        )
        .await?;
    }
    Ok(())
}

/// Closes the open `decide` tasks of a step for these parties (or all parties).
pub(crate) async fn close_tasks<C: ConnectionTrait>(
    db: &C,
    request: RequestId,
    step: Option<&str>,
    parties: Option<&[i64]>,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut q = request_task::Entity::update_many()
        .col_expr(request_task::Column::DoneAt, Expr::value(now))
        .filter(request_task::Column::RequestId.eq(request))
        .filter(request_task::Column::Kind.eq(TaskKind::Decide.code()))
        .filter(request_task::Column::DoneAt.is_null());
    if let Some(step) = step {
        q = q.filter(request_task::Column::Step.eq(step));
    }
    if let Some(parties) = parties {
        q = q.filter(request_task::Column::Party.is_in(parties.iter().copied()));
    }
    q.exec(db).await?;
    Ok(())
}

/// The positions a person holds or acts in.
async fn positions_of<C: ConnectionTrait>(db: &C, employee_id: i64) -> Result<Vec<i64>> {
    Ok(crate::holders::positions_exercised_by(
        db,
        sikerja_domain::organisation::EmployeeId(employee_id),
    )
    .await?
    .into_iter()
    .map(|p| p.id)
    .collect())
}

/// Who a task is addressed to, as a filter.
async fn addressed_to<C: ConnectionTrait>(db: &C, by: &PlanningActor) -> Result<Condition> {
    let mut any = Condition::any();
    if let Some(me) = by.employee {
        any = any
            .add(request_task::Column::EmployeeId.eq(me.0))
            .add(request_task::Column::PositionId.is_in(positions_of(db, me.0).await?));
    }
    if let Some(agency) = by.regional_head_of {
        // A task of the office reaches whoever holds it now (`regional_head_of` is set only
        // while a term covers today), also when it was opened for a predecessor.
        let heads: Vec<i64> = regional_head_term::Entity::find()
            .filter(regional_head_term::Column::AgencyId.eq(agency.0))
            .filter(regional_head_term::Column::Kind.eq(RegionalHeadKind::Head.code()))
            .all(db)
            .await?
            .into_iter()
            .map(|r| r.regional_head_id)
            .collect();
        any = any.add(request_task::Column::RegionalHeadId.is_in(heads));
    }
    Ok(any)
}

fn category(kind: TaskKind, step: Option<StepKind>) -> TaskCategory {
    match (kind, step) {
        (TaskKind::Copy, _) => TaskCategory::Copy,
        (TaskKind::Notice, _) => TaskCategory::Notice,
        (_, Some(StepKind::Receive)) => TaskCategory::Receive,
        (_, Some(StepKind::Decide | StepKind::Recommend)) => TaskCategory::Decide,
        (_, Some(StepKind::Issue)) => TaskCategory::Issue,
        (_, Some(StepKind::Establish)) => TaskCategory::Establish,
        _ => TaskCategory::Forward,
    }
}

impl Store {
    /// What waits for a person (issue 5 point 4): steps to take, copies and notices to read,
    /// oldest first, with how long each has waited.
    pub async fn inbox(&self, by: &PlanningActor) -> Result<Vec<InboxItem>> {
        let tasks = request_task::Entity::find()
            .filter(request_task::Column::DoneAt.is_null())
            .filter(addressed_to(&self.db, by).await?)
            .order_by_asc(request_task::Column::CreatedAt)
            .order_by_asc(request_task::Column::Id)
            .all(&self.db)
            .await?;
        // Their requests and assignments in two queries, not two per line.
        let requests: HashMap<i64, assignment_request::Model> = assignment_request::Entity::find()
            .filter(assignment_request::Column::Id.is_in(tasks.iter().map(|t| t.request_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        let titles: HashMap<i64, String> = assignment::Entity::find()
            .filter(assignment::Column::Id.is_in(requests.values().map(|r| r.assignment_id)))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.title))
            .collect();
        let mut out = Vec::with_capacity(tasks.len());
        for t in tasks {
            let Some(r) = requests.get(&t.request_id) else {
                continue;
            };
            let kind = WorkflowKind::from_code(&r.workflow)
                .ok_or_else(|| corrupt("workflow", &r.workflow))?;
            let title = titles.get(&r.assignment_id).cloned().unwrap_or_default();
            let def = kind.definition();
            let s = def.step(&t.step);
            let lane = s.map(|s| s.lane);
            let task_kind =
                TaskKind::from_code(&t.kind).ok_or_else(|| corrupt("task kind", &t.kind))?;
            out.push(InboxItem {
                task: t.id,
                request: r.id,
                assignment: AssignmentId(r.assignment_id),
                title,
                workflow: kind,
                step: t.step.clone(),
                step_label: s.map_or_else(String::new, |s| s.label.to_string()),
                category: category(task_kind, s.map(|s| s.kind)),
                lane_label: lane.map_or("", Lane::label).to_string(),
                holder: t.holder_label,
                since: t.created_at,
                reminded_at: t.reminded_at,
                note: t.note,
            });
        }
        // One line per request and step for the same reader (a PPK of three members).
        out.dedup_by(|a, b| a.request == b.request && a.step == b.step && a.category == b.category);
        Ok(out)
    }

    /// How many inbox lines wait for a person (for the header): one query.
    /// Counted as the inbox lists them: once per request, step and kind.
    pub async fn inbox_count(&self, by: &PlanningActor) -> Result<usize> {
        Ok(request_task::Entity::find()
            .select_only()
            .columns([
                request_task::Column::RequestId,
                request_task::Column::Step,
                request_task::Column::Kind,
            ])
            .distinct()
            .filter(request_task::Column::DoneAt.is_null())
            .filter(addressed_to(&self.db, by).await?)
            .into_tuple::<(i64, String, String)>()
            .all(&self.db)
            .await?
            .len())
    }

    /// Marks a copy or notice read by the person it is addressed to.
    pub async fn mark_read(&self, task: i64, by: &PlanningActor) -> Result<()> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let t = request_task::Entity::find_by_id(task)
            .filter(addressed_to(&txn, by).await?)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("request_task", task))?;
        if t.kind == TaskKind::Decide.code() {
            return Err(StorageError::invalid(
                "task_is_a_step",
                "Langkah alur diselesaikan dengan mengambil keputusannya, bukan ditandai dibaca.",
            ));
        }
        // Every line the inbox showed as this one (two copy lanes held by one person).
        request_task::Entity::update_many()
            .col_expr(request_task::Column::DoneAt, Expr::value(Utc::now()))
            .filter(request_task::Column::RequestId.eq(t.request_id))
            .filter(request_task::Column::Step.eq(t.step.as_str()))
            .filter(request_task::Column::Kind.eq(t.kind.as_str()))
            .filter(request_task::Column::DoneAt.is_null())
            .filter(addressed_to(&txn, by).await?)
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The requester reminds whoever the current step waits on (recorded with its audit row).
    /// Only the one who started the request (the holder of its first step's lane) nudges.
    pub async fn nudge(&self, request: RequestId, note: &str, by: &PlanningActor) -> Result<usize> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let (r, ctx) = super::load(&txn, request).await?;
        let kind =
            WorkflowKind::from_code(&r.workflow).ok_or_else(|| corrupt("workflow", &r.workflow))?;
        let first = kind.definition().steps[0];
        let mut requester = false;
        for h in ctx.holders(&txn, first.lane).await? {
            if ctx.held_by(&txn, &h, by).await? {
                requester = true;
                break;
            }
        }
        if !requester {
            return Err(StorageError::forbidden(
                "not_the_requester",
                format!("Pengingat dikirim oleh pemohon ({}).", first.lane.label()),
            ));
        }
        let open = request_task::Entity::find()
            .filter(request_task::Column::RequestId.eq(request))
            .filter(request_task::Column::Kind.eq(TaskKind::Decide.code()))
            .filter(request_task::Column::DoneAt.is_null())
            .all(&txn)
            .await?;
        if open.is_empty() {
            return Err(StorageError::conflict(
                "nothing_waits",
                "Tidak ada langkah yang sedang menunggu pada permohonan ini.",
            ));
        }
        let now = Utc::now();
        // One nudge per request and person per interval. The request row is locked (`load`),
        // so of two nudges at once the second sees the first.
        if let Some(last) = request_reminder::Entity::find()
            .filter(request_reminder::Column::RequestId.eq(request))
            .filter(request_reminder::Column::Kind.eq(ReminderKind::Nudge.code()))
            .filter(request_reminder::Column::ByLabel.eq(by.audit.label.as_str()))
            .filter(request_reminder::Column::At.gt(now - self.nudge_interval))
            .order_by_desc(request_reminder::Column::At)
            .one(&txn)
            .await?
        {
            return Err(StorageError::conflict(
                "nudge_too_soon",
                format!(
                    "Pengingat untuk permohonan ini sudah Anda kirim pada {}. Pengingat berikutnya dapat dikirim mulai {}.",
                    wita(last.at),
                    wita(last.at + self.nudge_interval)
                ),
            ));
        }
        for t in &open {
            remind(
                &txn,
                t,
                ReminderKind::Nudge,
                &by.audit.label,
                &t.holder_label,
                note,
                now,
            )
            .await?;
        }
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::RequestNudged,
            audit::Subject::new(
                AuditSubject::Assignment,
                ctx.assignment.id,
                ctx.assignment.agency_id,
            ),
            json!({
                "request": request,
                "step": r.current_step,
                "to": open.iter().map(|t| t.holder_label.as_str()).collect::<Vec<_>>(),
                "note": note.trim(),
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(open.len())
    }

    /// Escalates every step that has waited longer than its agency's `escalation_hours` and was
    /// not escalated yet: a reminder to the holder and a notice to their superior, both
    /// recorded, with one audit row per step. Returns how many were escalated.
    pub async fn escalate_overdue(&self, now: DateTime<Utc>) -> Result<usize> {
        let txn = self.begin_write().await?;
        let open = request_task::Entity::find()
            .filter(request_task::Column::Kind.eq(TaskKind::Decide.code()))
            .filter(request_task::Column::DoneAt.is_null())
            .filter(request_task::Column::EscalatedAt.is_null())
            .order_by_asc(request_task::Column::Id)
            .all(&txn)
            .await?;
        let mut count = 0;
        for t in open {
            let Some(r) = assignment_request::Entity::find_by_id(t.request_id)
                .one(&txn)
                .await?
            else {
                continue;
            };
            let Some(a) = assignment::Entity::find_by_id(r.assignment_id)
                .one(&txn)
                .await?
            else {
                continue;
            };
            let hours = agency::Entity::find_by_id(a.agency_id)
                .one(&txn)
                .await?
                .map_or(72, |g| g.escalation_hours);
            if hours <= 0 || t.created_at + Duration::hours(i64::from(hours)) > now {
                continue;
            }
            // Claim the step first: when two servers run the job at once on PostgreSQL, only
            // the one whose update changed the row escalates it (issue 12 point 2).
            let claimed = request_task::Entity::update_many()
                .col_expr(request_task::Column::EscalatedAt, Expr::value(Some(now)))
                .filter(request_task::Column::Id.eq(t.id))
                .filter(request_task::Column::EscalatedAt.is_null())
                .filter(request_task::Column::DoneAt.is_null())
                .exec(&txn)
                .await?
                .rows_affected;
            if claimed != 1 {
                continue;
            }
            let superiors = match (t.position_id, t.employee_id) {
                (Some(p), _) => lanes::superior_of_position(&txn, p).await?,
                (None, Some(e)) => lanes::superior_of_employee(&txn, e).await?,
                _ => Vec::new(),
            };
            let waited = format!(
                "Langkah \"{}\" menunggu {} sejak {} (lebih dari {hours} jam).",
                t.step,
                t.holder_label,
                t.created_at.format("%d-%m-%Y %H:%M")
            );
            remind(
                &txn,
                &t,
                ReminderKind::Reminder,
                "Sikerja",
                &t.holder_label,
                &waited,
                now,
            )
            .await?;
            for s in &superiors {
                remind(
                    &txn,
                    &t,
                    ReminderKind::Escalation,
                    "Sikerja",
                    &s.label,
                    &waited,
                    now,
                )
                .await?;
            }
            let lane = WorkflowKind::from_code(&r.workflow)
                .and_then(|k| {
                    k.definition()
                        .lanes()
                        .into_iter()
                        .find(|l| l.code() == t.lane)
                })
                .unwrap_or(Lane::Employee);
            let at = TaskAt {
                request: r.id,
                step: &t.step,
                lane,
                kind: TaskKind::Notice,
                note: &waited,
                now,
            };
            open_tasks(&txn, &at, &superiors).await?;
            audit::append(
                &txn,
                "Sikerja",
                AuditAction::RequestEscalated,
                audit::Subject::new(AuditSubject::Assignment, a.id, a.agency_id),
                json!({
                    "request": r.id,
                    "step": t.step,
                    "holder": t.holder_label,
                    "superiors": superiors.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(),
                    "hours": hours,
                }),
            )
            .await?;
            count += 1;
        }
        txn.commit().await?;
        Ok(count)
    }
}

async fn remind(
    txn: &DatabaseTransaction,
    t: &request_task::Model,
    kind: ReminderKind,
    by: &str,
    to: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    request_reminder::Entity::insert(request_reminder::ActiveModel {
        request_id: Set(t.request_id),
        task_id: Set(t.id),
        kind: Set(kind.code().to_string()),
        by_label: Set(by.to_string()),
        to_label: Set(to.to_string()),
        note: Set(note.trim().to_string()),
        at: Set(now),
        ..Default::default()
    })
    .exec_without_returning(txn)
    .await?;
    // Issue 18 point 4: the holder is told of a nudge or reminder (the superior's escalation
    // is told by its notice task, `notify_holders`).
    if kind != ReminderKind::Escalation
        && let Some(recipient) = recipient_of(t.position_id, t.employee_id)
        && let Some((r, a)) = request_subject(txn, t.request_id).await?
    {
        notifications::enqueue(
            txn,
            NewEvent {
                kind: NotificationKind::Nudge,
                recipient,
                agency: Some(a.agency_id),
                subject: r.id,
                title: a.title,
                note: format!("{by}: {}", note.trim()),
                link: format!("/penugasan/{}", r.assignment_id),
            },
            now,
        )
        .await?;
    }
    if kind.reminds_holder() {
        request_task::Entity::update_many()
            .col_expr(request_task::Column::RemindedAt, Expr::value(now))
            .filter(request_task::Column::Id.eq(t.id))
            .exec(txn)
            .await?;
    }
    Ok(())
}

/// The steps a request waits on, with who holds each position now.
pub(crate) async fn waiting<C: ConnectionTrait>(
    db: &C,
    request: RequestId,
) -> Result<Vec<WaitingView>> {
    let tasks = request_task::Entity::find()
        .filter(request_task::Column::RequestId.eq(request))
        .filter(request_task::Column::Kind.eq(TaskKind::Decide.code()))
        .filter(request_task::Column::DoneAt.is_null())
        .order_by_asc(request_task::Column::Id)
        .all(db)
        .await?;
    let today = crate::policies::today();
    let mut out = Vec::with_capacity(tasks.len());
    for t in tasks {
        let held_by = match (t.position_id, t.employee_id) {
            (Some(p), _) => holder_name(db, p).await?,
            (None, Some(_)) => Some(t.holder_label.clone()),
            // The office's holder today, who may be a successor; none: vacant.
            _ => match t.regional_head_id {
                Some(id) => match regional_head::Entity::find_by_id(id).one(db).await? {
                    Some(r) => {
                        crate::regional_head_terms::head_in_term(db, r.agency_id, today).await?
                    }
                    None => None,
                },
                None => None,
            },
        };
        out.push(WaitingView {
            step: t.step,
            lane: t.lane,
            party: t.party,
            holder: t.holder_label,
            held_by,
            since: t.created_at,
            reminded_at: t.reminded_at,
            escalated_at: t.escalated_at,
            vacancy: None,
        });
    }
    Ok(out)
}

/// The name of whoever exercises a position now (the acting holder first).
async fn holder_name<C: ConnectionTrait>(db: &C, position: i64) -> Result<Option<String>> {
    let Some(p) = position::Entity::find_by_id(position).one(db).await? else {
        return Ok(None);
    };
    let person = match p.acting_employee_id {
        Some(e) => employee::Entity::find_by_id(e).one(db).await?,
        None => {
            employee::Entity::find()
                .filter(employee::Column::PositionId.eq(position))
                .one(db)
                .await?
        }
    };
    Ok(person.map(|e| e.name))
}

/// The nudges, reminders and escalations of a request, oldest first.
pub(crate) async fn reminders<C: ConnectionTrait>(
    db: &C,
    request: RequestId,
) -> Result<Vec<ReminderView>> {
    request_reminder::Entity::find()
        .filter(request_reminder::Column::RequestId.eq(request))
        .order_by_asc(request_reminder::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(ReminderView {
                kind: ReminderKind::from_code(&m.kind)
                    .ok_or_else(|| corrupt("reminder kind", &m.kind))?,
                by: m.by_label,
                to: m.to_label,
                note: m.note,
                at: m.at,
            })
        })
        .collect()
}

/// "6 Desember 2026 pukul 14.05 WITA" (the zone of Kabupaten Banjar), for messages; the date
/// in the domain's Indonesian form ([`Day::label`]).
fn wita(at: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let local = at + Duration::hours(8);
    let date = u16::try_from(local.year())
        .ok()
        .and_then(|y| Day::new(y, local.month() as u8, local.day() as u8).ok())
        .map_or_else(|| local.format("%Y-%m-%d").to_string(), Day::label);
    format!(
        "{date} pukul {:02}.{:02} WITA",
        local.hour(),
        local.minute()
    )
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    #[test]
    fn a_moment_reads_in_wita_with_the_indonesian_month() {
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 12, 6, 6, 5, 0)
            .single()
            .expect("a valid moment");
        assert_eq!(super::wita(at), "6 Desember 2026 pukul 14.05 WITA");
        let late = chrono::Utc
            .with_ymd_and_hms(2026, 12, 31, 20, 0, 0)
            .single()
            .expect("a valid moment");
        assert_eq!(super::wita(late), "1 Januari 2027 pukul 04.00 WITA");
    }
}
