//! Reading the organisation: agencies, departments with their counts, the unit tree,
//! positions with holders, and the employee list.

use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use sikerja_domain::Nip;
use sikerja_domain::organisation::{
    Agency, AgencyId, Department, DepartmentId, EmployeeId, Organisation, Unit,
};

use crate::Store;
use crate::entities::{agency, department, employee, placement, position, unit};
use crate::error::{Result, StorageError};
use crate::load::{agency_row, full_organisation};
use crate::position_views::{PositionContext, employee_views};
use crate::search::employee_matches;
use crate::views::{
    DepartmentSummary, EmployeeFilter, EmployeeView, Page, PlacementStatus, PositionView,
};
use crate::{convert, policies};

impl Store {
    /// Every agency, by name.
    pub async fn agencies(&self) -> Result<Vec<Agency>> {
        let rows = agency::Entity::find()
            .order_by_asc(agency::Column::Name)
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = rows.iter().map(|a| a.id).collect();
        let mut policies = policies::in_force_many(&self.db, &ids, policies::today()).await?;
        rows.iter()
            .map(|a| {
                let p = policies.remove(&a.id).unwrap_or_default().placement;
                convert::agency(a, p)
            })
            .collect()
    }

    /// One agency.
    pub async fn agency(&self, id: AgencyId) -> Result<Agency> {
        let row = agency_row(&self.db, id).await?;
        let p = policies::in_force(&self.db, id, policies::today()).await?;
        convert::agency(&row, p.placement)
    }

