//! Results up the review chain on the pages (MEK-05, KIN-04): the results of a running
//! assignment with the chain fixed on each round and where each waits, the submit form for the
//! individual or the team lead, the resubmit form for a returned result, and the decision form
//! for the reviewer it waits at. Storage decides each.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::response::Response;
use sikerja_domain::assignment::AssignmentId;
use sikerja_domain::execution::review::{DecisionKind, ReviewState};
use sikerja_domain::organisation::EmployeeId;
use sikerja_storage::{
    ResultDecision, ResultResubmission, ResultSubmission, StorageError, WaitingResult, WorkRef,
    WorkResultId, WorkResultView,
};

use super::forms::respond;
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::pages::planning::forms::{Pairs, field, id};
use crate::views::Layout;

/// A step of the chain as shown.
pub struct StepLine {
    pub position: String,
    pub reviewer: String,
    pub accepts: bool,
    pub rule: String,
    pub skipped: Vec<String>,
    pub decision: Option<String>,
    pub notes: String,
}

/// The decision form for the reviewer the result waits at.
pub struct DecideForm {
    pub step: usize,
    pub accepts: bool,
    /// A result meeting the expectation may pass here (MEK-05, Lampiran I.A/D/E.3.c angka 3),
    /// with the article to cite.
    pub expectation: Option<String>,
}

/// A result as shown on the work page.
pub struct ResultBlock {
    pub id: i64,
    pub title: String,
    pub submitter: String,
    pub state: &'static str,
    pub state_class: &'static str,
    pub waiting_at: String,
    pub round: u32,
    pub summary: String,
    pub steps: Vec<StepLine>,
    pub realisation: Option<String>,
    pub can_resubmit: bool,
    pub decide: Option<DecideForm>,
}

/// A result waiting for the reader's review (the inbox).
pub struct WaitingLine {
    pub href: String,
    pub title: String,
    pub work: String,
    pub submitter: String,
    pub position: String,
    pub accepts: bool,
    pub since: String,
}

impl WaitingLine {
    pub fn new(w: &WaitingResult) -> WaitingLine {
        WaitingLine {
            href: format!("/pelaksanaan/hasil/{}", w.id.0),
            title: w.title.clone(),
            work: w.assignment_title.clone(),
            submitter: w.submitter_name.clone(),
            position: w.position_name.clone(),
            accepts: w.accepts,
            since: format::date_time(w.updated_at),
        }
    }
}

fn block(v: &WorkResultView, me: Option<EmployeeId>, waiting: &[WaitingResult]) -> ResultBlock {
    let round = v.rounds.last();
    ResultBlock {
        id: v.id.0,
        title: v.title.clone(),
        submitter: v.submitter_name.clone(),
        state: v.state.label(),
        state_class: match v.state {
            ReviewState::Completed => "ok",
            ReviewState::Returned { .. } => "bad",
            ReviewState::AtStep { .. } => "warn",
        },
        waiting_at: v.waiting_at.clone().unwrap_or_default(),
        round: v.round,
        summary: round.map_or_else(String::new, |r| r.summary.clone()),
        steps: v
            .current_steps()
            .iter()
            .map(|s| StepLine {
                position: s.position_name.clone(),
                reviewer: s.reviewer_name.clone(),
                accepts: s.accepts,
                rule: format!("{} · {}", s.rule_id, s.article),
                skipped: s.skipped.iter().map(|x| x.note.clone()).collect(),
                decision: s.decision.as_ref().map(|d| {
                    let basis = if d.meets_target {
                        ""
                    } else if d.meets_expectation {
                        " — sesuai ekspektasi"
                    } else {
                        ""
                    };
                    format!(
                        "{}{} oleh {} ({}), {}",
                        d.label,
                        basis,
                        d.by_name,
                        d.by_position,
                        format::date_time(d.decided_at)
                    )
                }),
                notes: s
                    .decision
                    .as_ref()
                    .map_or_else(String::new, |d| d.notes.clone()),
            })
            .collect(),
        realisation: v.realisation.as_ref().map(|r| {
            format!(
                "Realisasi target: {} → {}",
                format::percent(r.before),
                format::percent(r.after)
            )
        }),
        can_resubmit: matches!(v.state, ReviewState::Returned { .. })
            && me.is_some()
            && v.submitter == me,
        decide: waiting.iter().find(|w| w.id == v.id).map(|w| DecideForm {
            step: w.step,
            accepts: w.accepts,
            expectation: v
                .current_steps()
                .get(w.step)
                .filter(|s| s.expectation_suffices)
                .map(|s| s.article.clone()),
        }),
    }
}

