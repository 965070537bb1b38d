//! Fixtures of the letter tests: the content of each kind composed by the domain from
//! fictional facts (as storage does), a Diskominfo letterhead with a drawn emblem, and the
//! external tools (pdftotext, soffice) with their skip-or-fail rule.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;

use image::{ImageFormat, Rgba, RgbaImage};
use sikerja_domain::assignment::Day;
use sikerja_domain::workflow::{
    Involvement, LetterContent, LetterFacts, LetterKind, LetterMember, LetterParty, WorkflowKind,
    compose,
};
use sikerja_letters::{Letter, LetterOptions, Letterhead, Verification, format::squash};

pub fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

pub fn involvement() -> Involvement {
    Involvement {
        purpose: "Menyusun dokumen perencanaan kesehatan daerah".into(),
        competence: "Analisis data kesehatan dan penyusunan rencana".into(),
        expected_targets: "Dokumen rencana aksi tersusun tepat waktu".into(),
        duration: "6 (enam) bulan".into(),
    }
}

pub fn members() -> Vec<LetterMember> {
    vec![
        LetterMember {
            name: "dr. Siti Aminah, M.Kes.".into(),
            nip: "198701112009042001".into(),
            position: "Epidemiolog Kesehatan Ahli Muda".into(),
            unit: "Dinas Kesehatan".into(),
            department: "Dinas Kesehatan".into(),
            agency: String::new(),
            role: "Ketua Tim".into(),
            from: day("2025-02-01"),
            until: day("2025-07-31"),
        },
        LetterMember {
            name: "Ahmad Fauzi, S.Kom.".into(),
            nip: "19900305 201503 1 002".into(),
            position: "Pranata Komputer Ahli Pertama".into(),
            unit: "Dinas Komunikasi, Informatika, Statistik dan Persandian".into(),
            department: "Dinas Komunikasi, Informatika, Statistik dan Persandian".into(),
            agency: String::new(),
            role: "Anggota".into(),
            from: day("2025-03-01"),
            until: day("2025-07-31"),
        },
    ]
}

/// `n` members: a lead and `n - 1` members, the same period.
pub fn many_members(n: usize) -> Vec<LetterMember> {
    (0..n)
        .map(|i| LetterMember {
            name: format!("Pegawai Contoh Nomor {:02}, S.Kom., M.T.", i + 1),
            nip: format!("1990{:02}{:02}2015031{:03}", i % 12 + 1, i % 28 + 1, i + 1),
            position: if i % 2 == 0 {
                "Pranata Komputer Ahli Pertama".into()
            } else {
                "Analis Kebijakan Ahli Muda".into()
            },
            unit: if i % 3 == 0 {
                "Dinas Komunikasi, Informatika, Statistik dan Persandian".into()
            } else {
                "Badan Perencanaan Pembangunan Daerah".into()
            },
            department: String::new(),
            agency: String::new(),
            role: if i == 0 {
                "Ketua Tim".into()
            } else {
                "Anggota".into()
            },
            from: day("2026-01-05"),
            until: day("2026-06-30"),
        })
        .collect()
}

pub fn facts(workflow: WorkflowKind) -> LetterFacts {
    LetterFacts {
        workflow,
        assignment_title: "Penyusunan Rencana Aksi Kesehatan Daerah".into(),
        field: "perencanaan kesehatan".into(),
        owner_unit: "Badan Perencanaan Pembangunan Daerah".into(),
        owner_agency: "Pemerintah Kabupaten Banjar".into(),
        place: "Martapura".into(),
        date: day("2025-01-20"),
        signer: LetterParty {
            position: "Kepala Badan Perencanaan Pembangunan Daerah".into(),
            name: "Ir. H. Budi Santoso, M.T.".into(),
            nip: Some("197001011995031001".into()),
            rank: Some("Pembina Utama Muda (IV/c)".into()),
            unit: "Badan Perencanaan Pembangunan Daerah".into(),
        },
        addressees: vec!["Kepala Dinas Kesehatan".into()],
        involvement: Some(involvement()),
        members: members(),
        reasons: None,
        copies: vec![
            "Sekretaris Daerah Kabupaten Banjar".into(),
            "Sekretaris Badan Perencanaan Pembangunan Daerah".into(),
        ],
        team: true,
    }
}

