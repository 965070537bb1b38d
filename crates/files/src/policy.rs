//! The limits every evidence file is held to before it is stored: its size, its declared name,
//! and its type read from the content (magic bytes), which must be allowed and must be the type
//! declared. Pure: no storage is touched.

use crate::error::{FileError, NameProblem};
use crate::media::{MediaType, Sniffed, sniff};

/// 10 MiB: the default largest file.
pub const DEFAULT_MAX_BYTES: u64 = 10 * 1024 * 1024;
/// The longest declared file name, in characters (the limit of a name field, the domain's
/// `TextKind::Name`).
pub const DEFAULT_MAX_NAME_CHARS: usize = 255;

/// The limits of the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePolicy {
    /// The largest file in bytes.
    pub max_bytes: u64,
    /// The types a file may have (by content).
    pub allowed: Vec<MediaType>,
    /// The longest declared file name, in characters.
    pub max_name_chars: usize,
}

impl Default for FilePolicy {
    /// 10 MiB; PDF, JPEG, PNG, DOCX, XLSX, ODT and plain text; names up to 255 characters.
    fn default() -> Self {
        FilePolicy {
            max_bytes: DEFAULT_MAX_BYTES,
            allowed: MediaType::ALL.to_vec(),
            max_name_chars: DEFAULT_MAX_NAME_CHARS,
        }
    }
}

impl FilePolicy {
    /// The default policy with another size limit.
    pub fn with_max_bytes(max_bytes: u64) -> FilePolicy {
        FilePolicy {
            max_bytes,
            ..FilePolicy::default()
        }
    }

    /// Checks a file before it is stored and gives its type (read from the content). In
    /// order: the size (empty, too large), the name, then the type: a declared type that is
    /// not allowed, content of a type not allowed (a renamed executable), content of another
    /// allowed type than declared. A declared `application/octet-stream` (or nothing) says no
    /// type: the content's type is taken.
    pub fn check(&self, bytes: &[u8], name: &str, declared: &str) -> Result<MediaType, FileError> {
        let size = bytes.len() as u64;
        if size == 0 {
            return Err(FileError::Empty);
        }
        if size > self.max_bytes {
            return Err(FileError::TooLarge {
                size,
                max: self.max_bytes,
            });
        }
        self.check_name(name)?;
        let declared = declared_type(declared, &self.allowed)?;
        let found = match sniff(bytes) {
            Sniffed::Known(m) if self.allowed.contains(&m) => m,
            Sniffed::Known(m) => {
                return Err(FileError::TypeNotAllowed {
                    found: m.mime().to_string(),
                });
            }
            Sniffed::Other(found) => return Err(FileError::TypeNotAllowed { found }),
        };
        match declared {
            Some(d) if d != found => Err(FileError::TypeMismatch { declared: d, found }),
            _ => Ok(found),
        }
    }

    /// The `accept` attribute of a file input offering the allowed types: each type's
    /// extensions and MIME type (`.pdf,application/pdf,…`). A hint to the browser only.
    pub fn accept(&self) -> String {
        let mut items = Vec::new();
        for m in &self.allowed {
            items.extend(m.extensions().iter().map(|e| format!(".{e}")));
            items.push(m.mime().to_string());
        }
        items.join(",")
    }

    /// A declared file name: not blank, at most [`FilePolicy::max_name_chars`] characters, no
    /// control character, no `/` or `\`. It is kept as information only: the stored object's
    /// key never comes from it.
    pub fn check_name(&self, name: &str) -> Result<(), FileError> {
        let problem = if name.trim().is_empty() {
            Some(NameProblem::Empty)
        } else if name.chars().count() > self.max_name_chars {
            Some(NameProblem::TooLong {
                max: self.max_name_chars,
            })
        } else if name.chars().any(char::is_control) {
            Some(NameProblem::ControlCharacter)
        } else if name.contains(['/', '\\']) {
            Some(NameProblem::PathSeparator)
        } else {
            None
        };
        match problem {
            Some(problem) => Err(FileError::NameInvalid { problem }),
            None => Ok(()),
        }
    }
}

