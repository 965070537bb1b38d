//! The JSON of the execution and review dashboard (`pelaksanaan`) in
//! `GET /api/v1/dashboards/pelaksanaan`: reports on time vs late per department (LAP-01..03),
//! results waiting at each reviewer's post (MEK-05), problems open by age (LAP-05).

use serde::Serialize;
use sikerja_storage::dashboards::ExecutionDashboard;
use utoipa::ToSchema;

use crate::pages::dashboards::execution_citations;

/// One department's reports. On time: submitted on or before the due day the report carries
/// (its period's due day in the reporting schedule, or the request's).
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentReportsDto {
    pub department: i64,
    pub name: String,
    pub on_time: u32,
    /// Submitted after the due day.
    pub late: u32,
    /// Report requests (LAP-03) past their due day and not answered.
    pub requests_overdue: u32,
}

/// The results waiting at one reviewer's post.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewerQueueDto {
    pub position: i64,
    pub position_name: String,
    pub unit_name: String,
    pub department_name: String,
    pub waiting: u32,
    /// Since when the oldest result waits there (RFC 3339).
    pub oldest_since: String,
    /// Whole days the oldest result has waited.
    pub oldest_days: u32,
}

/// One department's open problems by age since they were raised.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentIssuesDto {
    pub department: i64,
    pub name: String,
    /// Raised less than 7 days ago.
    pub under_7_days: u32,
    /// Raised 7 to 30 days ago.
    pub from_7_to_30_days: u32,
    /// Raised more than 30 days ago.
    pub over_30_days: u32,
}

/// A rule a panel answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct PanelRuleDto {
    /// `reports`, `reviewers` or `issues`.
    pub panel: String,
    pub rule_id: String,
    pub article: String,
}

/// The execution and review dashboard (`pelaksanaan`).
#[derive(Debug, Serialize, ToSchema)]
pub struct ExecutionNumbersDto {
    /// Per department, in the agency's order; a report counts where its reporter sits.
    pub reports: Vec<DepartmentReportsDto>,
    /// Posts with results waiting (state `at_step`), the longest wait first.
    pub reviewers: Vec<ReviewerQueueDto>,
    /// Per department of the team lead who raised them; open while an addressee has not decided.
    pub issues: Vec<DepartmentIssuesDto>,
    /// `LAP-02`, `MEK-05`, `LAP-05` with their articles.
    pub rules: Vec<PanelRuleDto>,
}

impl From<&ExecutionDashboard> for ExecutionNumbersDto {
    fn from(d: &ExecutionDashboard) -> Self {
        ExecutionNumbersDto {
            reports: d
                .reports
                .iter()
                .map(|r| DepartmentReportsDto {
                    department: r.department.0,
                    name: r.name.clone(),
                    on_time: r.on_time,
                    late: r.late,
                    requests_overdue: r.requests_overdue,
                })
                .collect(),
            reviewers: d
                .reviewers
                .iter()
                .map(|r| ReviewerQueueDto {
                    position: r.position.0,
                    position_name: r.position_name.clone(),
                    unit_name: r.unit_name.clone(),
                    department_name: r.department_name.clone(),
                    waiting: r.waiting,
                    oldest_since: r.oldest_since.to_rfc3339(),
                    oldest_days: r.oldest_days,
                })
                .collect(),
            issues: d
                .issues
                .iter()
                .map(|r| DepartmentIssuesDto {
                    department: r.department.0,
                    name: r.name.clone(),
                    under_7_days: r.under_week,
                    from_7_to_30_days: r.week_to_month,
                    over_30_days: r.over_month,
                })
                .collect(),
            rules: execution_citations()
                .into_iter()
                .map(|(panel, c)| PanelRuleDto {
                    panel: panel.to_string(),
                    rule_id: c.rule_id.to_string(),
                    article: c.article.to_string(),
                })
                .collect(),
        }
    }
}
