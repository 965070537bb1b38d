//! The refusals and failures of the file store: typed, each with a stable snake_case code (the
//! API's `error.code`) and a message in Bahasa Indonesia.

use crate::media::MediaType;

/// Why a file was refused or could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file has no content.
    #[error("file is empty")]
    Empty,
    /// The file is larger than the policy allows.
    #[error("file of {size} bytes exceeds the limit of {max} bytes")]
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The largest size allowed, in bytes.
        max: u64,
    },
    /// The declared file name is empty, too long or carries characters it may not.
    #[error("invalid file name: {problem:?}")]
    NameInvalid {
        /// What is wrong with it.
        problem: NameProblem,
    },
    /// The content (or the declared type) is of a type the policy does not allow.
    #[error("file type not allowed: {found}")]
    TypeNotAllowed {
        /// The type found in the content, or the declared type when that one is refused.
        found: String,
    },
    /// The content is an allowed type, but not the one declared.
    #[error("declared {declared} but the content is {found}")]
    TypeMismatch {
        /// The declared type.
        declared: MediaType,
        /// The type of the content.
        found: MediaType,
    },
    /// A key that is not one the store generates (never looked up).
    #[error("invalid file key")]
    KeyInvalid,
    /// No file under this key.
    #[error("file not found")]
    NotFound,
    /// The stored bytes no longer match the SHA-256 recorded when they were stored.
    #[error("stored file does not match its SHA-256")]
    Corrupted,
    /// The storage behind the store failed (folder not writable, S3 not reachable, …).
    #[error("file storage failed: {0}")]
    Storage(#[source] Box<object_store::Error>),
}

/// What is wrong with a declared file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// Empty or only spaces.
    Empty,
    /// Longer than the policy's limit (in characters).
    TooLong {
        /// The limit in characters.
        max: usize,
    },
    /// Holds a control character.
    ControlCharacter,
    /// Holds `/` or `\`: a name, not a path.
    PathSeparator,
}

impl FileError {
    /// The stable code of the refusal (`error.code` of the API).
    pub fn code(&self) -> &'static str {
        match self {
            FileError::Empty => "file_empty",
            FileError::TooLarge { .. } => "file_too_large",
            FileError::NameInvalid { .. } => "file_name_invalid",
            FileError::TypeNotAllowed { .. } => "file_type_not_allowed",
            FileError::TypeMismatch { .. } => "file_type_mismatch",
            FileError::KeyInvalid => "file_key_invalid",
            FileError::NotFound => "file_not_found",
            FileError::Corrupted => "file_corrupted",
            FileError::Storage(_) => "file_storage_failed",
        }
    }

    /// Whether the person who sent the file can correct it (a refusal of their input, 4xx), as
    /// opposed to a fault of the server or its storage (5xx).
    pub fn is_refusal(&self) -> bool {
        !matches!(self, FileError::Corrupted | FileError::Storage(_))
    }

    /// The message a person reads, in Bahasa Indonesia.
    pub fn message(&self) -> String {
        match self {
            FileError::Empty => "Berkas kosong.".to_string(),
            FileError::TooLarge { size, max } => format!(
                "Berkas terlalu besar: {} (paling besar {}).",
                human_size(*size),
                human_size(*max)
            ),
            FileError::NameInvalid { problem } => match problem {
                NameProblem::Empty => "Nama berkas kosong.".to_string(),
                NameProblem::TooLong { max } => {
                    format!("Nama berkas terlalu panjang (paling banyak {max} karakter).")
                }
                NameProblem::ControlCharacter => {
                    "Nama berkas mengandung karakter kendali.".to_string()
                }
                NameProblem::PathSeparator => {
                    "Nama berkas tidak boleh mengandung garis miring (/ atau \\).".to_string()
                }
            },
            FileError::TypeNotAllowed { found } => format!(
                "Jenis berkas tidak diizinkan ({found}). Yang diizinkan: {}.",
                MediaType::ALL
                    .iter()
                    .map(|m| m.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            FileError::TypeMismatch { declared, found } => format!(
                "Isi berkas tidak sesuai dengan jenisnya: dinyatakan {}, isinya {}.",
                declared.label(),
                found.label()
            ),
            FileError::KeyInvalid => "Kunci berkas tidak valid.".to_string(),
            FileError::NotFound => "Berkas tidak ditemukan.".to_string(),
            FileError::Corrupted => {
                "Berkas tersimpan rusak: isinya tidak cocok dengan sidik SHA-256 yang dicatat."
                    .to_string()
            }
            FileError::Storage(_) => "Penyimpanan berkas sedang tidak dapat digunakan.".to_string(),
        }
    }
}

impl From<object_store::Error> for FileError {
    fn from(e: object_store::Error) -> Self {
        match e {
            object_store::Error::NotFound { .. } => FileError::NotFound,
            other => FileError::Storage(Box::new(other)),
        }
    }
}

/// A size as people read it: `10 MiB`, `1,5 MiB`, `512 KiB`, `2,3 KiB`, `12 bita`.
pub fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64).replace('.', ",")
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else if bytes >= KIB {
        format!("{:.1} KiB", bytes as f64 / KIB as f64).replace('.', ",")
    } else {
        format!("{bytes} bita")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_a_stable_snake_case_code_and_an_indonesian_message() {
        let all = [
            FileError::Empty,
            FileError::TooLarge {
                size: 11 * 1024 * 1024,
                max: 10 * 1024 * 1024,
            },
            FileError::NameInvalid {
                problem: NameProblem::ControlCharacter,
            },
            FileError::TypeNotAllowed {
                found: "application/x-executable".into(),
            },
            FileError::TypeMismatch {
                declared: MediaType::Pdf,
                found: MediaType::Png,
            },
            FileError::KeyInvalid,
            FileError::NotFound,
            FileError::Corrupted,
        ];
        let codes: Vec<&str> = all.iter().map(FileError::code).collect();
        assert_eq!(
            codes,
            [
                "file_empty",
                "file_too_large",
                "file_name_invalid",
                "file_type_not_allowed",
                "file_type_mismatch",
                "file_key_invalid",
                "file_not_found",
                "file_corrupted",
            ]
        );
        assert_eq!(
            all[1].message(),
            "Berkas terlalu besar: 11 MiB (paling besar 10 MiB)."
        );
        assert!(all[3].message().contains("Yang diizinkan: PDF, JPEG, PNG"));
        assert_eq!(
            all[4].message(),
            "Isi berkas tidak sesuai dengan jenisnya: dinyatakan PDF, isinya PNG."
        );
        assert!(all[..7].iter().all(FileError::is_refusal));
        assert!(!FileError::Corrupted.is_refusal());
    }

    #[test]
    fn sizes_read_in_mib_kib_or_bytes() {
        assert_eq!(human_size(10 * 1024 * 1024), "10 MiB");
        assert_eq!(human_size(1024 * 1024 + 512 * 1024), "1,5 MiB");
        assert_eq!(human_size(2048), "2 KiB");
        assert_eq!(human_size(12), "12 bita");
        assert_eq!(human_size(2355), "2,3 KiB");
    }
}
