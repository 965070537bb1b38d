//! Rincian kedudukan (KED-11): every JF and Pelaksana of a department with unit, position,
//! superior, PPK, coordinator, recommender, the rule and its article, notes and manual
//! decisions; filtered by GET parameters (htmx swaps only the table), exportable to XLSX.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sikerja_domain::organisation::{DepartmentId, UnitId};
use sikerja_domain::rules::RuleId;
use sikerja_storage::{PlacementFilter, PlacementStatus};

use super::departments::{DepartmentHeader, load_header};
use super::{non_empty, wants_fragment};
use crate::AppState;
use crate::error::{PageError, WebError};
use crate::extract::Id;
use crate::views::{Layout, PlacementRow, decider_names};

/// The rules that decide a placement, offered in the rule filter.
pub const PLACEMENT_RULES: [RuleId; 9] = [
    RuleId::KED_01,
    RuleId::KED_02,
    RuleId::KED_03,
    RuleId::KED_04,
    RuleId::KED_05,
    RuleId::KED_06,
    RuleId::KED_07,
    RuleId::KED_08,
    RuleId::KED_09,
];

/// Filters of the kedudukan page, as GET parameters (`?unit=&status=&rule=&q=`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct PlacementQuery {
    pub unit: Option<String>,
    /// `ditetapkan` or `belum` (also accepts `placed` / `unresolved`).
    pub status: Option<String>,
    pub rule: Option<String>,
    pub q: Option<String>,
}

impl PlacementQuery {
    fn normalised(self) -> Self {
        PlacementQuery {
            unit: non_empty(self.unit),
            status: non_empty(self.status),
            rule: non_empty(self.rule),
            q: non_empty(self.q),
        }
    }

    fn status(&self) -> Option<PlacementStatus> {
        match self.status.as_deref() {
            Some("ditetapkan" | "placed") => Some(PlacementStatus::Placed),
            Some("belum" | "unresolved") => Some(PlacementStatus::Unresolved),
            _ => None,
        }
    }

    /// The storage filter for one department. Unknown values filter nothing.
    pub fn filter(&self, department: i64) -> PlacementFilter {
        PlacementFilter {
            agency: None,
            department: Some(DepartmentId(department)),
            unit: self
                .unit
                .as_deref()
                .and_then(|u| u.parse().ok())
                .map(UnitId),
            status: self.status(),
            rule_id: self.rule.clone(),
            search: self.q.as_deref().map(super::search_text),
        }
    }

    fn query_string(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}

/// A choice of a `<select>`.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The table fragment that htmx swaps.
pub struct PlacementTable {
    pub rows: Vec<PlacementRow>,
    pub export_href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "placements/list.html")]
pub struct PlacementsPage {
    layout: Layout,
    header: DepartmentHeader,
    units: Vec<Choice>,
    statuses: Vec<Choice>,
    rules: Vec<Choice>,
    q: String,
    table: PlacementTable,
}

#[derive(Template, WebTemplate)]
#[template(path = "placements/table.html")]
pub struct PlacementsFragment {
    table: PlacementTable,
}

/// `GET /perangkat-daerah/{id}/kedudukan`
pub async fn list_placements(
    State(state): State<AppState>,
    Id(id): Id,
    headers: HeaderMap,
    query: Result<Query<PlacementQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, PageError> {
    let query = query.map(|Query(q)| q).unwrap_or_default().normalised();
    let header = load_header(&state.store, id, "kedudukan").await?;
    let views = state.store.placements(&query.filter(id)).await?;
    let deciders = decider_names(&state.store, &views).await;
    let table = PlacementTable {
        rows: views
            .iter()
            .map(|p| PlacementRow::new(p, &deciders))
            .collect(),
        export_href: format!(
            "/perangkat-daerah/{id}/kedudukan.xlsx?{}",
            query.query_string()
        ),
    };
    // The same URL answers a page or a fragment: caches must tell them apart.
    let vary = [(header::VARY, HeaderValue::from_static("HX-Request"))];
    if wants_fragment(&headers) {
        return Ok((vary, PlacementsFragment { table }).into_response());
    }
    let units = state.store.units(DepartmentId(id)).await?;
    let selected = |v: &str, current: &Option<String>| current.as_deref() == Some(v);
    let page = PlacementsPage {
        layout: header.layout(Some("Rincian Kedudukan"), state.demo_mode),
        header,
        units: units
            .iter()
            .map(|u| Choice {
                value: u.id.to_string(),
                label: u.name.clone(),
                selected: selected(&u.id.to_string(), &query.unit),
            })
            .collect(),
        statuses: [
            ("ditetapkan", "Ditetapkan"),
            ("belum", "Belum terselesaikan"),
        ]
        .into_iter()
        .map(|(value, label)| Choice {
            value: value.into(),
            label: label.into(),
            selected: selected(value, &query.status),
        })
        .collect(),
        rules: PLACEMENT_RULES
            .iter()
            .map(|r| Choice {
                value: r.as_str().into(),
                label: format!("{} — {}", r.as_str(), r.title()),
                selected: selected(r.as_str(), &query.rule),
            })
            .collect(),
        q: query.q.clone().unwrap_or_default(),
        table,
    };
    Ok((vary, page).into_response())
}

/// `GET /perangkat-daerah/{id}/kedudukan.xlsx` — the filtered list as a workbook.
pub async fn export_placements(
    State(state): State<AppState>,
    Id(id): Id,
    query: Result<Query<PlacementQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, PageError> {
    let query = query.map(|Query(q)| q).unwrap_or_default().normalised();
    let dept = load_header(&state.store, id, "kedudukan").await?;
    let views = state.store.placements(&query.filter(id)).await?;
    let deciders = decider_names(&state.store, &views).await;
    let rows: Vec<PlacementRow> = views
        .iter()
        .map(|p| PlacementRow::new(p, &deciders))
        .collect();
    let bytes = crate::xlsx::placements(&dept.name, &rows)
        .map_err(|e| WebError::internal("XLSX export failed", &e))?;
    let filename = format!("rincian-kedudukan-{id}.xlsx");
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\""))
        .map_err(|e| WebError::internal("bad header", &e))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(crate::xlsx::CONTENT_TYPE),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
