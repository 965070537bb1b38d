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

pub use known::{DEMO_PEOPLE, DemoPeople, KnownPerson};

/// The demo government: Kabupaten Banjar first, then the province. Deterministic.
pub fn demo_government() -> Vec<AgencyBundle> {
    vec![banjar::build(), province::build()]
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
