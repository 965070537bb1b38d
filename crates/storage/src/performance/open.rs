//! Opening an assessment fixes its assessor (KIN-04, KED-09).

use sikerja_domain::organisation::EmployeeId;

use super::{PeriodRef, PlanningActor, not_ready};
use crate::Store;
use crate::error::Result;

impl Store {
    /// Opens the assessment of `employee` for `period` (or returns the one already open),
    /// fixing its assessor from the placement today. Returns its id.
    pub async fn open_assessment(
        &self,
        employee: EmployeeId,
        period: PeriodRef,
        by: &PlanningActor,
    ) -> Result<i64> {
        let _ = (employee, period, by);
        Err(not_ready())
    }
}
