//! The binary as a user runs it: `sikerja serve` on a fresh SQLite file loads the demo and
//! answers HTTP; bad configuration and bad import files fail with clear messages.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sikerja_domain::audit::AuditAction;

fn sikerja() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_sikerja"));
    c.env_remove("SIKERJA_DATABASE_URL")
        .env_remove("SIKERJA_LISTEN")
        .env("RUST_LOG", "warn");
    c
}

fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("server accepts connections");
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").expect("request");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("response");
    out
}

#[test]
fn serve_on_a_fresh_sqlite_file_loads_the_demo_and_prints_the_url() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sikerja.db");
    let mut child = sikerja()
        .arg("serve")
        .env("SIKERJA_DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("SIKERJA_LISTEN", "127.0.0.1:0")
        .stdout(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let started = Instant::now();
    let mut url = None;
    let mut warned = false;
    while started.elapsed() < Duration::from_secs(300) {
        let Some(Ok(line)) = lines.next() else { break };
        // Issue 15: no public_url is configured, so the start warns about the QR codes.
        warned |= line.starts_with("Peringatan: public_url belum diatur");
        if let Some(rest) = line.strip_prefix("Sikerja berjalan di http://") {
            url = Some(rest.trim_end_matches('/').to_string());
            break;
        }
    }
    let addr = url.expect("the server prints its URL");
    assert!(warned, "the server warns that public_url is not set");
    // Pages need a sign-in; the demo's sign-in page lists the demo people and the Bupati.
    let page = get(&addr, "/masuk");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        page.starts_with("HTTP/1.0 200") || page.starts_with("HTTP/1.1 200"),
        "{page:.200}"
    );
    assert!(
        page.contains("Sekretaris Daerah Kabupaten Banjar") && page.contains("bupati.banjar"),
        "the demo sign-ins are listed"
    );
    assert!(db.exists(), "the SQLite file was created");
}

#[test]
fn an_unknown_database_url_scheme_is_a_clear_error() {
    let out = sikerja()
        .arg("migrate")
        .env("SIKERJA_DATABASE_URL", "mysql://localhost/sikerja")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mysql"), "names the scheme: {err}");
}

#[test]
fn an_ordinary_command_prints_no_info_logs_and_no_colours() {
    // Issue 15 point 9: `sikerja migrate` once printed a coloured INFO line per migration.
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sikerja.db");
    let out = sikerja()
        .arg("migrate")
        .env(
            "SIKERJA_DATABASE_URL",
            format!("sqlite://{}?mode=rwc", db.display()),
        )
        .env_remove("RUST_LOG")
        .output()
        .expect("runs");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{all}");
    assert!(!all.contains(" INFO "), "{all}");
    assert!(!all.contains('\u{1b}'), "no terminal colours: {all:?}");
}

#[test]
fn import_dry_run_accepts_the_example_and_lists_every_problem_of_a_bad_file() {
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/agency-small.json"
    );
    let out = sikerja()
        .args(["import", "--dry-run", example])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.json");
    let mut text = std::fs::read_to_string(example).expect("example exists");
    // Break the first NIP (an impossible birth month) and a grade.
    let nip_at = text.find("\"nip\": \"").expect("has a NIP") + 8;
    text.replace_range(nip_at + 4..nip_at + 6, "13");
    std::fs::File::create(&bad)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .expect("write");
    let db = dir.path().join("db.sqlite");
    let out = sikerja()
        .args(["import", bad.to_str().expect("utf-8 path")])
        .env("SIKERJA_DATABASE_URL", format!("sqlite://{}", db.display()))
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tidak ada yang disimpan"), "{err}");
    assert!(err.contains("nip"), "names the field: {err}");
}

