//! `/pelaksanaan` — *Pekerjaan saya*: the reader's running assignments and approved activity
//! plans (their own, or those they approve) with the activities
//! they are responsible for (MEK-04), what waits for them in reporting (reports due, report
//! requests to answer, LAP-01..03; feedback to acknowledge, LAP-04), and for team leads
//! (*Tim saya*) and heads of the owner Unit Organisasi (*Pantauan*) each team's people with
//! their reports on time and late, open requests and feedback not acknowledged.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use sikerja_domain::assignment::{AssignmentStatus, MemberRole};
use sikerja_domain::execution::WorkKind;
use sikerja_domain::execution::report::Timing;
use sikerja_storage::{StorageError, WorkRef};

use super::{DueLine, FeedbackLine, RequestLine, day, kind_label, today, work_href};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::views::Layout;

/// What waits for the reader in reporting: the inbox's share of execution, shown on this page
/// and on the assignment inbox (`/penugasan`).
#[derive(Default)]
pub struct ReportingInbox {
    /// Periodic reports the reader owes (open or late) and late reports they await.
    pub due: Vec<DueLine>,
    /// Report requests to the reader not answered yet.
    pub requests: Vec<RequestLine>,
    /// Feedback to the reader not acknowledged yet.
    pub feedback: Vec<FeedbackLine>,
    /// Results waiting at a post the reader exercises (MEK-05).
    pub results: Vec<super::results::WaitingLine>,
    /// Team problems waiting for the reader's decision (LAP-05).
    pub issues: Vec<super::issues::IssueLine>,
}

impl ReportingInbox {
    pub fn total(&self) -> usize {
        self.due.len()
            + self.requests.len()
            + self.feedback.len()
            + self.results.len()
            + self.issues.len()
    }
}

/// The reporting inbox of the reader (empty for people without an employee record).
pub(crate) async fn reporting_inbox(
    state: &AppState,
    principal: &Principal,
) -> Result<ReportingInbox, WebError> {
    let by = principal.planning_actor(None)?;
    // A regional head decides the problems sent to their agency (LAP-05), nothing else here.
    let issues = super::issues::to_decide(state, &by).await?;
    if by.employee.is_none() {
        return Ok(ReportingInbox {
            issues,
            ..ReportingInbox::default()
        });
    }
    let (requests, due) = state.store.reporting_inbox(&by, today()?).await?;
    let feedback = state.store.unacknowledged_feedback(&by).await?;
    Ok(ReportingInbox {
        due: due.iter().map(DueLine::new).collect(),
        requests: requests.iter().map(RequestLine::new).collect(),
        feedback: feedback
            .iter()
            .map(|f| FeedbackLine::new(f, by.employee))
            .collect(),
        results: super::results::waiting_for(state, by.employee).await?,
        issues,
    })
}

/// A running piece of work of the reader.
pub struct WorkLine {
    pub href: String,
    pub title: String,
    pub kind: &'static str,
    pub part: &'static str,
    pub period: String,
    pub activities: usize,
}

/// An activity the reader is responsible for.
pub struct ActivityLine {
    pub href: String,
    pub work: String,
    pub name: String,
    pub period: String,
    pub output: String,
}

/// One person of a team as monitored.
pub struct PersonRow {
    pub name: String,
    pub role: &'static str,
    pub on_time: usize,
    pub submitted_late: usize,
    pub late: usize,
    pub open: usize,
    pub requests_open: usize,
    pub feedback_open: usize,
}

/// A result of a monitored team not yet accepted, and where it waits.
pub struct ResultWaitRow {
    pub href: String,
    pub title: String,
    pub state: &'static str,
    /// The post it waits at ("" when returned to its submitter).
    pub waiting_at: String,
}

/// An undecided problem of a monitored team.
pub struct OpenIssueRow {
    pub href: String,
    pub title: String,
    pub due: String,
    pub overdue: bool,
    /// The addressees who have not decided.
    pub waiting_for: String,
}

/// One team (a piece of work) as monitored by its lead or the head.
pub struct MonitorBlock {
    pub href: String,
    pub title: String,
    pub people: Vec<PersonRow>,
    /// Results on their way up the chain, each with the post it waits at (MEK-05).
    pub results: Vec<ResultWaitRow>,
    /// Problems not decided by all their addressees (LAP-05).
    pub issues: Vec<OpenIssueRow>,
}

#[derive(Template, WebTemplate)]
#[template(path = "execution/index.html")]
pub struct ExecutionPage {
    layout: Layout,
    error: Option<String>,
    works: Vec<WorkLine>,
    activities: Vec<ActivityLine>,
    reporting: ReportingInbox,
    team: Vec<MonitorBlock>,
    monitoring: Vec<MonitorBlock>,
}

/// `GET /pelaksanaan`
pub async fn show_execution(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<ExecutionPage, PageError> {
    Ok(page(&state, &principal, None).await?)
}

fn role_label(role: MemberRole, kind: WorkKind) -> &'static str {
    super::work::role_label(role, kind)
}

