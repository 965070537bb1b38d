//! The subcommands of the binary.

pub mod access;
pub mod accounts;
pub mod audit;
pub mod bench_activity;
pub mod bench_generate;
pub mod demo_assignments;
pub mod demo_execution;
pub mod demo_maps;
pub mod demo_performance;
pub mod demo_planning;
pub mod letters;
pub mod notify;
pub mod org_changes;
pub mod regional_heads;
pub mod serve;
pub mod transfer;
pub mod workflow;

use anyhow::Context;
use sikerja_storage::{AuditKey, AuditSettings, Store};

use crate::config::Config;

/// Opens storage (creating and migrating an SQLite file when needed), with the audit key
/// (generated into its file on first start when none is configured).
pub async fn open(config: &Config) -> anyhow::Result<Store> {
    let audit = audit_settings(config, true)?;
    let store = Store::connect_with(config.database_url.expose(), audit)
        .await
        .context("membuka basis data (periksa SIKERJA_DATABASE_URL)")?;
    Ok(match config.nudge_interval_minutes {
        Some(m) => store.with_nudge_interval(chrono::TimeDelta::minutes(i64::from(m))),
        None => store,
    })
}

/// Opens an existing, migrated database for reading only (`sikerja audit verify`): no
/// migration, no key file created, no write possible.
pub async fn open_read_only(config: &Config) -> anyhow::Result<Store> {
    let audit = audit_settings(config, false)?;
    Store::open_read_only(config.database_url.expose(), audit)
        .await
        .context("membuka basis data untuk dibaca (periksa SIKERJA_DATABASE_URL)")
}

/// The audit key and checkpoint file: as configured, else beside the database.
fn audit_settings(config: &Config, create_key: bool) -> anyhow::Result<AuditSettings> {
    let url = config.database_url.expose();
    let (key_file, checkpoint_file) = AuditSettings::default_paths(url)
        .context("membuka basis data (periksa SIKERJA_DATABASE_URL)")?;
    let key_file = config.audit_key_file.clone().unwrap_or(key_file);
    let key = match &config.audit_key {
        Some(text) => AuditKey::from_text(text.expose()).context("SIKERJA_AUDIT_KEY")?,
        None if create_key => AuditKey::load_or_create(&key_file)?,
        None => AuditKey::load(&key_file)?,
    };
    Ok(AuditSettings {
        key,
        checkpoint_file: config
            .audit_checkpoint_file
            .clone()
            .unwrap_or(checkpoint_file),
    })
}

pub async fn migrate(config: &Config) -> anyhow::Result<()> {
    // Opening runs the migrations.
    open(config).await?;
    println!("Skema basis data mutakhir.");
    Ok(())
}

/// The year the demo's ratings run up to: the current one, so that a team starting now or
/// next year finds its lead rated for the year before (PEN-08 huruf c; issue 15 point 10).
pub(crate) fn demo_year() -> u16 {
    u16::try_from(accounts::this_year()).unwrap_or(2026)
}

/// Loads the demo government, replacing agencies with the same codes.
pub async fn load_demo(config: &Config) -> anyhow::Result<Store> {
    let store = open(config).await?;
    for bundle in sikerja_demo::demo_government_rated_through(demo_year()) {
        let s = store
            .import_agency(&bundle, "demo")
            .await
            .with_context(|| format!("memuat data demo {}", bundle.agency.code))?;
        println!(
            "Data demo dimuat: {} ({} perangkat daerah, {} pegawai)",
            bundle.agency.name, s.departments, s.employees
        );
    }
    accounts::set_demo_passwords(&store, config).await?;
    if let Some(warning) = config.public_url_warning() {
        println!("{warning}");
    }
    Ok(store)
}

pub async fn placement(config: &Config, agency: Option<&str>) -> anyhow::Result<()> {
    let store = open(config).await?;
    let agencies = match agency {
        Some(code) => vec![store.agency_by_code(code).await?],
        None => store.agencies().await?,
    };
    for a in agencies {
        let s = store.recompute_placements(a.id).await?;
        println!(
            "{}: {} ditempatkan, {} belum terselesaikan, {} perubahan Pejabat Penilai Kinerja",
            a.name, s.placed, s.unresolved, s.assessor_changes
        );
        let filter = sikerja_storage::PlacementFilter {
            agency: Some(a.id),
            status: Some(sikerja_storage::PlacementStatus::Unresolved),
            ..Default::default()
        };
        for p in store.placements(&filter).await? {
            println!(
                "  {} {} — {} ({}): {}",
                p.employee.nip.spaced(),
                p.employee.name,
                p.position_name,
                p.department_name,
                p.reason.unwrap_or_default()
            );
        }
    }
    Ok(())
}

/// A demo person as the demo's records name them: acting as the employee they are, named and
/// linked in the audit trail as a signed-in person is ("Name (NIP …)", with their position;
/// issue 15).
pub(crate) fn demo_actor(
    person: &sikerja_storage::EmployeeView,
) -> sikerja_storage::planning::PlanningActor {
    sikerja_storage::planning::PlanningActor {
        employee: Some(person.employee.id),
        regional_head_of: None,
        audit: sikerja_storage::AuditActor::employee(
            &person.employee.display_name(),
            person.employee.nip.as_str(),
            person.position.as_ref().map(|p| p.position.name.clone()),
        ),
    }
}
