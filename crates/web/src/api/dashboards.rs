//! `/api/v1/dashboards/{kind}` (issue 18 point 5): the numbers behind each dashboard's charts,
//! for the regency's own SPBE dashboards, with the scope they were counted in. A person gets
//! the scope of `sikerja_domain::dashboard::scope` (403 `forbidden` without one); an API token
//! the agency it reaches (an unscoped token names it with `agency`).

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use sikerja_domain::dashboard::{DashboardKind, DashboardScope};
use sikerja_domain::organisation::{AgencyId, DepartmentId, UnitId};
use sikerja_storage::dashboards::PlacementDashboard;
use utoipa::{IntoParams, ToSchema};

use super::performance_dashboard::PerformanceNumbersDto;
use super::planning_dashboard::PlanningNumbersDto;
use crate::AppState;
use crate::api::dto::work_dashboards::{AssignmentNumbersDto, WorkflowNumbersDto};
use crate::authz::Principal;
use crate::error::{ApiError, ErrorEnvelope};
use crate::pages::dashboards::{
    assignment_numbers, execution_numbers, kind_of, performance_numbers, placement_numbers,
    planning_numbers, resolve, workflow_numbers,
};

/// Filters of a dashboard.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// The agency (required for a token reaching every agency; otherwise the caller's).
    pub agency: Option<i64>,
    /// Only this department (*Perangkat Daerah*) of the scope.
    pub department: Option<i64>,
    /// The period: `kinerja` an assessment period (`2026-q4`, `2026-y`; none: the period due
    /// now), `perencanaan` a year (`2026`; none: this year).
    pub period: Option<String>,
    /// `penugasan`: the unit of the timeline (default: the first with assignments).
    pub unit: Option<i64>,
}

/// How far the numbers reach.
#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardScopeDto {
    /// `agency` (the whole agency) or `within` (the departments and units listed).
    pub kind: String,
    pub agency: i64,
    /// Whole departments in scope (`within`).
    pub departments: Vec<i64>,
    /// Units in scope with their subtrees (`within`).
    pub units: Vec<i64>,
}

impl From<&DashboardScope> for DashboardScopeDto {
    fn from(s: &DashboardScope) -> Self {
        match s {
            DashboardScope::Agency { agency } => DashboardScopeDto {
                kind: "agency".into(),
                agency: agency.0,
                departments: Vec::new(),
                units: Vec::new(),
            },
            DashboardScope::Within {
                agency,
                departments,
                units,
            } => DashboardScopeDto {
                kind: "within".into(),
                agency: agency.0,
                departments: departments.iter().map(|d| d.0).collect(),
                units: units.iter().map(|u| u.0).collect(),
            },
        }
    }
}

/// Placed and unresolved employees of one department.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentPlacementsDto {
    pub department: i64,
    pub name: String,
    pub placed: u32,
    pub unresolved: u32,
}

/// One official's span of control (KED-10).
#[derive(Debug, Serialize, ToSchema)]
pub struct SpanRowDto {
    pub position: i64,
    pub position_name: String,
    pub employee: i64,
    pub name: String,
    pub department_name: String,
    /// Functional officials and executors placed directly under the official.
    pub placed: u32,
    /// Those the official assesses.
    pub assessed: u32,
    /// `placed` exceeds the agency's threshold.
    pub over_threshold: bool,
}

/// The placement dashboard (`kedudukan`): placed vs unresolved per department; span of
/// control per official against the KED-10 threshold.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlacementNumbersDto {
    pub departments: Vec<DepartmentPlacementsDto>,
    /// Largest spans first.
    pub spans: Vec<SpanRowDto>,
    /// The agency's span-of-control threshold in force today.
    pub threshold: u32,
    /// The rule the threshold comes from: `KED-10`.
    pub rule_id: String,
    pub article: String,
}

impl From<&PlacementDashboard> for PlacementNumbersDto {
    fn from(d: &PlacementDashboard) -> Self {
        let cite = crate::pages::dashboards::KED_10;
        PlacementNumbersDto {
            departments: d
                .departments
                .iter()
                .map(|r| DepartmentPlacementsDto {
                    department: r.department.0,
                    name: r.name.clone(),
                    placed: r.placed,
                    unresolved: r.unresolved,
                })
                .collect(),
            spans: d
                .spans
                .iter()
                .map(|s| SpanRowDto {
                    position: s.position.0,
                    position_name: s.position_name.clone(),
                    employee: s.employee.0,
                    name: s.name.clone(),
                    department_name: s.department_name.clone(),
                    placed: s.placed,
                    assessed: s.assessed,
                    over_threshold: s.placed > d.threshold,
                })
                .collect(),
            threshold: d.threshold,
            rule_id: cite.rule_id.to_string(),
            article: cite.article.to_string(),
        }
    }
}

