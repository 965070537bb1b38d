//! Which letter checks ran, in the ordinary output of `cargo test` (no harness: nothing is
//! captured): reading every PDF back with pdftotext, and opening every DOCX in LibreOffice.
//! `SIKERJA_REQUIRE_SERVICES=1` requires pdftotext, `SIKERJA_REQUIRE_LIBREOFFICE=1` LibreOffice.

use sikerja_testkit::{Service, Suite, report};

fn main() -> std::process::ExitCode {
    report(
        "sikerja-letters",
        &[
            Suite::new(
                "PDF text read back and compared (tests/render.rs)",
                Service::Pdftotext,
            ),
            Suite::new(
                "DOCX opens and converts in LibreOffice (tests/render.rs)",
                Service::LibreOffice,
            ),
        ],
    )
}
