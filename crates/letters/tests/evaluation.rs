//! The employee's evaluation document (KIN-02; issue 16 point 7): the national form's parts,
//! the PDF (typst) read back with `pdftotext`, the DOCX unzipped; both carry the same texts.
#![allow(clippy::unwrap_used)]

mod common;

use std::sync::LazyLock;

use common::*;
use sikerja_domain::performance::{CoreValue, PerformanceRating, PeriodKind};
use sikerja_letters::format::squash;
use sikerja_letters::{EvaluationDocument, EvaluationIndicator, EvaluationResultPlan, Renderer};

static RENDERER: LazyLock<Renderer> = LazyLock::new(|| Renderer::new().unwrap());

const REQUIRE_SERVICES: &str = "SIKERJA_REQUIRE_SERVICES";

/// What every rendering of `doc` must hold: the employee's NIP (spaced, DOC-05), the predikat,
/// each core value.
fn essentials(doc: &EvaluationDocument) -> Vec<String> {
    let mut out = vec![
        "19880101 201001 1 001".to_string(),
        doc.performance_rating
            .map(|r| r.label().to_uppercase())
            .unwrap(),
    ];
    out.extend(CoreValue::ALL.iter().map(|v| v.label().to_string()));
    out
}

/// A document with more plans than a page holds, and long texts, for the page breaks.
fn long() -> EvaluationDocument {
    let mut doc = EvaluationDocument::sample();
    doc.employee.unit = "Bidang Statistik Sektoral dan Persandian, Dinas Komunikasi, Informatika, \
                         Statistik dan Persandian Kabupaten Contoh Provinsi Kalimantan Selatan"
        .into();
    doc.agency = "Pemerintah Kabupaten Contoh yang Namanya Sangat Panjang Sekali".into();
    // A word longer than a cell (a link to the evidence) is broken inside the cell.
    doc.behaviour[0].evidence =
        "BuktiLaporanLayananPermintaanDataTriwulanKeempatTahun2026YangLengkapSekaliTanpaSpasi"
            .into();
    doc.results = (1..=9)
        .map(|i| EvaluationResultPlan {
            result_plan: format!(
                "Rencana hasil kerja ke-{i} yang panjang: tersusunnya kajian kebijakan \
                 pengelolaan data sektoral beserta rekomendasi tindak lanjutnya"
            ),
            indicators: (1..=3)
                .map(|j| EvaluationIndicator {
                    indicator: format!("Indikator {i}.{j}: jumlah dokumen yang diselesaikan"),
                    target: "4 dokumen".into(),
                    realisation: "4 dokumen, diterima pada rapat evaluasi".into(),
                })
                .collect(),
            feedback: "Umpan balik: hasil sesuai rencana, pertahankan ketepatan waktu.".into(),
        })
        .collect();
    doc
}

#[test]
fn kin_02_the_form_has_the_parts_of_the_national_form() {
    let form = EvaluationDocument::sample().form();
    assert_eq!(
        form.title,
        ["DOKUMEN EVALUASI KINERJA PEGAWAI", "PERIODE: TRIWULAN IV"]
    );
    assert_eq!(
        form.range,
        "PERIODE PENILAIAN: 1 OKTOBER – 31 DESEMBER 2026"
    );
    assert_eq!(form.agency, "PEMERINTAH KABUPATEN CONTOH");
    let headings: Vec<&str> = form.parties.iter().map(|p| p.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "PEGAWAI YANG DINILAI",
            "PEJABAT PENILAI KINERJA",
            "ATASAN PEJABAT PENILAI KINERJA"
        ]
    );
    let labels: Vec<&str> = form.parties[0]
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(
        labels,
        ["NAMA", "NIP", "PANGKAT/GOL. RUANG", "JABATAN", "UNIT KERJA"]
    );
    assert_eq!(form.parties[0].rows[1].value, "19880101 201001 1 001");
    assert_eq!(form.organisation.value, "BAIK");
    assert_eq!(form.results.len(), 2);
    assert_eq!(form.results[0].indicators.len(), 2);
    assert_eq!(form.results_rating.value, "SESUAI EKSPEKTASI");
    assert_eq!(form.behaviour.rows.len(), 7);
    assert_eq!(form.behaviour.rows[2][1][0], "Kompeten");
    assert_eq!(form.behaviour.rows[2][4], ["DI ATAS EKSPEKTASI"]);
    assert_eq!(form.performance_rating.value, "BAIK");
    assert_eq!(form.signature.place_date, ["Martapura, 31 Desember 2026"]);
    assert_eq!(form.signature.office, ["Pejabat Penilai Kinerja,"]);
    assert_eq!(
        form.signature.nip.as_deref(),
        Some("NIP. 19791018 200501 1 002")
    );
}

