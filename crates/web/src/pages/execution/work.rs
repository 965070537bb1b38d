//! `/pelaksanaan/penugasan/{id}`: a running assignment as it is carried out — its breakdown
//! into activities with the member responsible for each and that member's competences beside
//! the choice (MEK-04), the schedule of periodic reports per member and period with their
//! timing (LAP-01, LAP-02), the reports, the report requests of the head (LAP-03) and the
//! feedback (LAP-04) — and which forms the reader may use. Storage decides again on every
//! change.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use sikerja_domain::assignment::{AssignmentId, MemberRole};
use sikerja_domain::execution::report::Timing;
use sikerja_storage::WorkRef;

use super::{DueLine, FeedbackLine, RequestLine, day, timing_class, today};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::views::Layout;

/// Blank rows the breakdown form offers after the recorded activities.
const BLANK_ROWS: usize = 3;

/// A member one may choose as responsible, with their competences (MEK-04: roles divided by
/// competence).
pub struct MemberOption {
    pub id: i64,
    pub name: String,
    pub role: &'static str,
    pub position: String,
    pub level: Option<&'static str>,
    pub experience: String,
    pub is_me: bool,
}

/// A row of the breakdown (recorded, or blank in the form).
pub struct ItemRow {
    pub id: i64,
    pub name: String,
    pub responsible: i64,
    pub responsible_name: String,
    pub from: String,
    pub until: String,
    pub period: String,
    pub output: String,
    pub budget: String,
    pub budget_label: String,
    pub mine: bool,
}

/// A report as shown.
pub struct ReportBlock {
    pub id: i64,
    pub reporter: String,
    pub kind: &'static str,
    pub rule_id: String,
    pub article: &'static str,
    pub period: String,
    pub due: String,
    pub submitted: String,
    pub timing: &'static str,
    pub timing_class: &'static str,
    pub narrative: String,
    pub lines: Vec<(String, String)>,
    /// Each evidence file: its download link and its name.
    pub files: Vec<(String, String)>,
}

/// One choice of the report form: a periodic report owed or a request to answer.
pub struct ReportChoice {
    pub value: String,
    pub label: String,
}

/// A linked planning target, for the realisation field.
pub struct TargetInput {
    pub id: i64,
    pub label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "execution/work.html")]
pub struct WorkPage {
    layout: Layout,
    id: i64,
    title: String,
    kind: &'static str,
    period: String,
    budget: Option<String>,
    running: bool,
    error: Option<String>,
    editable: bool,
    items: Vec<ItemRow>,
    form_rows: Vec<ItemRow>,
    members: Vec<MemberOption>,
    due: Vec<DueLine>,
    requests: Vec<RequestLine>,
    reports: Vec<ReportBlock>,
    feedback: Vec<FeedbackLine>,
    report_choices: Vec<ReportChoice>,
    targets: Vec<TargetInput>,
    may_request: bool,
    may_give_feedback: bool,
    results: Vec<super::results::ResultBlock>,
    may_submit_result: bool,
    issues: Vec<super::issues::IssueBlock>,
    can_raise_issue: bool,
    work_id: i64,
    today: String,
}

/// `GET /pelaksanaan/penugasan/{id}`
pub async fn show_work(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<WorkPage, PageError> {
    Ok(page(&state, &principal, id, None).await?)
}

fn role_label(role: MemberRole, team: bool) -> &'static str {
    match role {
        MemberRole::TeamLead => "Ketua Tim",
        MemberRole::Member if team => "Anggota",
        MemberRole::Member => "Pelaksana tugas individu",
    }
}

