//! The secret that keys the audit chain (issue 12 point 4): every entry's hash and every
//! checkpoint line is an HMAC-SHA256 under this key, which is kept outside the database, so
//! someone who can write to the database but cannot read the key cannot recompute the chain
//! after editing it.
//!
//! The key is text of at least [`MIN_KEY_LEN`] characters; its UTF-8 bytes are the HMAC key.
//! A generated key file holds 64 hex digits (32 random bytes) and a newline.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use hmac::{KeyInit, Mac};
use sha2::Sha256;

use crate::error::{Result, StorageError};

/// The shortest key accepted (characters of the configured text).
pub const MIN_KEY_LEN: usize = 32;

/// The HMAC key of the audit chain. `Debug` never prints it.
#[derive(Clone)]
pub struct AuditKey(Arc<Vec<u8>>);

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey([disembunyikan])")
    }
}

fn key_error(code: &'static str, message: String) -> StorageError {
    StorageError::invalid(code, message)
}

impl AuditKey {
    /// A key from configured text (e.g. `SIKERJA_AUDIT_KEY`); refused when shorter than
    /// [`MIN_KEY_LEN`] characters after trimming.
    pub fn from_text(text: &str) -> Result<AuditKey> {
        let text = text.trim();
        if text.chars().count() < MIN_KEY_LEN {
            return Err(key_error(
                "audit_key_too_short",
                format!("kunci audit minimal {MIN_KEY_LEN} karakter"),
            ));
        }
        Ok(AuditKey(Arc::new(text.as_bytes().to_vec())))
    }

    /// Reads the key file; it must exist.
    pub fn load(path: &Path) -> Result<AuditKey> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            key_error(
                "audit_key_unreadable",
                format!(
                    "berkas kunci audit {} tidak dapat dibaca: {e}",
                    path.display()
                ),
            )
        })?;
        warn_if_readable_by_others(path);
        AuditKey::from_text(&text)
    }

    /// Reads the key file, or creates it with a fresh random key (mode 0600) when it does not
    /// exist yet — the first start of an installation without a configured key. Two processes
    /// starting at once end with the same key: the file appears atomically (hard link of a
    /// fully written temporary file) and the loser reads the winner's.
    pub fn load_or_create(path: &Path) -> Result<AuditKey> {
        if path.exists() {
            return AuditKey::load(path);
        }
        let io = |e: std::io::Error| {
            key_error(
                "audit_key_unwritable",
                format!(
                    "berkas kunci audit {} tidak dapat dibuat: {e}",
                    path.display()
                ),
            )
        };
        let mut bytes = [0_u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| io(std::io::Error::other(e.to_string())))?;
        let text = hex(&bytes);
        let tmp = temporary_beside(path);
        let mut file = private_file(&tmp).map_err(io)?;
        let written = file
            .write_all(format!("{text}\n").as_bytes())
            .and_then(|()| file.sync_all());
        drop(file);
        let linked = written.and_then(|()| std::fs::hard_link(&tmp, path));
        let _ = std::fs::remove_file(&tmp);
        match linked {
            Ok(()) => {
                tracing::warn!(
                    audit.key_file = %path.display(),
                    "generated a new audit key file; back it up apart from the database"
                );
                AuditKey::from_text(&text)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => AuditKey::load(path),
            Err(e) => Err(io(e)),
        }
    }

    /// HMAC-SHA256 of `text` under this key, lowercase hex.
    pub(crate) fn mac_hex(&self, text: &str) -> String {
        // HMAC takes keys of any length; the error arm cannot happen.
        let Ok(mut mac) = hmac::Hmac::<Sha256>::new_from_slice(&self.0) else {
            return String::new();
        };
        mac.update(text.as_bytes());
        hex(&mac.finalize().into_bytes())
    }
}

/// Lowercase hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn temporary_beside(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp-{}", std::process::id()));
    path.with_file_name(name)
}

#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        tracing::warn!(
            audit.key_file = %path.display(),
            "the audit key file is readable by other users; chmod 600 it"
        );
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_path: &Path) {}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_short_key_is_refused_and_debug_hides_the_key() {
        assert_eq!(
            AuditKey::from_text("pendek").unwrap_err().code(),
            "audit_key_too_short"
        );
        let key = AuditKey::from_text(&"k".repeat(40)).unwrap();
        assert!(!format!("{key:?}").contains("kkkk"));
    }

    #[test]
    fn the_mac_is_rfc_4231_hmac_sha256() {
        // RFC 4231 test case 2 has a 4-byte key; build the key directly for it.
        let key = AuditKey(Arc::new(b"Jefe".to_vec()));
        assert_eq!(
            key.mac_hex("what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn a_generated_key_file_is_private_and_read_back_unchanged() {
        let dir = tempfile_dir();
        let path = dir.join("sikerja.db.audit-key");
        let first = AuditKey::load_or_create(&path).unwrap();
        let second = AuditKey::load_or_create(&path).unwrap();
        assert_eq!(first.mac_hex("x"), second.mac_hex("x"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.trim().len(), 64);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "sikerja-key-test-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
