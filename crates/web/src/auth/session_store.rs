//! Sessions kept in the database (both backends) through [`Store`]: a small
//! [`SessionStore`] for `tower-sessions`. The record is stored whole as JSON; the expiry is
//! kept in its own column so expired sessions are never loaded and can be swept.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sikerja_storage::Store;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};

/// The session store of the application: the `sessions` table.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    store: Store,
}

impl DbSessionStore {
    /// A session store over the application's [`Store`].
    pub fn new(store: Store) -> Self {
        DbSessionStore { store }
    }
}

fn backend(e: sikerja_storage::StorageError) -> Error {
    Error::Backend(e.to_string())
}

fn encode(record: &Record) -> Result<(String, DateTime<Utc>)> {
    let data = serde_json::to_string(record).map_err(|e| Error::Encode(e.to_string()))?;
    let expiry = DateTime::from_timestamp(record.expiry_date.unix_timestamp(), 0)
        .ok_or_else(|| Error::Encode("session expiry out of range".into()))?;
    Ok((data, expiry))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> Result<()> {
        // A fresh random id until one is free: an id is never reused for another session.
        loop {
            let (data, expiry) = encode(record)?;
            let id = record.id.to_string();
            if self
                .store
                .create_session(&id, &data, expiry)
                .await
                .map_err(backend)?
            {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let (data, expiry) = encode(record)?;
        self.store
            .save_session(&record.id.to_string(), &data, expiry)
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let Some(data) = self
            .store
            .load_session(&id.to_string())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        serde_json::from_str(&data)
            .map(Some)
            .map_err(|e| Error::Decode(e.to_string()))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.store
            .delete_session(&id.to_string())
            .await
            .map_err(backend)
    }
}
