//! Dense lookup tables over an [`Organisation`], built once per computation so the per-employee
//! walk up the unit tree touches vectors, not maps.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::org::{ActingKind, DepartmentKind, UnitKind};
use crate::organisation::{AgencyPolicy, EmployeeId, Organisation};

/// Units deeper than this are treated as a broken tree (a cycle) rather than walked forever.
pub(super) const MAX_DEPTH: usize = 64;

/// A multiplicative hasher for integer ids (the FxHash recipe). Ids are not attacker-chosen
/// hash-flooding material here: they are database keys, and SipHash made placement of a
/// million employees several times slower.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(u64::from(b));
        }
    }
    fn write_i64(&mut self, n: i64) {
        self.add(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
}

impl IdHasher {
    fn add(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

pub(crate) type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Maps ids to positions in a slice. Database ids are nearly dense, so a direct table indexed
/// by `id - min` replaces hashing (and its cache misses) when the range is not much larger
/// than the number of items; otherwise it falls back to a hash map.
pub(crate) enum IdIndex {
    Dense { min: i64, slots: Vec<u32> },
    Sparse(IdMap<i64, u32>),
}

impl IdIndex {
    const EMPTY: u32 = u32::MAX;

    pub fn new(ids: impl ExactSizeIterator<Item = i64> + Clone) -> IdIndex {
        let len = ids.len();
        let (min, max) = ids.clone().fold((i64::MAX, i64::MIN), |(lo, hi), id| {
            (lo.min(id), hi.max(id))
        });
        let span = max.checked_sub(min).and_then(|s| usize::try_from(s).ok());
        match span {
            Some(span) if span < len.saturating_mul(16).max(64) && len < Self::EMPTY as usize => {
                let mut slots = vec![Self::EMPTY; span + 1];
                for (i, id) in ids.enumerate() {
                    // The first occurrence wins, like `HashMap::entry().or_insert`.
                    let slot = &mut slots[(id - min) as usize];
                    if *slot == Self::EMPTY {
                        *slot = i as u32;
                    }
                }
                IdIndex::Dense { min, slots }
            }
            _ => {
                let mut map = IdMap::with_capacity_and_hasher(len, Default::default());
                for (i, id) in ids.enumerate() {
                    map.entry(id).or_insert(i as u32);
                }
                IdIndex::Sparse(map)
            }
        }
    }

    pub fn get(&self, id: i64) -> Option<usize> {
        match self {
            IdIndex::Dense { min, slots } => {
                let off = usize::try_from(id.checked_sub(*min)?).ok()?;
                slots
                    .get(off)
                    .filter(|&&s| s != Self::EMPTY)
                    .map(|&s| s as usize)
            }
            IdIndex::Sparse(map) => map.get(&id).map(|&s| s as usize),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Holder {
    pub employee: EmployeeId,
    pub acting: Option<ActingKind>,
}

pub(super) struct OrgIndex<'a> {
    pub org: &'a Organisation,
    pub position_at: IdIndex,
    /// Per employee (same order as `org.employees`): index of the position held.
    pub employee_position: Vec<Option<usize>>,
    pub unit_parent: Vec<Option<usize>>,
    pub unit_head: Vec<Option<usize>>,
    pub unit_dept: Vec<Option<usize>>,
    pub position_unit: Vec<Option<usize>>,
    pub dept_kind: Vec<DepartmentKind>,
    pub dept_policy: Vec<AgencyPolicy>,
    pub dept_root: Vec<Option<usize>>,
    pub dept_secretariat: Vec<Option<usize>>,
    pub holder: Vec<Option<Holder>>,
    /// "<name> kosong" for every vacant head position, formatted once.
    pub vacant_note: IdMap<usize, String>,
}

impl<'a> OrgIndex<'a> {
    pub fn new(org: &'a Organisation) -> Self {
        let unit_at = IdIndex::new(org.units.iter().map(|u| u.id.0));
        let dept_at = IdIndex::new(org.departments.iter().map(|d| d.id.0));
        let policy_of: IdMap<_, _> = org.agencies.iter().map(|a| (a.id, a.policy)).collect();
        let position_at = IdIndex::new(org.positions.iter().map(|p| p.id.0));

        let unit_parent = org
            .units
            .iter()
            .map(|u| u.parent.and_then(|p| unit_at.get(p.0)))
            .collect();
        let unit_dept = org
            .units
            .iter()
            .map(|u| dept_at.get(u.department.0))
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
            if let Some(d) = dept_at.get(u.department.0) {
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
            let Some(d) = dept_at.get(u.department.0) else {
                continue;
            };
            let under_root = u
                .parent
                .and_then(|p| unit_at.get(p.0))
                .is_some_and(|p| dept_root[d] == Some(p));
            let better = dept_secretariat[d].is_none_or(|s| org.units[s].id > u.id);
            if under_root && better {
                dept_secretariat[d] = Some(i);
            }
        }

        let mut unit_head: Vec<Option<usize>> = vec![None; org.units.len()];
        let mut position_unit = Vec::with_capacity(org.positions.len());
        for (i, p) in org.positions.iter().enumerate() {
            let u = unit_at.get(p.unit.0);
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
        let employee_position: Vec<Option<usize>> = org
            .employees
            .iter()
            .map(|e| e.position.and_then(|p| position_at.get(p.0)))
            .collect();
        for (e, &p) in org.employees.iter().zip(&employee_position) {
            let Some(p) = p else {
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
        let employee_at = IdIndex::new(org.employees.iter().map(|e| e.id.0));
        for (i, p) in org.positions.iter().enumerate() {
            if let (None, Some(a)) = (holder[i], p.acting)
                && employee_at.get(a.employee.0).is_some()
            {
                holder[i] = Some(Holder {
                    employee: a.employee,
                    acting: Some(a.kind),
                });
            }
        }

        let vacant_note = unit_head
            .iter()
            .flatten()
            .filter(|&&p| holder[p].is_none())
            .map(|&p| (p, format!("{} kosong", org.positions[p].name)))
            .collect();

        OrgIndex {
            org,
            vacant_note,
            position_at,
            employee_position,
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
