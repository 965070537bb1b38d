//! `/pelaksanaan/penugasan/{id}` and `/pelaksanaan/rencana/{id}`: a running assignment or an
//! approved activity plan as it is carried out — its breakdown
//! into activities with the member responsible for each and that member's competences beside
//! the choice (MEK-04), the schedule of periodic reports per member and period with their
//! timing (LAP-01, LAP-02), the reports, the report requests of the head (LAP-03) and the
//! feedback (LAP-04) — and which forms the reader may use. Storage decides again on every
//! change.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use sikerja_domain::assignment::MemberRole;
use sikerja_domain::execution::WorkKind;
use sikerja_domain::execution::report::{ReportLineKind, Timing};
use sikerja_storage::WorkRef;

use super::{DueLine, FeedbackLine, RequestLine, day, timing_class, today};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::WorkPath;
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
    /// The reader may ask them for a report (the domain's LAP-03 answer).
    pub ask_report: bool,
    /// The reader may give them feedback (the domain's LAP-04 answer).
    pub feedback: bool,
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
    /// Each evidence file: its download link, its name and its size.
    pub files: Vec<(String, String, String)>,
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
    /// The page of the work (`/pelaksanaan/penugasan/{id}` or `/pelaksanaan/rencana/{id}`);
    /// its forms post below it.
    href: String,
    /// Where the work was decided: the assignment and its workflow, or the plan.
    record: String,
    record_label: &'static str,
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
    /// The report form's file input: the types it offers (`accept`) and its limits, stated.
    evidence_accept: String,
    evidence_limits: String,
    targets: Vec<TargetInput>,
    may_request: bool,
    may_give_feedback: bool,
    /// Whether the work keeps results (MEK-05): assignments.
    has_results: bool,
    results: Vec<super::results::ResultBlock>,
    may_submit_result: bool,
    /// Whether the work has team problems (LAP-05): team assignments.
    has_issues: bool,
    issues: Vec<super::issues::IssueBlock>,
    can_raise_issue: bool,
    today: String,
}

/// `GET /pelaksanaan/penugasan/{id}` and `GET /pelaksanaan/rencana/{id}`
pub async fn show_work(
    State(state): State<AppState>,
    principal: Principal,
    WorkPath(r): WorkPath,
) -> Result<WorkPage, PageError> {
    Ok(page(&state, &principal, r, None).await?)
}

/// The role of a member as shown.
pub(crate) fn role_label(role: MemberRole, kind: WorkKind) -> &'static str {
    match (role, kind) {
        (MemberRole::TeamLead, _) => "Ketua Tim",
        (MemberRole::Member, WorkKind::Team) => "Anggota",
        (MemberRole::Member, WorkKind::Individual) => "Pelaksana tugas individu",
        (MemberRole::Member, WorkKind::ActivityPlan) => "Pemegang rencana kegiatan",
    }
}

/// The page, with the reason of a refused form.
pub(crate) async fn page(
    state: &AppState,
    principal: &Principal,
    r: WorkRef,
    error: Option<String>,
) -> Result<WorkPage, WebError> {
    let by = principal.planning_actor(None)?;
    let me = by.employee;
    // Reading the breakdown checks that the reader plays a part in the work.
    let bd = state.store.work_breakdown(r, &by).await?;
    let today = today()?;
    let schedule = state.store.work_schedule(r, &by, today).await?;
    let reports = state.store.work_reports(r, &by).await?;
    let feedback = state.store.work_feedback(r, &by).await?;
    let team = bd.kind == WorkKind::Team;

    let mut members = Vec::new();
    for m in &bd.members {
        let view = state.store.employee(m.employee).await.ok();
        let position = view.as_ref().and_then(|v| v.position.as_ref());
        members.push(MemberOption {
            id: m.employee.0,
            name: m.name.clone(),
            role: role_label(m.role, bd.kind),
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
            ask_report: bd.offers.request_report.contains(&m.employee),
            feedback: bd.offers.feedback.contains(&m.employee),
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
    for &t in &bd.targets {
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
                        let value = if l.kind == ReportLineKind::Activity {
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
                    .map(|(n, f)| {
                        let size = sikerja_files::human_size(u64::try_from(f.size).unwrap_or(0));
                        (super::evidence::href(v.id, n), f.name.clone(), size)
                    })
                    .collect(),
            }
        })
        .collect();

    let href = super::work_href(r);
    let (record, record_label) = match r {
        WorkRef::Assignment(a) => (
            format!("/penugasan/{}", a.0),
            "Penugasan dan alur persetujuannya",
        ),
        WorkRef::Plan(p) => (
            format!("/kinerja/rencana/{p}"),
            "Rencana kegiatan dan persetujuannya",
        ),
    };
    // Results and problems are kept for assignments (storage keys them on the assignment);
    // a plan's holder works alone, so it has no team problem (LAP-05). docs/execution.md.
    let assignment = match r {
        WorkRef::Assignment(a) => Some(a),
        WorkRef::Plan(_) => None,
    };
    let results = match assignment {
        Some(a) => super::results::results_of(state, a, me).await?,
        None => Vec::new(),
    };
    let issues = match assignment {
        Some(a) => super::issues::issues_of(state, a, &by).await?,
        None => Vec::new(),
    };
    Ok(WorkPage {
        layout: Layout::new(bd.title.clone(), state.demo_mode)
            .crumb("Pelaksanaan", "/pelaksanaan")
            .crumb(bd.title.clone(), href.clone()),
        href,
        record,
        record_label,
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
        evidence_accept: state.files.policy().accept(),
        evidence_limits: crate::uploads::limits_text(state.files.policy()),
        targets,
        // Each form is offered when the domain function its action is checked with lets
        // the reader through (issue 15 point 4; `Offers`).
        may_request: !bd.offers.request_report.is_empty(),
        may_give_feedback: !bd.offers.feedback.is_empty(),
        has_results: assignment.is_some(),
        results,
        may_submit_result: assignment.is_some() && bd.offers.submit_result,
        has_issues: team,
        issues,
        can_raise_issue: team && bd.offers.raise_issue,
        today: format::today_iso(),
    })
}
