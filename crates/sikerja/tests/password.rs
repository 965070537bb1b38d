//! `sikerja demo` gives the well-known demo people their password, and
//! `sikerja password reset --nip NIP` prints a temporary password once.

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
