//! Evidence files sent with a report (*bukti dukung*, issue 13 point 4; LAP-01..03): which
//! routes take them ([`UPLOAD_ROUTES`], `multipart/form-data` with the files under
//! [`FILES_FIELD`]), their body limit ([`upload_limit`]), and the order of an upload
//! ([`with_evidence`]): every file is checked against the file policy, then stored in the
//! [`FileStore`], then storage decides the report in its one transaction; when a file is
//! refused nothing is written, and when storage refuses or fails the files just stored are
//! deleted again, so nothing is left behind.

use std::future::Future;
use std::sync::Arc;

use axum::http::Method;
use sikerja_files::{FilePolicy, FileStore, StoredFile};
use sikerja_storage::{EvidenceRecord, MAX_EVIDENCE_FILES};

use crate::error::WebError;
use crate::multipart::FilePart;

/// The routes that take evidence files (POST, `multipart/form-data`): the report forms of the
/// pages and the report submissions of the API, of an assignment and of an activity plan.
pub const UPLOAD_ROUTES: &[&str] = &[
    "/pelaksanaan/penugasan/{id}/laporan",
    "/pelaksanaan/rencana/{id}/laporan",
    "/api/v1/assignments/{id}/reports",
    "/api/v1/activity-plans/{id}/reports",
];

/// The form field (multipart part name) the files of an upload are sent under.
pub const FILES_FIELD: &str = "files";

/// Room for the text fields and the multipart framing of an upload, beside its files.
const FORM_ROOM: usize = 1024 * 1024;

/// The body limit of an upload: the most files of a report times the largest file of the
/// policy, plus room for the form (never less than the limit of every other body).
pub fn upload_limit(policy: &FilePolicy) -> usize {
    usize::try_from(policy.max_bytes)
        .unwrap_or(usize::MAX)
        .saturating_mul(MAX_EVIDENCE_FILES)
        .saturating_add(FORM_ROOM)
        .max(crate::layers::BODY_LIMIT)
}

/// Whether a request goes to an upload route.
pub(crate) fn is_upload_route(method: &Method, path: &str) -> bool {
    method == Method::POST && UPLOAD_ROUTES.iter().any(|r| matches_route(r, path))
}

/// Whether `path` is an instance of the route `pattern` (`{…}` is one non-empty segment).
fn matches_route(pattern: &str, path: &str) -> bool {
    let mut want = pattern.split('/');
    let mut have = path.split('/');
    loop {
        match (want.next(), have.next()) {
            (None, None) => return true,
            (Some(w), Some(h)) if w.starts_with('{') && !h.is_empty() => {}
            (Some(w), Some(h)) if w == h => {}
            _ => return false,
        }
    }
}

/// The user-facing size limits of an upload, in Bahasa Indonesia (beside the file input).
pub(crate) fn limits_text(policy: &FilePolicy) -> String {
    let kinds: Vec<&str> = policy.allowed.iter().map(|m| m.label()).collect();
    format!(
        "Paling banyak {MAX_EVIDENCE_FILES} berkas, masing-masing paling besar {}; jenis {}.",
        sikerja_files::human_size(policy.max_bytes),
        kinds.join(", ")
    )
}

/// Evidence files stored for one request: deleted again unless [`Stored::keep`] is called
/// (a refusal deletes them before answering; a request dropped half-way deletes them in the
/// background).
pub(crate) struct Stored {
    store: Arc<FileStore>,
    files: Vec<StoredFile>,
    kept: bool,
}

impl Stored {
    /// The records storage keeps beside the report.
    pub fn records(&self) -> Vec<EvidenceRecord> {
        self.files
            .iter()
            .map(|f| EvidenceRecord {
                key: f.key.as_str().to_string(),
                name: f.original_name.clone(),
                media_type: f.media_type.mime().to_string(),
                size: i64::try_from(f.size).unwrap_or(i64::MAX),
                sha256: f.sha256.clone(),
            })
            .collect()
    }

