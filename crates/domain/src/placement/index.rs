//! Dense lookup tables over an [`Organisation`], built once per computation so the per-employee
//! walk up the unit tree touches vectors, not maps.

use std::collections::HashMap;

use crate::org::{ActingKind, DepartmentKind, UnitKind};
use crate::organisation::{AgencyPolicy, EmployeeId, Organisation, PositionId};

/// Units deeper than this are treated as a broken tree (a cycle) rather than walked forever.
pub(super) const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, Copy)]
pub(super) struct Holder {
    pub employee: EmployeeId,
    pub acting: Option<ActingKind>,
}

pub(super) struct OrgIndex<'a> {
    pub org: &'a Organisation,
    pub position_at: HashMap<PositionId, usize>,
    pub unit_parent: Vec<Option<usize>>,
    pub unit_head: Vec<Option<usize>>,
    pub unit_dept: Vec<Option<usize>>,
    pub position_unit: Vec<Option<usize>>,
    pub dept_kind: Vec<DepartmentKind>,
    pub dept_policy: Vec<AgencyPolicy>,
    pub dept_root: Vec<Option<usize>>,
    pub dept_secretariat: Vec<Option<usize>>,
    pub holder: Vec<Option<Holder>>,
}

impl<'a> OrgIndex<'a> {
    pub fn new(org: &'a Organisation) -> Self {
        let unit_at: HashMap<_, _> = org
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id, i))
            .collect();
        let dept_at: HashMap<_, _> = org
            .departments
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id, i))
            .collect();
        let policy_of: HashMap<_, _> = org.agencies.iter().map(|a| (a.id, a.policy)).collect();
        let position_at: HashMap<_, _> = org
            .positions
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i))
            .collect();

        let unit_parent = org
            .units
            .iter()
            .map(|u| u.parent.and_then(|p| unit_at.get(&p).copied()))
            .collect();
        let unit_dept = org
            .units
            .iter()
            .map(|u| dept_at.get(&u.department).copied())
            .collect();
        let dept_kind = org.departments.iter().map(|d| d.kind).collect();
        let dept_policy = org
            .departments
            .iter()
            .map(|d| policy_of.get(&d.agency).copied().unwrap_or_default())
            .collect();

        // Root: the parentless unit of the department with the lowest id, so the result does
        // not depend on input order. Secretariat: the Sekretariat unit directly under it.
        let mut dept_root: Vec<Option<usize>> = vec![None; org.departments.len()];
        for (i, u) in org.units.iter().enumerate() {
            if u.parent.is_some() {
                continue;
            }
            if let Some(&d) = dept_at.get(&u.department) {
                let better = dept_root[d].is_none_or(|r| org.units[r].id > u.id);
                if better {
                    dept_root[d] = Some(i);
                }
            }
        }
        let mut dept_secretariat: Vec<Option<usize>> = vec![None; org.departments.len()];
        for (i, u) in org.units.iter().enumerate() {
            if u.kind != UnitKind::Secretariat {
                continue;
            }
            let Some(&d) = dept_at.get(&u.department) else {
                continue;
            };
            let under_root = u
                .parent
                .and_then(|p| unit_at.get(&p))
                .is_some_and(|&p| dept_root[d] == Some(p));
            let better = dept_secretariat[d].is_none_or(|s| org.units[s].id > u.id);
            if under_root && better {
                dept_secretariat[d] = Some(i);
            }
        }

        let mut unit_head: Vec<Option<usize>> = vec![None; org.units.len()];
        let mut position_unit = Vec::with_capacity(org.positions.len());
        for (i, p) in org.positions.iter().enumerate() {
            let u = unit_at.get(&p.unit).copied();
            position_unit.push(u);
            if let (true, Some(u)) = (p.is_head, u) {
                let better = unit_head[u].is_none_or(|h| org.positions[h].id > p.id);
                if better {
                    unit_head[u] = Some(i);
                }
            }
        }

        // Definitive holder first; an acting holder only where nobody holds the post.
        let mut holder: Vec<Option<Holder>> = vec![None; org.positions.len()];
        for e in &org.employees {
            let Some(&p) = e.position.as_ref().and_then(|p| position_at.get(p)) else {
                continue;
            };
            let better = match holder[p] {
                None => true,
                Some(h) => h.employee > e.id,
            };
            if better {
                holder[p] = Some(Holder {
                    employee: e.id,
                    acting: None,
                });
            }
        }
        let employee_exists: std::collections::HashSet<_> =
            org.employees.iter().map(|e| e.id).collect();
        for (i, p) in org.positions.iter().enumerate() {
            if let (None, Some(a)) = (holder[i], p.acting)
                && employee_exists.contains(&a.employee)
            {
                holder[i] = Some(Holder {
                    employee: a.employee,
                    acting: Some(a.kind),
                });
            }
        }

        OrgIndex {
            org,
            position_at,
            unit_parent,
            unit_head,
            unit_dept,
            position_unit,
            dept_kind,
            dept_policy,
            dept_root,
            dept_secretariat,
            holder,
        }
    }
}