#[test]
fn audit_verify_on_a_fresh_database_reports_an_intact_empty_trail() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("audit.db");
    // Verification only reads: it neither creates nor migrates a database.
    let out = sikerja()
        .args(["audit", "verify"])
        .env("SIKERJA_DATABASE_URL", format!("sqlite://{}", db.display()))
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(!db.exists(), "verify created the database");
    let out = sikerja()
        .args(["migrate"])
        .env("SIKERJA_DATABASE_URL", format!("sqlite://{}", db.display()))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let out = sikerja()
        .args(["audit", "verify"])
        .env("SIKERJA_DATABASE_URL", format!("sqlite://{}", db.display()))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Jejak audit utuh: 0 entri, kepala (kosong)"),
        "{text}"
    );
}

#[test]
fn audit_verify_after_an_import_reports_one_entry_and_its_head_hash() {
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/agency-small.json"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("audit.db").display());
    let out = sikerja()
        .args(["import", example])
        .env("SIKERJA_DATABASE_URL", &url)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = sikerja()
        .args(["audit", "verify"])
        .env("SIKERJA_DATABASE_URL", &url)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let head = text
        .lines()
        .next()
        .unwrap_or_default()
        .strip_prefix("Jejak audit utuh: 1 entri, kepala ")
        .unwrap_or_else(|| panic!("unexpected output: {text}"));
    assert_eq!(head.len(), 64, "a SHA-256 in hex: {head}");
}

/// Issue 14 point 7: every action a full demo run records (the import, the demo passwords,
/// the planning, assignment workflow and execution seeds) is a value of the domain's
/// `AuditAction`, so the audit page has a label for each.
#[test]
fn every_action_a_demo_run_records_is_in_the_audit_vocabulary() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("demo.db").display());
    let out = sikerja()
        .arg("demo")
        .env("SIKERJA_DATABASE_URL", &url)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let actions = runtime
        .block_on(sikerja_storage::testing::audit_actions_at(&url))
        .expect("audit rows");
    let unknown: Vec<&String> = actions
        .iter()
        .filter(|a| AuditAction::from_code(a).is_none())
        .collect();
    assert!(
        unknown.is_empty(),
        "actions without a vocabulary value: {unknown:?}"
    );
    for expected in [
        AuditAction::AgencyImport,
        AuditAction::PasswordDemo,
        AuditAction::AgreementSigned,
        AuditAction::AssignmentDrafted,
        AuditAction::RequestStep,
        // Issue 17 point 6: a map of each kind, one reviewed with its lanes bound.
        AuditAction::ProcessMapCreated,
        AuditAction::ProcessMapReviewed,
        AuditAction::ProcessMapLaneBound,
    ] {
        assert!(
            actions.iter().any(|a| a == expected.code()),
            "the demo records {expected}: {actions:?}"
        );
    }
}

/// Issue 15: the people the demo acts as (planning, the assignment workflow, letters,
/// execution) are recorded as a signed-in person is, "Nama (NIP …)", so the audit page links
/// each row to the employee's page; only the demo's own set-up (accounts, grants) is "demo".
#[test]
fn the_demo_records_its_people_by_name_and_nip_so_the_audit_page_links_them() {
    use sikerja_domain::audit::AuditGroup;
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("demo.db").display());
    let out = sikerja()
        .arg("demo")
        .env("SIKERJA_DATABASE_URL", &url)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let rows = runtime
        .block_on(sikerja_storage::testing::audit_actors_at(&url))
        .expect("audit rows");
    let acted: Vec<&(String, String)> = rows
        .iter()
        .filter(|(action, _)| {
            AuditAction::from_code(action).is_some_and(|a| {
                matches!(
                    a.group(),
                    AuditGroup::Planning | AuditGroup::Assignment | AuditGroup::Execution
                )
            })
        })
        .collect();
    assert!(acted.len() > 20, "the demo acts: {}", acted.len());
    let unlinked: Vec<_> = acted
        .iter()
        .filter(|(_, actor)| sikerja_storage::actor_nip(actor).is_none())
        .collect();
    assert!(unlinked.is_empty(), "rows without a NIP: {unlinked:?}");
}
