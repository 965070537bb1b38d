//! Turning `placements` rows into [`PlacementView`]s: the placed employee, their position,
//! unit and department, and each official, loaded with a fixed number of queries.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use crate::batch::{rows_where_in, unique_ids};
use crate::convert;
use crate::entities::{department, employee, manual_placement, placement, position, unit};
use crate::error::{Result, corrupt};
use crate::views::{ManualRecord, OfficialRef, PlacementStatus, PlacementView};
use sikerja_domain::organisation::{DepartmentId, PositionId, UnitId};

/// Employees and positions that officials and placed people refer to.
pub(crate) struct Officials {
    pub people: HashMap<i64, employee::Model>,
    pub positions: HashMap<i64, position::Model>,
}

impl Officials {
    pub(crate) async fn load<C: ConnectionTrait>(
        db: &C,
        employee_ids: impl IntoIterator<Item = i64>,
        position_ids: impl IntoIterator<Item = i64>,
    ) -> Result<Self> {
        let e = unique_ids(employee_ids);
        let p = unique_ids(position_ids);
        Ok(Officials {
            people: rows_where_in::<employee::Entity, _>(db, employee::Column::Id, &e)
                .await?
                .into_iter()
                .map(|m| (m.id, m))
                .collect(),
            positions: rows_where_in::<position::Entity, _>(db, position::Column::Id, &p)
                .await?
                .into_iter()
                .map(|m| (m.id, m))
                .collect(),
        })
    }

    /// The official exercising `position` as `employee`; `None` when either is gone.
    pub(crate) fn official(
        &self,
        position: Option<i64>,
        employee: Option<i64>,
        acting: Option<&str>,
    ) -> Result<Option<OfficialRef>> {
        let (Some(p), Some(e)) = (
            position.and_then(|p| self.positions.get(&p)),
            employee.and_then(|e| self.people.get(&e)),
        ) else {
            return Ok(None);
        };
        Ok(Some(OfficialRef {
            person: convert::person(e)?,
            position: PositionId(p.id),
            position_name: p.name.clone(),
            class: convert::position_class(&p.class)?,
            acting: convert::acting_kind(acting)?,
        }))
    }
}

fn ids_of(rows: &[placement::Model]) -> (Vec<i64>, Vec<i64>) {
    let mut people = Vec::with_capacity(rows.len() * 2);
    let mut posts = Vec::with_capacity(rows.len() * 2);
    for r in rows {
        people.push(r.employee_id);
        posts.push(r.position_id);
        people.extend(
            [
                r.superior_employee_id,
                r.assessor_employee_id,
                r.coordinator_employee_id,
                r.recommender_employee_id,
            ]
            .into_iter()
            .flatten(),
        );
        posts.extend(
            [
                r.superior_position_id,
                r.assessor_position_id,
                r.coordinator_position_id,
                r.recommender_position_id,
            ]
            .into_iter()
            .flatten(),
        );
    }
    (people, posts)
}

/// Views of `rows`, ordered by department, unit, position and employee in import order.
pub(crate) async fn placement_views<C: ConnectionTrait>(
    db: &C,
    rows: Vec<placement::Model>,
) -> Result<Vec<PlacementView>> {
    let (people, posts) = ids_of(&rows);
    let officials = Officials::load(db, people, posts).await?;
    let unit_ids = unique_ids(rows.iter().map(|r| r.unit_id));
    let units: HashMap<i64, unit::Model> =
        rows_where_in::<unit::Entity, _>(db, unit::Column::Id, &unit_ids)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
    let dept_ids = unique_ids(rows.iter().map(|r| r.department_id));
    let departments: HashMap<i64, department::Model> =
        rows_where_in::<department::Entity, _>(db, department::Column::Id, &dept_ids)
            .await?
            .into_iter()
            .map(|d| (d.id, d))
            .collect();
    let manual_ids = unique_ids(rows.iter().filter(|r| r.manual).map(|r| r.employee_id));
    let manual: HashMap<i64, manual_placement::Model> =
        rows_where_in::<manual_placement::Entity, _>(
            db,
            manual_placement::Column::EmployeeId,
            &manual_ids,
        )
        .await?
        .into_iter()
        .map(|m| (m.employee_id, m))
        .collect();

    let order = |r: &placement::Model| {
        (
            departments
                .get(&r.department_id)
                .map(|d| (d.agency_id, d.sort_order)),
            units.get(&r.unit_id).map(|u| u.sort_order),
            officials
                .positions
                .get(&r.position_id)
                .map(|p| p.sort_order),
            officials.people.get(&r.employee_id).map(|e| e.sort_order),
            r.employee_id,
        )
    };
    let mut rows = rows;
    rows.sort_by_cached_key(order);

    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let person = officials
            .people
            .get(&r.employee_id)
            .ok_or_else(|| corrupt("placed employee", &r.employee_id.to_string()))?;
        let post = officials
            .positions
            .get(&r.position_id)
            .ok_or_else(|| corrupt("placed position", &r.position_id.to_string()))?;
        let position = convert::position(post)?;
        out.push(PlacementView {
            employee: convert::person(person)?,
            position: position.id,
            position_name: position.name,
            position_class: position.class,
            functional_level: position.functional_level,
            unit: UnitId(r.unit_id),
            unit_name: units
                .get(&r.unit_id)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            department: DepartmentId(r.department_id),
            department_name: departments
                .get(&r.department_id)
                .map(|d| d.name.clone())
                .unwrap_or_default(),
            status: PlacementStatus::from_code(&r.status)
                .ok_or_else(|| corrupt("placement status", &r.status))?,
            superior: officials.official(
                r.superior_position_id,
                r.superior_employee_id,
                r.superior_acting.as_deref(),
            )?,
            assessor: officials.official(
                r.assessor_position_id,
                r.assessor_employee_id,
                r.assessor_acting.as_deref(),
            )?,
            coordinator: officials.official(
                r.coordinator_position_id,
                r.coordinator_employee_id,
                r.coordinator_acting.as_deref(),
            )?,
            recommender: officials.official(
                r.recommender_position_id,
                r.recommender_employee_id,
                r.recommender_acting.as_deref(),
            )?,
            rule_id: r.rule_id.clone(),
            article: r.article.clone(),
            assessor_rule_id: r.assessor_rule_id.clone(),
            assessor_article: r.assessor_article.clone(),
            notes: serde_json::from_str(&r.notes)
                .map_err(|_| corrupt("placement notes", &r.notes))?,
            reason: r.reason.clone(),
            manual: manual.get(&r.employee_id).map(|m| ManualRecord {
                justification: m.justification.clone(),
                decided_by: m.decided_by.clone(),
                decided_at: m.decided_at,
            }),
        });
    }
    Ok(out)
}
