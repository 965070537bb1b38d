//! The execution and review dashboard (`pelaksanaan`): reports on time vs late per Perangkat
//! Daerah (LAP-01..03), results waiting at each reviewer's post (MEK-05) and problems open by
//! age (LAP-05). Three aggregate queries; see `docs/dashboards.md` for what each number means.
//!
//! Where a record lies (for the scope and the Perangkat Daerah it is counted in): a report
//! where its reporter's definitive position lies, a report request where the person asked
//! sits, a result where the post it waits at lies, a problem where the team lead who raised
//! it sits.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbBackend};
use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::execution::review::ReviewState;
use sikerja_domain::organisation::{DepartmentId, PositionId};

use super::sql::Sql;
use crate::Store;
use crate::error::Result;

/// One Perangkat Daerah's reports (LAP-01..03).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentReports {
    pub department: DepartmentId,
    pub name: String,
    /// Reports submitted on or before their due day (periodic and requested).
    pub on_time: u32,
    /// Reports submitted after their due day.
    pub late: u32,
    /// Report requests (LAP-03) past their due day and not answered.
    pub requests_overdue: u32,
}

/// The results waiting at one reviewer's post (MEK-05).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewerQueue {
    pub position: PositionId,
    pub position_name: String,
    pub unit_name: String,
    pub department_name: String,
    pub waiting: u32,
    /// Since when the oldest result waits at the post (its arrival there).
    pub oldest_since: DateTime<Utc>,
    /// Whole days the oldest has waited.
    pub oldest_days: u32,
}

/// One Perangkat Daerah's open problems by age (LAP-05).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentIssues {
    pub department: DepartmentId,
    pub name: String,
    /// Raised less than 7 days ago.
    pub under_week: u32,
    /// Raised 7 to 30 days ago.
    pub week_to_month: u32,
    /// Raised more than 30 days ago.
    pub over_month: u32,
}

impl DepartmentIssues {
    pub fn open(&self) -> u32 {
        self.under_week + self.week_to_month + self.over_month
    }
}

/// The execution dashboard's numbers for one scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecutionDashboard {
    pub reports: Vec<DepartmentReports>,
    /// Posts with results waiting, the longest wait first.
    pub reviewers: Vec<ReviewerQueue>,
    pub issues: Vec<DepartmentIssues>,
}

fn count(v: i64, what: &str) -> Result<u32> {
    u32::try_from(v).map_err(|_| crate::error::corrupt(what, &v.to_string()))
}

/// The columns `agency_id, department_id, unit_id` of the unit of an employee's definitive
/// position, from the joins of [`home_join`].
const HOME: &str = "hu.agency_id AS agency_id, hu.department_id AS department_id, hu.id AS unit_id";

/// Joins the unit of the definitive position of the employee in column `emp`.
fn home_join(emp: &str) -> String {
    format!(
        " JOIN employees he ON he.id = {emp} JOIN positions hp ON hp.id = he.position_id JOIN units hu ON hu.id = hp.unit_id"
    )
}

impl Store {
    /// The execution dashboard within `scope`, seen at `now`: three aggregate queries.
    pub async fn execution_dashboard(
        &self,
        scope: &DashboardScope,
        now: DateTime<Utc>,
    ) -> Result<ExecutionDashboard> {
        let backend = self.db.get_database_backend();
        Ok(ExecutionDashboard {
            reports: self.report_timeliness(backend, scope, now).await?,
            reviewers: self.reviewer_queues(backend, scope, now).await?,
            issues: self.issue_ages(backend, scope, now).await?,
        })
    }

