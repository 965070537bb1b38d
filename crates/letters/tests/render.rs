//! The renderers (DOC-06): every letter as PDF and DOCX, carrying the model's text; the PDF
//! read back with `pdftotext`, the DOCX unzipped; LibreOffice opens the DOCX.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::{BTreeMap, HashSet};
use std::process::Command;
use std::sync::{Arc, LazyLock};

use common::*;
use sikerja_domain::workflow::LetterKind;
use sikerja_letters::format::squash;
use sikerja_letters::{Block, Letter, LetterError, LetterOptions, Renderer, Templates};

static RENDERER: LazyLock<Renderer> = LazyLock::new(|| Renderer::new().unwrap());

const REQUIRE_SERVICES: &str = "SIKERJA_REQUIRE_SERVICES";
const REQUIRE_LIBREOFFICE: &str = "SIKERJA_REQUIRE_LIBREOFFICE";

/// The texts worth finding whole in a PDF: every text outside tables (markers and colons are
/// found anyway). A table cell is not among them: where neighbouring cells both wrap, a PDF
/// reader may interleave their lines, so cells are checked word by word.
fn findable(letter: &Letter) -> Vec<String> {
    let cells: HashSet<String> = table_cells(letter).into_iter().collect();
    letter
        .texts()
        .into_iter()
        .filter(|t| !cells.contains(t))
        .map(|t| compact(&t))
        .filter(|t| t.chars().count() > 2)
        .collect()
}

fn table_cells(letter: &Letter) -> Vec<String> {
    let mut out = Vec::new();
    for t in tables(letter) {
        out.extend(t.columns.iter().map(|c| c.header.clone()));
        for row in &t.rows {
            for cell in row {
                out.extend(cell.iter().cloned());
            }
        }
    }
    out
}

/// The characters of a text, whitespace left out, counted.
fn characters(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_default() += 1;
    }
    m
}

/// A PDF's text against the model: exactly the model's characters (nothing added, nothing
/// lost), every text outside tables whole, every word of a table cell.
fn assert_pdf_carries(name: &str, letter: &Letter, text: &str) {
    let flat = compact(text);
    for t in findable(letter) {
        assert!(flat.contains(&t), "{name}: the PDF misses {t:?}\n{text}");
    }
    for cell in table_cells(letter) {
        for word in cell.split_whitespace() {
            assert!(
                flat.contains(word),
                "{name}: the PDF misses {word:?} of {cell:?}"
            );
        }
    }
    assert_characters(name, letter, text);
}

/// A PDF's characters are the model's, plus the table headings a long table repeats on each
/// page; the order is not compared (a PDF reader's order is not the reading order).
fn assert_characters(name: &str, letter: &Letter, text: &str) {
    let flat = compact(text);
    let mut expected = characters(&letter.texts().join(""));
    for t in tables(letter) {
        let head = compact(
            &t.columns
                .iter()
                .map(|c| c.header.as_str())
                .collect::<String>(),
        );
        let longest = t
            .columns
            .iter()
            .map(|c| compact(&c.header))
            .max_by_key(String::len);
        let pages = longest.map_or(1, |l| flat.matches(l.as_str()).count().max(1));
        for (c, n) in characters(&head) {
            *expected.entry(c).or_default() += n * (pages - 1);
        }
    }
    // pdftotext joins a line ending in "-" to the next as a hyphenated word and drops the
    // "-": a text ending in "-" (the Lampiran "-" of a letter) may lose it.
    let dashes = letter
        .texts()
        .iter()
        .filter(|t| t.trim_end().ends_with('-'))
        .count();
    let mut found = characters(text);
    let lost = expected
        .get(&'-')
        .copied()
        .unwrap_or(0)
        .saturating_sub(found.get(&'-').copied().unwrap_or(0));
    assert!(lost <= dashes, "{name}: {lost} dashes lost");
    *found.entry('-').or_default() += lost;
    assert_eq!(
        found, expected,
        "{name}: the PDF's characters differ from the model's"
    );
}

