//! The test of the test set-up (issue 12, point 11): every crate whose tests need a service has
//! a `services` test target without the harness (so its report is seen in `cargo test`), and
//! that target names every service the crate's tests use. A new suite that starts chromedriver,
//! a PostgreSQL database or a command-line tool without being listed there fails here.

use std::path::{Path, PathBuf};

/// What in a test file's text shows that it needs a service, and the `Service` variant that
/// must then appear in the crate's `tests/services.rs`.
const MARKERS: [(&str, &str); 7] = [
    ("fresh_store", "Service::PostgreSql"),
    ("sikerja_storage::testing", "Service::PostgreSql"),
    ("chromedriver", "Service::Chromium"),
    ("pdftotext", "Service::Pdftotext"),
    ("soffice", "Service::LibreOffice"),
    ("moto_server", "Service::Moto"),
    ("find_moto", "Service::Moto"),
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .expect("crates/testkit sits two levels below the workspace")
        .to_path_buf()
}

/// The `.rs` files under a crate's `tests/` (sub-folders too), but not `services.rs`.
fn test_sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(test_sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "services.rs")
        {
            out.push(path);
        }
    }
    out
}

fn declares_services_without_harness(manifest: &toml::Value) -> bool {
    manifest
        .get("test")
        .and_then(toml::Value::as_array)
        .is_some_and(|tests| {
            tests.iter().any(|t| {
                t.get("name").and_then(toml::Value::as_str) == Some("services")
                    && t.get("harness").and_then(toml::Value::as_bool) == Some(false)
            })
        })
}

#[test]
fn every_crate_whose_tests_need_a_service_reports_it_outside_the_harness() {
    let crates = workspace().join("crates");
    let mut checked = Vec::new();
    for entry in std::fs::read_dir(&crates).expect("crates/").flatten() {
        let dir = entry.path();
        if dir.file_name().is_some_and(|n| n == "testkit") {
            continue;
        }
        let mut needed: Vec<&str> = Vec::new();
        for file in test_sources(&dir.join("tests")) {
            let text = std::fs::read_to_string(&file).expect("readable test source");
            for (marker, service) in MARKERS {
                if text.contains(marker) && !needed.contains(&service) {
                    needed.push(service);
                }
            }
        }
        if needed.is_empty() {
            continue;
        }
        let manifest: toml::Value = std::fs::read_to_string(dir.join("Cargo.toml"))
            .expect("manifest")
            .parse()
            .expect("valid TOML");
        assert!(
            declares_services_without_harness(&manifest),
            "{}: its tests need {needed:?} but Cargo.toml has no [[test]] name = \"services\" \
             with harness = false, so a missing service would go unseen",
            dir.display()
        );
        let report = std::fs::read_to_string(dir.join("tests/services.rs"))
            .unwrap_or_else(|_| panic!("{}: tests/services.rs is missing", dir.display()));
        for service in &needed {
            assert!(
                report.contains(service),
                "{}: tests/services.rs does not report {service}, which its tests need",
                dir.display()
            );
        }
        checked.push(dir);
    }
    // The crates known to need services today are among those checked.
    for name in ["storage", "web", "letters", "files"] {
        assert!(
            checked.iter().any(|d| d.ends_with(name)),
            "crates/{name} was expected to need a service: {checked:?}"
        );
    }
}
