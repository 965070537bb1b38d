//! The renderer: a typst engine built once (fonts and templates loaded), then used for every
//! letter; the letter goes in as JSON in `sys.inputs.data`, the logo and QR code as bytes.

use sikerja_domain::assignment::Day;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Bytes, Dict, Value};
use typst::text::Font;
use typst_as_lib::{TypstAsLibError, TypstEngine};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::error::LetterError;
use crate::evaluation::EvaluationDocument;
use crate::model::Letter;
use crate::qr;
use crate::templates::{EVALUATION_PATH, Templates};

/// Liberation Sans (SIL OFL 1.1, from Debian `fonts-liberation2`; licence in `fonts/`), the
/// metric twin of Arial that the DOCX names.
const FONTS: [(&str, &[u8]); 4] = [
    (
        "LiberationSans-Regular.ttf",
        include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    ),
    (
        "LiberationSans-Bold.ttf",
        include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    ),
    (
        "LiberationSans-Italic.ttf",
        include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    ),
    (
        "LiberationSans-BoldItalic.ttf",
        include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
    ),
];

/// Renders letters to PDF and DOCX. Build it once at start-up and share it (it is `Send +
/// Sync`; keep it in an `Arc`); rendering is CPU-bound, so call it from `spawn_blocking`.
pub struct Renderer {
    engine: TypstEngine,
    templates: Templates,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer")
            .field("templates", &self.templates)
            .finish_non_exhaustive()
    }
}

impl Renderer {
    /// A renderer with the embedded templates.
    pub fn new() -> Result<Renderer, LetterError> {
        Renderer::with_templates(Templates::embedded())
    }

    /// A renderer with `templates`; every override is compiled once against a sample letter of
    /// its kind, so a broken template fails here, at start-up, and not when a letter is issued.
    pub fn with_templates(templates: Templates) -> Result<Renderer, LetterError> {
        let mut fonts = Vec::with_capacity(FONTS.len());
        for (name, bytes) in FONTS {
            fonts.push(Font::new(Bytes::new(bytes), 0).ok_or(LetterError::Font(name))?);
        }
        let sources = templates.engine_sources();
        let images = templates.engine_images();
        let engine = TypstEngine::builder()
            .fonts(fonts)
            // Keep typst's memo cache across a few renders (the default evicts all after
            // each): the same letter rendered again (a refreshed preview, the PDF after its
            // preview) takes ~16 ms instead of ~75 ms; different letters are unaffected.
            .comemo_evict_max_age(Some(5))
            .with_static_source_file_resolver(
                sources
                    .iter()
                    .map(|(path, source)| (path.as_str(), source.clone())),
            )
            .with_static_file_resolver(
                images
                    .iter()
                    .map(|(path, bytes)| (path.as_str(), bytes.clone())),
            )
            .build();
        let renderer = Renderer { engine, templates };
        let date = Day::new(2025, 1, 20).map_err(|e| LetterError::Template {
            template: "sample".into(),
            message: e.to_string(),
        })?;
        for (agency, kind) in renderer.templates.overrides() {
            let mut sample = Letter::sample(kind, date);
            sample.agency = Some(agency);
            renderer.document(&sample)?;
        }
        Ok(renderer)
    }

    /// The templates this renderer compiles.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// The letter as PDF (DOC-06: what is signed and archived).
    pub fn pdf(&self, letter: &Letter) -> Result<Vec<u8>, LetterError> {
        let doc = self.document(letter)?;
        typst_pdf::pdf(&doc, &PdfOptions::default()).map_err(|e| LetterError::Pdf(describe(&e)))
    }

    /// The number of A4 pages the letter takes.
    pub fn page_count(&self, letter: &Letter) -> Result<usize, LetterError> {
        Ok(self.document(letter)?.pages().len())
    }

    /// The employee's evaluation document as PDF (KIN-02; `templates/evaluation.typ`).
    pub fn evaluation_pdf(&self, doc: &EvaluationDocument) -> Result<Vec<u8>, LetterError> {
        let doc = self.evaluation_document(doc)?;
        typst_pdf::pdf(&doc, &PdfOptions::default()).map_err(|e| LetterError::Pdf(describe(&e)))
    }

    /// The number of A4 pages the evaluation document takes.
    pub fn evaluation_page_count(&self, doc: &EvaluationDocument) -> Result<usize, LetterError> {
        Ok(self.evaluation_document(doc)?.pages().len())
    }

    fn evaluation_document(&self, doc: &EvaluationDocument) -> Result<PagedDocument, LetterError> {
        let mut inputs = Dict::new();
        inputs.insert(
            "data".into(),
            Value::Bytes(Bytes::new(serde_json::to_vec(&doc.form())?)),
        );
        self.engine
            .compile_with_input(EVALUATION_PATH, inputs)
            .output
            .map_err(|e| LetterError::Template {
                template: EVALUATION_PATH.into(),
                message: match e {
                    TypstAsLibError::TypstSource(d) => describe(&d),
                    other => other.to_string(),
                },
            })
    }

    fn document(&self, letter: &Letter) -> Result<PagedDocument, LetterError> {
        let mut inputs = Dict::new();
        inputs.insert(
            "data".into(),
            Value::Bytes(Bytes::new(serde_json::to_vec(letter)?)),
        );
        if let Some(logo) = &letter.letterhead.logo_png {
            qr::png_size(logo)?;
            inputs.insert("logo".into(), Value::Bytes(Bytes::new(logo.clone())));
        }
        if let Some(v) = &letter.verification {
            inputs.insert("qr".into(), Value::Bytes(Bytes::new(qr::png(&v.url)?)));
        }
        let path = self
            .templates
            .main_path(letter.agency.as_deref(), letter.kind);
        self.engine
            .compile_with_input(path.as_str(), inputs)
            .output
            .map_err(|e| LetterError::Template {
                template: path,
                message: match e {
                    TypstAsLibError::TypstSource(d) => describe(&d),
                    other => other.to_string(),
                },
            })
    }
}

/// typst's diagnostics as one line each.
fn describe(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let hints: Vec<&str> = d.hints.iter().map(|h| h.v.as_str()).collect();
            if hints.is_empty() {
                d.message.to_string()
            } else {
                format!("{} (hint: {})", d.message, hints.join("; "))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}
