//! `/kinerja/rencana/{id}`: an activity plan (*rencana pelaksanaan kegiatan dan anggaran*,
//! MEK-02) with every version, its reason and who approved it (MEK-03); forms to draft, change,
//! submit and approve.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use sikerja_domain::access::Action;
use sikerja_domain::planning::activity::{PlanStep, plan_steps_open};
use sikerja_domain::planning::target::PlanStatus;
use sikerja_storage::planning::PlanView;

use super::forms::{self, Pairs};
use super::{refused_status, respond, see_other};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::format;
use crate::views::Layout;

/// One activity as shown (and as prefilled in the change form).
pub struct ActivityRow {
    pub name: String,
    pub output: String,
    pub month_from: u8,
    pub month_to: u8,
    pub budget: String,
    pub budget_plain: i64,
}

/// One version.
pub struct VersionRow {
    pub version: i32,
    pub status: &'static str,
    pub reason: String,
    pub drafted: String,
    pub submitted: Option<String>,
    pub approved: Option<String>,
    pub approved_by: String,
    pub returned: Option<String>,
    pub returned_by: String,
    pub return_note: String,
    pub total: String,
    pub activities: Vec<ActivityRow>,
    pub current: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "planning/plan.html")]
pub struct PlanPage {
    layout: Layout,
    plan_id: i64,
    title: String,
    agreement: i64,
    position_name: String,
    holder_name: String,
    setter_name: String,
    rule_id: String,
    article: String,
    error: Option<String>,
    versions: Vec<VersionRow>,
    current_status: &'static str,
    /// The current version is approved (the setter is named as its approver) or not yet
    /// (the setter is named as the one it waits for).
    current_approved: bool,
    can_submit: bool,
    can_approve: bool,
    can_change: bool,
    /// Rows of the change form: the current activities and two blank ones.
    rows: Vec<ActivityRow>,
    /// A version is approved: the plan is carried out (MEK-04) and has a Pelaksanaan page.
    running: bool,
}

fn version_rows(p: &PlanView) -> Vec<VersionRow> {
    p.versions
        .iter()
        .rev()
        .map(|v| VersionRow {
            version: v.version,
            status: v.status.label(),
            reason: v.reason.clone(),
            drafted: format!("{} oleh {}", format::date_time(v.drafted_at), v.drafted_by),
            submitted: v.submitted_at.map(format::date_time),
            approved: v.approved_at.map(format::date_time),
            approved_by: v.approved_by.clone().unwrap_or_default(),
            returned: v.returned_at.map(format::date_time),
            returned_by: v.returned_by.clone().unwrap_or_default(),
            return_note: v.return_note.clone().unwrap_or_default(),
            total: format::rupiah(v.total_budget),
            activities: v
                .activities
                .iter()
                .map(|a| ActivityRow {
                    name: a.name.clone(),
                    output: a.output.clone(),
                    month_from: a.month_from,
                    month_to: a.month_to,
                    budget: format::rupiah(a.budget),
                    budget_plain: a.budget,
                })
                .collect(),
            current: v.version == p.current_version,
        })
        .collect()
}

