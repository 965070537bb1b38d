//! `sikerja letters …`: the numbering registers (DOC-05) and letterheads of an agency — what
//! the archive officer and the HR office set once a year or when an office changes.

use chrono::Datelike;
use sikerja_domain::numbering::RegisterKind;
use sikerja_domain::organisation::{AgencyId, DepartmentId};
use sikerja_storage::{AuditActor, LetterheadInput, RegisterSetting, Store};

use crate::config::Config;

async fn department(
    store: &Store,
    agency: AgencyId,
    code: Option<&str>,
) -> anyhow::Result<Option<DepartmentId>> {
    let Some(code) = code else { return Ok(None) };
    store
        .departments(Some(agency))
        .await?
        .into_iter()
        .find(|d| d.department.code == code)
        .map(|d| Some(d.department.id))
        .ok_or_else(|| anyhow::anyhow!("Perangkat Daerah dengan kode {code} tidak ditemukan"))
}

/// What `sikerja letters register` sets.
pub struct RegisterArgs<'a> {
    pub agency: &'a str,
    pub department: Option<&'a str>,
    pub kind: &'a str,
    pub year: Option<i32>,
    pub classification: &'a str,
    pub unit_code: &'a str,
    pub pattern: &'a str,
}

/// Sets the classification code, unit code and pattern of a register.
pub async fn register(config: &Config, args: RegisterArgs<'_>) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let a = store.agency_by_code(args.agency).await?;
    // A letter kind, or `performance_agreement` for the Perjanjian Kinerja (issue 15 point 6).
    let kind = RegisterKind::from_code(args.kind).ok_or_else(|| {
        let known: Vec<&str> = RegisterKind::ALL.iter().map(|k| k.code()).collect();
        anyhow::anyhow!(
            "jenis surat {} tidak dikenal; pilih salah satu: {}",
            args.kind,
            known.join(", ")
        )
    })?;
    let setting = RegisterSetting {
        agency: a.id,
        department: department(&store, a.id, args.department).await?,
        kind,
        year: args.year.unwrap_or_else(|| chrono::Utc::now().year()),
        classification: args.classification.to_string(),
        unit_code: args.unit_code.to_string(),
        pattern: args.pattern.to_string(),
    };
    let r = store
        .set_letter_register(&setting, &AuditActor::new("cli"))
        .await?;
    println!(
        "Register {} {} tahun {}: nomor berikutnya {}",
        r.kind_label,
        args.department.unwrap_or("(instansi)"),
        r.year,
        sikerja_storage::format_number(
            &r.pattern,
            &r.classification,
            &r.unit_code,
            r.next_seq,
            r.year
        )
    );
    Ok(())
}

/// Lists the letter numbers given more than once before issue 12 (kept, not renumbered).
pub async fn duplicates(config: &Config, agency: Option<&str>) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let agency = match agency {
        Some(code) => Some(store.agency_by_code(code).await?.id),
        None => None,
    };
    let found = store.letter_number_duplicates(agency).await?;
    if found.is_empty() {
        println!("Tidak ada nomor surat ganda.");
    }
    for d in found {
        println!(
            "Nomor {} (instansi {}) diberikan {} kali:",
            d.number,
            d.agency.0,
            d.copies.len()
        );
        for c in d.copies {
            println!(
                "  register {}  surat terbit {}",
                c.register,
                c.issued_letter
                    .map_or_else(|| "-".to_string(), |id| id.to_string())
            );
        }
    }
    Ok(())
}

/// Lists an agency's registers with every number they gave.
pub async fn registers(config: &Config, agency: &str) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let a = store.agency_by_code(agency).await?;
    let registers = store.letter_registers(a.id).await?;
    if registers.is_empty() {
        println!("{}: belum ada register surat.", a.name);
    }
    for r in registers {
        println!(
            "{} · {} · {} · pola {} · berikutnya {}",
            r.year,
            r.kind_label,
            r.department
                .map_or_else(|| "instansi".to_string(), |d| format!("PD {}", d.0)),
            r.pattern,
            r.next_seq
        );
        for n in r.numbers {
            println!(
                "  {:>4}  {}  {}{}{}",
                n.seq,
                n.number,
                if n.status.in_force() {
                    "terbit"
                } else {
                    "DIBATALKAN"
                },
                n.agreement
                    .map_or_else(String::new, |id| format!("  Perjanjian Kinerja {id}")),
                if n.note.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", n.note)
                }
            );
        }
    }
    Ok(())
}

/// What `sikerja letters letterhead` sets.
pub struct LetterheadArgs<'a> {
    pub agency: &'a str,
    pub department: Option<&'a str>,
    pub lines: &'a [String],
    pub address: &'a str,
    pub contacts: &'a [String],
    pub logo: Option<&'a std::path::Path>,
}

/// Sets the letterhead of an agency or a department.
pub async fn letterhead(config: &Config, args: LetterheadArgs<'_>) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let a = store.agency_by_code(args.agency).await?;
    let logo = match args.logo {
        Some(path) => Some(
            std::fs::read(path)
                .map_err(|e| anyhow::anyhow!("logo {} tidak terbaca: {e}", path.display()))?,
        ),
        None => None,
    };
    let input = LetterheadInput {
        lines: args.lines.to_vec(),
        address: args.address.to_string(),
        contacts: args.contacts.to_vec(),
        logo,
    };
    let department = department(&store, a.id, args.department).await?;
    let view = store
        .set_letterhead(a.id, department, &input, &AuditActor::new("cli"))
        .await?;
    println!("Kop surat disimpan:");
    for l in view.lines {
        println!("  {l}");
    }
    if !view.address.is_empty() {
        println!("  {}", view.address);
    }
    for c in view.contacts {
        println!("  {c}");
    }
    Ok(())
}
