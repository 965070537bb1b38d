//! Performance management (Pasal 18, Lampiran III.B.3.e; RULES KIN-01..04, STR-06, KED-09;
//! issue 16, the domain core): assessment periods, the assessor by placement, the rating of
//! work results and work behaviour with the predikat matrix, the assessment's states with the
//! objection and the reopening, the distribution curve and the follow-up.
//!
//! Pure: storage loads the facts (the placement outcome fixed on the record, the organisation
//! snapshot, the stored assessment and the agency's policies) and persists what these
//! functions decide. `docs/performance.md` describes the rules, the policies and their
//! defaults.

pub mod assessment;
pub mod assessor;
pub mod curve;
pub mod follow_up;
pub mod inputs;
pub mod period;
pub mod rating;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

pub use assessment::{
    Action, ActorFacts, AssessmentAction, AssessmentEventKind, AssessmentFacts, AssessmentState,
    Transition, may_edit, next,
};
pub use assessor::{
    Decider, FixedAssessor, SuperiorCheck, check_assessor, check_assessor_superior,
    current_assessor, fix_assessor,
};
pub use curve::{
    CurveExcess, CurveMode, CurvePolicy, DistributionCounts, ExcessKind, OrganisationRating,
    ShareBound, check_distribution, finalise_gate,
};
pub use follow_up::{FollowUp, FollowUpKind, check_follow_up, may_record_follow_up};
pub use inputs::{
    NoteKind, TeamMembership, may_recommend, may_rewrite_note, may_write_member_report,
};
pub use period::{
    AssessmentPeriod, PeriodCadence, PeriodKind, PeriodPolicy, PeriodWindow, periods_of_year,
    periods_on,
};
pub use rating::{
    AssessmentRating, BehaviourRating, CoreValue, ExpectationLevel, PerformanceRating,
    RatingOutcome, ValueRating, performance_rating, rate,
};

use crate::refusals::{Refusal, RefusalKind};
use crate::rules::RuleId;

/// A refusal of this module.
fn refusal(
    kind: RefusalKind,
    code: &'static str,
    rule_id: RuleId,
    article: &'static str,
    message: impl Into<String>,
) -> Refusal {
    Refusal::new(kind, code, rule_id, article, message)
}
