//! Who an audit row names, and events that change nothing but are worth recording on their
//! own (sign-in, sign-out, a lock after failed sign-ins).

use serde::Serialize;
use sikerja_domain::audit::{AuditAction, AuditSubject};

use sea_orm::EntityTrait;

use super::Subject;
use crate::Store;
use crate::entities::{employee, regional_head};
use crate::error::{Result, StorageError};

/// Who made a change, for the audit row: a label (a person's name and NIP, "sistem", a
/// token's name) and the position they acted in, when they acted in one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditActor {
    /// Written to `audit_log.actor`.
    pub label: String,
    /// Written to `audit_log.actor_position`.
    pub position: Option<String>,
}

impl AuditActor {
    /// An actor without a position (the system, a regional head, an API token).
    pub fn new(label: impl Into<String>) -> AuditActor {
        AuditActor {
            label: label.into(),
            position: None,
        }
    }

    /// An employee, named as the audit trail names and links them: "Nama (NIP 1987…)" (the
    /// audit page finds the employee by that NIP), acting in `position` when they act in one.
    /// A signed-in employee's actor and the demo's people take this form.
    pub fn employee(name: &str, nip: &str, position: Option<String>) -> AuditActor {
        AuditActor {
            label: format!("{name} (NIP {nip})"),
            position,
        }
    }

    /// An official acting in a position.
    pub fn in_position(label: impl Into<String>, position: impl Into<String>) -> AuditActor {
        AuditActor {
            label: label.into(),
            position: Some(position.into()),
        }
    }

    /// The label, trimmed; refused when blank so that no change is recorded without a name.
    pub(crate) fn checked_label(&self) -> Result<&str> {
        let label = self.label.trim();
        if label.is_empty() {
            return Err(StorageError::invalid(
                "actor_blank",
                "pelaku perubahan wajib disebutkan",
            ));
        }
        Ok(label)
    }

    /// The position, trimmed; a blank one counts as none.
    pub(crate) fn position(&self) -> Option<&str> {
        self.position
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
    }
}

impl Store {
    /// Appends one audit row in its own transaction, for events that are not a change of
    /// stored data: sign-in, sign-out, an account locked after failed sign-ins. The summary
    /// must not hold secrets (passwords, tokens).
    pub async fn record_event(
        &self,
        actor: &str,
        actor_position: Option<&str>,
        action: AuditAction,
        entity: AuditSubject,
        entity_id: &str,
        summary: serde_json::Value,
    ) -> Result<()> {
        let who = AuditActor {
            label: actor.to_string(),
            position: actor_position.map(str::to_string),
        };
        let label = who.checked_label()?;
        if entity_id.trim().is_empty() {
            return Err(StorageError::invalid(
                "audit_event_blank",
                "jenis peristiwa dan objeknya wajib diisi",
            ));
        }
        let txn = self.begin_write().await?;
        let agency = subject_agency(&txn, entity, entity_id).await?;
        super::append_as(
            &txn,
            label,
            who.position(),
            action,
            Subject::new(entity, entity_id, agency),
            summary,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}

/// Appends one audit row for `actor` inside the caller's write transaction.
pub(crate) async fn append_by(
    db: &crate::connect::WriteTxn,
    actor: &AuditActor,
    action: AuditAction,
    subject: Subject,
    summary: serde_json::Value,
) -> Result<()> {
    let label = actor.checked_label()?;
    super::append_as(db, label, actor.position(), action, subject, summary).await
}

/// The agency of a person's or regional head's record, for events recorded by kind and id
/// (`None` for other kinds, or an id that names nothing).
pub(crate) async fn subject_agency<C: sea_orm::ConnectionTrait>(
    db: &C,
    entity: AuditSubject,
    id: &str,
) -> Result<Option<i64>> {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(None);
    };
    Ok(match entity {
        AuditSubject::Employee => employee::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|e| e.agency_id),
        AuditSubject::RegionalHead => regional_head::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| r.agency_id),
        _ => None,
    })
}
