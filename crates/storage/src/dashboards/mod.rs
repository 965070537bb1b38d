//! The dashboards' aggregates (issue 18 points 1, 3 and 5), one file per dashboard. Each
//! answers for a domain [`DashboardScope`] with SQL aggregates (GROUP BY, COUNT, SUM) on
//! either backend, never a loop over rows. See `docs/dashboards.md`.

mod assignments;
mod execution;
mod performance;
mod placement;
mod planning;
mod sql;
mod workflows;

use sea_orm::ConnectionTrait;
use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::organisation::{DepartmentId, UnitId};

pub use assignments::{AssignmentDashboard, MemberPeriod, ScopeCount, UnitChoice, WorkloadRow};
pub use execution::{DepartmentIssues, DepartmentReports, ExecutionDashboard, ReviewerQueue};
pub use performance::{DepartmentAssessments, PerformanceDashboard};
pub use placement::{DepartmentPlacements, PlacementDashboard, SpanRow};
pub use planning::{DepartmentAgreements, DepartmentRealisation, PlanningDashboard};
pub use workflows::{OpenRow, ReminderRow, WaitRow, WorkflowDashboard};

use crate::Store;
use crate::error::Result;
use sql::Sql;

/// A Perangkat Daerah a scope touches (the filter of a dashboard page), with the scope's own
/// units inside it when the scope holds it only in part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeDepartment {
    pub id: DepartmentId,
    pub name: String,
    /// The scope's units in this department (empty when the scope covers it whole).
    pub units: Vec<UnitId>,
}

impl Store {
    /// The departments `scope` reaches, in the agency's order.
    pub async fn dashboard_departments(
        &self,
        scope: &DashboardScope,
    ) -> Result<Vec<ScopeDepartment>> {
        let mut q = Sql::new(self.db.get_database_backend());
        q.push("SELECT d.id AS id, d.name AS name, u.id AS unit FROM departments d LEFT JOIN units u ON u.department_id = d.id AND ");
        match scope {
            DashboardScope::Within { units, .. } if !units.is_empty() => {
                q.push("u.id IN (");
                q.ids(units.iter().map(|u| u.0));
                q.push(")");
            }
            _ => q.push("1 = 0"),
        }
        q.push(" WHERE d.agency_id = ");
        q.param(scope.agency().0);
        if let DashboardScope::Within {
            departments, units, ..
        } = scope
        {
            q.push(" AND (d.id IN (");
            q.ids(departments.iter().map(|d| d.0));
            q.push(") OR d.id IN (SELECT department_id FROM units WHERE id IN (");
            q.ids(units.iter().map(|u| u.0));
            q.push(")))");
        }
        q.push(" ORDER BY d.sort_order, d.id, u.id");
        let mut out: Vec<ScopeDepartment> = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            let id = DepartmentId(row.try_get::<i64>("", "id")?);
            let unit = row.try_get::<Option<i64>>("", "unit")?.map(UnitId);
            match out.last_mut() {
                Some(last) if last.id == id => last.units.extend(unit),
                _ => out.push(ScopeDepartment {
                    id,
                    name: row.try_get("", "name")?,
                    units: unit.into_iter().collect(),
                }),
            }
        }
        Ok(out)
    }
}
