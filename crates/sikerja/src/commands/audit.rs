//! `sikerja audit …`: checks of the audit trail (issue 3 point 6) and checkpoints of its head
//! outside the database (issue 12 point 4), and the server's checkpoint job.

use std::time::Duration;

use sikerja_storage::{AuditCheckpoint, AuditVerification, Store};

use crate::config::Config;

/// Walks the keyed hash chain of the audit log and compares it with every checkpoint, on a
/// read-only connection. A broken chain is reported on standard error — the first bad entry
/// by number and database id, and what is wrong — and ends the process with exit code 1, so
/// scripts and cron jobs can alert on it.
pub async fn verify(config: &Config) -> anyhow::Result<()> {
    let store = super::open_read_only(config).await?;
    let report = store.verify_audit_report().await?;
    match report.verification {
        AuditVerification::Intact { entries, head } => {
            let head = head.as_deref().unwrap_or("(kosong)");
            println!("Jejak audit utuh: {entries} entri, kepala {head}");
            match report.last_checkpoint {
                Some(cp) => println!(
                    "Cocok dengan {} titik periksa di {}; terakhir {}: entri #{}",
                    report.checkpoints,
                    store.audit_checkpoint_file().display(),
                    cp.at,
                    cp.seq
                ),
                None => println!(
                    "Belum ada titik periksa di {}",
                    store.audit_checkpoint_file().display()
                ),
            }
            Ok(())
        }
        AuditVerification::Broken { seq, id, problem } => {
            let row = id.map(|id| format!(" (id {id})")).unwrap_or_default();
            eprintln!("Jejak audit RUSAK pada entri #{seq}{row}: {problem}");
            std::process::exit(1);
        }
    }
}

/// Records the chain's head in the checkpoint file and prints the line.
pub async fn checkpoint(config: &Config) -> anyhow::Result<()> {
    let store = super::open(config).await?;
    let cp = store.checkpoint_audit().await?;
    println!(
        "Titik periksa dicatat di {}: entri #{}, {} baris",
        store.audit_checkpoint_file().display(),
        cp.seq,
        cp.entries
    );
    println!("{}", cp.line());
    Ok(())
}

/// Takes one checkpoint for the server, logs it and, when configured, prints it for an
/// external witness. Failures are logged, not fatal.
pub async fn checkpoint_logged(store: &Store, witness: bool) -> Option<AuditCheckpoint> {
    match store.checkpoint_audit().await {
        Ok(cp) => {
            tracing::info!(
                audit.seq = cp.seq,
                audit.hash = %cp.hash,
                audit.entries = cp.entries,
                "audit chain checkpointed"
            );
            if witness {
                println!("AUDIT-CHECKPOINT {}", cp.line());
            }
            Some(cp)
        }
        Err(e) => {
            tracing::error!(error = %e, "checkpointing the audit chain failed");
            None
        }
    }
}

/// Checkpoints the chain every `minutes` (never when 0), skipping when the head has not
/// moved since the last checkpoint of this job.
pub async fn checkpoint_periodically(
    store: Store,
    minutes: u64,
    witness: bool,
    mut last: i64,
    beats: sikerja_web::ops::JobBeats,
) {
    if minutes == 0 {
        return;
    }
    let job = sikerja_web::ops::Job::AuditCheckpoints;
    beats.register(job);
    if last >= 0 {
        beats.beat(job); // start-up checkpointed
    }
    let mut every = tokio::time::interval(Duration::from_secs(minutes * 60));
    every.tick().await; // the first tick is immediate; start-up already checkpointed
    loop {
        every.tick().await;
        let newest = sikerja_storage::AuditFilter {
            limit: 1,
            ..Default::default()
        };
        let head = match store.audit_entries(&newest).await {
            Ok(page) => page.items.first().map(|e| e.seq).unwrap_or(0),
            Err(e) => {
                tracing::warn!(error = %e, "reading the audit head failed");
                continue;
            }
        };
        if head == last {
            beats.beat(job);
            continue;
        }
        if let Some(cp) = checkpoint_logged(&store, witness).await {
            last = cp.seq;
            beats.beat(job);
        }
    }
}
