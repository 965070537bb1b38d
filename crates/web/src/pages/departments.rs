//! The department page: a summary and links to its position map, rincian kedudukan, unresolved
//! cases and span of control.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use sikerja_domain::organisation::{Department, DepartmentId};
use sikerja_storage::{DepartmentSummary, Store};

use crate::AppState;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::views::Layout;

/// Heading data every department page shares.
pub struct DepartmentHeader {
    pub id: i64,
    pub name: String,
    pub kind_label: &'static str,
    pub annex: String,
    pub agency_name: String,
    /// The department view being shown (`kedudukan`, …; empty for the summary), marked in
    /// the navigation.
    pub current: &'static str,
}

impl DepartmentHeader {
    fn new(d: &Department, agency_name: &str) -> Self {
        DepartmentHeader {
            id: d.id.0,
            name: d.name.clone(),
            kind_label: d.kind.label(),
            annex: format!("Lampiran I.{}", d.kind.annex_section().letter()),
            agency_name: agency_name.to_string(),
            current: "",
        }
    }

    /// The page layout with breadcrumbs home › department (› `page`).
    pub fn layout(&self, page: Option<&str>, demo_mode: bool) -> Layout {
        let title = match page {
            Some(p) => format!("{p} · {}", self.name),
            None => self.name.clone(),
        };
        let layout = Layout::new(title, demo_mode)
            .crumb(self.name.clone(), format!("/perangkat-daerah/{}", self.id));
        match page {
            Some(p) => layout.crumb(p, "#isi"),
            None => layout,
        }
    }
}

/// Loads a department with its counts, or a 404.
pub async fn load_summary(store: &Store, id: i64) -> Result<DepartmentSummary, WebError> {
    let department = store.department(DepartmentId(id)).await?;
    store
        .departments(Some(department.agency))
        .await?
        .into_iter()
        .find(|s| s.department.id == department.id)
        .ok_or(WebError::NotFound { what: "department" })
}

/// Loads a department's heading data for the view `current`, or a 404.
pub async fn load_header(
    store: &Store,
    id: i64,
    current: &'static str,
) -> Result<DepartmentHeader, WebError> {
    let summary = load_summary(store, id).await?;
    let mut header = DepartmentHeader::new(&summary.department, &summary.agency_name);
    header.current = current;
    Ok(header)
}

#[derive(Template, WebTemplate)]
#[template(path = "departments/show.html")]
pub struct DepartmentPage {
    layout: Layout,
    header: DepartmentHeader,
    employees: u32,
    placed: u32,
    unresolved: u32,
    vacant_positions: u32,
}

/// `GET /perangkat-daerah/{id}`
pub async fn show_department(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<DepartmentPage, PageError> {
    let s = load_summary(&state.store, id).await?;
    let header = DepartmentHeader::new(&s.department, &s.agency_name);
    Ok(DepartmentPage {
        layout: header.layout(None, state.demo_mode),
        header,
        employees: s.employees,
        placed: s.placed,
        unresolved: s.unresolved,
        vacant_positions: s.vacant_positions,
    })
}
