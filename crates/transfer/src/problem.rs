//! The error report of an import: every problem with where it is (sheet and row as the user
//! sees them, or a JSON path), a stable code and an Indonesian message.

use serde::Serialize;
use thiserror::Error;

/// One problem in an import file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportProblem {
    /// Worksheet name (`Pegawai`, …) for XLSX; `None` for JSON.
    pub sheet: Option<String>,
    /// Row number as shown by the spreadsheet (the header is row 1); `None` for JSON.
    pub row: Option<u32>,
    /// XLSX: the column header (`NIP`); JSON: the path (`employees[3].nip`).
    pub field: Option<String>,
    /// Stable `snake_case` code, e.g. `nip_length`, `unit_parent_unknown`.
    pub code: &'static str,
    /// Indonesian message for the user.
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut wrote = false;
        if let Some(sheet) = &self.sheet {
            write!(f, "Lembar {sheet}")?;
            wrote = true;
        }
        if let Some(row) = self.row {
            write!(f, "{}baris {row}", if wrote { ", " } else { "" })?;
            wrote = true;
        }
        if let Some(field) = &self.field {
            let label = if self.sheet.is_some() { "kolom " } else { "" };
            write!(f, "{}{label}{field}", if wrote { ", " } else { "" })?;
            wrote = true;
        }
        if wrote {
            f.write_str(": ")?;
        }
        write!(f, "{} [{}]", self.message, self.code)
    }
}

/// An import refused as a whole: nothing of the file is kept (all or nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Error)]
#[error("berkas impor ditolak: {} masalah", problems.len())]
pub struct ImportErrors {
    /// Every problem found, in file order (parsing first, then whole-bundle validation).
    pub problems: Vec<ImportProblem>,
}

impl ImportErrors {
    pub(crate) fn single(code: &'static str, message: String) -> ImportErrors {
        ImportErrors {
            problems: vec![ImportProblem {
                sheet: None,
                row: None,
                field: None,
                code,
                message,
            }],
        }
    }
}

/// Why an export could not be written.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The XLSX writer failed (it should not for a valid bundle).
    #[error("gagal menulis berkas XLSX: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}
