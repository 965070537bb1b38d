//! `sikerja demo` gives the well-known demo people their password, and
//! `sikerja password reset --nip NIP` prints a temporary password once; `sikerja role` and
//! `sikerja token` manage granted roles and API tokens.

use std::process::{Command, Output};

fn sikerja(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sikerja"))
        .args(args)
        .env("SIKERJA_DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("RUST_LOG", "warn")
        .output()
        .expect("binary runs")
}

#[test]
fn demo_accounts_are_set_and_an_admin_reset_prints_a_temporary_password() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sikerja.db");

    let demo = sikerja(&db, &["demo"]);
    let out = String::from_utf8_lossy(&demo.stdout);
    assert!(demo.status.success(), "{out}");
    assert!(out.contains("Akun demo siap: 11 orang"), "{out}");
    // The demo's planning (issue 4) is seeded once: loading the demo again keeps it.
    assert!(out.contains("Perencanaan demo"), "{out}");
    // And its assignment request (issue 5, PEN-14) too.
    assert!(out.contains("Penugasan demo"), "{out}");
    // Issue 13 point 10: running teams in a Dinas, the RSUD, the Setda and a Kecamatan.
    assert!(out.contains("Pelaksanaan demo: 4 tim berjalan"), "{out}");
    let again = sikerja(&db, &["demo"]);
    let out = String::from_utf8_lossy(&again.stdout);
    assert!(again.status.success(), "{out}");
    assert!(!out.contains("Perencanaan demo"), "{out}");
    assert!(!out.contains("Penugasan demo"), "{out}");
    assert!(!out.contains("Pelaksanaan demo"), "{out}");
    let verify = sikerja(&db, &["audit", "verify"]);
    assert!(verify.status.success());
    // The agency's workflow settings are shown and set from the command line (PEN-15).
    let policy = sikerja(
        &db,
        &[
            "workflow",
            "policy",
            "--agency",
            "kab-banjar",
            "--escalation-hours",
            "48",
        ],
    );
    let out = String::from_utf8_lossy(&policy.stdout);
    assert!(policy.status.success(), "{out}");
    assert!(out.contains("setelah 48 jam"), "{out}");
    assert!(out.contains("Sekretaris Daerah (bawaan)"), "{out}");
    let wrong = sikerja(
        &db,
        &[
            "workflow",
            "policy",
            "--agency",
            "kab-banjar",
            "--escalation-hours",
            "9999",
        ],
    );
    assert!(!wrong.status.success());
    let escalate = sikerja(&db, &["workflow", "escalate"]);
    let out = String::from_utf8_lossy(&escalate.stdout);
    assert!(escalate.status.success(), "{out}");
    assert!(out.contains("0 langkah dieskalasi"), "{out}");

    let pelaksana = sikerja_demo::demo_people().pelaksana.nip;
    let reset = sikerja(&db, &["password", "reset", "--nip", pelaksana]);
    let out = String::from_utf8_lossy(&reset.stdout);
    assert!(reset.status.success(), "{out}");
    let line = out
        .lines()
        .find(|l| l.starts_with("Kata sandi sementara"))
        .expect("the temporary password is printed");
    let temporary = line.rsplit(' ').next().expect("password at the end");
    assert_eq!(temporary.len(), 16, "{line}");

    let unknown = sikerja(&db, &["password", "reset", "--nip", "199901012024011999"]);
    assert!(!unknown.status.success());
}

#[test]
fn roles_and_tokens_are_managed_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sikerja.db");
    assert!(sikerja(&db, &["demo"]).status.success());
    let pengawas = sikerja_demo::demo_people().pengawas.nip;

    let grant = sikerja(
        &db,
        &[
            "role", "grant", "--nip", pengawas, "--role", "hr_admin", "--reason", "uji",
        ],
    );
    let out = String::from_utf8_lossy(&grant.stdout);
    assert!(grant.status.success(), "{out}");
    assert!(out.contains("Admin BKPSDM"), "{out}");
    let again = sikerja(
        &db,
        &[
            "role", "grant", "--nip", pengawas, "--role", "hr_admin", "--reason", "uji",
        ],
    );
    assert!(!again.status.success(), "a second active grant is refused");
    let unknown = sikerja(
        &db,
        &[
            "role", "grant", "--nip", pengawas, "--role", "root", "--reason", "uji",
        ],
    );
    assert!(!unknown.status.success());
    let list = sikerja(&db, &["role", "list", "--agency", "kab-banjar"]);
    let out = String::from_utf8_lossy(&list.stdout);
    assert!(out.contains(pengawas) && out.contains("aktif"), "{out}");

    let create = sikerja(&db, &["token", "create", "--name", "simpeg", "--write"]);
    let out = String::from_utf8_lossy(&create.stdout);
    assert!(create.status.success(), "{out}");
    let secret = out
        .lines()
        .find(|l| l.starts_with("skj_"))
        .expect("the secret is printed");
    assert!(secret.len() > 30, "{secret}");
    let listed = sikerja(&db, &["token", "list"]);
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(out.contains("simpeg") && !out.contains(secret), "{out}");
}

