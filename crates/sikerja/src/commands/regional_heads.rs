//! The terms of office of the regional heads from the command line (issue 14 point 4):
//! `sikerja regional-head add|end|list`. A new account gets a one-time password, printed once
//! and to be changed at the first sign-in, as `sikerja password reset` does for officials.
//! Every change is audited as `cli (<user>)`.

use anyhow::Context;
use sikerja_domain::assignment::Day;
use sikerja_domain::audit::AuditAction;
use sikerja_domain::regional_heads::RegionalOffice;
use sikerja_storage::{LegalBasis, NewTerm};
use sikerja_web::auth::{hash_password, temporary_password};

use super::access::cli_actor;
use crate::config::Config;

fn day(what: &str, value: &str) -> anyhow::Result<Day> {
    Day::parse(value.trim()).map_err(|e| anyhow::anyhow!("{what}: {e}"))
}

fn office_of(code: &str) -> anyhow::Result<RegionalOffice> {
    RegionalOffice::from_code(code.trim()).ok_or_else(|| {
        let known: Vec<&str> = RegionalOffice::ALL.iter().map(|o| o.code()).collect();
        anyhow::anyhow!(
            "jabatan tidak dikenal: {code} (pilihan: {})",
            known.join(", ")
        )
    })
}

/// What `sikerja regional-head add` is given.
pub struct AddArgs {
    pub agency: String,
    pub office: String,
    pub name: String,
    pub username: String,
    pub title: Option<String>,
    pub from: String,
    pub until: Option<String>,
    pub basis_number: String,
    pub basis_date: String,
}

/// `sikerja regional-head add --agency kab-banjar --office regent --name … --username …
/// --from 2021-02-26 --basis-number … --basis-date …`: records the term; a new account gets a
/// one-time password, printed once.
pub async fn add(config: &Config, args: &AddArgs) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let agency = store.agency_by_code(args.agency.trim()).await?;
    let new = NewTerm {
        office: office_of(&args.office)?,
        title: args.title.clone().unwrap_or_default(),
        name: args.name.clone(),
        username: args.username.clone(),
        from: day("--from", &args.from)?,
        until: args
            .until
            .as_deref()
            .map(|u| day("--until", u))
            .transpose()?,
        basis: LegalBasis {
            number: args.basis_number.clone(),
            date: day("--basis-date", &args.basis_date)?,
        },
    };
    let actor = cli_actor();
    let added = store
        .add_regional_head_term(agency.id, &new, &actor)
        .await
        .context("mencatat masa jabatan")?;
    println!(
        "Masa jabatan {} {} dicatat (nomor {}).",
        new.office.label(),
        new.name.trim(),
        added.term
    );
    if added.new_account {
        let temporary = temporary_password()?;
        let hash = hash_password(temporary.clone()).await?;
        store
            .set_regional_head_password(
                added.account,
                &hash,
                true,
                &actor,
                AuditAction::PasswordReset,
            )
            .await
            .context("menyimpan kata sandi sementara")?;
        println!(
            "Akun baru \"{}\", kata sandi sementara: {temporary}",
            new.username.trim().to_lowercase()
        );
        println!(
            "Kata sandi ini hanya ditampilkan sekali dan wajib diganti saat masuk berikutnya."
        );
    }
    Ok(())
}

/// `sikerja regional-head end --agency kab-banjar --id N --until 2026-02-25
/// [--basis-number … --basis-date …]`.
pub async fn end(
    config: &Config,
    agency: &str,
    id: i64,
    until: &str,
    basis: Option<(&str, &str)>,
) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let agency = store.agency_by_code(agency.trim()).await?;
    let basis = basis
        .map(|(number, date)| {
            Ok::<_, anyhow::Error>(LegalBasis {
                number: number.to_string(),
                date: day("--basis-date", date)?,
            })
        })
        .transpose()?;
    let until = day("--until", until)?;
    store
        .end_regional_head_term(agency.id, id, until, basis.as_ref(), &cli_actor())
        .await
        .context("mengakhiri masa jabatan")?;
    println!("Masa jabatan nomor {id} berakhir {}.", until.label());
    Ok(())
}

/// `sikerja regional-head list --agency kab-banjar`: every term, the head's first.
pub async fn list(config: &Config, agency: &str) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let agency = store.agency_by_code(agency.trim()).await?;
    let terms = store
        .regional_head_terms(agency.id, sikerja_storage::policies::today())
        .await?;
    if terms.is_empty() {
        println!("Belum ada kepala daerah tercatat untuk {}.", agency.name);
    }
    for t in terms {
        let basis = t
            .basis
            .map(|b| format!(", dasar {} tanggal {}", b.number, b.date.label()))
            .unwrap_or_default();
        println!(
            "{:>4}  {:<16} {:<40} {:<20} {} [{}]{basis}",
            t.id,
            t.office.label(),
            t.name,
            t.username,
            t.term.label(),
            t.status.label(),
        );
    }
    Ok(())
}
