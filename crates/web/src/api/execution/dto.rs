//! The JSON shapes of execution (issue 13): a piece of work with its breakdown, schedule of
//! reports, reports, requests and feedback; the bodies of the changes; the reporting share of
//! the inbox. Closed vocabularies are written as stable `snake_case` codes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sikerja_domain::execution::report::Timing;
use sikerja_storage::{
    BreakdownView, DueReport, FeedbackView, ReportRequestView, ReportView, WorkItemView, WorkRef,
    WorkSchedule,
};
use utoipa::ToSchema;

/// The stable code of a timing.
pub fn timing_code(t: Timing) -> &'static str {
    match t {
        Timing::Upcoming => "upcoming",
        Timing::Open => "open",
        Timing::Late => "late",
        Timing::OnTime => "on_time",
        Timing::SubmittedLate => "submitted_late",
    }
}

/// The assignment of a piece of work, if it is one.
fn assignment_of(r: WorkRef) -> Option<i64> {
    match r {
        WorkRef::Assignment(a) => Some(a.0),
        WorkRef::Plan(_) => None,
    }
}

/// The activity plan of a piece of work, if it is one.
fn plan_of(r: WorkRef) -> Option<i64> {
    match r {
        WorkRef::Plan(p) => Some(p),
        WorkRef::Assignment(_) => None,
    }
}

/// An activity of the breakdown (MEK-04).
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkItemDto {
    pub id: i64,
    pub seq: i32,
    pub name: String,
    /// Employee id of the member responsible.
    pub responsible: i64,
    pub responsible_name: String,
    /// `YYYY-MM-DD`.
    pub from: String,
    pub until: String,
    pub output: String,
    /// Rupiah.
    pub budget: i64,
}

impl From<&WorkItemView> for WorkItemDto {
    fn from(i: &WorkItemView) -> Self {
        WorkItemDto {
            id: i.id,
            seq: i.seq,
            name: i.name.clone(),
            responsible: i.responsible.0,
            responsible_name: i.responsible_name.clone(),
            from: i.from.to_string(),
            until: i.until.to_string(),
            output: i.output.clone(),
            budget: i.budget,
        }
    }
}

/// A member of the work.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkMemberDto {
    pub employee: i64,
    pub name: String,
    /// `team_lead` or `member` (the individual and a plan's holder are `member`).
    pub role: String,
}

/// A periodic report owed, and where it stands (LAP-01, LAP-02).
#[derive(Debug, Serialize, ToSchema)]
pub struct DueReportDto {
    /// The work: an assignment or an approved activity plan (one of the two is set).
    pub assignment: Option<i64>,
    pub activity_plan: Option<i64>,
    pub title: String,
    pub reporter: i64,
    pub reporter_name: String,
    /// `member_to_lead`, `team_to_head`, `individual_to_head`.
    pub kind: String,
    pub rule_id: String,
    pub article: String,
    /// Whom it goes to, as shown.
    pub to: Vec<String>,
    pub start: String,
    pub end: String,
    pub due: String,
    /// `upcoming`, `open`, `late`, `on_time`, `submitted_late`.
    pub timing: String,
    pub report: Option<i64>,
}

impl From<&DueReport> for DueReportDto {
    fn from(d: &DueReport) -> Self {
        let c = d.kind.citation();
        DueReportDto {
            assignment: assignment_of(d.work),
            activity_plan: plan_of(d.work),
            title: d.title.clone(),
            reporter: d.reporter.0,
            reporter_name: d.reporter_name.clone(),
            kind: d.kind.code().to_string(),
            rule_id: c.rule_id.to_string(),
            article: c.article.to_string(),
            to: d.to.clone(),
            start: d.start.to_string(),
            end: d.end.to_string(),
            due: d.due.to_string(),
            timing: timing_code(d.timing).to_string(),
            report: d.report,
        }
    }
}

/// A report asked for by the head of the owner Unit Organisasi (LAP-03).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportRequestDto {
    pub id: i64,
    /// The work: an assignment or an approved activity plan (one of the two is set).
    pub assignment: Option<i64>,
    pub activity_plan: Option<i64>,
    pub title: String,
    pub to: i64,
    pub to_name: String,
    /// The position of the head who asked.
    pub by: String,
    pub message: String,
    pub due: String,
    pub created_at: DateTime<Utc>,
    /// The answering report, once submitted.
    pub report: Option<i64>,
    pub timing: String,
    pub rule_id: String,
    pub article: String,
}

