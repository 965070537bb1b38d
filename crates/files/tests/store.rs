//! The evidence-file store on every backend (issue 13 point 4): each test body runs on a local
//! folder (always) and on S3-compatible storage — a moto server this test binary starts
//! (`moto_server` on PATH or `SIKERJA_TEST_MOTO`). Without moto only the folder runs, and the
//! `services` target of this crate says so loudly (and fails in CI).

use std::io::{Read as _, Write as _};

use object_store::ObjectStoreExt as _;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};
use sikerja_files::{Backend, FileError, FileKey, FilePolicy, FileStore, MediaType, S3Settings};

const PDF: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0";
const JPEG: &[u8] = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xFF\xD9";

/// A Linux executable's 64-byte header.
fn elf() -> Vec<u8> {
    let mut elf =
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0>\0\x01\0\0\0\x40\x10\x40\0".to_vec();
    elf.resize(64, 0);
    elf
}

/// One backend under test.
struct Case {
    name: &'static str,
    store: FileStore,
    place: Place,
}

/// Where a case's objects lie, to look at them (and tamper with them) from outside the store.
enum Place {
    /// The store's folder, inside a temporary folder holding nothing else.
    Local {
        _tmp: tempfile::TempDir,
        root: PathBuf,
    },
    /// A bucket of the moto server, seen without the store (the store adds `prefix`).
    S3 {
        bucket: object_store::aws::AmazonS3,
        prefix: String,
    },
}

impl Case {
    /// Replaces the stored bytes of `key` behind the store's back.
    async fn tamper(&self, key: &FileKey, bytes: &[u8]) {
        let shard = &key.as_str()[..2];
        match &self.place {
            Place::Local { root, .. } => {
                let path = root.join(shard).join(key.as_str());
                assert!(path.is_file(), "{} lies at {}", key, path.display());
                std::fs::write(path, bytes).expect("overwrite");
            }
            Place::S3 { bucket, prefix } => {
                let path = object_store::path::Path::from(format!("{prefix}/{shard}/{key}"));
                bucket
                    .put(&path, bytes.to_vec().into())
                    .await
                    .expect("moto overwrote the object");
            }
        }
    }

    /// Whether an object lies at `path` of the bucket, outside the store.
    async fn s3_has(&self, path: &str) -> bool {
        match &self.place {
            Place::S3 { bucket, .. } => bucket
                .head(&object_store::path::Path::from(path))
                .await
                .is_ok(),
            Place::Local { .. } => false,
        }
    }
}

/// The local case, and the S3 case when moto is there.
fn cases(policy: FilePolicy) -> Vec<Case> {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("bukti");
    let local = FileStore::open(&Backend::Local(root.clone()), policy.clone()).expect("folder");
    assert!(root.is_dir(), "the folder is created when missing");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&root)
            .expect("folder")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "only its owner reads the folder: {mode:o}");
    }
    let mut out = vec![Case {
        name: "local",
        store: local,
        place: Place::Local { _tmp: tmp, root },
    }];
    if let Some(address) = moto() {
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let bucket = format!(
            "sikerja-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        assert_eq!(
            http(address, "PUT", &format!("/{bucket}"), b""),
            200,
            "bucket"
        );
        let prefix = "sikerja/bukti".to_string();
        let settings = S3Settings {
            bucket: bucket.clone(),
            region: "us-east-1".into(),
            endpoint: Some(format!("http://{address}")),
            access_key_id: Some("sikerja-test".into()),
            secret_access_key: Some("sikerja-test-secret".into()),
            allow_http: true,
            prefix: Some(prefix.clone()),
        };
        let store = FileStore::open(&Backend::S3(settings), policy).expect("s3");
        assert_eq!(store.location(), format!("s3://{bucket}/sikerja/bukti"));
        let raw = object_store::aws::AmazonS3Builder::new()
            .with_bucket_name(&bucket)
            .with_region("us-east-1")
            .with_endpoint(format!("http://{address}"))
            .with_access_key_id("sikerja-test")
            .with_secret_access_key("sikerja-test-secret")
            .with_allow_http(true)
            .build()
            .expect("raw bucket");
        out.push(Case {
            name: "s3",
            store,
            place: Place::S3 {
                bucket: raw,
                prefix,
            },
        });
    }
    out
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn code<T: std::fmt::Debug>(r: Result<T, FileError>) -> String {
    match r {
        Ok(v) => format!("ok: {v:?}"),
        Err(e) => e.code().to_string(),
    }
}

