//! The assignment dashboard (`penugasan`): each person's team assignments counted against the
//! PEN-05/06 limits the way the assignment check counts them (PEN-07, the agency's reading in
//! force), the assignments by scope and instrument (PEN-03, PEN-12), and the assignment
//! periods of the people of one unit (a timeline).
//!
//! What lies in a scope: a unit lies in it when the scope covers its department or it is one
//! of the scope's units or below one; a person when their position is in such a unit; an
//! assignment when its owner Unit Organisasi or one of its members does.

use sea_orm::{ConnectionTrait, DbBackend};
use sikerja_domain::assignment::{
    AssignmentId, AssignmentScope, AssignmentStatus, CountWindow, Day, Instrument, MembershipKind,
};
use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::organisation::{EmployeeId, UnitId};
use sikerja_domain::planning::target::Execution;

use super::sql::Sql;
use crate::Store;
use crate::error::{Result, corrupt};

/// One person's team assignments that count against the limits (PEN-05..07).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadRow {
    pub employee: EmployeeId,
    pub name: String,
    pub position_name: String,
    pub unit_name: String,
    /// Team assignments in their own Unit Organisasi (PEN-05).
    pub own_unit: u32,
    /// Team assignments seconded elsewhere (PEN-06).
    pub seconded: u32,
}

impl WorkloadRow {
    /// The count of one kind.
    pub fn count(&self, kind: MembershipKind) -> u32 {
        match kind {
            MembershipKind::OwnUnit => self.own_unit,
            MembershipKind::Seconded => self.seconded,
        }
    }
}

/// Assignments of one scope, instrument and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeCount {
    pub scope: AssignmentScope,
    pub instrument: Instrument,
    pub status: AssignmentStatus,
    pub count: u32,
}

/// One member's period in an assignment (the timeline of a unit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberPeriod {
    pub assignment: AssignmentId,
    pub title: String,
    pub status: AssignmentStatus,
    pub name: String,
    pub from: Day,
    pub until: Day,
}

/// A unit of the scope whose people are members of assignments (the timeline's filter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitChoice {
    pub id: UnitId,
    pub name: String,
}

/// The assignment dashboard's numbers for one scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentDashboard {
    /// The PEN-07 reading the workload was counted under (the agency's in force on `day`).
    pub window: CountWindow,
    /// The day counted for: its calendar year (`CalendarYear`) or the day itself
    /// (`Concurrent`).
    pub day: Day,
    /// People with a counting team assignment, by name.
    pub workload: Vec<WorkloadRow>,
    pub by_scope: Vec<ScopeCount>,
    /// Units of the scope whose people are members of an assignment that has not ended.
    pub units: Vec<UnitChoice>,
    /// The unit of the timeline: the one asked for if it is among `units`, else the first
    /// (a unit outside the scope is never drawn).
    pub unit: Option<UnitId>,
    /// The periods of the members of `unit`, earliest first.
    pub timeline: Vec<MemberPeriod>,
}

impl AssignmentDashboard {
    /// People at or above the limit of `kind` (no further assignment of that kind).
    pub fn at_limit(&self, kind: MembershipKind) -> usize {
        let times = kind.limit().times;
        self.workload
            .iter()
            .filter(|w| w.count(kind) as usize >= times)
            .count()
    }
}

fn count(v: i64, what: &str) -> Result<u32> {
    u32::try_from(v).map_err(|_| crate::error::corrupt(what, &v.to_string()))
}

/// `WITH RECURSIVE scope_units(id) AS (…), in_scope(id) AS (…) `: every unit `scope` reaches
/// (its departments whole, its units with their subtrees, inside its agency).
pub(super) fn units_in_scope(q: &mut Sql, scope: &DashboardScope) {
    q.scope_units(scope);
    q.push(", in_scope(id) AS (SELECT su.unit_id FROM (SELECT id AS unit_id, department_id, agency_id FROM units) su WHERE 1 = 1");
    q.scope_filter(scope, "su");
    q.push(") ");
}

