//! One assessment as pages and the API show it.

use super::{AssessmentView, PlanningActor, not_ready};
use crate::Store;
use crate::error::Result;

impl Store {
    /// The assessment `id` as `by` may read it: the employee, whoever exercises the fixed
    /// assessor post, the assessor's superior and the agency's HR admin read all of it; a
    /// team lead or recommender reads only their own note. Anyone else: not found.
    pub async fn assessment(&self, id: i64, by: &PlanningActor) -> Result<AssessmentView> {
        let _ = (id, by);
        Err(not_ready())
    }
}
