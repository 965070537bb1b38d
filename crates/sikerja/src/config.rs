//! Typed, layered configuration: defaults → `sikerja.toml` (or `--config FILE`) → `SIKERJA_*`
//! environment variables. Loaded once in `main` and passed down.

use std::net::SocketAddr;
use std::path::Path;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Deserializer, Serialize};
use sikerja_files::{Backend, FilePolicy, S3Settings};
use sikerja_web::client::{BadProxyEntry, ForwardedHeader, ProxySettings, TrustedProxies};

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
    /// `text` (default, for a terminal) or `json` (one JSON object per line, with the
    /// request id, for a log collector).
    #[serde(default)]
    pub log_format: LogFormat,
    /// The bearer token Prometheus sends to `/metrics` (at least 16 characters); without one
    /// `/metrics` answers 404. Never logged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metrics_token: Option<Secret>,
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
    /// Reverse proxies whose forwarding header is believed: IP addresses or CIDR networks, as
    /// a list in the file or one comma-separated string in `SIKERJA_TRUSTED_PROXIES`. Empty:
    /// the TCP peer is the client (docs/operations.md, "Behind a reverse proxy").
    #[serde(
        default,
        deserialize_with = "list_or_commas",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub trusted_proxies: Vec<String>,
    /// The header those proxies write the client address into: `x-forwarded-for` (with
    /// `X-Forwarded-Proto`, the default) or `forwarded` (RFC 7239). Only this one is read.
    #[serde(default)]
    pub forwarded_header: ForwardedHeader,
    /// Minutes before the same person may nudge the same request again (default 60; 0: no
    /// limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nudge_interval_minutes: Option<u32>,
    /// The folder of evidence files (issue 13 point 4) when no S3 bucket is configured.
    /// Default: beside a SQLite file (`sikerja.db.files/`), else `./sikerja.files/`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_dir: Option<std::path::PathBuf>,
    /// The largest evidence file in bytes (default 10 MiB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_max_bytes: Option<u64>,
    /// Keep evidence files in this bucket of S3-compatible storage instead of a folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_s3_bucket: Option<String>,
    /// The bucket's region (default `us-east-1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_s3_region: Option<String>,
    /// The storage service's address (MinIO, Ceph, a provider's S3 endpoint); empty: AWS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_s3_endpoint: Option<String>,
    /// The access key; without one, the instance's own credentials (object_store's sources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_s3_access_key_id: Option<Secret>,
    /// The secret of the access key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_s3_secret_access_key: Option<Secret>,
    /// Allow a plain `http://` endpoint (a storage server on the same host or network).
    #[serde(default)]
    pub files_s3_allow_http: bool,
    /// A folder inside the bucket for Sikerja's files (e.g. `sikerja/bukti`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub files_s3_prefix: Option<String>,
    /// Notifications by email (issue 18 point 4; off without it): the SMTP server as
    /// `smtp://user:pass@host:587?tls=required`, `smtps://…:465` or `smtp://host:25` (no TLS,
    /// a relay on the same host). Never logged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_smtp_url: Option<Secret>,
    /// The sender of notification emails, e.g. `Sikerja <sikerja@banjarkab.go.id>`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_smtp_from: Option<String>,
    /// The outbound webhook of notifications (the regency's messaging gateway); off without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_webhook_url: Option<String>,
    /// The HMAC-SHA256 key signing each webhook body (`X-Sikerja-Signature`), at least 16
    /// characters. Never logged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_webhook_secret: Option<Secret>,
    /// The hour (WITA, 0..=23) the daily digest is sent at (default 7).
    #[serde(default = "default_digest_hour")]
    pub notify_digest_hour: u8,
    /// Seconds between the server's sending rounds (default 60).
    #[serde(default = "default_notify_interval")]
    pub notify_interval_seconds: u64,
    /// Days an event is kept once all its deliveries are done (sent or given up); older ones
    /// are deleted by the sending round (default 90; 0 keeps them for ever).
    #[serde(default = "default_notify_keep_days")]
    pub notify_keep_days: u32,
    /// How many days before its due day a periodic report is *falling due* and its reporter is
    /// told (`report_due`, 0..=31; default 1).
    #[serde(default = "default_report_due_days")]
    pub notify_report_due_days: u8,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line (`tracing-subscriber`'s JSON format).
    Json,
}

