//! The audit log: one append-only row per change, inserted with the change's own transaction
//! so a change never commits without its record, and chained by hashes so that any later
//! edit, deletion or insertion is found by [`crate::Store::verify_audit`] (issue 3 point 6).
//! Since issue 12 point 4 each hash is an HMAC under a key kept outside the database (`key`),
//! and the chain's head is checkpointed to an append-only file outside it (`checkpoint`), so
//! that neither recomputing the chain nor cutting its end goes unnoticed. `chain` holds the
//! canonical forms and hashes, `verify` the walk, `read` the lists for the admin pages, `names` the records and
//! actors those lists name.

pub(crate) mod chain;
pub(crate) mod checkpoint;
mod event;
mod key;
mod names;
mod read;
mod settings;
mod verify;

use chrono::{SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Statement,
};

use sikerja_domain::audit::{AuditAction, AuditSubject};

use crate::connect::WriteTxn;
use crate::entities::audit_log;
use crate::error::Result;

pub use checkpoint::AuditCheckpoint;
pub use event::AuditActor;
pub(crate) use event::append_by;
pub use key::AuditKey;
pub use names::{AuditNames, RecordLink, RecordName, actor_nip};
pub use read::{AuditEntry, AuditFilter, SignIns};
pub use settings::AuditSettings;
pub use verify::{AuditBreak, AuditReport, AuditVerification};

/// Key of the PostgreSQL transaction-level advisory lock that serialises appends ("AUDIT").
const APPEND_LOCK_KEY: i64 = 0x0041_5544_4954;

/// What an audit row is about: the kind and id of the record, and the agency it belongs to
/// (which scopes the admin pages; `None` for installation-level records).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Subject {
    pub(crate) entity: String,
    pub(crate) id: String,
    pub(crate) agency: Option<i64>,
}

impl Subject {
    pub(crate) fn new(
        entity: AuditSubject,
        id: impl ToString,
        agency: impl Into<Option<i64>>,
    ) -> Subject {
        Subject {
            entity: entity.code().to_string(),
            id: id.to_string(),
            agency: agency.into(),
        }
    }
}

/// Appends one audit row. `summary` is stored as JSON text.
pub(crate) async fn append(
    db: &WriteTxn,
    actor: &str,
    action: AuditAction,
    subject: Subject,
    summary: serde_json::Value,
) -> Result<()> {
    append_as(db, actor, None, action, subject, summary).await
}

/// Appends one audit row for an actor acting in a position (signed-in officials).
///
/// The row gets the next sequence number, the hash of the current head as `prev_hash`, and
/// its own keyed hash (chain version 2) under the key the write transaction carries. Two transactions
/// must not read the same head: on PostgreSQL a transaction-level advisory lock is taken
/// first (released at commit or rollback); on SQLite the store's write transactions begin
/// `IMMEDIATE`, so only one writer exists. The unique index on `seq` is the last guard.
pub(crate) async fn append_as(
    db: &WriteTxn,
    actor: &str,
    actor_position: Option<&str>,
    action: AuditAction,
    subject: Subject,
    summary: serde_json::Value,
) -> Result<()> {
    lock_head(db).await?;
    let head = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.is_not_null())
        .order_by_desc(audit_log::Column::Seq)
        .limit(1)
        .one(db)
        .await?;
    let (seq, prev_hash) = match head {
        Some(h) => (
            h.seq.unwrap_or_default() + 1,
            h.hash.unwrap_or_else(|| chain::GENESIS.to_string()),
        ),
        None => (1, chain::GENESIS.to_string()),
    };
    let mut row = audit_log::Model {
        id: 0,
        // Microseconds: what PostgreSQL keeps, so the hashed text reads back identically.
        at: Utc::now().trunc_subsecs(6),
        actor: actor.to_string(),
        action: action.code().to_string(),
        entity: subject.entity,
        entity_id: subject.id,
        summary: summary.to_string(),
        seq: Some(seq),
        actor_position: actor_position.map(str::to_string),
        prev_hash: Some(prev_hash),
        hash: None,
        agency_id: subject.agency,
        chain_version: Some(chain::KEYED),
    };
    row.hash = Some(chain::keyed_hash_of(&row, db.audit_key()));
    let active = audit_log::ActiveModel {
        at: Set(row.at),
        actor: Set(row.actor),
        action: Set(row.action),
        entity: Set(row.entity),
        entity_id: Set(row.entity_id),
        summary: Set(row.summary),
        seq: Set(row.seq),
        actor_position: Set(row.actor_position),
        prev_hash: Set(row.prev_hash),
        hash: Set(row.hash),
        agency_id: Set(row.agency_id),
        chain_version: Set(row.chain_version),
        ..Default::default()
    };
    audit_log::Entity::insert(active)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Serialises appends on PostgreSQL for the rest of the transaction; a no-op on SQLite.
pub(crate) async fn lock_head<C: ConnectionTrait>(db: &C) -> Result<()> {
    if db.get_database_backend() == DbBackend::Postgres {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [APPEND_LOCK_KEY.into()],
        ))
        .await?;
    }
    Ok(())
}
