//! Granted roles and API tokens from the command line, for the first admin of an installation
//! (afterwards the admin pages do the same). Every change is audited as `cli (<user>)`.

use anyhow::Context;
use sikerja_domain::Nip;
use sikerja_domain::access::{GrantedRole, RevocationChannel};
use sikerja_storage::{ApiTokenId, AuditActor, GrantId, Store};

use crate::config::Config;

pub(crate) fn cli_actor() -> AuditActor {
    let user = std::env::var("USER").unwrap_or_else(|_| "?".into());
    AuditActor::new(format!("cli ({user})"))
}

fn role_of(code: &str) -> anyhow::Result<GrantedRole> {
    GrantedRole::from_code(code).ok_or_else(|| {
        let known: Vec<&str> = GrantedRole::ALL.iter().map(|r| r.code()).collect();
        anyhow::anyhow!(
            "peran tidak dikenal: {code} (pilihan: {})",
            known.join(", ")
        )
    })
}

/// `sikerja role grant --nip N --role hr_admin --reason …`
pub async fn grant(config: &Config, nip: &str, role: &str, reason: &str) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let role = role_of(role)?;
    let nip = Nip::parse(nip.trim()).map_err(|e| anyhow::anyhow!("NIP tidak sah: {e}"))?;
    let person = store
        .employee_by_nip(&nip)
        .await
        .context("mencari pegawai")?;
    let id = store
        .grant_role(person.employee.id, role, &cli_actor(), reason)
        .await
        .context("memberi peran")?;
    println!(
        "Peran {} diberikan kepada {} (NIP {}), nomor {}.",
        role.label(),
        person.employee.name,
        nip.as_str(),
        id.0
    );
    Ok(())
}

/// `sikerja role revoke --id N --reason … [--force]`: `--force` takes back even the last
/// holder of a role only its holders can give (issue 12 point 9), recorded as forced.
pub async fn revoke(config: &Config, id: i64, reason: &str, force: bool) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    match store
        .revoke_role_via(
            GrantId(id),
            &cli_actor(),
            reason,
            RevocationChannel::Cli { force },
        )
        .await
    {
        Ok(()) => {}
        Err(e) if e.code() == "last_role_holder" => {
            anyhow::bail!("{e} (kode last_role_holder; dari baris perintah: tambahkan --force)")
        }
        Err(e) => return Err(e).context("mencabut peran"),
    }
    println!("Peran nomor {id} dicabut.");
    Ok(())
}

/// `sikerja role list --agency CODE`
pub async fn list_roles(config: &Config, agency: &str) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let agency = store.agency_by_code(agency).await?;
    for g in store.role_grants(agency.id).await? {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            g.id.0,
            g.role.code(),
            g.nip,
            g.name,
            if g.is_active() { "aktif" } else { "dicabut" }
        );
    }
    Ok(())
}

/// `sikerja token create --name N [--agency CODE] [--write]`: prints the secret once.
pub async fn create_token(
    config: &Config,
    name: &str,
    agency: Option<&str>,
    write: bool,
) -> anyhow::Result<()> {
    let store: Store = super::open(config).await?;
    let agency = match agency {
        Some(code) => Some(store.agency_by_code(code).await?.id),
        None => None,
    };
    let (view, secret) = store
        .create_api_token(name, agency, write, &cli_actor())
        .await
        .context("membuat token API")?;
    println!("Token API \"{}\" (nomor {}) dibuat:", view.name, view.id.0);
    println!("{secret}");
    println!("Token ini hanya ditampilkan sekali. Kirim sebagai: Authorization: Bearer <token>");
    Ok(())
}

/// `sikerja token revoke --id N`
pub async fn revoke_token(config: &Config, id: i64) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    store
        .revoke_api_token(ApiTokenId(id), &cli_actor())
        .await
        .context("mencabut token API")?;
    println!("Token API nomor {id} dicabut.");
    Ok(())
}

/// `sikerja token list`
pub async fn list_tokens(config: &Config) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    for t in store.api_tokens().await? {
        println!(
            "{}\t{}\t{}…\t{}\t{}\t{}",
            t.id.0,
            t.name,
            t.prefix,
            t.agency.map_or("semua".to_string(), |a| a.0.to_string()),
            if t.can_write { "baca+tulis" } else { "baca" },
            if t.revoked_at.is_some() {
                "dicabut"
            } else {
                "aktif"
            }
        );
    }
    Ok(())
}