impl From<&ReportRequestView> for ReportRequestDto {
    fn from(q: &ReportRequestView) -> Self {
        ReportRequestDto {
            id: q.id,
            assignment: assignment_of(q.work),
            activity_plan: plan_of(q.work),
            title: q.title.clone(),
            to: q.to.0,
            to_name: q.to_name.clone(),
            by: q.by_label.clone(),
            message: q.message.clone(),
            due: q.due.to_string(),
            created_at: q.created_at,
            report: q.report,
            timing: timing_code(q.timing).to_string(),
            rule_id: "LAP-03".into(),
            article: "Pasal 17 ayat 2".into(),
        }
    }
}

/// A line of a report: progress of an activity (percent) or realisation of a target.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportLineDto {
    /// `activity` or `target`.
    pub kind: String,
    pub ref_id: i64,
    pub label: String,
    pub value: f64,
}

/// An evidence file of a report.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvidenceDto {
    pub name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    /// The page that serves the file to a signed-in reader of the report
    /// (`/pelaksanaan/laporan/{report}/bukti/{n}`).
    pub download: String,
}

/// A submitted report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportDto {
    pub id: i64,
    /// The work: an assignment or an approved activity plan (one of the two is set).
    pub assignment: Option<i64>,
    pub activity_plan: Option<i64>,
    /// `member_to_lead`, `team_to_head`, `individual_to_head`, `requested`.
    pub kind: String,
    pub rule_id: String,
    pub article: String,
    pub reporter: i64,
    pub reporter_name: String,
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    pub due: String,
    /// The request it answers.
    pub request: Option<i64>,
    pub narrative: String,
    pub submitted_at: DateTime<Utc>,
    pub timing: String,
    pub lines: Vec<ReportLineDto>,
    pub files: Vec<EvidenceDto>,
}

impl From<&ReportView> for ReportDto {
    fn from(r: &ReportView) -> Self {
        let c = r.kind.citation();
        ReportDto {
            id: r.id,
            assignment: assignment_of(r.work),
            activity_plan: plan_of(r.work),
            kind: r.kind.code().to_string(),
            rule_id: c.rule_id.to_string(),
            article: c.article.to_string(),
            reporter: r.reporter.0,
            reporter_name: r.reporter_name.clone(),
            period_start: r.period_start.map(|d| d.to_string()),
            period_end: r.period_end.map(|d| d.to_string()),
            due: r.due.to_string(),
            request: r.request,
            narrative: r.narrative.clone(),
            submitted_at: r.submitted_at,
            timing: timing_code(r.timing).to_string(),
            lines: r
                .lines
                .iter()
                .map(|l| ReportLineDto {
                    kind: l.kind.code().into(),
                    ref_id: l.ref_id,
                    label: l.label.clone(),
                    value: l.value,
                })
                .collect(),
            files: r
                .files
                .iter()
                .enumerate()
                .map(|(n, f)| EvidenceDto {
                    name: f.name.clone(),
                    media_type: f.media_type.clone(),
                    size: f.size,
                    sha256: f.sha256.clone(),
                    download: format!("/pelaksanaan/laporan/{}/bukti/{n}", r.id),
                })
                .collect(),
        }
    }
}

/// Feedback (LAP-04), kept with its author's position.
#[derive(Debug, Serialize, ToSchema)]
pub struct FeedbackDto {
    pub id: i64,
    /// The work: an assignment or an approved activity plan (one of the two is set).
    pub assignment: Option<i64>,
    pub activity_plan: Option<i64>,
    pub report: Option<i64>,
    pub to: i64,
    pub to_name: String,
    /// `org_unit_head`, `assessor`, `team_lead`.
    pub author_role: String,
    pub author_position: Option<i64>,
    pub author_label: String,
    pub text: String,
    pub given_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
}

impl From<&FeedbackView> for FeedbackDto {
    fn from(f: &FeedbackView) -> Self {
        FeedbackDto {
            id: f.id,
            assignment: assignment_of(f.work),
            activity_plan: plan_of(f.work),
            report: f.report,
            to: f.to.0,
            to_name: f.to_name.clone(),
            author_role: f.author_role.code().to_string(),
            author_position: f.author_position.map(|p| p.0),
            author_label: f.author_label.clone(),
            text: f.text.clone(),
            given_at: f.given_at,
            acknowledged_at: f.acknowledged_at,
        }
    }
}

