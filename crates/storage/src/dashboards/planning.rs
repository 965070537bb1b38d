//! The planning dashboard (`perencanaan`): the year's Perjanjian Kinerja per Perangkat Daerah
//! by signature (MEK-02, set by the post STR-01..05 name), with the post holders who have none
//! yet; and the realisation of the agreements' targets rolled up per Perangkat Daerah (MEK-05).
//!
//! An agreement's Perangkat Daerah is its own `department_id` (copied when it was made), its
//! unit its position's; a post holder is an employee holding a position definitively. The
//! realisation of a target is the `after` of its latest `work_result_realisations` row — the
//! percentage an accepted result took it to (the e-Kinerja export reads the same rows); a
//! target no accepted result has realised counts as 0%.

use sea_orm::ConnectionTrait;
use sikerja_domain::dashboard::DashboardScope;
use sikerja_domain::organisation::DepartmentId;
use sikerja_domain::planning::target::AgreementStatus;

use super::placement::count;
use super::sql::Sql;
use crate::Store;
use crate::error::Result;

/// One Perangkat Daerah's agreements of the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentAgreements {
    pub department: DepartmentId,
    pub name: String,
    /// Signed by both parties (status `signed`, locked).
    pub countersigned: u32,
    /// Signed by one party, waiting for the other.
    pub signed_once: u32,
    /// Drafts nobody has signed.
    pub unsigned: u32,
    /// Post holders without an agreement for the year (their post and person).
    pub missing: u32,
}

impl DepartmentAgreements {
    /// The agreements there are (any state).
    pub fn agreements(&self) -> u32 {
        self.countersigned + self.signed_once + self.unsigned
    }
}

/// One Perangkat Daerah's targets of the year and how far accepted results realised them.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentRealisation {
    pub department: DepartmentId,
    pub name: String,
    /// Leaf targets (not divided further) of the year's agreements.
    pub targets: u32,
    /// Realised to 100%.
    pub realised: u32,
    /// Realised above 0% and below 100%.
    pub partly: u32,
    /// No accepted result has realised them (or to 0%).
    pub unrealised: u32,
    /// The mean realisation of the leaf targets in percent (each target counts once; the
    /// weights of the target tree are not applied).
    pub mean_percent: f64,
}

/// The planning dashboard's numbers for one scope and year.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanningDashboard {
    pub year: u16,
    pub agreements: Vec<DepartmentAgreements>,
    pub realisation: Vec<DepartmentRealisation>,
}

impl Store {
    /// The planning dashboard within `scope` for `year`: two aggregate queries.
    pub async fn planning_dashboard(
        &self,
        scope: &DashboardScope,
        year: u16,
    ) -> Result<PlanningDashboard> {
        let backend = self.db.get_database_backend();
        let signed = AgreementStatus::Signed.code();

        // Every agreement of the year by its signatures (3 both, 2 one, 1 none), and every post
        // holder without one (0), per Perangkat Daerah.
        let mut q = Sql::new(backend);
        q.scope_units(scope);
        q.push("SELECT x.dep AS department, d.name AS name, SUM(CASE WHEN x.st = 3 THEN 1 ELSE 0 END) AS countersigned, SUM(CASE WHEN x.st = 2 THEN 1 ELSE 0 END) AS signed_once, SUM(CASE WHEN x.st = 1 THEN 1 ELSE 0 END) AS unsigned, SUM(CASE WHEN x.st = 0 THEN 1 ELSE 0 END) AS missing FROM (SELECT a.department_id AS dep, CASE WHEN a.status = ");
        q.param(signed);
        q.push(" THEN 3 WHEN a.holder_signed_at IS NOT NULL OR a.setter_signed_at IS NOT NULL THEN 2 ELSE 1 END AS st FROM performance_agreements a LEFT JOIN positions pos ON pos.id = a.position_id WHERE a.year = ");
        q.param(i32::from(year));
        q.push(" AND a.agency_id = ");
        q.param(scope.agency().0);
        q.scope_within(scope, "a.department_id", "pos.unit_id");
        q.push(" UNION ALL SELECT u.department_id AS dep, 0 AS st FROM employees e JOIN positions pos ON pos.id = e.position_id JOIN units u ON u.id = pos.unit_id WHERE e.agency_id = ");
        q.param(scope.agency().0);
        q.scope_within(scope, "u.department_id", "u.id");
        q.push(" AND NOT EXISTS (SELECT 1 FROM performance_agreements a2 WHERE a2.year = ");
        q.param(i32::from(year));
        q.push(" AND a2.position_id = pos.id AND a2.employee_id = e.id)) x JOIN departments d ON d.id = x.dep GROUP BY x.dep, d.name, d.sort_order ORDER BY d.sort_order, x.dep");
        let mut agreements = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            agreements.push(DepartmentAgreements {
                department: DepartmentId(row.try_get("", "department")?),
                name: row.try_get("", "name")?,
                countersigned: count(row.try_get("", "countersigned")?, "countersigned")?,
                signed_once: count(row.try_get("", "signed_once")?, "signed_once")?,
                unsigned: count(row.try_get("", "unsigned")?, "unsigned")?,
                missing: count(row.try_get("", "missing")?, "missing")?,
            });
        }

        // The leaf targets of the year's agreements with their latest realisation.
        let mut q = Sql::new(backend);
        q.scope_units(scope);
        q.push("SELECT a.department_id AS department, d.name AS name, COUNT(*) AS targets, SUM(CASE WHEN r.after >= 100 THEN 1 ELSE 0 END) AS realised, SUM(CASE WHEN r.after > 0 AND r.after < 100 THEN 1 ELSE 0 END) AS partly, SUM(CASE WHEN r.after IS NULL OR r.after <= 0 THEN 1 ELSE 0 END) AS unrealised, SUM(CASE WHEN r.after IS NULL THEN 0.0 WHEN r.after > 100 THEN 100.0 ELSE r.after END) AS total FROM agreement_targets t JOIN performance_agreements a ON a.id = t.agreement_id JOIN departments d ON d.id = a.department_id LEFT JOIN positions pos ON pos.id = a.position_id LEFT JOIN (SELECT target_id, MAX(id) AS id FROM work_result_realisations GROUP BY target_id) lr ON lr.target_id = t.id LEFT JOIN work_result_realisations r ON r.id = lr.id WHERE a.year = ");
        q.param(i32::from(year));
        q.push(" AND a.agency_id = ");
        q.param(scope.agency().0);
        q.scope_within(scope, "a.department_id", "pos.unit_id");
        q.push(" AND NOT EXISTS (SELECT 1 FROM agreement_targets c WHERE c.parent_target_id = t.id) GROUP BY a.department_id, d.name, d.sort_order ORDER BY d.sort_order, a.department_id");
        let mut realisation = Vec::new();
        for row in self.db.query_all_raw(q.statement()).await? {
            let targets = count(row.try_get("", "targets")?, "targets")?;
            let total: f64 = row.try_get::<Option<f64>>("", "total")?.unwrap_or(0.0);
            realisation.push(DepartmentRealisation {
                department: DepartmentId(row.try_get("", "department")?),
                name: row.try_get("", "name")?,
                targets,
                realised: count(row.try_get("", "realised")?, "realised")?,
                partly: count(row.try_get("", "partly")?, "partly")?,
                unrealised: count(row.try_get("", "unrealised")?, "unrealised")?,
                mean_percent: if targets == 0 {
                    0.0
                } else {
                    total / f64::from(targets)
                },
            });
        }
        Ok(PlanningDashboard {
            year,
            agreements,
            realisation,
        })
    }
}
