//! The evidence files of a report (*bukti dukung*, issue 13 point 4):
//! `GET /pelaksanaan/laporan/{id}/bukti/{n}` serves the `n`-th file (0-based) of report `id`,
//! only to whoever may read the report (storage decides: `not_a_report_reader` otherwise),
//! as an attachment that browsers neither sniff nor cache.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sikerja_files::FileKey;

use crate::AppState;
use crate::authz::Principal;
use crate::error::{PageError, WebError};

/// What may stay unencoded in an RFC 8187 `filename*` value (`attr-char`).
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// The link to the `n`-th evidence file of a report.
pub(crate) fn href(report: i64, n: usize) -> String {
    format!("/pelaksanaan/laporan/{report}/bukti/{n}")
}

/// `Content-Disposition` of a download keeping its sender's name (UTF-8, percent-encoded).
pub(crate) fn disposition(name: &str) -> String {
    format!(
        "attachment; filename*=UTF-8''{}",
        utf8_percent_encode(name, ATTR_CHAR)
    )
}

/// `GET /pelaksanaan/laporan/{id}/bukti/{n}`
pub async fn download_evidence(
    State(state): State<AppState>,
    principal: Principal,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let not_found = || WebError::NotFound { what: "file" };
    let id: i64 = id.parse().map_err(|_| not_found())?;
    let n: usize = n.parse().map_err(|_| not_found())?;
    let by = principal.planning_actor(None)?;
    // Storage refuses whoever may not read the report (LAP-04: those who play a part).
    let report = state.store.work_report(id, &by).await?;
    let record = report.files.get(n).ok_or_else(not_found)?;
    let key = FileKey::parse(&record.key)?;
    let bytes = state.files.get(&key, &record.sha256).await?;
    Ok((
        [
            (header::CONTENT_TYPE, record.media_type.clone()),
            (header::CONTENT_DISPOSITION, disposition(&record.name)),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_store_refusals_are_422_with_their_code_missing_files_404_faults_500() {
        use axum::http::StatusCode;
        use sikerja_files::FileError;
        let refused = WebError::from(FileError::TypeNotAllowed {
            found: "application/x-executable".into(),
        });
        assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.code(), "file_type_not_allowed");
        for missing in [FileError::NotFound, FileError::KeyInvalid] {
            assert_eq!(WebError::from(missing).status(), StatusCode::NOT_FOUND);
        }
        let fault = WebError::from(FileError::Corrupted);
        assert_eq!(fault.status(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn a_name_is_percent_encoded_in_utf8() {
        assert_eq!(
            disposition("Laporan Mei 2027 (final).pdf"),
            "attachment; filename*=UTF-8''Laporan%20Mei%202027%20%28final%29.pdf"
        );
        assert_eq!(
            disposition("bukti\"ä;.png"),
            "attachment; filename*=UTF-8''bukti%22%C3%A4%3B.png"
        );
    }
}
