//! An agency's workflow settings (issue 5): which position is its Pejabat yang Berwenang
//! (PEN-15; none — the Sekretaris Daerah; kept in the agency's dated policies, issue 14 point 5)
//! and after how many hours a waiting step is escalated.

use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::{AgencyId, PositionId};
use sikerja_domain::policy::PolicyChange;

use crate::entities::{agency, position};
use crate::error::{Result, StorageError};
use crate::{AuditActor, Store, audit, policies};

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
        let authority = policies::in_force(&self.db, agency_id, policies::today())
            .await?
            .authority_position;
        let code = match authority.map(|p| p.0) {
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
            .lock_exclusive()
            .one(&*txn)
            .await?
            .ok_or_else(|| StorageError::not_found("agency", agency_id))?;
        let authority = match policy.authority_position.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => Some(
                position::Entity::find()
                    .filter(position::Column::AgencyId.eq(agency_id.0))
                    .filter(position::Column::Code.eq(code))
                    .one(&*txn)
                    .await?
                    .ok_or_else(|| policies::authority_unknown(code))?,
            ),
        };
        // The Pejabat yang Berwenang is part of the agency's dated policies, from today.
        let day = policies::today();
        let mut values = policies::in_force(&*txn, agency_id, day).await?;
        let new_authority = authority.as_ref().map(|p| PositionId(p.id));
        if values.authority_position != new_authority {
            values.authority_position = new_authority;
            let change = PolicyChange {
                effective_from: day,
                policies: values,
                legal_basis:
                    "Pejabat yang Berwenang ditetapkan melalui pengaturan alur kerja (PEN-15)"
                        .to_string(),
            };
            policies::change_in(
                &txn,
                agency_id,
                &change,
                by,
                AuditAction::AgencyWorkflowPolicy,
                true,
            )
            .await?;
        }
        if before.escalation_hours != policy.escalation_hours {
            let row = agency::ActiveModel {
                id: Set(agency_id.0),
                escalation_hours: Set(policy.escalation_hours),
                ..Default::default()
            };
            agency::Entity::update(row).exec(&*txn).await?;
            audit::append_by(
                &txn,
                by,
                AuditAction::AgencyWorkflowPolicy,
                audit::Subject::new(AuditSubject::Agency, agency_id, agency_id.0),
                json!({
                    "before": {"escalation_hours": before.escalation_hours},
                    "after": {"escalation_hours": policy.escalation_hours},
                }),
            )
            .await?;
        }
        txn.commit().await?;
        Ok(())
    }
}
