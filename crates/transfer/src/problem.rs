//! The error report of an import: every problem with where it is (sheet and row as the user
//! sees them, or a JSON path), a stable code and an Indonesian message.

use serde::Serialize;
use thiserror::Error;

use crate::limits::{MAX_PROBLEMS, MAX_TEXT_BYTES};

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
#[error("berkas impor ditolak: {} masalah", self.total())]
pub struct ImportErrors {
    /// The problems found, in file order (parsing first, then whole-bundle validation), at
    /// most [`MAX_PROBLEMS`](crate::MAX_PROBLEMS) of them.
    pub problems: Vec<ImportProblem>,
    /// How many more problems were found but not listed.
    pub omitted: usize,
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
            omitted: 0,
        }
    }

    /// Every problem found, listed or not.
    pub fn total(&self) -> usize {
        self.problems.len() + self.omitted
    }
}

/// The problems of one import as they are found: the first
/// [`MAX_PROBLEMS`](crate::MAX_PROBLEMS) are kept, the rest only counted, so a file that is
/// wrong everywhere cannot fill the memory with its problems.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<ImportProblem>,
    omitted: usize,
    /// Bytes of text read so far (MAX_TEXT_BYTES), and whether the refusal for it was given.
    text_bytes: usize,
    text_refused: bool,
}

impl Problems {
    pub(crate) fn push(&mut self, p: ImportProblem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(p);
        } else {
            self.omitted += 1;
        }
    }

    /// A problem about a whole sheet or file, listed even past the cap (one per sheet at
    /// most), so that the reason a file is refused is never among the omitted.
    pub(crate) fn push_always(&mut self, p: ImportProblem) {
        self.list.push(p);
    }

    pub(crate) fn extend(&mut self, other: Problems) {
        self.omitted += other.omitted;
        for p in other.list {
            if p.row.is_none() && p.sheet.is_some() {
                self.push_always(p);
            } else {
                self.push(p);
            }
        }
    }

    /// Counts `bytes` of text against [`MAX_TEXT_BYTES`]; false (with one file-level
    /// problem) once the file holds more.
    pub(crate) fn spend_text(&mut self, bytes: usize) -> bool {
        self.text_bytes = self.text_bytes.saturating_add(bytes);
        if self.text_bytes <= MAX_TEXT_BYTES {
            return true;
        }
        if !self.text_refused {
            self.text_refused = true;
            self.push_always(ImportProblem {
                sheet: None,
                row: None,
                field: None,
                code: "import_too_large",
                message: format!(
                    "berkas berisi lebih dari {} MB teks; bagi instansi menjadi beberapa berkas \
                     atau hapus isian yang tidak perlu",
                    MAX_TEXT_BYTES / 1_000_000
                ),
            });
        }
        false
    }

    /// Whether the list is full or the file is refused for its size: then the whole-bundle
    /// check is not run, as none of its problems could be listed.
    pub(crate) fn full(&self) -> bool {
        self.list.len() >= MAX_PROBLEMS || self.text_refused
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty() && self.omitted == 0
    }

    pub(crate) fn into_errors(self) -> ImportErrors {
        ImportErrors {
            problems: self.list,
            omitted: self.omitted,
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
