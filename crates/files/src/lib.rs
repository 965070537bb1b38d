//! The evidence-file store of Sikerja (*bukti dukung*, issue 13 point 4): one interface over a
//! local folder (the default) or S3-compatible object storage, through `object_store`.
//!
//! [`FileStore::put`] checks a file against the [`FilePolicy`] (size, name, type read from the
//! content's magic bytes), stores it under a generated [`FileKey`] and gives the
//! [`StoredFile`] record to keep in the database (key, SHA-256, size, type, original name).
//! [`FileStore::get`] reads it back and checks the SHA-256; [`FileStore::delete`] removes it.
//! Who may see a file is decided by the caller, with the report it belongs to.
#![forbid(unsafe_code)]

mod backend;
mod error;
mod key;
mod media;
mod policy;

use std::sync::Arc;

use futures_util::TryStreamExt;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use backend::{Backend, S3Settings};
pub use error::{FileError, NameProblem, human_size};
pub use key::FileKey;
pub use media::{MediaType, Sniffed, sniff};
pub use object_store::Error as StorageError;
pub use policy::{DEFAULT_MAX_BYTES, DEFAULT_MAX_NAME_CHARS, FilePolicy};

/// What the store gives back for a stored file: the record to keep beside the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFile {
    /// The generated key (never the file name).
    pub key: FileKey,
    /// SHA-256 of the content, 64 lowercase hexadecimal digits.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// The type read from the content (what a download says it is).
    pub media_type: MediaType,
    /// The file name as its sender gave it (checked, for display and download only).
    pub original_name: String,
}

/// The evidence-file store: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct FileStore {
    objects: Arc<dyn ObjectStore>,
    policy: FilePolicy,
    location: String,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileStore")
            .field("location", &self.location)
            .field("policy", &self.policy)
            .finish()
    }
}

impl FileStore {
    /// Opens the store on a backend with a policy.
    pub fn open(backend: &Backend, policy: FilePolicy) -> Result<FileStore, FileError> {
        let (objects, location) = backend.open()?;
        Ok(FileStore {
            objects,
            policy,
            location,
        })
    }

    /// A store in memory with the default policy, for tests of other crates.
    pub fn in_memory() -> FileStore {
        FileStore {
            objects: Arc::new(object_store::memory::InMemory::new()),
            policy: FilePolicy::default(),
            location: "memori (uji)".to_string(),
        }
    }

    /// The limits files are held to.
    pub fn policy(&self) -> &FilePolicy {
        &self.policy
    }

    /// Where the files lie (`folder /var/lib/sikerja/bukti`, `s3://bucket/prefix`), for logs.
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Checks and stores a file. Nothing is written when the policy refuses it.
    pub async fn put(
        &self,
        bytes: Vec<u8>,
        name: &str,
        declared_type: &str,
    ) -> Result<StoredFile, FileError> {
        let media_type = self.policy.check(&bytes, name, declared_type)?;
        let sha256 = key::hex(&Sha256::digest(&bytes));
        let size = bytes.len() as u64;
        let key = FileKey::generate()?;
        self.objects
            .put(&key.location(), PutPayload::from(bytes))
            .await?;
        tracing::debug!(key = %key, size, %media_type, "evidence file stored");
        Ok(StoredFile {
            key,
            sha256,
            size,
            media_type,
            original_name: name.to_string(),
        })
    }

    /// The content of a stored file, checked against the SHA-256 recorded when it was stored
    /// ([`FileError::Corrupted`] when it no longer matches).
    pub async fn get(&self, key: &FileKey, sha256: &str) -> Result<Vec<u8>, FileError> {
        let bytes = self.objects.get(&key.location()).await?.bytes().await?;
        if !key::hex(&Sha256::digest(&bytes)).eq_ignore_ascii_case(sha256.trim()) {
            tracing::warn!(key = %key, "stored evidence file does not match its SHA-256");
            return Err(FileError::Corrupted);
        }
        Ok(bytes.to_vec())
    }

    /// Removes a stored file ([`FileError::NotFound`] when there is none under the key, on
    /// every backend).
    pub async fn delete(&self, key: &FileKey) -> Result<(), FileError> {
        let location = key.location();
        self.objects.head(&location).await?;
        self.objects.delete(&location).await?;
        Ok(())
    }

    /// The keys of every stored file (to find files no record refers to). Objects whose names
    /// are not keys of this store are skipped.
    pub async fn keys(&self) -> Result<Vec<FileKey>, FileError> {
        let metas: Vec<object_store::ObjectMeta> = self.objects.list(None).try_collect().await?;
        let mut keys: Vec<FileKey> = metas
            .iter()
            .filter_map(|m| m.location.filename())
            .filter_map(|name| FileKey::parse(name).ok())
            .collect();
        keys.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        Ok(keys)
    }
}