    /// The agency with a code such as `kab-banjar`.
    pub async fn agency_by_code(&self, code: &str) -> Result<Agency> {
        let row = agency::Entity::find()
            .filter(agency::Column::Code.eq(code))
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("agency", code))?;
        let p = policies::in_force(&self.db, AgencyId(row.id), policies::today()).await?;
        convert::agency(&row, p.placement)
    }

    /// Departments (of one agency or all) in import order, with their counts.
    pub async fn departments(&self, agency: Option<AgencyId>) -> Result<Vec<DepartmentSummary>> {
        let mut q = department::Entity::find()
            .order_by_asc(department::Column::AgencyId)
            .order_by_asc(department::Column::SortOrder);
        if let Some(a) = agency {
            q = q.filter(department::Column::AgencyId.eq(a.0));
        }
        let rows = q.all(&self.db).await?;
        let agency_names: HashMap<i64, String> = agency::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| (a.id, a.name))
            .collect();
        let counts = department_counts(&self.db, agency).await?;
        rows.iter()
            .map(|d| {
                let c = counts.get(&d.id).copied().unwrap_or_default();
                Ok(DepartmentSummary {
                    department: convert::department(d)?,
                    agency_name: agency_names.get(&d.agency_id).cloned().unwrap_or_default(),
                    employees: c.employees,
                    placed: c.placed,
                    unresolved: c.unresolved,
                    vacant_positions: c.vacant,
                })
            })
            .collect()
    }

    /// One department.
    pub async fn department(&self, id: DepartmentId) -> Result<Department> {
        let row = department::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("department", id))?;
        convert::department(&row)
    }

    /// The unit tree of a department, parents before children, siblings in import order.
    pub async fn units(&self, department: DepartmentId) -> Result<Vec<Unit>> {
        let rows = unit::Entity::find()
            .filter(unit::Column::DepartmentId.eq(department.0))
            .order_by_asc(unit::Column::SortOrder)
            .all(&self.db)
            .await?;
        let mut children: HashMap<Option<i64>, Vec<&unit::Model>> = HashMap::new();
        for u in &rows {
            children.entry(u.parent_id).or_default().push(u);
        }
        let ids: std::collections::HashSet<i64> = rows.iter().map(|u| u.id).collect();
        let mut stack: Vec<&unit::Model> = rows
            .iter()
            .filter(|u| u.parent_id.is_none_or(|p| !ids.contains(&p)))
            .rev()
            .collect();
        let mut out = Vec::with_capacity(rows.len());
        while let Some(u) = stack.pop() {
            out.push(convert::unit(u)?);
            if let Some(kids) = children.get(&Some(u.id)) {
                stack.extend(kids.iter().rev());
            }
        }
        Ok(out)
    }

    /// Positions of a department with holders, in unit-tree order, heads first.
    pub async fn positions(&self, department: DepartmentId) -> Result<Vec<PositionView>> {
        let units = self.units(department).await?;
        let unit_rank: HashMap<i64, usize> =
            units.iter().enumerate().map(|(i, u)| (u.id.0, i)).collect();
        let in_department = Query::select()
            .column(unit::Column::Id)
            .from(unit::Entity)
            .and_where(unit::Column::DepartmentId.eq(department.0))
            .to_owned();
        let mut rows = position::Entity::find()
            .filter(position::Column::UnitId.in_subquery(in_department))
            .all(&self.db)
            .await?;
        rows.sort_by_key(|p| (unit_rank.get(&p.unit_id).copied(), !p.is_head, p.sort_order));
        let refs: Vec<&position::Model> = rows.iter().collect();
        let ctx = PositionContext::load(&self.db, &refs).await?;
        rows.iter().map(|p| ctx.view(p)).collect()
    }

    /// A page of employees in import order, filtered by agency, department, unit, employment
    /// type, holding no position, and search.
    pub async fn employees(&self, filter: &EmployeeFilter) -> Result<Page<EmployeeView>> {
        let mut q = employee::Entity::find();
        if let Some(a) = filter.agency {
            q = q.filter(employee::Column::AgencyId.eq(a.0));
        }
        if let Some(d) = filter.department {
            let in_department = Query::select()
                .column((position::Entity, position::Column::Id))
                .from(position::Entity)
                .inner_join(
                    unit::Entity,
                    Expr::col((unit::Entity, unit::Column::Id))
                        .equals((position::Entity, position::Column::UnitId)),
                )
                .and_where(Expr::col((unit::Entity, unit::Column::DepartmentId)).eq(d.0))
                .to_owned();
            q = q.filter(employee::Column::PositionId.in_subquery(in_department));
        }
        if let Some(u) = filter.unit {
            let in_unit = Query::select()
                .column(position::Column::Id)
                .from(position::Entity)
                .and_where(position::Column::UnitId.eq(u.0))
                .to_owned();
            q = q.filter(employee::Column::PositionId.in_subquery(in_unit));
        }
        if let Some(t) = filter.employment {
            q = q.filter(employee::Column::EmploymentType.eq(t.code()));
        }
        if filter.without_position {
            q = q.filter(employee::Column::PositionId.is_null());
        }
        if let Some(c) = employee_matches(filter.search.as_deref()) {
            q = q.filter(c);
        }
        let total = q.clone().count(&self.db).await?;
        let rows = q
            .order_by_asc(employee::Column::AgencyId)
            .order_by_asc(employee::Column::SortOrder)
            .order_by_asc(employee::Column::Id)
            .offset(u64::from(filter.offset))
            .limit(u64::from(Ord::max(filter.limit, 1)))
            .all(&self.db)
            .await?;
        Ok(Page {
            items: employee_views(&self.db, &rows).await?,
            total,
        })
    }

    /// One employee with position, unit, department and acting post.
    pub async fn employee(&self, id: EmployeeId) -> Result<EmployeeView> {
        let row = employee::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("employee", id))?;
        first(employee_views(&self.db, &[row]).await?, id)
    }

    /// The employee with this NIP.
    pub async fn employee_by_nip(&self, nip: &Nip) -> Result<EmployeeView> {
        let row = employee::Entity::find()
            .filter(employee::Column::Nip.eq(nip.as_str()))
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("employee", nip))?;
        let id = EmployeeId(row.id);
        first(employee_views(&self.db, &[row]).await?, id)
    }

    /// The whole organisation of one agency, as the placement engine reads it.
    pub async fn load_organisation(&self, agency: AgencyId) -> Result<Organisation> {
        full_organisation(&self.db, agency).await
    }
}

