//! The demo government: deterministic, valid, of the promised size and shape, and giving the
//! placement engine every kind of outcome to show.

use std::collections::HashSet;

use sikerja_demo::{DEMO_PEOPLE, demo_government, generated_agency};
use sikerja_domain::bundle::AgencyBundle;
use sikerja_domain::org::{DepartmentKind, EmploymentType, FunctionalLevel, PositionClass};
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::placement::{ManualDecisions, Outcome, compute_placements};

fn outcomes(b: &AgencyBundle) -> Vec<Outcome> {
    compute_placements(&b.to_organisation(AgencyId(1)), &ManualDecisions::new())
}

#[test]
fn demo_is_deterministic() {
    assert_eq!(demo_government(), demo_government());
}

#[test]
fn demo_bundles_pass_validation() {
    for b in demo_government() {
        if let Err(problems) = b.validate() {
            panic!(
                "{}: {:#?}",
                b.agency.code,
                &problems[..problems.len().min(20)]
            );
        }
    }
}

#[test]
fn demo_has_the_promised_agencies_and_sizes() {
    let gov = demo_government();
    assert_eq!(gov.len(), 2);
    let (kab, prov) = (&gov[0], &gov[1]);
    assert_eq!(kab.agency.code, "kab-banjar");
    assert_eq!(kab.agency.seat, "Martapura");
    assert_eq!(prov.agency.code, "prov-kalsel");
    assert_eq!(prov.agency.seat, "Banjarbaru");
    assert!(kab.agency.address.contains("fiktif"));
    let n = kab.employees.len();
    assert!(
        (1800..=2300).contains(&n),
        "Kabupaten Banjar has {n} employees"
    );
    let n = prov.employees.len();
    assert!((120..=200).contains(&n), "the province has {n} employees");
    println!(
        "kab-banjar: {} departments, {} units, {} positions, {} employees",
        kab.departments.len(),
        kab.units.len(),
        kab.positions.len(),
        kab.employees.len()
    );
}

#[test]
fn demo_has_every_kind_of_department_class_and_level() {
    let kab = &demo_government()[0];
    let kinds: HashSet<_> = kab.departments.iter().map(|d| d.kind).collect();
    for k in DepartmentKind::ALL {
        assert!(kinds.contains(k), "no {k:?}");
    }
    let count = |k| kab.departments.iter().filter(|d| d.kind == k).count();
    assert!(count(DepartmentKind::Office) >= 4);
    assert!(count(DepartmentKind::Board) >= 2);
    assert!(count(DepartmentKind::District) >= 4);
    let held: HashSet<&str> = kab
        .employees
        .iter()
        .filter_map(|e| e.position_code.as_deref())
        .collect();
    let classes: HashSet<_> = kab
        .positions
        .iter()
        .filter(|p| held.contains(p.code.as_str()))
        .map(|p| p.class)
        .collect();
    assert_eq!(classes.len(), PositionClass::ALL.len());
    let levels: HashSet<_> = kab
        .positions
        .iter()
        .filter(|p| held.contains(p.code.as_str()))
        .filter_map(|p| p.functional_level)
        .collect();
    assert_eq!(levels.len(), FunctionalLevel::ALL.len(), "{levels:?}");
    assert!(
        kab.employees
            .iter()
            .any(|e| e.employment_type == EmploymentType::Pppk)
    );
    assert!(kab.employees.iter().any(|e| e.from_equalization));
    let rated = kab
        .employees
        .iter()
        .filter(|e| e.ratings.len() == 3)
        .count();
    assert!(
        rated * 10 > kab.employees.len() * 8,
        "{rated} with three ratings"
    );
    assert!(kab.employees.iter().all(|e| !e.experience.is_empty()));
}