/// `GET /kinerja/rencana/{id}`
pub async fn show_plan(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<PlanPage, PageError> {
    Ok(page(&state, &principal, id, None).await?)
}

async fn page(
    state: &AppState,
    principal: &Principal,
    id: i64,
    error: Option<String>,
) -> Result<PlanPage, WebError> {
    let plan = state.store.activity_plan(id).await?;
    let (agency, department) = state.store.agreement_scope(plan.agreement).await?;
    match department {
        Some(department) => principal.require(Action::ViewDepartment { agency, department })?,
        None if principal.scope().reaches_agency(agency) => {}
        None => return Err(WebError::forbidden("Rencana ini di luar jangkauan Anda.")),
    }
    let a = state.store.agreement(plan.agreement).await?;
    let (is_holder, _) = super::parties(principal, &a.summary);
    let status = plan.current().map(|v| v.status);
    // The steps offered are the ones the domain would let through (issue 15 point 4).
    let open = status
        .map(|st| plan_steps_open(st, &super::party_list(principal, &a.summary)))
        .unwrap_or_default();
    let versions = version_rows(&plan);
    let mut rows: Vec<ActivityRow> = versions
        .iter()
        .find(|v| v.current)
        .map(|v| {
            v.activities
                .iter()
                .map(|x| ActivityRow {
                    name: x.name.clone(),
                    output: x.output.clone(),
                    month_from: x.month_from,
                    month_to: x.month_to,
                    budget: x.budget.clone(),
                    budget_plain: x.budget_plain,
                })
                .collect()
        })
        .unwrap_or_default();
    for _ in 0..2 {
        rows.push(ActivityRow {
            name: String::new(),
            output: String::new(),
            month_from: 0,
            month_to: 0,
            budget: String::new(),
            budget_plain: -1,
        });
    }
    Ok(PlanPage {
        layout: Layout::new(format!("Rencana: {}", plan.title), state.demo_mode)
            .crumb(
                "Perencanaan Kinerja",
                format!("/kinerja?tahun={}", a.summary.year),
            )
            .crumb(
                "Perjanjian Kinerja",
                format!("/kinerja/perjanjian/{}", plan.agreement),
            )
            .crumb("Rencana kegiatan", format!("/kinerja/rencana/{id}")),
        plan_id: id,
        title: plan.title.clone(),
        agreement: plan.agreement,
        position_name: a.summary.position_name.clone(),
        holder_name: a.summary.holder_name.clone(),
        setter_name: a.summary.setter.name.clone(),
        rule_id: a.summary.setter.rule_id.clone(),
        article: a.summary.setter.article.clone(),
        error,
        versions,
        current_status: status.map_or("", |s| s.label()),
        current_approved: status == Some(PlanStatus::Approved),
        can_submit: open.contains(&PlanStep::Submit),
        can_approve: open.contains(&PlanStep::Approve),
        can_change: is_holder,
        rows,
        running: plan
            .versions
            .iter()
            .any(|v| v.status == PlanStatus::Approved),
    })
}

async fn answer(
    state: &AppState,
    principal: &Principal,
    plan: i64,
    result: Result<String, WebError>,
) -> Result<Response, PageError> {
    respond(result, |error| page(state, principal, plan, Some(error))).await
}

/// `POST /kinerja/target/{id}/rencana` — drafts a plan for a target of one's own agreement.
pub async fn draft_plan(
    State(state): State<AppState>,
    principal: Principal,
    Id(target): Id,
    form: Result<Form<Pairs>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let activities = forms::activities(&pairs)?;
        let by = principal.planning_actor(None)?;
        let plan = state
            .store
            .draft_activity_plan(target, forms::field(&pairs, "title"), &activities, &by)
            .await?;
        Ok::<_, WebError>(plan)
    }
    .await;
    match result {
        Ok(plan) => see_other(&format!("/kinerja/rencana/{plan}")),
        Err(e) => {
            let agreement = state.store.target_agreement(target).await?;
            let Some(status) = refused_status(&e) else {
                return Err(e.into());
            };
            let page =
                super::agreement::page_with_error(&state, &principal, agreement, e.message())
                    .await?;
            Ok((status, page).into_response())
        }
    }
}

/// `POST /kinerja/rencana/{id}/versi` — changes the plan (a new version once submitted).
pub async fn revise_plan(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let activities = forms::activities(&pairs)?;
        let by = principal.planning_actor(None)?;
        state
            .store
            .revise_activity_plan(id, &activities, forms::field(&pairs, "reason"), &by)
            .await?;
        Ok(format!("/kinerja/rencana/{id}"))
    }
    .await;
    answer(&state, &principal, id, result).await
}

/// `POST /kinerja/rencana/{id}/ajukan`
pub async fn submit_plan(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Response, PageError> {
    let result = async {
        let by = principal.planning_actor(None)?;
        state.store.submit_activity_plan(id, &by).await?;
        Ok(format!("/kinerja/rencana/{id}"))
    }
    .await;
    answer(&state, &principal, id, result).await
}

/// `POST /kinerja/rencana/{id}/kembalikan` — the head returns the submitted version with
/// notes (issue 15 point 6).
pub async fn return_plan(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
    form: Result<Form<Pairs>, axum::extract::rejection::FormRejection>,
) -> Result<Response, PageError> {
    let Form(pairs) = form?;
    let result = async {
        let by = principal.planning_actor(None)?;
        state
            .store
            .return_activity_plan(id, forms::field(&pairs, "note"), &by)
            .await?;
        Ok(format!("/kinerja/rencana/{id}"))
    }
    .await;
    answer(&state, &principal, id, result).await
}

/// `POST /kinerja/rencana/{id}/setujui`
pub async fn approve_plan(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<Response, PageError> {
    let result = async {
        let by = principal.planning_actor(None)?;
        state.store.approve_activity_plan(id, &by).await?;
        Ok(format!("/kinerja/rencana/{id}"))
    }
    .await;
    answer(&state, &principal, id, result).await
}
