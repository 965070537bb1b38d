//! The letters service of the web layer (issue 6): turns the facts storage hands over
//! ([`IssueFacts`]) into a [`Letter`] and renders it to PDF and DOCX with the letters crate,
//! off the async threads. The typst engine is built once, on first use, with the embedded
//! templates and the per-agency overrides of the configured folder.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use sikerja_letters::{Letter, LetterOptions, Letterhead, Renderer, Templates, Verification};
use sikerja_storage::{IssueFacts, RenderedFiles};

/// Settings of the letters: where per-agency template overrides live and the public address
/// the QR code of an issued letter points to.
#[derive(Debug, Clone, Default)]
pub struct LetterSettings {
    /// `<dir>/<agency_code>/<kind>.typ` overrides (see `docs/letters.md`).
    pub templates_dir: Option<PathBuf>,
    /// e.g. `https://sikerja.banjarkab.go.id`; without it the address the request came to.
    pub public_url: Option<String>,
}

/// The renderer, built once, and the settings.
#[derive(Debug, Default)]
pub struct Letters {
    settings: LetterSettings,
    renderer: OnceLock<Result<Arc<Renderer>, String>>,
}

impl Letters {
    /// A service with these settings; the engine is built on first use.
    pub fn new(settings: LetterSettings) -> Letters {
        Letters {
            settings,
            renderer: OnceLock::new(),
        }
    }

    fn renderer(&self) -> Result<Arc<Renderer>, String> {
        self.renderer
            .get_or_init(|| {
                let templates = Templates::load(self.settings.templates_dir.as_deref())
                    .map_err(|e| e.to_string())?;
                Renderer::with_templates(templates)
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            })
            .clone()
    }

    /// The address of the verification page of a code, absolute: the configured public
    /// address, else `http://{host}`.
    pub fn verify_url(&self, host: Option<&str>, code: &str) -> String {
        let base = match &self.settings.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{}", host.unwrap_or("localhost")),
        };
        format!("{base}/verifikasi/{code}")
    }

    /// The letter of the facts (a preview without number, or the letter being issued).
    pub fn letter(&self, facts: &IssueFacts, agency_code: &str, host: Option<&str>) -> Letter {
        let head = &facts.letterhead;
        let letterhead = Letterhead {
            logo_png: head.logo.clone(),
            names: head.lines.clone(),
            address: head.address.clone(),
            contacts: head.contacts.clone(),
        };
        let verification = match (&facts.verify_code, &facts.content_sha256) {
            (Some(code), Some(sha)) => Some(Verification {
                url: self.verify_url(host, code),
                sha: sha.clone(),
            }),
            _ => None,
        };
        let options = LetterOptions {
            agency: Some(agency_code.to_string()),
            number: facts.number.clone(),
            verification,
            budget_regulation: facts.budget_regulation.clone(),
            ..LetterOptions::default()
        };
        Letter::new(&facts.content, letterhead, options)
    }

    /// Both files of a letter, rendered on a blocking thread.
    pub async fn render(&self, letter: Letter) -> Result<RenderedFiles, String> {
        let renderer = self.renderer()?;
        tokio::task::spawn_blocking(move || {
            let pdf = renderer.pdf(&letter).map_err(|e| e.to_string())?;
            let docx = renderer.docx(&letter).map_err(|e| e.to_string())?;
            Ok(RenderedFiles { pdf, docx })
        })
        .await
        .map_err(|e| format!("rendering stopped: {e}"))?
    }
}

impl Letters {
    /// One file of an employee's evaluation document (issue 16 point 7), rendered on a
    /// blocking thread.
    pub async fn render_evaluation(
        &self,
        doc: sikerja_letters::EvaluationDocument,
        file: LetterFile,
    ) -> Result<Vec<u8>, String> {
        let renderer = self.renderer()?;
        tokio::task::spawn_blocking(move || match file {
            LetterFile::Pdf => renderer.evaluation_pdf(&doc).map_err(|e| e.to_string()),
            LetterFile::Docx => renderer.evaluation_docx(&doc).map_err(|e| e.to_string()),
        })
        .await
        .map_err(|e| format!("rendering stopped: {e}"))?
    }
}

/// Which file of a letter.
pub(crate) use sikerja_storage::LetterFile;

/// A downloadable file: its bytes, content type and file name.
pub(crate) struct Download {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub filename: String,
}

impl axum::response::IntoResponse for Download {
    fn into_response(self) -> axum::response::Response {
        use axum::http::header;
        (
            [
                (header::CONTENT_TYPE, self.content_type.to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}\"", self.filename),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            self.bytes,
        )
            .into_response()
    }
}