#[test]
fn doc_05_registers_and_letterheads_are_set_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sikerja.db");
    assert!(sikerja(&db, &["demo"]).status.success());
    let year = chrono::Datelike::year(&chrono::Utc::now()).to_string();
    let set = sikerja(
        &db,
        &[
            "letters",
            "register",
            "--agency",
            "kab-banjar",
            "--department",
            "kec-martapura",
            "--kind",
            "involvement_request",
            "--classification",
            "000.1.2",
            "--unit-code",
            "KEC-MTP",
        ],
    );
    let out = String::from_utf8_lossy(&set.stdout);
    assert!(
        set.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&set.stderr)
    );
    assert!(out.contains(&format!("000.1.2/1/KEC-MTP/{year}")), "{out}");
    // A pattern without the sequence, or an unknown kind, changes nothing.
    let no_seq = sikerja(
        &db,
        &[
            "letters",
            "register",
            "--agency",
            "kab-banjar",
            "--kind",
            "regent_decree",
            "--classification",
            "100.3.3.2",
            "--unit-code",
            "HUK",
            "--pattern",
            "{classification}/{unit}/{year}",
        ],
    );
    assert!(!no_seq.status.success());
    let unknown = sikerja(
        &db,
        &[
            "letters",
            "register",
            "--agency",
            "kab-banjar",
            "--kind",
            "sk",
            "--classification",
            "1",
            "--unit-code",
            "X",
        ],
    );
    assert!(!unknown.status.success());
    // Issue 15 point 6: the register of performance agreements is set the same way.
    let agreements = sikerja(
        &db,
        &[
            "letters",
            "register",
            "--agency",
            "kab-banjar",
            "--department",
            "diskominfostat",
            "--kind",
            "performance_agreement",
            "--classification",
            "000.8.3",
            "--unit-code",
            "DISKOMINFOSTAT",
        ],
    );
    let out = String::from_utf8_lossy(&agreements.stdout);
    assert!(
        agreements.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&agreements.stderr)
    );
    assert!(
        out.contains("Perjanjian Kinerja")
            && out.contains(&format!("000.8.3/1/DISKOMINFOSTAT/{year}")),
        "{out}"
    );
    let list = sikerja(&db, &["letters", "registers", "--agency", "kab-banjar"]);
    let out = String::from_utf8_lossy(&list.stdout);
    assert!(list.status.success(), "{out}");
    // The demo's signed agreement took its number from that register (DOC-05).
    assert!(
        out.lines()
            .any(|l| l.contains("terbit") && l.contains("Perjanjian Kinerja ")),
        "{out}"
    );
    // The demo's workflow steps issue their letters (issue 15 point 4), so the demo has
    // registers of its own; the refused commands added none.
    assert_eq!(
        out.lines()
            .filter(|l| l.contains("Surat permohonan pelibatan"))
            .count(),
        1,
        "{out}"
    );
    assert!(!out.contains("Keputusan Bupati"), "{out}");
    let head = sikerja(
        &db,
        &[
            "letters",
            "letterhead",
            "--agency",
            "kab-banjar",
            "--department",
            "kec-martapura",
            "--line",
            "PEMERINTAH KABUPATEN BANJAR",
            "--line",
            "KECAMATAN MARTAPURA",
            "--address",
            "Jalan Menteri Empat, Martapura (fiktif)",
            "--contact",
            "Telepon (0511) 0000000",
        ],
    );
    let out = String::from_utf8_lossy(&head.stdout);
    assert!(head.status.success(), "{out}");
    assert!(out.contains("KECAMATAN MARTAPURA"), "{out}");
    assert!(sikerja(&db, &["audit", "verify"]).status.success());
}

/// The active `hr_admin` grants of the demo agency as listed by `sikerja role list`.
fn active_admin_grants(db: &std::path::Path) -> Vec<String> {
    let list = sikerja(db, &["role", "list", "--agency", "kab-banjar"]);
    assert!(list.status.success());
    String::from_utf8_lossy(&list.stdout)
        .lines()
        .filter(|l| l.contains("\thr_admin\t") && l.ends_with("\taktif"))
        .filter_map(|l| l.split('\t').next().map(str::to_string))
        .collect()
}

#[test]
fn the_last_admin_is_revoked_from_the_command_line_only_with_force_and_the_audit_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sikerja.db");
    assert!(sikerja(&db, &["demo"]).status.success());
    let mut admins = active_admin_grants(&db);
    assert!(!admins.is_empty(), "the demo has an admin");
    // All but the last go without --force.
    while admins.len() > 1 {
        let id = admins.remove(0);
        let out = sikerja(&db, &["role", "revoke", "--id", &id, "--reason", "uji"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let last = admins.remove(0);
    let refused = sikerja(&db, &["role", "revoke", "--id", &last, "--reason", "uji"]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("last_role_holder") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(active_admin_grants(&db), std::slice::from_ref(&last));
    let forced = sikerja(
        &db,
        &[
            "role",
            "revoke",
            "--id",
            &last,
            "--reason",
            "Instalasi ulang",
            "--force",
        ],
    );
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    assert!(active_admin_grants(&db).is_empty());
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let summary = runtime.block_on(async {
        let store = sikerja_storage::Store::connect(&format!("sqlite://{}", db.display()))
            .await
            .expect("store");
        let entries = store
            .audit_of(sikerja_domain::audit::AuditSubject::RoleGrant, &last)
            .await
            .expect("audit");
        entries
            .into_iter()
            .find(|e| e.action == "role.revoked")
            .expect("the revocation is audited")
            .summary
    });
    assert!(summary.contains("\"forced_last_holder\":true"), "{summary}");
}
