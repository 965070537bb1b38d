//! The audit log: one append-only row per change, inserted with the change's own transaction
//! so a change never commits without its record. (Hash chaining comes later.)

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::entities::audit_log;
use crate::error::Result;

/// Appends one audit row. `summary` is stored as JSON text.
pub(crate) async fn append<C: ConnectionTrait>(
    db: &C,
    actor: &str,
    action: &str,
    entity: &str,
    entity_id: impl ToString,
    summary: serde_json::Value,
) -> Result<()> {
    let row = audit_log::ActiveModel {
        at: Set(Utc::now()),
        actor: Set(actor.to_string()),
        action: Set(action.to_string()),
        entity: Set(entity.to_string()),
        entity_id: Set(entity_id.to_string()),
        summary: Set(summary.to_string()),
        ..Default::default()
    };
    audit_log::Entity::insert(row)
        .exec_without_returning(db)
        .await?;
    Ok(())
}
