//! Walking the audit chain in sequence order with the key, against the checkpoints kept
//! outside the database, and naming the first bad entry. Only reads: verification never
//! writes to the database or to the checkpoint file (issue 12 point 4).

use std::collections::BTreeMap;

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

use super::chain::{GENESIS, KEYED, hash_of, keyed_hash_of};
use super::checkpoint::{AuditCheckpoint, read_checkpoints};
use crate::Store;
use crate::entities::audit_log;
use crate::error::Result;

/// Rows read per query while walking the chain.
const BATCH: u64 = 1000;

/// Outcome of [`Store::verify_audit`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum AuditVerification {
    /// Every link holds and every checkpoint agrees. `head` is the hash of the last entry
    /// (`None` for an empty log).
    Intact { entries: u64, head: Option<String> },
    /// The first bad entry: its place in the chain `seq` (for a missing entry, the number it
    /// should have), its database `id` when the row exists, and what is wrong.
    Broken {
        seq: i64,
        id: Option<i64>,
        problem: AuditBreak,
    },
}

/// [`AuditVerification`] with the checkpoints it was checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    pub verification: AuditVerification,
    /// How many checkpoints were compared.
    pub checkpoints: usize,
    /// The newest of them.
    pub last_checkpoint: Option<AuditCheckpoint>,
}

/// What is wrong at the first bad entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AuditBreak {
    /// The stored hash is not the (keyed) hash of the entry's content: the entry was edited,
    /// or its hash recomputed without the right key.
    #[error(
        "hash tidak cocok dengan isi entri (tersimpan {stored}, dihitung {computed}); isi diubah, atau kunci audit salah"
    )]
    HashMismatch { stored: String, computed: String },
    /// `prev_hash` is not the hash of the entry before: an entry was replaced or inserted.
    #[error(
        "prev_hash tidak cocok dengan hash entri sebelumnya (diharapkan {expected}, tersimpan {found})"
    )]
    PrevHashMismatch { expected: String, found: String },
    /// Sequence numbers jump: entries were deleted.
    #[error("urutan terputus: diharapkan entri #{expected}, ditemukan #{found}")]
    Gap { expected: i64, found: i64 },
    /// Rows without a sequence number exist (chain values removed, or rows added outside the
    /// application). They are never chained afterwards: only reported.
    #[error(
        "{count} entri tanpa nilai rantai (nomor urut kosong); nilai rantai dihapus atau entri ditambahkan di luar aplikasi"
    )]
    Unchained { count: u64 },
    /// A chained row lacks `prev_hash` or `hash`.
    #[error("nilai rantai {column} kosong")]
    MissingChainValue { column: String },
    /// A chain version this program does not know.
    #[error("versi rantai {version} tidak dikenal")]
    UnknownVersion { version: i32 },
    /// An unkeyed (version 1) entry after a keyed one: unkeyed entries only exist at the start
    /// of the chain of an installation older than the key.
    #[error(
        "entri tanpa kunci (versi 1) setelah entri berkunci; entri ditulis ulang di luar aplikasi"
    )]
    LegacyAfterKeyed,
    /// The entry's version contradicts the number of unkeyed entries a checkpoint recorded.
    #[error(
        "titik periksa {at} mencatat {legacy} entri tanpa kunci di awal rantai; versi entri ini tidak sesuai"
    )]
    LegacyBoundary { legacy: u64, at: String },
    /// A checkpointed entry has another hash now: the chain was recomputed.
    #[error(
        "hash berbeda dari titik periksa {at} (tercatat {checkpointed}, tersimpan {stored}); rantai dihitung ulang"
    )]
    CheckpointMismatch {
        checkpointed: String,
        stored: String,
        at: String,
    },
    /// The chain ends before an entry a checkpoint recorded: entries were cut off the end.
    #[error(
        "rantai berakhir pada entri #{last}, padahal titik periksa {at} mencatat sampai entri #{checkpointed}; entri terakhir dihapus"
    )]
    Truncated {
        last: i64,
        checkpointed: i64,
        at: String,
    },
    /// The checkpoint file does not exist although the chain has entries: it is written on
    /// the first start, so it was removed or the wrong path is configured.
    #[error(
        "berkas titik periksa {path} tidak ada; tanpa titik periksa, pemotongan dan penghitungan ulang rantai tidak terdeteksi"
    )]
    CheckpointsMissing { path: String },
    /// A line of the checkpoint file is not a checkpoint signed with this key.
    #[error("berkas titik periksa, baris {line}: {reason}")]
    CheckpointInvalid { line: usize, reason: String },
}

/// What the walk knows about the chain so far.
struct Walk {
    expected_seq: i64,
    prev: String,
    head: Option<String>,
    keyed_seen: bool,
    legacy: u64,
}

impl Store {
    /// Walks the audit chain from entry 1 with the key and against the checkpoints, and
    /// reports the first bad entry, or that the chain is intact with its length and head
    /// hash (issue 3 point 6, issue 12 point 4). Reads only.
    pub async fn verify_audit(&self) -> Result<AuditVerification> {
        Ok(self.verify_audit_report().await?.verification)
    }

