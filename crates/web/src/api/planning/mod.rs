//! `/api/v1` planning (issue 4; MEK-02, MEK-03, STR-01..05, PEN-19): performance agreements,
//! their targets and the cascade, signatures and amendments, dialogues, expectations and
//! activity plans.
//!
//! Changes are taken by signed-in officials only (the route rule `Official`; tokens get 403
//! `official_only`), and storage decides inside each change whether the person is the holder
//! or the setter of the post, as derived from the unit tree and placement. Handlers here only
//! read the request, run the domain's input checks (every problem reported at once) and map
//! the answer.

pub mod agreements;
pub mod expectations;
pub mod plans;
pub mod targets;

use sikerja_domain::planning::target::Problem;
use sikerja_storage::planning::{AgreementId, PlanningActor};

use super::dto::planning::problem_details;
use crate::AppState;
use crate::authz::Principal;
use crate::error::WebError;

/// A 422 listing every problem of an input.
fn validation_failed(what: &str, problems: Vec<Problem>) -> WebError {
    WebError::Invalid {
        code: "validation_failed",
        message: format!("{what} ditolak: {} masalah.", problems.len()),
        details: problem_details(problems),
    }
}

/// The planning actor for a change of `agreement`, acting in its department (for the audit
/// trail's "in which position").
async fn actor_for(
    state: &AppState,
    principal: &Principal,
    agreement: AgreementId,
) -> Result<PlanningActor, WebError> {
    let (_, department) = state.store.agreement_scope(agreement).await?;
    principal.planning_actor(department)
}
