//! Issue 15 point 3: the picker ranks candidates by fit — PEN-09 first, then PEN-02, PEN-08,
//! the owner unit and the load — and searches name, NIP, unit and position alike.

use super::*;

fn start() -> Day {
    d("2025-02-01")
}

/// The fit of each employee as the picker computes it, ranked best first (ties by name).
fn ranked(fx: &Fx, who: &[EmployeeId], loads: &[(EmployeeId, u32)]) -> Vec<EmployeeId> {
    let org = &fx.b.org;
    let units = org_units(org);
    let equalized = equalized_candidates(org, fx.dinas, AgencyId(1));
    let outcomes = fx.outcomes();
    let mut fits: Vec<(Fit, String, EmployeeId)> = who
        .iter()
        .map(|&id| {
            let e = fx.employee(id);
            let fit = Fit {
                equalized_first: equalized.contains(&id),
                placed: outcomes
                    .iter()
                    .any(|o| o.employee() == id && matches!(o, Outcome::Placed(_))),
                lead_eligible: lead_eligibility(e, FIELD, start(), &AssignmentPolicy::default())
                    .iter()
                    .all(|r| r.met),
                in_owner_unit: units.get(&id) == Some(&fx.dinas),
                load: loads.iter().find(|(x, _)| *x == id).map_or(0, |(_, l)| *l),
            };
            (fit, e.display_name(), id)
        })
        .collect();
    fits.sort_by(|a, b| a.0.best_first(&b.0).then(a.1.cmp(&b.1)));
    fits.into_iter().map(|(.., id)| id).collect()
}

#[test]
fn pen_09_pen_08_candidates_rank_by_fit_equalized_first_then_eligible_then_owner_unit_then_load() {
    let mut fx = fx();
    // Meets every PEN-08 requirement, in another Perangkat Daerah.
    let eligible_elsewhere = fx.jf(fx.other_seksi);
    // Meets none of the rating/experience requirements, in the owner unit.
    let plain_insider = fx.b.jf(fx.seksi, AhliPertama);
    // A JF from penyetaraan of the owner unit who fails PEN-08: still first (PEN-09).
    let equalized = fx.b.jf(fx.seksi, AhliPertama);
    fx.edit(equalized, |e| e.from_equalization = true);
    // Two eligible insiders; the busier one comes after the idle one.
    let busy_insider = fx.jf(fx.seksi);
    let idle_insider = fx.jf(fx.seksi);
    fx.fix_agencies();
    let order = ranked(
        &fx,
        &[
            plain_insider,
            eligible_elsewhere,
            busy_insider,
            equalized,
            idle_insider,
        ],
        &[(busy_insider, 2)],
    );
    assert_eq!(
        order,
        [
            equalized,
            idle_insider,
            busy_insider,
            eligible_elsewhere,
            plain_insider
        ]
    );
}

#[test]
fn pen_02_an_unplaced_candidate_comes_after_every_placed_one() {
    let placed = Fit {
        placed: true,
        ..Fit::default()
    };
    let unplaced_but_eligible = Fit {
        placed: false,
        lead_eligible: true,
        in_owner_unit: true,
        ..Fit::default()
    };
    assert_eq!(
        placed.best_first(&unplaced_but_eligible),
        std::cmp::Ordering::Less
    );
    let equalized_unplaced = Fit {
        equalized_first: true,
        ..Fit::default()
    };
    // PEN-09 still comes first: the picker proposes them and PEN-02 reports the placement.
    assert_eq!(
        equalized_unplaced.best_first(&placed),
        std::cmp::Ordering::Less
    );
}

#[test]
fn the_unit_organisasi_of_every_employee_comes_from_one_index() {
    let mut fx = fx();
    let in_seksi = fx.jf(fx.seksi);
    let in_uptd = fx.jf(fx.uptd);
    let elsewhere = fx.jf(fx.other_seksi);
    let units = org_units(&fx.b.org);
    assert_eq!(units.get(&in_seksi), Some(&fx.dinas));
    assert_eq!(units.get(&in_uptd), Some(&fx.uptd));
    assert_eq!(units.get(&elsewhere), Some(&fx.other));
    for e in &fx.b.org.employees {
        assert_eq!(units.get(&e.id).copied(), org_unit_of(&fx.b.org, e.id));
    }
}

#[test]
fn the_search_ignores_case_accents_and_spaces_and_needs_every_word() {
    let texts = [
        "Siti Aminah, S.Kep.",
        "19881122 201001 2 003",
        "Seksi Pelayanan Kesehatan",
        "Perawat Ahli Muda",
    ];
    for q in [
        "",
        "siti",
        "AMINAH",
        "Amínah",
        "198811222010",
        "19881122 2010",
        "pelayanan  kesehatan",
        "pelayanankesehatan",
        "seksi perawat",
        "perawat siti",
    ] {
        assert!(Search::new(q).matches(texts), "{q:?} should match");
    }
    for q in ["budi", "siti budi", "bidang", "1977"] {
        assert!(!Search::new(q).matches(texts), "{q:?} should not match");
    }
    assert_eq!(search_key("Kepala  Sub-Bagian Umum"), "kepalasubbagianumum");
    assert_eq!(search_key("Dinas Késehatan"), "dinaskesehatan");
    assert!(Search::new("  ").is_blank());
}
