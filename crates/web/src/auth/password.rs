//! Passwords: argon2id hashing and verification off the async threads, the password rules,
//! temporary passwords for admin resets.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, try_generate_salt};

/// Shortest password accepted.
pub const MIN_PASSWORD_LEN: usize = 10;

/// Hashing failed (the system random source, or a task that did not finish).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes a password with argon2id (default parameters, random salt) into a PHC string.
pub async fn hash_password(password: String) -> Result<String, HashError> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| HashError(e.to_string()))?
}

fn hash_now(password: &str) -> Result<String, HashError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// Whether the password matches the PHC string. With `None` the password is checked against
/// a fixed dummy hash, so an unknown NIP costs as much time as a known one.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let hash = match hash {
            Some(h) => h,
            None => match dummy_hash() {
                Some(h) => h.to_string(),
                None => return false,
            },
        };
        let ok = Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok();
        known && ok
    })
    .await
    .unwrap_or(false)
}

fn dummy_hash() -> Option<&'static str> {
    static DUMMY: OnceLock<Option<String>> = OnceLock::new();
    DUMMY
        .get_or_init(|| hash_now("sikerja-dummy-password").ok())
        .as_deref()
}

/// Checks a new password against the rules; the Indonesian message says what is wrong.
pub fn check_new_password(new: &str, confirm: &str, nip: &str) -> Result<(), &'static str> {
    if new.chars().count() < MIN_PASSWORD_LEN {
        return Err("Kata sandi baru minimal 10 karakter.");
    }
    if new != confirm {
        return Err("Konfirmasi kata sandi tidak sama dengan kata sandi baru.");
    }
    if !nip.is_empty() && new.contains(nip) {
        return Err("Kata sandi tidak boleh memuat NIP.");
    }
    Ok(())
}

/// A random temporary password of 16 characters (no look-alike letters or digits), for an
/// admin reset that must be changed at the next sign-in.
pub fn temporary_password() -> Result<String, HashError> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789";
    let bytes = try_generate_salt().map_err(|e| HashError(e.to_string()))?;
    Ok(bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hashed_password_verifies_and_another_does_not() {
        let hash = hash_password("rahasia-sekali".into()).await.expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("rahasia-sekali".into(), Some(hash.clone())).await);
        assert!(!verify_password("rahasia-salah".into(), Some(hash)).await);
        assert!(!verify_password("sikerja-dummy-password".into(), None).await);
    }

    #[test]
    fn short_passwords_and_mismatched_confirmations_are_refused() {
        assert!(check_new_password("pendek", "pendek", "1").is_err());
        assert!(check_new_password("cukup-panjang", "lain-panjang", "1").is_err());
        assert!(check_new_password("cukup-panjang", "cukup-panjang", "1999").is_ok());
        let temp = temporary_password().expect("random");
        assert_eq!(temp.len(), 16);
    }
}