/// The declared type: none (`application/octet-stream` or empty), an allowed type, or a
/// refusal.
fn declared_type(declared: &str, allowed: &[MediaType]) -> Result<Option<MediaType>, FileError> {
    let essence = declared.split(';').next().unwrap_or_default().trim();
    if essence.is_empty() || essence.eq_ignore_ascii_case("application/octet-stream") {
        return Ok(None);
    }
    match MediaType::from_mime(essence) {
        Some(m) if allowed.contains(&m) => Ok(Some(m)),
        _ => Err(FileError::TypeNotAllowed {
            found: essence.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
    /// A Linux executable's 64-byte header.
    fn elf() -> Vec<u8> {
        let mut elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0\x01\0\0\0".to_vec();
        elf.resize(64, 0);
        elf
    }

    fn code(r: Result<MediaType, FileError>) -> &'static str {
        r.err().map_or("ok", |e| e.code())
    }

    #[test]
    fn the_size_is_checked_first_and_the_limit_itself_is_allowed() {
        let p = FilePolicy::with_max_bytes(PDF.len() as u64);
        assert_eq!(
            p.check(PDF, "a.pdf", "application/pdf").ok(),
            Some(MediaType::Pdf)
        );
        let small = FilePolicy::with_max_bytes(PDF.len() as u64 - 1);
        assert_eq!(code(small.check(PDF, "", "x/y")), "file_too_large");
        assert_eq!(code(p.check(b"", "a.pdf", "application/pdf")), "file_empty");
        assert_eq!(FilePolicy::default().max_bytes, 10 * 1024 * 1024);
    }

    #[test]
    fn a_renamed_executable_is_refused_whatever_its_name_and_declared_type() {
        let p = FilePolicy::default();
        for declared in ["application/pdf", "application/octet-stream", ""] {
            let e = p.check(&elf(), "laporan.pdf", declared).err();
            assert!(
                matches!(&e, Some(FileError::TypeNotAllowed { found }) if found == "application/x-executable"),
                "{declared}: {e:?}"
            );
        }
    }

    #[test]
    fn an_allowed_content_of_another_type_than_declared_is_a_mismatch() {
        let p = FilePolicy::default();
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(
            code(p.check(png, "foto.pdf", "application/pdf")),
            "file_type_mismatch"
        );
        assert_eq!(
            p.check(png, "foto.png", "image/png").ok(),
            Some(MediaType::Png)
        );
        assert_eq!(
            p.check(png, "foto", "application/octet-stream").ok(),
            Some(MediaType::Png)
        );
    }

    #[test]
    fn a_declared_type_outside_the_allow_list_is_refused_before_the_content_is_read() {
        let p = FilePolicy::default();
        assert_eq!(
            code(p.check(PDF, "a.zip", "application/zip")),
            "file_type_not_allowed"
        );
        let only_pdf = FilePolicy {
            allowed: vec![MediaType::Pdf],
            ..FilePolicy::default()
        };
        assert_eq!(
            code(only_pdf.check(b"teks", "a.txt", "text/plain")),
            "file_type_not_allowed"
        );
        assert_eq!(
            code(only_pdf.check(b"teks", "a.txt", "")),
            "file_type_not_allowed"
        );
    }

    #[test]
    fn the_accept_list_names_each_allowed_type_by_extension_and_mime() {
        let only = FilePolicy {
            allowed: vec![MediaType::Pdf, MediaType::Jpeg],
            ..FilePolicy::default()
        };
        assert_eq!(only.accept(), ".pdf,application/pdf,.jpg,.jpeg,image/jpeg");
        assert!(FilePolicy::default().accept().contains(".docx,"));
    }

    #[test]
    fn names_are_not_blank_not_too_long_without_control_characters_or_separators() {
        let p = FilePolicy::default();
        let problem = |name: &str| match p.check_name(name) {
            Err(FileError::NameInvalid { problem }) => Some(problem),
            _ => None,
        };
        assert_eq!(problem("Laporan Desember (final).pdf"), None);
        assert_eq!(problem(&"é".repeat(255)), None);
        assert_eq!(
            problem(&"é".repeat(256)),
            Some(NameProblem::TooLong { max: 255 })
        );
        assert_eq!(problem("  "), Some(NameProblem::Empty));
        assert_eq!(problem("a\u{0}b.pdf"), Some(NameProblem::ControlCharacter));
        assert_eq!(problem("a\nb.pdf"), Some(NameProblem::ControlCharacter));
        assert_eq!(
            problem("a\u{202e}fdp.exe"),
            None,
            "format characters are not control characters"
        );
        assert_eq!(
            problem("../../etc/passwd"),
            Some(NameProblem::PathSeparator)
        );
        assert_eq!(problem("..\\boot.ini"), Some(NameProblem::PathSeparator));
    }
}