/// A running assignment or approved activity plan as it is carried out, as much as the caller
/// may read.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkDto {
    /// The work: an assignment or an approved activity plan (one of the two is set).
    pub assignment: Option<i64>,
    pub activity_plan: Option<i64>,
    pub title: String,
    /// `individual`, `team` or `activity_plan`.
    pub kind: String,
    pub running: bool,
    pub from: String,
    pub until: String,
    pub budget: Option<i64>,
    /// Whether the caller may replace the breakdown (the team lead or the individual).
    pub editable: bool,
    pub members: Vec<WorkMemberDto>,
    pub items: Vec<WorkItemDto>,
    pub due: Vec<DueReportDto>,
    pub requests: Vec<ReportRequestDto>,
    pub reports: Vec<ReportDto>,
    pub feedback: Vec<FeedbackDto>,
}

impl WorkDto {
    pub fn new(
        bd: &BreakdownView,
        schedule: &WorkSchedule,
        reports: &[ReportView],
        feedback: &[FeedbackView],
    ) -> Self {
        use sikerja_domain::execution::WorkKind;
        WorkDto {
            assignment: assignment_of(bd.work),
            activity_plan: plan_of(bd.work),
            title: bd.title.clone(),
            kind: match bd.kind {
                WorkKind::Individual => "individual",
                WorkKind::Team => "team",
                WorkKind::ActivityPlan => "activity_plan",
            }
            .into(),
            running: bd.running,
            from: bd.from.to_string(),
            until: bd.until.to_string(),
            budget: bd.budget,
            editable: bd.editable,
            members: bd
                .members
                .iter()
                .map(|m| WorkMemberDto {
                    employee: m.employee.0,
                    name: m.name.clone(),
                    role: m.role.code().to_string(),
                })
                .collect(),
            items: bd.items.iter().map(WorkItemDto::from).collect(),
            due: schedule.due.iter().map(DueReportDto::from).collect(),
            requests: schedule
                .requests
                .iter()
                .map(ReportRequestDto::from)
                .collect(),
            reports: reports.iter().map(ReportDto::from).collect(),
            feedback: feedback.iter().map(FeedbackDto::from).collect(),
        }
    }
}

/// An activity as entered.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkItemBody {
    pub name: String,
    /// Employee id of a member of the work.
    pub responsible: i64,
    /// `YYYY-MM-DD`, within the work's period.
    pub from: String,
    pub until: String,
    #[serde(default)]
    pub output: String,
    /// Rupiah, within the budget of the plan.
    #[serde(default)]
    pub budget: i64,
}

/// The whole breakdown, replacing the recorded one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakdownBody {
    pub items: Vec<WorkItemBody>,
}

/// Progress of one activity of the breakdown.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressBody {
    pub activity: i64,
    /// Whole percent, 0–100.
    pub percent: i64,
}

/// Realisation of one linked planning target.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RealisationBody {
    pub target: i64,
    pub value: f64,
}

/// A report: periodic (`kind` and `period_start`, the first day of its period) or the answer
/// to a request (`request`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportBody {
    /// `member_to_lead`, `team_to_head`, `individual_to_head` (periodic reports).
    #[serde(default)]
    pub kind: Option<String>,
    /// `YYYY-MM-DD`: the first day of the period reported.
    #[serde(default)]
    pub period_start: Option<String>,
    /// The request answered.
    #[serde(default)]
    pub request: Option<i64>,
    #[serde(default)]
    pub progress: Vec<ProgressBody>,
    #[serde(default)]
    pub realisation: Vec<RealisationBody>,
    #[serde(default)]
    pub narrative: String,
}

/// A report asked for (LAP-03).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportRequestBody {
    /// Employee id of the lead or a member.
    pub to: i64,
    /// `YYYY-MM-DD`, not before today (WITA).
    pub due: String,
    pub message: String,
}

/// Feedback to a member, on one of their reports or not (LAP-04).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackBody {
    pub to: i64,
    #[serde(default)]
    pub report: Option<i64>,
    pub text: String,
}

/// What waits for the caller in reporting: report requests to answer, periodic reports owed
/// (open or late) and late reports awaited, feedback to acknowledge, team problems to decide
/// (LAP-05), results waiting at a post the caller exercises (MEK-05).
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct ReportingInboxDto {
    pub report_requests: Vec<ReportRequestDto>,
    pub reports_due: Vec<DueReportDto>,
    pub feedback: Vec<FeedbackDto>,
    pub issues_to_decide: Vec<super::issues::IssueDto>,
    pub results_to_review: Vec<super::results::ResultToReviewDto>,
}
