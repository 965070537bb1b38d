//! Choosing the backend from the URL, opening the pool and running the embedded migrations.

use std::ops::Deref;
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, EntityTrait, ExecResult, QueryResult, SqliteTransactionMode, Statement,
    TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use serde::Serialize;

use crate::audit::{AuditKey, AuditSettings};
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
    pub(crate) audit: AuditSettings,
    /// How long after a nudge the same person may nudge the same request again.
    pub(crate) nudge_interval: chrono::TimeDelta,
}

/// A write transaction of the store, carrying the audit key so that audit rows can only be
/// appended inside one (and are always keyed). Derefs to the transaction for queries.
pub(crate) struct WriteTxn {
    txn: DatabaseTransaction,
    key: AuditKey,
}

impl WriteTxn {
    pub(crate) async fn commit(self) -> std::result::Result<(), DbErr> {
        self.txn.commit().await
    }

    /// Undoes everything written in the transaction (a preview).
    pub(crate) async fn rollback(self) -> std::result::Result<(), DbErr> {
        self.txn.rollback().await
    }

    pub(crate) fn audit_key(&self) -> &AuditKey {
        &self.key
    }
}

impl Deref for WriteTxn {
    type Target = DatabaseTransaction;
    fn deref(&self) -> &DatabaseTransaction {
        &self.txn
    }
}

#[sea_orm_migration::async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: Statement) -> std::result::Result<ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> std::result::Result<ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(
        &self,
        stmt: Statement,
    ) -> std::result::Result<Option<QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(&self, stmt: Statement) -> std::result::Result<Vec<QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }
}

