//! Performance dialogues (*dialog kinerja*, MEK-02) and the identification they decide before
//! the year (MEK-03, Pasal 10 ayat 1; PEN-19): for each target, individual or team work, and
//! whether officials from other units or agencies and a team lead are needed.

use sikerja_domain::audit::AuditAction;
use std::collections::HashSet;

use chrono::{NaiveDate, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde_json::json;
use sikerja_domain::organisation::{AgencyId, EmployeeId};
use sikerja_domain::planning::target::Execution;

use super::agreements::{subject, targets_of};
use super::authority::{agency_structure, agreement_row, display_names, require_party};
use super::views::{AgreementId, DialogueId, DialogueView, Participant, PlanningActor, TargetId};
use crate::entities::{agreement_target, performance_dialogue};
use crate::error::{Result, StorageError, corrupt};
use crate::{Store, audit};

/// What a dialogue decided about one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetIdentification {
    pub target: TargetId,
    pub execution: Execution,
    pub needs_other_units: bool,
    pub needs_other_agencies: bool,
    pub needs_team_lead: bool,
}

/// A dialogue as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialogueInput {
    pub held_on: NaiveDate,
    /// The people who took part (of the agreement's agency).
    pub participants: Vec<EmployeeId>,
    pub notes: String,
    pub identifications: Vec<TargetIdentification>,
}

pub(crate) async fn dialogues_of<C: ConnectionTrait>(
    db: &C,
    agreement: AgreementId,
) -> Result<Vec<DialogueView>> {
    performance_dialogue::Entity::find()
        .filter(performance_dialogue::Column::AgreementId.eq(agreement))
        .order_by_asc(performance_dialogue::Column::HeldOn)
        .order_by_asc(performance_dialogue::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|d| {
            let participants: Vec<Participant> = serde_json::from_str(&d.participants)
                .map_err(|_| corrupt("dialogue participants", &d.participants))?;
            Ok(DialogueView {
                id: d.id,
                agreement: d.agreement_id,
                held_on: d.held_on,
                participants,
                notes: d.notes,
                recorded_at: d.recorded_at,
                recorded_by: d.recorded_by,
            })
        })
        .collect()
}

impl Store {
    /// Records a performance dialogue about an agreement's targets and the identification it
    /// decided for each target named (MEK-03, PEN-19), in one transaction. A party of the
    /// agreement records it; participants must be people of the agency; a team target that
    /// needs officials from other agencies also needs officials from outside the unit.
    pub async fn record_dialogue(
        &self,
        agreement: AgreementId,
        input: &DialogueInput,
        by: &PlanningActor,
    ) -> Result<DialogueId> {
        by.audit.checked_label()?;
        let notes = input.notes.trim();
        if notes.is_empty() {
            return Err(StorageError::invalid(
                "dialogue_notes_blank",
                "Catatan dialog kinerja wajib diisi.",
            ));
        }
        if input.participants.is_empty() {
            return Err(StorageError::invalid(
                "dialogue_without_participants",
                "Sebutkan peserta dialog kinerja.",
            ));
        }
        let txn = self.begin_write().await?;
        let a = agreement_row(&txn, agreement).await?;
        require_party(&txn, &a, by).await?;
        let s = agency_structure(&txn, AgencyId(a.agency_id)).await?;
        let names = display_names(&s.rows);
        let mut participants = Vec::new();
        let mut seen = HashSet::new();
        for e in &input.participants {
            if !seen.insert(e.0) {
                continue;
            }
            let person = s.employee(e.0).ok_or_else(|| {
                StorageError::invalid(
                    "participant_unknown",
                    format!("Peserta dengan id {} bukan pegawai instansi ini.", e.0),
                )
            })?;
            participants.push(Participant {
                employee: *e,
                name: names.get(&person.id).cloned().unwrap_or_default(),
                nip: person.nip.clone(),
            });
        }
        let own: HashSet<i64> = targets_of(&txn, agreement)
            .await?
            .iter()
            .map(|t| t.id)
            .collect();
        for i in &input.identifications {
            if !own.contains(&i.target) {
                return Err(StorageError::invalid(
                    "target_not_in_agreement",
                    format!("Target {} bukan target perjanjian ini.", i.target),
                ));
            }
        }
        let now = Utc::now().trunc_subsecs(6);
        let id = performance_dialogue::Entity::insert(performance_dialogue::ActiveModel {
            agreement_id: Set(agreement),
            held_on: Set(input.held_on),
            participants: Set(serde_json::to_string(&participants)
                .map_err(|e| StorageError::Database(sea_orm::DbErr::Custom(e.to_string())))?),
            notes: Set(notes.to_string()),
            recorded_at: Set(now),
            recorded_by: Set(by.audit.label.clone()),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        for i in &input.identifications {
            let Some(t) = agreement_target::Entity::find_by_id(i.target)
                .one(&txn)
                .await?
            else {
                continue;
            };
            let mut active: agreement_target::ActiveModel = t.into();
            active.execution = Set(Some(i.execution.code().to_string()));
            // Individual work has no team: no team lead, and the people come from the unit.
            let team = i.execution == Execution::Team;
            active.needs_other_units = Set(i.needs_other_units || i.needs_other_agencies);
            active.needs_other_agencies = Set(i.needs_other_agencies);
            active.needs_team_lead = Set(team && i.needs_team_lead);
            active.dialogue_id = Set(Some(id));
            agreement_target::Entity::update(active).exec(&txn).await?;
        }
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::DialogueRecorded,
            subject(&a),
            json!({
                "dialogue_id": id,
                "held_on": input.held_on,
                "participants": participants.iter().map(|p| &p.nip).collect::<Vec<_>>(),
                "identifications": input.identifications.iter().map(|i| json!({
                    "target": i.target,
                    "execution": i.execution.code(),
                    "needs_other_units": i.needs_other_units || i.needs_other_agencies,
                    "needs_other_agencies": i.needs_other_agencies,
                    "needs_team_lead": i.execution == Execution::Team && i.needs_team_lead,
                })).collect::<Vec<_>>(),
                "rule_id": "MEK-03",
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }
}
