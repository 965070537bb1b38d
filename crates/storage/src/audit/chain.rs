//! The canonical form of an audit entry and its SHA-256 hash, and the one-off chaining of
//! rows written before the chain existed.
//!
//! Canonical form: the JSON array `[seq, at, actor, actor_position, action, entity,
//! entity_id, summary, prev_hash]` serialised by `serde_json` without whitespace, with `at`
//! in RFC 3339 UTC with microseconds (`2026-12-02T08:15:00.123456Z`), `actor_position`
//! `null` when absent, and `summary` the stored JSON text as a string. An array of strings,
//! integers and `null` has exactly one serialisation, so the form is unambiguous. When the
//! row names an agency (`agency_id`, migration `m20261204_000006`), its id is appended as a
//! tenth element; rows without one keep the nine-element form, so rows written before the
//! column existed keep their hashes.

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};
use sha2::{Digest, Sha256};

use crate::entities::audit_log;
use crate::error::Result;

/// `prev_hash` of entry 1.
pub(crate) const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The timestamp as it enters the hash.
pub(crate) fn timestamp(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// The canonical text of a row (see the module documentation).
pub(crate) fn canonical(row: &audit_log::Model) -> String {
    let mut form = serde_json::json!([
        row.seq,
        timestamp(&row.at),
        row.actor,
        row.actor_position,
        row.action,
        row.entity,
        row.entity_id,
        row.summary,
        row.prev_hash,
    ]);
    if let (Some(agency), Some(items)) = (row.agency_id, form.as_array_mut()) {
        items.push(agency.into());
    }
    form.to_string()
}

/// SHA-256 of the canonical text, lowercase hex.
pub(crate) fn hash_of(row: &audit_log::Model) -> String {
    let digest = Sha256::digest(canonical(row).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Chains rows written before the chain existed (migration `m20261202_000003`), in `id`
/// order, in one write transaction. It runs after every migration but acts only while *no*
/// row is chained yet: once a chain exists, an unchained row is a finding of
/// [`crate::Store::verify_audit`], never something to repair silently.
pub(crate) async fn rechain_legacy<C: ConnectionTrait>(db: &C) -> Result<u64> {
    let chained = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.is_not_null())
        .count(db)
        .await?;
    if chained > 0 {
        return Ok(0);
    }
    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?;
    let mut prev = GENESIS.to_string();
    let mut n = 0;
    for mut row in rows {
        n += 1;
        row.seq = Some(n as i64);
        row.at = row.at.trunc_subsecs(6);
        row.prev_hash = Some(prev);
        let hash = hash_of(&row);
        let active = audit_log::ActiveModel {
            id: Set(row.id),
            at: Set(row.at),
            seq: Set(row.seq),
            prev_hash: Set(row.prev_hash),
            hash: Set(Some(hash.clone())),
            ..Default::default()
        };
        audit_log::Entity::update(active).exec(db).await?;
        prev = hash;
    }
    if n > 0 {
        tracing::info!(
            entries = n,
            "audit rows written before the hash chain were chained"
        );
    }
    Ok(n)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn row() -> audit_log::Model {
        audit_log::Model {
            id: 7,
            at: DateTime::parse_from_rfc3339("2026-12-02T08:15:00.123456Z")
                .unwrap()
                .with_timezone(&Utc),
            actor: "operator".into(),
            action: "agency.import".into(),
            entity: "agency".into(),
            entity_id: "1".into(),
            summary: r#"{"code":"kab-a"}"#.into(),
            seq: Some(1),
            actor_position: None,
            prev_hash: Some(GENESIS.into()),
            hash: None,
            agency_id: None,
        }
    }

    #[test]
    fn the_canonical_form_is_a_compact_json_array_in_the_documented_order() {
        assert_eq!(
            canonical(&row()),
            format!(
                r#"[1,"2026-12-02T08:15:00.123456Z","operator",null,"agency.import","agency","1","{{\"code\":\"kab-a\"}}","{GENESIS}"]"#
            )
        );
    }

    #[test]
    fn the_hash_is_64_hex_digits_and_changes_with_every_field() {
        let h = hash_of(&row());
        assert_eq!(h.len(), 64);
        let mut other = row();
        other.actor_position = Some("Kepala Bagian".into());
        assert_ne!(hash_of(&other), h);
        let mut other = row();
        other.summary = r#"{"code":"kab-b"}"#.into();
        assert_ne!(hash_of(&other), h);
        let mut other = row();
        other.agency_id = Some(1);
        assert_ne!(hash_of(&other), h);
        assert!(canonical(&other).ends_with(&format!(r#""{GENESIS}",1]"#)));
        let mut other = row();
        other.id = 99; // the database id is not part of the chain
        assert_eq!(hash_of(&other), h);
    }
}
