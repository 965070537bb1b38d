//! Rows a change creates (a new employee, unit or position, issue 14 point 1). The batch names
//! a created row by a negative placeholder identity, which later changes of the batch may use
//! (a unit, then its head position, then the appointment to it); when the change is applied,
//! the row is inserted, the database gives its identity, and the placeholder is replaced in
//! that change and the rest of the batch. Creating rows is recorded only when effective by the
//! day of recording: a pending change cannot name a row that does not exist yet.

use std::collections::HashMap;

use sea_orm::{ActiveModelTrait, ActiveValue::Set};
use sikerja_domain::assignment::Day;
use sikerja_domain::changes::{DatedChange, OrgChange};
use sikerja_domain::organisation::{EmployeeId, PositionId, UnitId};

use crate::connect::WriteTxn;
use crate::entities::{employee, position, unit};
use crate::error::{OnConstraint, Result, StorageError};

/// Placeholder → stored identity, per kind of row.
#[derive(Debug, Default)]
pub(crate) struct NewIds {
    units: HashMap<i64, i64>,
    positions: HashMap<i64, i64>,
    employees: HashMap<i64, i64>,
}

/// The change with every unit, position and employee identity passed through `u`, `p`, `e`.
fn map_ids(
    change: &OrgChange,
    u: &dyn Fn(UnitId) -> UnitId,
    p: &dyn Fn(PositionId) -> PositionId,
    e: &dyn Fn(EmployeeId) -> EmployeeId,
) -> OrgChange {
    let mut c = change.clone();
    match &mut c {
        OrgChange::Hire { employee } => {
            employee.id = e(employee.id);
            employee.position = employee.position.map(p);
        }
        OrgChange::Appoint { employee, position } => {
            *employee = e(*employee);
            *position = p(*position);
        }
        OrgChange::Vacate { employee }
        | OrgChange::SetGrade { employee, .. }
        | OrgChange::Leave { employee, .. } => *employee = e(*employee),
        OrgChange::NameActing {
            position, employee, ..
        } => {
            *position = p(*position);
            *employee = e(*employee);
        }
        OrgChange::EndActing { position }
        | OrgChange::ChangePosition { position, .. }
        | OrgChange::ClosePosition { position } => *position = p(*position),
        OrgChange::AddUnit { unit } => {
            unit.id = u(unit.id);
            unit.parent = unit.parent.map(u);
        }
        OrgChange::RenameUnit { unit, .. } | OrgChange::CloseUnit { unit } => *unit = u(*unit),
        OrgChange::MoveUnit { unit, parent } => {
            *unit = u(*unit);
            *parent = u(*parent);
        }
        OrgChange::MergeUnit { unit, into } => {
            *unit = u(*unit);
            *into = u(*into);
        }
        OrgChange::AddPosition { position } => {
            position.id = p(position.id);
            position.unit = u(position.unit);
            position.acting = None;
        }
    }
    c
}

/// Whether the change names a placeholder (a row created in its batch).
pub(crate) fn names_placeholder(change: &OrgChange) -> bool {
    let found = std::cell::Cell::new(false);
    let mark = |id: i64| {
        if id < 0 {
            found.set(true);
        }
    };
    map_ids(
        change,
        &|x| {
            mark(x.0);
            x
        },
        &|x| {
            mark(x.0);
            x
        },
        &|x| {
            mark(x.0);
            x
        },
    );
    found.get()
}

fn creates(change: &OrgChange) -> bool {
    matches!(
        change,
        OrgChange::Hire { .. } | OrgChange::AddUnit { .. } | OrgChange::AddPosition { .. }
    )
}

