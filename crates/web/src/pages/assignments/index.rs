//! `/penugasan`: what waits for the signed-in person in the assignment workflows, grouped by
//! what it asks (decide, forward, receive, read a copy or a notice) with how long each has
//! waited, and the assignments they have to do with. Also the header link with the count and
//! marking a copy read.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::response::Response;
use chrono::Utc;
use sikerja_storage::{InboxItem, TaskCategory};

use super::InboxLine;
use crate::AppState;
use crate::api::dto::assignment::category_code;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::pages::planning::respond;
use crate::views::Layout;

/// One group of the inbox.
pub struct InboxGroup {
    /// The API's code of the category (`decide`, `receive`, …).
    pub code: &'static str,
    /// The page anchor, in Indonesian.
    pub anchor: &'static str,
    pub label: &'static str,
    pub items: Vec<InboxLine>,
}

/// An assignment the person has to do with.
pub struct AssignmentRow {
    pub id: i64,
    pub title: String,
    pub owner_unit_name: String,
    pub scope: &'static str,
    pub method: &'static str,
    pub status: &'static str,
    pub step: String,
    pub relation: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "assignments/index.html")]
pub struct AssignmentsPage {
    layout: Layout,
    error: Option<String>,
    total: usize,
    groups: Vec<InboxGroup>,
    assignments: Vec<AssignmentRow>,
    /// Reports due, report requests and feedback waiting for the reader (issue 13).
    reporting: crate::pages::execution::index::ReportingInbox,
}

const GROUPS: [(TaskCategory, &str); 7] = [
    (TaskCategory::Decide, "putuskan"),
    (TaskCategory::Issue, "terbitkan"),
    (TaskCategory::Establish, "tetapkan"),
    (TaskCategory::Forward, "teruskan"),
    (TaskCategory::Receive, "terima"),
    (TaskCategory::Copy, "tembusan"),
    (TaskCategory::Notice, "eskalasi"),
];

fn groups(items: &[InboxItem]) -> Vec<InboxGroup> {
    let now = Utc::now();
    GROUPS
        .iter()
        .map(|(category, anchor)| InboxGroup {
            code: category_code(*category),
            anchor,
            label: category.label(),
            items: items
                .iter()
                .filter(|i| i.category == *category)
                .map(|i| InboxLine::new(i, now))
                .collect(),
        })
        .filter(|g| !g.items.is_empty())
        .collect()
}

/// `GET /penugasan`
pub async fn show_assignments(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<AssignmentsPage, PageError> {
    Ok(page(&state, &principal, None).await?)
}

async fn page(
    state: &AppState,
    principal: &Principal,
    error: Option<String>,
) -> Result<AssignmentsPage, WebError> {
    let by = principal.planning_actor(None)?;
    let items = state.store.inbox(&by).await?;
    let lines = state.store.assignments_involving(&by, 100).await?;
    let today = sikerja_storage::policies::today();
    let assignments = lines
        .iter()
        .map(|l| {
            let step = sikerja_domain::workflow::workflow_for(l.scope, l.method)
                .zip(l.current_step.as_deref())
                .and_then(|(k, code)| k.definition().step(code))
                .map_or_else(String::new, |s| s.label.to_string());
            AssignmentRow {
                id: l.id.0,
                title: l.title.clone(),
                owner_unit_name: l.owner_unit_name.clone(),
                scope: l.scope.label(),
                method: l.method.label(),
                status: l.status.label_on(l.period, today),
                step,
                relation: l.relation.label_for(l.execution),
            }
        })
        .collect();
    Ok(AssignmentsPage {
        layout: Layout::new("Penugasan", state.demo_mode).crumb("Penugasan", "/penugasan"),
        error,
        total: items.len(),
        groups: groups(&items),
        assignments,
        reporting: crate::pages::execution::index::reporting_inbox(state, principal).await?,
    })
}

/// `POST /penugasan/tugas/{id}/dibaca` — a copy or notice read.
pub async fn mark_task_read(
    State(state): State<AppState>,
    principal: Principal,
    Id(task): Id,
) -> Result<Response, PageError> {
    let result = async {
        let by = principal.planning_actor(None)?;
        state.store.mark_read(task, &by).await?;
        Ok("/penugasan#menunggu".to_string())
    }
    .await;
    respond(result, |error| page(&state, &principal, Some(error))).await
}

/// The header link to the assignment pages with how many things wait for the reader.
#[derive(Template, WebTemplate)]
#[template(path = "assignments/menu.html")]
pub struct AssignmentMenu {
    waiting: usize,
}

/// `GET /penugasan/menu` — loaded by htmx into the header of every page: one counting query.
pub async fn show_assignment_menu(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<AssignmentMenu, PageError> {
    let by = principal.planning_actor(None)?;
    let waiting = state.store.inbox_count(&by).await?;
    Ok(AssignmentMenu { waiting })
}
