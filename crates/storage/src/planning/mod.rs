//! Planning records (issue 4; MEK-02, MEK-03, STR-01..05, PEN-19): performance agreements and
//! their targets, cascading, signatures and amendments, performance dialogues with the
//! identification of individual or team work, expectations, and versioned activity plans.
//!
//! Every change is authorised here, inside its transaction, against the positions the person
//! exercises at that moment (PEN-18): the holder of a post, or the holder of the position that
//! sets its agreement as derived by `sikerja_domain::planning::structure` from the unit tree
//! and placement — never chosen from a list. Each change appends its audit row in the same
//! transaction.

mod agreements;
mod authority;
mod copy;
mod dialogues;
mod expectations;
mod plans;
mod targets;
mod views;

pub use dialogues::{DialogueInput, TargetIdentification};
pub use expectations::{ExpectationFilter, ExpectationId, ExpectationView};
pub use plans::{PlanId, PlanVersionView, PlanView, PlanWaiting};
pub use views::{
    AgreementFilter, AgreementId, AgreementPosts, AgreementSummary, AgreementVersionView,
    AgreementView, DialogueId, DialogueView, Identification, Participant, PlanningActor, PostLine,
    SetterView, SignerView, TargetChild, TargetId, TargetNode, TargetView,
};
