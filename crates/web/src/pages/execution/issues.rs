//! Problems and constraints of a team on the pages (LAP-05): the section of the work page with
//! each problem, its addressees and their decisions, and the lead's form to raise one; the page
//! of one problem with the decision form for each addressee place the reader holds and the
//! lead's reminder; problems to decide in the inbox. Storage decides each.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::response::Response;
use chrono::Utc;
use sikerja_domain::assignment::{AssignmentId, Day};
use sikerja_domain::execution::issue::{Collaboration, IssueDecision, IssueDraft};
use sikerja_storage::IssueView;
use sikerja_storage::planning::PlanningActor;

use super::forms::respond;
use super::{day, today};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::pages::planning::forms::{Pairs, field, fields};
use crate::views::Layout;

/// An addressee and their decision, as shown.
pub struct AddresseeLine {
    pub id: i64,
    pub label: String,
    pub decision: Option<String>,
    pub reason: String,
    pub yours: bool,
}

/// A problem as shown.
pub struct IssueBlock {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub recommendations: Vec<String>,
    pub collaboration: &'static str,
    pub raised: String,
    pub due: String,
    pub state: &'static str,
    pub state_class: &'static str,
    pub addressees: Vec<AddresseeLine>,
    /// The lead may remind the addressees who have not decided.
    pub can_nudge: bool,
}

impl IssueBlock {
    pub fn new(
        v: &IssueView,
        me: Option<sikerja_domain::organisation::EmployeeId>,
        today: Day,
    ) -> IssueBlock {
        let (state, state_class) = if v.decided() {
            ("diputuskan", "ok")
        } else if v.overdue(today) {
            ("melewati batas waktu", "bad")
        } else {
            ("menunggu keputusan", "warn")
        };
        IssueBlock {
            id: v.id,
            title: v.title.clone(),
            description: v.description.clone(),
            recommendations: v.recommendations.clone(),
            collaboration: v.collaboration.label(),
            raised: format!("{}, {}", v.raised_by_name, format::date_time(v.raised_at)),
            due: day(v.due),
            state,
            state_class,
            addressees: v
                .addressees
                .iter()
                .map(|a| AddresseeLine {
                    id: a.id,
                    label: a.label.clone(),
                    decision: a.decision.as_ref().map(|d| match d.recommendation {
                        Some(n) => format!("Rekomendasi {n}: {}", d.decision),
                        None => format!("Keputusan lain: {}", d.decision),
                    }),
                    reason: a
                        .decision
                        .as_ref()
                        .map_or_else(String::new, |d| d.reason.clone()),
                    yours: a.yours && a.decision.is_none(),
                })
                .collect(),
            can_nudge: me == Some(v.raised_by) && !v.decided(),
        }
    }
}

/// A problem waiting for the reader's decision (the inbox).
pub struct IssueLine {
    pub href: String,
    pub title: String,
    pub work: String,
    pub raised_by: String,
    pub due: String,
    pub overdue: bool,
}

/// The problems of an assignment as its work page shows them.
pub(crate) async fn issues_of(
    state: &AppState,
    assignment: AssignmentId,
    by: &PlanningActor,
) -> Result<Vec<IssueBlock>, WebError> {
    let today = today()?;
    Ok(state
        .store
        .work_issues(assignment, by)
        .await?
        .iter()
        .map(|v| IssueBlock::new(v, by.employee, today))
        .collect())
}

/// Problems waiting for the reader's decision.
pub(crate) async fn to_decide(
    state: &AppState,
    by: &PlanningActor,
) -> Result<Vec<IssueLine>, WebError> {
    let today = today()?;
    Ok(state
        .store
        .issues_to_decide(by)
        .await?
        .iter()
        .map(|v| IssueLine {
            href: format!("/pelaksanaan/permasalahan/{}", v.id),
            title: v.title.clone(),
            work: v.work_title.clone(),
            raised_by: v.raised_by_name.clone(),
            due: day(v.due),
            overdue: v.overdue(today),
        })
        .collect())
}

