//! The approval workflows of assignment (PEN-13..18, Lampiran II.B, Gambar 1–3) as explicit
//! state machines: which steps each workflow has, which position (lane) each step names, what
//! a decision leads to, which letter it produces and who gets a copy (*tembusan*), and what
//! those letters say ([`compose`], DOC-04).
//!
//! Pure: storage keeps a request's current step and history and asks [`advance`] what a
//! decision does; the web layer draws the swimlane from [`Definition::lanes`] and the steps.
//! Which workflow an assignment follows is [`workflow_for`]. Who holds a lane for a given
//! request (the PPK of the wanted people, the head of the owner Unit Organisasi, …) is decided
//! by [`crate::holders::lanes`] over an organisation snapshot storage loads; PEN-18 — only
//! that holder or acting holder ([`crate::holders::exercises`]) decides, and only once — is
//! enforced by storage with the current step given here.

mod choice;
mod definition;
mod issued;
mod letter;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod letter_tests;
mod machine;
mod record;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

pub use choice::workflow_for;
pub use definition::{Definition, Lane, LetterKind, Next, StepDef, StepKind, WorkflowKind};
pub use issued::LetterStatus;
pub use letter::{
    Involvement, LetterContent, LetterFacts, LetterMember, LetterParty, MissingContent, compose,
    team_name, work_years,
};
pub use machine::{
    Decision, Refusal, State, Transition, WorkflowError, advance, check_answerable, start,
};
pub use record::{ReminderKind, RequestState, StepDecision, StepProgress, TaskKind};
