//! Reading an import body into an [`AgencyBundle`] through `sikerja_transfer`: JSON or XLSX,
//! chosen by content type. Every problem found is returned at once (sheet, row, field or JSON
//! path, code, message) so the sender can fix the file in one go; nothing is written unless the
//! whole file is sound (and the storage import is one transaction).

use sikerja_domain::bundle::AgencyBundle;
use sikerja_transfer::{ImportErrors, ImportProblem, XLSX_CONTENT_TYPE};

use crate::error::{ErrorDetail, WebError};

/// Parses the body according to its content type; the whole bundle is validated too.
pub fn read_bundle(content_type: &str, body: &[u8]) -> Result<AgencyBundle, WebError> {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let read = match media.as_str() {
        "application/json" => sikerja_transfer::read_json(body),
        XLSX_CONTENT_TYPE => sikerja_transfer::read_xlsx(body),
        _ => return Err(WebError::UnsupportedMediaType),
    };
    read.map_err(refused)
}

fn detail(p: &ImportProblem) -> ErrorDetail {
    ErrorDetail {
        sheet: p.sheet.clone(),
        row: p.row,
        field: p.field.clone(),
        code: p.code.to_string(),
        message: p.message.clone(),
        ..ErrorDetail::default()
    }
}

fn refused(errors: ImportErrors) -> WebError {
    let details: Vec<ErrorDetail> = errors.problems.iter().map(detail).collect();
    WebError::Invalid {
        code: "validation_failed",
        message: if errors.omitted == 0 {
            format!(
                "Berkas impor ditolak: {} masalah; tidak ada data yang disimpan.",
                errors.total()
            )
        } else {
            format!(
                "Berkas impor ditolak: {} masalah ({} pertama tercantum, {} lainnya tidak); \
                 tidak ada data yang disimpan.",
                errors.total(),
                details.len(),
                errors.omitted
            )
        },
        details,
    }
}
