//! `/dasbor` and `/dasbor/{kind}` (issue 18): the dashboards a person may open, each a set of
//! panels — a chart drawn on the server ([`crate::charts`]) beside the table of its numbers —
//! with a Perangkat Daerah filter and `?format=xlsx` for the tables. Who opens which, and how
//! far it reaches, is the domain's `dashboard::scope`; storage aggregates within it. See
//! `docs/dashboards.md`.

mod assignments;
mod execution;
mod performance;
mod placement;
mod planning;
mod workflows;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use sikerja_domain::access::Actor;
use sikerja_domain::dashboard::{self, DashboardKind, DashboardScope};
use sikerja_domain::organisation::{AgencyId, DepartmentId};
use sikerja_domain::rules::Citation;
use sikerja_storage::dashboards::ScopeDepartment;

use crate::AppState;
use crate::authz::Principal;
use crate::charts::Chart;
use crate::charts::table::DataTable;
use crate::error::{PageError, WebError};
use crate::views::Layout;

pub(crate) use assignments::{assignment_numbers, counted_as};
pub(crate) use execution::{execution_citations, execution_numbers};
pub(crate) use performance::{KIN_02, performance_numbers};
pub(crate) use placement::{KED_10, placement_numbers};
pub(crate) use planning::{MEK_02, MEK_05, planning_numbers};
pub(crate) use workflows::{PEN_18, workflow_numbers};

/// The dashboards the pages and the API can draw today, in the domain's order.
pub(crate) const DRAWN: &[DashboardKind] = &[
    DashboardKind::Placement,
    DashboardKind::Planning,
    DashboardKind::Assignments,
    DashboardKind::Workflows,
    DashboardKind::Execution,
    DashboardKind::Performance,
];

/// One chart with its table, and the rule a limit in it comes from.
pub struct Panel {
    pub title: String,
    pub citation: Option<Citation>,
    pub note: Option<String>,
    pub chart: Chart,
    pub table: DataTable,
}

/// A dashboard as drawn: the headline and its panels.
pub struct Drawn {
    pub headline: String,
    pub panels: Vec<Panel>,
    /// The chosen period of a dashboard with a period filter (`periode`), else none.
    pub period: Option<String>,
    /// The period filter's choices (empty: the dashboard has none).
    pub periods: Vec<PeriodChoice>,
}

