//! Sign-in accounts from the command line: the admin password reset and the demo sign-ins.

use sikerja_domain::audit::AuditAction;
use std::sync::Arc;

use anyhow::Context;
use sikerja_demo::{DemoPeople, KnownPerson};
use sikerja_domain::Nip;
use sikerja_domain::access::{GrantedRole, RegionalHeadKind};
use sikerja_storage::{AuditActor, Store};
use sikerja_web::auth::{DEMO_PASSWORD, DemoSignIn, hash_password, temporary_password};

use crate::config::Config;

/// `sikerja password reset --nip NIP`: sets a random temporary password that must be changed
/// at the next sign-in, and prints it once.
pub async fn reset_password(config: &Config, nip: &str) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let nip = Nip::parse(nip.trim()).map_err(|e| anyhow::anyhow!("NIP tidak sah: {e}"))?;
    let employee = store
        .employee_by_nip(&nip)
        .await
        .with_context(|| format!("mencari pegawai dengan NIP {}", nip.as_str()))?;
    let temporary = temporary_password()?;
    let hash = hash_password(temporary.clone()).await?;
    store
        .set_password(employee.employee.id, &hash, true)
        .await
        .context("menyimpan kata sandi sementara")?;
    println!(
        "Kata sandi sementara untuk {} ({}): {temporary}",
        employee.employee.name,
        nip.as_str()
    );
    println!("Kata sandi ini hanya ditampilkan sekali dan wajib diganti saat masuk berikutnya.");
    Ok(())
}

/// The well-known demo people, in the order of the README table.
pub fn demo_people() -> [KnownPerson; 11] {
    let DemoPeople {
        pelaksana,
        functional,
        pengawas,
        administrator,
        head_of_office,
        regional_secretary,
        camat_martapura,
        hospital_director,
        bkpsdm_staff,
        organisation_staff,
        province_official,
    } = sikerja_demo::demo_people();
    [
        pelaksana,
        functional,
        pengawas,
        administrator,
        head_of_office,
        regional_secretary,
        camat_martapura,
        hospital_director,
        bkpsdm_staff,
        organisation_staff,
        province_official,
    ]
}

/// The demo people as the sign-in page lists them, and the Bupati.
pub fn demo_sign_ins() -> Arc<[DemoSignIn]> {
    demo_people()
        .iter()
        .map(|p| DemoSignIn {
            name: display_name(p),
            role: p.role.to_string(),
            nip: p.nip.to_string(),
        })
        .chain(std::iter::once(DemoSignIn {
            name: DEMO_BUPATI_NAME.to_string(),
            role: "Bupati Banjar (masuk dengan nama pengguna)".to_string(),
            nip: DEMO_BUPATI_USERNAME.to_string(),
        }))
        .collect()
}

fn display_name(p: &KnownPerson) -> String {
    let mut s = String::new();
    if !p.front_title.is_empty() {
        s.push_str(p.front_title);
        s.push(' ');
    }
    s.push_str(p.name);
    if !p.back_title.is_empty() {
        s.push_str(", ");
        s.push_str(p.back_title);
    }
    s
}

/// Gives every well-known demo person the documented demo password (each with its own salt;
/// argon2 is built optimised even in debug builds, so eleven hashes take well under a second).
/// The demo's letters carry the QR code of `config` (`public_url`, else the local address).
pub async fn set_demo_passwords(store: &Store, config: &Config) -> anyhow::Result<()> {
    for person in demo_people() {
        let hash = hash_password(DEMO_PASSWORD.to_string()).await?;
        let nip = Nip::parse(person.nip).map_err(|e| anyhow::anyhow!("NIP demo tidak sah: {e}"))?;
        let employee = store
            .employee_by_nip(&nip)
            .await
            .with_context(|| format!("orang demo {} tidak ada di data demo", person.nip))?;
        store
            .set_password(employee.employee.id, &hash, false)
            .await
            .context("menyimpan kata sandi demo")?;
    }
    set_demo_roles(store).await?;
    super::demo_planning::seed(store, this_year()).await?;
    let letters = super::demo_assignments::demo_letters(config);
    super::demo_assignments::seed(store, &letters).await?;
    super::demo_execution::seed(store, &letters).await?;
    super::demo_assignments::seed_prepared(store).await?;
    super::demo_performance::seed(store).await?;
    super::demo_maps::seed(store).await?;
    println!(
        "Akun demo siap: {} orang dan Bupati (nama pengguna \"{DEMO_BUPATI_USERNAME}\"), kata sandi \"{DEMO_PASSWORD}\".",
        demo_people().len()
    );
    Ok(())
}

/// Username of the demo Bupati (regional heads have no NIP).
pub const DEMO_BUPATI_USERNAME: &str = "bupati.banjar";
/// Name of the demo Bupati (fictional).
const DEMO_BUPATI_NAME: &str = "H. Rahmat Hidayatullah, S.E., M.M.";

/// The demo's granted roles (Admin BKPSDM, process-map keeper, Admin Bagian Organisasi) and
/// the Bupati's account.
/// Idempotent: a role already granted is left as it is.
async fn set_demo_roles(store: &Store) -> anyhow::Result<()> {
    let actor = AuditActor::new("demo");
    let people = sikerja_demo::demo_people();
    for (person, role) in [
        (people.bkpsdm_staff, GrantedRole::HrAdmin),
        (people.organisation_staff, GrantedRole::ProcessMapKeeper),
        // Bagian Organisasi keeps the units and positions (issue 14 point 3).
        (people.organisation_staff, GrantedRole::OrganisationKeeper),
    ] {
        let nip = Nip::parse(person.nip).map_err(|e| anyhow::anyhow!("NIP demo tidak sah: {e}"))?;
        let employee = store.employee_by_nip(&nip).await?;
        match store
            .grant_role(employee.employee.id, role, &actor, "akun demo")
            .await
        {
            Ok(_) => {}
            Err(sikerja_storage::StorageError::Conflict { .. }) => {}
            Err(e) => return Err(e).context("memberi peran demo"),
        }
    }
    let banjar = store.agency_by_code("kab-banjar").await?;
    let id = store
        .upsert_regional_head(
            banjar.id,
            RegionalHeadKind::Head,
            "Bupati Banjar",
            DEMO_BUPATI_NAME,
            DEMO_BUPATI_USERNAME,
            &actor,
        )
        .await
        .context("akun Bupati demo")?;
    let hash = hash_password(DEMO_PASSWORD.to_string()).await?;
    store
        .set_regional_head_password(id, &hash, false, &actor, AuditAction::PasswordDemo)
        .await
        .context("kata sandi Bupati demo")?;
    Ok(())
}

/// The current year in WITA (UTC+8), the demo's planning year.
/// The current year in Kalimantan Selatan (WITA).
pub(crate) fn this_year() -> i32 {
    use chrono::Datelike;
    (chrono::Utc::now() + chrono::TimeDelta::hours(8)).year()
}
