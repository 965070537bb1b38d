//! Reading the audit log: a filtered, paged list (newest first) for the admin pages and the
//! own history of one record.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;

use sikerja_domain::audit::{AuditAction, AuditSubject};

use crate::Store;
use crate::entities::audit_log;
use crate::error::Result;
use crate::views::Page;

/// Default and largest page size of [`Store::audit_entries`].
const MAX_LIMIT: u32 = 500;

/// One audit entry as stored, with its place in the chain.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub actor_position: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    /// The JSON summary as stored (the exact text the hash covers).
    pub summary: String,
    pub prev_hash: String,
    pub hash: String,
    /// The agency whose record the entry is about (`None`: installation-level).
    pub agency: Option<i64>,
}

/// Which entries [`Store::audit_entries`] returns. Empty fields do not filter; `limit` 0
/// means the default (500, also the maximum).
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only entries about this agency's records (an agency admin's view); entries with no
    /// agency are then left out.
    pub agency: Option<i64>,
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    /// Entries at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Entries strictly before this instant.
    pub until: Option<DateTime<Utc>>,
    /// Whether sign-ins and sign-outs are listed among the other entries, left out, or
    /// listed alone (the "Riwayat masuk" view).
    pub sign_ins: SignIns,
    pub limit: u32,
    pub offset: u32,
}

/// How [`AuditFilter`] treats sign-ins and sign-outs (issue 15 point 5): they name a client
/// address and crowd a record's history, so pages list them apart.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SignIns {
    /// Listed with every other entry.
    #[default]
    Mixed,
    /// Left out.
    Excluded,
    /// Listed alone.
    Only,
}

impl From<audit_log::Model> for AuditEntry {
    fn from(r: audit_log::Model) -> Self {
        AuditEntry {
            seq: r.seq.unwrap_or_default(),
            at: r.at,
            actor: r.actor,
            actor_position: r.actor_position,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            summary: r.summary,
            prev_hash: r.prev_hash.unwrap_or_default(),
            hash: r.hash.unwrap_or_default(),
            agency: r.agency_id,
        }
    }
}

impl Store {
    /// Audit entries matching `filter`, newest first, one page at a time.
    pub async fn audit_entries(&self, filter: &AuditFilter) -> Result<Page<AuditEntry>> {
        let mut q = audit_log::Entity::find();
        if let Some(v) = filter.agency {
            q = q.filter(audit_log::Column::AgencyId.eq(v));
        }
        if let Some(v) = &filter.entity {
            q = q.filter(audit_log::Column::Entity.eq(v.as_str()));
        }
        if let Some(v) = &filter.entity_id {
            q = q.filter(audit_log::Column::EntityId.eq(v.as_str()));
        }
        if let Some(v) = &filter.actor {
            q = q.filter(audit_log::Column::Actor.eq(v.as_str()));
        }
        if let Some(v) = &filter.action {
            q = q.filter(audit_log::Column::Action.eq(v.as_str()));
        }
        let sign_ins = AuditAction::sign_in_codes();
        q = match filter.sign_ins {
            SignIns::Mixed => q,
            SignIns::Excluded => q.filter(audit_log::Column::Action.is_not_in(sign_ins)),
            SignIns::Only => q.filter(audit_log::Column::Action.is_in(sign_ins)),
        };
        if let Some(v) = filter.from {
            q = q.filter(audit_log::Column::At.gte(v));
        }
        if let Some(v) = filter.until {
            q = q.filter(audit_log::Column::At.lt(v));
        }
        let total = q.clone().count(&self.db).await?;
        let limit = match filter.limit {
            0 => MAX_LIMIT,
            n => n.min(MAX_LIMIT),
        };
        let items = q
            .order_by_desc(audit_log::Column::Seq)
            .order_by_desc(audit_log::Column::Id)
            .limit(u64::from(limit))
            .offset(u64::from(filter.offset))
            .all(&self.db)
            .await?
            .into_iter()
            .map(AuditEntry::from)
            .collect();
        Ok(Page { items, total })
    }

    /// The whole history of one record (e.g. `("agency", "3")`), oldest first.
    pub async fn audit_of(&self, entity: AuditSubject, entity_id: &str) -> Result<Vec<AuditEntry>> {
        Ok(audit_log::Entity::find()
            .filter(audit_log::Column::Entity.eq(entity.code()))
            .filter(audit_log::Column::EntityId.eq(entity_id))
            .order_by_asc(audit_log::Column::Seq)
            .order_by_asc(audit_log::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(AuditEntry::from)
            .collect())
    }

    /// The history a record's page shows, oldest first: its audit entries without sign-ins
    /// and sign-outs, which only the audit trail's own view lists (issue 15 point 5).
    pub async fn record_history(
        &self,
        entity: AuditSubject,
        entity_id: &str,
    ) -> Result<Vec<AuditEntry>> {
        Ok(audit_log::Entity::find()
            .filter(audit_log::Column::Entity.eq(entity.code()))
            .filter(audit_log::Column::EntityId.eq(entity_id))
            .filter(audit_log::Column::Action.is_not_in(AuditAction::sign_in_codes()))
            .order_by_asc(audit_log::Column::Seq)
            .order_by_asc(audit_log::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(AuditEntry::from)
            .collect())
    }
}
