//! The typst templates: embedded defaults, one per [`LetterKind`] plus the shared `lib.typ`,
//! and per-agency overrides read once from a folder.
//!
//! Override layout (all optional):
//!
//! ```text
//! <dir>/<agency_code>/<kind>.typ     replaces the default of that kind for that agency
//! <dir>/<agency_code>/<other>.typ    a helper the overrides may import ("kop.typ")
//! <dir>/<agency_code>/<file>.png|svg|jpg  an image the overrides may use
//! ```
//!
//! Other files (a README) are ignored. `<kind>` is the letter kind's code (`regent_decree`,
//! `secretary_decree`, `surat_tugas`, `assignment_letter`, `involvement_request`,
//! `involvement_answer`). Inside the engine an agency's files live under
//! `/agency/<agency_code>/`, the defaults at the root, so an override can
//! `#import "/lib.typ": *` and reuse the default layout.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use sikerja_domain::workflow::LetterKind;

use crate::error::LetterError;

/// The shared layout every default template imports.
pub const LIB: &str = include_str!("../templates/lib.typ");

/// The evaluation document's template (*Dokumen Evaluasi Kinerja Pegawai*, KIN-02), compiled
/// at `/evaluation.typ`; it imports `lib.typ`.
pub const EVALUATION: &str = include_str!("../templates/evaluation.typ");
/// Where the evaluation template lives inside the engine.
pub(crate) const EVALUATION_PATH: &str = "/evaluation.typ";

/// The embedded default template of `kind`.
pub fn default_source(kind: LetterKind) -> &'static str {
    match kind {
        LetterKind::RegentDecree => include_str!("../templates/regent_decree.typ"),
        LetterKind::SecretaryDecree => include_str!("../templates/secretary_decree.typ"),
        LetterKind::SuratTugas => include_str!("../templates/surat_tugas.typ"),
        LetterKind::AssignmentLetter => include_str!("../templates/assignment_letter.typ"),
        LetterKind::InvolvementRequest => include_str!("../templates/involvement_request.typ"),
        LetterKind::InvolvementAnswer => include_str!("../templates/involvement_answer.typ"),
    }
}

/// The templates a [`Renderer`](crate::Renderer) compiles: the defaults and the overrides.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// agency code → file name → typst source.
    sources: BTreeMap<String, BTreeMap<String, String>>,
    /// agency code → file name → image bytes.
    images: BTreeMap<String, BTreeMap<String, Vec<u8>>>,
    /// Where the overrides were read from, for error messages.
    dir: Option<PathBuf>,
}

const IMAGE_EXTENSIONS: [&str; 4] = ["png", "svg", "jpg", "jpeg"];

impl Templates {
    /// The embedded defaults only.
    pub fn embedded() -> Templates {
        Templates::default()
    }

