//! Loading one agency's rows in a handful of queries and turning them into the domain
//! [`Organisation`] the placement engine reads.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use sikerja_domain::organisation::{AgencyId, AgencyPolicy, Organisation};

use crate::batch::rows_where_in;
use crate::entities::{agency, department, employee, experience, position, rating, unit};
use crate::error::{Result, StorageError};
use crate::{convert, policies};

/// Every organisation row of one agency, each list in import order.
pub(crate) struct AgencyRows {
    pub agency: agency::Model,
    /// The KED-10/KED-12 readings in force today (issue 14 point 5).
    pub policy: AgencyPolicy,
    pub departments: Vec<department::Model>,
    pub units: Vec<unit::Model>,
    pub positions: Vec<position::Model>,
    pub employees: Vec<employee::Model>,
}

pub(crate) async fn agency_row<C: ConnectionTrait>(db: &C, id: AgencyId) -> Result<agency::Model> {
    agency::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("agency", id))
}

pub(crate) async fn agency_rows<C: ConnectionTrait>(db: &C, id: AgencyId) -> Result<AgencyRows> {
    let agency = agency_row(db, id).await?;
    let policy = policies::in_force(db, id, policies::today())
        .await?
        .placement;
    let departments = department::Entity::find()
        .filter(department::Column::AgencyId.eq(id.0))
        .order_by_asc(department::Column::SortOrder)
        .all(db)
        .await?;
    let units = unit::Entity::find()
        .filter(unit::Column::AgencyId.eq(id.0))
        .order_by_asc(unit::Column::SortOrder)
        .all(db)
        .await?;
    let positions = position::Entity::find()
        .filter(position::Column::AgencyId.eq(id.0))
        .order_by_asc(position::Column::SortOrder)
        .all(db)
        .await?;
    let employees = employee::Entity::find()
        .filter(employee::Column::AgencyId.eq(id.0))
        .order_by_asc(employee::Column::SortOrder)
        .all(db)
        .await?;
    Ok(AgencyRows {
        agency,
        policy,
        departments,
        units,
        positions,
        employees,
    })
}

/// Ratings and experience of the given employees, keyed by employee, in stored order.
pub(crate) struct Details {
    pub ratings: HashMap<i64, Vec<rating::Model>>,
    pub experience: HashMap<i64, Vec<experience::Model>>,
}

pub(crate) async fn details<C: ConnectionTrait>(db: &C, employees: &[i64]) -> Result<Details> {
    let mut ratings: HashMap<i64, Vec<rating::Model>> = HashMap::new();
    let mut rows =
        rows_where_in::<rating::Entity, _>(db, rating::Column::EmployeeId, employees).await?;
    rows.sort_by_key(|r| r.id);
    for r in rows {
        ratings.entry(r.employee_id).or_default().push(r);
    }
    let mut experience: HashMap<i64, Vec<experience::Model>> = HashMap::new();
    let mut rows =
        rows_where_in::<experience::Entity, _>(db, experience::Column::EmployeeId, employees)
            .await?;
    rows.sort_by_key(|r| r.id);
    for r in rows {
        experience.entry(r.employee_id).or_default().push(r);
    }
    Ok(Details {
        ratings,
        experience,
    })
}

/// The domain organisation of the rows; ratings and experience only when `details` is given.
pub(crate) fn organisation(rows: &AgencyRows, details: Option<&Details>) -> Result<Organisation> {
    let mut employees = Vec::with_capacity(rows.employees.len());
    for m in &rows.employees {
        let mut e = convert::employee(m)?;
        if let Some(d) = details {
            for r in d.ratings.get(&m.id).into_iter().flatten() {
                e.ratings.push(convert::rating(r)?);
            }
            e.experience = d
                .experience
                .get(&m.id)
                .into_iter()
                .flatten()
                .map(convert::experience)
                .collect();
        }
        employees.push(e);
    }
    Ok(Organisation {
        agencies: vec![convert::agency(&rows.agency, rows.policy)?],
        departments: rows
            .departments
            .iter()
            .map(convert::department)
            .collect::<Result<_>>()?,
        units: rows
            .units
            .iter()
            .map(convert::unit)
            .collect::<Result<_>>()?,
        positions: rows
            .positions
            .iter()
            .map(convert::position)
            .collect::<Result<_>>()?,
        employees,
    })
}

/// The full organisation of one agency, ratings and experience included.
pub(crate) async fn full_organisation<C: ConnectionTrait>(
    db: &C,
    id: AgencyId,
) -> Result<Organisation> {
    let rows = agency_rows(db, id).await?;
    let ids: Vec<i64> = rows.employees.iter().map(|e| e.id).collect();
    let details = details(db, &ids).await?;
    organisation(&rows, Some(&details))
}
