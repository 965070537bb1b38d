//! Which web suites ran, in the ordinary output of `cargo test` (no harness: nothing is
//! captured): the API and page tests on PostgreSQL, the browser suite in Chromium. With
//! `SIKERJA_REQUIRE_SERVICES=1` (CI) a missing service fails here.

use sikerja_testkit::{Service, Suite, report};

fn main() -> std::process::ExitCode {
    report(
        "sikerja-web",
        &[
            Suite::new(
                "API and page tests on PostgreSQL (tests/*.rs)",
                Service::PostgreSql,
            ),
            Suite::new("browser suite (tests/browser.rs)", Service::Chromium),
        ],
    )
}
