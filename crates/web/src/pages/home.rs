//! The start page: every agency with its departments and their counts.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use sikerja_storage::DepartmentSummary;

use super::assignments::{InboxLine, inbox_of};
use super::planning::index::{Waiting, waiting_for};
use crate::AppState;
use crate::authz::Principal;
use crate::error::PageError;
use crate::views::Layout;

/// One department line of the start page.
pub struct DepartmentLine {
    pub id: i64,
    pub name: String,
    pub kind_label: &'static str,
    pub employees: u32,
    pub placed: u32,
    pub unresolved: u32,
}

/// One agency with its departments.
pub struct AgencyBlock {
    pub name: String,
    pub kind_label: &'static str,
    pub departments: Vec<DepartmentLine>,
    pub employees: u32,
    pub placed: u32,
    pub unresolved: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "home/index.html")]
pub struct HomePage {
    layout: Layout,
    agencies: Vec<AgencyBlock>,
    /// What waits for the reader (issue 4 point 7): agreements to sign, plans to approve,
    /// expectations to acknowledge.
    waiting: Waiting,
    /// Assignment steps, copies and notices waiting for the reader (issue 5).
    inbox: Vec<InboxLine>,
}

impl HomePage {
    /// Everything that waits for the reader.
    pub fn waiting_total(&self) -> usize {
        self.waiting.total() + self.inbox.len()
    }
}

/// `GET /`
pub async fn list_agencies(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<HomePage, PageError> {
    let scope = principal.scope();
    let agencies = state.store.agencies().await?;
    let departments = state.store.departments(None).await?;
    let blocks = agencies
        .into_iter()
        .filter(|a| scope.reaches_agency(a.id))
        .map(|a| {
            let lines: Vec<DepartmentLine> = departments
                .iter()
                .filter(|d| d.department.agency == a.id)
                .filter(|d| scope.reaches_department(a.id, d.department.id))
                .map(line)
                .collect();
            AgencyBlock {
                name: a.name,
                kind_label: a.kind.label(),
                employees: lines.iter().map(|l| l.employees).sum(),
                placed: lines.iter().map(|l| l.placed).sum(),
                unresolved: lines.iter().map(|l| l.unresolved).sum(),
                departments: lines,
            }
        })
        .collect();
    let waiting = waiting_for(&state, &principal).await?;
    let now = chrono::Utc::now();
    let inbox = inbox_of(&state, &principal)
        .await?
        .iter()
        .map(|i| InboxLine::new(i, now))
        .collect();
    Ok(HomePage {
        layout: Layout::new("Beranda", state.demo_mode),
        agencies: blocks,
        waiting,
        inbox,
    })
}

fn line(d: &DepartmentSummary) -> DepartmentLine {
    DepartmentLine {
        id: d.department.id.0,
        name: d.department.name.clone(),
        kind_label: d.department.kind.label(),
        employees: d.employees,
        placed: d.placed,
        unresolved: d.unresolved,
    }
}
