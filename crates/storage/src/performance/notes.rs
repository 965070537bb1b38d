//! KIN-03 member reports and STR-06 recommendations.

use sikerja_domain::organisation::EmployeeId;

use super::{MemberReportDue, PeriodRef, PlanningActor, WorkRef, not_ready};
use crate::Store;
use crate::error::Result;

impl Store {
    /// KIN-03: the member reports `by` owes (or wrote) for `period`: each member of each team
    /// they led in the period.
    pub async fn member_reports_due(
        &self,
        period: PeriodRef,
        by: &PlanningActor,
    ) -> Result<Vec<MemberReportDue>> {
        let _ = (period, by);
        Err(not_ready())
    }

    /// KIN-03: the lead writes (or rewrites, until the assessment is finalised) the report of
    /// `member`'s performance in `work` for `period`. Returns the note's id.
    pub async fn write_member_report(
        &self,
        member: EmployeeId,
        period: PeriodRef,
        work: WorkRef,
        text: &str,
        by: &PlanningActor,
    ) -> Result<i64> {
        let _ = (member, period, work, text, by);
        Err(not_ready())
    }

    /// STR-06: the Administrator writes (or rewrites) the recommendation for an Ahli Madya's
    /// assessment. Returns the note's id.
    pub async fn write_recommendation(
        &self,
        employee: EmployeeId,
        period: PeriodRef,
        text: &str,
        by: &PlanningActor,
    ) -> Result<i64> {
        let _ = (employee, period, text, by);
        Err(not_ready())
    }
}
