//! Table `audit_log`: append-only record of every change, written in the transaction of the
//! change itself, chained by SHA-256 hashes (issue 3 point 6).

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
    /// Position in the chain, 1, 2, 3, … without gaps. `None` only before the start-up rechain.
    pub seq: Option<i64>,
    /// The position the acting official signed in with, when there is one.
    pub actor_position: Option<String>,
    /// Hash of the previous entry (the genesis value for entry 1).
    pub prev_hash: Option<String>,
    /// SHA-256 of this entry's canonical form, lowercase hex.
    pub hash: Option<String>,
    /// The agency whose record the row is about (`None`: installation-level, or written
    /// before agencies were recorded). Hashed only when present.
    pub agency_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
