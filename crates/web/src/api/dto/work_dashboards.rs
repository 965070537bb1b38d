//! The JSON of the assignment (`penugasan`) and workflow (`alur`) dashboards
//! (`GET /api/v1/dashboards/{kind}`, issue 18 point 5).

use serde::Serialize;
use sikerja_domain::assignment::MembershipKind;
use sikerja_storage::dashboards::{AssignmentDashboard, WaitRow, WorkflowDashboard};
use utoipa::ToSchema;

/// One limit of PEN-05/06 with its rule.
#[derive(Debug, Serialize, ToSchema)]
pub struct TermLimitDto {
    /// `own_unit` (PEN-05) or `seconded` (PEN-06).
    pub membership: String,
    /// At most this many team assignments, counted under the PEN-07 reading.
    pub times: u32,
    /// Each at most this many months.
    pub months: u32,
    pub rule_id: String,
    pub article: String,
}

/// One person's team assignments counted against the limits.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkloadDto {
    pub employee: i64,
    pub name: String,
    pub position_name: String,
    pub unit_name: String,
    /// Team assignments in their own Unit Organisasi (PEN-05).
    pub own_unit: u32,
    /// Team assignments seconded elsewhere (PEN-06).
    pub seconded: u32,
    /// Either count has reached its limit: no further assignment of that kind.
    pub at_limit: bool,
}

/// Assignments of one scope, instrument and status.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScopeCountDto {
    /// `within_unit`, `cross_unit` or `cross_agency` (PEN-03).
    pub scope: String,
    /// `assignment_letter`, `secretary_decree` or `regent_decree` (PEN-12).
    pub instrument: String,
    /// `draft`, `requested`, `active`, `refused` or `cancelled`.
    pub status: String,
    pub count: u32,
}

/// A unit of the scope whose people are members of assignments.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitChoiceDto {
    pub id: i64,
    pub name: String,
}

/// One member's period in an assignment.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberPeriodDto {
    pub assignment: i64,
    pub title: String,
    pub status: String,
    pub name: String,
    /// First day (ISO), inclusive.
    pub from: String,
    /// Last day (ISO), inclusive.
    pub until: String,
}

/// The assignment dashboard (`penugasan`).
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentNumbersDto {
    /// The PEN-07 reading the workload was counted under: `calendar_year` or `concurrent`.
    pub window: String,
    /// The day counted for (ISO): its calendar year, or the day itself (`concurrent`).
    pub day: String,
    /// What was counted, in words (Indonesian).
    pub counted: String,
    pub limits: Vec<TermLimitDto>,
    /// People with a counting team assignment, by name.
    pub workload: Vec<WorkloadDto>,
    pub by_scope: Vec<ScopeCountDto>,
    /// Units whose people are members of an assignment that has not ended.
    pub units: Vec<UnitChoiceDto>,
    /// The unit of the timeline (`unit` if it is among `units`, else the first).
    pub unit: Option<i64>,
    pub timeline: Vec<MemberPeriodDto>,
}

impl From<&AssignmentDashboard> for AssignmentNumbersDto {
    fn from(d: &AssignmentDashboard) -> Self {
        let limits = [MembershipKind::OwnUnit, MembershipKind::Seconded];
        AssignmentNumbersDto {
            window: d.window.code().to_string(),
            day: d.day.to_string(),
            counted: crate::pages::dashboards::counted_as(d),
            limits: limits
                .iter()
                .map(|k| {
                    let l = k.limit();
                    TermLimitDto {
                        membership: k.code().to_string(),
                        times: u32::try_from(l.times).unwrap_or(u32::MAX),
                        months: l.months,
                        rule_id: l.citation.rule_id.to_string(),
                        article: l.citation.article.to_string(),
                    }
                })
                .collect(),
            workload: d
                .workload
                .iter()
                .map(|w| WorkloadDto {
                    employee: w.employee.0,
                    name: w.name.clone(),
                    position_name: w.position_name.clone(),
                    unit_name: w.unit_name.clone(),
                    own_unit: w.own_unit,
                    seconded: w.seconded,
                    at_limit: limits
                        .iter()
                        .any(|k| w.count(*k) as usize >= k.limit().times),
                })
                .collect(),
            by_scope: d
                .by_scope
                .iter()
                .map(|c| ScopeCountDto {
                    scope: c.scope.code().to_string(),
                    instrument: c.instrument.code().to_string(),
                    status: c.status.code().to_string(),
                    count: c.count,
                })
                .collect(),
            units: d
                .units
                .iter()
                .map(|u| UnitChoiceDto {
                    id: u.id.0,
                    name: u.name.clone(),
                })
                .collect(),
            unit: d.unit.map(|u| u.0),
            timeline: d
                .timeline
                .iter()
                .map(|p| MemberPeriodDto {
                    assignment: p.assignment.0,
                    title: p.title.clone(),
                    status: p.status.code().to_string(),
                    name: p.name.clone(),
                    from: p.from.to_string(),
                    until: p.until.to_string(),
                })
                .collect(),
        }
    }
}

