//! The canonical form of an audit entry and its SHA-256 hash, and the one-off chaining of
//! rows written before the chain existed.
//!
//! Version 1 (unkeyed, rows written before migration `m20261213_000015`, `chain_version`
//! `NULL`): the JSON array `[seq, at, actor, actor_position, action, entity,
//! entity_id, summary, prev_hash]` serialised by `serde_json` without whitespace, with `at`
//! in RFC 3339 UTC with microseconds (`2026-12-02T08:15:00.123456Z`), `actor_position`
//! `null` when absent, and `summary` the stored JSON text as a string. An array of strings,
//! integers and `null` has exactly one serialisation, so the form is unambiguous. When the
//! row names an agency (`agency_id`, migration `m20261204_000006`), its id is appended as a
//! tenth element; rows without one keep the nine-element form, so rows written before the
//! column existed keep their hashes.
//!
//! Version 2 (keyed, `chain_version` 2, every row written since): HMAC-SHA256 under the
//! installation's audit key of [`canonical_keyed`]. The first keyed row's `prev_hash` is the
//! hash of the last version 1 row, so the unkeyed start of an older installation is sealed by
//! the first keyed row after it (docs/operations.md, "Jejak audit").

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

use super::AuditKey;
use crate::entities::audit_log;

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

/// SHA-256 of the version 1 canonical text, lowercase hex.
pub(crate) fn hash_of(row: &audit_log::Model) -> String {
    let digest = Sha256::digest(canonical(row).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The chain version of rows written since migration `m20261213_000015`: keyed
/// (HMAC-SHA256). Rows without a version (`NULL`) are version 1, unkeyed SHA-256, written
/// before; they can only form the start of the chain.
pub(crate) const KEYED: i32 = 2;

/// The canonical text of a keyed (version 2) row: the JSON array `["audit.v2", seq, at,
/// actor, actor_position, action, entity, entity_id, summary, prev_hash, agency_id]` with
/// the same encodings as version 1, always eleven elements (`agency_id` `null` when absent).
/// The leading label separates it from every version 1 form and from checkpoint lines.
pub(crate) fn canonical_keyed(row: &audit_log::Model) -> String {
    serde_json::json!([
        "audit.v2",
        row.seq,
        timestamp(&row.at),
        row.actor,
        row.actor_position,
        row.action,
        row.entity,
        row.entity_id,
        row.summary,
        row.prev_hash,
        row.agency_id,
    ])
    .to_string()
}

/// HMAC-SHA256 of the keyed canonical text under the installation's audit key.
pub(crate) fn keyed_hash_of(row: &audit_log::Model, key: &AuditKey) -> String {
    key.mac_hex(&canonical_keyed(row))
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
            chain_version: None,
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

    #[test]
    fn a_keyed_hash_depends_on_the_key_and_differs_from_the_unkeyed_one() {
        let key = AuditKey::from_text(&"a".repeat(32)).unwrap();
        let other_key = AuditKey::from_text(&"b".repeat(32)).unwrap();
        let h = keyed_hash_of(&row(), &key);
        assert_eq!(h.len(), 64);
        assert_ne!(h, hash_of(&row()));
        assert_ne!(h, keyed_hash_of(&row(), &other_key));
        assert!(canonical_keyed(&row()).starts_with(r#"["audit.v2",1,"#));
        assert!(canonical_keyed(&row()).ends_with(&format!(r#""{GENESIS}",null]"#)));
    }
}