fn regent() -> LetterParty {
    LetterParty {
        position: "Bupati Banjar".into(),
        name: "H. Rahmat Hidayatullah, S.E., M.M.".into(),
        nip: None,
        rank: None,
        unit: "Pemerintah Kabupaten Banjar".into(),
    }
}

fn secretary() -> LetterParty {
    LetterParty {
        position: "Sekretaris Daerah Kabupaten Banjar".into(),
        name: "Dr. Gusti Rusdiansyah, S.Sos., M.Si.".into(),
        nip: Some("196904121994031003".into()),
        rank: Some("Pembina Utama Madya (IV/d)".into()),
        unit: "Sekretariat Daerah".into(),
    }
}

/// The content of `kind` as storage composes it in the workflow that produces it.
pub fn content(kind: LetterKind) -> LetterContent {
    match kind {
        LetterKind::InvolvementRequest => {
            compose(kind, false, facts(WorkflowKind::CrossUnitAppointment))
        }
        LetterKind::InvolvementAnswer => compose(kind, false, answer_facts()),
        LetterKind::AssignmentLetter => {
            compose(kind, false, facts(WorkflowKind::CrossUnitAppointment))
        }
        LetterKind::SuratTugas => {
            let mut f = facts(WorkflowKind::WithinUnitAppointment);
            f.members[1].unit = "Badan Perencanaan Pembangunan Daerah".into();
            compose(kind, false, f)
        }
        LetterKind::SecretaryDecree => {
            let mut f = facts(WorkflowKind::CrossUnitAppointment);
            f.signer = secretary();
            compose(kind, false, f)
        }
        LetterKind::RegentDecree => {
            let mut f = facts(WorkflowKind::CrossAgencyAppointment);
            f.signer = regent();
            compose(kind, false, f)
        }
    }
}

/// The answer's facts: signed by the PPK's head, addressed to the requester.
fn answer_facts() -> LetterFacts {
    let mut f = facts(WorkflowKind::CrossUnitAppointment);
    f.signer = LetterParty {
        position: "Kepala Dinas Kesehatan".into(),
        name: "dr. Hj. Noor Aida, M.Kes.".into(),
        nip: Some("197205152000032004".into()),
        rank: Some("Pembina Tingkat I (IV/b)".into()),
        unit: "Dinas Kesehatan".into(),
    };
    f.addressees = vec!["Kepala Badan Perencanaan Pembangunan Daerah".into()];
    f
}

/// The refusing answer, with its reasons (no copies: storage sends none on a refusal).
pub fn refusal() -> LetterContent {
    let mut f = answer_facts();
    f.copies.clear();
    f.reasons = Some("Pegawai sedang melaksanakan tugas prioritas daerah".into());
    compose(LetterKind::InvolvementAnswer, true, f)
}

/// The Keputusan Bupati of the benchmark: a team of `n`.
pub fn regent_decree_with(n: usize) -> LetterContent {
    let mut f = facts(WorkflowKind::CrossAgencyAppointment);
    f.signer = regent();
    f.members = many_members(n);
    f.date = day("2026-01-02");
    f.assignment_title = "Percepatan Transformasi Digital Pelayanan Publik".into();
    compose(LetterKind::RegentDecree, false, f)
}

