//! `sikerja regional-head add|end|list` (issue 14 point 4): a regency imported without the
//! demo records its Bupati, who gets a one-time password printed once; an overlapping term is
//! refused with its reason; ending the term the day before lets the successor's term in.

use std::process::{Command, Output};

fn sikerja(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sikerja"))
        .args(args)
        .env("SIKERJA_DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("RUST_LOG", "warn")
        .output()
        .expect("binary runs")
}

fn ok(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

fn add<'a>(name: &'a str, username: &'a str, from: &'a str) -> Vec<&'a str> {
    vec![
        "regional-head",
        "add",
        "--agency",
        "kab-contoh",
        "--office",
        "regent",
        "--name",
        name,
        "--username",
        username,
        "--title",
        "Bupati Contoh",
        "--from",
        from,
        "--basis-number",
        "100.2.1.3-1234 Tahun 2021",
        "--basis-date",
        "2021-02-20",
    ]
}

#[test]
fn a_regency_without_the_demo_records_its_bupati_and_a_successor_from_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("sikerja.db");
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/agency-small.json"
    );
    ok(&sikerja(&db, &["import", example]));
    let out = ok(&sikerja(
        &db,
        &add("H. Saidi Mansyur", "bupati.contoh", "2021-02-26"),
    ));
    assert!(
        out.contains("Masa jabatan Bupati H. Saidi Mansyur dicatat (nomor 1)"),
        "{out}"
    );
    let password = out
        .lines()
        .find(|l| l.contains("kata sandi sementara"))
        .and_then(|l| l.rsplit(' ').next())
        .expect("the one-time password is printed");
    assert!(password.len() >= 12, "{password}");
    // The successor while the first term is open: refused with the reason.
    let refused = sikerja(&db, &add("H. Andin", "andin", "2026-02-26"));
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("bertumpuk"), "{err}");
    ok(&sikerja(
        &db,
        &[
            "regional-head",
            "end",
            "--agency",
            "kab-contoh",
            "--id",
            "1",
            "--until",
            "2026-02-25",
        ],
    ));
    ok(&sikerja(&db, &add("H. Andin", "andin", "2026-02-26")));
    let list = ok(&sikerja(
        &db,
        &["regional-head", "list", "--agency", "kab-contoh"],
    ));
    assert!(list.contains("H. Andin"), "{list}");
    assert!(
        list.contains("26 Februari 2021 – 25 Februari 2026"),
        "{list}"
    );
    ok(&sikerja(&db, &["audit", "verify"]));
}
