//! Import and export of a whole agency ([`AgencyBundle`]) — as JSON (the serde form with a
//! `"format": "sikerja-agency/1"` marker) or as an XLSX workbook with Indonesian headers.
//!
//! Import is all or nothing: reading collects every problem (sheet, row as the user sees it,
//! column or JSON path, stable code, Indonesian message), then runs
//! [`AgencyBundle::validate`] and puts its problems at their sheet and row too. Any problem
//! refuses the whole file with [`ImportErrors`]; nothing is returned. The format is described
//! for users in `docs/import-format.md`.
#![forbid(unsafe_code)]

mod decode;
mod fields;
mod json;
mod limits;
mod problem;
mod schema;
mod xlsx;

use sikerja_domain::bundle::AgencyBundle;

pub use json::{read_json, write_json};
pub use limits::{
    MAX_CELLS, MAX_JSON_BYTES_PARSED, MAX_PART_BYTES, MAX_PARTS, MAX_PROBLEMS, MAX_ROWS,
    MAX_SHARED_STRINGS, MAX_SHARED_STRINGS_BYTES, MAX_TEXT_BYTES, MAX_UNPACKED_BYTES,
    MAX_VALUE_CHARS,
};
pub use problem::{ExportError, ImportErrors, ImportProblem};
pub use schema::{Column, FORMAT, Sheet};
pub use xlsx::{TableRow, read_table, read_xlsx, write_xlsx};

/// Media type of the XLSX workbook.
pub const XLSX_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Reads either form, recognising an XLSX workbook by its ZIP signature.
pub fn read_any(bytes: &[u8]) -> Result<AgencyBundle, ImportErrors> {
    if bytes.starts_with(b"PK") {
        read_xlsx(bytes)
    } else {
        read_json(bytes)
    }
}
