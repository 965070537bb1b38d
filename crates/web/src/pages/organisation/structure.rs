//! `GET /organisasi/struktur` — the organisation of the person's agency for Bagian Organisasi
//! and BKPSDM (issue 14 point 3): its departments, and for the one chosen
//! (`?perangkat-daerah=`) the units as a nested tree with each unit's positions (class and
//! level, holder or "Lowong", Plt./Plh.) and the links to the change forms the person may
//! open. `?per=YYYY-MM-DD` shows the organisation as of that day (point 1).

use std::collections::{HashMap, HashSet};

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;
use sikerja_domain::changes::ChangeArea;
use sikerja_domain::organisation::{
    AgencyId, DepartmentId, Employee, EmployeeId, Organisation, Position, Unit, UnitId,
};

use super::as_of::{self, AsOf};
use super::links::{ChangeLink, Rights, Subject, links};
use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};
use crate::views::Layout;

use ChangeArea::{Staff, Structure};

/// Changes offered on every unit (the top unit of a department cannot move, merge or close:
/// `department_root_fixed`).
const UNIT_CHANGES: [(&str, &str, ChangeArea); 3] = [
    ("add_unit", "Tambah sub-unit", Structure),
    ("add_position", "Tambah jabatan", Structure),
    ("rename_unit", "Ubah nama", Structure),
];
const SUB_UNIT_CHANGES: [(&str, &str, ChangeArea); 3] = [
    ("move_unit", "Pindahkan", Structure),
    ("merge_unit", "Gabungkan", Structure),
    ("close_unit", "Hapus unit", Structure),
];
const POSITION_CHANGES: [(&str, &str, ChangeArea); 1] =
    [("change_position", "Ubah jabatan", Structure)];
/// Only a vacant post closes (ORG-05), and only a vacant one takes a definitive holder.
const VACANT_POSITION_CHANGES: [(&str, &str, ChangeArea); 2] = [
    ("appoint", "Angkat pejabat", Staff),
    ("close_position", "Hapus jabatan", Structure),
];
const NO_ACTING_CHANGES: [(&str, &str, ChangeArea); 1] =
    [("name_acting", "Tunjuk Plt./Plh.", Staff)];
const ACTING_CHANGES: [(&str, &str, ChangeArea); 1] = [("end_acting", "Akhiri Plt./Plh.", Staff)];

/// `?perangkat-daerah=&per=`
#[derive(Debug, Default, Deserialize)]
pub struct StructureQuery {
    #[serde(rename = "perangkat-daerah")]
    pub department: Option<String>,
    pub per: Option<String>,
}

/// A person on a post.
pub struct HolderCell {
    pub id: i64,
    pub name: String,
    pub nip: String,
}

impl HolderCell {
    fn new(e: &Employee) -> Self {
        HolderCell {
            id: e.id.0,
            name: e.display_name(),
            nip: e.nip.spaced(),
        }
    }
}

/// One position of a unit.
pub struct PostNode {
    pub id: i64,
    pub name: String,
    pub class_label: &'static str,
    pub level: Option<&'static str>,
    pub is_head: bool,
    pub holder: Option<HolderCell>,
    pub acting: Option<(&'static str, HolderCell)>,
    pub links: Vec<ChangeLink>,
}

/// One unit: a `<details>` that stays open for its sub-units; `closes` is how many end after
/// it (itself, plus finished ancestors).
pub struct UnitNode {
    pub id: i64,
    pub name: String,
    pub kind_label: &'static str,
    pub depth: usize,
    pub open: bool,
    pub posts: Vec<PostNode>,
    pub vacant: usize,
    pub links: Vec<ChangeLink>,
    pub closes: usize,
}

/// A department in the list, with its counts as of the day shown.
pub struct DepartmentLine {
    pub name: String,
    pub href: String,
    pub units: usize,
    pub positions: usize,
    pub vacant: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "organisation/structure.html")]