    /// The report holds the files now.
    pub fn keep(mut self) {
        self.kept = true;
    }

    /// Deletes the files stored so far.
    pub async fn discard(mut self) {
        let files = std::mem::take(&mut self.files);
        delete_all(&self.store, files).await;
    }
}

async fn delete_all(store: &FileStore, files: Vec<StoredFile>) {
    for f in files {
        if let Err(e) = store.delete(&f.key).await {
            // Left behind: `FileStore::keys` finds keys no report refers to.
            tracing::warn!(key = %f.key, error = %e, "evidence file of a refused report not deleted");
        }
    }
}

impl Drop for Stored {
    fn drop(&mut self) {
        if self.kept || self.files.is_empty() {
            return;
        }
        let files = std::mem::take(&mut self.files);
        let store = self.store.clone();
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { delete_all(&store, files).await });
        }
    }
}

/// A refusal of one file, naming it.
fn refused(name: &str, e: sikerja_files::FileError) -> WebError {
    match WebError::from(e) {
        WebError::Invalid {
            code,
            message,
            details,
        } => {
            let name: String = name.chars().take(80).collect();
            WebError::Invalid {
                code,
                message: format!("Berkas \"{name}\": {message}"),
                details,
            }
        }
        other => other,
    }
}

/// Checks and stores the files of an upload (blank file inputs left out): at most
/// [`MAX_EVIDENCE_FILES`], only under [`FILES_FIELD`], each allowed by the file policy (size,
/// name, type read from the content). Every file is checked before any is stored, so a
/// refusal writes nothing.
pub(crate) async fn store(
    files: &Arc<FileStore>,
    parts: Vec<FilePart>,
) -> Result<Stored, WebError> {
    let parts: Vec<FilePart> = parts.into_iter().filter(|p| !p.is_blank()).collect();
    if let Some(p) = parts.iter().find(|p| p.field != FILES_FIELD) {
        let field: String = p.field.chars().take(64).collect();
        return Err(WebError::invalid(
            "file_field_unknown",
            format!("Berkas bukti dukung dikirim pada isian \"{FILES_FIELD}\", bukan \"{field}\"."),
        ));
    }
    if parts.len() > MAX_EVIDENCE_FILES {
        return Err(WebError::invalid(
            "too_many_evidence_files",
            format!(
                "Satu laporan memuat paling banyak {MAX_EVIDENCE_FILES} berkas bukti dukung ({} dikirim).",
                parts.len()
            ),
        ));
    }
    for p in &parts {
        files
            .policy()
            .check(&p.bytes, &p.file_name, &p.content_type)
            .map_err(|e| refused(&p.file_name, e))?;
    }
    let mut stored = Stored {
        store: files.clone(),
        files: Vec::with_capacity(parts.len()),
        kept: false,
    };
    for p in parts {
        match files
            .put(p.bytes.to_vec(), &p.file_name, &p.content_type)
            .await
        {
            Ok(f) => stored.files.push(f),
            Err(e) => {
                stored.discard().await;
                return Err(refused(&p.file_name, e));
            }
        }
    }
    Ok(stored)
}

