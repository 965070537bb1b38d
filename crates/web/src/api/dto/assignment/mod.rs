//! Assignment (issue 5; PEN-01..19): drafts and their check, recorded assignments, the
//! candidate picker, approval requests and their steps, the inbox, the letters a step records
//! and the five workflow definitions.
//!
//! Every decision names its rule (`rule_id`, `article`): each finding of a check, each lead
//! requirement of a candidate, the scope (PEN-03) and instrument (PEN-12) of an assignment,
//! the workflow a request follows (PEN-13..17). Dates of periods are ISO days (`2027-01-31`),
//! moments are RFC 3339 in UTC.

mod draft;
mod letter;
mod record;
mod request;

pub use draft::*;
pub use letter::*;
pub use record::*;
pub use request::*;