/// One nudge per request and person per hour unless configured otherwise.
pub const DEFAULT_NUDGE_INTERVAL_MINUTES: i64 = 60;

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
    /// Opens `sqlite://FILE` (created if missing) or `postgres://…` and runs the migrations,
    /// with the audit key and checkpoint file beside the database
    /// ([`AuditSettings::beside_database`]). Any other scheme is
    /// [`StorageError::UnknownScheme`]; no file is created for it.
    pub async fn connect(url: &str) -> Result<Store> {
        parse_url(url)?;
        Store::connect_with(url, AuditSettings::beside_database(url)?).await
    }

    /// Opens the database and runs the migrations, keying the audit chain with `audit`. On
    /// the first start (no checkpoint file yet) the chain's head is checkpointed, so that the
    /// file exists from then on and its absence is a finding of verification.
    pub async fn connect_with(url: &str, audit: AuditSettings) -> Result<Store> {
        let (backend, _) = parse_url(url)?;
        if backend == Backend::Sqlite {
            // SeaORM runs SQLite migrations outside a transaction, statement by statement on
            // the pool: one right after an `ALTER TABLE` could land on a connection still
            // holding the old schema (seen as "no column found for name" in a migration's
            // own query, one run in five under load). They run on one connection instead.
            // The pool opens afterwards, on the final schema.
            let one = Store::open_with(url, audit.clone(), false, Some(1)).await?;
            let migrated = one.migrate().await;
            one.db.close().await?;
            migrated?;
        }
        let store = Store::open(url, audit, false).await?;
        if backend != Backend::Sqlite {
            store.migrate().await?;
        }
        if !store.audit.checkpoint_file.exists() {
            store.checkpoint_audit().await?;
        }
        tracing::info!(backend = ?store.backend, "storage ready");
        Ok(store)
    }

    /// Opens an existing, fully migrated database for reading only — what `sikerja audit
    /// verify` uses, so that checking the trail can never change it: no migration runs, the
    /// SQLite file is opened read-only (and never created) and PostgreSQL sessions are
    /// read-only. A database with pending migrations is refused.
    pub async fn open_read_only(url: &str, audit: AuditSettings) -> Result<Store> {
        let store = Store::open(url, audit, true).await?;
        store.refuse_pending_migrations().await?;
        Ok(store)
    }

    async fn open(url: &str, audit: AuditSettings, read_only: bool) -> Result<Store> {
        Store::open_with(url, audit, read_only, None).await
    }

    /// [`Store::open`], with `connections` overriding the pool's size.
    async fn open_with(
        url: &str,
        audit: AuditSettings,
        read_only: bool,
        connections: Option<u32>,
    ) -> Result<Store> {
        let (backend, url) = parse_url(url)?;
        let url = if read_only && backend == Backend::Sqlite {
            url.replace("mode=rwc", "mode=ro")
        } else {
            url
        };
        let mut options = ConnectOptions::new(url);
        options
            .sqlx_logging_level(log::LevelFilter::Debug)
            .sqlx_slow_statements_logging_settings(log::LevelFilter::Warn, Duration::from_secs(2))
            .acquire_timeout(Duration::from_secs(10))
            .connect_timeout(Duration::from_secs(10));
        match backend {
            Backend::Sqlite if read_only => {
                options.max_connections(1).map_sqlx_sqlite_opts(|o| {
                    o.read_only(true).busy_timeout(Duration::from_secs(10))
                });
            }
            Backend::Sqlite => {
                // WAL lets pages read while an import writes; writers queue on the busy timeout.
                options.max_connections(4).map_sqlx_sqlite_opts(|o| {
                    o.journal_mode(SqliteJournalMode::Wal)
                        .synchronous(SqliteSynchronous::Normal)
                        .busy_timeout(Duration::from_secs(10))
                        .foreign_keys(true)
                });
            }
            Backend::Postgres if read_only => {
                options.max_connections(2).map_sqlx_postgres_opts(|o| {
                    o.options([("default_transaction_read_only", "on")])
                });
            }
            Backend::Postgres => {
                options.max_connections(10);
            }
        }
        if let Some(n) = connections {
            options.max_connections(n);
        }
        let db = Database::connect(options).await?;
        Ok(Store {
            db,
            backend,
            audit,
            nudge_interval: chrono::TimeDelta::minutes(DEFAULT_NUDGE_INTERVAL_MINUTES),
        })
    }

    /// The same store with another minimum time between two nudges of one request by one
    /// person (zero: no limit).
    pub fn with_nudge_interval(mut self, interval: chrono::TimeDelta) -> Store {
        self.nudge_interval = interval;
        self
    }

    /// Applies the pending embedded migrations. Nothing else: no start-up step rewrites audit
    /// rows (issue 12 point 4; the former re-chaining of unchained rows is gone, see
    /// `migration::m20261213_000015_audit_keyed`).
    pub async fn migrate(&self) -> Result<()> {
        Migrator::up(&self.db, None).await?;
        Ok(())
    }

    /// Fails unless every embedded migration is recorded as applied (read-only check).
    async fn refuse_pending_migrations(&self) -> Result<()> {
        let backend = self.db.get_database_backend();
        let rows = self
            .db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT version FROM seaql_migrations",
            ))
            .await
            .map_err(|_| {
                StorageError::invalid(
                    "database_not_migrated",
                    "basis data belum disiapkan; jalankan `sikerja migrate` lebih dahulu",
                )
            })?;
        let applied: Vec<String> = rows
            .iter()
            .filter_map(|r| r.try_get::<String>("", "version").ok())
            .collect();
        let pending = Migrator::migrations()
            .iter()
            .filter(|m| !applied.iter().any(|a| a == m.name()))
            .count();
        if pending > 0 {
            return Err(StorageError::invalid(
                "database_not_migrated",
                format!(
                    "skema basis data belum mutakhir ({pending} migrasi tertunda); jalankan `sikerja migrate` lebih dahulu"
                ),
            ));
        }
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

    pub(crate) async fn begin_write(&self) -> Result<WriteTxn> {
        let options = TransactionOptions {
            sqlite_transaction_mode: match self.backend {
                Backend::Sqlite => Some(SqliteTransactionMode::Immediate),
                Backend::Postgres => None,
            },
            ..TransactionOptions::default()
        };
        Ok(WriteTxn {
            txn: self.db.begin_with_options(options).await?,
            key: self.audit.key.clone(),
        })
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