/// `POST /pelaksanaan/penugasan/{id}/permasalahan` — the team lead raises a problem with its
/// recommendations (LAP-05).
pub async fn raise_issue(
    State(state): State<AppState>,
    principal: Principal,
    Id(work): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let collaboration = Collaboration::from_code(field(&pairs, "collaboration"))
            .unwrap_or(Collaboration::OwnerHead);
        let draft = IssueDraft {
            title: field(&pairs, "title").to_string(),
            description: field(&pairs, "description").to_string(),
            recommendations: fields(&pairs, "recommendation")
                .into_iter()
                .map(str::to_string)
                .collect(),
            due: field(&pairs, "due").to_string(),
        };
        let id = state
            .store
            .raise_issue(AssignmentId(work), &draft, collaboration, &by, today()?)
            .await?;
        Ok(format!("/pelaksanaan/permasalahan/{id}"))
    }
    .await;
    respond(result, |error| {
        super::work::page(
            &state,
            &principal,
            sikerja_storage::WorkRef::Assignment(AssignmentId(work)),
            Some(error),
        )
    })
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "execution/issue.html")]
pub struct IssuePage {
    layout: Layout,
    work: i64,
    work_title: String,
    error: Option<String>,
    i: IssueBlock,
}

async fn issue_page(
    state: &AppState,
    principal: &Principal,
    id: i64,
    error: Option<String>,
) -> Result<IssuePage, WebError> {
    let by = principal.planning_actor(None)?;
    let v = state.store.team_issue(id, &by).await?;
    let work = match v.work {
        sikerja_storage::WorkRef::Assignment(a) => a.0,
        sikerja_storage::WorkRef::Plan(p) => p,
    };
    Ok(IssuePage {
        layout: Layout::new(v.title.clone(), state.demo_mode)
            .crumb("Pelaksanaan", "/pelaksanaan")
            .crumb(
                v.work_title.clone(),
                format!("/pelaksanaan/penugasan/{work}"),
            )
            .crumb(v.title.clone(), format!("/pelaksanaan/permasalahan/{id}")),
        work,
        work_title: v.work_title.clone(),
        error,
        i: IssueBlock::new(&v, by.employee, today()?),
    })
}

/// `GET /pelaksanaan/permasalahan/{id}`
pub async fn show_issue(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<IssuePage, PageError> {
    Ok(issue_page(&state, &principal, id, None).await?)
}

/// `POST /pelaksanaan/permasalahan/{id}/putuskan` — an addressee decides: a recommendation or
/// another decision, with its reason (LAP-05).
pub async fn decide_issue(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        let v = state.store.team_issue(id, &by).await?;
        let addressee: i64 = field(&pairs, "addressee").parse().map_err(|_| {
            WebError::invalid(
                "issue_addressee_invalid",
                "Penerima keputusan tidak dapat dibaca.",
            )
        })?;
        if !v.addressees.iter().any(|a| a.id == addressee) {
            return Err(WebError::NotFound {
                what: "penerima permasalahan",
            });
        }
        let decision = match field(&pairs, "choice") {
            "other" => IssueDecision::Other(field(&pairs, "other").to_string()),
            n => IssueDecision::Recommendation(
                n.parse::<usize>()
                    .ok()
                    .and_then(|n| n.checked_sub(1))
                    .unwrap_or(usize::MAX),
            ),
        };
        state
            .store
            .decide_issue(addressee, &decision, field(&pairs, "reason"), &by)
            .await?;
        Ok(format!("/pelaksanaan/permasalahan/{id}"))
    }
    .await;
    respond(result, |error| {
        issue_page(&state, &principal, id, Some(error))
    })
    .await
}

/// `POST /pelaksanaan/permasalahan/{id}/ingatkan` — the lead reminds those who have not
/// decided; at most once in 24 hours.
pub async fn nudge_issue(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    _form: Result<Form<Pairs>, FormRejection>,
) -> Result<Response, PageError> {
    let result = async {
        let by = principal.planning_actor(None)?;
        state.store.nudge_issue(id, &by, Utc::now()).await?;
        Ok(format!("/pelaksanaan/permasalahan/{id}"))
    }
    .await;
    respond(result, |error| {
        issue_page(&state, &principal, id, Some(error))
    })
    .await
}