fn tables(letter: &Letter) -> Vec<&sikerja_letters::Table> {
    let appendix = letter.appendix.iter().flat_map(|a| a.body.iter());
    letter
        .body
        .iter()
        .chain(appendix)
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

#[test]
fn doc_06_every_kind_renders_to_a_pdf_and_a_docx() {
    for (name, letter) in all_letters() {
        let pdf = RENDERER.pdf(&letter).unwrap();
        assert!(pdf.starts_with(b"%PDF-"), "{name}");
        keep(&format!("{name}.pdf"), &pdf);
        let docx = RENDERER.docx(&letter).unwrap();
        assert!(docx.starts_with(b"PK"), "{name}");
        keep(&format!("{name}.docx"), &docx);
    }
}

#[test]
fn doc_06_the_pdf_carries_every_text_of_the_model_and_nothing_else() {
    if !tool("pdftotext", REQUIRE_SERVICES) {
        return;
    }
    for (name, letter) in all_letters() {
        let text = pdf_text(&RENDERER.pdf(&letter).unwrap());
        assert_pdf_carries(&name, &letter, &text);
    }
}

#[test]
fn doc_06_the_docx_carries_exactly_the_text_of_the_model_in_order() {
    for (name, letter) in all_letters() {
        let docx = RENDERER.docx(&letter).unwrap();
        assert_eq!(
            docx_text(&docx),
            squash(&letter.texts().join(" ")),
            "{name}"
        );
    }
}

#[test]
fn doc_01_a_regent_decree_with_60_members_takes_six_pages() {
    let letter = Letter::new(&regent_decree_with(60), regent_head(), issued());
    let pdf = RENDERER.pdf(&letter).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    keep("regent_decree_60.pdf", &pdf);
    keep("regent_decree_60.docx", &RENDERER.docx(&letter).unwrap());
    // Two pages of Keputusan, four of Lampiran with the table's heading repeated.
    assert_eq!(RENDERER.page_count(&letter).unwrap(), 6);
    if !tool("pdftotext", REQUIRE_SERVICES) {
        return;
    }
    let text = pdf_text(&pdf);
    assert_eq!(text.matches('\u{c}').count(), 6, "form feeds of pdftotext");
    assert_pdf_carries("regent_decree_60", &letter, &text);
    let flat = compact(&text);
    for m in &letter_members(&letter) {
        assert!(flat.contains(&compact(m)), "missing {m}");
    }
    assert_eq!(
        flat.matches("KedudukandalamTim").count(),
        4,
        "the table's heading on each page of the Lampiran"
    );
}

/// The NIP line of each person of the Lampiran (a NIP never breaks, so it is found whole).
fn letter_members(letter: &Letter) -> Vec<String> {
    let nips: Vec<String> = table_cells(letter)
        .into_iter()
        .filter(|c| c.starts_with("NIP. "))
        .collect();
    assert_eq!(nips.len(), 60);
    nips
}

#[test]
fn doc_06_one_renderer_serves_threads_at_once() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Renderer>();
    let renderer = Arc::new(Renderer::new().unwrap());
    let handles: Vec<_> = [LetterKind::SuratTugas, LetterKind::SecretaryDecree]
        .into_iter()
        .map(|kind| {
            let r = Arc::clone(&renderer);
            std::thread::spawn(move || r.pdf(&letter(kind)).unwrap())
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap().starts_with(b"%PDF-"));
    }
}

#[test]
fn doc_06_the_same_letter_renders_to_the_same_pdf() {
    let l = letter(LetterKind::SuratTugas);
    assert_eq!(RENDERER.pdf(&l).unwrap(), RENDERER.pdf(&l).unwrap());
}

#[test]
fn a_broken_logo_is_an_error_not_a_panic() {
    let mut head = diskominfo();
    head.logo_png = Some(b"GIF89a not a png".to_vec());
    let l = Letter::new(
        &content(LetterKind::SuratTugas),
        head,
        LetterOptions::default(),
    );
    assert!(matches!(RENDERER.pdf(&l), Err(LetterError::Logo(_))));
    assert!(matches!(RENDERER.docx(&l), Err(LetterError::Logo(_))));
}

#[test]
fn an_agency_override_replaces_its_kind_and_a_broken_one_fails_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let agency = dir.path().join("kab-banjar");
    std::fs::create_dir(&agency).unwrap();
    std::fs::write(
        agency.join("surat_tugas.typ"),
        "#import \"/lib.typ\": *\n#import \"kop.typ\": mark\n#mark\n\
         #letter(inputs-data(), logo: inputs-logo(), qr: inputs-qr())\n",
    )
    .unwrap();
    std::fs::write(
        agency.join("kop.typ"),
        "#let mark = [TEMPLAT KABUPATEN BANJAR]\n",
    )
    .unwrap();
    // Other files are ignored, whatever their name.
    std::fs::write(
        agency.join("README.md"),
        "Templat surat Kabupaten Banjar.\n",
    )
    .unwrap();
    let renderer = Renderer::with_templates(Templates::load(Some(dir.path())).unwrap()).unwrap();
    assert!(
        renderer
            .templates()
            .is_overridden(Some("kab-banjar"), LetterKind::SuratTugas)
    );
    let mut l = letter(LetterKind::SuratTugas);
    assert_eq!(l.agency.as_deref(), Some("kab-banjar"));
    let overridden = renderer.pdf(&l).unwrap();
    l.agency = Some("prov-kalsel".into());
    let default = renderer.pdf(&l).unwrap();
    assert_ne!(overridden, default);
    if tool("pdftotext", REQUIRE_SERVICES) {
        assert!(pdf_text(&overridden).contains("TEMPLAT KABUPATEN BANJAR"));
        assert!(!pdf_text(&default).contains("TEMPLAT KABUPATEN BANJAR"));
    }

    std::fs::write(agency.join("regent_decree.typ"), "#let x = (\n").unwrap();
    let err = Renderer::with_templates(Templates::load(Some(dir.path())).unwrap()).unwrap_err();
    assert!(
        matches!(&err, LetterError::Template { template, .. }
            if template == "/agency/kab-banjar/regent_decree.typ"),
        "{err}"
    );

    std::fs::create_dir(dir.path().join("Kab Banjar")).unwrap();
    assert!(matches!(
        Templates::load(Some(dir.path())),
        Err(LetterError::TemplateFolder { .. })
    ));
}

