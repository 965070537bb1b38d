//! The employee page (identity, position, acting posts, placement with rule and article, its
//! history, ratings, experience) and the employee search.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;
use sikerja_domain::organisation::EmployeeId;
use sikerja_storage::{EmployeeFilter, EmployeeView, PositionView};

use super::non_empty;
use crate::AppState;
use crate::authz::Principal;
use crate::error::PageError;
use crate::extract::Id;
use crate::format;
use crate::views::{AuditLine, Layout, OfficialCell, PlacementRow, decider_names};
use sikerja_domain::access::Action;

/// A position held or acted in, with its unit.
pub struct PostLine {
    pub name: String,
    pub class_label: &'static str,
    pub level: Option<&'static str>,
    pub unit_name: String,
    pub acting: Option<&'static str>,
}

impl PostLine {
    fn new(p: &PositionView, acting: Option<&'static str>) -> Self {
        PostLine {
            name: p.position.name.clone(),
            class_label: p.position.class.short_label(),
            level: p.position.functional_level.map(|l| l.label()),
            unit_name: p.unit_name.clone(),
            acting,
        }
    }
}

/// One change of the PPK (KED-11).
pub struct HistoryLine {
    pub date: String,
    pub assessor: Option<OfficialCell>,
    pub rule_id: String,
    pub article: String,
    pub manual: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "employees/show.html")]
pub struct EmployeePage {
    layout: Layout,
    name: String,
    nip: String,
    grade: String,
    employment: &'static str,
    education: &'static str,
    from_equalization: bool,
    agency_name: String,
    department: Option<(i64, String)>,
    post: Option<PostLine>,
    acting: Option<PostLine>,
    placement: Option<PlacementRow>,
    history: Vec<HistoryLine>,
    ratings: Vec<(u16, &'static str)>,
    experience: Vec<(String, u8)>,
    /// The record's own audit history, for the person themself and those who read the audit
    /// trail of the agency (BKPSDM admin, Sekda); `None` for everyone else.
    audit: Option<Vec<AuditLine>>,
}

/// `GET /pegawai/{id}`
pub async fn show_employee(
    State(state): State<AppState>,
    principal: Principal,
    Id(id): Id,
) -> Result<EmployeePage, PageError> {
    let view = state.store.employee(EmployeeId(id)).await?;
    let own = principal
        .actor()
        .is_some_and(|a| a.facts().employee == Some(EmployeeId(id)));
    let reads_audit = principal
        .require(Action::ReadAudit {
            agency: view.employee.agency,
        })
        .is_ok();
    let audit = if own || reads_audit {
        let entries = state.store.audit_of("employee", &id.to_string()).await?;
        Some(entries.into_iter().rev().map(AuditLine::from).collect())
    } else {
        None
    };
    let placement = state.store.placement_of(EmployeeId(id)).await?;
    let history = state.store.placement_history(EmployeeId(id)).await?;
    let placed: Vec<_> = placement.iter().cloned().collect();
    let deciders = decider_names(&state.store, &placed).await;
    let e = &view.employee;
    let mut layout = Layout::new(e.display_name(), state.demo_mode);
    if let Some(d) = &view.department {
        layout = layout.crumb(d.name.clone(), format!("/perangkat-daerah/{}", d.id));
    }
    let mut ratings: Vec<_> = e
        .ratings
        .iter()
        .map(|r| (r.year, r.rating.label()))
        .collect();
    ratings.sort_by_key(|r| std::cmp::Reverse(r.0));
    Ok(EmployeePage {
        layout: layout.crumb(e.display_name(), format!("/pegawai/{id}")),
        name: e.display_name(),
        nip: e.nip.spaced(),
        grade: format::grade(e.grade, None),
        employment: e.employment_type.label(),
        education: e.education.label(),
        from_equalization: e.from_equalization,
        agency_name: view.agency_name.clone(),
        department: view.department.as_ref().map(|d| (d.id.0, d.name.clone())),
        post: view.position.as_ref().map(|p| PostLine::new(p, None)),
        acting: view
            .acting_in
            .as_ref()
            .map(|p| PostLine::new(p, Some(p.acting_kind.map(|k| k.label()).unwrap_or("Plt.")))),
        placement: placement.as_ref().map(|p| PlacementRow::new(p, &deciders)),
        history: history
            .iter()
            .rev()
            .map(|h| HistoryLine {
                date: format::date(h.changed_at),
                assessor: h.assessor.as_ref().map(OfficialCell::from),
                rule_id: h.rule_id.clone(),
                article: h.article.clone(),
                manual: h.manual,
            })
            .collect(),
        ratings,
        audit,
        experience: e
            .experience
            .iter()
            .map(|x| (x.field.clone(), x.years))
            .collect(),
    })
}

/// `?q=` of the search, `halaman` for the page number (from 1).
#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    pub q: Option<String>,
    pub halaman: Option<String>,
}

/// One search result.
pub struct ResultLine {
    pub id: i64,
    pub name: String,
    pub nip: String,
    pub position: String,
    pub department: String,
}

const PAGE_SIZE: u32 = 50;

#[derive(Template, WebTemplate)]
#[template(path = "employees/search.html")]
pub struct SearchPage {
    layout: Layout,
    q: String,
    results: Vec<ResultLine>,
    total: u64,
    page: u32,
    pages: u32,
    prev_href: Option<String>,
    next_href: Option<String>,
}

fn page_href(q: &str, page: u32) -> String {
    let query =
        serde_urlencoded::to_string([("q", q), ("halaman", &page.to_string())]).unwrap_or_default();
    format!("/pegawai?{query}")
}

/// `GET /pegawai?q=`
pub async fn search_employees(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<SearchQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<SearchPage, PageError> {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let q = non_empty(query.q);
    let page = query
        .halaman
        .and_then(|h| h.trim().parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let (agency, department) = principal.scope().page_filter()?;
    let (results, total) = match &q {
        Some(search) => {
            let found = state
                .store
                .employees(&EmployeeFilter {
                    agency,
                    department,
                    search: Some(super::search_text(search)),
                    limit: PAGE_SIZE,
                    offset: (page - 1).saturating_mul(PAGE_SIZE),
                })
                .await?;
            (found.items.iter().map(result).collect(), found.total)
        }
        None => (Vec::new(), 0),
    };
    let q = q.unwrap_or_default();
    let pages: u32 = total
        .div_ceil(u64::from(PAGE_SIZE))
        .try_into()
        .unwrap_or(u32::MAX);
    Ok(SearchPage {
        layout: Layout::new("Cari pegawai", state.demo_mode).crumb("Cari pegawai", "/pegawai"),
        prev_href: (page > 1).then(|| page_href(&q, page - 1)),
        next_href: (page < pages).then(|| page_href(&q, page + 1)),
        q,
        results,
        total,
        page,
        pages,
    })
}

fn result(v: &EmployeeView) -> ResultLine {
    ResultLine {
        id: v.employee.id.0,
        name: v.employee.display_name(),
        nip: v.employee.nip.spaced(),
        position: v
            .position
            .as_ref()
            .map(|p| p.position.name.clone())
            .unwrap_or_else(|| "—".into()),
        department: v
            .department
            .as_ref()
            .map(|d| d.name.clone())
            .unwrap_or_else(|| v.agency_name.clone()),
    }
}
