//! Whether the S3 suite of the file store ran, in the ordinary output of `cargo test` (no
//! harness: nothing is captured). Every file-store test runs on a local folder; on S3 only
//! with moto's server (`moto_server` on PATH or `SIKERJA_TEST_MOTO`). With
//! `SIKERJA_REQUIRE_SERVICES=1` (CI) a missing moto fails here.

use sikerja_testkit::{Service, Suite, report};

fn main() -> std::process::ExitCode {
    report(
        "sikerja-files",
        &[Suite::new(
            "file store on S3-compatible storage, against moto (tests/store.rs)",
            Service::Moto,
        )],
    )
}
