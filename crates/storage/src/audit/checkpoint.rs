//! Checkpoints of the audit chain's head, kept outside the database (issue 12 point 4).
//!
//! A checkpoint records the last entry (number, database id, hash), the number of rows, the
//! number of unkeyed version 1 entries at the start of the chain, and when it was taken. It
//! is appended as one JSON line to the checkpoint file, carrying an HMAC under the audit key
//! of `["audit.checkpoint.v1", seq, id, hash, entries, legacy, at]`, so a line cannot be
//! forged without the key. Verification compares the chain with every line: an entry that
//! was checkpointed must still be there with the same hash, and the unkeyed start must be as
//! long as recorded. Someone who can write the database cannot make a checkpointed past
//! disappear or change; only entries written after the last checkpoint are at risk of being
//! cut off, which is why the server checkpoints on a schedule, at start and at shutdown.

use std::io::Write;
use std::path::Path;

use chrono::{SecondsFormat, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use super::AuditKey;
use super::chain::GENESIS;
use crate::Store;
use crate::entities::audit_log;
use crate::error::{Result, StorageError};

/// One checkpoint line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditCheckpoint {
    /// Number of the last entry (`0`: the chain was empty).
    pub seq: i64,
    /// Database id of the last entry.
    pub id: Option<i64>,
    /// Hash of the last entry (the genesis value for an empty chain).
    pub hash: String,
    /// Rows in the audit log when the checkpoint was taken.
    pub entries: u64,
    /// Unkeyed (version 1) entries at the start of the chain.
    pub legacy: u64,
    /// When the checkpoint was taken, RFC 3339 UTC with microseconds.
    pub at: String,
    /// HMAC-SHA256 of the fields above (see the module documentation), lowercase hex.
    pub mac: String,
}

impl AuditCheckpoint {
    fn canonical(&self) -> String {
        serde_json::json!([
            "audit.checkpoint.v1",
            self.seq,
            self.id,
            self.hash,
            self.entries,
            self.legacy,
            self.at,
        ])
        .to_string()
    }

    /// The line written to the checkpoint file (and printed for an external witness).
    pub fn line(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Why a checkpoint line cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadLine {
    /// 1-based line number in the file.
    pub(crate) line: usize,
    pub(crate) reason: String,
}

/// Every checkpoint in `path`, oldest first (none when the file does not exist yet), or the
/// first line that is not a checkpoint signed with `key`.
pub(crate) fn read_checkpoints(
    path: &Path,
    key: &AuditKey,
) -> Result<std::result::Result<Vec<AuditCheckpoint>, BadLine>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Ok(Vec::new())),
        Err(e) => {
            return Err(StorageError::invalid(
                "audit_checkpoints_unreadable",
                format!(
                    "berkas titik periksa audit {} tidak dapat dibaca: {e}",
                    path.display()
                ),
            ));
        }
    };
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |reason: &str| BadLine {
            line: i + 1,
            reason: reason.to_string(),
        };
        let Ok(cp) = serde_json::from_str::<AuditCheckpoint>(line) else {
            return Ok(Err(bad("bukan baris titik periksa")));
        };
        if key.mac_hex(&cp.canonical()) != cp.mac {
            return Ok(Err(bad(
                "HMAC tidak cocok (baris diubah, atau kunci audit salah)",
            )));
        }
        out.push(cp);
    }
    Ok(Ok(out))
}

impl Store {
    /// Records the chain's head in the checkpoint file (appended, flushed to disk) and
    /// returns the checkpoint. Reads the head under the append lock, so the count and the
    /// head belong together.
    pub async fn checkpoint_audit(&self) -> Result<AuditCheckpoint> {
        let txn = self.begin_write().await?;
        super::lock_head(&txn).await?;
        let cp = self.head_checkpoint(&txn).await?;
        // Nothing was written; ending the transaction now releases the append lock at once
        // (a dropped transaction would hold it until the pool next runs).
        txn.commit().await?;
        append_line(&self.audit.checkpoint_file, &cp.line())?;
        Ok(cp)
    }

    /// The checkpoints recorded so far (oldest first), for `sikerja audit verify` and the
    /// admin page.
    pub async fn audit_checkpoints(&self) -> Result<Vec<AuditCheckpoint>> {
        read_checkpoints(&self.audit.checkpoint_file, &self.audit.key)?.map_err(|bad| {
            StorageError::invalid(
                "audit_checkpoint_invalid",
                format!("baris {}: {}", bad.line, bad.reason),
            )
        })
    }

    /// Where checkpoints are written.
    pub fn audit_checkpoint_file(&self) -> &Path {
        &self.audit.checkpoint_file
    }

    async fn head_checkpoint<C: ConnectionTrait>(&self, db: &C) -> Result<AuditCheckpoint> {
        let head = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.is_not_null())
            .order_by_desc(audit_log::Column::Seq)
            .one(db)
            .await?;
        let entries = audit_log::Entity::find().count(db).await?;
        let legacy = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.is_not_null())
            .filter(audit_log::Column::ChainVersion.is_null())
            .count(db)
            .await?;
        let mut cp = AuditCheckpoint {
            seq: head.as_ref().and_then(|h| h.seq).unwrap_or(0),
            id: head.as_ref().map(|h| h.id),
            hash: head
                .and_then(|h| h.hash)
                .unwrap_or_else(|| GENESIS.to_string()),
            entries,
            legacy,
            at: Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true),
            mac: String::new(),
        };
        cp.mac = self.audit.key.mac_hex(&cp.canonical());
        Ok(cp)
    }
}

/// Appends one line and flushes it to disk; the file is opened for appending only.
fn append_line(path: &Path, line: &str) -> Result<()> {
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)?;
        file.write_all(format!("{line}\n").as_bytes())?;
        file.sync_all()
    };
    write().map_err(|e| {
        StorageError::invalid(
            "audit_checkpoints_unwritable",
            format!(
                "berkas titik periksa audit {} tidak dapat ditulisi: {e}",
                path.display()
            ),
        )
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn key() -> AuditKey {
        AuditKey::from_text(&"c".repeat(32)).unwrap()
    }

    fn checkpoint() -> AuditCheckpoint {
        let mut cp = AuditCheckpoint {
            seq: 5,
            id: Some(9),
            hash: "ab".repeat(32),
            entries: 5,
            legacy: 0,
            at: "2026-12-13T08:00:00.000000Z".into(),
            mac: String::new(),
        };
        cp.mac = key().mac_hex(&cp.canonical());
        cp
    }

    #[test]
    fn a_checkpoint_line_reads_back_and_an_edited_one_is_named_by_its_line() {
        let dir = std::env::temp_dir().join(format!("sikerja-cp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("audit-checkpoints");
        let _ = std::fs::remove_file(&path);
        assert_eq!(read_checkpoints(&path, &key()).unwrap(), Ok(vec![]));
        append_line(&path, &checkpoint().line()).unwrap();
        let mut edited = checkpoint();
        edited.seq = 3;
        append_line(&path, &edited.line()).unwrap();
        let read = read_checkpoints(&path, &key()).unwrap();
        assert_eq!(read.unwrap_err().line, 2);
        let other = AuditKey::from_text(&"d".repeat(32)).unwrap();
        assert_eq!(
            read_checkpoints(&path, &other).unwrap().unwrap_err().line,
            1
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