/// A file name of ASCII letters, digits, dots and dashes.
fn file_stem(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

fn media(file: LetterFile) -> (&'static str, &'static str) {
    match file {
        LetterFile::Pdf => ("application/pdf", "pdf"),
        LetterFile::Docx => (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
    }
}

/// The agency code whose template overrides apply to a recorded letter's assignment.
async fn agency_code(
    state: &crate::AppState,
    agency: sikerja_domain::organisation::AgencyId,
) -> Result<String, crate::error::WebError> {
    Ok(state.store.agency(agency).await?.code)
}

/// A file of a recorded letter: as issued when it is (never rendered again), else a draft
/// without number rendered now. The caller has checked that the reader may see it.
pub(crate) async fn download(
    state: &crate::AppState,
    letter: i64,
    agency: sikerja_domain::organisation::AgencyId,
    file: LetterFile,
    host: Option<&str>,
) -> Result<Download, crate::error::WebError> {
    let (content_type, extension) = media(file);
    let live = state
        .store
        .issues_of_letter(letter)
        .await?
        .into_iter()
        .find(|i| i.status.in_force());
    if let Some(issued) = live {
        let bytes = state.store.issued_file(issued.id, file).await?;
        return Ok(Download {
            bytes,
            content_type,
            filename: format!(
                "{}-{}.{extension}",
                file_stem(&issued.kind_label),
                file_stem(&issued.number)
            ),
        });
    }
    let facts = state.store.letter_preview(letter).await?;
    let kind = facts.content.kind;
    let code = agency_code(state, agency).await?;
    let files = state
        .letters
        .render(state.letters.letter(&facts, &code, host))
        .await
        .map_err(|e| {
            tracing::error!(letter, error = %e, "rendering a draft letter failed");
            crate::error::WebError::Internal
        })?;
    Ok(Download {
        bytes: match file {
            LetterFile::Pdf => files.pdf,
            LetterFile::Docx => files.docx,
        },
        content_type,
        filename: format!("draf-{}-{letter}.{extension}", file_stem(kind.label())),
    })
}

/// The renderer handed to a workflow decision, so that the step that makes a Surat Tugas, Surat
/// Penugasan or Keputusan issues it at once (issue 15 point 4): the templates of the
/// assignment's agency, the QR code pointing to the verification page at `host`.
pub struct StepLetters {
    letters: std::sync::Arc<Letters>,
    agency_code: String,
    host: Option<String>,
}

impl StepLetters {
    /// A renderer with `letters`, the overrides of `agency_code`, the QR code to `host`.
    pub fn new(
        letters: std::sync::Arc<Letters>,
        agency_code: String,
        host: Option<String>,
    ) -> Self {
        StepLetters {
            letters,
            agency_code,
            host,
        }
    }
}

impl sikerja_storage::RenderLetter for StepLetters {
    fn render(&self, facts: IssueFacts) -> sikerja_storage::Rendering<'_> {
        Box::pin(async move {
            let letter = self
                .letters
                .letter(&facts, &self.agency_code, self.host.as_deref());
            self.letters.render(letter).await
        })
    }
}

/// The renderer for a decision on an assignment of `agency`.
pub(crate) async fn step_letters(
    state: &crate::AppState,
    agency: sikerja_domain::organisation::AgencyId,
    host: Option<&str>,
) -> Result<StepLetters, crate::error::WebError> {
    Ok(StepLetters {
        letters: state.letters.clone(),
        agency_code: agency_code(state, agency).await?,
        host: host.map(str::to_string),
    })
}

/// Issues a recorded letter as `by` (storage checks that they sign it), rendering both files
/// with the number and the verification QR code.
pub(crate) async fn issue(
    state: &crate::AppState,
    letter: i64,
    agency: sikerja_domain::organisation::AgencyId,
    by: &sikerja_storage::planning::PlanningActor,
    host: Option<&str>,
) -> Result<sikerja_storage::IssuedLetterView, crate::error::WebError> {
    let code = agency_code(state, agency).await?;
    let letters = state.letters.clone();
    let host = host.map(str::to_string);
    Ok(state
        .store
        .issue_letter(letter, by, move |facts| async move {
            let letter = letters.letter(&facts, &code, host.as_deref());
            letters.render(letter).await
        })
        .await?)
}

/// The agency of a recorded letter's assignment, once the reader may see it.
pub(crate) async fn letter_agency(
    state: &crate::AppState,
    principal: &crate::authz::Principal,
    letter: i64,
) -> Result<sikerja_domain::organisation::AgencyId, crate::error::WebError> {
    let l = state.store.request_letter(letter).await?;
    let request = state.store.assignment_request(l.request).await?;
    let a = state.store.assignment(request.assignment).await?;
    crate::authz::require_assignment(&state.store, principal, a.id, a.agency).await?;
    Ok(a.agency)
}

pub(crate) fn host(headers: &axum::http::HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
}
