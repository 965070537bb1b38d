//! Walking the audit chain in sequence order and naming the first broken link.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

use super::chain::{GENESIS, hash_of};
use crate::Store;
use crate::entities::audit_log;
use crate::error::Result;

/// Rows read per query while walking the chain.
const BATCH: u64 = 1000;

/// Outcome of [`Store::verify_audit`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum AuditVerification {
    /// Every link holds. `head` is the hash of the last entry (`None` for an empty log).
    Intact { entries: u64, head: Option<String> },
    /// The first broken link, at the entry with sequence number `seq`.
    Broken { seq: i64, problem: AuditBreak },
}

/// What is wrong at the first broken entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AuditBreak {
    /// The stored hash is not the hash of the entry's content: the entry was edited.
    #[error("hash tidak cocok dengan isi entri (tersimpan {stored}, dihitung {computed})")]
    HashMismatch { stored: String, computed: String },
    /// `prev_hash` is not the hash of the entry before: an entry was replaced or inserted.
    #[error(
        "prev_hash tidak cocok dengan hash entri sebelumnya (diharapkan {expected}, tersimpan {found})"
    )]
    PrevHashMismatch { expected: String, found: String },
    /// Sequence numbers jump: entries were deleted.
    #[error("urutan terputus: diharapkan entri #{expected}, ditemukan #{found}")]
    Gap { expected: i64, found: i64 },
    /// Rows without a sequence number exist although a chain exists (added outside the app).
    #[error("{count} entri tanpa nomor urut (ditambahkan di luar aplikasi)")]
    Unchained { count: u64 },
}

impl Store {
    /// Walks the audit chain from entry 1 and reports the first broken link, or that the
    /// chain is intact with its length and head hash (issue 3 point 6).
    pub async fn verify_audit(&self) -> Result<AuditVerification> {
        let mut expected_seq = 1_i64;
        let mut prev = GENESIS.to_string();
        let mut head = None;
        loop {
            let rows = audit_log::Entity::find()
                .filter(audit_log::Column::Seq.gte(expected_seq))
                .order_by_asc(audit_log::Column::Seq)
                .limit(BATCH)
                .all(&self.db)
                .await?;
            let done = (rows.len() as u64) < BATCH;
            for row in rows {
                let seq = row.seq.unwrap_or_default();
                if seq != expected_seq {
                    let problem = AuditBreak::Gap {
                        expected: expected_seq,
                        found: seq,
                    };
                    return Ok(AuditVerification::Broken { seq, problem });
                }
                let found = row.prev_hash.clone().unwrap_or_default();
                if found != prev {
                    let problem = AuditBreak::PrevHashMismatch {
                        expected: prev,
                        found,
                    };
                    return Ok(AuditVerification::Broken { seq, problem });
                }
                let stored = row.hash.clone().unwrap_or_default();
                let computed = hash_of(&row);
                if stored != computed {
                    let problem = AuditBreak::HashMismatch { stored, computed };
                    return Ok(AuditVerification::Broken { seq, problem });
                }
                prev = stored;
                head = Some(prev.clone());
                expected_seq += 1;
            }
            if done {
                break;
            }
        }
        let unchained = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.is_null())
            .count(&self.db)
            .await?;
        if unchained > 0 {
            let problem = AuditBreak::Unchained { count: unchained };
            return Ok(AuditVerification::Broken {
                seq: expected_seq,
                problem,
            });
        }
        Ok(AuditVerification::Intact {
            entries: (expected_seq - 1) as u64,
            head,
        })
    }
}
