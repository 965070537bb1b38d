//! `sikerja bench generate` (issue 18 point 3, issue 19 point 5): writes N synthetic agencies
//! of about M employees each into the configured database, deterministically from a seed, for
//! the benchmarks (`docs/benchmarks.md`, "Generated agencies").
//!
//! Each agency is built in memory by the demo crate's [`sikerja_demo::generated_agency`] (the
//! departments of the demo regency — every kind, varied sizes, structural, JF and Pelaksana
//! posts, vacancies and acting officials — repeated under numbered codes), given a fictional
//! name, code and Bupati and NIPs unique across agencies, then written by the ordinary import
//! ([`sikerja_storage::Store::import_agency`]: batched multi-row inserts in one transaction,
//! placements recomputed by the normal path), and given its activity
//! ([`super::bench_activity`]). Only one agency is held at a time: memory stays flat however
//! many agencies are asked for.

use std::collections::HashMap;
use std::time::Instant;

use anyhow::Context;
use sikerja_domain::Nip;
use sikerja_domain::access::RegionalHeadKind;
use sikerja_domain::bundle::AgencyBundle;
use sikerja_storage::{AuditActor, Store};

use crate::config::Config;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct GenerateArgs {
    pub agencies: usize,
    pub employees: usize,
    pub seed: u64,
    /// Also generate each agency's activity (agreements, assignments, reports, …).
    pub activity: bool,
}

/// The code of the `index`-th generated agency (0-based).
pub fn agency_code(index: usize) -> String {
    format!("sintetis-{:04}", index + 1)
}

/// The sign-in name of the generated agency's Bupati.
pub fn regent_username(index: usize) -> String {
    format!("bupati.sintetis-{:04}", index + 1)
}

/// `sikerja bench generate`.
pub async fn run(config: &Config, args: GenerateArgs) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    generate(&store, args).await
}

/// Generates `args.agencies` agencies into `store`, printing progress and the time per phase.
pub async fn generate(store: &Store, args: GenerateArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut nips = NipSpace::default();
    let (mut total_employees, mut build_ms, mut import_ms, mut activity_ms) = (0usize, 0, 0, 0);
    for index in 0..args.agencies {
        let t = Instant::now();
        let bundle = agency(index, args.employees, args.seed, &mut nips);
        let built = t.elapsed().as_millis();
        let t = Instant::now();
        let summary = store
            .import_agency(&bundle, "bench generate")
            .await
            .with_context(|| format!("mengimpor {}", bundle.agency.code))?;
        regent(store, summary.agency, index).await?;
        let imported = t.elapsed().as_millis();
        println!(
            "[{}/{}] {}: disusun dalam {built} ms, diimpor dengan kedudukan dalam {imported} ms; aktivitas …",
            index + 1,
            args.agencies,
            bundle.agency.code,
        );
        let t = Instant::now();
        let activity = if args.activity {
            let seed = agency_seed(args.seed, index);
            Some(super::bench_activity::seed(store, summary.agency, &bundle, seed).await?)
        } else {
            None
        };
        let acted = t.elapsed().as_millis();
        total_employees += bundle.employees.len();
        build_ms += built;
        import_ms += imported;
        activity_ms += acted;
        println!(
            "[{}/{}] {} ({}): {} perangkat daerah, {} pegawai — susun {built} ms, impor dan kedudukan {imported} ms, aktivitas {acted} ms{}",
            index + 1,
            args.agencies,
            bundle.agency.name,
            bundle.agency.code,
            summary.departments,
            summary.employees,
            activity.map(|a| format!(" ({a})")).unwrap_or_default(),
        );
    }
    println!(
        "Selesai: {} instansi, {total_employees} pegawai dalam {:.1} s (susun {:.1} s, impor dan kedudukan {:.1} s, aktivitas {:.1} s).",
        args.agencies,
        started.elapsed().as_secs_f64(),
        build_ms as f64 / 1000.0,
        import_ms as f64 / 1000.0,
        activity_ms as f64 / 1000.0,
    );
    Ok(())
}

/// The seed of the `index`-th agency: the run's seed mixed with the index.
fn agency_seed(seed: u64, index: usize) -> u64 {
    seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add(index as u64)
        .rotate_left(17)
}

/// The `index`-th agency of a run: deterministic in (`index`, `employees`, `seed`) given the
/// agencies before it (the NIP space is shared).
pub fn agency(index: usize, employees: usize, seed: u64, nips: &mut NipSpace) -> AgencyBundle {
    let mut b = sikerja_demo::generated_agency(employees, agency_seed(seed, index));
    b.agency.code = agency_code(index);
    b.agency.name = format!("Pemerintah Kabupaten Sintetis {:04}", index + 1);
    for e in &mut b.employees {
        e.nip = nips.renumber(&e.nip);
    }
    b
}

/// Records the agency's Bupati (fictional), whose account the benchmarks sign in with.
async fn regent(
    store: &Store,
    agency: sikerja_domain::organisation::AgencyId,
    index: usize,
) -> anyhow::Result<()> {
    store
        .upsert_regional_head(
            agency,
            RegionalHeadKind::Head,
            &format!("Bupati Sintetis {:04}", index + 1),
            &format!("Bupati Fiktif Sintetis {:04}", index + 1),
            &regent_username(index),
            &AuditActor::new("bench generate"),
        )
        .await
        .context("Bupati instansi sintetis")?;
    Ok(())
}

/// NIPs unique across every generated agency: each agency's generator keeps its own NIPs
/// unique, not across agencies. A NIP keeps its birth year, appointment month and gender (so
/// it still fits the person's age and grade); its birth month and day and its sequence number
/// are drawn from a counter per (birth year, appointment, gender). Sequence numbers start at
/// 500 so that they never meet the demo's, which start at 1. A few thousand counters, however
/// many agencies.
#[derive(Debug, Default)]
pub struct NipSpace(HashMap<(u32, u32, u8), u32>);

impl NipSpace {
    fn renumber(&mut self, nip: &Nip) -> Nip {
        let s = nip.as_str();
        let year: u32 = s[0..4].parse().unwrap_or(1980);
        let appointed: u32 = s[8..14].parse().unwrap_or(200_501);
        let gender: u8 = s[14..15].parse().unwrap_or(1);
        let counter = self.0.entry((year, appointed, gender)).or_insert(0);
        let c = *counter;
        *counter += 1;
        let month = c % 12 + 1;
        let day = c / 12 % 28 + 1;
        let seq = 500 + c / 336 % 499;
        let text = format!("{year:04}{month:02}{day:02}{appointed:06}{gender}{seq:03}");
        Nip::parse(&text).unwrap_or_else(|_| nip.clone())
    }
}