pub struct StructurePage {
    layout: Layout,
    agency_name: String,
    as_of: Option<AsOf>,
    /// The day in the date field.
    per: String,
    departments: Vec<DepartmentLine>,
    /// The chosen department, its tree.
    chosen: Option<(i64, String)>,
    units: Vec<UnitNode>,
    /// Links back to today (kept department) when another day is shown.
    today_href: String,
}

/// The agency whose organisation the person keeps (the gate checked it).
fn agency_of(principal: &Principal) -> Result<AgencyId, WebError> {
    principal
        .actor()
        .and_then(|a| a.facts().agency)
        .ok_or_else(|| WebError::forbidden("Halaman ini untuk pengelola organisasi instansi."))
}

/// `GET /organisasi/struktur`
pub async fn show_structure(
    State(state): State<AppState>,
    principal: Principal,
    query: Result<Query<StructureQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<StructurePage, PageError> {
    let query = query.map(|Query(q)| q).unwrap_or_default();
    let agency = agency_of(&principal)?;
    let today = as_of::today();
    let as_of = as_of::parse(query.per.as_deref(), today)?;
    let day = as_of.as_ref().map_or(today, |a| a.day);
    let org = state.store.organisation_as_of(agency, day, today).await?;
    let chosen = match query
        .department
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => None,
        Some(text) => {
            let id = text
                .parse::<i64>()
                .ok()
                .map(DepartmentId)
                .filter(|d| org.departments.iter().any(|x| x.id == *d))
                .ok_or(WebError::NotFound { what: "department" })?;
            Some(id)
        }
    };
    // Change links on today's organisation only: a form starts from what holds now.
    let rights = if as_of.is_some() {
        Rights::none()
    } else {
        Rights::of(&principal, agency)
    };
    let per_param = as_of
        .as_ref()
        .map(|a| format!("&per={}", a.iso))
        .unwrap_or_default();
    let departments = department_lines(&org, &per_param);
    let agency_name = org
        .agencies
        .iter()
        .find(|a| a.id == agency)
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let chosen_name = chosen.and_then(|d| {
        org.departments
            .iter()
            .find(|x| x.id == d)
            .map(|x| (d.0, x.name.clone()))
    });
    let units = chosen.map(|d| tree(&org, d, rights)).unwrap_or_default();
    let mut layout = Layout::new("Struktur organisasi", state.demo_mode)
        .crumb("Struktur organisasi", "/organisasi/struktur");
    if let Some((id, name)) = &chosen_name {
        layout = layout.crumb(
            name.clone(),
            format!("/organisasi/struktur?perangkat-daerah={id}"),
        );
    }
    let today_href = match &chosen_name {
        Some((id, _)) => format!("/organisasi/struktur?perangkat-daerah={id}"),
        None => "/organisasi/struktur".to_string(),
    };
    Ok(StructurePage {
        layout,
        agency_name,
        per: as_of
            .as_ref()
            .map_or_else(|| today.to_string(), |a| a.iso.clone()),
        as_of,
        departments,
        chosen: chosen_name,
        units,
        today_href,
    })
}

fn is_vacant(p: &Position, holders: &HashMap<i64, &Employee>) -> bool {
    !holders.contains_key(&p.id.0) && p.acting.is_none()
}

fn holders(org: &Organisation) -> HashMap<i64, &Employee> {
    org.employees
        .iter()
        .filter_map(|e| e.position.map(|p| (p.0, e)))
        .collect()
}

fn department_lines(org: &Organisation, per_param: &str) -> Vec<DepartmentLine> {
    let holders = holders(org);
    let unit_dept: HashMap<UnitId, DepartmentId> =
        org.units.iter().map(|u| (u.id, u.department)).collect();
    org.departments
        .iter()
        .map(|d| {
            let posts: Vec<&Position> = org
                .positions
                .iter()
                .filter(|p| unit_dept.get(&p.unit) == Some(&d.id))
                .collect();
            DepartmentLine {
                name: d.name.clone(),
                href: format!(
                    "/organisasi/struktur?perangkat-daerah={}{per_param}",
                    d.id.0
                ),
                units: org.units.iter().filter(|u| u.department == d.id).count(),
                positions: posts.len(),
                vacant: posts.iter().filter(|p| is_vacant(p, &holders)).count(),
            }
        })
        .collect()
}

