//! The assessor's worklist and the employee's own assessments.

use super::{AssessmentRow, PeriodRef, PlanningActor, not_ready};
use crate::Store;
use crate::error::Result;

impl Store {
    /// The employees whose fixed or current assessor post `by` exercises, for `period`:
    /// opened assessments and the employees in scope not opened yet.
    pub async fn assessor_worklist(
        &self,
        period: PeriodRef,
        by: &PlanningActor,
    ) -> Result<Vec<AssessmentRow>> {
        let _ = (period, by);
        Err(not_ready())
    }

    /// The assessments of `by` themselves, newest period first.
    pub async fn my_assessments(&self, by: &PlanningActor) -> Result<Vec<AssessmentRow>> {
        let _ = by;
        Err(not_ready())
    }
}