/// The results of an assignment as the work page shows them (the caller has checked that the
/// reader plays a part in the work).
pub(crate) async fn results_of(
    state: &AppState,
    assignment: AssignmentId,
    me: Option<EmployeeId>,
) -> Result<Vec<ResultBlock>, WebError> {
    let results = state.store.results_of_assignment(assignment).await?;
    let waiting = match me {
        Some(e) => state.store.results_waiting_for(e).await?,
        None => Vec::new(),
    };
    Ok(results.iter().map(|v| block(v, me, &waiting)).collect())
}

/// Results waiting for the reader's review.
pub(crate) async fn waiting_for(
    state: &AppState,
    me: Option<EmployeeId>,
) -> Result<Vec<WaitingLine>, WebError> {
    Ok(match me {
        Some(e) => state
            .store
            .results_waiting_for(e)
            .await?
            .iter()
            .map(WaitingLine::new)
            .collect(),
        None => Vec::new(),
    })
}

/// A realisation typed in the form (blank: none).
fn realisation(pairs: &Pairs) -> Result<Option<f64>, WebError> {
    match field(pairs, "realisation") {
        "" => Ok(None),
        typed => sikerja_domain::planning::target::parse_number(typed)
            .map(Some)
            .ok_or_else(|| {
                WebError::invalid(
                    "result_realisation_invalid",
                    "Realisasi ditulis sebagai angka 0–100, mis. 80 atau 62,5.",
                )
            }),
    }
}

async fn answer(
    state: &AppState,
    principal: &Principal,
    work: i64,
    result: Result<String, WebError>,
) -> Result<Response, PageError> {
    respond(result, |error| {
        super::work::page(
            state,
            principal,
            WorkRef::Assignment(AssignmentId(work)),
            Some(error),
        )
    })
    .await
}

/// `POST /pelaksanaan/penugasan/{id}/hasil` — the individual or the team lead submits a result
/// that meets its target (MEK-05); its chain is fixed on the record (KIN-04).
pub async fn submit_result(
    State(state): State<AppState>,
    principal: Principal,
    Id(work): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let activity = match field(&pairs, "activity") {
            "" => None,
            _ => Some(id(&pairs, "activity", "kegiatan")?),
        };
        let input = ResultSubmission {
            assignment: AssignmentId(work),
            activity,
            title: field(&pairs, "title").to_string(),
            summary: field(&pairs, "summary").to_string(),
            realisation: realisation(&pairs)?,
            meets_target: field(&pairs, "meets_target") == "ya",
        };
        let id = state.store.submit_result(&input, &by).await?;
        Ok(format!("/pelaksanaan/hasil/{id}"))
    }
    .await;
    answer(&state, &principal, work, result).await
}

#[derive(Template, WebTemplate)]
#[template(path = "execution/result.html")]
pub struct ResultPage {
    layout: Layout,
    work: i64,
    work_title: String,
    error: Option<String>,
    r: ResultBlock,
}

