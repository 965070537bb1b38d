//! Choosing the backend from the URL, opening the pool and running the embedded migrations.

use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, EntityTrait,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use serde::Serialize;

use crate::entities::agency;
use crate::error::{Result, StorageError};
use crate::migration::Migrator;

/// The database behind a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Backend {
    /// A SQLite file (`sqlite://FILE`).
    Sqlite,
    /// A PostgreSQL server (`postgres://…`).
    Postgres,
}

/// The only way the web layer and the binary touch the database. Cheap to clone (a pool).
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) db: DatabaseConnection,
    backend: Backend,
}

/// Hides the password of a URL before it goes into an error or a log line.
pub(crate) fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s + 3 => format!("{}://***{}", &url[..s], &url[at..]),
        _ => url.to_string(),
    }
}

/// Backend of a URL, and the URL to hand to sqlx (`mode=rwc` added for SQLite).
pub(crate) fn parse_url(url: &str) -> Result<(Backend, String)> {
    let url = url.trim();
    if let Some(rest) = url.strip_prefix("sqlite:") {
        let path = rest.trim_start_matches("//");
        let file = path.split('?').next().unwrap_or_default();
        if file.is_empty() || file == ":memory:" || path.contains("mode=memory") {
            return Err(StorageError::invalid(
                "sqlite_memory_refused",
                "basis data SQLite harus berupa berkas (sqlite://BERKAS); basis data di memori tidak didukung",
            ));
        }
        let url = if path.contains("mode=") {
            url.to_string()
        } else if url.contains('?') {
            format!("{url}&mode=rwc")
        } else {
            format!("{url}?mode=rwc")
        };
        return Ok((Backend::Sqlite, url));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok((Backend::Postgres, url.to_string()));
    }
    Err(StorageError::UnknownScheme { url: redact(url) })
}

impl Store {
    /// Opens `sqlite://FILE` (created if missing) or `postgres://…` and runs the migrations.
    /// Any other scheme is [`StorageError::UnknownScheme`]; no file is created for it.
    pub async fn connect(url: &str) -> Result<Store> {
        let (backend, url) = parse_url(url)?;
        let mut options = ConnectOptions::new(url);
        options
            .sqlx_logging_level(log::LevelFilter::Debug)
            .sqlx_slow_statements_logging_settings(log::LevelFilter::Warn, Duration::from_secs(2))
            .acquire_timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(10));
        match backend {
            Backend::Sqlite => {
                // WAL lets pages read while an import writes; writers queue on the busy timeout.
                options.max_connections(4).map_sqlx_sqlite_opts(|o| {
                    o.journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Normal)
                        .busy_timeout(Duration::from_secs(10))
                        .foreign_keys(true)
                });
            }
            Backend::Postgres => {
                options.max_connections(10);
            }
        }
        let db = Database::connect(options).await?;
        let store = Store { db, backend };
        store.migrate().await?;
        tracing::info!(backend = ?backend, "storage ready");
        Ok(store)
    }

    /// Applies the pending embedded migrations, then chains audit rows written before the
    /// hash chain existed (once; see `audit::chain::rechain_legacy`).
    pub async fn migrate(&self) -> Result<()> {
        Migrator::up(&self.db, None).await?;
        let txn = self.begin_write().await?;
        crate::audit::chain::rechain_legacy(&txn).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Which database this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// True while no agency is stored (the binary loads the demo on first start).
    pub async fn is_empty(&self) -> Result<bool> {
        Ok(agency::Entity::find().one(&self.db).await?.is_none())
    }

    /// Starts a write transaction. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`) so two writers queue on the busy timeout instead of failing on upgrade.
    /// A read transaction: one consistent view for a read of several queries.
    pub(crate) async fn read_txn(&self) -> Result<DatabaseTransaction> {
        Ok(self.db.begin().await?)
    }

    pub(crate) async fn begin_write(&self) -> Result<DatabaseTransaction> {
        let options = TransactionOptions {
            sqlite_transaction_mode: match self.backend {
                Backend::Sqlite => Some(SqliteTransactionMode::Immediate),
                Backend::Postgres => None,
            },
            ..TransactionOptions::default()
        };
        Ok(self.db.begin_with_options(options).await?)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_url_gets_mode_rwc_so_the_file_is_created() {
        let (b, u) = parse_url("sqlite://data/x.db").unwrap();
        assert_eq!(b, Backend::Sqlite);
        assert_eq!(u, "sqlite://data/x.db?mode=rwc");
        let (_, u) = parse_url("sqlite://x.db?mode=ro").unwrap();
        assert_eq!(u, "sqlite://x.db?mode=ro");
    }

    #[test]
    fn in_memory_sqlite_is_refused() {
        assert!(parse_url("sqlite::memory:").is_err());
    }

    #[test]
    fn unknown_scheme_is_an_error_with_the_password_hidden() {
        let e = parse_url("mysql://u:secret@h/db").unwrap_err();
        assert_eq!(e.code(), "database_url_unknown_scheme");
        assert!(!e.to_string().contains("secret"));
    }
}