fn first(views: Vec<EmployeeView>, id: EmployeeId) -> Result<EmployeeView> {
    views
        .into_iter()
        .next()
        .ok_or_else(|| StorageError::not_found("employee", id))
}

fn count_as_n(q: &mut SelectStatement, col: Expr) {
    q.expr_as(Func::count(col), Alias::new("n"));
}

#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    employees: u32,
    placed: u32,
    unresolved: u32,
    vacant: u32,
}

fn n(row: &sea_orm::QueryResult) -> Result<(i64, u32)> {
    let d: i64 = row.try_get("", "department_id")?;
    let c: i64 = row.try_get("", "n")?;
    Ok((d, u32::try_from(c).unwrap_or(u32::MAX)))
}

/// Employees, placement statuses and vacant positions per department: three GROUP BY queries.
async fn department_counts<C: ConnectionTrait>(
    db: &C,
    agency: Option<AgencyId>,
) -> Result<HashMap<i64, Counts>> {
    let mut counts: HashMap<i64, Counts> = HashMap::new();
    let dept = (unit::Entity, unit::Column::DepartmentId);

    let mut q = Query::select();
    q.expr_as(Expr::col(dept), Alias::new("department_id"))
        .from(employee::Entity)
        .inner_join(
            position::Entity,
            Expr::col((position::Entity, position::Column::Id))
                .equals((employee::Entity, employee::Column::PositionId)),
        )
        .inner_join(
            unit::Entity,
            Expr::col((unit::Entity, unit::Column::Id))
                .equals((position::Entity, position::Column::UnitId)),
        )
        .group_by_col(dept);
    count_as_n(&mut q, Expr::col((employee::Entity, employee::Column::Id)));
    if let Some(a) = agency {
        q.and_where(Expr::col((employee::Entity, employee::Column::AgencyId)).eq(a.0));
    }
    for row in db.query_all(&q).await? {
        let (d, c) = n(&row)?;
        counts.entry(d).or_default().employees = c;
    }

    let mut q = Query::select();
    q.column(placement::Column::DepartmentId)
        .column(placement::Column::Status)
        .from(placement::Entity)
        .group_by_col(placement::Column::DepartmentId)
        .group_by_col(placement::Column::Status);
    count_as_n(
        &mut q,
        Expr::col((placement::Entity, placement::Column::EmployeeId)),
    );
    if let Some(a) = agency {
        q.and_where(placement::Column::AgencyId.eq(a.0));
    }
    for row in db.query_all(&q).await? {
        let (d, c) = n(&row)?;
        let status: String = row.try_get("", "status")?;
        let entry = counts.entry(d).or_default();
        if status == PlacementStatus::Placed.code() {
            entry.placed = c;
        } else {
            entry.unresolved = c;
        }
    }

    let held = Query::select()
        .column(employee::Column::PositionId)
        .from(employee::Entity)
        .and_where(employee::Column::PositionId.is_not_null())
        .to_owned();
    let mut q = Query::select();
    q.expr_as(Expr::col(dept), Alias::new("department_id"))
        .from(position::Entity)
        .inner_join(
            unit::Entity,
            Expr::col((unit::Entity, unit::Column::Id))
                .equals((position::Entity, position::Column::UnitId)),
        )
        .and_where(Expr::col((position::Entity, position::Column::ActingEmployeeId)).is_null())
        .and_where(Expr::col((position::Entity, position::Column::Id)).not_in_subquery(held))
        .group_by_col(dept);
    count_as_n(&mut q, Expr::col((position::Entity, position::Column::Id)));
    if let Some(a) = agency {
        q.and_where(Expr::col((position::Entity, position::Column::AgencyId)).eq(a.0));
    }
    for row in db.query_all(&q).await? {
        let (d, c) = n(&row)?;
        counts.entry(d).or_default().vacant = c;
    }
    Ok(counts)
}