#[test]
fn demo_placement_has_placed_unresolved_notes_and_acting_officials() {
    let kab = &demo_government()[0];
    let out = outcomes(kab);
    let placed: Vec<_> = out.iter().filter_map(Outcome::placed).collect();
    let unresolved: Vec<_> = out
        .iter()
        .filter_map(|o| match o {
            Outcome::Unresolved(u) => Some(u),
            Outcome::Placed(_) => None,
        })
        .collect();
    assert!(placed.len() > 1000, "{} placed", placed.len());
    assert!(!unresolved.is_empty());
    for u in &unresolved {
        println!("unresolved: {}", u.reason);
    }
    assert!(unresolved.len() < 40, "{} unresolved", unresolved.len());
    assert!(unresolved.iter().any(|u| u.reason.contains("Ahli Utama")));
    assert!(unresolved.iter().any(|u| u.reason.contains("Ahli Madya")));
    assert!(
        unresolved
            .iter()
            .any(|u| u.reason.contains("Seksi Kesejahteraan Sosial kosong"))
    );
    assert!(placed.iter().any(|p| {
        p.notes
            .iter()
            .any(|n| n.contains("Kepala Seksi") && n.contains("kosong"))
    }));
    assert!(placed.iter().any(|p| {
        p.notes
            .iter()
            .any(|n| n.contains("Kepala Sub Bagian Keuangan kosong"))
    }));
    assert!(
        placed.iter().any(|p| p.superior.acting.is_some()),
        "someone sits under a Plt./Plh."
    );
    assert!(
        kab.employees
            .iter()
            .filter(|e| e.acting_position_code.is_some())
            .count()
            >= 3
    );
}

#[test]
fn well_known_people_exist_where_promised() {
    let gov = demo_government();
    let p = DEMO_PEOPLE;
    for k in [
        p.pelaksana,
        p.functional,
        p.pengawas,
        p.administrator,
        p.head_of_office,
        p.regional_secretary,
        p.camat_martapura,
        p.hospital_director,
        p.bkpsdm_staff,
        p.organisation_staff,
        p.province_official,
    ] {
        let agency = gov
            .iter()
            .find(|b| b.agency.code == k.agency_code)
            .expect("agency");
        let e = agency
            .employees
            .iter()
            .find(|e| e.nip.as_str() == k.nip)
            .unwrap_or_else(|| panic!("{} missing", k.role));
        assert_eq!(e.name, k.name);
        let pos = e
            .position_code
            .as_deref()
            .and_then(|c| agency.positions.iter().find(|x| x.code == c))
            .expect("position");
        println!("{} — {}", k.role, pos.name);
    }
}

#[test]
fn generated_agencies_have_the_requested_size_and_validate() {
    for n in [0, 1, 150, 5000] {
        let b = generated_agency(n, 7);
        assert_eq!(b.employees.len(), n);
        assert_eq!(b.validate(), Ok(()));
    }
    assert_eq!(generated_agency(300, 1), generated_agency(300, 1));
    assert_ne!(generated_agency(300, 1), generated_agency(300, 2));
}

/// Issue 15 point 10: rated up to the current year, every demo employee has the rating of the
/// year before an assignment starting now or next year (PEN-08 huruf c, Pasal 9 ayat 6), most
/// of them Baik or better; the bundles stay valid and the generated years are untouched.
#[test]
fn pen_08_every_demo_employee_is_rated_up_to_the_year_asked() {
    use sikerja_domain::org::PerformanceRating;
    let rated = sikerja_demo::demo_government_rated_through(2026);
    let plain = demo_government();
    let (mut people, mut good) = (0, 0);
    for (b, p) in rated.iter().zip(&plain) {
        assert!(b.validate().is_ok(), "{}", b.agency.code);
        for (e, q) in b.employees.iter().zip(&p.employees) {
            assert_eq!(e.nip, q.nip);
            for r in &q.ratings {
                assert!(e.ratings.contains(r), "{}: {r:?} kept", e.nip.as_str());
            }
            for year in [2025, 2026] {
                assert!(
                    e.ratings.iter().any(|r| r.year == year),
                    "{} has no rating for {year}",
                    e.nip.as_str()
                );
            }
            people += 1;
            if e.ratings.iter().any(|r| {
                r.year == 2026
                    && matches!(
                        r.rating,
                        PerformanceRating::Baik | PerformanceRating::SangatBaik
                    )
            }) {
                good += 1;
            }
        }
    }
    assert!(
        good * 10 >= people * 8,
        "{good} of {people} rated Baik or better"
    );
}
