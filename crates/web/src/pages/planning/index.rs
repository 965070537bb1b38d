//! `/kinerja`: the planning start page of the signed-in person for a year — what waits for
//! them (agreements to sign, plans to approve, expectations to acknowledge), their own
//! agreements, and the posts whose agreements they set (derived: STR-01..05) with the
//! expectations they conveyed. Also the forms that start an agreement, copy last year's and
//! set or acknowledge an expectation.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use sikerja_domain::organisation::{AgencyId, PositionId};
use sikerja_domain::planning::target::AgreementStatus;
use sikerja_storage::planning::{
    AgreementFilter, AgreementSummary, ExpectationFilter, ExpectationView, PlanWaiting, PostLine,
};

use super::forms::{self, Pairs};
use super::respond;
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::views::Layout;

/// `?tahun=2027`
#[derive(Debug, Default, Deserialize)]
pub struct YearQuery {
    pub tahun: Option<String>,
}

impl YearQuery {
    pub fn year(&self) -> i32 {
        self.tahun
            .as_deref()
            .and_then(|t| t.trim().parse().ok())
            .filter(|y| (2000..=2100).contains(y))
            .unwrap_or_else(format::this_year)
    }
}

/// An agreement as listed.
pub struct AgreementLine {
    pub id: i64,
    pub position_name: String,
    pub holder_name: String,
    pub status: &'static str,
    pub signed: bool,
    pub targets: u32,
    pub budget: String,
    pub setter_name: String,
    pub rule_id: String,
    pub article: String,
    /// What is missing: "menunggu tanda tangan …".
    pub waiting: String,
}

fn line(a: &AgreementSummary) -> AgreementLine {
    let waiting = match (a.holder_signed_at.is_some(), a.setter_signed_at.is_some()) {
        _ if a.status == AgreementStatus::Signed => String::new(),
        _ if a.targets == 0 => "belum ada target".into(),
        (false, false) => "menunggu tanda tangan kedua pihak".into(),
        (false, true) => format!("menunggu tanda tangan {}", a.holder_name),
        (true, false) => format!("menunggu tanda tangan {}", a.setter.name),
        (true, true) => String::new(),
    };
    AgreementLine {
        id: a.id,
        position_name: a.position_name.clone(),
        holder_name: a.holder_name.clone(),
        status: a.status.label(),
        signed: a.status == AgreementStatus::Signed,
        targets: a.targets,
        budget: format::rupiah(a.budget),
        setter_name: a.setter.name.clone(),
        rule_id: a.setter.rule_id.clone(),
        article: a.setter.article.clone(),
        waiting,
    }
}

/// A post of the reader, or one whose agreement they set.
pub struct PostRow {
    pub value: String,
    pub position_name: String,
    pub holder_name: String,
    pub rule_id: Option<String>,
    pub article: Option<String>,
    pub agreement: Option<AgreementLine>,
    /// Last year's agreement, to copy from.
    pub previous: Option<i64>,
    pub vacant: bool,
    pub expectation: Option<ExpectationLine>,
}

/// An expectation as shown.
pub struct ExpectationLine {
    pub id: i64,
    pub text: String,
    pub setter_name: String,
    pub set_at: String,
    pub acknowledged: Option<String>,
}

fn expectation_line(e: &ExpectationView) -> ExpectationLine {
    ExpectationLine {
        id: e.id,
        text: e.text.clone(),
        setter_name: e.setter_name.clone(),
        set_at: format::date(e.set_at),
        acknowledged: e.acknowledged_at.map(format::date),
    }
}

/// A plan waiting for approval.
pub struct PlanLine {
    pub id: i64,
    pub title: String,
    pub version: i32,
    pub holder_name: String,
    pub position_name: String,
    pub submitted: String,
}

