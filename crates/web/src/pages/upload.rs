//! What the upload pages share (issue 14 point 3: `/organisasi/unggah` for organisation
//! changes, `/admin/impor` for a whole agency): the file read and previewed waits in the
//! session under a one-time token until it is confirmed — on the same agency, with the token
//! of the latest preview — and a refused file's problems are listed by sheet, row and column.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sikerja_domain::organisation::AgencyId;
use tower_sessions::Session;

use crate::error::{ErrorDetail, WebError};

/// One problem of a refused file, as the pages list it.
pub struct ProblemLine {
    /// "lembar Pegawai, baris 3, kolom NIP" (empty when the problem has no place).
    pub place: String,
    pub message: String,
}

/// The problems a refusal carries (422 or 409 with details), each with its place.
pub(crate) fn problem_lines(e: &WebError) -> Vec<ProblemLine> {
    match e {
        WebError::Invalid { details, .. } | WebError::Conflict { details, .. } => {
            details.iter().map(problem_line).collect()
        }
        _ => Vec::new(),
    }
}

fn problem_line(d: &ErrorDetail) -> ProblemLine {
    let mut place = Vec::new();
    if let Some(s) = &d.sheet {
        place.push(format!("lembar {s}"));
    }
    if let Some(r) = d.row {
        place.push(format!("baris {r}"));
    }
    if let Some(f) = &d.field {
        place.push(format!("kolom {f}"));
    }
    let rule = match (&d.rule_id, &d.article) {
        (Some(r), Some(a)) => format!(" ({r} · {a})"),
        _ => String::new(),
    };
    ProblemLine {
        place: place.join(", "),
        message: format!("{}{rule}", d.message),
    }
}

/// A previewed file waiting for its confirmation.
#[derive(Debug, Serialize, Deserialize)]
struct Pending<T> {
    token: String,
    agency: i64,
    payload: T,
}

/// Keeps `payload` under `key` for `agency` (replacing an earlier preview) and answers the
/// one-time token the confirmation must carry.
pub(crate) async fn stash<T: Serialize>(
    session: &Session,
    key: &str,
    agency: AgencyId,
    payload: T,
) -> Result<String, WebError> {
    let token =
        crate::auth::temporary_password().map_err(|e| WebError::internal("upload token", &e))?;
    session
        .insert(
            key,
            Pending {
                token: token.clone(),
                agency: agency.0,
                payload,
            },
        )
        .await
        .map_err(|e| WebError::internal("session", &e))?;
    Ok(token)
}

/// The payload waiting under `key` when `token` is its token and it is `agency`'s; else the
/// refusal `expired` (already saved, or replaced by another preview).
pub(crate) async fn pending<T: DeserializeOwned>(
    session: &Session,
    key: &str,
    token: &str,
    agency: AgencyId,
    expired: impl FnOnce() -> WebError,
) -> Result<T, WebError> {
    let waiting: Option<Pending<T>> = session
        .get(key)
        .await
        .map_err(|e| WebError::internal("session", &e))?;
    waiting
        .filter(|w| !token.is_empty() && w.token == token && w.agency == agency.0)
        .map(|w| w.payload)
        .ok_or_else(expired)
}

/// Forgets the preview under `key` (once saved: the token is used once).
pub(crate) async fn clear(session: &Session, key: &str) -> Result<(), WebError> {
    session
        .remove::<serde_json::Value>(key)
        .await
        .map_err(|e| WebError::internal("session", &e))?;
    Ok(())
}

/// The first file of an upload form and the type to read it as: JSON by its name, XLSX by its
/// name or its ZIP signature, else the type its sender declared. No file: 422 with `code` and
/// `message`.
pub(crate) fn chosen_file<'a>(
    files: &'a [crate::multipart::FilePart],
    code: &'static str,
    message: &str,
) -> Result<(&'a crate::multipart::FilePart, &'a str), WebError> {
    let file = files
        .iter()
        .find(|f| !f.is_blank())
        .ok_or_else(|| WebError::invalid(code, message))?;
    let name = file.file_name.to_lowercase();
    let content_type = if name.ends_with(".json") {
        "application/json"
    } else if name.ends_with(".xlsx") || file.bytes.starts_with(b"PK") {
        sikerja_transfer::XLSX_CONTENT_TYPE
    } else {
        file.content_type.as_str()
    };
    Ok((file, content_type))
}
