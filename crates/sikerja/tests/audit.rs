//! Issue 12 point 4, as an operator meets it: `sikerja audit verify` after each attack on the
//! audit trail that was seen (deleting the last rows; editing a row and recomputing the chain
//! after it; nulling the chain columns and restarting) exits non-zero naming the first bad
//! entry, never changes the database, and the server checkpoints the chain's head at start
//! and at shutdown. The attacks run on the test database (`SIKERJA_TEST_DATABASE_URL`:
//! PostgreSQL, else a SQLite file) with the test key given as `SIKERJA_AUDIT_KEY`; the rest on
//! SQLite files with the defaults beside them (the binary's own first start).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use sikerja_storage::testing::{
    Forgery, TEST_AUDIT_KEY, TestStore, audit_rows_at, execute_sql_at, forge_chain_at, fresh_store,
};

struct Installation {
    dir: tempfile::TempDir,
    /// The test database the attacks run on; `None`: a SQLite file in `dir` with defaults.
    test_db: Option<TestStore>,
}

impl Installation {
    fn new() -> Installation {
        Installation {
            dir: tempfile::tempdir().expect("temp dir"),
            test_db: None,
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("sikerja.db")
    }

    fn url(&self) -> String {
        match &self.test_db {
            Some(store) => store.url().to_string(),
            None => format!("sqlite://{}", self.db().display()),
        }
    }

    fn checkpoint_file(&self) -> PathBuf {
        match &self.test_db {
            Some(store) => store.audit_settings().checkpoint_file,
            None => self.dir.path().join("sikerja.db.audit-checkpoints"),
        }
    }

    fn checkpoints(&self) -> Vec<String> {
        std::fs::read_to_string(self.checkpoint_file())
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn command(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_sikerja"));
        c.env_remove("SIKERJA_LISTEN")
            .env_remove("SIKERJA_AUDIT_KEY")
            .env("SIKERJA_DATABASE_URL", self.url())
            .env("RUST_LOG", "warn")
            .current_dir(self.dir.path());
        if self.test_db.is_some() {
            c.env("SIKERJA_AUDIT_KEY", TEST_AUDIT_KEY)
                .env("SIKERJA_AUDIT_CHECKPOINT_FILE", self.checkpoint_file());
        }
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("binary runs")
    }

    /// The test database with two imports of the example agency: entries #1 (import) and
    /// #2 (replace).
    async fn with_two_entries() -> Installation {
        let i = Installation {
            dir: tempfile::tempdir().expect("temp dir"),
            test_db: Some(fresh_store().await),
        };
        let example = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/agency-small.json"
        );
        for _ in 0..2 {
            let out = i.run(&["import", example]);
            assert!(out.status.success(), "{}", text(&out.stderr));
        }
        i
    }

    /// Runs `audit verify`, asserting it fails, and returns what it printed on stderr.
    fn verify_fails(&self) -> String {
        let out = self.run(&["audit", "verify"]);
        assert!(
            !out.status.success(),
            "verify passed: {}",
            text(&out.stdout)
        );
        text(&out.stderr)
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

async fn sql(i: &Installation, statement: &str) {
    execute_sql_at(&i.url(), statement)
        .await
        .expect("tampering statement runs");
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

#[tokio::test]
async fn deleting_the_last_entries_after_a_checkpoint_fails_verify_naming_the_missing_entry() {
    let i = Installation::with_two_entries().await;
    let out = i.run(&["audit", "checkpoint"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("entri #2"),
        "{}",
        text(&out.stdout)
    );
    sql(&i, "DELETE FROM audit_log WHERE seq = 2").await;
    let err = i.verify_fails();
    assert!(err.contains("RUSAK pada entri #2:"), "{err}");
    assert!(err.contains("entri terakhir dihapus"), "{err}");
}

#[tokio::test]
async fn an_edited_entry_with_the_chain_recomputed_unkeyed_or_under_another_key_fails_verify() {
    let i = Installation::with_two_entries().await;
    sql(
        &i,
        "UPDATE audit_log SET actor = 'bukan operator' WHERE seq = 2",
    )
    .await;
    forge_chain_at(
        &i.url(),
        2,
        Forgery::WrongKey("kunci-penyerang-yang-cukup-panjang-123"),
    )
    .await
    .expect("forged");
    let err = i.verify_fails();
    assert!(err.contains("RUSAK pada entri #2 (id 2)"), "{err}");
    assert!(err.contains("hash tidak cocok"), "{err}");

    sql(&i, "UPDATE audit_log SET summary = '{}' WHERE seq = 1").await;
    forge_chain_at(&i.url(), 1, Forgery::Unkeyed)
        .await
        .expect("forged");
    let err = i.verify_fails();
    assert!(err.contains("RUSAK pada entri #1 (id 1)"), "{err}");
    assert!(err.contains("entri tanpa kunci"), "{err}");
}

#[tokio::test]
async fn nulled_chain_columns_stay_null_after_a_restart_and_verify_names_the_first_row() {
    let i = Installation::with_two_entries().await;
    sql(
        &i,
        "UPDATE audit_log SET seq = NULL, prev_hash = NULL, hash = NULL, chain_version = NULL",
    )
    .await;
    let tampered = audit_rows_at(&i.url()).await.expect("rows");
    let out = i.run(&["migrate"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        audit_rows_at(&i.url()).await.expect("rows"),
        tampered,
        "start-up rewrote audit rows"
    );
    let err = i.verify_fails();
    assert!(err.contains("RUSAK pada entri #1 (id 1)"), "{err}");
    assert!(err.contains("2 entri tanpa nilai rantai"), "{err}");
}

#[test]
fn verify_changes_neither_the_database_nor_the_checkpoints() {
    let i = Installation::new();
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/agency-small.json"
    );
    for _ in 0..2 {
        let out = i.run(&["import", example]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let wal = i.dir.path().join("sikerja.db-wal");
    let checkpoints = i.checkpoints();
    let rows = rt().block_on(audit_rows_at(&i.url())).expect("rows");
    let (db, log) = (file_bytes(&i.db()), file_bytes(&wal));
    let out = i.run(&["audit", "verify"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Jejak audit utuh: 2 entri"));
    assert_eq!(file_bytes(&i.db()), db, "the database file changed");
    assert_eq!(file_bytes(&wal), log, "the write-ahead log changed");
    assert_eq!(rt().block_on(audit_rows_at(&i.url())).expect("rows"), rows);
    assert_eq!(i.checkpoints(), checkpoints);
}

#[test]
fn the_server_checkpoints_at_start_and_at_shutdown_and_prints_them_for_a_witness() {
    let i = Installation::new();
    let mut child = i
        .command()
        .arg("serve")
        .env("SIKERJA_LISTEN", "127.0.0.1:0")
        .env("SIKERJA_AUDIT_WITNESS", "true")
        .stdout(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let started = Instant::now();
    let mut witnessed = Vec::new();
    while started.elapsed() < Duration::from_secs(300) {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(cp) = line.strip_prefix("AUDIT-CHECKPOINT ") {
            witnessed.push(cp.to_string());
        }
        if line.starts_with("Sikerja berjalan di http://") {
            break;
        }
    }
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    for line in lines.map_while(Result::ok) {
        if let Some(cp) = line.strip_prefix("AUDIT-CHECKPOINT ") {
            witnessed.push(cp.to_string());
        }
    }
    assert!(child.wait().expect("server stops").success());
    let file = i.checkpoints();
    // First start (empty chain), start of serving (demo loaded), shutdown.
    assert_eq!(file.len(), 3, "{file:?}");
    assert!(file[0].starts_with(r#"{"seq":0,"#), "{}", file[0]);
    assert_eq!(witnessed, file[1..], "the witness saw what the file holds");
    let seq = |line: &str| -> i64 {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        v["seq"].as_i64().expect("seq")
    };
    assert!(seq(&file[1]) > 0, "the demo load is checkpointed");
    assert_eq!(seq(&file[2]), seq(&file[1]));
    let out = i.run(&["audit", "verify"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("Cocok dengan 3 titik periksa"),
        "{}",
        text(&out.stdout)
    );
}
