//! Property tests of the placement engine on random organisations (KED-01..12):
//! exactly one outcome per JF/Pelaksana; a PPK is never the employee nor anyone placed under
//! them; a PPK is Pengawas or above; the result does not depend on input order.

use std::collections::{HashMap, HashSet};

use proptest::prelude::*;
use sikerja_domain::education::Education;
use sikerja_domain::grade::Grade;
use sikerja_domain::nip::Nip;
use sikerja_domain::org::*;
use sikerja_domain::organisation::*;
use sikerja_domain::placement::{ManualDecisions, Outcome, compute_placements};

/// splitmix64: a tiny deterministic generator so proptest only has to shrink a seed and sizes.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

fn random_org(seed: u64, departments: usize, units: usize, people: usize) -> Organisation {
    let mut r = Rng(seed);
    let mut org = Organisation::default();
    let mut next = 0i64;
    let mut id = || {
        next += 1;
        next
    };
    let policy = if r.chance(50) {
        AssessorPolicy::PlacementDecides
    } else {
        AssessorPolicy::AdministratorAssesses
    };
    org.agencies.push(Agency {
        id: AgencyId(1),
        code: "a".into(),
        name: "A".into(),
        kind: AgencyKind::RegionalGovernment,
        policy: AgencyPolicy {
            assessor_policy: policy,
            span_of_control_threshold: 5,
        },
    });
    let heads = [
        PositionClass::Jpt,
        PositionClass::Administrator,
        PositionClass::Pengawas,
        PositionClass::Pengawas,
        PositionClass::Fungsional,
    ];
    let unit_kinds = [
        UnitKind::Secretariat,
        UnitKind::Division,
        UnitKind::Field,
        UnitKind::SubDivision,
        UnitKind::Section,
        UnitKind::TechnicalUnit,
    ];
    let mut all_units: Vec<UnitId> = Vec::new();
    let mut head_positions: Vec<PositionId> = Vec::new();
    for _ in 0..departments {
        let d = DepartmentId(id());
        org.departments.push(Department {
            id: d,
            agency: AgencyId(1),
            code: format!("d{}", d.0),
            name: "D".into(),
            kind: r.pick(DepartmentKind::ALL),
        });
        let root = UnitId(id());
        org.units.push(Unit {
            id: root,
            department: d,
            parent: None,
            code: format!("u{}", root.0),
            name: "root".into(),
            kind: UnitKind::Department,
            is_org_unit: true,
        });
        let mut dept_units = vec![root];
        for _ in 0..units {
            let u = UnitId(id());
            let parent = r.pick(&dept_units);
            org.units.push(Unit {
                id: u,
                department: d,
                parent: Some(parent),
                code: format!("u{}", u.0),
                name: "u".into(),
                kind: r.pick(&unit_kinds),
                is_org_unit: false,
            });
            dept_units.push(u);
        }
        for &u in &dept_units {
            if r.chance(85) {
                let class = r.pick(&heads);
                let p = PositionId(id());
                org.positions.push(Position {
                    id: p,
                    unit: u,
                    code: format!("p{}", p.0),
                    name: "Kepala".into(),
                    class,
                    is_head: true,
                    functional_level: (class == PositionClass::Fungsional)
                        .then(|| r.pick(FunctionalLevel::ALL)),
                    substance: None,
                    acting: None,
                });
                head_positions.push(p);
            }
        }
        all_units.extend(dept_units);
    }
    let mut employee_ids = Vec::new();
    for hp in head_positions.clone() {
        if r.chance(75) {
            let e = EmployeeId(id());
            org.employees.push(employee(e, Some(hp)));
            employee_ids.push(e);
        }
    }
    for _ in 0..people {
        let u = r.pick(&all_units);
        let p = PositionId(id());
        let jf = r.chance(60);
        org.positions.push(Position {
            id: p,
            unit: u,
            code: format!("p{}", p.0),
            name: "Staf".into(),
            class: if jf {
                PositionClass::Fungsional
            } else {
                PositionClass::Pelaksana
            },
            is_head: false,
            functional_level: jf.then(|| r.pick(FunctionalLevel::ALL)),
            substance: (jf && r.chance(20)).then(|| r.pick(Substance::ALL)),
            acting: None,
        });
        let e = EmployeeId(id());
        org.employees.push(employee(e, Some(p)));
        employee_ids.push(e);
    }
    // Acting holders for some heads, vacant or not, including people placed below them.
    for hp in head_positions {
        if r.chance(30) && !employee_ids.is_empty() {
            let e = r.pick(&employee_ids);
            if let Some(pos) = org.positions.iter_mut().find(|p| p.id == hp) {
                pos.acting = Some(Acting {
                    employee: e,
                    kind: r.pick(ActingKind::ALL),
                });
            }
        }
    }
    org
}

