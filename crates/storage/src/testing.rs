//! Test support (feature `testing`): every call of [`fresh_store`] gives a new, migrated
//! database — a new database `t_<unique>` on the PostgreSQL server named by
//! `SIKERJA_TEST_DATABASE_URL`, otherwise a SQLite file in a temporary directory. No test
//! shares a database with another, so tests run in parallel without `#[serial]`.

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ActiveValue::Set, ConnectionTrait, Database, EntityTrait, QueryOrder};

use crate::audit::AuditKey;
use crate::entities::audit_log;
use crate::{AuditSettings, StorageError, Store};

/// The audit key of every test store: deterministic, so tests can reason about hashes.
pub const TEST_AUDIT_KEY: &str = "sikerja-test-audit-key-0123456789abcdef";

/// The variable naming the PostgreSQL server for tests (its maintenance database).
pub const DATABASE_URL_VAR: &str = "SIKERJA_TEST_DATABASE_URL";
/// Set to `1` in CI: a missing PostgreSQL then fails the suite instead of being skipped.
pub const REQUIRE_SERVICES_VAR: &str = "SIKERJA_REQUIRE_SERVICES";
/// `sqlite` forces the SQLite backend even when [`DATABASE_URL_VAR`] is set — CI's first
/// pass runs that way, with PostgreSQL up and checked, and its second pass on PostgreSQL.
pub const BACKEND_VAR: &str = "SIKERJA_TEST_BACKEND";

/// A store on its own fresh database; derefs to [`Store`]. The database is removed on drop.
pub struct TestStore {
    store: Store,
    url: String,
    /// Holds the audit checkpoint file (and the SQLite file); removed on drop.
    files: tempfile::TempDir,
    cleanup: Cleanup,
}

/// How a test recomputes the audit chain after editing it, as an attacker with write access
/// to the database would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forgery<'a> {
    /// Plain SHA-256 of the version 1 form, rows relabelled as version 1.
    Unkeyed,
    /// HMAC under a key that is not the installation's.
    WrongKey(&'a str),
}

enum Cleanup {
    Sqlite,
    Postgres { admin_url: String, database: String },
}

impl Deref for TestStore {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl TestStore {
    /// The store itself, e.g. to hand a clone to an application under test.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Runs one raw SQL statement, bypassing the store — for tests that tamper with rows
    /// the application never changes (e.g. the audit log). Returns the rows affected.
    pub async fn execute_sql(&self, sql: &str) -> Result<u64, StorageError> {
        Ok(self.store.db.execute_unprepared(sql).await?.rows_affected())
    }

    /// The URL of this test's database.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The audit settings of this test's store (the test key, its checkpoint file).
    pub fn audit_settings(&self) -> AuditSettings {
        test_audit_settings(self.files.path().join("audit-checkpoints"))
    }

    /// A second store on the same database, opened as at a restart (migrations run).
    pub async fn reopen(&self) -> Result<Store, StorageError> {
        Store::connect_with(&self.url, self.audit_settings()).await
    }

    /// Every audit row as stored, in id order, for comparing before and after.
    pub async fn audit_rows(&self) -> Result<Vec<audit_log::Model>, StorageError> {
        Ok(audit_log::Entity::find()
            .order_by_asc(audit_log::Column::Id)
            .all(&self.store.db)
            .await?)
    }