fn plan_line(p: &PlanWaiting) -> PlanLine {
    PlanLine {
        id: p.plan,
        title: p.title.clone(),
        version: p.version,
        holder_name: p.holder_name.clone(),
        position_name: p.position_name.clone(),
        submitted: p.submitted_at.map(format::date_time).unwrap_or_default(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "planning/index.html")]
pub struct PlanningPage {
    layout: Layout,
    year: i32,
    agency: i64,
    error: Option<String>,
    to_sign: Vec<AgreementLine>,
    plans: Vec<PlanLine>,
    to_acknowledge: Vec<ExpectationLine>,
    own: Vec<PostRow>,
    recipients: Vec<PostRow>,
    /// For a regional head: the department heads' agreements they countersign.
    heads: Vec<AgreementLine>,
    is_regional_head: bool,
}

impl PlanningPage {
    /// How many things wait for the reader (the navigation badge).
    pub fn waiting(&self) -> usize {
        self.to_sign.len() + self.plans.len() + self.to_acknowledge.len()
    }
}

/// What waits for a person, for the start page and the planning page.
pub struct Waiting {
    pub to_sign: Vec<AgreementLine>,
    pub plans: Vec<PlanLine>,
    pub to_acknowledge: Vec<ExpectationLine>,
}

impl Waiting {
    pub fn total(&self) -> usize {
        self.to_sign.len() + self.plans.len() + self.to_acknowledge.len()
    }
}

/// Agreements to sign, plans to approve and expectations to acknowledge, all years.
pub async fn waiting_for(state: &AppState, principal: &Principal) -> Result<Waiting, WebError> {
    let Some(actor) = principal.actor() else {
        return Ok(Waiting {
            to_sign: Vec::new(),
            plans: Vec::new(),
            to_acknowledge: Vec::new(),
        });
    };
    let facts = actor.facts();
    let positions: Vec<PositionId> = facts.posts.iter().map(|p| p.position).collect();
    let mut to_sign = Vec::new();
    if let Some(me) = facts.employee {
        let mine = state
            .store
            .agreements(&AgreementFilter {
                employee: Some(me),
                status: Some(AgreementStatus::Draft),
                ..Default::default()
            })
            .await?;
        to_sign.extend(
            mine.iter()
                .filter(|a| a.targets > 0 && a.holder_signed_at.is_none())
                .map(line),
        );
    }
    if !positions.is_empty() {
        let set = state
            .store
            .agreements(&AgreementFilter {
                setter_positions: positions.clone(),
                status: Some(AgreementStatus::Draft),
                ..Default::default()
            })
            .await?;
        to_sign.extend(
            set.iter()
                .filter(|a| a.targets > 0 && a.setter_signed_at.is_none())
                .map(line),
        );
    }
    if facts.regional_head == Some(sikerja_domain::access::RegionalHeadKind::Head)
        && let Some(agency) = facts.agency
    {
        let heads = state
            .store
            .agreements(&AgreementFilter {
                agency: Some(agency),
                set_by_regional_head: true,
                status: Some(AgreementStatus::Draft),
                ..Default::default()
            })
            .await?;
        to_sign.extend(
            heads
                .iter()
                .filter(|a| a.targets > 0 && a.setter_signed_at.is_none())
                .map(line),
        );
    }
    let plans = state
        .store
        .plans_waiting_for(&positions)
        .await?
        .iter()
        .map(plan_line)
        .collect();
    let to_acknowledge = match facts.employee {
        Some(me) => state
            .store
            .expectations(&ExpectationFilter {
                employee: Some(me),
                ..Default::default()
            })
            .await?
            .iter()
            .filter(|e| e.acknowledged_at.is_none())
            .map(expectation_line)
            .collect(),
        None => Vec::new(),
    };
    Ok(Waiting {
        to_sign,
        plans,
        to_acknowledge,
    })
}

/// `GET /kinerja`
pub async fn show_planning(
    State(state): State<AppState>,
    principal: Principal,
    Query(q): Query<YearQuery>,
) -> Result<PlanningPage, PageError> {
    Ok(page(&state, &principal, q.year(), None).await?)
}

pub(crate) async fn page(
    state: &AppState,
    principal: &Principal,
    year: i32,
    error: Option<String>,
) -> Result<PlanningPage, WebError> {
    let actor = principal.actor().ok_or(WebError::Unauthenticated)?.clone();
    let facts = actor.facts();
    let agency = facts.agency.unwrap_or(AgencyId(0));
    let waiting = waiting_for(state, principal).await?;
    let mut own = Vec::new();
    let mut recipients = Vec::new();
    let mut heads = Vec::new();
    if let Some(me) = facts.employee {
        let posts = state.store.agreement_posts(agency, me).await?;
        let positions: Vec<PositionId> = facts.posts.iter().map(|p| p.position).collect();
        let of_year = |y: i32| AgreementFilter {
            year: Some(y),
            ..Default::default()
        };
        let mine = state
            .store
            .agreements(&AgreementFilter {
                employee: Some(me),
                ..of_year(year)
            })
            .await?;
        let mine_before = state
            .store
            .agreements(&AgreementFilter {
                employee: Some(me),
                ..of_year(year - 1)
            })
            .await?;
        let set = if positions.is_empty() {
            Vec::new()
        } else {
            state
                .store
                .agreements(&AgreementFilter {
                    setter_positions: positions.clone(),
                    ..of_year(year)
                })
                .await?
        };
        let expectations = if positions.is_empty() {
            Vec::new()
        } else {
            state
                .store
                .expectations(&ExpectationFilter {
                    year: Some(year),
                    setter_positions: positions,
                    ..Default::default()
                })
                .await?
        };
        let key = |p: Option<PositionId>, e: Option<sikerja_domain::organisation::EmployeeId>| {
            (p.map(|p| p.0), e.map(|e| e.0))
        };
        let by_post: HashMap<_, &AgreementSummary> = mine
            .iter()
            .chain(set.iter())
            .map(|a| (key(a.position, a.employee), a))
            .collect();
        let before: HashMap<_, i64> = mine_before
            .iter()
            .map(|a| (key(a.position, a.employee), a.id))
            .collect();
        let exp: HashMap<_, &ExpectationView> = expectations
            .iter()
            .map(|e| (key(e.position, e.employee), e))
            .collect();
        let row = |p: &PostLine, with_previous: bool| {
            let k = key(Some(p.post.position), p.post.employee);
            PostRow {
                value: forms::post_value(&p.post),
                position_name: p.position_name.clone(),
                holder_name: p.holder_name.clone(),
                rule_id: p.rule_id.clone(),
                article: p.article.clone(),
                agreement: by_post.get(&k).map(|a| line(a)),
                previous: if with_previous && !by_post.contains_key(&k) {
                    before.get(&k).copied()
                } else {
                    None
                },
                vacant: p.post.employee.is_none(),
                expectation: exp.get(&k).map(|e| expectation_line(e)),
            }
        };
        own = posts.own.iter().map(|p| row(p, true)).collect();
        recipients = posts.recipients.iter().map(|p| row(p, false)).collect();
    }
    let is_regional_head = facts.regional_head.is_some();
    if is_regional_head {
        heads = state
            .store
            .agreements(&AgreementFilter {
                agency: Some(agency),
                year: Some(year),
                set_by_regional_head: true,
                ..Default::default()
            })
            .await?
            .iter()
            .map(line)
            .collect();
    }
    Ok(PlanningPage {
        layout: Layout::new(format!("Perencanaan Kinerja {year}"), state.demo_mode)
            .crumb("Perencanaan Kinerja", format!("/kinerja?tahun={year}")),
        year,
        agency: agency.0,
        error,
        to_sign: waiting.to_sign,
        plans: waiting.plans,
        to_acknowledge: waiting.to_acknowledge,
        own,
        recipients,
        heads,
        is_regional_head,
    })
}

async fn answer(
    state: &AppState,
    principal: &Principal,
    year: i32,
    result: Result<String, WebError>,
) -> Result<Response, PageError> {
    respond(result, |error| page(state, principal, year, Some(error))).await
}

/// `POST /kinerja/perjanjian` — starts the agreement of a post for a year.
pub async fn create_agreement(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let year = forms::year(&pairs).unwrap_or_else(|_| format::this_year());
    let result = async {
        let year = forms::year(&pairs)?;
        let post = forms::post(&pairs, "post")?;
        let agency = forms::agency(&pairs)?;
        let by = principal.planning_actor(None)?;
        let id = state
            .store
            .create_agreement(agency, post, year, &by)
            .await?;
        Ok(format!("/kinerja/perjanjian/{id}"))
    }
    .await;
    answer(&state, &principal, year, result).await
}

/// `POST /kinerja/perjanjian/{id}/salin` — copies last year's agreement into `year`.
pub async fn copy_agreement(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let year = forms::year(&pairs).unwrap_or_else(|_| format::this_year());
    let result = async {
        let year = forms::year(&pairs)?;
        let by = principal.planning_actor(None)?;
        let new = state.store.copy_agreement(id, year, &by).await?;
        Ok(format!("/kinerja/perjanjian/{new}"))
    }
    .await;
    answer(&state, &principal, year, result).await
}

/// `POST /kinerja/ekspektasi` — a head sets the expectation for a post under them.
pub async fn set_expectation(
    State(state): State<AppState>,
    principal: Principal,
    form: Result<Form<Pairs>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let year = forms::year(&pairs).unwrap_or_else(|_| format::this_year());
    let result = async {
        let year = forms::year(&pairs)?;
        let post = forms::post(&pairs, "post")?;
        let agency = forms::agency(&pairs)?;
        let by = principal.planning_actor(None)?;
        state
            .store
            .set_expectation(agency, post, year, forms::field(&pairs, "text"), &by)
            .await?;
        Ok(format!("/kinerja?tahun={year}#ekspektasi"))
    }
    .await;
    answer(&state, &principal, year, result).await
}

/// `POST /kinerja/ekspektasi/{id}/terima` — the person acknowledges an expectation.
pub async fn acknowledge_expectation(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Response, PageError> {
    let year = format::this_year();
    let result = async {
        let by = principal.planning_actor(None)?;
        state.store.acknowledge_expectation(id, &by).await?;
        Ok("/kinerja#menunggu".to_string())
    }
    .await;
    answer(&state, &principal, year, result).await
}

/// The header link to the planning pages with how many things wait for the reader.
#[derive(Template, WebTemplate)]
#[template(path = "planning/menu.html")]
pub struct PlanningMenu {
    waiting: usize,
}

/// `GET /kinerja/menu` — loaded by htmx into the header of every page: the link and the
/// count of what waits (agreements to sign, plans to approve, expectations to acknowledge).
pub async fn show_planning_menu(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<PlanningMenu, PageError> {
    let waiting = waiting_for(&state, &principal).await?.total();
    Ok(PlanningMenu { waiting })
}
