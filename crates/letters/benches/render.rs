//! Letters per second: a Keputusan Bupati with a 60-member Lampiran rendered to PDF and to
//! DOCX by one kept renderer, and — when `soffice` is installed — LibreOffice converting the
//! same DOCX to PDF, for comparison. Plain std timing; prints the figures.
//!
//! `cargo bench -p sikerja-letters` (release). Figures in `docs/letters.md`.
#![allow(clippy::unwrap_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use sikerja_domain::workflow::{LetterKind, WorkflowKind, compose};
use sikerja_letters::{Letter, Renderer};

fn per_second(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

fn ms(d: Duration, n: usize) -> f64 {
    d.as_secs_f64() * 1000.0 / n as f64
}

fn time<T>(n: usize, mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(f());
    }
    start.elapsed()
}

/// The benchmark's Keputusan with other people and another number: letter `k`.
fn variant(k: usize) -> Letter {
    let mut content = common::regent_decree_with(60);
    for (i, m) in content.members.iter_mut().enumerate() {
        m.name = format!("Pegawai {k:03}-{i:02}, S.Kom., M.T.");
        m.nip = format!("19{:02}0101201503{}{:03}", 60 + k % 30, 1 + i % 2, i + 1);
    }
    let mut options = common::issued();
    options.number = Some(format!("800.1.11/{k}/BKPSDM/2026"));
    Letter::new(&content, common::regent_head(), options)
}

/// A letter of `kind` naming `n` people, variant `k`.
fn sized(kind: LetterKind, n: usize, k: usize) -> Letter {
    let mut content = common::regent_decree_with(n);
    if kind != LetterKind::RegentDecree {
        let mut f = common::facts(WorkflowKind::WithinUnitAppointment);
        f.members = common::many_members(n);
        content = compose(kind, false, f);
    }
    for (i, m) in content.members.iter_mut().enumerate() {
        m.name = format!("Pegawai {k:03}-{i:02}, S.Kom., M.T.");
    }
    Letter::new(&content, common::letterhead(kind), common::issued())
}

fn main() {
    let letter = Letter::new(
        &common::regent_decree_with(60),
        common::regent_head(),
        common::issued(),
    );
    let start = Instant::now();
    let renderer = Renderer::new().unwrap();
    println!(
        "renderer built (fonts, templates) in {:.1} ms",
        ms(start.elapsed(), 1)
    );
    let pages = renderer.page_count(&letter).unwrap();
    let pdf = renderer.pdf(&letter).unwrap();
    let docx = renderer.docx(&letter).unwrap();
    println!(
        "Keputusan Bupati, 60-member Lampiran: {pages} pages, PDF {} KiB, DOCX {} KiB",
        pdf.len() / 1024,
        docx.len() / 1024
    );

    // Forty different letters (other people, other numbers), as a server renders them: the
    // same letter again would be answered mostly from typst's memo cache.
    let n = 40;
    let letters: Vec<Letter> = (0..n).map(variant).collect();
    let mut i = 0;
    let d = time(n, || {
        i += 1;
        renderer.pdf(&letters[i - 1]).unwrap()
    });
    println!(
        "PDF  (typst):   {:>8.2} ms/letter  {:>8.1} letters/s  ({n} different letters)",
        ms(d, n),
        per_second(n, d)
    );
    let mut i = 0;
    let d = time(n, || {
        i += 1;
        renderer.page_count(&letters[i - 1]).unwrap()
    });
    println!(
        "     of which typst layout (no PDF export): {:>8.2} ms/letter",
        ms(d, n)
    );
    let d = time(n, || renderer.pdf(&letter).unwrap());
    println!(
        "PDF  (typst), the same letter again: {:>8.2} ms/letter  {:>8.1} letters/s",
        ms(d, n),
        per_second(n, d)
    );
    let n = 200;
    let mut i = 0;
    let d = time(n, || {
        i += 1;
        renderer.docx(&letters[i % letters.len()]).unwrap()
    });
    println!(
        "DOCX (docx-rs): {:>8.2} ms/letter  {:>8.1} letters/s  ({n} letters)",
        ms(d, n),
        per_second(n, d)
    );

    let one_page = common::letter(LetterKind::SuratTugas);
    let n = 40;
    let d = time(n, || renderer.pdf(&one_page).unwrap());
    println!(
        "PDF of a 2-page Surat Tugas, the same again: {:>8.2} ms/letter  {:>8.1} letters/s",
        ms(d, n),
        per_second(n, d)
    );

    // How the typst layout grows with the people listed (20 different letters each).
    for (kind, n) in [
        (LetterKind::SuratTugas, 2),
        (LetterKind::SuratTugas, 60),
        (LetterKind::RegentDecree, 2),
        (LetterKind::RegentDecree, 30),
        (LetterKind::RegentDecree, 60),
        (LetterKind::RegentDecree, 120),
    ] {
        let letters: Vec<Letter> = (0..20).map(|k| sized(kind, n, k)).collect();
        let pages = renderer.page_count(&letters[0]).unwrap();
        let mut i = 0;
        let d = time(letters.len(), || {
            i += 1;
            renderer.page_count(&letters[i - 1]).unwrap()
        });
        println!(
            "layout only, {:<13} {n:>3} people, {pages:>2} pages: {:>7.2} ms/letter",
            kind.code(),
            ms(d, letters.len())
        );
    }

    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let n = 40;
    let letters: Vec<Letter> = (100..100 + n).map(variant).collect();
    let start = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads {
            let (renderer, letters) = (&renderer, &letters);
            s.spawn(move || {
                for l in letters.iter().skip(t).step_by(threads) {
                    std::hint::black_box(renderer.pdf(l).unwrap());
                }
            });
        }
    });
    println!(
        "PDF on {threads} threads, one renderer: {:>8.1} letters/s ({n} different letters)",
        per_second(n, start.elapsed())
    );

    let has_soffice = Command::new("sh")
        .args(["-c", "command -v soffice"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_soffice {
        println!("soffice not installed: no LibreOffice comparison");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.docx");
    std::fs::write(&path, &docx).unwrap();
    let convert = || {
        let out = Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.path().join("profile").display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    };
    // The first run creates LibreOffice's profile.
    let first = time(1, convert);
    let n = 3;
    let d = time(n, convert);
    println!(
        "DOCX -> PDF (soffice --headless, one process per letter): {:>8.0} ms/letter  \
         {:>6.2} letters/s  ({n} letters; first run with a new profile {:.0} ms)",
        ms(d, n),
        per_second(n, d),
        ms(first, 1)
    );
}
