//! Who may change an agreement, checked inside the change's transaction (PEN-18, KIN-04): the
//! holder of the post, the holder (or acting holder) of the position that sets it, or the
//! regional head for a department head's agreement. And the agreement structure of an agency
//! (STR-01..05), derived from its unit tree and placement.

use std::collections::HashMap;

use sea_orm::{DatabaseTransaction, EntityTrait, QuerySelect};
use sikerja_domain::organisation::{AgencyId, PositionId};
use sikerja_domain::placement::compute_placements;
use sikerja_domain::planning::structure::{AgreementStructure, SetterKind};

use super::PlanningActor;
use super::agreements::setter_kind_of;
use crate::entities::{employee, performance_agreement, position};
use crate::error::{Result, StorageError};
pub(crate) use crate::holders::exercises;
use crate::load::{AgencyRows, agency_rows, organisation};
use crate::recompute::manual_decisions;

/// An agency's rows and who sets whose agreement in it.
pub(crate) struct AgencyStructure {
    pub rows: AgencyRows,
    pub structure: AgreementStructure,
}

impl AgencyStructure {
    pub(crate) fn position(&self, id: i64) -> Option<&position::Model> {
        self.rows.positions.iter().find(|p| p.id == id)
    }

    pub(crate) fn employee(&self, id: i64) -> Option<&employee::Model> {
        self.rows.employees.iter().find(|e| e.id == id)
    }

    /// Department of a position, through its unit.
    pub(crate) fn department_of(&self, position: i64) -> Option<i64> {
        let unit = self.position(position)?.unit_id;
        self.rows
            .units
            .iter()
            .find(|u| u.id == unit)
            .map(|u| u.department_id)
    }

    /// The name of the regional head's office for the agency as letters write it ("Bupati
    /// Banjar", "Gubernur Kalimantan Selatan"); the agency's name after the office when its
    /// name says neither regency, city nor province.
    pub(crate) fn regional_head_title(&self) -> String {
        let a = &self.rows.agency;
        let kind = sikerja_domain::org::AgencyKind::from_code(&a.kind);
        if let Some(title) =
            kind.and_then(|k| sikerja_domain::regional_heads::head_office_title(k, &a.name))
        {
            return title;
        }
        match kind {
            Some(sikerja_domain::org::AgencyKind::ProvincialGovernment) => {
                format!("Gubernur ({})", a.name)
            }
            _ => format!("Kepala Daerah ({})", a.name),
        }
    }
}

/// Loads the agency and derives the agreement structure from the placements the engine
/// computes now (the same outcome the stored placements hold).
pub(crate) async fn agency_structure(
    txn: &DatabaseTransaction,
    agency: AgencyId,
) -> Result<AgencyStructure> {
    let rows = agency_rows(txn, agency).await?;
    let org = organisation(&rows, None)?;
    let manual = manual_decisions(txn, agency).await?;
    let outcomes = compute_placements(&org, &manual);
    let structure = AgreementStructure::new(&org, &outcomes);
    Ok(AgencyStructure { rows, structure })
}

/// The part a person plays in an agreement (the domain's sides of an agreement).
pub(crate) use sikerja_domain::planning::agreement::Party;

/// The parts `by` plays in agreement `a` right now (both when someone would set their own
/// agreement, which the structure never derives).
pub(crate) async fn parties(
    txn: &DatabaseTransaction,
    a: &performance_agreement::Model,
    by: &PlanningActor,
) -> Result<Vec<Party>> {
    let mut found = Vec::new();
    if let Some(me) = by.employee {
        let holds = a.employee_id == Some(me.0)
            && match a.position_id {
                Some(p) => exercises(txn, me, PositionId(p)).await?,
                None => false,
            };
        if holds {
            found.push(Party::Holder);
        }
        if setter_kind_of(a)? == SetterKind::Position
            && let Some(s) = a.setter_position_id
            && exercises(txn, me, PositionId(s)).await?
        {
            found.push(Party::Setter);
        }
    }
    if setter_kind_of(a)? == SetterKind::RegionalHead
        && by.regional_head_of == Some(AgencyId(a.agency_id))
    {
        found.push(Party::Setter);
    }
    Ok(found)
}

/// Refuses unless `by` is the holder or the setter of the agreement.
pub(crate) async fn require_party(
    txn: &DatabaseTransaction,
    a: &performance_agreement::Model,
    by: &PlanningActor,
) -> Result<Vec<Party>> {
    let found = parties(txn, a, by).await?;
    if found.is_empty() {
        return Err(StorageError::forbidden(
            "not_a_party",
            format!(
                "Hanya pemegang jabatan {} atau {} (pihak yang menetapkan Perjanjian Kinerjanya) yang dapat mengubah perjanjian ini.",
                a.position_name, a.setter_name
            ),
        ));
    }
    Ok(found)
}

/// Loads an agreement inside a write transaction, locking its row on PostgreSQL so that two
/// decisions on one agreement (both parties signing at once) queue instead of overwriting each
/// other; SQLite write transactions are serialised already (`BEGIN IMMEDIATE`).
pub(crate) async fn agreement_row(
    txn: &DatabaseTransaction,
    id: i64,
) -> Result<performance_agreement::Model> {
    performance_agreement::Entity::find_by_id(id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("performance_agreement", id))
}

/// Name with titles of the employees with these ids.
pub(crate) fn display_names(rows: &AgencyRows) -> HashMap<i64, String> {
    rows.employees
        .iter()
        .map(|e| {
            let mut s = String::new();
            if !e.front_title.is_empty() {
                s.push_str(&e.front_title);
                s.push(' ');
            }
            s.push_str(&e.name);
            if !e.back_title.is_empty() {
                s.push_str(", ");
                s.push_str(&e.back_title);
            }
            (e.id, s)
        })
        .collect()
}
