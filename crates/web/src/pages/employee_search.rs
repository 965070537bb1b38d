//! The employee search (`GET /pegawai`): by name or NIP, and for BKPSDM the filters the HR
//! admin works with (issue 14 point 1) — department, unit, PNS/PPPK, holding no position —
//! paged, narrowed to what the person may see; "Pegawai baru" for those who record hires.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::{Deserialize, Serialize};
use sikerja_domain::org::EmploymentType;
use sikerja_domain::organisation::{DepartmentId, UnitId};
use sikerja_storage::{EmployeeFilter, EmployeeView};

use super::non_empty;
use super::organisation::links::{Rights, Subject, new_change_href};
use super::placements::Choice;
use crate::AppState;
use crate::authz::Principal;
use crate::error::PageError;
use crate::views::Layout;

/// `?q=&perangkat-daerah=&unit=&jenis=&jabatan=tanpa&halaman=`
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct SearchQuery {
    pub q: Option<String>,
    #[serde(rename = "perangkat-daerah")]
    pub department: Option<String>,
    pub unit: Option<String>,
    /// `pns` or `pppk`.
    pub jenis: Option<String>,
    /// `tanpa`: holding no definitive position.
    pub jabatan: Option<String>,
    #[serde(skip_serializing)]
    pub halaman: Option<String>,
}

impl SearchQuery {
    fn normalised(self) -> Self {
        SearchQuery {
            q: non_empty(self.q),
            department: non_empty(self.department),
            unit: non_empty(self.unit),
            jenis: non_empty(self.jenis),
            jabatan: non_empty(self.jabatan),
            halaman: self.halaman,
        }
    }

    fn any(&self) -> bool {
        self.q.is_some()
            || self.department.is_some()
            || self.unit.is_some()
            || self.jenis.is_some()
            || self.jabatan.is_some()
    }

    fn href(&self, page: u32) -> String {
        let query = serde_urlencoded::to_string(self).unwrap_or_default();
        let sep = if query.is_empty() { "" } else { "&" };
        format!("/pegawai?{query}{sep}halaman={page}")
    }
}

/// One search result.
pub struct ResultLine {
    pub id: i64,
    pub name: String,
    pub nip: String,
    pub employment: &'static str,
    pub position: String,
    pub unit: String,
    pub department: String,
}

const PAGE_SIZE: u32 = 50;

#[derive(Template, WebTemplate)]
#[template(path = "employees/search.html")]
pub struct SearchPage {
    layout: Layout,
    q: String,
    searched: bool,
    departments: Vec<Choice>,
    units: Vec<Choice>,
    kinds: Vec<Choice>,
    without_position: bool,
    results: Vec<ResultLine>,
    total: u64,
    page: u32,
    pages: u32,
    prev_href: Option<String>,
    next_href: Option<String>,
    /// "Pegawai baru" for the HR admin (`Action::RecordOrgChange`, staff).
    hire_href: Option<String>,
    /// The structure page, for those who keep the organisation.
    structure: bool,
}

/// `GET /pegawai`
pub async fn search_employees(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<SearchQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<SearchPage, PageError> {
    let query = query.map(|Query(q)| q).unwrap_or_default().normalised();
    let page = query
        .halaman
        .as_deref()
        .and_then(|h| h.trim().parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let scope = principal.scope();
    let (own_agency, _) = scope.page_filter()?;
    let chosen = query
        .department
        .as_deref()
        .and_then(|d| d.parse::<i64>().ok())
        .map(DepartmentId);
    let (agency, department) = match chosen {
        Some(d) => scope.narrow(None, Some(d))?,
        None => scope.page_filter()?,
    };
    // The departments one may choose: those the scope reaches.
    let departments = state
        .store
        .departments(own_agency)
        .await?
        .into_iter()
        .filter(|d| scope.reaches_department(d.department.agency, d.department.id))
        .map(|d| Choice {
            value: d.department.id.to_string(),
            label: d.department.name.clone(),
            selected: chosen == Some(d.department.id),
        })
        .collect();
    // Units only of the chosen department: a unit elsewhere filters nothing.
    let unit_rows = match chosen.and(department) {
        Some(d) => state.store.units(d).await?,
        None => Vec::new(),
    };
    let unit = query
        .unit
        .as_deref()
        .and_then(|u| u.parse::<i64>().ok())
        .map(UnitId)
        .filter(|u| unit_rows.iter().any(|x| x.id == *u));
    let units = unit_rows
        .iter()
        .map(|u| Choice {
            value: u.id.to_string(),
            label: u.name.clone(),
            selected: unit == Some(u.id),
        })
        .collect();
    let employment = query.jenis.as_deref().and_then(EmploymentType::from_code);
    let without_position = query.jabatan.as_deref() == Some("tanpa");
    let kinds = EmploymentType::ALL
        .iter()
        .map(|k| Choice {
            value: k.code().into(),
            label: k.label().into(),
            selected: employment == Some(*k),
        })
        .collect();
    let searched = query.any();
    let (results, total) = if searched {
        let found = state
            .store
            .employees(&EmployeeFilter {
                agency,
                // Chosen, else the person's reach (the whole agency: none).
                department,
                search: query.q.as_deref().map(super::search_text),
                unit,
                employment,
                without_position,
                limit: PAGE_SIZE,
                offset: (page - 1).saturating_mul(PAGE_SIZE),
            })
            .await?;
        (found.items.iter().map(result).collect(), found.total)
    } else {
        (Vec::new(), 0)
    };
    let pages: u32 = total
        .div_ceil(u64::from(PAGE_SIZE))
        .try_into()
        .unwrap_or(u32::MAX);
    let rights = own_agency
        .map(|a| Rights::of(&principal, a))
        .unwrap_or_default();
    Ok(SearchPage {
        layout: Layout::new("Cari pegawai", state.demo_mode).crumb("Cari pegawai", "/pegawai"),
        prev_href: (page > 1).then(|| query.href(page - 1)),
        next_href: (page < pages).then(|| query.href(page + 1)),
        q: query.q.clone().unwrap_or_default(),
        searched,
        departments,
        units,
        kinds,
        without_position,
        results,
        total,
        page,
        pages,
        hire_href: rights
            .staff
            .then(|| new_change_href("hire", Subject::default())),
        structure: rights.structure,
    })
}

fn result(v: &EmployeeView) -> ResultLine {
    ResultLine {
        id: v.employee.id.0,
        name: v.employee.display_name(),
        nip: v.employee.nip.spaced(),
        employment: v.employee.employment_type.label(),
        position: v
            .position
            .as_ref()
            .map(|p| p.position.name.clone())
            .unwrap_or_else(|| "Tanpa jabatan".into()),
        unit: v.unit_name.clone().unwrap_or_default(),
        department: v
            .department
            .as_ref()
            .map(|d| d.name.clone())
            .unwrap_or_else(|| v.agency_name.clone()),
    }
}
