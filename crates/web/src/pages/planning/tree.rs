//! `/perangkat-daerah/{id}/target`: the tree of a department's targets for a year — each
//! target under the one it was cascaded from (MEK-02), with holder, weight and progress rolled
//! up by weight.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use sikerja_domain::organisation::DepartmentId;

use super::index::YearQuery;
use crate::AppState;
use crate::authz::Principal;
use crate::error::PageError;
use crate::extract::Id;
use crate::format;
use crate::pages::departments::{DepartmentHeader, load_header};
use crate::views::Layout;

/// One node of the tree.
pub struct NodeRow {
    pub target: i64,
    pub agreement: i64,
    pub depth: u32,
    pub indicator: String,
    pub target_text: String,
    pub holder_name: String,
    pub position_name: String,
    pub weight: u32,
    pub budget: String,
    pub progress: String,
    pub progress_width: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "planning/tree.html")]
pub struct TreePage {
    layout: Layout,
    header: DepartmentHeader,
    year: i32,
    nodes: Vec<NodeRow>,
}

/// `GET /perangkat-daerah/{id}/target?tahun=`
pub async fn show_target_tree(
    State(state): State<AppState>,
    _principal: Principal,
    Id(id): Id,
    Query(q): Query<YearQuery>,
) -> Result<TreePage, PageError> {
    let year = q.year();
    let header = load_header(&state.store, id, "target").await?;
    let nodes = state
        .store
        .department_targets(DepartmentId(id), year)
        .await?
        .into_iter()
        .map(|n| NodeRow {
            target: n.target.id,
            agreement: n.target.agreement,
            depth: n.depth.min(6),
            indicator: n.target.indicator,
            target_text: if n.target.unit.is_empty() {
                n.target.target
            } else {
                format!("{} {}", n.target.target, n.target.unit)
            },
            holder_name: n.holder_name,
            position_name: n.position_name,
            weight: n.target.weight,
            budget: format::rupiah(n.target.budget),
            progress: format::percent(n.target.progress),
            progress_width: n.target.progress.clamp(0.0, 100.0).round() as u32,
        })
        .collect();
    Ok(TreePage {
        layout: Layout::new(format!("Pohon target {year}"), state.demo_mode)
            .crumb(header.name.clone(), format!("/perangkat-daerah/{id}"))
            .crumb(
                "Pohon target",
                format!("/perangkat-daerah/{id}/target?tahun={year}"),
            ),
        header,
        year,
        nodes,
    })
}
