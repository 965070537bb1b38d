//! `/penilaian` — *Penilaian Kinerja*: the reader's own assessments (the employee), the
//! worklist of the chosen period for the assessor with each employee's state and due day and
//! "Buka" (KIN-04: the assessor is fixed on the record when it is opened), the member reports
//! the reader owes as team lead (KIN-03), and the year's distribution of the predikat against
//! the agency's curve for an assessor (KIN-02), the pending objections the reader decides as
//! the assessor's superior (KIN-02, KIN-04), and the recommendations the reader writes as
//! Administrator for the Ahli Madya assessments of the period (STR-06). Forms: opening an
//! assessment, writing a member report, writing a recommendation.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use sikerja_domain::assignment::AssignmentId;
use sikerja_domain::organisation::EmployeeId;
use sikerja_storage::WorkRef;
use sikerja_storage::performance::{MemberReportDue, ObjectionDue, PeriodRef, RecommendationDue};

use super::charts::{self, DistributionChart};
use super::{AssessmentLine, due_period, period_of};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::format;
use crate::pages::execution::forms::respond;
use crate::pages::execution::{today, work_href};
use crate::pages::planning::forms::{Pairs, field, id};
use crate::views::Layout;

/// A period offered in the period choice.
pub struct PeriodChoice {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

/// A member report the reader owes as team lead (KIN-03), with its form.
pub struct MemberReportLine {
    pub member: i64,
    pub member_name: String,
    pub work: String,
    pub work_href: String,
    pub work_title: String,
    pub period: String,
    pub period_label: String,
    /// The report written so far (it may be rewritten until the assessment is finalised).
    pub text: String,
    pub written: Option<String>,
}

impl MemberReportLine {
    fn new(d: &MemberReportDue) -> MemberReportLine {
        MemberReportLine {
            member: d.member.0,
            member_name: d.member_name.clone(),
            work: d.work.key(),
            work_href: work_href(d.work),
            work_title: d.work_title.clone(),
            period: d.period.code(),
            period_label: d.period.label(),
            text: d
                .written
                .as_ref()
                .map(|n| n.text.clone())
                .unwrap_or_default(),
            written: d.written.as_ref().map(|n| format::date_time(n.written_at)),
        }
    }
}

/// A pending objection the reader decides as the assessor's superior.
pub struct ObjectionLine {
    pub href: String,
    pub name: String,
    pub nip: String,
    pub position: String,
    pub department: String,
    pub period_label: String,
    pub assessor_position: String,
    pub objected: String,
    pub also_assessor: bool,
}

impl ObjectionLine {
    fn new(o: &ObjectionDue) -> ObjectionLine {
        ObjectionLine {
            href: format!("/penilaian/{}#keberatan", o.id),
            name: o.employee_name.clone(),
            nip: o.nip.clone(),
            position: o.position_name.clone(),
            department: o.department_name.clone(),
            period_label: o.period.label(),
            assessor_position: o.assessor_position_name.clone(),
            objected: format::date_time(o.objected_at),
            also_assessor: o.also_assessor,
        }
    }
}

/// A recommendation the reader writes as Administrator (STR-06), with its form.
pub struct RecommendationLine {
    pub employee: i64,
    pub name: String,
    pub nip: String,
    pub position: String,
    pub department: String,
    pub period: String,
    pub period_label: String,
    pub due: String,
    /// The assessment's page, once opened.
    pub href: Option<String>,
    pub text: String,
    pub written: Option<String>,
}

impl RecommendationLine {
    fn new(r: &RecommendationDue) -> RecommendationLine {
        RecommendationLine {
            employee: r.employee.0,
            name: r.employee_name.clone(),
            nip: r.nip.clone(),
            position: r.position_name.clone(),
            department: r.department_name.clone(),
            period: r.period.code(),
            period_label: r.period.label(),
            due: r.due.map(|d| d.label()).unwrap_or_default(),
            href: r.assessment.map(|id| format!("/penilaian/{id}")),
            text: r
                .written
                .as_ref()
                .map(|n| n.text.clone())
                .unwrap_or_default(),
            written: r.written.as_ref().map(|n| format::date_time(n.written_at)),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "performance/index.html")]
pub struct AssessmentsPage {
    layout: Layout,
    error: Option<String>,
    period_label: String,
    /// The chosen period's assessment window.
    window: String,
    periods: Vec<PeriodChoice>,
    mine: Vec<AssessmentLine>,
    worklist: Vec<AssessmentLine>,
    member_reports: Vec<MemberReportLine>,
    objections: Vec<ObjectionLine>,
    recommendations: Vec<RecommendationLine>,
    distribution: Option<DistributionChart>,
}

#[derive(Debug, Deserialize)]
pub struct PeriodQuery {
    periode: Option<String>,
}

/// `GET /penilaian[?periode=2026-q4]`
pub async fn show_assessments(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<PeriodQuery>, QueryRejection>,
) -> Result<AssessmentsPage, PageError> {
    let Query(q) = query.map_err(WebError::from)?;
    let period = match q.periode.as_deref().filter(|p| !p.trim().is_empty()) {
        Some(p) => Some(period_of(p)?),
        None => None,
    };
    Ok(page(&state, &principal, period, None).await?)
}

/// The page for `period` (none: the period due now), with the reason of a refused form.
pub(crate) async fn page(
    state: &AppState,
    principal: &Principal,
    period: Option<PeriodRef>,
    error: Option<String>,
) -> Result<AssessmentsPage, WebError> {
    let by = principal.planning_actor(None)?;
    let agency = principal.actor().and_then(|a| a.facts().agency);
    let day = today()?;
    let mut periods = Vec::new();
    if let Some(agency) = agency {
        for year in [day.year().saturating_sub(1), day.year()] {
            periods.extend(state.store.assessment_periods(agency, year).await?);
        }
    }
    let period = period.or_else(|| due_period(&periods, day));
    let window = periods
        .iter()
        .find(|p| Some(PeriodRef::of(p)) == period)
        .map(|p| format!("{} – {}", p.opens.label(), p.closes.label()))
        .unwrap_or_default();
    let choices = periods
        .iter()
        .rev()
        .map(|p| {
            let r = PeriodRef::of(p);
            PeriodChoice {
                code: r.code(),
                label: p.label(),
                selected: Some(r) == period,
            }
        })
        .collect();
    let mine = if by.employee.is_some() {
        state.store.my_assessments(&by).await?
    } else {
        Vec::new()
    };
    let (worklist, member_reports, recommendations) = match period {
        Some(p) if by.employee.is_some() => (
            state.store.assessor_worklist(p, &by).await?,
            state.store.member_reports_due(p, &by).await?,
            state.store.recommendations_due(p, &by).await?,
        ),
        _ => (Vec::new(), Vec::new(), Vec::new()),
    };
    // KIN-02, KIN-04: the objections of any period waiting for the reader's decision.
    let objections = state.store.objections_to_decide(&by).await?;
    // The assessor sees the year's distribution against the curve (KIN-02).
    let distribution = match (agency, period) {
        (Some(agency), Some(p)) if !worklist.is_empty() => Some(charts::distribution(
            &state.store.distribution(agency, p.year).await?,
        )),
        _ => None,
    };
    Ok(AssessmentsPage {
        layout: Layout::new("Penilaian Kinerja", state.demo_mode)
            .crumb("Penilaian Kinerja", "/penilaian"),
        error,
        period_label: period.map(|p| p.label()).unwrap_or_default(),
        window,
        periods: choices,
        mine: mine.iter().map(|r| AssessmentLine::new(r, day)).collect(),
        worklist: worklist
            .iter()
            .map(|r| AssessmentLine::new(r, day))
            .collect(),
        member_reports: member_reports.iter().map(MemberReportLine::new).collect(),
        objections: objections.iter().map(ObjectionLine::new).collect(),
        recommendations: recommendations
            .iter()
            .map(RecommendationLine::new)
            .collect(),
        distribution,
    })
}

/// The page again with the reason of a refused form.
async fn answer(
    state: &AppState,
    principal: &Principal,
    period: Option<PeriodRef>,
    result: Result<String, WebError>,
) -> Result<Response, PageError> {
    respond(result, |error| page(state, principal, period, Some(error))).await
}

/// `POST /penilaian/buka` — the assessor opens an employee's assessment of a period; the
/// assessor is fixed on the record from the placement of that day (KIN-04, KED-09).
pub async fn open_assessment(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let period = period_of(field(&pairs, "periode")).ok();
    let result = async {
        let by = principal.planning_actor(None)?;
        let period = period_of(field(&pairs, "periode"))?;
        let employee = EmployeeId(id(&pairs, "employee", "pegawai yang dinilai")?);
        let id = state.store.open_assessment(employee, period, &by).await?;
        Ok(format!("/penilaian/{id}"))
    }
    .await;
    answer(&state, &principal, period, result).await
}

/// The work a member report is about: `a:<assignment id>` or `p:<activity plan id>`.
pub(crate) fn work_of(key: &str) -> Result<WorkRef, WebError> {
    let bad = || {
        WebError::invalid(
            "member_report_work_invalid",
            "Pilih penugasan atau rencana kegiatan yang dilaporkan.",
        )
    };
    match key.trim().split_once(':') {
        Some(("a", n)) => Ok(WorkRef::Assignment(AssignmentId(
            n.parse().map_err(|_| bad())?,
        ))),
        Some(("p", n)) => Ok(WorkRef::Plan(n.parse().map_err(|_| bad())?)),
        _ => Err(bad()),
    }
}

/// `POST /penilaian/laporan-anggota` — a team lead writes (or rewrites, until the assessment
/// is finalised) their report on a member's performance in a period (KIN-03); it reaches the
/// assessor as input, never as the rating.
pub async fn write_member_report(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let period = period_of(field(&pairs, "periode")).ok();
    let result = async {
        let by = principal.planning_actor(None)?;
        let period = period_of(field(&pairs, "periode"))?;
        let member = EmployeeId(id(&pairs, "member", "anggota tim")?);
        let work = work_of(field(&pairs, "work"))?;
        state
            .store
            .write_member_report(member, period, work, field(&pairs, "text"), &by)
            .await?;
        Ok(format!(
            "/penilaian?periode={}#laporan-anggota",
            period.code()
        ))
    }
    .await;
    answer(&state, &principal, period, result).await
}

/// `POST /penilaian/rekomendasi` — the Administrator exercising the recommender post writes
/// (or rewrites, until the assessment is finalised) the recommendation for an Ahli Madya's
/// assessor (STR-06); writing it opens the assessment if needed (KIN-04).
pub async fn write_recommendation(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let period = period_of(field(&pairs, "periode")).ok();
    let result = async {
        let by = principal.planning_actor(None)?;
        let period = period_of(field(&pairs, "periode"))?;
        let employee = EmployeeId(id(&pairs, "employee", "JF Ahli Madya yang dinilai")?);
        state
            .store
            .write_recommendation(employee, period, field(&pairs, "text"), &by)
            .await?;
        Ok(format!("/penilaian?periode={}#rekomendasi", period.code()))
    }
    .await;
    answer(&state, &principal, period, result).await
}