/// How long one group of taken steps waited.
#[derive(Debug, Serialize, ToSchema)]
pub struct WaitDto {
    /// The workflow's code (rows per step only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflow: Option<String>,
    /// The step's code, or the holder's label (a position name, "Bupati …", a member).
    pub key: String,
    pub label: String,
    pub taken: u32,
    /// Median waiting time in seconds, from the step opened to it taken (nearest rank).
    pub median_seconds: i64,
    /// 90th percentile, in seconds.
    pub p90_seconds: i64,
}

impl From<&WaitRow> for WaitDto {
    fn from(r: &WaitRow) -> Self {
        WaitDto {
            workflow: r.workflow.map(|w| w.code().to_string()),
            key: r.key.clone(),
            label: r.label.clone(),
            taken: r.taken,
            median_seconds: r.median,
            p90_seconds: r.p90,
        }
    }
}

/// The steps waiting for one holder now.
#[derive(Debug, Serialize, ToSchema)]
pub struct OpenStepDto {
    pub workflow: String,
    pub step: String,
    pub label: String,
    pub holder: String,
    pub open: u32,
    /// Waiting longer than the agency's escalation time.
    pub overdue: u32,
    pub escalated: u32,
    /// Since when the oldest waits (RFC 3339).
    pub oldest: String,
}

/// Nudges, reminders and escalations recorded on one step.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReminderCountDto {
    pub workflow: String,
    pub step: String,
    pub label: String,
    pub nudges: u32,
    pub reminders: u32,
    pub escalations: u32,
}

/// The workflow dashboard (`alur`).
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkflowNumbersDto {
    /// The agency's escalation time in hours (0: off, nothing is overdue).
    pub escalation_hours: i32,
    pub steps: Vec<WaitDto>,
    /// Longest median first.
    pub holders: Vec<WaitDto>,
    /// Most overdue first.
    pub open: Vec<OpenStepDto>,
    pub reminders: Vec<ReminderCountDto>,
    /// The rule the steps are recorded under: `PEN-18`.
    pub rule_id: String,
    pub article: String,
}

impl From<&WorkflowDashboard> for WorkflowNumbersDto {
    fn from(d: &WorkflowDashboard) -> Self {
        let cite = crate::pages::dashboards::PEN_18;
        WorkflowNumbersDto {
            escalation_hours: d.escalation_hours,
            steps: d.steps.iter().map(WaitDto::from).collect(),
            holders: d.holders.iter().map(WaitDto::from).collect(),
            open: d
                .open
                .iter()
                .map(|r| OpenStepDto {
                    workflow: r.workflow.code().to_string(),
                    step: r.step.clone(),
                    label: r.label.clone(),
                    holder: r.holder.clone(),
                    open: r.open,
                    overdue: r.overdue,
                    escalated: r.escalated,
                    oldest: r.oldest.to_rfc3339(),
                })
                .collect(),
            reminders: d
                .reminders
                .iter()
                .map(|r| ReminderCountDto {
                    workflow: r.workflow.code().to_string(),
                    step: r.step.clone(),
                    label: r.label.clone(),
                    nudges: r.nudges,
                    reminders: r.reminders,
                    escalations: r.escalations,
                })
                .collect(),
            rule_id: cite.rule_id.to_string(),
            article: cite.article.to_string(),
        }
    }
}
