//! The placement dashboard (`kedudukan`): placed vs unresolved per Perangkat Daerah, and the
//! span of control of each official against the agency's KED-10 threshold.

use sea_orm::ConnectionTrait;
use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::organisation::{DepartmentId, EmployeeId, PositionId};
use sikerja_domain::placement::PlacementStatus;

use super::sql::Sql;
use crate::Store;
use crate::error::Result;

/// One Perangkat Daerah's computed placements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentPlacements {
    pub department: DepartmentId,
    pub name: String,
    pub placed: u32,
    pub unresolved: u32,
}

/// One official's span of control (KED-10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanRow {
    pub position: PositionId,
    pub position_name: String,
    pub employee: EmployeeId,
    pub name: String,
    pub department_name: String,
    /// JF/Pelaksana placed directly under the official.
    pub placed: u32,
    /// JF/Pelaksana the official assesses.
    pub assessed: u32,
}

/// The placement dashboard's numbers for one scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacementDashboard {
    pub departments: Vec<DepartmentPlacements>,
    /// Every official with someone placed under or assessed by them: largest spans first.
    pub spans: Vec<SpanRow>,
    /// The agency's KED-10 threshold in force today.
    pub threshold: u32,
}

impl PlacementDashboard {
    /// Officials whose span exceeds the threshold (KED-10).
    pub fn over_threshold(&self) -> usize {
        self.spans
            .iter()
            .filter(|s| s.placed > self.threshold)
            .count()
    }
}

pub(super) fn count(v: i64, what: &str) -> Result<u32> {
    u32::try_from(v).map_err(|_| crate::error::corrupt(what, &v.to_string()))
}

impl Store {
    /// The placement dashboard within `scope`: two aggregate queries and the policy read.
    pub async fn placement_dashboard(&self, scope: &DashboardScope) -> Result<PlacementDashboard> {
        let backend = self.db.get_database_backend();
        let placed = PlacementStatus::Placed.code();

        let mut q = Sql::new(backend);
        q.scope_units(scope);
        q.push("SELECT p.department_id AS department, d.name AS name, SUM(CASE WHEN p.status = ");
        q.param(placed);
        q.push(" THEN 1 ELSE 0 END) AS placed, SUM(CASE WHEN p.status = ");
        q.param(placed);
        q.push(" THEN 0 ELSE 1 END) AS unresolved FROM placements p JOIN departments d ON d.id = p.department_id WHERE 1 = 1");
        q.scope_filter(scope, "p");
        q.push(" GROUP BY p.department_id, d.name, d.sort_order ORDER BY d.sort_order, p.department_id");
        let mut departments = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            departments.push(DepartmentPlacements {
                department: DepartmentId(row.try_get("", "department")?),
                name: row.try_get("", "name")?,
                placed: count(row.try_get("", "placed")?, "placed")?,
                unresolved: count(row.try_get("", "unresolved")?, "unresolved")?,
            });
        }

        // KED-10: one row per official, counting those placed under them and those they
        // assess, from the placed rows of the scope.
        let mut q = Sql::new(backend);
        q.scope_units(scope);
        q.push("SELECT x.pos AS pos, x.emp AS emp, pos.name AS position_name, e.name AS name, d.name AS department_name, SUM(x.placed) AS placed, SUM(x.assessed) AS assessed FROM (");
        for (i, (position, employee, placed_one)) in [
            ("superior_position_id", "superior_employee_id", true),
            ("assessor_position_id", "assessor_employee_id", false),
        ]
        .into_iter()
        .enumerate()
        {
            if i > 0 {
                q.push(" UNION ALL ");
            }
            let (a, b) = if placed_one { (1, 0) } else { (0, 1) };
            q.push(&format!(
                "SELECT p.{position} AS pos, p.{employee} AS emp, {a} AS placed, {b} AS assessed FROM placements p WHERE p.{position} IS NOT NULL AND p.{employee} IS NOT NULL AND p.status = "
            ));
            q.param(placed);
            q.scope_filter(scope, "p");
        }
        q.push(") x JOIN positions pos ON pos.id = x.pos JOIN employees e ON e.id = x.emp JOIN units u ON u.id = pos.unit_id JOIN departments d ON d.id = u.department_id GROUP BY x.pos, x.emp, pos.name, e.name, d.name ORDER BY SUM(x.placed) DESC, SUM(x.assessed) DESC, x.pos");
        let mut spans = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            spans.push(SpanRow {
                position: PositionId(row.try_get("", "pos")?),
                position_name: row.try_get("", "position_name")?,
                employee: EmployeeId(row.try_get("", "emp")?),
                name: row.try_get("", "name")?,
                department_name: row.try_get("", "department_name")?,
                placed: count(row.try_get("", "placed")?, "placed")?,
                assessed: count(row.try_get("", "assessed")?, "assessed")?,
            });
        }
        let threshold =
            crate::policies::in_force(&self.db, scope.agency(), crate::policies::today())
                .await?
                .placement
                .span_of_control_threshold;
        Ok(PlacementDashboard {
            departments,
            spans,
            threshold,
        })
    }
}