    /// Recomputes `prev_hash` and `hash` of every row from entry `from` on, as an attacker
    /// who edited entry `from` would to make the chain look whole again.
    pub async fn forge_chain_from(&self, from: i64, how: Forgery<'_>) -> Result<(), StorageError> {
        forge_chain(&self.store.db, from, how).await
    }
}

/// The audit settings tests use: [`TEST_AUDIT_KEY`] and the given checkpoint file.
pub fn test_audit_settings(checkpoint_file: PathBuf) -> AuditSettings {
    AuditSettings {
        key: AuditKey::from_text(TEST_AUDIT_KEY).unwrap_or_else(|e| panic!("test key: {e}")),
        checkpoint_file,
    }
}

/// [`TestStore::forge_chain_from`] on any database URL (for tests of the binary).
pub async fn forge_chain_at(url: &str, from: i64, how: Forgery<'_>) -> Result<(), StorageError> {
    let (_, url) = crate::connect::parse_url(url)?;
    let db = Database::connect(url.as_str()).await?;
    forge_chain(&db, from, how).await?;
    db.close().await?;
    Ok(())
}

/// Runs one raw SQL statement on any database URL (for tests of the binary).
pub async fn execute_sql_at(url: &str, sql: &str) -> Result<u64, StorageError> {
    let (_, url) = crate::connect::parse_url(url)?;
    let db = Database::connect(url.as_str()).await?;
    let n = db.execute_unprepared(sql).await?.rows_affected();
    db.close().await?;
    Ok(n)
}

/// Every audit row of the database at `url`, each as its full debug text, in id order (for
/// tests of the binary comparing before and after).
pub async fn audit_rows_at(url: &str) -> Result<Vec<String>, StorageError> {
    let (_, url) = crate::connect::parse_url(url)?;
    let db = Database::connect(url.as_str()).await?;
    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(&db)
        .await?;
    db.close().await?;
    Ok(rows.iter().map(|r| format!("{r:?}")).collect())
}

/// The distinct `audit_log.action` codes of the database at `url`, sorted (for tests that
/// check every recorded action belongs to the domain's vocabulary).
pub async fn audit_actions_at(url: &str) -> Result<Vec<String>, StorageError> {
    let (_, url) = crate::connect::parse_url(url)?;
    let db = Database::connect(url.as_str()).await?;
    let rows = audit_log::Entity::find().all(&db).await?;
    db.close().await?;
    let mut actions: Vec<String> = rows.into_iter().map(|r| r.action).collect();
    actions.sort_unstable();
    actions.dedup();
    Ok(actions)
}

/// The `(action, actor)` of every audit row of the database at `url`, in order (for tests of
/// who the rows name).
pub async fn audit_actors_at(url: &str) -> Result<Vec<(String, String)>, StorageError> {
    let (_, url) = crate::connect::parse_url(url)?;
    let db = Database::connect(url.as_str()).await?;
    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(&db)
        .await?;
    db.close().await?;
    Ok(rows.into_iter().map(|r| (r.action, r.actor)).collect())
}

async fn forge_chain<C: ConnectionTrait>(
    db: &C,
    from: i64,
    how: Forgery<'_>,
) -> Result<(), StorageError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.gte(from - 1))
        .order_by_asc(audit_log::Column::Seq)
        .all(db)
        .await?;
    let mut prev: Option<String> = None;
    for mut row in rows {
        if row.seq.unwrap_or_default() < from {
            prev = row.hash;
            continue;
        }
        row.prev_hash = Some(prev.unwrap_or_else(|| crate::audit::chain::GENESIS.to_string()));
        let hash = match how {
            Forgery::Unkeyed => {
                row.chain_version = None;
                crate::audit::chain::hash_of(&row)
            }
            Forgery::WrongKey(key) => {
                crate::audit::chain::keyed_hash_of(&row, &AuditKey::from_text(key)?)
            }
        };
        let active = audit_log::ActiveModel {
            id: Set(row.id),
            prev_hash: Set(row.prev_hash.clone()),
            hash: Set(Some(hash.clone())),
            chain_version: Set(row.chain_version),
            ..Default::default()
        };
        audit_log::Entity::update(active).exec(db).await?;
        prev = Some(hash);
    }
    Ok(())
}

impl Drop for TestStore {
    fn drop(&mut self) {
        let Cleanup::Postgres {
            admin_url,
            database,
        } = &self.cleanup
        else {
            return;
        };
        let (admin_url, database) = (admin_url.clone(), database.clone());
        // Drop runs inside the test's runtime: use a thread with its own runtime.
        let dropper = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Ok(db) = Database::connect(admin_url.as_str()).await {
                    let sql = format!("DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
                    let _ = db.execute_unprepared(&sql).await;
                    let _ = db.close().await;
                }
            });
        });
        let _ = dropper.join();
    }
}

/// The PostgreSQL server URL configured for tests, whichever backend is forced.
pub fn configured_postgres_url() -> Option<String> {
    std::env::var(DATABASE_URL_VAR)
        .ok()
        .filter(|v| !v.trim().is_empty())
}

/// Whether [`BACKEND_VAR`] forces SQLite for this run.
pub fn sqlite_forced() -> bool {
    std::env::var(BACKEND_VAR).is_ok_and(|v| v.eq_ignore_ascii_case("sqlite"))
}

/// The PostgreSQL server URL the tests use: configured and not overridden by
/// `SIKERJA_TEST_BACKEND=sqlite`.
pub fn postgres_url() -> Option<String> {
    if sqlite_forced() {
        return None;
    }
    configured_postgres_url()
}

/// One line saying which backend the storage tests run on.
pub fn backend_banner() -> String {
    match postgres_url() {
        Some(url) => format!(
            "storage tests: PostgreSQL at {} (one fresh database per test)",
            crate::connect::redact(&url)
        ),
        None if sqlite_forced() => format!(
            "storage tests: SQLite temp files ({BACKEND_VAR}=sqlite; the PostgreSQL pass runs separately)"
        ),
        None => format!(
            "storage tests: SQLite temp files; PostgreSQL suite NOT run (set {DATABASE_URL_VAR}=postgres://postgres@127.0.0.1:54330/postgres)"
        ),
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("t_{}_{}_{}", std::process::id(), n, nanos)
}

/// `postgres://user@host:port/db?x` with the database replaced.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let root = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{root}/{database}?{q}"),
        None => format!("{root}/{database}"),
    }
}