/// Refuses a created row without a negative placeholder, and a change effective after
/// `today` that creates a row or names one created in the batch.
pub(crate) fn check_created(changes: &[DatedChange], today: Option<Day>) -> Result<()> {
    for (i, c) in changes.iter().enumerate() {
        let own = match &c.change {
            OrgChange::Hire { employee } => Some(employee.id.0),
            OrgChange::AddUnit { unit } => Some(unit.id.0),
            OrgChange::AddPosition { position } => Some(position.id.0),
            _ => None,
        };
        if own.is_some_and(|id| id >= 0) {
            return Err(StorageError::invalid(
                "org_change_new_id_invalid",
                format!(
                    "Perubahan ke-{} ({}): data baru diberi identitas sementara bernilai negatif.",
                    i + 1,
                    c.change.label()
                ),
            ));
        }
        let future = today.is_some_and(|t| c.effective > t);
        if future && (creates(&c.change) || names_placeholder(&c.change)) {
            return Err(StorageError::invalid(
                "org_change_kind_not_supported",
                format!(
                    "Perubahan ke-{} ({}): pembentukan unit, jabatan atau pegawai baru dicatat \
                     paling lambat pada tanggal berlakunya, tidak sebelumnya.",
                    i + 1,
                    c.change.label()
                ),
            ));
        }
    }
    Ok(())
}

impl NewIds {
    /// The change with the placeholders stored so far replaced.
    pub(crate) fn resolve(&self, change: &OrgChange) -> OrgChange {
        map_ids(
            change,
            &|x| UnitId(self.units.get(&x.0).copied().unwrap_or(x.0)),
            &|x| PositionId(self.positions.get(&x.0).copied().unwrap_or(x.0)),
            &|x| EmployeeId(self.employees.get(&x.0).copied().unwrap_or(x.0)),
        )
    }

    /// Inserts the row a (resolved) change creates, if any, and returns the change with its
    /// own identity replaced by the stored one.
    pub(crate) async fn insert(
        &mut self,
        txn: &WriteTxn,
        agency: i64,
        sort_order: i64,
        change: &OrgChange,
    ) -> Result<OrgChange> {
        match change {
            OrgChange::AddUnit { unit } => {
                let row = unit::ActiveModel {
                    agency_id: Set(agency),
                    department_id: Set(unit.department.0),
                    parent_id: Set(unit.parent.map(|x| x.0)),
                    code: Set(unit.code.trim().to_string()),
                    name: Set(unit.name.trim().to_string()),
                    kind: Set(unit.kind.code().to_string()),
                    is_org_unit: Set(unit.is_org_unit),
                    sort_order: Set(sort_order),
                    ..Default::default()
                }
                .insert(txn)
                .await
                .on_constraint(WHAT)?;
                self.units.insert(unit.id.0, row.id);
            }
            OrgChange::AddPosition { position } => {
                let row = position::ActiveModel {
                    agency_id: Set(agency),
                    unit_id: Set(position.unit.0),
                    code: Set(position.code.trim().to_string()),
                    name: Set(position.name.trim().to_string()),
                    class: Set(position.class.code().to_string()),
                    is_head: Set(position.is_head),
                    functional_level: Set(position.functional_level.map(|l| l.code().to_string())),
                    substance: Set(position.substance.map(|s| s.code().to_string())),
                    acting_employee_id: Set(None),
                    acting_kind: Set(None),
                    sort_order: Set(sort_order),
                    ..Default::default()
                }
                .insert(txn)
                .await
                .on_constraint(WHAT)?;
                self.positions.insert(position.id.0, row.id);
            }
            OrgChange::Hire { employee: e } => {
                let row = employee::ActiveModel {
                    agency_id: Set(e.agency.0),
                    nip: Set(e.nip.as_str().to_string()),
                    name: Set(e.name.trim().to_string()),
                    front_title: Set(e.front_title.trim().to_string()),
                    back_title: Set(e.back_title.trim().to_string()),
                    employment_type: Set(e.employment_type.code().to_string()),
                    grade: Set(e.grade.to_string()),
                    education: Set(e.education.label().to_string()),
                    position_id: Set(e.position.map(|p| p.0)),
                    from_equalization: Set(e.from_equalization),
                    sort_order: Set(sort_order),
                    ..Default::default()
                }
                .insert(txn)
                .await
                .on_constraint(WHAT)?;
                self.employees.insert(e.id.0, row.id);
            }
            _ => {}
        }
        Ok(self.resolve(change))
    }
}

const WHAT: &str = "Perubahan organisasi";
