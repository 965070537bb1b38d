//! Rincian kedudukan (KED-11): every JF and Pelaksana of a department with unit, position,
//! superior, PPK, coordinator, recommender, the rule and its article, notes and manual
//! decisions; filtered by GET parameters (htmx swaps only the table), exportable to XLSX;
//! `?per=YYYY-MM-DD` shows them as of that day (issue 14 point 1: who assessed whom on 1 March,
//! or who will once the pending changes take effect), computed, not stored. A large department
//! (RSUD, about 570 rows) is shown [`PAGE_SIZE`] rows a page (`?halaman=`, issue 15 point 8; the
//! database counts and cuts today's page, `Store::placements_page`),
//! the filters and the day kept in the page links; the XLSX export has every matching row.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sikerja_domain::organisation::{DepartmentId, UnitId};
use sikerja_domain::rules::RuleId;
use sikerja_storage::{PlacementFilter, PlacementStatus, PlacementView, Store};

use super::departments::{DepartmentHeader, load_header};
use super::organisation::as_of::{self, AsOf};
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
    /// The day shown (`YYYY-MM-DD`); today when absent.
    pub per: Option<String>,
    /// The page of the table (from 1); not part of the filters, so not in the export link.
    #[serde(skip_serializing)]
    pub halaman: Option<String>,
}

/// Rows of the kedudukan table per page.
pub const PAGE_SIZE: usize = 100;

impl PlacementQuery {
    fn normalised(self) -> Self {
        PlacementQuery {
            unit: non_empty(self.unit),
            status: non_empty(self.status),
            rule: non_empty(self.rule),
            q: non_empty(self.q),
            per: non_empty(self.per),
            halaman: non_empty(self.halaman),
        }
    }

    /// The page asked for (from 1; anything unreadable is the first).
    fn page(&self) -> usize {
        self.halaman
            .as_deref()
            .and_then(|h| h.parse::<usize>().ok())
            .filter(|h| *h >= 1)
            .unwrap_or(1)
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

    /// Whether a placement computed as of a day passes the filters, as [`Self::filter`]
    /// would in storage.
    fn matches(&self, p: &PlacementView) -> bool {
        let f = self.filter(p.department.0);
        let unit = f.unit.is_none_or(|u| u == p.unit);
        let status = f.status.is_none_or(|s| s == p.status);
        let rule = f
            .rule_id
            .as_deref()
            .is_none_or(|r| p.rule_id == r || p.assessor_rule_id.as_deref() == Some(r));
        let search = f.search.as_deref().is_none_or(|text| {
            let lower = text.to_lowercase();
            p.employee.name.to_lowercase().contains(&lower)
                || (text.chars().all(|c| c.is_ascii_digit())
                    && p.employee.nip.as_str().contains(text))
        });
        unit && status && rule && search
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

/// The table fragment that htmx swaps: one page of the rows matching the filters.
pub struct PlacementTable {
    pub rows: Vec<PlacementRow>,
    pub export_href: String,
    /// Rows matching the filters, on every page.
    pub total: usize,
    /// The 1-based numbers of the first and last row shown.
    pub first: usize,
    pub last: usize,
    pub page: usize,
    pub pages: usize,
    pub prev_href: Option<String>,
    pub next_href: Option<String>,
}

/// One page of the placements matching the filters.
struct PageOf {
    shown: Vec<PlacementView>,
    total: usize,
    page: usize,
    pages: usize,
    prev: Option<String>,
    next: Option<String>,
}

/// The page `page` of `views` (clamped to the last page) with the links to its neighbours,
/// which keep the filters and the day.
fn paged(views: Vec<PlacementView>, page: usize, href: impl Fn(usize) -> String) -> PageOf {
    let total = views.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let start = (page - 1) * PAGE_SIZE;
    let shown = views.into_iter().skip(start).take(PAGE_SIZE).collect();
    page_of(shown, total, page, href)
}

fn page_of(
    shown: Vec<PlacementView>,
    total: usize,
    page: usize,
    href: impl Fn(usize) -> String,
) -> PageOf {
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    PageOf {
        shown,
        total,
        page,
        pages,
        prev: (page > 1).then(|| href(page - 1)),
        next: (page < pages).then(|| href(page + 1)),
    }
}

/// One page of the placements the query asks for. Today's are cut by the database
/// (`placements_page`: only the page is loaded); another day's are computed whole by the
/// engine and cut here. A page past the end shows the last one.
async fn load_page(
    store: &Store,
    id: i64,
    query: &PlacementQuery,
    href: impl Fn(usize) -> String,
) -> Result<(PageOf, Option<AsOf>), WebError> {
    let today = as_of::today();
    if as_of::parse(query.per.as_deref(), today)?.is_some() {
        let (views, as_of) = load_views(store, id, query).await?;
        return Ok((paged(views, query.page(), href), as_of));
    }
    let filter = query.filter(id);
    let size = PAGE_SIZE as u64;
    let offset = |page: usize| (page.max(1) as u64 - 1) * size;
    let mut page = query.page().max(1);
    let mut got = store.placements_page(&filter, offset(page), size).await?;
    let total = usize::try_from(got.total).unwrap_or(usize::MAX);
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    if page > pages {
        page = pages;
        got = store.placements_page(&filter, offset(page), size).await?;
    }
    Ok((page_of(got.items, total, page, href), None))
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
    /// Another day than today, with its banner.
    as_of: Option<AsOf>,
    /// The day in the date field.
    per: String,
    /// This page today.
    today_href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "placements/table.html")]
pub struct PlacementsFragment {
    table: PlacementTable,
}

/// The placements the query asks for: stored ones today, computed as of another day.
async fn load_views(
    store: &Store,
    id: i64,
    query: &PlacementQuery,
) -> Result<(Vec<PlacementView>, Option<AsOf>), WebError> {
    let today = as_of::today();
    match as_of::parse(query.per.as_deref(), today)? {
        None => Ok((store.placements(&query.filter(id)).await?, None)),
        Some(a) => {
            let all = store
                .placements_as_of(DepartmentId(id), a.day, today)
                .await?;
            Ok((
                all.into_iter().filter(|p| query.matches(p)).collect(),
                Some(a),
            ))
        }
    }
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
    let filters = query.query_string();
    let sep = if filters.is_empty() { "" } else { "&" };
    let (shown, as_of) = load_page(&state.store, id, &query, |n| {
        format!("/perangkat-daerah/{id}/kedudukan?{filters}{sep}halaman={n}")
    })
    .await?;
    let deciders = decider_names(&state.store, &shown.shown).await;
    let first = if shown.total == 0 {
        0
    } else {
        (shown.page - 1) * PAGE_SIZE + 1
    };
    let table = PlacementTable {
        rows: shown
            .shown
            .iter()
            .map(|p| PlacementRow::new(p, &deciders))
            .collect(),
        export_href: format!("/perangkat-daerah/{id}/kedudukan.xlsx?{filters}"),
        total: shown.total,
        first,
        last: first + shown.shown.len().saturating_sub(1),
        page: shown.page,
        pages: shown.pages,
        prev_href: shown.prev,
        next_href: shown.next,
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
        per: as_of
            .as_ref()
            .map_or_else(|| as_of::today().to_string(), |a| a.iso.clone()),
        as_of,
        today_href: format!("/perangkat-daerah/{id}/kedudukan"),
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
    let (views, _) = load_views(&state.store, id, &query).await?;
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
