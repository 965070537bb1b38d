//! Business-process maps (*peta proses bisnis*, Pasal 21, PRO-01..03) as BPMN 2.0 documents:
//!
//! - [`model`]: the BPMN 2.0 subset Sikerja reads and writes, with its diagram (DI);
//! - [`read()`] an uploaded `.bpmn` and [`check()`] it, refusing a broken one with stable codes
//!   and Indonesian messages ([`Problem`]);
//! - [`write()`] a model as XML, deterministically;
//! - [`generate()`] the regulation's assignment workflows (PEN-13..17, Lampiran II.B,
//!   Gambar 1–3) as maps, from the domain's own definitions;
//! - [`diff()`] two versions, element by element.
//!
//! No storage and no web: those keep and show the maps. `docs/maps.md` describes the crate.
#![forbid(unsafe_code)]

pub mod check;
pub mod diff;
pub mod generate;
pub mod model;
pub mod problem;
pub mod read;
mod tree;
pub mod write;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod generate_tests;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

pub use check::check;
pub use diff::{Change, ElementChange, ElementKind, Field, FieldChange, diff};
pub use generate::generate;
pub use model::Definitions;
pub use problem::{Problem, ProblemKind, Refused};
pub use read::read;
pub use write::write;
