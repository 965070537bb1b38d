//! Manual placement of an unresolved case (KED-09): checked, stored, applied by the engine
//! in the same transaction and audited. Refused with nothing written when it does not apply.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
};
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::AgencyId;

use crate::convert;
use crate::entities::{employee, manual_placement, placement, position};
use crate::error::{OnConstraint, Result, StorageError};
use crate::placements::placement_of_in;
use crate::views::{ManualPlacementInput, PlacementStatus, PlacementView};
use crate::{Store, audit, recompute};

fn refuse(code: &'static str, message: impl Into<String>) -> StorageError {
    StorageError::invalid(code, message)
}

impl Store {
    /// Records a manual placement for an employee the rules left unresolved (KED-09), or
    /// corrects an earlier manual one. Refused (nothing written) when the justification is
    /// blank, the employee is placed by a rule, a position belongs to another agency, the
    /// assessor position is below Pengawas, or a position is vacant.
    pub async fn record_manual_placement(
        &self,
        input: &ManualPlacementInput,
    ) -> Result<PlacementView> {
        let justification = input.justification.trim();
        if justification.is_empty() {
            return Err(refuse(
                "manual_justification_blank",
                "alasan penetapan manual wajib diisi",
            ));
        }
        let decided_by = input.decided_by.trim();
        if decided_by.is_empty() {
            return Err(refuse(
                "manual_decided_by_blank",
                "pejabat yang menetapkan wajib diisi",
            ));
        }
        let txn = self.begin_write().await?;
        let person = employee::Entity::find_by_id(input.employee.0)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("employee", input.employee))?;
        let current = placement::Entity::find_by_id(person.id).one(&txn).await?;
        match &current {
            None => {
                return Err(refuse(
                    "manual_not_placeable",
                    "pegawai ini bukan Pejabat Fungsional atau Pelaksana sehingga tidak memiliki kedudukan",
                ));
            }
            Some(p) if p.status == PlacementStatus::Placed.code() && !p.manual => {
                return Err(refuse(
                    "manual_not_unresolved",
                    "kedudukan pegawai ini sudah ditetapkan oleh ketentuan; penetapan manual hanya untuk kasus yang belum terselesaikan",
                ));
            }
            Some(_) => {}
        }
        check_position(&txn, input.superior_position.0, &person, "atasan langsung").await?;
        let assessor = check_position(
            &txn,
            input.assessor_position.0,
            &person,
            "Pejabat Penilai Kinerja",
        )
        .await?;
        if convert::position_class(&assessor.class)?
            .structural_rank()
            .is_none()
        {
            return Err(refuse(
                "manual_assessor_class",
                "Pejabat Penilai Kinerja harus paling rendah Pejabat Pengawas",
            ));
        }

        let row = manual_placement::ActiveModel {
            employee_id: Set(person.id),
            superior_position_id: Set(input.superior_position.0),
            assessor_position_id: Set(input.assessor_position.0),
            justification: Set(justification.to_string()),
            decided_by: Set(decided_by.to_string()),
            decided_at: Set(Utc::now()),
            ..Default::default()
        };
        let conflict = OnConflict::column(manual_placement::Column::EmployeeId)
            .update_columns([
                manual_placement::Column::SuperiorPositionId,
                manual_placement::Column::AssessorPositionId,
                manual_placement::Column::Justification,
                manual_placement::Column::DecidedBy,
                manual_placement::Column::DecidedAt,
            ])
            .to_owned();
        manual_placement::Entity::insert(row)
            .on_conflict(conflict)
            .exec_without_returning(&txn)
            .await
            .on_constraint("penetapan manual")?;
        recompute::recompute_in(&txn, AgencyId(person.agency_id), Utc::now()).await?;

        let after = placement::Entity::find_by_id(person.id)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("placement", person.id))?;
        if !after.manual {
            // Dropping the transaction rolls the decision back.
            return Err(refuse(
                "manual_not_applicable",
                format!(
                    "penetapan manual tidak dapat diterapkan: {}",
                    after.reason.clone().unwrap_or_default()
                ),
            ));
        }
        audit::append_as(
            &txn,
            decided_by,
            input.decided_as.as_deref(),
            AuditAction::PlacementManual,
            audit::Subject::new(AuditSubject::Employee, person.id, person.agency_id),
            json!({
                "nip": person.nip,
                "superior_position": input.superior_position.0,
                "assessor_position": input.assessor_position.0,
                "justification": justification,
                "rule_id": "KED-09",
            }),
        )
        .await?;
        let view = placement_of_in(&txn, input.employee).await?;
        txn.commit().await?;
        view.ok_or_else(|| StorageError::not_found("placement", person.id))
    }
}

/// The position exists, belongs to the employee's agency and is held by someone else.
async fn check_position(
    txn: &DatabaseTransaction,
    id: i64,
    person: &employee::Model,
    role: &str,
) -> Result<position::Model> {
    let p = position::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("position", id))?;
    if p.agency_id != person.agency_id {
        return Err(refuse(
            "manual_position_other_agency",
            format!("jabatan {role} ({}) berada pada instansi lain", p.name),
        ));
    }
    let holders = employee::Entity::find()
        .filter(employee::Column::PositionId.eq(p.id))
        .filter(employee::Column::Id.ne(person.id))
        .count(txn)
        .await?;
    let acting = p.acting_employee_id.is_some_and(|a| a != person.id);
    if holders == 0 && !acting {
        return Err(refuse(
            "manual_position_vacant",
            format!(
                "jabatan {role} ({}) kosong atau hanya dijabat oleh pegawai yang bersangkutan",
                p.name
            ),
        ));
    }
    Ok(p)
}