#[test]
fn kin_02_annual_and_monthly_periods_are_titled_and_unrated_parts_show_a_dash() {
    let mut doc = EvaluationDocument::sample();
    doc.period.kind = PeriodKind::Year;
    doc.period.number = 1;
    doc.period.starts = day("2026-01-01");
    doc.assessor_superior = None;
    doc.performance_rating = None;
    doc.results_level = None;
    doc.results[1].indicators.clear();
    let form = doc.form();
    assert_eq!(form.title[1], "PERIODE: TAHUNAN");
    assert_eq!(
        form.range,
        "PERIODE PENILAIAN: 1 JANUARI – 31 DESEMBER 2026"
    );
    assert_eq!(form.parties.len(), 2);
    assert_eq!(form.performance_rating.value, "-");
    assert_eq!(form.results_rating.value, "-");
    assert_eq!(form.results[1].indicators[0].indicator, "-");

    doc.period.kind = PeriodKind::Month;
    doc.period.number = 11;
    doc.period.starts = day("2026-11-01");
    doc.period.ends = day("2026-11-30");
    let form = doc.form();
    assert_eq!(form.title[1], "PERIODE: BULAN NOVEMBER");
    assert_eq!(
        form.range,
        "PERIODE PENILAIAN: 1 NOVEMBER – 30 NOVEMBER 2026"
    );
    assert_eq!(
        doc.file_stem(),
        "evaluasi-kinerja-198801012010011001-2026-m11"
    );
}

#[test]
fn kin_02_the_pdf_holds_the_nip_the_predikat_and_every_core_value() {
    let doc = EvaluationDocument::sample();
    let pdf = RENDERER.evaluation_pdf(&doc).unwrap();
    keep("evaluasi-kinerja.pdf", &pdf);
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(RENDERER.evaluation_page_count(&doc).unwrap(), 2);
    if !tool("pdftotext", REQUIRE_SERVICES) {
        return;
    }
    let text = pdf_text(&pdf);
    let flat = compact(&text);
    for t in essentials(&doc) {
        assert!(flat.contains(&compact(&t)), "the PDF misses {t:?}\n{text}");
    }
    // Every printed text, word by word (table cells may interleave in a PDF reader).
    for t in doc.texts() {
        for word in t.split_whitespace() {
            assert!(flat.contains(word), "the PDF misses {word:?} of {t:?}");
        }
    }
}

#[test]
fn kin_02_the_docx_carries_the_texts_of_the_pdf_in_order() {
    let doc = EvaluationDocument::sample();
    let docx = RENDERER.evaluation_docx(&doc).unwrap();
    keep("evaluasi-kinerja.docx", &docx);
    let text = docx_text(&docx);
    for t in essentials(&doc) {
        assert!(text.contains(&t), "the DOCX misses {t:?}");
    }
    let mut rest = text.as_str();
    for t in doc.texts() {
        let t = squash(&t);
        let at = rest
            .find(&t)
            .unwrap_or_else(|| panic!("the DOCX misses {t:?} (or has it out of order)"));
        rest = &rest[at + t.len()..];
    }
}

#[test]
fn kin_02_a_long_evaluation_breaks_across_pages_and_keeps_every_text() {
    let doc = long();
    let pages = RENDERER.evaluation_page_count(&doc).unwrap();
    assert!(pages >= 3, "{pages} pages");
    let pdf = RENDERER.evaluation_pdf(&doc).unwrap();
    keep("evaluasi-kinerja-panjang.pdf", &pdf);
    if !tool("pdftotext", REQUIRE_SERVICES) {
        return;
    }
    let flat = compact(&pdf_text(&pdf));
    for t in essentials(&doc) {
        assert!(flat.contains(&compact(&t)), "the PDF misses {t:?}");
    }
    assert!(flat.contains(&compact("Indikator 9.3")));
    // The word longer than its cell is broken inside it, and read back whole.
    assert!(flat.contains(&doc.behaviour[0].evidence));
    // The predikat and the signature stay on one page.
    let last = pdf_text(&pdf)
        .split('\u{c}')
        .rfind(|p| !p.trim().is_empty())
        .unwrap()
        .to_string();
    assert!(compact(&last).contains("PREDIKATKINERJAPEGAWAI"), "{last}");
    assert!(compact(&last).contains("NamaPenilai"), "{last}");
    assert_eq!(doc.performance_rating, Some(PerformanceRating::Baik));
}
