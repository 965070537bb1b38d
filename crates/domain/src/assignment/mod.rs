//! Assignment — *penugasan* — of Pejabat Fungsional and Pelaksana to individual work or to a
//! team (PEN-01..12; issue 5): the model of a drafted assignment and the regulation's checks
//! as pure functions.
//!
//! - [`scope_of`] derives the scope from the members (PEN-03) and [`instrument_for`] the
//!   instrument it calls for (PEN-12);
//! - [`check`] reports every violation at once, each with its rule, article, an Indonesian
//!   message and the data it used, plus non-blocking advice;
//! - [`lead_eligibility`] answers the four team-lead requirements one by one (PEN-08) and
//!   [`equalized_candidates`] lists the JF from *penyetaraan* who come first (PEN-09), for the
//!   candidate picker as well.
//!
//! Dates are [`Day`] values (the domain crate has no date library). The readings of ambiguous
//! rules are the agency's [`AssignmentPolicy`]; `docs/assignment.md` explains each. Storage
//! keeps the records and the approval workflows; nothing here performs I/O.

mod check;
mod count;
mod day;
mod eligibility;
mod model;
mod offer;
mod picker;
mod scope;
mod status;
mod team;
#[cfg(test)]
mod tests;

pub use check::{Fact, Finding, Report, check};
pub use day::{Day, DayError};
pub use eligibility::{Requirement, equalized_candidates, lead_eligibility};
pub use model::{
    AssignmentDraft, AssignmentId, AssignmentMethod, AssignmentPolicy, AssignmentScope,
    CountWindow, Instrument, Member, MemberRole, MembershipKind, PastAssignment, TermLimit,
};
pub use offer::{
    DraftStanding, OwnerLimit, OwnerOffer, OwnerOption, OwnerRoute, change_draft, may_change_draft,
    owner_offer, owner_route,
};
pub use picker::{Fit, Search, org_units, search_key};
pub use scope::{instrument_for, org_unit_of, scope_of};
pub use status::{AssignmentRelation, AssignmentStatus};
