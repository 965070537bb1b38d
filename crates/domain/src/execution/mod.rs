//! Execution, reporting and the review chain (Pasal 15–17, Lampiran I.x.3.b–c, Lampiran
//! II.A.2–3, Lampiran III; RULES MEK-04, MEK-05, LAP-01..06, KIN-04): what happens after an
//! assignment's letter is issued — the work broken down into activities, periodic reports and
//! reports asked for, feedback, problems raised by a team, and results going up the review
//! chain until the head of the Unit Organisasi accepts them.
//!
//! Pure: storage loads the facts (the assignment, its members, the organisation) and persists
//! what these functions decide.

pub mod breakdown;
pub mod chain;
pub mod feedback;
pub mod issue;
pub mod report;
pub mod review;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;
pub mod work;

pub use work::{Actor, Parts, Refusal, RefusalKind, Work, WorkKind, WorkMember, parts};
