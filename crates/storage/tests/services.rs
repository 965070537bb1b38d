//! Which storage suites ran, in the ordinary output of `cargo test` (no harness: nothing is
//! captured). Every storage test runs on SQLite; on PostgreSQL only with a server configured.
//! With `SIKERJA_REQUIRE_SERVICES=1` (CI) a missing or unreachable PostgreSQL fails here.

use sikerja_testkit::{Service, Suite, report};

fn main() -> std::process::ExitCode {
    report(
        "sikerja-storage",
        &[Suite::new(
            "storage conformance suite on PostgreSQL (tests/*.rs)",
            Service::PostgreSql,
        )],
    )
}