/// The shortest metrics token accepted.
pub const MIN_METRICS_TOKEN: usize = 16;

fn default_digest_hour() -> u8 {
    7
}

fn default_notify_interval() -> u64 {
    60
}

fn default_notify_keep_days() -> u32 {
    90
}

fn default_report_due_days() -> u8 {
    sikerja_domain::execution::report::DEFAULT_DUE_NOTICE_DAYS
}

fn default_checkpoint_minutes() -> u64 {
    15
}

/// A list of strings, or one string of comma-separated items (environment variables).
fn list_or_commas<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Items {
        List(Vec<String>),
        One(String),
    }
    Ok(match Items::deserialize(d)? {
        Items::List(items) => items,
        Items::One(text) => text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: Secret("sqlite://sikerja.db?mode=rwc".into()),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            demo: true,
            log: "info,sqlx=warn".into(),
            log_format: LogFormat::Text,
            metrics_token: None,
            secure_cookies: None,
            public_url: None,
            letter_templates: None,
            audit_key: None,
            audit_key_file: None,
            audit_checkpoint_file: None,
            audit_checkpoint_minutes: default_checkpoint_minutes(),
            audit_witness: false,
            trusted_proxies: Vec::new(),
            forwarded_header: ForwardedHeader::default(),
            nudge_interval_minutes: None,
            files_dir: None,
            files_max_bytes: None,
            files_s3_bucket: None,
            files_s3_region: None,
            files_s3_endpoint: None,
            files_s3_access_key_id: None,
            files_s3_secret_access_key: None,
            files_s3_allow_http: false,
            files_s3_prefix: None,
            notify_smtp_url: None,
            notify_smtp_from: None,
            notify_webhook_url: None,
            notify_webhook_secret: None,
            notify_digest_hour: default_digest_hour(),
            notify_interval_seconds: default_notify_interval(),
            notify_keep_days: default_notify_keep_days(),
            notify_report_due_days: default_report_due_days(),
        }
    }
}

