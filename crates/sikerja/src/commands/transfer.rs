//! `sikerja import` and `sikerja export`: a whole agency as JSON or XLSX (all or nothing).

use std::path::Path;

use anyhow::{Context, bail};

use crate::config::Config;

fn is_xlsx(path: &Path, bytes: &[u8]) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
        || bytes.starts_with(b"PK")
}

pub async fn import(config: &Config, file: &Path, dry_run: bool) -> anyhow::Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("membaca {}", file.display()))?;
    let parsed = if is_xlsx(file, &bytes) {
        sikerja_transfer::read_xlsx(&bytes)
    } else {
        sikerja_transfer::read_json(&bytes)
    };
    let bundle = match parsed {
        Ok(b) => b,
        Err(errors) => {
            eprintln!("Berkas ditolak; tidak ada yang disimpan. Masalah:");
            for p in &errors.problems {
                eprintln!("  {p}");
            }
            if errors.omitted > 0 {
                eprintln!("  … dan {} masalah lain", errors.omitted);
            }
            bail!("{} masalah dalam {}", errors.total(), file.display());
        }
    };
    if dry_run {
        println!(
            "Berkas sah: {} ({} perangkat daerah, {} pegawai). Tidak ada yang disimpan (--dry-run).",
            bundle.agency.name,
            bundle.departments.len(),
            bundle.employees.len()
        );
        return Ok(());
    }
    let store = super::open(config).await?;
    let s = store.import_agency(&bundle, "cli").await?;
    println!(
        "Diimpor: {} — {} perangkat daerah, {} unit, {} jabatan, {} pegawai{}",
        bundle.agency.name,
        s.departments,
        s.units,
        s.positions,
        s.employees,
        if s.replaced {
            " (menggantikan data sebelumnya)"
        } else {
            ""
        }
    );
    Ok(())
}

pub async fn export(config: &Config, agency: &str, output: Option<&Path>) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let a = store.agency_by_code(agency).await?;
    let bundle = store.export_agency(a.id).await?;
    match output {
        Some(path)
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) =>
        {
            let bytes = sikerja_transfer::write_xlsx(&bundle)?;
            std::fs::write(path, bytes)?;
        }
        Some(path) => std::fs::write(path, sikerja_transfer::write_json(&bundle))?,
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&sikerja_transfer::write_json(&bundle))?;
        }
    }
    Ok(())
}
