//! What an operator asks of the database (issue 19 point 3): is it reachable, is its schema
//! current, how busy is the pool, and the few counts the metrics show. Reads only.

use sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::MigratorTrait;

use crate::connect::Store;
use crate::error::Result;
use crate::migration::Migrator;

/// The connection pool of a store right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PoolStats {
    /// Open connections (idle and in use).
    pub size: u32,
    /// Open connections waiting for work.
    pub idle: u32,
    /// The most connections the pool opens.
    pub max: u32,
}

impl PoolStats {
    /// Connections lent out right now.
    pub fn in_use(&self) -> u32 {
        self.size.saturating_sub(self.idle)
    }
}

/// Assignment requests in one workflow state, waiting at one step (`None` once finished).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepCount {
    pub state: String,
    pub step: Option<String>,
    pub count: i64,
}

/// The counts of the metrics, read in two queries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OperationalCounts {
    /// Letters ever issued (cancelled ones included: a number once issued stays issued).
    pub letters_issued: i64,
    /// Assignment requests per state and current step.
    pub steps: Vec<StepCount>,
}

impl Store {
    /// A trivial query: the database answers.
    pub async fn ping(&self) -> Result<()> {
        self.db
            .query_one_raw(Statement::from_string(
                self.db.get_database_backend(),
                "SELECT 1",
            ))
            .await?;
        Ok(())
    }

    /// The embedded migrations not recorded as applied in the database (all of them when the
    /// migration table is missing).
    pub async fn pending_migrations(&self) -> Result<Vec<String>> {
        let rows = self
            .db
            .query_all_raw(Statement::from_string(
                self.db.get_database_backend(),
                "SELECT version FROM seaql_migrations",
            ))
            .await
            .unwrap_or_default();
        let applied: Vec<String> = rows
            .iter()
            .filter_map(|r| r.try_get::<String>("", "version").ok())
            .collect();
        Ok(Migrator::migrations()
            .iter()
            .map(|m| m.name().to_string())
            .filter(|name| !applied.contains(name))
            .collect())
    }

    /// The pool's size, idle connections and limit.
    pub fn pool_stats(&self) -> PoolStats {
        let (size, idle, max) = match self.backend() {
            crate::Backend::Sqlite => {
                let p = self.db.get_sqlite_connection_pool();
                (p.size(), p.num_idle(), p.options().get_max_connections())
            }
            crate::Backend::Postgres => {
                let p = self.db.get_postgres_connection_pool();
                (p.size(), p.num_idle(), p.options().get_max_connections())
            }
        };
        PoolStats {
            size,
            idle: u32::try_from(idle).unwrap_or(u32::MAX),
            max,
        }
    }

    /// Letters issued and assignment requests per state and step: one count and one
    /// `GROUP BY`, for the metrics scrape.
    pub async fn operational_counts(&self) -> Result<OperationalCounts> {
        let backend = self.db.get_database_backend();
        let letters = self
            .db
            .query_one_raw(Statement::from_string(
                backend,
                "SELECT COUNT(*) AS n FROM issued_letters",
            ))
            .await?
            .and_then(|r| r.try_get::<i64>("", "n").ok())
            .unwrap_or(0);
        let rows = self
            .db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT state, current_step, COUNT(*) AS n FROM assignment_requests \
                 GROUP BY state, current_step ORDER BY state, current_step",
            ))
            .await?;
        let steps = rows
            .iter()
            .filter_map(|r| {
                Some(StepCount {
                    state: r.try_get::<String>("", "state").ok()?,
                    step: r.try_get::<Option<String>>("", "current_step").ok()?,
                    count: r.try_get::<i64>("", "n").ok()?,
                })
            })
            .collect();
        Ok(OperationalCounts {
            letters_issued: letters,
            steps,
        })
    }
}

impl Store {
    /// Closes the connection pool: from now on every query of this store and its clones
    /// fails (what a test of an unreachable database uses; the server closes at exit).
    pub async fn close(&self) -> Result<()> {
        self.db.close_by_ref().await?;
        Ok(())
    }
}