#[tokio::test]
async fn a_file_comes_back_as_stored_with_its_sha256_size_type_and_name() {
    for case in cases(FilePolicy::default()) {
        let n = case.name;
        let stored = case
            .store
            .put(PDF.to_vec(), "Laporan Desember.pdf", "application/pdf")
            .await
            .expect("stored");
        assert_eq!(stored.sha256, sha256(PDF), "{n}");
        assert_eq!(stored.size, PDF.len() as u64, "{n}");
        assert_eq!(stored.media_type, MediaType::Pdf, "{n}");
        assert_eq!(stored.original_name, "Laporan Desember.pdf", "{n}");
        let back = case
            .store
            .get(&stored.key, &stored.sha256)
            .await
            .expect("read back");
        assert_eq!(back, PDF, "{n}");
        // The same content twice is two files: deleting one never removes the other's.
        let again = case
            .store
            .put(PDF.to_vec(), "salinan.pdf", "application/pdf")
            .await
            .expect("stored");
        assert_ne!(again.key, stored.key, "{n}");
        assert_eq!(again.sha256, stored.sha256, "{n}");
        let mut keys = vec![stored.key.clone(), again.key.clone()];
        keys.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        assert_eq!(case.store.keys().await.expect("list"), keys, "{n}");
        // The record survives a trip through JSON (the database keeps it as columns or JSON).
        let json = serde_json::to_value(&stored).expect("json");
        assert_eq!(json["media_type"], "application/pdf", "{n}");
        assert_eq!(
            serde_json::from_value::<sikerja_files::StoredFile>(json).expect("back"),
            stored,
            "{n}"
        );
    }
}

#[tokio::test]
async fn every_allowed_type_is_stored_with_the_type_its_content_has() {
    let files: [(&str, Vec<u8>, &str, MediaType); 8] = [
        ("a.pdf", PDF.to_vec(), "application/pdf", MediaType::Pdf),
        ("b.png", PNG.to_vec(), "image/png", MediaType::Png),
        ("c.jpg", JPEG.to_vec(), "image/jpeg", MediaType::Jpeg),
        ("d.docx", docx(), MediaType::Docx.mime(), MediaType::Docx),
        ("e.xlsx", xlsx(), MediaType::Xlsx.mime(), MediaType::Xlsx),
        ("f.odt", odt(), MediaType::Odt.mime(), MediaType::Odt),
        (
            "g.txt",
            "Catatan kegiatan ✓\r\n".as_bytes().to_vec(),
            "text/plain; charset=utf-8",
            MediaType::PlainText,
        ),
        // No declared type: the content's is taken.
        (
            "h",
            PNG.to_vec(),
            "application/octet-stream",
            MediaType::Png,
        ),
    ];
    for case in cases(FilePolicy::default()) {
        for (name, bytes, declared, expected) in &files {
            let stored = case
                .store
                .put(bytes.clone(), name, declared)
                .await
                .unwrap_or_else(|e| panic!("{}: {name}: {e:?}", case.name));
            assert_eq!(stored.media_type, *expected, "{}: {name}", case.name);
        }
        assert_eq!(case.store.keys().await.expect("list").len(), files.len());
    }
}

#[tokio::test]
async fn a_file_over_the_size_limit_is_refused_and_nothing_is_written() {
    let limit = PDF.len() as u64;
    for case in cases(FilePolicy::with_max_bytes(limit)) {
        let n = case.name;
        let mut big = PDF.to_vec();
        big.push(b'\n');
        let e = case
            .store
            .put(big, "besar.pdf", "application/pdf")
            .await
            .expect_err("refused");
        assert_eq!(e.code(), "file_too_large", "{n}");
        assert!(e.message().starts_with("Berkas terlalu besar"), "{n}");
        assert_eq!(
            code(
                case.store
                    .put(Vec::new(), "kosong.pdf", "application/pdf")
                    .await
            ),
            "file_empty",
            "{n}"
        );
        assert!(case.store.keys().await.expect("list").is_empty(), "{n}");
        // Exactly at the limit is allowed.
        case.store
            .put(PDF.to_vec(), "pas.pdf", "application/pdf")
            .await
            .expect("at the limit");
    }
}

