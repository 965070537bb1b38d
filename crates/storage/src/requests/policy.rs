//! An agency's workflow settings (issue 5): which position is its Pejabat yang Berwenang
//! (PEN-15; none — the Sekretaris Daerah) and after how many hours a waiting step is escalated.

use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::organisation::AgencyId;

use crate::entities::{agency, position};
use crate::error::{Result, StorageError};
use crate::{AuditActor, Store, audit};

/// The longest escalation time an agency may set: 30 days.
pub const MAX_ESCALATION_HOURS: i32 = 720;

/// An agency's workflow settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkflowPolicy {
    /// The position code of the Pejabat yang Berwenang; `None`: the Sekretaris Daerah.
    pub authority_position: Option<String>,
    /// Hours a step may wait before it is escalated; 0 turns escalation off.
    pub escalation_hours: i32,
}

impl Store {
    /// The workflow settings of an agency.
    pub async fn workflow_policy(&self, agency_id: AgencyId) -> Result<WorkflowPolicy> {
        let a = agency::Entity::find_by_id(agency_id.0)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("agency", agency_id))?;
        let code = match a.authority_position_id {
            Some(p) => position::Entity::find_by_id(p)
                .one(&self.db)
                .await?
                .map(|p| p.code),
            None => None,
        };
        Ok(WorkflowPolicy {
            authority_position: code,
            escalation_hours: a.escalation_hours,
        })
    }

    /// Sets an agency's workflow settings, with its audit row.
    pub async fn set_workflow_policy(
        &self,
        agency_id: AgencyId,
        policy: &WorkflowPolicy,
        by: &AuditActor,
    ) -> Result<()> {
        by.checked_label()?;
        if !(0..=MAX_ESCALATION_HOURS).contains(&policy.escalation_hours) {
            return Err(StorageError::invalid(
                "escalation_hours_out_of_range",
                format!("Batas waktu eskalasi harus 0 sampai {MAX_ESCALATION_HOURS} jam."),
            ));
        }
        let txn = self.begin_write().await?;
        let before = agency::Entity::find_by_id(agency_id.0)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("agency", agency_id))?;
        let authority = match policy.authority_position.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => Some(
                position::Entity::find()
                    .filter(position::Column::AgencyId.eq(agency_id.0))
                    .filter(position::Column::Code.eq(code))
                    .one(&txn)
                    .await?
                    .ok_or_else(|| {
                        StorageError::invalid(
                            "authority_position_unknown",
                            format!("Jabatan dengan kode \"{code}\" tidak ada di instansi ini."),
                        )
                    })?,
            ),
        };
        let row = agency::ActiveModel {
            id: Set(agency_id.0),
            authority_position_id: Set(authority.as_ref().map(|p| p.id)),
            escalation_hours: Set(policy.escalation_hours),
            ..Default::default()
        };
        agency::Entity::update(row).exec(&txn).await?;
        audit::append_by(
            &txn,
            by,
            "agency.workflow_policy",
            audit::Subject::new("agency", agency_id, agency_id.0),
            json!({
                "before": {"authority_position_id": before.authority_position_id, "escalation_hours": before.escalation_hours},
                "after": {"authority_position": authority.as_ref().map(|p| p.name.as_str()), "escalation_hours": policy.escalation_hours},
                "rule_id": "PEN-15",
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