/// The department's units depth-first (siblings in the organisation's order), each with its
/// positions (head first, then by structural rank) and the change links the rights allow.
fn tree(org: &Organisation, department: DepartmentId, rights: Rights) -> Vec<UnitNode> {
    let units: Vec<&Unit> = org
        .units
        .iter()
        .filter(|u| u.department == department)
        .collect();
    let known: HashSet<UnitId> = units.iter().map(|u| u.id).collect();
    let mut children: HashMap<Option<UnitId>, Vec<&Unit>> = HashMap::new();
    for u in &units {
        children
            .entry(u.parent.filter(|p| known.contains(p)))
            .or_default()
            .push(u);
    }
    let mut order: Vec<(&Unit, usize)> = Vec::new();
    let mut stack: Vec<(&Unit, usize)> = children
        .get(&None)
        .map(|r| r.iter().rev().map(|u| (*u, 0)).collect())
        .unwrap_or_default();
    while let Some((u, depth)) = stack.pop() {
        order.push((u, depth));
        if let Some(kids) = children.get(&Some(u.id)) {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
    }
    let holders = holders(org);
    let people: HashMap<EmployeeId, &Employee> = org.employees.iter().map(|e| (e.id, e)).collect();
    let mut by_unit: HashMap<UnitId, Vec<&Position>> = HashMap::new();
    for p in &org.positions {
        if known.contains(&p.unit) {
            by_unit.entry(p.unit).or_default().push(p);
        }
    }
    let depths: Vec<usize> = order.iter().map(|(_, d)| *d).collect();
    order
        .into_iter()
        .enumerate()
        .map(|(i, (u, depth))| {
            let closes = match depths.get(i + 1) {
                Some(&n) => depth + 1 - n.min(depth + 1),
                None => depth + 1,
            };
            let mut posts = by_unit.remove(&u.id).unwrap_or_default();
            posts.sort_by_key(|p| (!p.is_head, p.class.structural_rank().map(std::cmp::Reverse)));
            let posts: Vec<PostNode> = posts
                .into_iter()
                .map(|p| post_node(p, &holders, &people, rights))
                .collect();
            let subject = Subject {
                unit: Some(u.id.0),
                ..Subject::default()
            };
            let mut unit_links = links(rights, subject, &UNIT_CHANGES);
            if u.parent.is_some() {
                unit_links.extend(links(rights, subject, &SUB_UNIT_CHANGES));
            }
            UnitNode {
                id: u.id.0,
                name: u.name.clone(),
                kind_label: u.kind.label(),
                depth,
                open: depth < 2,
                vacant: posts
                    .iter()
                    .filter(|p| p.holder.is_none() && p.acting.is_none())
                    .count(),
                posts,
                links: unit_links,
                closes,
            }
        })
        .collect()
}

fn post_node(
    p: &Position,
    holders: &HashMap<i64, &Employee>,
    people: &HashMap<EmployeeId, &Employee>,
    rights: Rights,
) -> PostNode {
    let holder = holders.get(&p.id.0).map(|e| HolderCell::new(e));
    let acting = p.acting.and_then(|a| {
        people
            .get(&a.employee)
            .map(|e| (a.kind.label(), HolderCell::new(e)))
    });
    let subject = Subject {
        position: Some(p.id.0),
        unit: Some(p.unit.0),
        ..Subject::default()
    };
    let mut post_links = links(rights, subject, &POSITION_CHANGES);
    if holder.is_none() {
        post_links.extend(links(rights, subject, &VACANT_POSITION_CHANGES));
    }
    if acting.is_some() {
        post_links.extend(links(rights, subject, &ACTING_CHANGES));
    } else {
        post_links.extend(links(rights, subject, &NO_ACTING_CHANGES));
    }
    PostNode {
        id: p.id.0,
        name: p.name.clone(),
        class_label: p.class.short_label(),
        level: p.functional_level.map(|l| l.label()),
        is_head: p.is_head,
        holder,
        acting,
        links: post_links,
    }
}