/// A fresh, migrated store. Panics (it is test support) when the database cannot be made.
pub async fn fresh_store() -> TestStore {
    match try_fresh_store().await {
        Ok(s) => s,
        Err(e) => panic!("cannot create a test database: {e} ({})", backend_banner()),
    }
}

/// A fresh, migrated store, or why it could not be made.
pub async fn try_fresh_store() -> Result<TestStore, StorageError> {
    fresh_database().await?.open().await
}

/// A fresh store whose database had only the first `steps` migrations when `old_data` (raw
/// SQL statements) was written into it; the rest, and their checks, run afterwards as at an
/// upgrade. Panics (it is test support) when the database cannot be made.
pub async fn fresh_store_upgraded_from(steps: u32, old_data: &[&str]) -> TestStore {
    let made = async {
        let fresh = fresh_database().await?;
        let (_, sqlx_url) = crate::connect::parse_url(&fresh.url)?;
        let db = Database::connect(sqlx_url.as_str()).await?;
        <crate::migration::Migrator as sea_orm_migration::MigratorTrait>::up(&db, Some(steps))
            .await?;
        for sql in old_data {
            db.execute_unprepared(sql).await?;
        }
        db.close().await?;
        fresh.open().await
    };
    match made.await {
        Ok(s) => s,
        Err(e) => panic!("cannot create a test database: {e} ({})", backend_banner()),
    }
}

/// A fresh, empty database: its URL, a folder for its files (the SQLite file, the audit
/// checkpoints) and how to remove it.
struct FreshDatabase {
    url: String,
    files: tempfile::TempDir,
    cleanup: Cleanup,
}

impl FreshDatabase {
    /// Opens it as a store with the test audit key, running the migrations.
    async fn open(self) -> Result<TestStore, StorageError> {
        let audit = test_audit_settings(self.files.path().join("audit-checkpoints"));
        let store = Store::connect_with(&self.url, audit).await?;
        Ok(TestStore {
            store,
            url: self.url,
            files: self.files,
            cleanup: self.cleanup,
        })
    }
}

async fn fresh_database() -> Result<FreshDatabase, StorageError> {
    let name = unique_name();
    let files = tempfile::Builder::new()
        .prefix("sikerja-test-")
        .tempdir()
        .map_err(|e| StorageError::Database(sea_orm::DbErr::Custom(format!("temp dir: {e}"))))?;
    match postgres_url() {
        Some(admin_url) => {
            let admin = Database::connect(admin_url.as_str()).await?;
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await?;
            admin.close().await?;
            Ok(FreshDatabase {
                url: with_database(&admin_url, &name),
                files,
                cleanup: Cleanup::Postgres {
                    admin_url,
                    database: name,
                },
            })
        }
        None => {
            let path = files.path().join(format!("{name}.db"));
            Ok(FreshDatabase {
                url: format!("sqlite://{}", path.display()),
                files,
                cleanup: Cleanup::Sqlite,
            })
        }
    }
}

/// A renderer for tests: small fixed files, so that a workflow step that issues its letter
/// (issue 15 point 4) can be taken without the typst engine.
pub struct FakeLetters;

impl crate::RenderLetter for FakeLetters {
    fn render(&self, _facts: crate::IssueFacts) -> crate::Rendering<'_> {
        Box::pin(async {
            Ok(crate::RenderedFiles {
                pdf: b"%PDF-1.7 test".to_vec(),
                docx: b"PK test docx".to_vec(),
            })
        })
    }
}

/// A renderer that always fails: a step issuing its letter is then refused, nothing kept.
pub struct FailingLetters;

impl crate::RenderLetter for FailingLetters {
    fn render(&self, _facts: crate::IssueFacts) -> crate::Rendering<'_> {
        Box::pin(async { Err("no renderer in this test".to_string()) })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::with_database;

    #[test]
    fn test_database_replaces_the_maintenance_database_in_the_url() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:54330/postgres", "t_1"),
            "postgres://postgres@127.0.0.1:54330/t_1"
        );
        assert_eq!(
            with_database("postgres://u:p@h/postgres?sslmode=disable", "t_2"),
            "postgres://u:p@h/t_2?sslmode=disable"
        );
    }
}

/// How many statements a store has sent since [`counting_queries`] made it.
#[derive(Debug, Clone, Default)]
pub struct QueryCounter(std::sync::Arc<std::sync::atomic::AtomicUsize>);

impl QueryCounter {
    /// The statements sent so far.
    pub fn count(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }

    /// Starts counting again from zero.
    pub fn reset(&self) {
        self.0.store(0, Ordering::SeqCst);
    }
}

/// A copy of `store` on the same pool that counts every statement it sends, so tests can
/// bound the queries of an operation (no N+1). The original store does not count.
pub fn counting_queries(store: &Store) -> (Store, QueryCounter) {
    let counter = QueryCounter::default();
    let mut counting = store.clone();
    let c = counter.0.clone();
    counting.db.set_metric_callback(move |_| {
        c.fetch_add(1, Ordering::SeqCst);
    });
    (counting, counter)
}
