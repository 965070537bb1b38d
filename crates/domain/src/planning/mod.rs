//! Planning, the first phase of the work mechanism (MEK-01..03, STR-01..07, PEN-19; issue 4):
//! performance agreements with indicators, targets and budget, targets cascaded down the
//! assignment structure, the identification of individual or team work in a performance
//! dialogue, expectations, and versioned activity plans.
//!
//! `agreement` is the lifecycle of an agreement (draft, signed, amended) as a transition
//! function; `structure` decides who sets whose agreement (from the unit tree and placement); `target`
//! holds the vocabularies, the checks of a target as entered and the weighted roll-up of
//! progress. Storage keeps the records; nothing here performs I/O.

pub mod activity;
pub mod agreement;
pub mod structure;
pub mod target;
