//! Which suites of the binary ran, in the ordinary output of `cargo test` (no harness: nothing
//! is captured). The audit attacks of `tests/audit.rs` run on PostgreSQL when a server is
//! configured, else on SQLite files; with `SIKERJA_REQUIRE_SERVICES=1` (CI) a missing or
//! unreachable PostgreSQL fails here.

use sikerja_testkit::{Service, Suite, report};

fn main() -> std::process::ExitCode {
    report(
        "sikerja",
        &[Suite::new(
            "audit attacks against the binary on PostgreSQL (tests/audit.rs)",
            Service::PostgreSql,
        )],
    )
}