#[test]
fn doc_06_libreoffice_opens_the_docx_and_keeps_its_text() {
    if !tool("soffice", REQUIRE_LIBREOFFICE) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let letter = letter(LetterKind::RegentDecree);
    let path = dir.path().join("letter.docx");
    std::fs::write(&path, RENDERER.docx(&letter).unwrap()).unwrap();
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
    assert!(out.status.success(), "soffice failed: {out:?}");
    let pdf = std::fs::read(dir.path().join("letter.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    if !tool("pdftotext", REQUIRE_SERVICES) {
        return;
    }
    // LibreOffice places the words of a justified line one by one and breaks a long word in
    // a narrow cell, so pdftotext may read them out of order: the characters must be the
    // model's, no more and no fewer.
    assert_characters("LibreOffice", &letter, &pdf_text(&pdf));
}

#[test]
fn doc_05_the_signature_never_stands_alone_on_a_page() {
    if !tool("pdftotext", REQUIRE_SERVICES) {
        return;
    }
    // Longer and longer Menimbang push the end of the Keputusan down the first page and over
    // onto the second: wherever the signature lands, the last diktum is on its page.
    let content = content(LetterKind::SecretaryDecree);
    let mut moved = false;
    for n in 2..=14 {
        let options = LetterOptions {
            considerations: (0..n)
                .map(|i| {
                    format!(
                        "bahwa pertimbangan nomor {} perlu dimuat dalam keputusan ini agar \
                         pelaksanaan tugas tim berjalan tertib, lancar, dan mencapai hasil yang \
                         optimal;",
                        i + 1
                    )
                })
                .collect(),
            ..issued()
        };
        let letter = Letter::new(&content, letterhead(LetterKind::SecretaryDecree), options);
        let text = pdf_text(&RENDERER.pdf(&letter).unwrap());
        let pages: Vec<String> = text.split('\u{c}').map(compact).collect();
        let name = compact(&letter.signature.name);
        let at = pages
            .iter()
            .position(|p| p.contains(&name))
            .expect("the signer's name");
        assert!(
            pages[at].contains("KEEMPAT"),
            "{n} considerations: the signature on page {} without the last diktum",
            at + 1
        );
        moved |= at > 0;
    }
    assert!(moved, "no length pushed the signature to a second page");
}

#[test]
fn doc_05_the_tembusan_heading_never_stands_alone_at_the_foot_of_a_page() {
    if !tool("pdftotext", REQUIRE_SERVICES) {
        return;
    }
    // Issue 15 point 7: a request whose body fills the first page printed "Tembusan:" at its
    // foot and the list on the next. Longer and longer bodies move the tembusan down and over;
    // wherever it lands, its first copy is on the heading's page.
    let mut moved = false;
    for n in 0..=12 {
        let mut content = content(LetterKind::InvolvementRequest);
        for i in 0..n {
            content.paragraphs.insert(
                1,
                format!(
                    "Paragraf penjelasan tambahan nomor {} yang memperpanjang isi surat agar \
                     tembusan bergeser ke bawah halaman pertama.",
                    i + 1
                ),
            );
        }
        let letter = Letter::new(
            &content,
            letterhead(LetterKind::InvolvementRequest),
            issued(),
        );
        let text = pdf_text(&RENDERER.pdf(&letter).unwrap());
        let pages: Vec<String> = text.split('\u{c}').map(compact).collect();
        let at = pages
            .iter()
            .position(|p| p.contains("Tembusan:"))
            .expect("the tembusan");
        let first = compact(&letter.copies[0]);
        assert!(
            pages[at].contains(&first),
            "{n} more paragraphs: \"Tembusan:\" on page {} without its list",
            at + 1
        );
        moved |= at > 0;
    }
    assert!(moved, "no length pushed the tembusan to a second page");
}