#[tokio::test]
async fn a_renamed_executable_and_a_disguised_type_are_refused_by_their_content() {
    for case in cases(FilePolicy::default()) {
        let n = case.name;
        let e = case
            .store
            .put(elf(), "laporan.pdf", "application/pdf")
            .await
            .expect_err("refused");
        assert_eq!(e.code(), "file_type_not_allowed", "{n}");
        assert!(e.message().contains("application/x-executable"), "{n}");
        let elf = elf();
        let docm = docm();
        let zip = zip_of(&[("a.txt", b"a"), ("word/document.xml", b"<w:document/>")]);
        for (bytes, name, declared, expected) in [
            (
                &elf[..],
                "laporan",
                "application/octet-stream",
                "file_type_not_allowed",
            ),
            (
                &b"#!/bin/sh\nrm -rf /\n"[..],
                "catatan.txt",
                "text/plain",
                "file_type_not_allowed",
            ),
            (
                &b"<html><script>alert(1)</script></html>"[..],
                "catatan.txt",
                "text/plain",
                "file_type_not_allowed",
            ),
            (PNG, "foto.pdf", "application/pdf", "file_type_mismatch"),
            (
                PDF,
                "laporan.exe",
                "application/x-msdownload",
                "file_type_not_allowed",
            ),
            // Macros, and a ZIP that only looks like a Word document.
            (
                &docm[..],
                "laporan.docx",
                MediaType::Docx.mime(),
                "file_type_not_allowed",
            ),
            (
                &zip[..],
                "laporan.docx",
                MediaType::Docx.mime(),
                "file_type_not_allowed",
            ),
        ] {
            assert_eq!(
                code(case.store.put(bytes.to_vec(), name, declared).await),
                expected,
                "{n}: {name} as {declared}"
            );
        }
        assert!(case.store.keys().await.expect("list").is_empty(), "{n}");
    }
}

#[tokio::test]
async fn an_unknown_key_is_not_found_and_a_malformed_one_is_never_looked_up() {
    for case in cases(FilePolicy::default()) {
        let n = case.name;
        let unknown = FileKey::parse("0123456789abcdef0123456789abcdef").expect("well-formed");
        assert_eq!(
            code(case.store.get(&unknown, &sha256(PDF)).await),
            "file_not_found",
            "{n}"
        );
        assert_eq!(
            code(case.store.delete(&unknown).await),
            "file_not_found",
            "{n}"
        );
        assert_eq!(code(FileKey::parse("../../etc/passwd")), "file_key_invalid");
    }
}

#[tokio::test]
async fn a_deleted_file_is_gone_and_the_others_stay() {
    for case in cases(FilePolicy::default()) {
        let n = case.name;
        let a = case
            .store
            .put(PDF.to_vec(), "a.pdf", "application/pdf")
            .await
            .expect("stored");
        let b = case
            .store
            .put(PNG.to_vec(), "b.png", "image/png")
            .await
            .expect("stored");
        case.store.delete(&a.key).await.expect("deleted");
        assert_eq!(
            code(case.store.get(&a.key, &a.sha256).await),
            "file_not_found",
            "{n}"
        );
        assert_eq!(
            code(case.store.delete(&a.key).await),
            "file_not_found",
            "{n}"
        );
        assert_eq!(
            case.store.get(&b.key, &b.sha256).await.expect("b stays"),
            PNG,
            "{n}"
        );
        assert_eq!(case.store.keys().await.expect("list"), [b.key], "{n}");
    }
}

#[tokio::test]
async fn bytes_changed_in_storage_are_refused_on_reading() {
    for case in cases(FilePolicy::default()) {
        let n = case.name;
        let stored = case
            .store
            .put(PDF.to_vec(), "a.pdf", "application/pdf")
            .await
            .expect("stored");
        assert_eq!(
            code(case.store.get(&stored.key, &sha256(PNG)).await),
            "file_corrupted",
            "{n}: another recorded SHA-256"
        );
        let mut changed = PDF.to_vec();
        changed[10] ^= 1;
        case.tamper(&stored.key, &changed).await;
        let e = case
            .store
            .get(&stored.key, &stored.sha256)
            .await
            .expect_err("refused");
        assert_eq!(e.code(), "file_corrupted", "{n}");
        assert!(
            !e.is_refusal(),
            "{n}: a fault of the server, not of the reader"
        );
    }
}

#[tokio::test]
async fn the_stored_object_is_named_by_its_generated_key_never_by_the_file_name() {
    for case in cases(FilePolicy::default()) {
        let n = case.name;
        for name in ["../../../../tmp/x.pdf", "..\\..\\boot.ini", "a\0.pdf"] {
            assert_eq!(
                code(case.store.put(PDF.to_vec(), name, "application/pdf").await),
                "file_name_invalid",
                "{n}: {name:?}"
            );
        }
        let stored = case
            .store
            .put(PDF.to_vec(), "..", "application/pdf")
            .await
            .expect("a name of dots is only a name");
        let other = case
            .store
            .put(PDF.to_vec(), ".. ..pdf", "application/pdf")
            .await
            .expect("stored");
        assert_eq!(stored.original_name, "..", "{n}");
        match &case.place {
            Place::Local { root, .. } => {
                // The temporary folder holds the store's folder only, which holds
                // `<2 digits>/<32 digits>` files only: the two stored, nothing else.
                let parent = root.parent().expect("parent");
                assert_eq!(entries(parent), std::slice::from_ref(root), "{n}");
                let mut found = files_under(root);
                found.sort();
                let mut expected: Vec<PathBuf> = [&stored.key, &other.key]
                    .iter()
                    .map(|k| root.join(&k.as_str()[..2]).join(k.as_str()))
                    .collect();
                expected.sort();
                assert_eq!(found, expected, "{n}");
            }
            Place::S3 { prefix, .. } => {
                for k in [&stored.key, &other.key] {
                    let path = format!("{prefix}/{}/{k}", &k.as_str()[..2]);
                    assert!(case.s3_has(&path).await, "{n}: {path}");
                }
            }
        }
        assert_eq!(case.store.keys().await.expect("list").len(), 2, "{n}");
    }
}