/// ` AND (a.owner_unit_id IN in_scope OR a member's position is in in_scope)`: an assignment
/// `a` inside the scope (after [`units_in_scope`]).
pub(super) fn assignment_in_scope(q: &mut Sql) {
    q.push(" AND (a.owner_unit_id IN (SELECT id FROM in_scope) OR a.id IN (SELECT sm.assignment_id FROM assignment_members sm JOIN employees se ON se.id = sm.employee_id JOIN positions sp ON sp.id = se.position_id WHERE sp.unit_id IN (SELECT id FROM in_scope)))");
}

/// ` AND a.status NOT IN (…)`: assignments that still count (PEN-05..07).
fn still_counting(q: &mut Sql) {
    q.push(" AND a.status NOT IN (");
    for (i, s) in AssignmentStatus::ENDED.iter().enumerate() {
        if i > 0 {
            q.push(", ");
        }
        q.param(s.code());
    }
    q.push(")");
}

impl Store {
    /// The assignment dashboard within `scope` on `day`, the timeline for `unit` (or the first
    /// unit with assignments): four aggregate queries, the timeline's rows and the policy read.
    pub async fn assignment_dashboard(
        &self,
        scope: &DashboardScope,
        day: Day,
        unit: Option<UnitId>,
    ) -> Result<AssignmentDashboard> {
        let backend = self.db.get_database_backend();
        let window = crate::policies::in_force(&self.db, scope.agency(), day)
            .await?
            .assignment
            .window;
        let workload = self.workload(backend, scope, day, window).await?;

        let mut q = Sql::new(backend);
        units_in_scope(&mut q, scope);
        q.push("SELECT a.scope AS scope, a.instrument AS instrument, a.status AS status, COUNT(*) AS n FROM assignments a WHERE 1 = 1");
        assignment_in_scope(&mut q);
        q.push(
            " GROUP BY a.scope, a.instrument, a.status ORDER BY a.scope, a.instrument, a.status",
        );
        let mut by_scope = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            let s: String = row.try_get("", "scope")?;
            let i: String = row.try_get("", "instrument")?;
            let st: String = row.try_get("", "status")?;
            by_scope.push(ScopeCount {
                scope: AssignmentScope::from_code(&s).ok_or_else(|| corrupt("scope", &s))?,
                instrument: Instrument::from_code(&i).ok_or_else(|| corrupt("instrument", &i))?,
                status: AssignmentStatus::from_code(&st).ok_or_else(|| corrupt("status", &st))?,
                count: count(row.try_get("", "n")?, "assignments")?,
            });
        }
        // Keep the domain's order of scopes (within, cross-unit, cross-agency).
        by_scope.sort_by_key(|c| {
            (
                AssignmentScope::ALL.iter().position(|s| *s == c.scope),
                AssignmentStatus::ALL.iter().position(|s| *s == c.status),
            )
        });

