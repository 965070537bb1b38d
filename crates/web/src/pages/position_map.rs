//! Peta Jabatan (ORG-06): the unit tree of a department, each unit's positions with class and
//! level, the holder, "Lowong" for a vacancy and Plt./Plh. acting holders.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use sikerja_domain::organisation::{DepartmentId, Unit, UnitId};
use sikerja_storage::PositionView;

use super::departments::{DepartmentHeader, load_header};
use crate::AppState;
use crate::error::PageError;
use crate::extract::Id;
use crate::views::{Layout, PersonCell};

/// One position line of the map.
pub struct PositionLine {
    pub name: String,
    pub class_label: &'static str,
    pub level: Option<&'static str>,
    pub is_head: bool,
    pub holder: Option<PersonCell>,
    pub acting: Option<PersonCell>,
    pub acting_label: &'static str,
}

/// One unit, rendered as a section that stays open for its children: `closes` is how many
/// sections end after it (itself if it has no children, plus finished ancestors).
pub struct UnitBlock {
    pub id: i64,
    pub name: String,
    pub kind_label: &'static str,
    pub is_org_unit: bool,
    pub depth: usize,
    pub positions: Vec<PositionLine>,
    pub closes: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "departments/position_map.html")]
pub struct PositionMapPage {
    layout: Layout,
    header: DepartmentHeader,
    units: Vec<UnitBlock>,
    positions: usize,
    vacant: usize,
}

/// `GET /perangkat-daerah/{id}/peta-jabatan`
pub async fn show_position_map(
    State(state): State<AppState>,
    Id(id): Id,
) -> Result<PositionMapPage, PageError> {
    let header = load_header(&state.store, id, "peta-jabatan").await?;
    let units = state.store.units(DepartmentId(id)).await?;
    let positions = state.store.positions(DepartmentId(id)).await?;
    let total = positions.len();
    let vacant = positions
        .iter()
        .filter(|p| p.holder.is_none() && p.acting_holder.is_none())
        .count();
    Ok(PositionMapPage {
        layout: header.layout(Some("Peta Jabatan"), state.demo_mode),
        header,
        units: tree(&units, positions),
        positions: total,
        vacant,
    })
}

/// Orders units depth-first (children by name) and works out where each section closes.
fn tree(units: &[Unit], positions: Vec<PositionView>) -> Vec<UnitBlock> {
    let known: std::collections::HashSet<UnitId> = units.iter().map(|u| u.id).collect();
    let mut children: HashMap<Option<UnitId>, Vec<&Unit>> = HashMap::new();
    for u in units {
        // A parent outside the department (should not happen) makes the unit a root.
        let parent = u.parent.filter(|p| known.contains(p));
        children.entry(parent).or_default().push(u);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let mut by_unit: HashMap<UnitId, Vec<PositionView>> = HashMap::new();
    for p in positions {
        by_unit.entry(p.position.unit).or_default().push(p);
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
    let depths: Vec<usize> = order.iter().map(|(_, d)| *d).collect();
    order
        .into_iter()
        .enumerate()
        .map(|(i, (u, depth))| {
            let next = depths.get(i + 1).copied();
            let closes = match next {
                Some(n) => depth + 1 - n.min(depth + 1),
                None => depth + 1,
            };
            let mut list = by_unit.remove(&u.id).unwrap_or_default();
            list.sort_by_key(|p| {
                (
                    !p.position.is_head,
                    p.position.class.structural_rank().map(std::cmp::Reverse),
                    p.position.name.clone(),
                )
            });
            UnitBlock {
                id: u.id.0,
                name: u.name.clone(),
                kind_label: u.kind.label(),
                is_org_unit: u.is_org_unit,
                depth,
                positions: list.iter().map(line).collect(),
                closes,
            }
        })
        .collect()
}

fn line(p: &PositionView) -> PositionLine {
    PositionLine {
        name: p.position.name.clone(),
        class_label: p.position.class.short_label(),
        level: p.position.functional_level.map(|l| l.label()),
        is_head: p.position.is_head,
        holder: p.holder.as_ref().map(PersonCell::from),
        acting: p.acting_holder.as_ref().map(PersonCell::from),
        acting_label: p.acting_kind.map(|k| k.label()).unwrap_or("Plt."),
    }
}
