//! Checks of the structure: departments, the unit tree and positions (ORG-02..04).

use std::collections::HashMap;

use super::{Entity, Report, index_codes};
use crate::bundle::{AgencyBundle, UnitRecord};
use crate::org::PositionClass;

impl AgencyBundle {
    pub(super) fn check_departments(&self, r: &mut Report) -> HashMap<&str, usize> {
        for (i, d) in self.departments.iter().enumerate() {
            r.blank(
                Entity::Department,
                i,
                "code",
                &d.code,
                "kode Perangkat Daerah",
            );
            r.blank(
                Entity::Department,
                i,
                "name",
                &d.name,
                "nama Perangkat Daerah",
            );
        }
        let codes = self.departments.iter().map(|d| d.code.as_str());
        let depts = index_codes(
            r,
            Entity::Department,
            codes,
            "department_code_duplicate",
            "kode Perangkat Daerah",
        );
        // ORG-03: each department is one tree, hence exactly one root unit.
        let mut roots = vec![0usize; self.departments.len()];
        for u in &self.units {
            if u.parent_code.is_none()
                && let Some(&d) = depts.get(u.department_code.as_str())
            {
                roots[d] += 1;
            }
        }
        for (i, (d, n)) in self.departments.iter().zip(roots).enumerate() {
            if depts.get(d.code.as_str()).is_none_or(|&first| first != i) {
                continue;
            }
            match n {
                1 => {}
                0 => r.add(Entity::Department, i, "code", "department_root_missing", format!(
                    "Perangkat Daerah \"{}\" tidak memiliki unit puncak (unit tanpa unit induk)", d.code)),
                n => r.add(Entity::Department, i, "code", "department_root_multiple", format!(
                    "Perangkat Daerah \"{}\" memiliki {n} unit puncak; seharusnya tepat satu", d.code)),
            }
        }
        depts
    }

    pub(super) fn check_units(
        &self,
        r: &mut Report,
        depts: &HashMap<&str, usize>,
    ) -> HashMap<&str, usize> {
        for (i, u) in self.units.iter().enumerate() {
            r.blank(Entity::Unit, i, "code", &u.code, "kode unit");
            r.blank(Entity::Unit, i, "name", &u.name, "nama unit");
        }
        let codes = self.units.iter().map(|u| u.code.as_str());
        let units = index_codes(r, Entity::Unit, codes, "unit_code_duplicate", "kode unit");
        let mut parent = vec![None; self.units.len()];
        for (i, u) in self.units.iter().enumerate() {
            if !depts.contains_key(u.department_code.as_str()) {
                r.add(
                    Entity::Unit,
                    i,
                    "department_code",
                    "unit_department_unknown",
                    format!("Perangkat Daerah \"{}\" tidak ada", u.department_code),
                );
            }
            let Some(pc) = &u.parent_code else { continue };
            match units.get(pc.as_str()) {
                None => r.add(
                    Entity::Unit,
                    i,
                    "parent_code",
                    "unit_parent_unknown",
                    format!("unit induk \"{pc}\" tidak ada"),
                ),
                Some(&p) => {
                    parent[i] = Some(p);
                    let pd = &self.units[p].department_code;
                    if *pd != u.department_code {
                        r.add(
                            Entity::Unit,
                            i,
                            "parent_code",
                            "unit_parent_other_department",
                            format!(
                                "unit induk \"{pc}\" berada di Perangkat Daerah lain (\"{pd}\")"
                            ),
                        );
                    }
                }
            }
        }
        report_cycles(r, &self.units, &parent);
        units
    }