impl Config {
    /// Whether the session cookie is `Secure`: as configured, else on unless in demo mode.
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies.unwrap_or(!self.demo)
    }

    /// How requests reach the server: the trusted proxies (refused when an entry is not an
    /// address or network) and whether the public URL is https (then every answer carries
    /// HSTS and only `Secure` cookies).
    pub fn proxy_settings(&self) -> Result<ProxySettings, BadProxyEntry> {
        Ok(ProxySettings {
            trusted: TrustedProxies::parse(self.trusted_proxies.iter().map(String::as_str))?,
            header: self.forwarded_header,
            public_https: self
                .public_url
                .as_deref()
                .is_some_and(|u| u.trim().to_ascii_lowercase().starts_with("https://")),
        })
    }

    /// The metrics token, when set; refused when shorter than [`MIN_METRICS_TOKEN`].
    pub fn metrics_token(&self) -> anyhow::Result<Option<String>> {
        match self.metrics_token.as_ref().map(|t| t.expose().trim()) {
            None | Some("") => Ok(None),
            Some(t) if t.chars().count() < MIN_METRICS_TOKEN => anyhow::bail!(
                "metrics_token terlalu pendek: paling sedikit {MIN_METRICS_TOKEN} karakter"
            ),
            Some(t) => Ok(Some(t.to_string())),
        }
    }

    /// The local address of the server as a browser on this machine opens it
    /// (`localhost:8080` when it listens on every interface): where the QR codes of letters
    /// issued outside a request (the demo's) point when `public_url` is not set.
    pub fn local_address(&self) -> String {
        if self.listen.ip().is_unspecified() {
            format!("localhost:{}", self.listen.port())
        } else {
            self.listen.to_string()
        }
    }

    /// The warning printed at start when `public_url` is not set (issue 15): the QR codes of
    /// issued letters then point to a local address that nobody outside can open.
    pub fn public_url_warning(&self) -> Option<String> {
        let set = self
            .public_url
            .as_deref()
            .is_some_and(|u| !u.trim().is_empty());
        (!set).then(|| {
            format!(
                "Peringatan: public_url belum diatur. Kode QR dan alamat verifikasi pada surat \
                 yang diterbitkan menunjuk ke alamat lokal (mis. http://{}/verifikasi/…) dan \
                 tidak dapat dibuka dari luar. Atur alamat publik Sikerja dengan \
                 SIKERJA_PUBLIC_URL atau public_url di berkas konfigurasi \
                 (lihat docs/operations.md).",
                self.local_address()
            )
        })
    }

    /// Where evidence files lie: the S3 bucket when one is configured, else the folder
    /// (`files_dir`, or beside a SQLite file, or `./sikerja.files`).
    pub fn files_backend(&self) -> Backend {
        let set = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        if let Some(bucket) = set(&self.files_s3_bucket) {
            return Backend::S3(S3Settings {
                bucket,
                region: set(&self.files_s3_region).unwrap_or_default(),
                endpoint: set(&self.files_s3_endpoint),
                access_key_id: self
                    .files_s3_access_key_id
                    .as_ref()
                    .map(|s| s.expose().to_string()),
                secret_access_key: self
                    .files_s3_secret_access_key
                    .as_ref()
                    .map(|s| s.expose().to_string()),
                allow_http: self.files_s3_allow_http,
                prefix: set(&self.files_s3_prefix),
            });
        }
        Backend::Local(self.files_dir.clone().unwrap_or_else(|| {
            let mut name = sqlite_file(self.database_url.expose())
                .unwrap_or("sikerja")
                .to_string();
            name.push_str(".files");
            std::path::PathBuf::from(name)
        }))
    }

    /// The limits of evidence files: the default policy, with `files_max_bytes` when set.
    pub fn files_policy(&self) -> FilePolicy {
        match self.files_max_bytes {
            Some(max) => FilePolicy::with_max_bytes(max),
            None => FilePolicy::default(),
        }
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

/// The file of a `sqlite://FILE?…` URL.
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url.trim().strip_prefix("sqlite:")?;
    let file = rest.trim_start_matches("//").split('?').next()?;
    (!file.is_empty()).then_some(file)
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
    fn without_public_url_letters_point_to_the_local_address_and_a_warning_says_so() {
        let mut c = Config::default();
        assert_eq!(c.local_address(), "127.0.0.1:8080");
        let warning = c.public_url_warning().expect("warned");
        assert!(
            warning.contains("http://127.0.0.1:8080/verifikasi/"),
            "{warning}"
        );
        assert!(warning.contains("SIKERJA_PUBLIC_URL"), "{warning}");
        c.listen = SocketAddr::from(([0, 0, 0, 0], 9000));
        assert_eq!(c.local_address(), "localhost:9000");
        c.public_url = Some(" ".into());
        assert!(c.public_url_warning().is_some());
        c.public_url = Some("https://sikerja.example.go.id".into());
        assert_eq!(c.public_url_warning(), None);
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn log_format_and_metrics_token_come_from_the_environment() {
        let c = Config::default();
        assert_eq!(c.log_format, LogFormat::Text);
        assert_eq!(c.metrics_token().expect("valid"), None);
        figment::Jail::expect_with(|jail| {
            jail.set_env("SIKERJA_LOG_FORMAT", "json");
            jail.set_env("SIKERJA_METRICS_TOKEN", "token-prometheus-123");
            let c = Config::load(None).expect("loads");
            assert_eq!(c.log_format, LogFormat::Json);
            assert_eq!(
                c.metrics_token().expect("valid").as_deref(),
                Some("token-prometheus-123")
            );
            assert!(!format!("{c:?}").contains("token-prometheus-123"));
            jail.set_env("SIKERJA_METRICS_TOKEN", "pendek");
            let c = Config::load(None).expect("loads");
            assert!(c.metrics_token().is_err());
            Ok(())
        });
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

    #[test]
    #[allow(clippy::result_large_err)]
    fn trusted_proxies_come_as_a_list_or_a_comma_separated_variable() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sikerja.toml");
        std::fs::write(
            &path,
            "trusted_proxies = [\"127.0.0.1\", \"10.0.0.0/8\"]\nforwarded_header = \"forwarded\"\npublic_url = \"https://sikerja.example.go.id\"\n",
        )
        .expect("write");
        figment::Jail::expect_with(|jail| {
            let c = Config::load(Some(&path)).expect("loads");
            assert_eq!(c.trusted_proxies, ["127.0.0.1", "10.0.0.0/8"]);
            let s = c.proxy_settings().expect("valid");
            assert_eq!(s.header, ForwardedHeader::Forwarded);
            assert!(s.public_https);
            assert!(s.trusted.contains("10.9.8.7".parse().expect("ip")));
            jail.set_env("SIKERJA_TRUSTED_PROXIES", "192.0.2.1, 2001:db8::/32");
            let c = Config::load(Some(&path)).expect("loads");
            assert_eq!(c.trusted_proxies, ["192.0.2.1", "2001:db8::/32"]);
            jail.set_env("SIKERJA_TRUSTED_PROXIES", "proxy.lokal");
            let c = Config::load(Some(&path)).expect("loads");
            assert!(
                c.proxy_settings().is_err(),
                "a host name is refused at start-up"
            );
            Ok(())
        });
        let c = Config::default();
        assert!(c.proxy_settings().expect("empty").trusted.is_empty());
        assert!(!c.proxy_settings().expect("empty").public_https);
    }

    #[test]
    #[allow(clippy::result_large_err)]
    fn evidence_files_lie_beside_the_database_in_a_folder_unless_a_bucket_is_configured() {
        let c = Config::default();
        assert!(
            matches!(c.files_backend(), Backend::Local(ref d) if d == std::path::Path::new("sikerja.db.files"))
        );
        assert_eq!(c.files_policy().max_bytes, 10 * 1024 * 1024);
        let pg = Config {
            database_url: Secret("postgres://u:p@db/sikerja".into()),
            ..Config::default()
        };
        assert!(
            matches!(pg.files_backend(), Backend::Local(ref d) if d == std::path::Path::new("sikerja.files"))
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sikerja.toml");
        std::fs::write(
            &path,
            "files_max_bytes = 1048576\nfiles_s3_region = \"ap-southeast-3\"\n",
        )
        .expect("write");
        figment::Jail::expect_with(|jail| {
            jail.set_env("SIKERJA_FILES_DIR", "/srv/sikerja/bukti");
            let c = Config::load(Some(&path)).expect("loads");
            assert!(
                matches!(c.files_backend(), Backend::Local(ref d) if d == std::path::Path::new("/srv/sikerja/bukti"))
            );
            assert_eq!(c.files_policy().max_bytes, 1024 * 1024);
            jail.set_env("SIKERJA_FILES_S3_BUCKET", "bukti-dukung");
            jail.set_env("SIKERJA_FILES_S3_ENDPOINT", "http://127.0.0.1:9000");
            jail.set_env("SIKERJA_FILES_S3_ALLOW_HTTP", "true");
            jail.set_env("SIKERJA_FILES_S3_ACCESS_KEY_ID", "sikerja");
            jail.set_env("SIKERJA_FILES_S3_SECRET_ACCESS_KEY", "rahasia-sekali");
            let c = Config::load(Some(&path)).expect("loads");
            let Backend::S3(s3) = c.files_backend() else {
                panic!("a bucket selects S3");
            };
            assert_eq!(s3.bucket, "bukti-dukung");
            assert_eq!(s3.region, "ap-southeast-3");
            assert_eq!(s3.endpoint.as_deref(), Some("http://127.0.0.1:9000"));
            assert!(s3.allow_http);
            assert_eq!(s3.secret_access_key.as_deref(), Some("rahasia-sekali"));
            assert!(
                !format!("{c:?} {s3:?}").contains("rahasia-sekali"),
                "secrets never reach a log"
            );
            Ok(())
        });
    }
}