fn employee(id: EmployeeId, position: Option<PositionId>) -> Employee {
    Employee {
        id,
        agency: AgencyId(1),
        nip: Nip::parse("198001012005011001").expect("valid"),
        name: format!("P{}", id.0),
        front_title: String::new(),
        back_title: String::new(),
        employment_type: EmploymentType::Pns,
        grade: Grade::Pns {
            group: 3,
            sub: b'a',
        },
        education: Education::S1,
        position,
        from_equalization: false,
        ratings: vec![],
        experience: vec![],
    }
}

fn shuffled(org: &Organisation, seed: u64) -> Organisation {
    fn shuffle<T>(v: &mut [T], r: &mut Rng) {
        for i in (1..v.len()).rev() {
            v.swap(i, r.below(i + 1));
        }
    }
    let mut r = Rng(seed);
    let mut o = org.clone();
    shuffle(&mut o.departments, &mut r);
    shuffle(&mut o.units, &mut r);
    shuffle(&mut o.positions, &mut r);
    shuffle(&mut o.employees, &mut r);
    o
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn ked_every_jf_and_pelaksana_gets_exactly_one_outcome(seed in any::<u64>(), d in 1usize..4, u in 0usize..12, n in 0usize..60) {
        let org = random_org(seed, d, u, n);
        let outcomes = compute_placements(&org, &ManualDecisions::new());
        let class_of: HashMap<_, _> = org.positions.iter().map(|p| (p.id, p.class)).collect();
        let expected: HashSet<_> = org
            .employees
            .iter()
            .filter(|e| e.position.and_then(|p| class_of.get(&p)).is_some_and(|c| c.is_placed()))
            .map(|e| e.id)
            .collect();
        let got: Vec<_> = outcomes.iter().map(Outcome::employee).collect();
        let unique: HashSet<_> = got.iter().copied().collect();
        prop_assert_eq!(got.len(), unique.len(), "an employee got two outcomes");
        prop_assert_eq!(unique, expected);
    }

    #[test]
    fn ked_a_ppk_is_never_the_employee_nor_anyone_placed_under_them_and_is_pengawas_or_above(seed in any::<u64>(), d in 1usize..4, u in 0usize..12, n in 0usize..60) {
        let org = random_org(seed, d, u, n);
        let outcomes = compute_placements(&org, &ManualDecisions::new());
        let assessor_of: HashMap<_, _> = outcomes
            .iter()
            .filter_map(Outcome::placed)
            .map(|p| (p.employee, p.assessor.employee))
            .collect();
        for p in outcomes.iter().filter_map(Outcome::placed) {
            prop_assert_ne!(p.assessor.employee, p.employee);
            prop_assert!(p.assessor.class.structural_rank().is_some(), "PPK class {:?}", p.assessor.class);
            // Walk up the assessor chain: it must never come back to the employee.
            let mut cur = p.assessor.employee;
            for _ in 0..assessor_of.len() + 1 {
                prop_assert_ne!(cur, p.employee, "PPK chain loops back");
                match assessor_of.get(&cur) {
                    Some(&next) => cur = next,
                    None => break,
                }
            }
        }
    }

    #[test]
    fn ked_the_result_does_not_depend_on_input_order(seed in any::<u64>(), shuffle_seed in any::<u64>(), d in 1usize..4, u in 0usize..12, n in 0usize..60) {
        let org = random_org(seed, d, u, n);
        let a = compute_placements(&org, &ManualDecisions::new());
        let b = compute_placements(&shuffled(&org, shuffle_seed), &ManualDecisions::new());
        prop_assert_eq!(a, b);
    }
}
