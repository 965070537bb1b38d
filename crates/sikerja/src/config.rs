//! Typed, layered configuration: defaults → `sikerja.toml` (or `--config FILE`) → `SIKERJA_*`
//! environment variables. Loaded once in `main` and passed down.

use std::net::SocketAddr;
use std::path::Path;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// A value that must never reach a log: `Debug` prints `[disembunyikan]`.
#[derive(Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[disembunyikan]")
    }
}

/// The whole configuration of a Sikerja process.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Config {
    /// `sqlite://FILE` (default `./sikerja.db`) or `postgres://user:pass@host/db`.
    pub database_url: Secret,
    /// Address the server listens on.
    pub listen: SocketAddr,
    /// Load the fictional demo government into an empty database at start-up, and show the
    /// demo banner.
    pub demo: bool,
    /// `tracing` filter, e.g. `info,sqlx=warn`.
    pub log: String,
    /// Mark the session cookie `Secure` (sent over https only). Defaults to on, except in demo
    /// mode, which is usually served on plain http (`cargo run`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secure_cookies: Option<bool>,
    /// The public address of the server (`https://sikerja.banjarkab.go.id`), printed in the
    /// QR code of every issued letter; without it the address a request came to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    /// A folder of per-agency letter template overrides (`<dir>/<agency_code>/<kind>.typ`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter_templates: Option<std::path::PathBuf>,
    /// The key of the audit chain's HMAC as text (at least 32 characters), e.g. from
    /// `SIKERJA_AUDIT_KEY`; takes precedence over `audit_key_file`. Never in the database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_key: Option<Secret>,
    /// The file holding the audit key; created with a random key (mode 0600) on first start
    /// when missing. Default: beside a SQLite file (`sikerja.db.audit-key`), else
    /// `./sikerja.audit-key`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_key_file: Option<std::path::PathBuf>,
    /// The append-only file of audit checkpoints. Default: beside a SQLite file
    /// (`sikerja.db.audit-checkpoints`), else `./sikerja.audit-checkpoints`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audit_checkpoint_file: Option<std::path::PathBuf>,
    /// Minutes between checkpoints of the audit chain in the server (0: only at start and
    /// shutdown).
    #[serde(default = "default_checkpoint_minutes")]
    pub audit_checkpoint_minutes: u64,
    /// Also print every checkpoint line to standard output (`AUDIT-CHECKPOINT {…}`), for a
    /// log collector that keeps it apart from the server (an external witness).
    #[serde(default)]
    pub audit_witness: bool,
}

fn default_checkpoint_minutes() -> u64 {
    15
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: Secret("sqlite://sikerja.db?mode=rwc".into()),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            demo: true,
            log: "info,sqlx=warn".into(),
            secure_cookies: None,
            public_url: None,
            letter_templates: None,
            audit_key: None,
            audit_key_file: None,
            audit_checkpoint_file: None,
            audit_checkpoint_minutes: default_checkpoint_minutes(),
            audit_witness: false,
        }
    }
}

impl Config {
    /// Whether the session cookie is `Secure`: as configured, else on unless in demo mode.
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies.unwrap_or(!self.demo)
    }

    /// Reads defaults, then the file (if it exists), then `SIKERJA_*` variables.
    pub fn load(file: Option<&Path>) -> Result<Config, Box<figment::Error>> {
        let file = file.unwrap_or(Path::new("sikerja.toml"));
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(file))
            .merge(Env::prefixed("SIKERJA_").ignore(&["TEST_DATABASE_URL", "REQUIRE_SERVICES"]))
            .extract()
            .map_err(Box::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_start_on_an_embedded_sqlite_file_at_port_8080() {
        let c = Config::default();
        assert_eq!(c.database_url.expose(), "sqlite://sikerja.db?mode=rwc");
        assert_eq!(c.listen.port(), 8080);
        assert_eq!(format!("{:?}", c.database_url), "[disembunyikan]");
    }

    #[test]
    // figment's Jail API fixes the closure's error type.
    #[allow(clippy::result_large_err)]
    fn file_then_environment_override_defaults() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sikerja.toml");
        std::fs::write(&path, "listen = \"0.0.0.0:9000\"\ndemo = false\n").expect("write");
        figment::Jail::expect_with(|jail| {
            jail.set_env("SIKERJA_DEMO", "true");
            let c = Config::load(Some(&path)).expect("loads");
            assert_eq!(c.listen.port(), 9000);
            assert!(c.demo);
            Ok(())
        });
    }
}