/// Whether the reader may see a result: its submitter, a reviewer of its chain (now or in an
/// earlier round), or someone who plays a part in its work. Also the API's rule.
pub(crate) async fn may_see(
    state: &AppState,
    by: &sikerja_storage::planning::PlanningActor,
    v: &WorkResultView,
    waiting: &[WaitingResult],
) -> Result<bool, WebError> {
    let me = by.employee;
    if me.is_some() && v.submitter == me
        || waiting.iter().any(|w| w.id == v.id)
        || v.rounds
            .iter()
            .flat_map(|r| &r.steps)
            .any(|s| me.is_some() && s.reviewer == me)
    {
        return Ok(true);
    }
    match state
        .store
        .work_breakdown(WorkRef::Assignment(v.assignment), by)
        .await
    {
        Ok(_) => Ok(true),
        Err(StorageError::Forbidden { .. }) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// The page of one result, with the reason of a refused form.
async fn result_page(
    state: &AppState,
    principal: &Principal,
    id: i64,
    error: Option<String>,
) -> Result<ResultPage, WebError> {
    let by = principal.planning_actor(None)?;
    let v = state.store.work_result(WorkResultId(id)).await?;
    let waiting = match by.employee {
        Some(e) => state.store.results_waiting_for(e).await?,
        None => Vec::new(),
    };
    if !may_see(state, &by, &v, &waiting).await? {
        return Err(WebError::Forbidden {
            code: "not_involved_in_work",
            message: "Hasil ini hanya dapat dilihat oleh pengajunya, peninjau dalam rantainya, anggota penugasan dan Pimpinan Unit Organisasi pemilik kinerja.".into(),
        });
    }
    let work_title = state.store.assignment(v.assignment).await?.title;
    Ok(ResultPage {
        layout: Layout::new(v.title.clone(), state.demo_mode)
            .crumb("Pelaksanaan", "/pelaksanaan")
            .crumb(
                work_title.clone(),
                format!("/pelaksanaan/penugasan/{}", v.assignment.0),
            )
            .crumb(v.title.clone(), format!("/pelaksanaan/hasil/{id}")),
        work: v.assignment.0,
        work_title,
        error,
        r: block(&v, by.employee, &waiting),
    })
}

/// `GET /pelaksanaan/hasil/{id}`
pub async fn show_result(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<ResultPage, PageError> {
    Ok(result_page(&state, &principal, id, None).await?)
}

async fn answer_result(
    state: &AppState,
    principal: &Principal,
    id: i64,
    result: Result<String, WebError>,
) -> Result<Response, PageError> {
    respond(result, |error| {
        result_page(state, principal, id, Some(error))
    })
    .await
}

/// `POST /pelaksanaan/hasil/{id}/ajukan-ulang` — the submitter resubmits a returned result.
pub async fn resubmit_result(
    State(state): State<AppState>,
    principal: Principal,
    Id(result_id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let input = ResultResubmission {
            summary: field(&pairs, "summary").to_string(),
            realisation: realisation(&pairs)?,
            meets_target: field(&pairs, "meets_target") == "ya",
        };
        state
            .store
            .resubmit_result(WorkResultId(result_id), &input, &by)
            .await?;
        Ok(format!("/pelaksanaan/hasil/{result_id}"))
    }
    .await;
    answer_result(&state, &principal, result_id, result).await
}

/// `POST /pelaksanaan/hasil/{id}/putuskan` — the reviewer it waits at passes it up, returns it
/// with notes, or (the head of the Unit Organisasi) accepts it (MEK-05).
pub async fn decide_result(
    State(state): State<AppState>,
    principal: Principal,
    Id(result_id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let kind = match field(&pairs, "decision") {
            "pass" => DecisionKind::Pass,
            "return" => DecisionKind::Return,
            "accept" => DecisionKind::Accept,
            _ => {
                return Err(WebError::invalid(
                    "result_decision_invalid",
                    "Pilih keputusan: teruskan, kembalikan atau terima.",
                ));
            }
        };
        let step = field(&pairs, "step").parse().map_err(|_| {
            WebError::invalid(
                "result_decision_invalid",
                "Langkah peninjauan tidak dapat dibaca.",
            )
        })?;
        let input = ResultDecision {
            step,
            kind,
            meets_target: field(&pairs, "meets_target") == "ya",
            meets_expectation: field(&pairs, "meets_expectation") == "ya",
            notes: field(&pairs, "notes").to_string(),
        };
        state
            .store
            .decide_result(WorkResultId(result_id), &input, &by)
            .await?;
        Ok(format!("/pelaksanaan/hasil/{result_id}"))
    }
    .await;
    answer_result(&state, &principal, result_id, result).await
}
