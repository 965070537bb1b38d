//! `sikerja audit …`: checks of the audit trail (issue 3 point 6).

use sikerja_storage::AuditVerification;

use crate::config::Config;

/// Walks the hash chain of the audit log. A broken chain is reported on standard error and
/// ends the process with exit code 1, so scripts and cron jobs can alert on it.
pub async fn verify(config: &Config) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    match store.verify_audit().await? {
        AuditVerification::Intact { entries, head } => {
            let head = head.as_deref().unwrap_or("(kosong)");
            println!("Jejak audit utuh: {entries} entri, kepala {head}");
            Ok(())
        }
        AuditVerification::Broken { seq, problem } => {
            eprintln!("Jejak audit RUSAK pada entri #{seq}: {problem}");
            std::process::exit(1);
        }
    }
}
