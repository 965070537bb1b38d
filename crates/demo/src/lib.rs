//! The demo government of Sikerja: Pemerintah Kabupaten Banjar with every kind of Perangkat
//! Daerah and about 2,000 people, and Pemerintah Provinsi Kalimantan Selatan with about 150,
//! for cross-agency work. Everything is **fictional** (the agencies' address says so) and
//! deterministic: a seeded generator of our own, the same data on every run.
//!
//! [`generated_agency`] builds synthetic agencies of any size for benchmarks, and
//! [`DEMO_PEOPLE`] names well-known people of the demo (a Pelaksana, a JF, the Sekda, …).
#![forbid(unsafe_code)]

mod banjar;
mod banjar_offices;
mod builder;
mod catalog;
mod generated;
mod kecamatan;
mod known;
mod names;
mod offices;
mod person;
mod province;
mod rng;
mod rsud;
mod setda;
mod small;

use sikerja_domain::bundle::AgencyBundle;
use sikerja_domain::org::PerformanceRating;
use sikerja_domain::organisation::YearRating;

pub use known::{DEMO_PEOPLE, DemoPeople, KnownPerson};

/// The demo government: Kabupaten Banjar first, then the province. Deterministic.
pub fn demo_government() -> Vec<AgencyBundle> {
    vec![banjar::build(), province::build()]
}

/// The demo government with every employee rated for each year up to `year` (issue 15 point
/// 10): the data describe 2025, so without this no one has the rating of the year before an
/// assignment starting in 2026 or later and PEN-08 huruf c (Pasal 9 ayat 6) fails every
/// candidate lead. A year after the generated ones (from 2025 on) repeats the person's latest rating (Baik
/// for someone never rated), so the few rated below Baik stay so. `sikerja demo` and `cargo
/// run` pass the current year.
pub fn demo_government_rated_through(year: u16) -> Vec<AgencyBundle> {
    let mut bundles = demo_government();
    for b in &mut bundles {
        for e in &mut b.employees {
            rate_through(&mut e.ratings, year);
        }
    }
    bundles
}

fn rate_through(ratings: &mut Vec<YearRating>, year: u16) {
    let Some(last) = ratings.iter().map(|r| r.year).max() else {
        // Appointed the year before the data's: rated from the data's year on.
        let first = person::YEAR as u16;
        ratings.extend((first..=year).map(|year| YearRating {
            year,
            rating: PerformanceRating::Baik,
        }));
        return;
    };
    let rating = ratings
        .iter()
        .filter(|r| r.year == last)
        .map(|r| r.rating)
        .max()
        .unwrap_or(PerformanceRating::Baik);
    ratings.extend((last + 1..=year).map(|year| YearRating { year, rating }));
}

/// The well-known people of the demo government.
pub fn demo_people() -> DemoPeople {
    DEMO_PEOPLE
}

/// A small example agency (one Dinas, one Kecamatan, about twenty fictional people), the
/// content of `examples/agency-small.json` and `.xlsx`.
pub fn small_agency() -> AgencyBundle {
    small::build()
}

/// A synthetic but realistic agency of exactly `employees` people: the departments of the demo
/// regency (every kind, the same proportions, vacancies and acting officials) repeated under
/// numbered codes. The same `seed` gives the same agency.
pub fn generated_agency(employees: usize, seed: u64) -> AgencyBundle {
    generated::build(employees, seed)
}
