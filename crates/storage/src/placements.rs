//! Reading placements (rincian kedudukan, KED-11), an employee's PPK history and the span of
//! control of each official (KED-10). Reads only: the engine ran when the structure changed.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use sikerja_domain::organisation::{AgencyId, DepartmentId, EmployeeId, PositionId};
use sikerja_domain::placement::PlacementStatus;

use crate::Store;
use crate::convert;
use crate::entities::{department, placement, placement_history};
use crate::error::{Result, StorageError};
use crate::officials::Officials;
use crate::placement_query;
use crate::search::employee_matches;
use crate::views::{
    OfficialRef, Page, PersonRef, PlacementChange, PlacementFilter, PlacementView, SpanView,
};

impl Store {
    /// Stored placements matching the filter, ordered by department, unit and position.
    pub async fn placements(&self, filter: &PlacementFilter) -> Result<Vec<PlacementView>> {
        let mut q = placement_query::select(self.db.get_database_backend());
        q.cond_where(condition(filter));
        placement_query::fetch(&self.db, &q).await
    }

    /// One page of the stored placements matching the filter, in the same order, with how
    /// many match in all: the database counts and cuts the page, so a large department (RSUD,
    /// about 570 rows) is never loaded whole for a page of it (issue 15 point 8). An offset
    /// past the end answers no items and the total.
    pub async fn placements_page(
        &self,
        filter: &PlacementFilter,
        offset: u64,
        limit: u64,
    ) -> Result<Page<PlacementView>> {
        use sea_orm::sea_query::{Alias, Expr, Query};
        let backend = self.db.get_database_backend();
        let mut matching = placement_query::select(backend);
        matching.cond_where(condition(filter));
        let mut count = Query::select();
        count
            .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
            .from_subquery(matching.clone(), Alias::new("matching"));
        let total = self
            .db
            .query_one(&count)
            .await?
            .map(|row| row.try_get::<i64>("", "n"))
            .transpose()?
            .unwrap_or(0);
        matching.limit(limit).offset(offset);
        Ok(Page {
            items: placement_query::fetch(&self.db, &matching).await?,
            total: u64::try_from(total).unwrap_or(0),
        })
    }

    /// The placement of one employee; `None` for holders of structural positions.
    pub async fn placement_of(&self, employee: EmployeeId) -> Result<Option<PlacementView>> {
        placement_of_in(&self.db, employee).await
    }

    /// The PPK history of an employee (KED-11), oldest first.
    pub async fn placement_history(&self, employee: EmployeeId) -> Result<Vec<PlacementChange>> {
        let rows = placement_history::Entity::find()
            .filter(placement_history::Column::EmployeeId.eq(employee.0))
            .order_by_asc(placement_history::Column::ChangedAt)
            .order_by_asc(placement_history::Column::Id)
            .all(&self.db)
            .await?;
        rows.iter().map(change).collect()
    }

    /// Per official of a department: people placed under them and assessed by them, flagged
    /// above the agency's threshold (KED-10). Largest spans first.
    pub async fn span_of_control(&self, department: DepartmentId) -> Result<Vec<SpanView>> {
        let dept = department::Entity::find_by_id(department.0)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("department", department))?;
        // KED-10: the threshold in force today (issue 14 point 5).
        let threshold =
            crate::policies::in_force(&self.db, AgencyId(dept.agency_id), crate::policies::today())
                .await?
                .placement
                .span_of_control_threshold;
        let rows = placement::Entity::find()
            .filter(placement::Column::DepartmentId.eq(department.0))
            .filter(placement::Column::Status.eq(PlacementStatus::Placed.code()))
            .all(&self.db)
            .await?;
        type Key = (i64, i64, Option<String>);
        let mut counts: HashMap<Key, (u32, u32)> = HashMap::new();
        for r in &rows {
            if let (Some(p), Some(e)) = (r.superior_position_id, r.superior_employee_id) {
                counts
                    .entry((p, e, r.superior_acting.clone()))
                    .or_default()
                    .0 += 1;
            }
            if let (Some(p), Some(e)) = (r.assessor_position_id, r.assessor_employee_id) {
                counts
                    .entry((p, e, r.assessor_acting.clone()))
                    .or_default()
                    .1 += 1;
            }
        }
        let officials = Officials::load(
            &self.db,
            counts.keys().map(|k| k.1),
            counts.keys().map(|k| k.0),
        )
        .await?;
        let mut out = Vec::with_capacity(counts.len());
        for ((p, e, acting), (placed, assessed)) in counts {
            let Some(official) = officials.official(Some(p), Some(e), acting.as_deref())? else {
                continue;
            };
            out.push(SpanView {
                official,
                placed,
                assessed,
                over_threshold: placed > threshold,
                threshold,
            });
        }
        out.sort_by(|a, b| {
            (b.placed, b.assessed, a.official.position).cmp(&(
                a.placed,
                a.assessed,
                b.official.position,
            ))
        });
        Ok(out)
    }
}

/// A history row as shown: the assessor as they were when the change was recorded.
fn change(r: &placement_history::Model) -> Result<PlacementChange> {
    let assessor = match (
        r.assessor_position_id,
        r.assessor_employee_id,
        r.assessor_nip.as_deref(),
        r.assessor_grade.as_deref(),
        r.assessor_class.as_deref(),
    ) {
        (Some(p), Some(e), Some(nip), Some(grade), Some(class)) => {
            let grade = convert::grade(grade)?;
            Some(OfficialRef {
                person: PersonRef {
                    employee: EmployeeId(e),
                    nip: convert::nip(nip)?,
                    name: r.assessor_name.clone().unwrap_or_default(),
                    grade,
                    rank: grade.rank().map(|x| x.to_string()),
                },
                position: PositionId(p),
                position_name: r.assessor_position_name.clone().unwrap_or_default(),
                class: convert::position_class(class)?,
                acting: convert::acting_kind(r.assessor_acting.as_deref())?,
            })
        }
        _ => None,
    };
    Ok(PlacementChange {
        changed_at: r.changed_at,
        assessor,
        rule_id: r.rule_id.clone(),
        article: r.article.clone(),
        manual: r.manual,
    })
}

/// The placement of one employee, read on `db` (a transaction or the pool).
pub(crate) async fn placement_of_in<C: ConnectionTrait>(
    db: &C,
    employee: EmployeeId,
) -> Result<Option<PlacementView>> {
    let mut q = placement_query::select(db.get_database_backend());
    q.cond_where(Condition::all().add(placement::Column::EmployeeId.eq(employee.0)));
    Ok(placement_query::fetch(db, &q).await?.into_iter().next())
}

/// The condition a placement filter sets on the placement query.
fn condition(filter: &PlacementFilter) -> Condition {
    use placement::Column as P;
    let mut all = Condition::all();
    if let Some(a) = filter.agency {
        all = all.add(P::AgencyId.eq(a.0));
    }
    if let Some(d) = filter.department {
        all = all.add(P::DepartmentId.eq(d.0));
    }
    if let Some(u) = filter.unit {
        all = all.add(P::UnitId.eq(u.0));
    }
    if let Some(s) = filter.status {
        all = all.add(P::Status.eq(s.code()));
    }
    if let Some(rule) = filter
        .rule_id
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        all = all.add(
            Condition::any()
                .add(P::RuleId.eq(rule))
                .add(P::AssessorRuleId.eq(rule)),
        );
    }
    if let Some(matches) = employee_matches(filter.search.as_deref()) {
        all = all.add(matches);
    }
    all
}
