//! Which suites of the binary ran, in the ordinary output of `cargo test` (no harness: nothing
//! is captured). The audit attacks of `tests/audit.rs` run on PostgreSQL when a server is
//! configured, else on SQLite files; with `SIKERJA_REQUIRE_SERVICES=1` (CI) a missing or
//! unreachable PostgreSQL fails here. The page walk of `tests/walk.rs` needs chromedriver.

use sikerja_testkit::{Service, Suite, report};

fn main() -> std::process::ExitCode {
    report(
        "sikerja",
        &[
            Suite::new(
                "audit attacks against the binary on PostgreSQL (tests/audit.rs)",
                Service::PostgreSql,
            ),
            Suite::new(
                "every page at 390 and 1366 px with axe-core, per kind of user (tests/walk.rs)",
                Service::Chromium,
            ),
        ],
    )
}