        let mut q = Sql::new(backend);
        units_in_scope(&mut q, scope);
        q.push("SELECT u.id AS id, u.name AS name FROM units u WHERE u.id IN (SELECT id FROM in_scope) AND u.id IN (SELECT p.unit_id FROM assignment_members m JOIN assignments a ON a.id = m.assignment_id JOIN employees e ON e.id = m.employee_id JOIN positions p ON p.id = e.position_id WHERE 1 = 1");
        still_counting(&mut q);
        q.push(") ORDER BY u.department_id, u.sort_order, u.id");
        let mut units = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            units.push(UnitChoice {
                id: UnitId(row.try_get("", "id")?),
                name: row.try_get("", "name")?,
            });
        }
        // A unit outside the scope (or without assignments) is never drawn: the first instead.
        let unit = unit
            .and_then(|u| units.iter().find(|c| c.id == u))
            .or(units.first())
            .map(|c| c.id);
        let timeline = match unit {
            Some(u) => self.unit_timeline(backend, u).await?,
            None => Vec::new(),
        };
        Ok(AssignmentDashboard {
            window,
            day,
            workload,
            by_scope,
            units,
            unit,
            timeline,
        })
    }

    /// PEN-05..07 per person, as `assignment::count` counts: team assignments that still count,
    /// of each membership kind, whose period overlaps `day`'s calendar year (`CalendarYear`)
    /// or runs on `day` (`Concurrent`); distinct assignments.
    async fn workload(
        &self,
        backend: DbBackend,
        scope: &DashboardScope,
        day: Day,
        window: CountWindow,
    ) -> Result<Vec<WorkloadRow>> {
        let (first, last) = match window {
            CountWindow::CalendarYear => (
                format!("{:04}-01-01", day.year()),
                format!("{:04}-12-31", day.year()),
            ),
            CountWindow::Concurrent => (day.to_string(), day.to_string()),
        };
        let mut q = Sql::new(backend);
        units_in_scope(&mut q, scope);
        q.push("SELECT e.id AS emp, e.name AS name, p.name AS position_name, u.name AS unit_name, COUNT(DISTINCT CASE WHEN m.membership = ");
        q.param(MembershipKind::OwnUnit.code());
        q.push(" THEN a.id END) AS own_unit, COUNT(DISTINCT CASE WHEN m.membership = ");
        q.param(MembershipKind::Seconded.code());
        q.push(" THEN a.id END) AS seconded FROM assignment_members m JOIN assignments a ON a.id = m.assignment_id JOIN employees e ON e.id = m.employee_id JOIN positions p ON p.id = e.position_id JOIN units u ON u.id = p.unit_id WHERE u.id IN (SELECT id FROM in_scope) AND a.execution = ");
        q.param(Execution::Team.code());
        still_counting(&mut q);
        q.push(" AND m.from_day <= m.until_day AND m.from_day <= ");
        q.param(last);
        q.push(" AND m.until_day >= ");
        q.param(first);
        q.push(" GROUP BY e.id, e.name, p.name, u.name ORDER BY e.name, e.id");
        let mut out = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            out.push(WorkloadRow {
                employee: EmployeeId(row.try_get("", "emp")?),
                name: row.try_get("", "name")?,
                position_name: row.try_get("", "position_name")?,
                unit_name: row.try_get("", "unit_name")?,
                own_unit: count(row.try_get("", "own_unit")?, "own_unit")?,
                seconded: count(row.try_get("", "seconded")?, "seconded")?,
            });
        }
        Ok(out)
    }

    /// The periods of the people whose position is in `unit`, in assignments that have not
    /// ended, earliest first.
    async fn unit_timeline(&self, backend: DbBackend, unit: UnitId) -> Result<Vec<MemberPeriod>> {
        let mut q = Sql::new(backend);
        q.push("SELECT a.id AS id, a.title AS title, a.status AS status, e.name AS name, m.from_day AS from_day, m.until_day AS until_day FROM assignment_members m JOIN assignments a ON a.id = m.assignment_id JOIN employees e ON e.id = m.employee_id JOIN positions p ON p.id = e.position_id WHERE p.unit_id = ");
        q.param(unit.0);
        still_counting(&mut q);
        q.push(" ORDER BY m.from_day, m.until_day, e.name, a.id");
        let mut out = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            let st: String = row.try_get("", "status")?;
            let from: String = row.try_get("", "from_day")?;
            let until: String = row.try_get("", "until_day")?;
            out.push(MemberPeriod {
                assignment: AssignmentId(row.try_get("", "id")?),
                title: row.try_get("", "title")?,
                status: AssignmentStatus::from_code(&st).ok_or_else(|| corrupt("status", &st))?,
                name: row.try_get("", "name")?,
                from: crate::assignments::day(&from)?,
                until: crate::assignments::day(&until)?,
            });
        }
        Ok(out)
    }
}
