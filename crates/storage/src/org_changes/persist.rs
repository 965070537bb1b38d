//! Writing what a change did to today's tables: the organisation before and after the domain
//! applied it are compared row by row: only the columns a change may touch are updated
//! (employees' agency, position and grade; positions' acting holder, name, class, level and
//! unit; units' parent and name), then the rows the change removed are deleted.

use std::collections::HashMap;

use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use sikerja_domain::organisation::Organisation;

use crate::connect::WriteTxn;
use crate::entities::{employee, position, unit};
use crate::error::{OnConstraint, Result};

/// Updates the rows whose stored columns differ between `before` and `after`, then deletes
/// the rows `after` no longer has (someone who left, a closed position, a merged or closed
/// unit), as the import deletes rows missing from a bundle: the references to them are set
/// null or cascade as the schema says.
pub(crate) async fn persist(
    txn: &WriteTxn,
    before: &Organisation,
    after: &Organisation,
) -> Result<()> {
    let old_employees: HashMap<_, _> = before.employees.iter().map(|e| (e.id, e)).collect();
    for e in &after.employees {
        let Some(old) = old_employees.get(&e.id) else {
            continue;
        };
        if old.position != e.position || old.grade != e.grade || old.agency != e.agency {
            employee::Entity::update(employee::ActiveModel {
                id: Set(e.id.0),
                agency_id: Set(e.agency.0),
                position_id: Set(e.position.map(|p| p.0)),
                grade: Set(e.grade.to_string()),
                ..Default::default()
            })
            .exec(txn)
            .await?;
        }
    }
    let old_positions: HashMap<_, _> = before.positions.iter().map(|p| (p.id, p)).collect();
    for p in &after.positions {
        let Some(old) = old_positions.get(&p.id) else {
            continue;
        };
        if old.acting != p.acting
            || old.name != p.name
            || old.class != p.class
            || old.functional_level != p.functional_level
            || old.unit != p.unit
        {
            position::Entity::update(position::ActiveModel {
                id: Set(p.id.0),
                unit_id: Set(p.unit.0),
                name: Set(p.name.clone()),
                class: Set(p.class.code().to_string()),
                functional_level: Set(p.functional_level.map(|l| l.code().to_string())),
                acting_employee_id: Set(p.acting.map(|a| a.employee.0)),
                acting_kind: Set(p.acting.map(|a| a.kind.code().to_string())),
                ..Default::default()
            })
            .exec(txn)
            .await?;
        }
    }
    let old_units: HashMap<_, _> = before.units.iter().map(|u| (u.id, u)).collect();
    for u in &after.units {
        let Some(old) = old_units.get(&u.id) else {
            continue;
        };
        if old.parent != u.parent || old.name != u.name {
            unit::Entity::update(unit::ActiveModel {
                id: Set(u.id.0),
                parent_id: Set(u.parent.map(|x| x.0)),
                name: Set(u.name.clone()),
                ..Default::default()
            })
            .exec(txn)
            .await?;
        }
    }
    let gone = |old: Vec<i64>, new: Vec<i64>| -> Vec<i64> {
        old.into_iter().filter(|id| !new.contains(id)).collect()
    };
    let employees = gone(
        before.employees.iter().map(|e| e.id.0).collect(),
        after.employees.iter().map(|e| e.id.0).collect(),
    );
    if !employees.is_empty() {
        employee::Entity::delete_many()
            .filter(employee::Column::Id.is_in(employees))
            .exec(txn)
            .await
            .on_constraint(WHAT)?;
    }
    let positions = gone(
        before.positions.iter().map(|p| p.id.0).collect(),
        after.positions.iter().map(|p| p.id.0).collect(),
    );
    if !positions.is_empty() {
        position::Entity::delete_many()
            .filter(position::Column::Id.is_in(positions))
            .exec(txn)
            .await
            .on_constraint(WHAT)?;
    }
    let units = gone(
        before.units.iter().map(|u| u.id.0).collect(),
        after.units.iter().map(|u| u.id.0).collect(),
    );
    if !units.is_empty() {
        unit::Entity::delete_many()
            .filter(unit::Column::Id.is_in(units))
            .exec(txn)
            .await
            .on_constraint(WHAT)?;
    }
    Ok(())
}

const WHAT: &str = "Perubahan organisasi";
