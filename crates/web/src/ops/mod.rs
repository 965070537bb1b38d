//! What an operator's tools read (issue 19 point 3): `/healthz` (the process answers),
//! `/readyz` (the database answers and its schema is current) and `/metrics` (Prometheus
//! text format, behind a bearer token), plus the request id of every request
//! ([`request_id`]). None of them needs a session or passes the sign-in throttle; none shows
//! more of the build than its version string. docs/operations.md, "Health, metrics and logs".

pub mod metrics;
pub mod request_id;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;
use sikerja_storage::{OperationalCounts, Store};

use metrics::{HttpMetrics, header as family, labels};

/// The build's version, the only build detail the endpoints show.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How long the counts read from the database at a scrape are reused: scrapes by several
/// Prometheus servers (or a fast interval) cost one `GROUP BY` per period.
pub const COUNTS_TTL: Duration = Duration::from_secs(5);

/// The server's background jobs, whose lag the metrics show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Job {
    /// Escalation of overdue workflow steps.
    Escalation,
    /// Organisation changes whose date has come.
    OrgChanges,
    /// The notification outbox (only when email or a webhook is configured).
    Notifications,
    /// Checkpoints of the audit chain (not when `audit_checkpoint_minutes` is 0).
    AuditCheckpoints,
    /// Deleting expired sessions and stale sign-in counts.
    SessionSweep,
}

impl Job {
    /// The `job` label.
    pub fn code(self) -> &'static str {
        match self {
            Job::Escalation => "escalation",
            Job::OrgChanges => "org_changes",
            Job::Notifications => "notifications",
            Job::AuditCheckpoints => "audit_checkpoints",
            Job::SessionSweep => "session_sweep",
        }
    }
}

/// When each running job last finished a round without error. Cheap to clone; the server
/// hands one to each job and to the router.
#[derive(Debug, Clone, Default)]
pub struct JobBeats(Arc<Mutex<BTreeMap<Job, Beat>>>);

#[derive(Debug, Clone, Copy)]
struct Beat {
    /// When the job was started in this process.
    started: Instant,
    /// Its last successful round.
    last_success: Option<Instant>,
}

impl JobBeats {
    /// The job runs in this process (its lag is shown from now on).
    pub fn register(&self, job: Job) {
        if let Ok(mut beats) = self.0.lock() {
            beats.entry(job).or_insert(Beat {
                started: Instant::now(),
                last_success: None,
            });
        }
    }

    /// The job finished a round without error.
    pub fn beat(&self, job: Job) {
        if let Ok(mut beats) = self.0.lock() {
            let now = Instant::now();
            beats
                .entry(job)
                .or_insert(Beat {
                    started: now,
                    last_success: None,
                })
                .last_success = Some(now);
        }
    }

    /// Seconds since each registered job's last successful round (since it started, before
    /// its first).
    pub fn lags(&self) -> Vec<(Job, f64)> {
        let Ok(beats) = self.0.lock() else {
            return Vec::new();
        };
        beats
            .iter()
            .map(|(job, b)| {
                let since = b.last_success.unwrap_or(b.started);
                (*job, since.elapsed().as_secs_f64())
            })
            .collect()
    }
}

/// What the binary gives the operational endpoints.
#[derive(Debug, Clone, Default)]
pub struct OpsSettings {
    /// The bearer token of `/metrics`; without one the route answers 404.
    pub metrics_token: Option<String>,
    /// The background jobs' heartbeats.
    pub jobs: JobBeats,
}

/// The state of the operational routes.
#[derive(Clone)]
pub(crate) struct Ops {
    store: Store,
    token: Option<Arc<str>>,
    jobs: JobBeats,
    pub(crate) http: Arc<HttpMetrics>,
    counts: Arc<Mutex<Option<(Instant, OperationalCounts)>>>,
}

impl Ops {
    pub(crate) fn new(store: Store, settings: OpsSettings) -> Ops {
        Ops {
            store,
            token: settings
                .metrics_token
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .map(Arc::from),
            jobs: settings.jobs,
            http: Arc::default(),
            counts: Arc::default(),
        }
    }
}

/// `/healthz`, `/readyz` and `/metrics`.
pub(crate) fn routes(ops: Ops) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
        .with_state(ops)
}

/// Marks an answer as final, so that the error re-rendering of [`crate::layers`] leaves a
/// 401 or 503 of these routes as it is (plain text or JSON, never a page).
fn keep(mut response: Response) -> Response {
    response.extensions_mut().insert(crate::error::Rendered);
    response
}

/// The process is alive: no database involved.
async fn healthz() -> Response {
    keep(
        (
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "ok\n",
        )
            .into_response(),
    )
}

/// The database answers a trivial query and every embedded migration is applied; otherwise a
/// 503 whose JSON names the reason.
async fn readyz(State(ops): State<Ops>) -> Response {
    let not_ready = |reason: &str, extra: serde_json::Value| {
        let mut body = json!({"status": "not_ready", "reason": reason, "version": VERSION});
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        keep((StatusCode::SERVICE_UNAVAILABLE, axum::Json(body)).into_response())
    };
    if let Err(e) = ops.store.ping().await {
        tracing::warn!(error = %e, "readiness: the database does not answer");
        return not_ready("database_unreachable", json!({}));
    }
    match ops.store.pending_migrations().await {
        Ok(pending) if pending.is_empty() => {
            keep(axum::Json(json!({"status": "ready", "version": VERSION})).into_response())
        }
        Ok(pending) => not_ready(
            "migrations_pending",
            json!({"pending_migrations": pending.len()}),
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness: reading the applied migrations failed");
            not_ready("database_unreachable", json!({}))
        }
    }
}

