//! Says, in the ordinary output of `cargo test`, which test suites did not run because a
//! service they need is missing — PostgreSQL, Chromium (chromedriver), pdftotext, LibreOffice,
//! the moto S3 server.
//!
//! A passing test's output is captured by the test harness, so a notice printed inside a test
//! is never seen. Each crate whose suites need a service therefore has a test target
//! `tests/services.rs` declared with `harness = false`: a plain `main` whose output `cargo test`
//! shows as it is. It calls [`report`] with the services of that crate; the lines name every
//! suite that did not run and how to run it. With `SIKERJA_REQUIRE_SERVICES=1` (CI), or the
//! service's own variable, a missing service makes that target fail.
//!
//! `tests/setup.rs` of this crate checks the set-up itself: every such target exists, is
//! declared without the harness and names the services its crate's suites use.

#![forbid(unsafe_code)]

use std::fmt::Write as _;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Set to `1` in CI: every missing service fails instead of being reported.
pub const REQUIRE_SERVICES_VAR: &str = "SIKERJA_REQUIRE_SERVICES";
/// The PostgreSQL server the storage and web suites use (its maintenance database).
pub const DATABASE_URL_VAR: &str = "SIKERJA_TEST_DATABASE_URL";
/// `sqlite` forces the SQLite backend even when [`DATABASE_URL_VAR`] is set.
pub const BACKEND_VAR: &str = "SIKERJA_TEST_BACKEND";
/// Set to `1` in CI: a missing LibreOffice fails (it is not needed for anything else).
pub const REQUIRE_LIBREOFFICE_VAR: &str = "SIKERJA_REQUIRE_LIBREOFFICE";
/// The `moto_server` program the S3 suite of the file store starts (else found on `PATH`).
pub const MOTO_VAR: &str = "SIKERJA_TEST_MOTO";

/// A service some test suite needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// A PostgreSQL server named by [`DATABASE_URL_VAR`].
    PostgreSql,
    /// `chromedriver` (with Debian's Chromium) for the browser suite.
    Chromium,
    /// `pdftotext` from poppler-utils, to read letters back from their PDF.
    Pdftotext,
    /// `soffice` (LibreOffice Writer), to check that every DOCX opens.
    LibreOffice,
    /// `moto_server` (moto's S3-compatible server mode, from PyPI), for the S3 backend of the
    /// evidence-file store.
    Moto,
}

impl Service {
    /// Every service, in the order the report lists them.
    pub const ALL: [Service; 5] = [
        Service::PostgreSql,
        Service::Chromium,
        Service::Pdftotext,
        Service::LibreOffice,
        Service::Moto,
    ];

    /// The name a person reads.
    pub fn name(self) -> &'static str {
        match self {
            Service::PostgreSql => "PostgreSQL",
            Service::Chromium => "Chromium (chromedriver)",
            Service::Pdftotext => "pdftotext (poppler-utils)",
            Service::LibreOffice => "LibreOffice (soffice)",
            Service::Moto => "moto S3 server (moto_server)",
        }
    }

    /// The variable that turns this service's absence into a failure.
    pub fn require_var(self) -> &'static str {
        match self {
            Service::LibreOffice => REQUIRE_LIBREOFFICE_VAR,
            _ => REQUIRE_SERVICES_VAR,
        }
    }

    /// How to make the suite run.
    fn remedy(self) -> String {
        match self {
            Service::PostgreSql => format!(
                "start a PostgreSQL server and set {DATABASE_URL_VAR}=postgres://postgres@127.0.0.1:54330/postgres (README, \"Tests\")"
            ),
            Service::Chromium => "apt-get install chromium chromium-driver".to_string(),
            Service::Pdftotext => "apt-get install poppler-utils".to_string(),
            Service::LibreOffice => {
                "apt-get install --no-install-recommends libreoffice-writer-nogui".to_string()
            }
            Service::Moto => format!(
                "pip install 'moto[server]' (puts moto_server on PATH), or set {MOTO_VAR}=/path/to/moto_server"
            ),
        }
    }
}

/// Whether a service is there, as found on this machine now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Availability {
    /// Found; the text says where.
    Present(String),
    /// Configured to be skipped for this run on purpose (SQLite forced for the first CI pass);
    /// the text says why. Under the require variable the service must still be reachable.
    Deselected(String),
    /// Not found; the text says what is missing.
    Missing(String),
}

/// One line of the report: a suite and the service it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suite {
    /// The suite as a person finds it, e.g. "storage conformance suite".
    pub name: &'static str,
    /// The service it needs.
    pub service: Service,
}

