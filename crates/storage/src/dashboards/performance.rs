//! The performance dashboard (`kinerja`): a period's assessments per Perangkat Daerah (the
//! SQL of `Store::assessment_progress`, narrowed to the scope), and the distribution of the
//! period's predikat against the agency's curve for the year (KIN-02).

use std::collections::BTreeMap;

use sea_orm::ConnectionTrait;
use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::organisation::DepartmentId;
use sikerja_domain::performance::{
    AssessmentState, DistributionCounts, PerformanceRating, PeriodKind, check_distribution,
};

use super::placement::count;
use super::sql::Sql;
use crate::Store;
use crate::error::{Result, corrupt};
use crate::performance::{DistributionView, PeriodRef};

/// One Perangkat Daerah's assessments of the period: its employees in scope (JF and
/// Pelaksana by their placement now) by the state of their assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentAssessments {
    pub department: DepartmentId,
    pub name: String,
    pub employees: u32,
    /// No assessment record for the period yet.
    pub not_opened: u32,
    /// Opened, still a draft (the assessor rates).
    pub draft: u32,
    /// Locked and not (yet) acknowledged: final, objected, objection decided.
    pub finalised: u32,
    /// Acknowledged by the employee.
    pub acknowledged: u32,
}

impl DepartmentAssessments {
    /// Every assessment past draft (final, acknowledged, objected or decided).
    pub fn done(&self) -> u32 {
        self.finalised + self.acknowledged
    }
}

/// The performance dashboard's numbers for one scope and period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerformanceDashboard {
    pub period: PeriodRef,
    pub departments: Vec<DepartmentAssessments>,
    /// The period's predikat in the scope against the year's curve. The curve binds the
    /// annual period only (KIN-02): for a periodic one `excesses` stays empty.
    pub distribution: DistributionView,
}

impl Store {
    /// The performance dashboard within `scope` for `period`: two aggregate queries, the
    /// count of employees in scope and the curve of the year.
    pub async fn performance_dashboard(
        &self,
        scope: &DashboardScope,
        period: PeriodRef,
    ) -> Result<PerformanceDashboard> {
        let backend = self.db.get_database_backend();
        let state = |s: AssessmentState| s.code();

        // Progress: the employees in scope by placement, left-joined to their assessment of
        // the period, counted by state.
        let mut q = Sql::new(backend);
        q.scope_units(scope);
        q.push("SELECT p.department_id AS department, d.name AS name, COUNT(*) AS employees, SUM(CASE WHEN a.id IS NULL THEN 1 ELSE 0 END) AS not_opened, SUM(CASE WHEN a.state = ");
        q.param(state(AssessmentState::Draft));
        q.push(" THEN 1 ELSE 0 END) AS draft, SUM(CASE WHEN a.state = ");
        q.param(state(AssessmentState::Acknowledged));
        q.push(" THEN 1 ELSE 0 END) AS acknowledged FROM placements p JOIN departments d ON d.id = p.department_id LEFT JOIN assessments a ON a.employee_id = p.employee_id AND a.period_year = ");
        q.param(i32::from(period.year));
        q.push(" AND a.period_kind = ");
        q.param(period.kind.code());
        q.push(" AND a.period_number = ");
        q.param(i32::from(period.number));
        q.push(" WHERE 1 = 1");
        q.scope_filter(scope, "p");
        q.push(" GROUP BY p.department_id, d.name, d.sort_order ORDER BY d.sort_order, p.department_id");
        let mut departments = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            let employees = count(row.try_get("", "employees")?, "employees")?;
            let not_opened = count(row.try_get("", "not_opened")?, "not_opened")?;
            let draft = count(row.try_get("", "draft")?, "draft")?;
            let acknowledged = count(row.try_get("", "acknowledged")?, "acknowledged")?;
            departments.push(DepartmentAssessments {
                department: DepartmentId(row.try_get("", "department")?),
                name: row.try_get("", "name")?,
                employees,
                not_opened,
                draft,
                finalised: employees.saturating_sub(not_opened + draft + acknowledged),
                acknowledged,
            });
        }

        // The distribution: the period's assessments holding a predikat, of employees in the
        // scope (the whole agency: every such assessment, as `Store::distribution` counts).
        let mut q = Sql::new(backend);
        q.scope_units(scope);
        q.push("SELECT a.performance_rating AS rating, COUNT(*) AS n FROM assessments a");
        if matches!(scope, DashboardScope::Within { .. }) {
            q.push(" JOIN placements p ON p.employee_id = a.employee_id");
        }
        q.push(" WHERE a.performance_rating IS NOT NULL AND a.agency_id = ");
        q.param(scope.agency().0);
        q.push(" AND a.period_year = ");
        q.param(i32::from(period.year));
        q.push(" AND a.period_kind = ");
        q.param(period.kind.code());
        q.push(" AND a.period_number = ");
        q.param(i32::from(period.number));
        q.scope_within(scope, "p.department_id", "p.unit_id");
        q.push(" GROUP BY a.performance_rating");
        let mut rated = BTreeMap::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            let code: String = row.try_get("", "rating")?;
            let rating = PerformanceRating::from_code(&code)
                .ok_or_else(|| corrupt("performance rating", &code))?;
            rated.insert(rating, count(row.try_get("", "n")?, "rated")?);
        }
        let counts = DistributionCounts {
            employees: departments.iter().map(|d| d.employees).sum(),
            rated,
        };
        let policy = self.curve_policy(scope.agency(), period.year).await?;
        let excesses = match (&policy, period.kind) {
            (Some(p), PeriodKind::Year) => check_distribution(&counts, p),
            _ => Vec::new(),
        };
        Ok(PerformanceDashboard {
            period,
            departments,
            distribution: DistributionView {
                year: period.year,
                counts,
                policy,
                excesses,
            },
        })
    }
}