    /// LAP-01..03: on time = submitted on or before the due day the report carries (the
    /// schedule's due day of its period, or the request's); late = after it.
    async fn report_timeliness(
        &self,
        backend: DbBackend,
        scope: &DashboardScope,
        now: DateTime<Utc>,
    ) -> Result<Vec<DepartmentReports>> {
        let today = crate::policies::day_of(now).to_string();
        let mut q = Sql::new(backend);
        q.scope_units(scope);
        q.push("SELECT x.department_id AS department, d.name AS name, SUM(x.on_time) AS on_time, SUM(x.late) AS late, SUM(x.overdue) AS overdue FROM (");
        q.push(&format!(
            "SELECT {HOME}, CASE WHEN r.submitted_on <= r.due_day THEN 1 ELSE 0 END AS on_time, CASE WHEN r.submitted_on > r.due_day THEN 1 ELSE 0 END AS late, 0 AS overdue FROM work_reports r{}",
            home_join("r.reporter_employee_id")
        ));
        q.push(&format!(
            " UNION ALL SELECT {HOME}, 0 AS on_time, 0 AS late, 1 AS overdue FROM report_requests rq{} WHERE rq.report_id IS NULL AND rq.due_day < ",
            home_join("rq.to_employee_id")
        ));
        q.param(today);
        q.push(") x JOIN departments d ON d.id = x.department_id WHERE 1 = 1");
        q.scope_filter(scope, "x");
        q.push(" GROUP BY x.department_id, d.name, d.sort_order ORDER BY d.sort_order, x.department_id");
        let mut out = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            out.push(DepartmentReports {
                department: DepartmentId(row.try_get("", "department")?),
                name: row.try_get("", "name")?,
                on_time: count(row.try_get("", "on_time")?, "on_time")?,
                late: count(row.try_get("", "late")?, "late")?,
                requests_overdue: count(row.try_get("", "overdue")?, "overdue")?,
            });
        }
        Ok(out)
    }

    /// MEK-05: results `at_step`, grouped by the post of the step they wait at; a result
    /// waits since its last change (submission, resubmission or the pass that brought it).
    async fn reviewer_queues(
        &self,
        backend: DbBackend,
        scope: &DashboardScope,
        now: DateTime<Utc>,
    ) -> Result<Vec<ReviewerQueue>> {
        let mut q = Sql::new(backend);
        q.scope_units(scope);
        q.push("SELECT x.position_id AS pos, x.position_name AS position_name, x.unit_name AS unit_name, d.name AS department_name, COUNT(*) AS waiting, MIN(x.since) AS since FROM (");
        q.push("SELECT s.position_id AS position_id, s.position_name AS position_name, u.name AS unit_name, u.agency_id AS agency_id, u.department_id AS department_id, u.id AS unit_id, r.updated_at AS since FROM work_results r JOIN work_result_steps s ON s.result_id = r.id AND s.round = r.round AND s.seq = r.current_step JOIN units u ON u.id = s.unit_id WHERE r.state = ");
        q.param(ReviewState::SUBMITTED.code());
        q.push(") x JOIN departments d ON d.id = x.department_id WHERE 1 = 1");
        q.scope_filter(scope, "x");
        q.push(" GROUP BY x.position_id, x.position_name, x.unit_name, d.name ORDER BY MIN(x.since), x.position_id");
        let mut out = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            let since: DateTime<Utc> = row.try_get("", "since")?;
            out.push(ReviewerQueue {
                position: PositionId(row.try_get("", "pos")?),
                position_name: row.try_get("", "position_name")?,
                unit_name: row.try_get("", "unit_name")?,
                department_name: row.try_get("", "department_name")?,
                waiting: count(row.try_get("", "waiting")?, "waiting")?,
                oldest_since: since,
                oldest_days: u32::try_from((now - since).num_days().max(0)).unwrap_or(u32::MAX),
            });
        }
        Ok(out)
    }

    /// LAP-05: problems with an addressee who has not decided, by how long ago they were
    /// raised (less than 7 days, 7 to 30 days, more than 30 days).
    async fn issue_ages(
        &self,
        backend: DbBackend,
        scope: &DashboardScope,
        now: DateTime<Utc>,
    ) -> Result<Vec<DepartmentIssues>> {
        let mut q = Sql::new(backend);
        q.scope_units(scope);
        q.push(
            "SELECT x.department_id AS department, d.name AS name, SUM(CASE WHEN x.raised_at > ",
        );
        q.param(now - Duration::days(7));
        q.push(" THEN 1 ELSE 0 END) AS fresh, SUM(CASE WHEN x.raised_at <= ");
        q.param(now - Duration::days(7));
        q.push(" AND x.raised_at >= ");
        q.param(now - Duration::days(30));
        q.push(" THEN 1 ELSE 0 END) AS mid, SUM(CASE WHEN x.raised_at < ");
        q.param(now - Duration::days(30));
        q.push(" THEN 1 ELSE 0 END) AS old FROM (");
        q.push(&format!(
            "SELECT {HOME}, i.raised_at AS raised_at FROM team_issues i{} WHERE EXISTS (SELECT 1 FROM team_issue_addressees a WHERE a.issue_id = i.id AND a.decided_at IS NULL)",
            home_join("i.raised_by_employee_id")
        ));
        q.push(") x JOIN departments d ON d.id = x.department_id WHERE 1 = 1");
        q.scope_filter(scope, "x");
        q.push(" GROUP BY x.department_id, d.name, d.sort_order ORDER BY d.sort_order, x.department_id");
        let mut out = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            out.push(DepartmentIssues {
                department: DepartmentId(row.try_get("", "department")?),
                name: row.try_get("", "name")?,
                under_week: count(row.try_get("", "fresh")?, "fresh")?,
                week_to_month: count(row.try_get("", "mid")?, "mid")?,
                over_month: count(row.try_get("", "old")?, "old")?,
            });
        }
        Ok(out)
    }
}
