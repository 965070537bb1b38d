//! Building [`PositionView`]s and [`EmployeeView`]s for a set of rows with a fixed number of
//! queries (never one per row).

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use crate::batch::{rows_where_in, unique_ids};
use crate::convert;
use crate::entities::{agency, department, employee, position, unit};
use crate::error::Result;
use crate::load::details;
use crate::views::{EmployeeView, PersonRef, PositionView};

/// Units and people needed to show some positions.
pub(crate) struct PositionContext {
    pub units: HashMap<i64, unit::Model>,
    pub people: HashMap<i64, employee::Model>,
    /// Definitive holder of each position (lowest employee id, as the engine chooses).
    pub holders: HashMap<i64, i64>,
}

impl PositionContext {
    pub(crate) async fn load<C: ConnectionTrait>(
        db: &C,
        positions: &[&position::Model],
    ) -> Result<Self> {
        let ids = unique_ids(positions.iter().map(|p| p.id));
        let unit_ids = unique_ids(positions.iter().map(|p| p.unit_id));
        let units = rows_where_in::<unit::Entity, _>(db, unit::Column::Id, &unit_ids)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        let mut people: HashMap<i64, employee::Model> = HashMap::new();
        let mut holders: HashMap<i64, i64> = HashMap::new();
        for e in
            rows_where_in::<employee::Entity, _>(db, employee::Column::PositionId, &ids).await?
        {
            if let Some(p) = e.position_id {
                let h = holders.entry(p).or_insert(e.id);
                *h = (*h).min(e.id);
            }
            people.insert(e.id, e);
        }
        let acting = unique_ids(
            positions
                .iter()
                .filter_map(|p| p.acting_employee_id)
                .filter(|id| !people.contains_key(id)),
        );
        for e in rows_where_in::<employee::Entity, _>(db, employee::Column::Id, &acting).await? {
            people.insert(e.id, e);
        }
        Ok(PositionContext {
            units,
            people,
            holders,
        })
    }

    fn person(&self, id: Option<i64>) -> Result<Option<PersonRef>> {
        id.and_then(|id| self.people.get(&id))
            .map(convert::person)
            .transpose()
    }

    pub(crate) fn view(&self, p: &position::Model) -> Result<PositionView> {
        let position = convert::position(p)?;
        let acting_holder = self.person(p.acting_employee_id)?;
        Ok(PositionView {
            unit_name: self
                .units
                .get(&p.unit_id)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            holder: self.person(self.holders.get(&p.id).copied())?,
            acting_kind: acting_holder.as_ref().and(position.acting.map(|a| a.kind)),
            acting_holder,
            position,
        })
    }
}

/// Employee views for `rows`, in the order given.
pub(crate) async fn employee_views<C: ConnectionTrait>(
    db: &C,
    rows: &[employee::Model],
) -> Result<Vec<EmployeeView>> {
    let ids = unique_ids(rows.iter().map(|e| e.id));
    let own_ids = unique_ids(rows.iter().filter_map(|e| e.position_id));
    let mut positions =
        rows_where_in::<position::Entity, _>(db, position::Column::Id, &own_ids).await?;
    positions.extend(
        rows_where_in::<position::Entity, _>(db, position::Column::ActingEmployeeId, &ids).await?,
    );
    let refs: Vec<&position::Model> = positions.iter().collect();
    let ctx = PositionContext::load(db, &refs).await?;
    let by_id: HashMap<i64, &position::Model> = positions.iter().map(|p| (p.id, p)).collect();
    let mut acting_in: HashMap<i64, &position::Model> = HashMap::new();
    for p in &positions {
        if let Some(e) = p.acting_employee_id {
            acting_in.entry(e).or_insert(p);
        }
    }
    let dept_ids = unique_ids(ctx.units.values().map(|u| u.department_id));
    let departments: HashMap<i64, department::Model> =
        rows_where_in::<department::Entity, _>(db, department::Column::Id, &dept_ids)
            .await?
            .into_iter()
            .map(|d| (d.id, d))
            .collect();
    let agency_ids = unique_ids(rows.iter().map(|e| e.agency_id));
    let agencies: HashMap<i64, String> =
        rows_where_in::<agency::Entity, _>(db, agency::Column::Id, &agency_ids)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
    let details = details(db, &ids).await?;

    let mut out = Vec::with_capacity(rows.len());
    for m in rows {
        let mut employee = convert::employee(m)?;
        for r in details.ratings.get(&m.id).into_iter().flatten() {
            employee.ratings.push(convert::rating(r)?);
        }
        employee.experience = details
            .experience
            .get(&m.id)
            .into_iter()
            .flatten()
            .map(convert::experience)
            .collect();
        let own = m.position_id.and_then(|p| by_id.get(&p).copied());
        let unit = own.and_then(|p| ctx.units.get(&p.unit_id));
        out.push(EmployeeView {
            position: own.map(|p| ctx.view(p)).transpose()?,
            unit_name: unit.map(|u| u.name.clone()),
            department: unit
                .and_then(|u| departments.get(&u.department_id))
                .map(convert::department)
                .transpose()?,
            agency_name: agencies.get(&m.agency_id).cloned().unwrap_or_default(),
            acting_in: acting_in.get(&m.id).map(|p| ctx.view(p)).transpose()?,
            employee,
        });
    }
    Ok(out)
}