/// Stores the files of an upload, then runs `decide` (storage's one transaction) with their
/// records: keeps the files when it succeeds, deletes them when it refuses or fails.
pub(crate) async fn with_evidence<T, F, Fut>(
    files: &Arc<FileStore>,
    parts: Vec<FilePart>,
    decide: F,
) -> Result<T, WebError>
where
    F: FnOnce(Vec<EvidenceRecord>) -> Fut,
    Fut: Future<Output = Result<T, WebError>>,
{
    let stored = store(files, parts).await?;
    match decide(stored.records()).await {
        Ok(value) => {
            stored.keep();
            Ok(value)
        }
        Err(e) => {
            stored.discard().await;
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Bytes;

    const PDF: &[u8] = b"%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n";

    fn part(name: &str, bytes: &[u8]) -> FilePart {
        FilePart {
            field: FILES_FIELD.into(),
            file_name: name.into(),
            content_type: "application/octet-stream".into(),
            bytes: Bytes::copy_from_slice(bytes),
        }
    }

    #[test]
    fn only_posts_to_the_report_routes_are_uploads() {
        assert!(is_upload_route(
            &Method::POST,
            "/pelaksanaan/penugasan/12/laporan"
        ));
        assert!(is_upload_route(
            &Method::POST,
            "/api/v1/assignments/3/reports"
        ));
        assert!(!is_upload_route(
            &Method::GET,
            "/api/v1/assignments/3/reports"
        ));
        assert!(!is_upload_route(
            &Method::POST,
            "/api/v1/assignments//reports"
        ));
        assert!(!is_upload_route(
            &Method::POST,
            "/api/v1/assignments/3/reports/x"
        ));
        assert!(!is_upload_route(&Method::POST, "/api/v1/agencies/import"));
    }

    #[test]
    fn every_upload_route_is_a_post_route_of_the_application() {
        let table = crate::route_table();
        for route in UPLOAD_ROUTES {
            assert!(table.get(&Method::POST, route).is_some(), "{route}");
        }
    }

    #[test]
    fn the_upload_limit_is_the_files_of_a_report_plus_the_form() {
        let p = FilePolicy::with_max_bytes(10 * 1024 * 1024);
        assert_eq!(upload_limit(&p), 20 * 10 * 1024 * 1024 + 1024 * 1024);
        // Small files never make an upload smaller than any other body.
        let small = FilePolicy::with_max_bytes(1024);
        assert_eq!(upload_limit(&small), crate::layers::BODY_LIMIT);
        assert_eq!(
            limits_text(&FilePolicy::default()),
            "Paling banyak 20 berkas, masing-masing paling besar 10 MiB; jenis PDF, JPEG, PNG, DOCX, XLSX, ODT, teks biasa."
        );
    }

    #[tokio::test]
    async fn a_refused_file_stores_nothing_and_a_refused_decision_deletes_what_was_stored() {
        let files = Arc::new(FileStore::in_memory());
        let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
        elf.resize(64, 0);
        let e = store(&files, vec![part("a.pdf", PDF), part("laporan.pdf", &elf)])
            .await
            .err()
            .expect("refused");
        assert_eq!(e.code(), "file_type_not_allowed");
        assert!(e.message().contains("laporan.pdf"), "{}", e.message());
        assert!(files.keys().await.expect("keys").is_empty());

        let refused: Result<(), WebError> = with_evidence(&files, vec![part("a.pdf", PDF)], |r| {
            assert_eq!(r.len(), 1);
            async { Err(WebError::Internal) }
        })
        .await;
        assert!(refused.is_err());
        assert!(files.keys().await.expect("keys").is_empty());

        let kept = with_evidence(
            &files,
            vec![part("a.pdf", PDF), part("", b"")],
            |r| async move { Ok(r) },
        )
        .await
        .expect("kept");
        assert_eq!(kept.len(), 1, "the blank file input is left out");
        assert_eq!(kept[0].media_type, "application/pdf");
        assert_eq!(files.keys().await.expect("keys").len(), 1);
    }

    #[tokio::test]
    async fn too_many_files_or_files_under_another_field_are_refused_before_anything_is_stored() {
        let files = Arc::new(FileStore::in_memory());
        let many = vec![part("a.pdf", PDF); MAX_EVIDENCE_FILES + 1];
        let e = store(&files, many).await.err().expect("refused");
        assert_eq!(e.code(), "too_many_evidence_files");
        let mut other = part("a.pdf", PDF);
        other.field = "lampiran".into();
        let e = store(&files, vec![other]).await.err().expect("refused");
        assert_eq!(e.code(), "file_field_unknown");
        assert!(files.keys().await.expect("keys").is_empty());
    }
}
