//! Reading an import body into an [`AgencyBundle`]: JSON or XLSX, chosen by content type.
//! Every problem found is returned at once so the sender can fix the file in one go; nothing
//! is written unless the whole bundle is sound (the storage import is one transaction).

use sikerja_domain::bundle::{AgencyBundle, Problem};

use crate::error::{ErrorDetail, WebError};

/// Media type of XLSX workbooks.
pub const XLSX: &str = crate::xlsx::CONTENT_TYPE;

/// Parses the body according to its content type and validates the whole bundle.
pub fn read_bundle(content_type: &str, body: &[u8]) -> Result<AgencyBundle, WebError> {
    let media = content_type.split(';').next().unwrap_or("").trim();
    let bundle = match media {
        "application/json" => read_json(body)?,
        XLSX => return Err(WebError::UnsupportedMediaType),
        _ => return Err(WebError::UnsupportedMediaType),
    };
    validate(bundle)
}

/// Checks the whole bundle (ORG-01..07) and lists every problem as the sender sees them: the
/// list (`sheet`), the 1-based item (`row`), the field, a code and a message.
fn validate(bundle: AgencyBundle) -> Result<AgencyBundle, WebError> {
    match bundle.validate() {
        Ok(()) => Ok(bundle),
        Err(problems) => Err(refused(problems.iter().map(detail).collect())),
    }
}

fn detail(p: &Problem) -> ErrorDetail {
    ErrorDetail {
        sheet: Some(p.entity.code().to_string()),
        row: u32::try_from(p.index + 1).ok(),
        field: Some(p.field.to_string()),
        code: p.code.to_string(),
        message: p.message.clone(),
    }
}

fn refused(details: Vec<ErrorDetail>) -> WebError {
    WebError::Invalid {
        code: "validation_failed",
        message: format!(
            "Berkas impor ditolak: {} masalah; tidak ada data yang disimpan.",
            details.len()
        ),
        details,
    }
}

fn read_json(body: &[u8]) -> Result<AgencyBundle, WebError> {
    serde_json::from_slice(body).map_err(|e| {
        refused(vec![ErrorDetail {
            sheet: None,
            row: u32::try_from(e.line()).ok(),
            field: None,
            code: "json_invalid".into(),
            message: format!(
                "JSON tidak sah atau tidak sesuai format pada baris {}, kolom {}.",
                e.line(),
                e.column()
            ),
        }])
    })
}
