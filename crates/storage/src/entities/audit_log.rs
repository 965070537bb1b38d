//! Table `audit_log`: append-only record of every change, written in the transaction of the
//! change itself, chained by SHA-256 hashes (issue 3 point 6), keyed by HMAC since issue 12 point 4.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    /// JSON object describing the change.
    pub summary: String,
    /// Position in the chain, 1, 2, 3, … without gaps. `None` only on rows written before
    /// migration `m20261202_000003` that were never chained: a finding of verification.
    pub seq: Option<i64>,
    /// The position the acting official signed in with, when there is one.
    pub actor_position: Option<String>,
    /// Hash of the previous entry (the genesis value for entry 1).
    pub prev_hash: Option<String>,
    /// Hash of this entry's canonical form, lowercase hex: SHA-256 (version 1) or
    /// HMAC-SHA256 under the audit key (version 2), see `audit::chain`.
    pub hash: Option<String>,
    /// The agency whose record the row is about (`None`: installation-level, or written
    /// before agencies were recorded). Hashed only when present.
    pub agency_id: Option<i64>,
    /// `2`: keyed (HMAC-SHA256); `None`: version 1, written before migration
    /// `m20261213_000015` (issue 12 point 4).
    pub chain_version: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