/// A drawn emblem: a green shield with a yellow band (fictional, not a real coat of arms).
pub fn logo_png() -> Vec<u8> {
    let (w, h) = (120u32, 140u32);
    let mut img = RgbaImage::from_pixel(w, h, Rgba([255, 255, 255, 0]));
    for y in 0..h {
        for x in 0..w {
            let cx = x as f32 - w as f32 / 2.0;
            let inside = if y < 90 {
                cx.abs() < 55.0
            } else {
                cx.abs() < 55.0 * (1.0 - (y as f32 - 90.0) / 50.0)
            };
            if inside {
                let band = (50..70).contains(&y);
                img.put_pixel(
                    x,
                    y,
                    if band {
                        Rgba([230, 190, 30, 255])
                    } else {
                        Rgba([20, 110, 60, 255])
                    },
                );
            }
        }
    }
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

pub fn diskominfo() -> Letterhead {
    Letterhead {
        logo_png: Some(logo_png()),
        names: vec![
            "PEMERINTAH KABUPATEN BANJAR".into(),
            "DINAS KOMUNIKASI, INFORMATIKA, STATISTIK DAN PERSANDIAN".into(),
        ],
        address: "Jalan Jenderal Ahmad Yani Kilometer 39,5 Nomor 2, Martapura 70614".into(),
        contacts: vec![
            "Telepon (0511) 4721002, Pos-el diskominfo@banjarkab.go.id, Laman diskominfo.banjarkab.go.id"
                .into(),
        ],
    }
}

pub fn setda() -> Letterhead {
    Letterhead {
        logo_png: Some(logo_png()),
        names: vec![
            "PEMERINTAH KABUPATEN BANJAR".into(),
            "SEKRETARIAT DAERAH".into(),
        ],
        address: "Jalan Jenderal A. Yani Nomor 2, Martapura, Kalimantan Selatan 70611".into(),
        contacts: vec![
            "Telepon (0511) 4721002 – 4721064, Faksimile (0511) 4721538".into(),
            "Laman www.banjarkab.go.id, Pos-el banjar@banjarkab.go.id".into(),
        ],
    }
}

pub fn regent_head() -> Letterhead {
    Letterhead {
        logo_png: Some(logo_png()),
        names: vec!["BUPATI BANJAR".into(), "PROVINSI KALIMANTAN SELATAN".into()],
        address: String::new(),
        contacts: Vec::new(),
    }
}

/// The letterhead each kind is issued under.
pub fn letterhead(kind: LetterKind) -> Letterhead {
    match kind {
        LetterKind::RegentDecree => regent_head(),
        LetterKind::SecretaryDecree => setda(),
        _ => diskominfo(),
    }
}

pub fn issued() -> LetterOptions {
    LetterOptions {
        agency: Some("kab-banjar".into()),
        number: Some("800.1.11/17/BKPSDM/2026".into()),
        verification: Some(Verification {
            url: "https://sikerja.banjarkab.go.id/verifikasi/3f2a9c".into(),
            sha: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
        }),
        region: None,
        ..LetterOptions::default()
    }
}

/// The letter of `kind`, issued (number and verification).
pub fn letter(kind: LetterKind) -> Letter {
    Letter::new(&content(kind), letterhead(kind), issued())
}

/// Every kind, and the refusal.
pub fn all_letters() -> Vec<(String, Letter)> {
    let mut out: Vec<(String, Letter)> = LetterKind::ALL
        .into_iter()
        .map(|k| (k.code().to_string(), letter(k)))
        .collect();
    out.push((
        "involvement_refusal".into(),
        Letter::new(&refusal(), diskominfo(), issued()),
    ));
    out
}

/// Whether an external tool is installed; when not, a loud notice, and a failure when `require`
/// names a set variable.
pub fn tool(name: &str, require: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        if std::env::var(require).as_deref() == Ok("1") {
            panic!("{name} is not installed and {require}=1 requires it");
        }
        eprintln!(
            "\n*** SKIPPED: {name} not installed — this test checked nothing \
             (install it, or set {require}=1 to make this a failure) ***\n"
        );
    }
    found
}

/// The text of a PDF by `pdftotext` (pages separated by form feeds).
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("letter.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext failed: {:?}", out);
    String::from_utf8(out.stdout).unwrap()
}

/// The text of a DOCX's `word/document.xml` in document order, whitespace collapsed: every
/// `w:t`, a tab or a paragraph end as a space.
pub fn docx_text(docx: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        if rest.starts_with("<w:t>") || rest.starts_with("<w:t ") {
            let open_end = rest.find('>').unwrap();
            let close = rest.find("</w:t>").unwrap();
            text.push_str(&unescape(&rest[open_end + 1..close]));
            rest = &rest[close + 6..];
        } else if rest.starts_with("<w:tab/>")
            || rest.starts_with("<w:tab />")
            || rest.starts_with("</w:p>")
        {
            text.push(' ');
            rest = &rest[1..];
        } else {
            rest = &rest[1..];
        }
    }
    squash(&text)
}

/// A text without any whitespace: how the tests compare a PDF's text with the model, since
/// a PDF reader puts a space where a line breaks (also after a "/" inside a word).
pub fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Writes the rendered letters to `SIKERJA_LETTERS_OUT` when set, to look at them.
pub fn keep(name: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("SIKERJA_LETTERS_OUT") {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(Path::new(&dir).join(name), bytes).unwrap();
    }
}
