//! The pure domain of Sikerja: value types that refuse bad input, the organisation model of a
//! regional government and the rules of Peraturan Bupati Banjar No. 39/2024 as functions.
//!
//! Nothing here performs I/O. Every rule names its ID from `shared/spec/RULES.md`, and every
//! decision carries a [`rules::Citation`] so pages and API answers can show rule and article.
#![forbid(unsafe_code)]

pub mod access;
pub mod assignment;
pub mod audit;
pub mod bundle;
pub mod changes;
pub mod code;
pub mod dashboard;
pub mod education;
pub mod execution;
pub mod experience_fields;
pub mod grade;
pub mod holders;
pub mod limits;
pub mod nip;
pub mod notification;
pub mod numbering;
pub mod org;
pub mod organisation;
pub mod performance;
pub mod placement;
pub mod planning;
pub mod policy;
pub mod process_map;
pub mod refusals;
pub mod regional_heads;
pub mod rules;
#[cfg(test)]
mod vocabularies_tests;
pub mod workflow;

pub use code::Code;
pub use grade::{Grade, Rank};
pub use nip::Nip;