    /// The defaults, overridden by the files under `dir` when given (see the module
    /// documentation for the layout). Read once; a missing `dir` is an error, an agency folder
    /// with a name that is not a code (`[a-z0-9_-]`) too, so a typo does not go unnoticed.
    pub fn load(dir: Option<&Path>) -> Result<Templates, LetterError> {
        let Some(dir) = dir else {
            return Ok(Templates::embedded());
        };
        let fail = |message: String| LetterError::TemplateFolder {
            path: dir.to_path_buf(),
            message,
        };
        let mut templates = Templates {
            dir: Some(dir.to_path_buf()),
            ..Templates::default()
        };
        let entries = fs::read_dir(dir).map_err(|e| fail(e.to_string()))?;
        for entry in entries {
            let entry = entry.map_err(|e| fail(e.to_string()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || !entry.path().is_dir() {
                continue;
            }
            if !is_code(&name) {
                return Err(fail(format!(
                    "folder {name:?} is not an agency code (lower-case letters, digits, - and _)"
                )));
            }
            templates.load_agency(&name, &entry.path())?;
        }
        Ok(templates)
    }

    fn load_agency(&mut self, agency: &str, path: &Path) -> Result<(), LetterError> {
        let fail = |message: String| LetterError::TemplateFolder {
            path: path.to_path_buf(),
            message,
        };
        for entry in fs::read_dir(path).map_err(|e| fail(e.to_string()))? {
            let entry = entry.map_err(|e| fail(e.to_string()))?;
            let file = entry.file_name().to_string_lossy().into_owned();
            let Some((stem, ext)) = file.rsplit_once('.') else {
                continue;
            };
            let ext = ext.to_ascii_lowercase();
            let wanted = ext == "typ" || IMAGE_EXTENSIONS.contains(&ext.as_str());
            if file.starts_with('.') || !wanted || !entry.path().is_file() {
                continue;
            }
            if !is_code(stem) {
                return Err(fail(format!(
                    "file {file:?}: name it with lower-case letters, digits, - and _"
                )));
            }
            if ext == "typ" {
                let source =
                    fs::read_to_string(entry.path()).map_err(|e| fail(format!("{file}: {e}")))?;
                self.sources
                    .entry(agency.to_string())
                    .or_default()
                    .insert(file, source);
            } else {
                let bytes = fs::read(entry.path()).map_err(|e| fail(format!("{file}: {e}")))?;
                self.images
                    .entry(agency.to_string())
                    .or_default()
                    .insert(file, bytes);
            }
        }
        Ok(())
    }

    /// Adds (or replaces) an override in memory, as if read from `<dir>/<agency>/<file>`.
    /// For tests and for an installation that keeps templates elsewhere.
    pub fn with_source(
        mut self,
        agency: &str,
        file: &str,
        source: impl Into<String>,
    ) -> Result<Templates, LetterError> {
        let valid = file.strip_suffix(".typ").is_some_and(is_code) && is_code(agency);
        if !valid {
            return Err(LetterError::TemplateFolder {
                path: PathBuf::from(agency).join(file),
                message: "agency and file names use lower-case letters, digits, - and _, \
                          and the file ends in .typ"
                    .into(),
            });
        }
        self.sources
            .entry(agency.to_string())
            .or_default()
            .insert(file.to_string(), source.into());
        Ok(self)
    }

    /// Whether `agency` overrides the template of `kind`.
    pub fn is_overridden(&self, agency: Option<&str>, kind: LetterKind) -> bool {
        agency
            .and_then(|a| self.sources.get(a))
            .is_some_and(|files| files.contains_key(&kind_file(kind)))
    }

    /// The source the letter of `kind` for `agency` is compiled from.
    pub fn source(&self, agency: Option<&str>, kind: LetterKind) -> &str {
        agency
            .and_then(|a| self.sources.get(a))
            .and_then(|files| files.get(&kind_file(kind)))
            .map_or_else(|| default_source(kind), String::as_str)
    }

    /// The path of the main file inside the engine.
    pub(crate) fn main_path(&self, agency: Option<&str>, kind: LetterKind) -> String {
        match agency {
            Some(a) if self.is_overridden(Some(a), kind) => {
                format!("/agency/{a}/{}", kind_file(kind))
            }
            _ => format!("/{}", kind_file(kind)),
        }
    }

    /// Every source with its path inside the engine: the defaults and the overrides.
    pub(crate) fn engine_sources(&self) -> Vec<(String, String)> {
        let mut out = vec![
            ("/lib.typ".to_string(), LIB.to_string()),
            (EVALUATION_PATH.to_string(), EVALUATION.to_string()),
        ];
        for kind in LetterKind::ALL {
            out.push((
                format!("/{}", kind_file(kind)),
                default_source(kind).to_string(),
            ));
        }
        for (agency, files) in &self.sources {
            for (file, source) in files {
                out.push((format!("/agency/{agency}/{file}"), source.clone()));
            }
        }
        out
    }

    /// Every image of the overrides with its path inside the engine.
    pub(crate) fn engine_images(&self) -> Vec<(String, Vec<u8>)> {
        self.images
            .iter()
            .flat_map(|(agency, files)| {
                files
                    .iter()
                    .map(move |(file, bytes)| (format!("/agency/{agency}/{file}"), bytes.clone()))
            })
            .collect()
    }

    /// The (agency, kind) pairs that are overridden.
    pub fn overrides(&self) -> Vec<(String, LetterKind)> {
        let mut out = Vec::new();
        for (agency, files) in &self.sources {
            for kind in LetterKind::ALL {
                if files.contains_key(&kind_file(kind)) {
                    out.push((agency.clone(), kind));
                }
            }
        }
        out
    }

    /// The folder the overrides came from.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }
}

/// "regent_decree.typ".
fn kind_file(kind: LetterKind) -> String {
    format!("{}.typ", kind.code())
}

/// Lower-case letters, digits, `-` and `_`: safe as a folder and a typst path.
fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agency_override_replaces_only_its_kind() {
        let t = Templates::embedded()
            .with_source("kab-banjar", "surat_tugas.typ", "// mine")
            .expect("valid");
        assert_eq!(
            t.source(Some("kab-banjar"), LetterKind::SuratTugas),
            "// mine"
        );
        assert_eq!(
            t.main_path(Some("kab-banjar"), LetterKind::SuratTugas),
            "/agency/kab-banjar/surat_tugas.typ"
        );
        assert_eq!(
            t.source(Some("kab-banjar"), LetterKind::RegentDecree),
            default_source(LetterKind::RegentDecree)
        );
        assert_eq!(
            t.source(Some("prov-kalsel"), LetterKind::SuratTugas),
            default_source(LetterKind::SuratTugas)
        );
        assert_eq!(
            t.main_path(None, LetterKind::SuratTugas),
            "/surat_tugas.typ"
        );
        assert!(
            Templates::embedded()
                .with_source("../x", "surat_tugas.typ", "")
                .is_err()
        );
        assert!(
            Templates::embedded()
                .with_source("kab", "Surat Tugas.typ", "")
                .is_err()
        );
    }
}
