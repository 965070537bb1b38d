//! The workflow dashboard (`alur`): how long the steps of the approval workflows (PEN-13..17)
//! waited — per step and per lane holder, median and p90 from each step's task opened and
//! taken (`request_tasks.created_at`, `done_at`) — the steps open past their due time (the
//! agency's escalation time), and the nudges, reminders and escalations recorded
//! (`request_reminders`). A request lies in the scope when its assignment does
//! ([`super::assignments::assignment_in_scope`]).

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait};
use sikerja_domain::dashboard::{DashboardScope, percentile};
use sikerja_domain::workflow::{ReminderKind, TaskKind, WorkflowKind};

use super::assignments::{assignment_in_scope, units_in_scope};
use super::sql::Sql;
use crate::Store;
use crate::entities::agency;
use crate::error::{Result, corrupt};

/// How long one group of taken steps waited, in seconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitRow {
    /// The step's workflow (`None` for a row per holder).
    pub workflow: Option<WorkflowKind>,
    /// The step's code, or the holder's label (a position name, "Bupati …", a member).
    pub key: String,
    /// The step's label, or the holder's label again.
    pub label: String,
    /// Steps taken.
    pub taken: u32,
    pub median: i64,
    pub p90: i64,
}

/// The steps waiting for one holder now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRow {
    pub workflow: WorkflowKind,
    pub step: String,
    pub label: String,
    pub holder: String,
    /// Waiting now.
    pub open: u32,
    /// Of which past their due time (waiting longer than the escalation time).
    pub overdue: u32,
    /// Of which escalated already.
    pub escalated: u32,
    /// Since when the oldest waits.
    pub oldest: DateTime<Utc>,
}

/// Nudges, reminders and escalations recorded on one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderRow {
    pub workflow: WorkflowKind,
    pub step: String,
    pub label: String,
    pub nudges: u32,
    pub reminders: u32,
    pub escalations: u32,
}

/// The workflow dashboard's numbers for one scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowDashboard {
    /// The agency's escalation time (hours); 0: escalation is off and nothing is overdue.
    pub escalation_hours: i32,
    /// Taken steps per workflow step, in the workflows' order.
    pub steps: Vec<WaitRow>,
    /// Taken steps per lane holder, longest median first.
    pub holders: Vec<WaitRow>,
    /// Steps waiting now, per step and holder, most overdue first.
    pub open: Vec<OpenRow>,
    /// Per step with any.
    pub reminders: Vec<ReminderRow>,
}

impl WorkflowDashboard {
    /// Steps waiting past their due time now.
    pub fn overdue(&self) -> u32 {
        self.open.iter().map(|r| r.overdue).sum()
    }

    /// All recorded of one kind.
    pub fn reminders_of(&self, kind: ReminderKind) -> u32 {
        self.reminders
            .iter()
            .map(|r| match kind {
                ReminderKind::Nudge => r.nudges,
                ReminderKind::Reminder => r.reminders,
                ReminderKind::Escalation => r.escalations,
            })
            .sum()
    }
}

fn count(v: i64, what: &str) -> Result<u32> {
    u32::try_from(v).map_err(|_| corrupt(what, &v.to_string()))
}

/// Seconds from `t.created_at` to `t.done_at`, in the backend's SQL.
fn waited(backend: DbBackend) -> &'static str {
    match backend {
        DbBackend::Postgres => {
            "CAST(ROUND(EXTRACT(EPOCH FROM (t.done_at - t.created_at))) AS BIGINT)"
        }
        _ => "CAST(ROUND((julianday(t.done_at) - julianday(t.created_at)) * 86400.0) AS INTEGER)",
    }
}

/// `FROM request_tasks t JOIN assignment_requests r … JOIN assignments a … WHERE t.kind =
/// 'decide'` inside the scope.
fn decide_tasks(q: &mut Sql, scope: &DashboardScope) {
    q.push(" FROM request_tasks t JOIN assignment_requests r ON r.id = t.request_id JOIN assignments a ON a.id = r.assignment_id WHERE t.kind = ");
    q.param(TaskKind::Decide.code());
    q.push(" AND a.agency_id = ");
    q.param(scope.agency().0);
    assignment_in_scope(q);
}

fn step_label(workflow: WorkflowKind, step: &str) -> String {
    workflow
        .definition()
        .step(step)
        .map_or_else(|| step.to_string(), |s| s.label.to_string())
}

fn workflow_of(code: &str) -> Result<WorkflowKind> {
    WorkflowKind::from_code(code).ok_or_else(|| corrupt("workflow", code))
}

/// Groups rows `(key, seconds)` sorted by key then seconds into median and p90 per key.
fn percentiles(rows: Vec<(String, i64)>) -> Vec<(String, Vec<i64>)> {
    let mut out: Vec<(String, Vec<i64>)> = Vec::new();
    for (key, secs) in rows {
        match out.last_mut() {
            Some((k, v)) if *k == key => v.push(secs),
            _ => out.push((key, vec![secs])),
        }
    }
    out
}