impl Suite {
    /// A suite needing a service.
    pub const fn new(name: &'static str, service: Service) -> Suite {
        Suite { name, service }
    }
}

/// What a report found: its text and whether it is a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The lines to print.
    pub text: String,
    /// Suites that did not run (missing service).
    pub not_run: usize,
    /// Whether a missing service was required.
    pub failed: bool,
}

/// The report for `suites`, given how to look up a service and read a variable — pure, so the
/// test of the set-up can drive it.
pub fn build_report(
    crate_name: &str,
    suites: &[Suite],
    availability: impl Fn(Service) -> Availability,
    var: impl Fn(&str) -> Option<String>,
) -> Report {
    let bar = "!".repeat(78);
    let mut text = String::new();
    let mut not_run = 0;
    let mut failed = false;
    let mut seen: Vec<(Service, Availability)> = Vec::new();
    for suite in suites {
        let found = match seen.iter().find(|(s, _)| *s == suite.service) {
            Some((_, a)) => a.clone(),
            None => {
                let a = availability(suite.service);
                seen.push((suite.service, a.clone()));
                a
            }
        };
        let required = var(suite.service.require_var()).is_some_and(|v| v == "1");
        match found {
            Availability::Present(where_) => {
                let _ = writeln!(
                    text,
                    "[{crate_name}] ran: {} — {} at {where_}",
                    suite.name,
                    suite.service.name()
                );
            }
            Availability::Deselected(why) => {
                let _ = writeln!(
                    text,
                    "[{crate_name}] not in this pass: {} — {why}",
                    suite.name
                );
            }
            Availability::Missing(what) => {
                not_run += 1;
                failed |= required;
                let _ = writeln!(text, "{bar}");
                let _ = writeln!(
                    text,
                    "!! [{crate_name}] DID NOT RUN: {} — {} is missing ({what}).",
                    suite.name,
                    suite.service.name()
                );
                let _ = writeln!(text, "!! To run it: {}.", suite.service.remedy());
                if required {
                    let _ = writeln!(
                        text,
                        "!! FAILURE: {}=1 requires {}.",
                        suite.service.require_var(),
                        suite.service.name()
                    );
                } else {
                    let _ = writeln!(
                        text,
                        "!! Set {}=1 to make this a failure (CI does).",
                        suite.service.require_var()
                    );
                }
                let _ = writeln!(text, "{bar}");
            }
        }
    }
    Report {
        text,
        not_run,
        failed,
    }
}