/// Compares in time independent of where the two differ (the loop runs over the presented
/// token's length, never the secret's).
fn same_token(secret: &[u8], presented: &[u8]) -> bool {
    let mut diff = secret.len() ^ presented.len();
    for (i, p) in presented.iter().enumerate() {
        diff |= usize::from(secret.get(i).copied().unwrap_or(0) ^ p);
    }
    diff == 0
}

fn authorised(token: &str, headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|presented| same_token(token.as_bytes(), presented.trim().as_bytes()))
}

/// The metrics in the Prometheus text format, for the holder of the metrics token.
async fn metrics_text(State(ops): State<Ops>, headers: HeaderMap) -> Response {
    let Some(token) = ops.token.clone() else {
        return crate::error::fallback(axum::http::Uri::from_static("/metrics")).await;
    };
    if !authorised(&token, &headers) {
        let mut response = (
            StatusCode::UNAUTHORIZED,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "Token metrik tidak sah.\n",
        )
            .into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"metrics\""),
        );
        return keep(response);
    }
    let mut out = String::new();
    family(
        &mut out,
        "sikerja_build_info",
        "gauge",
        "The running build's version.",
    );
    let _ = writeln!(
        out,
        "sikerja_build_info{} 1",
        labels(&[("version", VERSION)])
    );
    ops.http.render(&mut out);
    let pool = ops.store.pool_stats();
    family(
        &mut out,
        "sikerja_db_pool_connections",
        "gauge",
        "Open database connections of this process, idle or in use.",
    );
    let _ = writeln!(
        out,
        "sikerja_db_pool_connections{{state=\"idle\"}} {}",
        pool.idle
    );
    let _ = writeln!(
        out,
        "sikerja_db_pool_connections{{state=\"in_use\"}} {}",
        pool.in_use()
    );
    family(
        &mut out,
        "sikerja_db_pool_max_connections",
        "gauge",
        "The most connections the pool opens.",
    );
    let _ = writeln!(out, "sikerja_db_pool_max_connections {}", pool.max);
    family(
        &mut out,
        "sikerja_job_lag_seconds",
        "gauge",
        "Seconds since the background job's last successful round (since start before the first).",
    );
    for (job, lag) in ops.jobs.lags() {
        let _ = writeln!(
            out,
            "sikerja_job_lag_seconds{} {lag:.3}",
            labels(&[("job", job.code())])
        );
    }
    if let Some(counts) = cached_counts(&ops).await {
        family(
            &mut out,
            "sikerja_letters_issued_total",
            "counter",
            "Letters issued, cancelled ones included (read from the database: all servers).",
        );
        let _ = writeln!(
            out,
            "sikerja_letters_issued_total {}",
            counts.letters_issued
        );
        family(
            &mut out,
            "sikerja_workflow_requests",
            "gauge",
            "Assignment requests per workflow state and the step they wait at.",
        );
        for s in &counts.steps {
            let step = s.step.as_deref().unwrap_or("");
            let _ = writeln!(
                out,
                "sikerja_workflow_requests{} {}",
                labels(&[("state", &s.state), ("step", step)]),
                s.count
            );
        }
    }
    keep(
        (
            [(
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            )],
            out,
        )
            .into_response(),
    )
}

/// The database counts, read at most once per [`COUNTS_TTL`]; `None` (and a warning) when the
/// database does not answer, so that the process metrics are still scraped.
async fn cached_counts(ops: &Ops) -> Option<OperationalCounts> {
    if let Ok(cache) = ops.counts.lock()
        && let Some((at, counts)) = cache.as_ref()
        && at.elapsed() < COUNTS_TTL
    {
        return Some(counts.clone());
    }
    match ops.store.operational_counts().await {
        Ok(counts) => {
            if let Ok(mut cache) = ops.counts.lock() {
                *cache = Some((Instant::now(), counts.clone()));
            }
            Some(counts)
        }
        Err(e) => {
            tracing::warn!(error = %e, "metrics: reading the counts failed");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_equal_only_when_identical() {
        assert!(same_token(b"rahasia-metrik", b"rahasia-metrik"));
        assert!(!same_token(b"rahasia-metrik", b"rahasia-metriK"));
        assert!(!same_token(b"rahasia-metrik", b"rahasia"));
        assert!(!same_token(b"rahasia", b"rahasia-metrik"));
        assert!(!same_token(b"rahasia", b""));
    }

    #[test]
    fn a_job_lags_from_its_start_until_its_first_success() {
        let beats = JobBeats::default();
        beats.register(Job::Escalation);
        beats.beat(Job::SessionSweep);
        let lags = beats.lags();
        assert_eq!(lags.len(), 2);
        assert!(lags.iter().all(|(_, lag)| *lag < 5.0));
    }
}