/// The monitoring of one piece of work: per person, their reports by timing, open requests to
/// them and feedback they have not acknowledged.
async fn monitor(
    state: &AppState,
    by: &sikerja_storage::planning::PlanningActor,
    r: WorkRef,
    title: &str,
    members: &[(
        sikerja_domain::organisation::EmployeeId,
        String,
        &'static str,
    )],
) -> Result<MonitorBlock, WebError> {
    let schedule = state.store.work_schedule(r, by, today()?).await?;
    let feedback = state.store.work_feedback(r, by).await?;
    let people = members
        .iter()
        .map(|(e, name, role)| {
            let count = |t: Timing| {
                schedule
                    .due
                    .iter()
                    .filter(|d| d.reporter == *e && d.timing == t)
                    .count()
            };
            PersonRow {
                name: name.clone(),
                role,
                on_time: count(Timing::OnTime),
                submitted_late: count(Timing::SubmittedLate),
                late: count(Timing::Late),
                open: count(Timing::Open),
                requests_open: schedule
                    .requests
                    .iter()
                    .filter(|q| q.to == *e && q.report.is_none())
                    .count(),
                feedback_open: feedback
                    .iter()
                    .filter(|f| f.to == *e && f.acknowledged_at.is_none())
                    .count(),
            }
        })
        .collect();
    let (results, issues) = match r {
        WorkRef::Assignment(a) => {
            let day = today()?;
            let results = state
                .store
                .results_of_assignment(a)
                .await?
                .into_iter()
                .filter(|v| v.state.step().is_some())
                .map(|v| ResultWaitRow {
                    href: format!("/pelaksanaan/hasil/{}", v.id.0),
                    title: v.title.clone(),
                    state: v.state.label(),
                    waiting_at: v.waiting_at.clone().unwrap_or_default(),
                })
                .collect();
            let issues = state
                .store
                .work_issues(a, by)
                .await?
                .into_iter()
                .filter(|v| !v.decided())
                .map(|v| OpenIssueRow {
                    href: format!("/pelaksanaan/permasalahan/{}", v.id),
                    title: v.title.clone(),
                    due: super::day(v.due),
                    overdue: v.overdue(day),
                    waiting_for: v
                        .addressees
                        .iter()
                        .filter(|x| x.decision.is_none())
                        .map(|x| x.label.clone())
                        .collect::<Vec<_>>()
                        .join(", "),
                })
                .collect();
            (results, issues)
        }
        WorkRef::Plan(_) => (Vec::new(), Vec::new()),
    };
    Ok(MonitorBlock {
        href: work_href(r),
        title: title.to_string(),
        people,
        results,
        issues,
    })
}

pub(crate) async fn page(
    state: &AppState,
    principal: &Principal,
    error: Option<String>,
) -> Result<ExecutionPage, WebError> {
    let by = principal.planning_actor(None)?;
    let me = by.employee;
    let lines = state.store.assignments_involving(&by, 100).await?;
    // My running assignments, then the approved activity plans I hold or approve (MEK-04).
    let mut refs: Vec<WorkRef> = lines
        .iter()
        .filter(|l| l.status == AssignmentStatus::Active)
        .map(|l| WorkRef::Assignment(l.id))
        .collect();
    refs.extend(state.store.plans_involving(&by).await?);
    let mut works = Vec::new();
    let mut activities = Vec::new();
    let mut team = Vec::new();
    let mut monitoring = Vec::new();
    for r in refs {
        let bd = match state.store.work_breakdown(r, &by).await {
            Ok(bd) => bd,
            // A holder of a workflow step who plays no part in the work itself.
            Err(StorageError::Forbidden { .. }) => continue,
            Err(e) => return Err(e.into()),
        };
        let my_role = bd.reader.member;
        let owner_head = bd.reader.owner_head.is_some();
        let href = work_href(r);
        let mine: Vec<_> = bd
            .items
            .iter()
            .filter(|i| Some(i.responsible) == me)
            .collect();
        works.push(WorkLine {
            href: href.clone(),
            title: bd.title.clone(),
            kind: kind_label(bd.kind),
            part: match (my_role, owner_head, r) {
                (Some(role), _, _) => role_label(role, bd.kind),
                (None, true, WorkRef::Plan(_)) => "Pimpinan yang menyetujui rencana",
                (None, true, WorkRef::Assignment(_)) => "Pimpinan Unit Organisasi pemilik kinerja",
                (None, false, _) => "Pejabat Penilai Kinerja anggota",
            },
            period: format!("{} – {}", day(bd.from), day(bd.until)),
            activities: mine.len(),
        });
        activities.extend(mine.into_iter().map(|i| ActivityLine {
            href: format!("{href}#rincian"),
            work: bd.title.clone(),
            name: i.name.clone(),
            period: format!("{} – {}", day(i.from), day(i.until)),
            output: i.output.clone(),
        }));
        let members: Vec<_> = bd
            .members
            .iter()
            .map(|m| (m.employee, m.name.clone(), role_label(m.role, bd.kind)))
            .collect();
        if owner_head {
            monitoring.push(monitor(state, &by, r, &bd.title, &members).await?);
        } else if my_role == Some(MemberRole::TeamLead) {
            team.push(monitor(state, &by, r, &bd.title, &members).await?);
        }
    }
    Ok(ExecutionPage {
        layout: Layout::new("Pelaksanaan", state.demo_mode).crumb("Pelaksanaan", "/pelaksanaan"),
        error,
        works,
        activities,
        reporting: reporting_inbox(state, principal).await?,
        team,
        monitoring,
    })
}