/// Prints the report for `suites` on this machine (`cargo test` shows a harness-less target's
/// output as it is) and gives the exit code of the `services` test target.
pub fn report(crate_name: &str, suites: &[Suite]) -> ExitCode {
    let report = build_report(crate_name, suites, availability, |v| std::env::var(v).ok());
    print!("\n{}", report.text);
    if report.failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Whether a service is there on this machine now.
pub fn availability(service: Service) -> Availability {
    match service {
        Service::PostgreSql => postgres(),
        Service::Chromium => program("chromedriver"),
        Service::Pdftotext => program("pdftotext"),
        Service::LibreOffice => program("soffice"),
        Service::Moto => moto(),
    }
}

/// The `moto_server` program: [`MOTO_VAR`] when set (it must exist), else on `PATH`.
pub fn find_moto() -> Result<PathBuf, String> {
    match std::env::var_os(MOTO_VAR).filter(|v| !v.is_empty()) {
        Some(path) => {
            let path = PathBuf::from(path);
            if path.is_file() {
                Ok(path)
            } else {
                Err(format!(
                    "{MOTO_VAR} names {}, which is not a file",
                    path.display()
                ))
            }
        }
        None => {
            find_program("moto_server").ok_or_else(|| "`moto_server` not found on PATH".to_string())
        }
    }
}

fn moto() -> Availability {
    match find_moto() {
        Ok(path) => Availability::Present(path.display().to_string()),
        Err(what) => Availability::Missing(what),
    }
}

/// A program on `PATH` (or in `/usr/bin`).
pub fn find_program(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain([PathBuf::from("/usr/bin")])
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn program(name: &str) -> Availability {
    match find_program(name) {
        Some(path) => Availability::Present(path.display().to_string()),
        None => Availability::Missing(format!("`{name}` not found on PATH")),
    }
}

fn postgres() -> Availability {
    let Some(url) = std::env::var(DATABASE_URL_VAR)
        .ok()
        .filter(|v| !v.trim().is_empty())
    else {
        return Availability::Missing(format!("{DATABASE_URL_VAR} is not set"));
    };
    let Some(address) = host_and_port(&url) else {
        return Availability::Missing(format!("{DATABASE_URL_VAR} has no host:port"));
    };
    let reachable = address
        .to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
        .is_some_and(|a| TcpStream::connect_timeout(&a, Duration::from_secs(3)).is_ok());
    if !reachable {
        return Availability::Missing(format!(
            "{DATABASE_URL_VAR} names {address}, which does not answer"
        ));
    }
    if std::env::var(BACKEND_VAR).is_ok_and(|v| v.eq_ignore_ascii_case("sqlite")) {
        return Availability::Deselected(format!(
            "{BACKEND_VAR}=sqlite (PostgreSQL at {address} is up; its pass runs separately)"
        ));
    }
    Availability::Present(address)
}

/// `host:port` of a `postgres://user:secret@host:port/db?x` URL (default port 5432); the
/// credentials are never part of the answer.
pub fn host_and_port(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.is_empty() {
        return None;
    }
    if host_port.contains(':') && !host_port.ends_with(']') {
        Some(host_port.to_string())
    } else {
        Some(format!("{host_port}:5432"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUITES: [Suite; 2] = [
        Suite::new("storage suite on PostgreSQL", Service::PostgreSql),
        Suite::new("browser suite", Service::Chromium),
    ];

    fn no_vars(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn a_missing_service_is_named_loudly_with_its_remedy_and_does_not_fail_by_default() {
        let r = build_report(
            "sikerja-web",
            &SUITES,
            |s| match s {
                Service::PostgreSql => Availability::Missing("not set".into()),
                _ => Availability::Present("/usr/bin/chromedriver".into()),
            },
            no_vars,
        );
        assert!(r.text.contains(
            "DID NOT RUN: storage suite on PostgreSQL — PostgreSQL is missing (not set)"
        ));
        assert!(r.text.contains(DATABASE_URL_VAR));
        assert!(r.text.contains("ran: browser suite"));
        assert_eq!(r.not_run, 1);
        assert!(!r.failed);
    }

    #[test]
    fn a_missing_service_fails_when_its_require_variable_is_set() {
        let r = build_report(
            "sikerja-letters",
            &[Suite::new(
                "DOCX opens in LibreOffice",
                Service::LibreOffice,
            )],
            |_| Availability::Missing("`soffice` not found on PATH".into()),
            |v| (v == REQUIRE_LIBREOFFICE_VAR).then(|| "1".to_string()),
        );
        assert!(r.failed);
        assert!(r.text.contains("FAILURE: SIKERJA_REQUIRE_LIBREOFFICE=1"));
        // The general variable does not require LibreOffice.
        let r = build_report(
            "sikerja-letters",
            &[Suite::new(
                "DOCX opens in LibreOffice",
                Service::LibreOffice,
            )],
            |_| Availability::Missing("x".into()),
            |v| (v == REQUIRE_SERVICES_VAR).then(|| "1".to_string()),
        );
        assert!(!r.failed);
    }

    #[test]
    fn a_missing_moto_server_is_named_with_its_remedy_and_fails_in_ci() {
        let suites = [Suite::new("file store on S3 (moto)", Service::Moto)];
        let missing = |_| Availability::Missing("`moto_server` not found on PATH".into());
        let r = build_report("sikerja-files", &suites, missing, no_vars);
        assert!(r.text.contains("DID NOT RUN: file store on S3 (moto)"));
        assert!(r.text.contains("pip install 'moto[server]'"));
        assert!(r.text.contains(MOTO_VAR));
        assert!(!r.failed);
        let r = build_report("sikerja-files", &suites, missing, |v| {
            (v == REQUIRE_SERVICES_VAR).then(|| "1".to_string())
        });
        assert!(r.failed);
    }

    #[test]
    fn a_deselected_service_is_said_but_is_neither_missing_nor_a_failure() {
        let r = build_report(
            "sikerja-storage",
            &SUITES[..1],
            |_| Availability::Deselected("forced".into()),
            |_| Some("1".into()),
        );
        assert_eq!(r.not_run, 0);
        assert!(!r.failed);
        assert!(
            r.text
                .contains("not in this pass: storage suite on PostgreSQL — forced")
        );
    }

    #[test]
    fn the_host_and_port_of_a_database_url_never_carry_credentials() {
        assert_eq!(
            host_and_port("postgres://postgres:secret@127.0.0.1:54330/postgres?sslmode=off"),
            Some("127.0.0.1:54330".into())
        );
        assert_eq!(
            host_and_port("postgres://db.example/x"),
            Some("db.example:5432".into())
        );
        assert_eq!(host_and_port("not a url"), None);
    }
}
