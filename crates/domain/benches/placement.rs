//! Placement throughput on generated agencies (issue target: at least 2,000,000 placements per
//! second on one core at 1,000,000 employees). Run with `cargo bench -p sikerja-domain`.
//! Prints figures; it asserts nothing about time (speed lives here, not in tests).

use std::hint::black_box;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

use sikerja_domain::education::Education;
use sikerja_domain::grade::Grade;
use sikerja_domain::nip::Nip;
use sikerja_domain::org::*;
use sikerja_domain::organisation::*;
use sikerja_domain::placement::{ManualDecisions, compute_placements};

/// A regency-like agency: departments of every kind, each with a secretariat, fields and
/// sections, about 160 employees per department, one vacancy in twelve heads.
fn generated(employees: usize) -> Organisation {
    let mut org = Organisation::default();
    org.agencies.push(Agency {
        id: AgencyId(1),
        code: "bench".into(),
        name: "Bench".into(),
        kind: AgencyKind::RegionalGovernment,
        policy: AgencyPolicy::default(),
    });
    let nip = Nip::parse("198001012005011001").expect("constant NIP is valid");
    let mut next = 0i64;
    let mut heads = 0usize;
    let mut dept_no = 0usize;
    let levels = FunctionalLevel::ALL;
    while org.employees.len() < employees {
        dept_no += 1;
        let kind = DepartmentKind::ALL[dept_no % DepartmentKind::ALL.len()];
        next += 1;
        let d = DepartmentId(next);
        org.departments.push(Department {
            id: d,
            agency: AgencyId(1),
            code: format!("d{next}"),
            name: format!("Perangkat Daerah {dept_no}"),
            kind,
        });
        let mut unit = |org: &mut Organisation,
                        parent: Option<UnitId>,
                        kind: UnitKind,
                        class: PositionClass,
                        next: &mut i64|
         -> UnitId {
            *next += 1;
            let u = UnitId(*next);
            org.units.push(Unit {
                id: u,
                department: d,
                parent,
                code: format!("u{next}"),
                name: "Unit".into(),
                kind,
                is_org_unit: parent.is_none(),
            });
            *next += 1;
            let p = PositionId(*next);
            org.positions.push(Position {
                id: p,
                unit: u,
                code: format!("p{next}"),
                name: "Kepala".into(),
                class,
                is_head: true,
                functional_level: None,
                substance: None,
                acting: None,
            });
            heads += 1;
            if !heads.is_multiple_of(12) {
                *next += 1;
                org.employees.push(person(EmployeeId(*next), p, &nip));
            }
            u
        };
        let head_class = if kind == DepartmentKind::District {
            PositionClass::Administrator
        } else {
            PositionClass::Jpt
        };
        let root = unit(&mut org, None, UnitKind::Department, head_class, &mut next);
        let sek = unit(
            &mut org,
            Some(root),
            UnitKind::Secretariat,
            PositionClass::Administrator,
            &mut next,
        );
        let mut leaves = vec![sek];
        for _ in 0..2 {
            leaves.push(unit(
                &mut org,
                Some(sek),
                UnitKind::SubDivision,
                PositionClass::Pengawas,
                &mut next,
            ));
        }
        for b in 0..4 {
            let bid = unit(
                &mut org,
                Some(root),
                UnitKind::Field,
                PositionClass::Administrator,
                &mut next,
            );
            leaves.push(bid);
            if b > 0 {
                for _ in 0..3 {
                    leaves.push(unit(
                        &mut org,
                        Some(bid),
                        UnitKind::Section,
                        PositionClass::Pengawas,
                        &mut next,
                    ));
                }
            }
        }
        for i in 0..150 {
            let u = leaves[i % leaves.len()];
            let jf = !i.is_multiple_of(3);
            next += 1;
            let p = PositionId(next);
            org.positions.push(Position {
                id: p,
                unit: u,
                code: format!("p{next}"),
                name: "Staf".into(),
                class: if jf {
                    PositionClass::Fungsional
                } else {
                    PositionClass::Pelaksana
                },
                is_head: false,
                functional_level: jf.then(|| levels[1 + i % (levels.len() - 1)]),
                substance: None,
                acting: None,
            });
            next += 1;
            org.employees.push(person(EmployeeId(next), p, &nip));
        }
    }
    org
}

fn person(id: EmployeeId, position: PositionId, nip: &Nip) -> Employee {
    Employee {
        id,
        agency: AgencyId(1),
        nip: nip.clone(),
        name: String::new(),
        front_title: String::new(),
        back_title: String::new(),
        employment_type: EmploymentType::Pns,
        grade: Grade::Pns {
            group: 3,
            sub: b'a',
        },
        education: Education::S1,
        position: Some(position),
        from_equalization: false,
        ratings: Vec::new(),
        experience: Vec::new(),
    }
}

fn main() {
    println!("placement benchmark (one thread)");
    for size in [10_000usize, 1_000_000] {
        let org = generated(size);
        let manual = ManualDecisions::new();
        let runs = if size <= 10_000 { 50 } else { 5 };
        // Warm up once.
        let n = black_box(compute_placements(&org, &manual)).len();
        let start = Instant::now();
        for _ in 0..runs {
            black_box(compute_placements(black_box(&org), &manual));
        }
        let secs = start.elapsed().as_secs_f64() / runs as f64;
        println!(
            "{:>9} employees: {:>9} placements in {:>8.2} ms = {:>12.0} placements/s",
            org.employees.len(),
            n,
            secs * 1000.0,
            n as f64 / secs
        );
    }
}
