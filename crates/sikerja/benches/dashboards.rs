//! Time to serve each dashboard (issue 18 point 3) — `GET /api/v1/dashboards/{kind}` and
//! `GET /dasbor/{kind}` — as the Bupati (the whole agency), in process through the real router
//! and storage, on (a) the demo regency (`sikerja demo`) and (b) a generated agency
//! (`sikerja bench generate`, 20,000 employees by default). Issue targets: under 100 ms for the
//! demo, under 300 ms for 20,000 employees, release build.
//!
//! Run: `cargo bench -p sikerja --bench dashboards` (SQLite in a temporary file), and with
//! `SIKERJA_BENCH_DATABASE_URL=postgres://…/an_empty_database` for PostgreSQL.
//! `SIKERJA_BENCH_EMPLOYEES` (default 20000) and `SIKERJA_BENCH_RUNS` (default 30) change the
//! size and the number of timed requests. Every kind the router draws is measured: a kind that
//! answers 404 (not drawn yet) is skipped, so kinds landed later need no edit here. The data are
//! written by the `sikerja` binary itself, exactly as an operator would. Prints figures only.

mod common;

use std::process::Command;
use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// Every dashboard code of the domain (`DashboardKind`), in its order.
const KINDS: [&str; 6] = [
    "kedudukan",
    "perencanaan",
    "penugasan",
    "alur",
    "pelaksanaan",
    "kinerja",
];

const PASSWORD: &str = "demo12345";

/// Runs the `sikerja` binary (built by `cargo bench` in the same profile) on `url`.
fn sikerja(url: &str, args: &[&str]) {
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_sikerja"))
        .args(args)
        .env("SIKERJA_DATABASE_URL", url)
        .status()
        .expect("run sikerja");
    assert!(status.success(), "sikerja {args:?}: {status}");
    println!(
        "sikerja {}: {:.1} s",
        args.join(" "),
        started.elapsed().as_secs_f64()
    );
}

/// One GET: status, body size and milliseconds.
async fn get(app: &axum::Router, path: &str, cookie: &str) -> (u16, usize, f64) {
    let t = Instant::now();
    let res = app
        .clone()
        .oneshot(
            Request::get(path)
                .header("cookie", cookie)
                .body(Body::empty())
                .expect("request"),
        )
        .await
        .expect("response");
    let status = res.status().as_u16();
    let bytes = res
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .len();
    (status, bytes, t.elapsed().as_secs_f64() * 1000.0)
}

/// Measures every drawn dashboard for the person signed in as `login`.
async fn measure(app: &axum::Router, label: &str, login: &str, runs: usize) {
    let cookie = common::sign_in(app, login, PASSWORD).await;
    for code in KINDS {
        let api = format!("/api/v1/dashboards/{code}");
        if get(app, &api, &cookie).await.0 == 404 {
            println!("{label} {code}: not drawn (404), skipped");
            continue;
        }
        for path in [api, format!("/dasbor/{code}")] {
            assert_eq!(get(app, &path, &cookie).await.0, 200, "{label} {path}");
            for _ in 0..3 {
                get(app, &path, &cookie).await;
            }
            let mut times = Vec::with_capacity(runs);
            let mut bytes = 0;
            for _ in 0..runs {
                let (status, b, ms) = get(app, &path, &cookie).await;
                assert_eq!(status, 200, "{label} {path}");
                bytes = b;
                times.push(ms);
            }
            times.sort_by(f64::total_cmp);
            println!(
                "{label} {path}: median {:.1} ms, p90 {:.1} ms, max {:.1} ms, {} KiB ({runs} runs)",
                times[times.len() / 2],
                times[(times.len() * 9).div_ceil(10).saturating_sub(1)],
                times[times.len() - 1],
                bytes / 1024,
            );
        }
    }
}

#[tokio::main]
async fn main() {
    let env = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let employees = env("SIKERJA_BENCH_EMPLOYEES", 20_000);
    let runs = env("SIKERJA_BENCH_RUNS", 30).max(1);
    let dir = tempfile::tempdir().expect("temp dir");
    let url = std::env::var("SIKERJA_BENCH_DATABASE_URL").unwrap_or_else(|_| {
        format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("dashboards.db").display()
        )
    });
    sikerja(&url, &["demo"]);
    sikerja(
        &url,
        &[
            "bench",
            "generate",
            "--agencies",
            "1",
            "--employees",
            &employees.to_string(),
            "--seed",
            "1",
        ],
    );
    let store = sikerja_storage::Store::connect(&url)
        .await
        .expect("storage");
    // The generated agency's Bupati gets the demo password.
    let agency = store
        .agency_by_code("sintetis-0001")
        .await
        .expect("the generated agency");
    let actor = sikerja_storage::AuditActor::new("bench");
    let regent = store
        .upsert_regional_head(
            agency.id,
            sikerja_domain::access::RegionalHeadKind::Head,
            "Bupati Sintetis 0001",
            "Bupati Fiktif Sintetis 0001",
            "bupati.sintetis-0001",
            &actor,
        )
        .await
        .expect("the generated Bupati");
    let hash = sikerja_web::auth::hash_password(PASSWORD.into())
        .await
        .expect("hash");
    store
        .set_regional_head_password(
            regent,
            &hash,
            false,
            &actor,
            sikerja_domain::audit::AuditAction::PasswordDemo,
        )
        .await
        .expect("password");
    println!("backend {:?}", store.backend());
    let app = sikerja_web::router(sikerja_web::AppState {
        store,
        demo_mode: false,
        secure_cookies: false,
        demo_sign_ins: Default::default(),
        letters: Default::default(),
        proxy: Default::default(),
        files: std::sync::Arc::new(sikerja_files::FileStore::in_memory()),
    });
    measure(&app, "demo (Bupati Banjar)", "bupati.banjar", runs).await;
    measure(
        &app,
        &format!("generated {employees} (Bupati Sintetis)"),
        "bupati.sintetis-0001",
        runs,
    )
    .await;
}
