//! Checks shared by the manual-placement form and the API (KED-09): a justification is
//! required and the deciding official must be an existing employee. Until sign-in exists the
//! official is named by NIP; the next issue replaces this with the signed-in person.

use sikerja_domain::Nip;
use sikerja_storage::{StorageError, Store};

use crate::error::WebError;

/// The trimmed justification, or `justification_blank`.
pub fn check_justification(text: &str) -> Result<String, WebError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(WebError::invalid(
            "justification_blank",
            "Alasan penetapan wajib diisi.",
        ));
    }
    Ok(text.to_string())
}

/// The NIP of the deciding official, which must belong to an existing employee.
pub async fn check_decider(store: &Store, nip: &str) -> Result<Nip, WebError> {
    if nip.trim().is_empty() {
        return Err(WebError::invalid(
            "decided_by_blank",
            "NIP pejabat yang menetapkan wajib diisi.",
        ));
    }
    let nip = Nip::parse(nip).map_err(|e| {
        WebError::invalid(
            "decided_by_invalid",
            format!("NIP pejabat yang menetapkan tidak sah: {e}."),
        )
    })?;
    match store.employee_by_nip(&nip).await {
        Ok(_) => Ok(nip),
        Err(StorageError::NotFound { .. }) => Err(WebError::invalid(
            "decided_by_unknown",
            "NIP pejabat yang menetapkan tidak terdaftar sebagai pegawai.",
        )),
        Err(e) => Err(e.into()),
    }
}