/// A choice of the period filter (`periode`): a year or an assessment period.
pub struct PeriodChoice {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

/// The dashboards `actor` may open that are drawn.
pub(crate) fn open_to(actor: &Actor) -> Vec<DashboardKind> {
    dashboard::open_to(actor)
        .into_iter()
        .filter(|k| DRAWN.contains(k))
        .collect()
}

/// Whether the header shows "Dasbor".
pub(crate) fn offers_any(principal: &Principal) -> bool {
    principal.actor().is_some_and(|a| !open_to(a).is_empty())
}

fn not_open() -> WebError {
    WebError::forbidden(
        "Dasbor ini hanya untuk Bupati, Sekretaris Daerah, Admin BKPSDM, Admin Bagian Organisasi (kedudukan) dan kepala unit untuk unitnya.",
    )
}

/// A dashboard kind from its path code: 404 for an unknown or not yet drawn one.
pub(crate) fn kind_of(code: &str) -> Result<DashboardKind, WebError> {
    DashboardKind::from_code(code)
        .filter(|k| DRAWN.contains(k))
        .ok_or(WebError::NotFound { what: "dasbor" })
}

/// The scope of `kind` for `principal`, narrowed to `department` when one is chosen, with
/// the departments the whole scope reaches (the filter). A person: the domain's scope (403
/// without one); a token: the agency it reaches (an unscoped token names one).
pub(crate) async fn resolve(
    state: &AppState,
    principal: &Principal,
    kind: DashboardKind,
    agency: Option<AgencyId>,
    department: Option<DepartmentId>,
) -> Result<(DashboardScope, Vec<ScopeDepartment>), WebError> {
    let scope = match principal {
        Principal::Anonymous => return Err(WebError::Unauthenticated),
        Principal::Person { actor, .. } => dashboard::scope(actor, kind).ok_or_else(not_open)?,
        Principal::Token(t) => match (t.agency, agency) {
            (Some(a), Some(b)) if a != b => return Err(not_open()),
            (Some(a), _) | (None, Some(a)) => DashboardScope::Agency { agency: a },
            (None, None) => {
                return Err(WebError::invalid(
                    "agency_required",
                    "Sebutkan instansi (parameter agency): token ini menjangkau semua instansi.",
                ));
            }
        },
    };
    if agency.is_some_and(|a| a != scope.agency()) {
        return Err(not_open());
    }
    let departments = state.store.dashboard_departments(&scope).await?;
    let scope = match department {
        None => scope,
        Some(d) => {
            let units = departments
                .iter()
                .find(|x| x.id == d)
                .map(|x| x.units.clone())
                .ok_or_else(not_open)?;
            scope
                .narrow_to(d, |u| units.contains(&u))
                .ok_or_else(not_open)?
        }
    };
    Ok((scope, departments))
}

/// Draws `kind` within `scope` for `period` (the filter `periode` of the kinds that have one).
async fn draw(
    state: &AppState,
    kind: DashboardKind,
    scope: &DashboardScope,
    period: Option<&str>,
) -> Result<Drawn, WebError> {
    match kind {
        DashboardKind::Placement => Ok(placement::draw(&placement_numbers(state, scope).await?)),
        DashboardKind::Planning => {
            let (d, periods) = planning_numbers(state, scope, period).await?;
            Ok(planning::draw(&d, periods))
        }
        DashboardKind::Performance => {
            let (d, periods) = performance_numbers(state, scope, period).await?;
            Ok(performance::draw(&d, scope, periods))
        }
        DashboardKind::Execution => Ok(execution::draw(&execution_numbers(state, scope).await?)),
        DashboardKind::Assignments => Ok(assignments::draw(
            &assignment_numbers(state, scope, None).await?,
        )),
        DashboardKind::Workflows => Ok(workflows::draw(&workflow_numbers(state, scope).await?)),
    }
}

/// One card of the index.
pub struct Card {
    pub code: &'static str,
    pub label: &'static str,
    pub headline: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboards/index.html")]
pub struct IndexPage {
    layout: Layout,
    cards: Vec<Card>,
}

/// `GET /dasbor`: the dashboards the reader may open, each with its headline number.
pub async fn show_index(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<IndexPage, PageError> {
    let actor = principal.actor().ok_or(WebError::Unauthenticated)?;
    let kinds = open_to(actor);
    if kinds.is_empty() {
        return Err(not_open().into());
    }
    let mut cards = Vec::new();
    for kind in kinds {
        let (scope, _) = resolve(&state, &principal, kind, None, None).await?;
        cards.push(Card {
            code: kind.code(),
            label: kind.label(),
            headline: draw(&state, kind, &scope, None).await?.headline,
        });
    }
    Ok(IndexPage {
        layout: Layout::new("Dasbor", state.demo_mode).crumb("Dasbor", "/dasbor"),
        cards,
    })
}

/// The query of a dashboard page.
#[derive(Debug, Default, Deserialize)]
pub struct DashboardQuery {
    /// A Perangkat Daerah of the scope (empty: the whole scope).
    pd: Option<String>,
    /// `xlsx`: the tables as a workbook.
    format: Option<String>,
    /// The period of the kinds that have one (`kinerja`: `2026-q4`; `perencanaan`: `2026`).
    periode: Option<String>,
    /// The unit of the assignment timeline (`penugasan`).
    unit: Option<String>,
}

/// A choice of the Perangkat Daerah filter.
pub struct Choice {
    pub id: i64,
    pub name: String,
    pub selected: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboards/dashboard.html")]
pub struct DashboardPage {
    layout: Layout,
    code: &'static str,
    label: &'static str,
    scope_label: String,
    choices: Vec<Choice>,
    chosen: Option<i64>,
    /// The units of the assignment timeline (`penugasan`; empty for the others).
    units: Vec<Choice>,
    drawn: Drawn,
}

fn department_filter(raw: Option<&str>) -> Result<Option<DepartmentId>, WebError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s
            .parse::<i64>()
            .map(|d| Some(DepartmentId(d)))
            .map_err(|_| {
                WebError::invalid("department_invalid", "Perangkat Daerah tidak dikenal.")
            }),
    }
}

fn scope_label(scope: &DashboardScope, departments: &[ScopeDepartment]) -> String {
    match scope {
        DashboardScope::Agency { .. } => "Seluruh instansi".to_string(),
        DashboardScope::Within {
            departments: ds,
            units,
            ..
        } => {
            let mut names: Vec<&str> = departments
                .iter()
                .filter(|d| ds.contains(&d.id))
                .map(|d| d.name.as_str())
                .collect();
            if !units.is_empty() {
                names.push("unit yang Anda pimpin");
            }
            names.join(", ")
        }
    }
}

/// `GET /dasbor/{kind}[?pd=ID][&format=xlsx]`
pub async fn show_dashboard(
    State(state): State<AppState>,
    principal: Principal,
    Path(code): Path<String>,
    query: Result<Query<DashboardQuery>, QueryRejection>,
) -> Result<Response, PageError> {
    // Pages are for people: a token is nobody here (the API answers it).
    principal.actor().ok_or(WebError::Unauthenticated)?;
    let kind = kind_of(&code)?;
    let Query(q) = query.map_err(WebError::from)?;
    let department = department_filter(q.pd.as_deref())?;
    let (scope, departments) = resolve(&state, &principal, kind, None, department).await?;
    let (drawn, units) = match kind {
        DashboardKind::Assignments => {
            let unit = assignments::unit_filter(q.unit.as_deref())?;
            assignments::draw_with_units(&state, &scope, unit).await?
        }
        _ => (
            draw(&state, kind, &scope, q.periode.as_deref()).await?,
            Vec::new(),
        ),
    };
    if q.format.as_deref() == Some("xlsx") {
        let tables: Vec<&DataTable> = drawn.panels.iter().map(|p| &p.table).collect();
        let bytes = crate::charts::table::workbook(&format!("Dasbor {}", kind.label()), &tables)
            .map_err(|e| WebError::internal("XLSX export failed", &e))?;
        let disposition = HeaderValue::from_str(&format!(
            "attachment; filename=\"dasbor-{}.xlsx\"",
            kind.code()
        ))
        .map_err(|e| WebError::internal("bad header", &e))?;
        return Ok((
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(crate::xlsx::CONTENT_TYPE),
                ),
                (header::CONTENT_DISPOSITION, disposition),
            ],
            bytes,
        )
            .into_response());
    }
    let label = scope_label(&scope, &departments);
    Ok(DashboardPage {
        layout: Layout::new(kind.label(), state.demo_mode)
            .crumb("Dasbor", "/dasbor")
            .crumb(kind.label(), format!("/dasbor/{}", kind.code())),
        code: kind.code(),
        label: kind.label(),
        scope_label: label,
        choices: departments
            .iter()
            .map(|d| Choice {
                id: d.id.0,
                name: d.name.clone(),
                selected: Some(d.id) == department,
            })
            .collect(),
        chosen: department.map(|d| d.0),
        units,
        drawn,
    }
    .into_response())
}