    /// [`Store::verify_audit`] with the checkpoints it compared.
    pub async fn verify_audit_report(&self) -> Result<AuditReport> {
        let checkpoints = match read_checkpoints(&self.audit.checkpoint_file, &self.audit.key)? {
            Ok(list) => list,
            Err(bad) => {
                return Ok(AuditReport {
                    verification: AuditVerification::Broken {
                        seq: 0,
                        id: None,
                        problem: AuditBreak::CheckpointInvalid {
                            line: bad.line,
                            reason: bad.reason,
                        },
                    },
                    checkpoints: 0,
                    last_checkpoint: None,
                });
            }
        };
        let mut verification = self.walk(&checkpoints).await?;
        if let AuditVerification::Intact { entries, .. } = verification
            && entries > 0
            && !self.audit.checkpoint_file.exists()
        {
            verification = AuditVerification::Broken {
                seq: 1,
                id: None,
                problem: AuditBreak::CheckpointsMissing {
                    path: self.audit.checkpoint_file.display().to_string(),
                },
            };
        }
        Ok(AuditReport {
            verification,
            checkpoints: checkpoints.len(),
            last_checkpoint: checkpoints.last().cloned(),
        })
    }

    async fn walk(&self, checkpoints: &[AuditCheckpoint]) -> Result<AuditVerification> {
        let mut at_seq: BTreeMap<i64, Vec<&AuditCheckpoint>> = BTreeMap::new();
        for cp in checkpoints {
            at_seq.entry(cp.seq).or_default().push(cp);
        }
        let boundary = checkpoints.first();
        let mut w = Walk {
            expected_seq: 1,
            prev: GENESIS.to_string(),
            head: None,
            keyed_seen: false,
            legacy: 0,
        };
        loop {
            let rows = audit_log::Entity::find()
                .filter(audit_log::Column::Seq.gte(w.expected_seq))
                .order_by_asc(audit_log::Column::Seq)
                .limit(BATCH)
                .all(&self.db)
                .await?;
            let done = (rows.len() as u64) < BATCH;
            for row in rows {
                let seq = row.seq.unwrap_or_default();
                let id = Some(row.id);
                if let Some(problem) = self.check_row(&row, &mut w, boundary, &at_seq) {
                    return Ok(AuditVerification::Broken { seq, id, problem });
                }
            }
            if done {
                break;
            }
        }
        let last = w.expected_seq - 1;
        let unchained = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.is_null())
            .order_by_asc(audit_log::Column::Id);
        if let Some(first) = unchained.clone().one(&self.db).await? {
            let count = unchained.count(&self.db).await?;
            return Ok(AuditVerification::Broken {
                seq: w.expected_seq,
                id: Some(first.id),
                problem: AuditBreak::Unchained { count },
            });
        }
        if let Some(cp) = checkpoints.iter().max_by_key(|cp| cp.seq)
            && cp.seq > last
        {
            return Ok(AuditVerification::Broken {
                seq: last + 1,
                id: None,
                problem: AuditBreak::Truncated {
                    last,
                    checkpointed: cp.seq,
                    at: cp.at.clone(),
                },
            });
        }
        if let Some(cp) = checkpoints.iter().find(|cp| cp.legacy != w.legacy) {
            return Ok(AuditVerification::Broken {
                seq: cp.legacy.min(w.legacy) as i64 + 1,
                id: None,
                problem: AuditBreak::LegacyBoundary {
                    legacy: cp.legacy,
                    at: cp.at.clone(),
                },
            });
        }
        Ok(AuditVerification::Intact {
            entries: last as u64,
            head: w.head,
        })
    }

    /// The problem of one chained row, or `None` when it holds (advancing the walk).
    fn check_row(
        &self,
        row: &audit_log::Model,
        w: &mut Walk,
        boundary: Option<&AuditCheckpoint>,
        at_seq: &BTreeMap<i64, Vec<&AuditCheckpoint>>,
    ) -> Option<AuditBreak> {
        let seq = row.seq.unwrap_or_default();
        if seq != w.expected_seq {
            return Some(AuditBreak::Gap {
                expected: w.expected_seq,
                found: seq,
            });
        }
        let keyed = match row.chain_version {
            None => false,
            Some(KEYED) => true,
            Some(version) => return Some(AuditBreak::UnknownVersion { version }),
        };
        if !keyed && w.keyed_seen {
            return Some(AuditBreak::LegacyAfterKeyed);
        }
        if let Some(cp) = boundary
            && keyed != (seq as u64 > cp.legacy)
        {
            return Some(AuditBreak::LegacyBoundary {
                legacy: cp.legacy,
                at: cp.at.clone(),
            });
        }
        let Some(found) = row.prev_hash.clone() else {
            return Some(AuditBreak::MissingChainValue {
                column: "prev_hash".into(),
            });
        };
        if found != w.prev {
            return Some(AuditBreak::PrevHashMismatch {
                expected: w.prev.clone(),
                found,
            });
        }
        let Some(stored) = row.hash.clone() else {
            return Some(AuditBreak::MissingChainValue {
                column: "hash".into(),
            });
        };
        let computed = if keyed {
            keyed_hash_of(row, &self.audit.key)
        } else {
            hash_of(row)
        };
        if stored != computed {
            return Some(AuditBreak::HashMismatch { stored, computed });
        }
        for cp in at_seq.get(&seq).into_iter().flatten() {
            if cp.hash != stored {
                return Some(AuditBreak::CheckpointMismatch {
                    checkpointed: cp.hash.clone(),
                    stored,
                    at: cp.at.clone(),
                });
            }
        }
        w.keyed_seen |= keyed;
        w.legacy += u64::from(!keyed);
        w.prev = stored;
        w.head = Some(w.prev.clone());
        w.expected_seq += 1;
        None
    }
}
