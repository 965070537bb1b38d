//! Where the files lie: a local folder (the default), S3-compatible object storage (the
//! production option for several servers or managed backups), or memory (tests only).

use std::path::PathBuf;
use std::sync::Arc;

use object_store::ObjectStore;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::prefix::PrefixStore;

use crate::error::FileError;

/// The storage behind a [`crate::FileStore`].
#[derive(Debug, Clone)]
pub enum Backend {
    /// A folder on this machine, created when missing.
    Local(PathBuf),
    /// A bucket of S3-compatible object storage.
    S3(S3Settings),
    /// Memory of this process: lost at exit. For tests.
    Memory,
}

/// How to reach a bucket of S3-compatible object storage (AWS S3, MinIO, Ceph, …).
#[derive(Clone, Default)]
pub struct S3Settings {
    /// The bucket (it must exist).
    pub bucket: String,
    /// The region (`us-east-1` when empty).
    pub region: String,
    /// The service's address (`https://s3.example.go.id`); empty: AWS. With an address the
    /// bucket is addressed by path (`https://host/bucket/key`).
    pub endpoint: Option<String>,
    /// The access key; without one, object_store's own sources (instance metadata, …).
    pub access_key_id: Option<String>,
    /// The secret of the access key.
    pub secret_access_key: Option<String>,
    /// Allow a plain `http://` endpoint (tests, a server on the same host).
    pub allow_http: bool,
    /// A folder inside the bucket for Sikerja's files (`sikerja/bukti`); empty: the root.
    pub prefix: Option<String>,
}

impl std::fmt::Debug for S3Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("S3Settings")
            .field("bucket", &self.bucket)
            .field("region", &self.region)
            .field("endpoint", &self.endpoint)
            .field(
                "access_key_id",
                &self.access_key_id.as_ref().map(|_| "[disembunyikan]"),
            )
            .field(
                "secret_access_key",
                &self.secret_access_key.as_ref().map(|_| "[disembunyikan]"),
            )
            .field("allow_http", &self.allow_http)
            .field("prefix", &self.prefix)
            .finish()
    }
}

impl Backend {
    /// Opens the backend: creates a missing local folder; an S3 bucket is only configured
    /// here (the first request reaches it). Also says where the files lie, for the log.
    pub(crate) fn open(&self) -> Result<(Arc<dyn ObjectStore>, String), FileError> {
        match self {
            Backend::Local(dir) => {
                create_private_dir(dir).map_err(|e| storage_error("local", e))?;
                let store = LocalFileSystem::new_with_prefix(dir)?;
                Ok((Arc::new(store), format!("folder {}", dir.display())))
            }
            Backend::S3(s3) => {
                // reqwest uses rustls with the process's crypto provider: ring, as sqlx does.
                // Installing it twice is harmless (the second call is refused and ignored).
                let _ = rustls::crypto::ring::default_provider().install_default();
                let region = if s3.region.trim().is_empty() {
                    "us-east-1"
                } else {
                    s3.region.trim()
                };
                let mut builder = AmazonS3Builder::new()
                    .with_bucket_name(&s3.bucket)
                    .with_region(region)
                    .with_allow_http(s3.allow_http);
                if let Some(endpoint) = s3.endpoint.as_deref().filter(|e| !e.trim().is_empty()) {
                    builder = builder.with_endpoint(endpoint.trim());
                }
                if let Some(id) = &s3.access_key_id {
                    builder = builder.with_access_key_id(id);
                }
                if let Some(secret) = &s3.secret_access_key {
                    builder = builder.with_secret_access_key(secret);
                }
                let store = builder.build()?;
                let prefix = s3
                    .prefix
                    .as_deref()
                    .map(|p| p.trim_matches('/'))
                    .filter(|p| !p.is_empty());
                let location = match prefix {
                    Some(p) => format!("s3://{}/{p}", s3.bucket),
                    None => format!("s3://{}", s3.bucket),
                };
                Ok(match prefix {
                    Some(p) => (Arc::new(PrefixStore::new(store, p)), location),
                    None => (Arc::new(store), location),
                })
            }
            Backend::Memory => Ok((Arc::new(InMemory::new()), "memori (uji)".to_string())),
        }
    }
}

/// Creates the folder (and its parents) when missing; a folder created here is readable by its
/// owner only (evidence files may be personal data). An existing folder keeps its mode.
fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

fn storage_error(
    store: &'static str,
    e: impl std::error::Error + Send + Sync + 'static,
) -> FileError {
    FileError::Storage(Box::new(object_store::Error::Generic {
        store,
        source: Box::new(e),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_https_s3_client_is_built_with_the_ring_provider_and_says_where_without_secrets() {
        // reqwest builds its TLS configuration here; without a process crypto provider it
        // would panic (`rustls-no-provider`). Nothing is contacted.
        let settings = S3Settings {
            bucket: "bukti".into(),
            region: String::new(),
            endpoint: Some("https://s3.example.go.id".into()),
            access_key_id: Some("AKIA-sikerja".into()),
            secret_access_key: Some("rahasia-sekali".into()),
            allow_http: false,
            prefix: Some("/sikerja/bukti/".into()),
        };
        let (_, location) = Backend::S3(settings.clone()).open().expect("configured");
        assert_eq!(location, "s3://bukti/sikerja/bukti");
        let shown = format!("{settings:?}");
        assert!(!shown.contains("rahasia-sekali") && !shown.contains("AKIA-sikerja"));
        let at_root = S3Settings {
            prefix: None,
            ..settings
        };
        let (_, location) = Backend::S3(at_root).open().expect("configured");
        assert_eq!(location, "s3://bukti");
    }
}
