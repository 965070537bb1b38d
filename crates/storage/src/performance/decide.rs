//! The decisions on an assessment, each in one transaction with its audit row.

use super::{AssessmentRating, CurveExcess, FollowUp, PlanningActor, not_ready};
use crate::Store;
use crate::error::Result;

impl Store {
    /// KIN-02: the assessor saves the draft rating and the feedback to the employee.
    pub async fn save_rating(
        &self,
        id: i64,
        rating: &AssessmentRating,
        feedback: &str,
        by: &PlanningActor,
    ) -> Result<()> {
        let _ = (id, rating, feedback, by);
        Err(not_ready())
    }

    /// KIN-02, KIN-04: the assessor finalises the draft (the curve gate for an annual
    /// assessment); returns the curve's warnings.
    pub async fn finalise_assessment(
        &self,
        id: i64,
        by: &PlanningActor,
    ) -> Result<Vec<CurveExcess>> {
        let _ = (id, by);
        Err(not_ready())
    }

    /// KIN-02: the employee acknowledges the finalised assessment.
    pub async fn acknowledge_assessment(&self, id: i64, by: &PlanningActor) -> Result<()> {
        let _ = (id, by);
        Err(not_ready())
    }

    /// KIN-02: the employee objects, once, with reasons.
    pub async fn object_to_assessment(
        &self,
        id: i64,
        reasons: &str,
        by: &PlanningActor,
    ) -> Result<()> {
        let _ = (id, reasons, by);
        Err(not_ready())
    }

    /// KIN-02: the assessor's superior upholds the objection with a changed rating.
    pub async fn uphold_objection(
        &self,
        id: i64,
        rating: &AssessmentRating,
        reason: &str,
        by: &PlanningActor,
    ) -> Result<Vec<CurveExcess>> {
        let _ = (id, rating, reason, by);
        Err(not_ready())
    }

    /// KIN-02: the assessor's superior dismisses the objection.
    pub async fn dismiss_objection(&self, id: i64, reason: &str, by: &PlanningActor) -> Result<()> {
        let _ = (id, reason, by);
        Err(not_ready())
    }

    /// KIN-04: the assessor's superior reopens a locked assessment, keeping the earlier
    /// rating in the events.
    pub async fn reopen_assessment(&self, id: i64, reason: &str, by: &PlanningActor) -> Result<()> {
        let _ = (id, reason, by);
        Err(not_ready())
    }

    /// KIN-01: the assessor records the follow-up of a finalised assessment.
    pub async fn record_follow_up(
        &self,
        id: i64,
        follow_up: &FollowUp,
        by: &PlanningActor,
    ) -> Result<()> {
        let _ = (id, follow_up, by);
        Err(not_ready())
    }
}