    pub(super) fn check_positions(
        &self,
        r: &mut Report,
        units: &HashMap<&str, usize>,
    ) -> HashMap<&str, usize> {
        for (i, p) in self.positions.iter().enumerate() {
            r.blank(Entity::Position, i, "code", &p.code, "kode jabatan");
            r.blank(Entity::Position, i, "name", &p.name, "nama jabatan");
        }
        let codes = self.positions.iter().map(|p| p.code.as_str());
        let positions = index_codes(
            r,
            Entity::Position,
            codes,
            "position_code_duplicate",
            "kode jabatan",
        );
        let mut heads: HashMap<usize, usize> = HashMap::new();
        for (i, p) in self.positions.iter().enumerate() {
            let unit = units.get(p.unit_code.as_str()).copied();
            if unit.is_none() {
                r.add(
                    Entity::Position,
                    i,
                    "unit_code",
                    "position_unit_unknown",
                    format!("unit \"{}\" tidak ada", p.unit_code),
                );
            }
            if p.is_head {
                check_head(r, i, p.class, unit.map(|u| &self.units[u]));
                if let Some(u) = unit {
                    // ORG-03: at most one head position per unit.
                    if let Some(&first) = heads.get(&u) {
                        r.add(Entity::Position, i, "is_head", "unit_head_multiple", format!(
                            "unit \"{}\" sudah memiliki jabatan kepala \"{}\"; satu unit hanya boleh satu kepala",
                            p.unit_code, self.positions[first].code));
                    } else {
                        heads.insert(u, i);
                    }
                }
            }
            // ORG-04: a jenjang (and a substansi) belongs to functional positions only.
            let jf = p.class == PositionClass::Fungsional;
            if jf && p.functional_level.is_none() {
                r.add(
                    Entity::Position,
                    i,
                    "functional_level",
                    "functional_level_missing",
                    "jabatan fungsional harus memiliki jenjang".into(),
                );
            }
            if !jf && p.functional_level.is_some() {
                r.add(
                    Entity::Position,
                    i,
                    "functional_level",
                    "functional_level_not_allowed",
                    format!(
                        "jenjang hanya untuk jabatan fungsional, bukan {}",
                        p.class.short_label()
                    ),
                );
            }
            if !jf && p.substance.is_some() {
                r.add(
                    Entity::Position,
                    i,
                    "substance",
                    "substance_not_allowed",
                    format!(
                        "substansi hanya untuk jabatan fungsional, bukan {}",
                        p.class.short_label()
                    ),
                );
            }
        }
        positions
    }
}
/// ORG-03: a head is a JPT, Administrator or Pengawas, or a JF leading an independent unit.
fn check_head(r: &mut Report, i: usize, class: PositionClass, unit: Option<&UnitRecord>) {
    let ok = match class {
        PositionClass::Jpt | PositionClass::Administrator | PositionClass::Pengawas => true,
        PositionClass::Fungsional => unit.is_none_or(|u| u.is_org_unit),
        PositionClass::Pelaksana => false,
    };
    if !ok {
        r.add(Entity::Position, i, "is_head", "head_class_invalid", format!(
            "{} tidak dapat menjadi kepala unit; kepala unit adalah JPT, Administrator, Pengawas, \
             atau Pejabat Fungsional yang memimpin Unit Organisasi mandiri",
            class.short_label()));
    }
}

/// ORG-03: the unit tree has no cycles. Reports each unit on a cycle once.
fn report_cycles(r: &mut Report, units: &[UnitRecord], parent: &[Option<usize>]) {
    // 0 unvisited, 1 on the current walk, 2 settled.
    let mut state = vec![0u8; units.len()];
    let mut chain = Vec::new();
    for start in 0..units.len() {
        chain.clear();
        let mut cur = Some(start);
        while let Some(u) = cur {
            match state[u] {
                2 => break,
                1 => {
                    let from = chain.iter().position(|&c| c == u).unwrap_or(0);
                    for &c in &chain[from..] {
                        r.add(Entity::Unit, c, "parent_code", "unit_tree_cycle", format!(
                            "pohon unit melingkar: unit \"{}\" akhirnya menjadi induk dirinya sendiri",
                            units[c].code));
                    }
                    break;
                }
                _ => {
                    state[u] = 1;
                    chain.push(u);
                    cur = parent[u];
                }
            }
        }
        for &c in &chain {
            state[c] = 2;
        }
    }
}
