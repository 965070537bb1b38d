//! Where the audit chain's key and checkpoints live: configured by the binary, defaulting to
//! files beside a SQLite database (issue 12 point 4).

use std::path::{Path, PathBuf};

use super::AuditKey;
use crate::connect::{Backend, parse_url};
use crate::error::Result;

/// What keys and witnesses the audit chain, kept outside the database (issue 12 point 4):
/// the HMAC key and the append-only file of checkpoints of the chain's head.
#[derive(Debug, Clone)]
pub struct AuditSettings {
    pub key: AuditKey,
    pub checkpoint_file: PathBuf,
}

impl AuditSettings {
    /// The default key file and checkpoint file for a database URL: beside a SQLite file
    /// (`sikerja.db.audit-key`, `sikerja.db.audit-checkpoints`), else in the working directory
    /// (`sikerja.audit-key`, `sikerja.audit-checkpoints`) — a PostgreSQL deployment should
    /// configure both (docs/operations.md).
    pub fn default_paths(url: &str) -> Result<(PathBuf, PathBuf)> {
        let (backend, _) = parse_url(url)?;
        let base = match backend {
            Backend::Sqlite => sqlite_file(url).map(Path::to_path_buf),
            Backend::Postgres => None,
        }
        .unwrap_or_else(|| PathBuf::from("sikerja"));
        let beside = |suffix: &str| {
            let mut name = base.as_os_str().to_os_string();
            name.push(suffix);
            PathBuf::from(name)
        };
        Ok((beside(".audit-key"), beside(".audit-checkpoints")))
    }

    /// The defaults of [`AuditSettings::default_paths`], the key file created when missing.
    pub fn beside_database(url: &str) -> Result<AuditSettings> {
        let (key_file, checkpoint_file) = AuditSettings::default_paths(url)?;
        Ok(AuditSettings {
            key: AuditKey::load_or_create(&key_file)?,
            checkpoint_file,
        })
    }
}

/// The file of a `sqlite://FILE?…` URL.
fn sqlite_file(url: &str) -> Option<&Path> {
    let rest = url.trim().strip_prefix("sqlite:")?;
    let file = rest.trim_start_matches("//").split('?').next()?;
    (!file.is_empty()).then(|| Path::new(file))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_audit_files_sit_beside_a_sqlite_file_and_in_the_working_directory_otherwise() {
        let (key, checkpoints) =
            AuditSettings::default_paths("sqlite://data/sikerja.db?mode=rwc").unwrap();
        assert_eq!(key, PathBuf::from("data/sikerja.db.audit-key"));
        assert_eq!(
            checkpoints,
            PathBuf::from("data/sikerja.db.audit-checkpoints")
        );
        let (key, _) = AuditSettings::default_paths("postgres://u@h/db").unwrap();
        assert_eq!(key, PathBuf::from("sikerja.audit-key"));
    }
}