/// The page, with the reason of a refused form.
pub(crate) async fn page(
    state: &AppState,
    principal: &Principal,
    id: i64,
    error: Option<String>,
) -> Result<WorkPage, WebError> {
    let by = principal.planning_actor(None)?;
    let me = by.employee;
    let r = WorkRef::Assignment(AssignmentId(id));
    // Reading the breakdown checks that the reader plays a part in the work.
    let bd = state.store.work_breakdown(r, &by).await?;
    let today = today()?;
    let schedule = state.store.work_schedule(r, &by, today).await?;
    let reports = state.store.work_reports(r, &by).await?;
    let feedback = state.store.work_feedback(r, &by).await?;
    let a = state.store.assignment(AssignmentId(id)).await?;
    let team = bd.kind == sikerja_domain::execution::WorkKind::Team;

    let facts = principal.actor().map(|x| x.facts());
    let owner_head = facts.is_some_and(|f| {
        f.posts
            .iter()
            .any(|p| p.is_head && Some(p.unit) == a.owner_unit)
    });
    let my_role = a
        .members
        .iter()
        .find(|m| m.employee.is_some() && m.employee == me)
        .map(|m| m.role);

    let mut members = Vec::new();
    for (e, name) in &bd.members {
        let role = a
            .members
            .iter()
            .find(|m| m.employee == Some(*e))
            .map_or(MemberRole::Member, |m| m.role);
        let view = state.store.employee(*e).await.ok();
        let position = view.as_ref().and_then(|v| v.position.as_ref());
        members.push(MemberOption {
            id: e.0,
            name: name.clone(),
            role: role_label(role, team),
            position: position.map_or_else(String::new, |p| p.position.name.clone()),
            level: position.and_then(|p| p.position.functional_level.map(|l| l.label())),
            experience: view.map_or_else(String::new, |v| {
                v.employee
                    .experience
                    .iter()
                    .map(|x| format!("{} ({} tahun)", x.field, x.years))
                    .collect::<Vec<_>>()
                    .join("; ")
            }),
            is_me: me == Some(*e),
        });
    }

    let row = |i: &sikerja_storage::WorkItemView| ItemRow {
        id: i.id,
        name: i.name.clone(),
        responsible: i.responsible.0,
        responsible_name: i.responsible_name.clone(),
        from: i.from.to_string(),
        until: i.until.to_string(),
        period: format!("{} – {}", day(i.from), day(i.until)),
        output: i.output.clone(),
        budget: i.budget.to_string(),
        budget_label: format::rupiah(i.budget),
        mine: me == Some(i.responsible),
    };
    let items: Vec<ItemRow> = bd.items.iter().map(row).collect();
    let mut form_rows: Vec<ItemRow> = bd.items.iter().map(row).collect();
    for _ in 0..BLANK_ROWS {
        form_rows.push(ItemRow {
            id: 0,
            name: String::new(),
            responsible: 0,
            responsible_name: String::new(),
            from: String::new(),
            until: String::new(),
            period: String::new(),
            output: String::new(),
            budget: String::new(),
            budget_label: String::new(),
            mine: false,
        });
    }

    // What the reader may report now: periodic reports of theirs that are open or late and
    // not submitted, and requests to them not answered.
    let mut report_choices: Vec<ReportChoice> = schedule
        .due
        .iter()
        .filter(|d| Some(d.reporter) == me && d.report.is_none())
        .filter(|d| matches!(d.timing, Timing::Open | Timing::Late))
        .map(|d| ReportChoice {
            value: format!("p:{}:{}", d.kind.code(), d.start),
            label: format!(
                "{}, periode {} – {} (jatuh tempo {}, {})",
                d.kind.label(),
                day(d.start),
                day(d.end),
                day(d.due),
                d.timing.label()
            ),
        })
        .collect();
    report_choices.extend(
        schedule
            .requests
            .iter()
            .filter(|q| Some(q.to) == me && q.report.is_none())
            .map(|q| ReportChoice {
                value: format!("r:{}", q.id),
                label: format!(
                    "Jawaban permintaan {} (batas {}): {}",
                    q.by_label,
                    day(q.due),
                    q.message
                ),
            }),
    );

    let mut targets = Vec::new();
    if let Some(t) = a.target {
        let label = match state.store.target_agreement(t).await {
            Ok(agreement) => state
                .store
                .agreement(agreement)
                .await
                .ok()
                .and_then(|v| v.targets.into_iter().find(|x| x.id == t))
                .map(|x| format!("{} (target {} {})", x.indicator, x.target, x.unit)),
            Err(_) => None,
        };
        targets.push(TargetInput {
            id: t,
            label: label.unwrap_or_else(|| format!("Target #{t}")),
        });
    }

    let reports = reports
        .iter()
        .map(|v| {
            let c = v.kind.citation();
            ReportBlock {
                id: v.id,
                reporter: v.reporter_name.clone(),
                kind: v.kind.label(),
                rule_id: c.rule_id.to_string(),
                article: c.article,
                period: match (v.period_start, v.period_end) {
                    (Some(s), Some(e)) => format!("{} – {}", day(s), day(e)),
                    _ => String::new(),
                },
                due: day(v.due),
                submitted: format::date_time(v.submitted_at),
                timing: v.timing.label(),
                timing_class: timing_class(v.timing),
                narrative: v.narrative.clone(),
                lines: v
                    .lines
                    .iter()
                    .map(|l| {
                        let value = if l.kind == "activity" {
                            format!("{} %", format::percent(l.value))
                        } else {
                            format::percent(l.value)
                        };
                        (l.label.clone(), value)
                    })
                    .collect(),
                files: v
                    .files
                    .iter()
                    .enumerate()
                    .map(|(n, f)| (super::evidence::href(v.id, n), f.name.clone()))
                    .collect(),
            }
        })
        .collect();

    let is_lead = my_role == Some(MemberRole::TeamLead);
    Ok(WorkPage {
        layout: Layout::new(bd.title.clone(), state.demo_mode)
            .crumb("Pelaksanaan", "/pelaksanaan")
            .crumb(bd.title.clone(), format!("/pelaksanaan/penugasan/{id}")),
        id,
        title: bd.title.clone(),
        kind: super::kind_label(bd.kind),
        period: format!("{} – {}", day(bd.from), day(bd.until)),
        budget: bd.budget.map(format::rupiah),
        running: bd.running,
        error,
        editable: bd.editable && bd.running,
        items,
        form_rows,
        members,
        due: schedule.due.iter().map(DueLine::new).collect(),
        requests: schedule.requests.iter().map(RequestLine::new).collect(),
        reports,
        feedback: feedback.iter().map(|f| FeedbackLine::new(f, me)).collect(),
        report_choices,
        targets,
        may_request: owner_head && bd.running,
        // The head of the owner unit, a team lead, or someone who sees the work without
        // being a member (a PPK); storage decides who may give it to whom (LAP-04).
        may_give_feedback: bd.running && (owner_head || is_lead || my_role.is_none()),
        results: super::results::results_of(state, AssignmentId(id), me).await?,
        // The individual or the team lead (MEK-05); storage decides.
        may_submit_result: bd.running
            && match my_role {
                Some(MemberRole::TeamLead) => true,
                Some(MemberRole::Member) => !team,
                None => false,
            },
        issues: super::issues::issues_of(state, AssignmentId(id), &by).await?,
        // The team lead raises the team's problems (LAP-05); storage decides.
        can_raise_issue: bd.running && team && is_lead,
        work_id: id,
        today: format::today_iso(),
    })
}