impl Store {
    /// The workflow dashboard within `scope` at `now`: the taken steps' waiting times (only the
    /// durations are loaded, sorted, for the percentiles), and three aggregate queries.
    pub async fn workflow_dashboard(
        &self,
        scope: &DashboardScope,
        now: DateTime<Utc>,
    ) -> Result<WorkflowDashboard> {
        let backend = self.db.get_database_backend();
        let escalation_hours = agency::Entity::find_by_id(scope.agency().0)
            .one(&self.db)
            .await?
            .map_or(72, |a| a.escalation_hours);

        // Waiting per step: the durations of each workflow step, sorted.
        let mut q = Sql::new(backend);
        units_in_scope(&mut q, scope);
        q.push(&format!(
            "SELECT r.workflow AS workflow, t.step AS step, {} AS secs",
            waited(backend)
        ));
        decide_tasks(&mut q, scope);
        q.push(" AND t.done_at IS NOT NULL ORDER BY r.workflow, t.step, secs");
        let mut rows = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            let w: String = row.try_get("", "workflow")?;
            let s: String = row.try_get("", "step")?;
            rows.push((
                format!("{w}\u{1f}{s}"),
                row.try_get::<i64>("", "secs")?.max(0),
            ));
        }
        let mut steps = Vec::new();
        for (key, secs) in percentiles(rows) {
            let (w, s) = key.split_once('\u{1f}').unwrap_or((key.as_str(), ""));
            let workflow = workflow_of(w)?;
            steps.push(WaitRow {
                workflow: Some(workflow),
                key: s.to_string(),
                label: step_label(workflow, s),
                taken: count(secs.len() as i64, "steps")?,
                median: percentile(&secs, 50).unwrap_or(0),
                p90: percentile(&secs, 90).unwrap_or(0),
            });
        }
        // The workflows' order, then the steps' order within each.
        steps.sort_by_key(|r| {
            let w = r.workflow.unwrap_or(WorkflowKind::WithinUnitAppointment);
            (
                WorkflowKind::ALL.iter().position(|k| *k == w),
                w.definition().steps.iter().position(|s| s.code == r.key),
            )
        });

        // Waiting per lane holder.
        let mut q = Sql::new(backend);
        units_in_scope(&mut q, scope);
        q.push(&format!(
            "SELECT t.holder_label AS holder, {} AS secs",
            waited(backend)
        ));
        decide_tasks(&mut q, scope);
        q.push(" AND t.done_at IS NOT NULL ORDER BY t.holder_label, secs");
        let mut rows = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            rows.push((
                row.try_get::<String>("", "holder")?,
                row.try_get::<i64>("", "secs")?.max(0),
            ));
        }
        let mut holders = Vec::new();
        for (holder, secs) in percentiles(rows) {
            holders.push(WaitRow {
                workflow: None,
                label: holder.clone(),
                key: holder,
                taken: count(secs.len() as i64, "steps")?,
                median: percentile(&secs, 50).unwrap_or(0),
                p90: percentile(&secs, 90).unwrap_or(0),
            });
        }
        holders.sort_by(|a, b| b.median.cmp(&a.median).then(a.key.cmp(&b.key)));

        // Waiting now, and past the due time (opened before `now - escalation time`).
        let due_before = now - Duration::hours(i64::from(escalation_hours.max(0)));
        let mut q = Sql::new(backend);
        units_in_scope(&mut q, scope);
        q.push("SELECT r.workflow AS workflow, t.step AS step, t.holder_label AS holder, COUNT(*) AS open, SUM(CASE WHEN ");
        if escalation_hours > 0 {
            q.push("t.created_at < ");
            q.param(due_before);
        } else {
            q.push("1 = 0");
        }
        q.push(" THEN 1 ELSE 0 END) AS overdue, SUM(CASE WHEN t.escalated_at IS NOT NULL THEN 1 ELSE 0 END) AS escalated, MIN(t.created_at) AS oldest");
        decide_tasks(&mut q, scope);
        q.push(" AND t.done_at IS NULL GROUP BY r.workflow, t.step, t.holder_label ORDER BY overdue DESC, oldest, r.workflow, t.step, t.holder_label");
        let mut open = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            let workflow = workflow_of(&row.try_get::<String>("", "workflow")?)?;
            let step: String = row.try_get("", "step")?;
            open.push(OpenRow {
                workflow,
                label: step_label(workflow, &step),
                step,
                holder: row.try_get("", "holder")?,
                open: count(row.try_get("", "open")?, "open")?,
                overdue: count(row.try_get("", "overdue")?, "overdue")?,
                escalated: count(row.try_get("", "escalated")?, "escalated")?,
                oldest: row.try_get("", "oldest")?,
            });
        }

        // Nudges, reminders and escalations per step.
        let mut q = Sql::new(backend);
        units_in_scope(&mut q, scope);
        q.push("SELECT r.workflow AS workflow, t.step AS step");
        for (kind, column) in [
            (ReminderKind::Nudge, "nudges"),
            (ReminderKind::Reminder, "reminders"),
            (ReminderKind::Escalation, "escalations"),
        ] {
            q.push(", SUM(CASE WHEN rm.kind = ");
            q.param(kind.code());
            q.push(&format!(" THEN 1 ELSE 0 END) AS {column}"));
        }
        q.push(" FROM request_reminders rm JOIN request_tasks t ON t.id = rm.task_id JOIN assignment_requests r ON r.id = rm.request_id JOIN assignments a ON a.id = r.assignment_id WHERE a.agency_id = ");
        q.param(scope.agency().0);
        assignment_in_scope(&mut q);
        q.push(" GROUP BY r.workflow, t.step ORDER BY r.workflow, t.step");
        let mut reminders = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            let workflow = workflow_of(&row.try_get::<String>("", "workflow")?)?;
            let step: String = row.try_get("", "step")?;
            reminders.push(ReminderRow {
                workflow,
                label: step_label(workflow, &step),
                step,
                nudges: count(row.try_get("", "nudges")?, "nudges")?,
                reminders: count(row.try_get("", "reminders")?, "reminders")?,
                escalations: count(row.try_get("", "escalations")?, "escalations")?,
            });
        }
        Ok(WorkflowDashboard {
            escalation_hours,
            steps,
            holders,
            open,
            reminders,
        })
    }
}