#[tokio::test]
async fn a_store_reopened_on_the_same_place_reads_what_was_stored() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let backend = Backend::Local(tmp.path().join("a").join("b"));
    let first = FileStore::open(&backend, FilePolicy::default()).expect("open");
    let stored = first
        .put(JPEG.to_vec(), "foto.jpg", "image/jpg")
        .await
        .expect("stored");
    drop(first);
    let again = FileStore::open(&backend, FilePolicy::default()).expect("reopen");
    assert_eq!(
        again.get(&stored.key, &stored.sha256).await.expect("read"),
        JPEG
    );
    assert!(again.location().starts_with("folder "));
}

// --- test files -------------------------------------------------------------------------------

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (i, (name, body)) in entries.iter().enumerate() {
        // An OpenDocument's first entry, `mimetype`, is stored uncompressed.
        let options = if i == 0 {
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored)
        } else {
            SimpleFileOptions::default()
        };
        out.start_file(*name, options).expect("entry");
        out.write_all(body).expect("write");
    }
    out.finish().expect("zip").into_inner()
}

/// A Word document as the letters crate writes them (docx-rs).
fn docx() -> Vec<u8> {
    use docx_rs::{Docx, Paragraph, Run};
    let mut out = std::io::Cursor::new(Vec::new());
    Docx::new()
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Laporan kemajuan")))
        .build()
        .pack(&mut out)
        .expect("docx");
    out.into_inner()
}

/// A workbook as the exports write them (rust_xlsxwriter).
fn xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "Capaian")
        .expect("cell");
    book.save_to_buffer().expect("xlsx")
}

/// An OpenDocument text starts with its `mimetype` entry, uncompressed.
fn odt() -> Vec<u8> {
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<office:document-content/>"),
    ])
}

/// A Word document with macros.
fn docm() -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", b"<Relationships/>"),
        ("word/document.xml", b"<w:document/>"),
        ("word/vbaProject.bin", b"\xD0\xCF\x11\xE0"),
    ])
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("readable")
        .flatten()
        .map(|e| e.path())
        .collect()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in entries(dir) {
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

// --- the moto server ----------------------------------------------------------------------------

/// The address of one moto server for this test binary, started on first use; `None` when no
/// `moto_server` is found (the `services` target reports it).
fn moto() -> Option<&'static str> {
    static MOTO: OnceLock<Option<(String, Child)>> = OnceLock::new();
    MOTO.get_or_init(|| {
        let program = sikerja_testkit::find_moto().ok()?;
        Some(start_moto(&program))
    })
    .as_ref()
    .map(|(address, _)| address.as_str())
}

/// Starts `moto_server` on a free port of 127.0.0.1 under a shell that ends it when this
/// process's end of its standard input closes — when the test binary exits, however it exits
/// (a static is never dropped, so the child is never waited for: its shell ends on its own).
#[allow(clippy::zombie_processes)]
fn start_moto(program: &Path) -> (String, Child) {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new("sh")
        .arg("-c")
        .arg(r#""$0" -H 127.0.0.1 -p "$1" >/dev/null 2>&1 & m=$!; cat >/dev/null; kill $m"#)
        .arg(program)
        .arg(port.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("moto_server starts");
    let address = format!("127.0.0.1:{port}");
    // Readiness: the server answers HTTP (bounded: 300 tries, 100 ms apart).
    for _ in 0..300 {
        if TcpStream::connect(&address).is_ok() && http(&address, "GET", "/", b"") == 200 {
            return (address, child);
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!(
        "moto_server ({}) did not answer on {address}",
        program.display()
    );
}

/// One unsigned HTTP/1.1 request to the moto server (which accepts them), giving the status.
fn http(address: &str, method: &str, path: &str, body: &[u8]) -> u16 {
    let Ok(mut stream) = TcpStream::connect(address) else {
        return 0;
    };
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    if stream.write_all(head.as_bytes()).is_err() || stream.write_all(body).is_err() {
        return 0;
    }
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer)
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}