/// A dashboard's numbers with the scope they were counted in.
#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardDto {
    /// The dashboard's code: `kedudukan`, `perencanaan`, `penugasan`, `alur`, `pelaksanaan`,
    /// `kinerja`.
    pub kind: String,
    pub scope: DashboardScopeDto,
    /// The placement dashboard's numbers (`kedudukan`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<PlacementNumbersDto>,
    /// The planning dashboard's numbers (`perencanaan`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planning: Option<PlanningNumbersDto>,
    /// The performance dashboard's numbers (`kinerja`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance: Option<PerformanceNumbersDto>,
    /// The execution and review dashboard's numbers (`pelaksanaan`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub execution: Option<super::dashboards_execution::ExecutionNumbersDto>,
    /// The assignment dashboard's numbers (`penugasan`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignments: Option<AssignmentNumbersDto>,
    /// The workflow dashboard's numbers (`alur`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workflows: Option<WorkflowNumbersDto>,
}

/// The numbers of one dashboard within the caller's scope.
#[utoipa::path(
    get,
    path = "/api/v1/dashboards/{kind}",
    tag = "dashboards",
    params(
        ("kind" = String, Path, description = "Dashboard code: `kedudukan` (placement and span of control), `perencanaan` (agreements and target realisation), `penugasan` (assignments: PEN-05/06 workload, scope and instrument, a unit's timeline), `alur` (workflows: waiting times, overdue steps, nudges and escalations), `pelaksanaan` (execution and review), `kinerja` (assessments and the predikat curve)"),
        DashboardQuery
    ),
    responses(
        (status = 200, description = "The dashboard's numbers and their scope", body = DashboardDto),
        (status = 403, description = "The caller may not open this dashboard or scope", body = ErrorEnvelope),
        (status = 404, description = "No such dashboard", body = ErrorEnvelope),
        (status = 422, description = "Invalid parameters (a token reaching every agency must name one: `agency_required`)", body = ErrorEnvelope)
    )
)]
pub async fn get_dashboard(
    State(state): State<AppState>,
    principal: Principal,
    Path(code): Path<String>,
    query: Result<Query<DashboardQuery>, QueryRejection>,
) -> Result<Json<DashboardDto>, ApiError> {
    let kind = kind_of(&code)?;
    let Query(q) = query?;
    let (scope, _) = resolve(
        &state,
        &principal,
        kind,
        q.agency.map(AgencyId),
        q.department.map(DepartmentId),
    )
    .await?;
    let placement = match kind {
        DashboardKind::Placement => Some(PlacementNumbersDto::from(
            &placement_numbers(&state, &scope).await?,
        )),
        _ => None,
    };
    let planning = match kind {
        DashboardKind::Planning => Some(PlanningNumbersDto::from(
            &planning_numbers(&state, &scope, q.period.as_deref())
                .await?
                .0,
        )),
        _ => None,
    };
    let performance = match kind {
        DashboardKind::Performance => Some(PerformanceNumbersDto::new(
            scope.agency().0,
            &performance_numbers(&state, &scope, q.period.as_deref())
                .await?
                .0,
        )),
        _ => None,
    };
    let execution = match kind {
        DashboardKind::Execution => Some((&execution_numbers(&state, &scope).await?).into()),
        _ => None,
    };
    let assignments = match kind {
        DashboardKind::Assignments => Some(AssignmentNumbersDto::from(
            &assignment_numbers(&state, &scope, q.unit.map(UnitId)).await?,
        )),
        _ => None,
    };
    let workflows = match kind {
        DashboardKind::Workflows => Some(WorkflowNumbersDto::from(
            &workflow_numbers(&state, &scope).await?,
        )),
        _ => None,
    };
    Ok(Json(DashboardDto {
        kind: kind.code().to_string(),
        scope: DashboardScopeDto::from(&scope),
        placement,
        planning,
        performance,
        execution,
        assignments,
        workflows,
    }))
}
