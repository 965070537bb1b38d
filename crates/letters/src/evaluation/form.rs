//! The printed form of the evaluation document: every text both renderers print, in the
//! national form's order (PermenPANRB 6/2022, Lampiran: *Dokumen Evaluasi Kinerja Pegawai*).
//! It is serialised to JSON for `templates/evaluation.typ`.

use serde::Serialize;
use sikerja_domain::assignment::Day;
use sikerja_domain::performance::{CoreValue, ExpectationLevel, PeriodKind};

use super::{EvaluationDocument, EvaluationPeriod, EvaluationPerson};
use crate::format;
use crate::model::{Column, Field, Signature, Table};

/// The document's title.
pub const TITLE: &str = "DOKUMEN EVALUASI KINERJA PEGAWAI";
/// What stands in a cell or a rating with nothing recorded.
const NONE: &str = "-";

/// A table of a person: "NO | PEGAWAI YANG DINILAI" over five numbered rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyTable {
    pub heading: String,
    pub rows: Vec<PartyLine>,
}

/// "1 | NAMA | Nama Pegawai".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyLine {
    pub no: String,
    pub label: String,
    pub value: String,
}

/// A result plan with its indicators; the plan, its number and its feedback span the rows of
/// its indicators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResultGroup {
    pub no: String,
    pub plan: String,
    pub feedback: String,
    /// At least one line (a plan without indicators shows "-").
    pub indicators: Vec<IndicatorLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorLine {
    pub indicator: String,
    pub target: String,
    pub realisation: String,
}

/// The evaluation document as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvaluationForm {
    /// "DOKUMEN EVALUASI KINERJA PEGAWAI", "PERIODE: TRIWULAN IV".
    pub title: Vec<String>,
    /// "PEMERINTAH KABUPATEN BANJAR".
    pub agency: String,
    /// "PERIODE PENILAIAN: 1 OKTOBER – 31 DESEMBER 2026".
    pub range: String,
    /// The heading of the number column of the person tables: "NO".
    pub no_header: String,
    pub parties: Vec<PartyTable>,
    /// "CAPAIAN KINERJA ORGANISASI" and the organisation's predikat.
    pub organisation: Field,
    /// "HASIL KERJA".
    pub results_heading: String,
    pub results_columns: Vec<Column>,
    pub results: Vec<ResultGroup>,
    /// "RATING HASIL KERJA".
    pub results_rating: Field,
    /// "PERILAKU KERJA".
    pub behaviour_heading: String,
    pub behaviour: Table,
    /// "RATING PERILAKU KERJA".
    pub behaviour_rating: Field,
    /// "PREDIKAT KINERJA PEGAWAI".
    pub performance_rating: Field,
    pub signature: Signature,
    /// For the PDF's metadata.
    pub subject: String,
}

/// The guidance of each core value (*panduan perilaku*, SE MenPANRB 20/2021), printed under
/// its name as on the national form.
pub fn core_value_guidance(value: CoreValue) -> [&'static str; 3] {
    match value {
        CoreValue::ServiceOriented => [
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ],
        CoreValue::Accountable => [
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, dan efisien",
            "Tidak menyalahgunakan kewenangan jabatan",
        ],
        CoreValue::Competent => [
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ],
        CoreValue::Harmonious => [
            "Menghargai setiap orang apa pun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ],
        CoreValue::Loyal => [
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, setia kepada NKRI serta pemerintahan yang sah",
            "Menjaga nama baik sesama ASN, pimpinan, instansi, dan negara",
            "Menjaga rahasia jabatan dan negara",
        ],
        CoreValue::Adaptive => [
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ],
        CoreValue::Collaborative => [
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumber daya untuk tujuan bersama",
        ],
    }
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

/// "TRIWULAN IV", "BULAN NOVEMBER", "TAHUNAN".
pub fn period_title(p: &EvaluationPeriod) -> String {
    match p.kind {
        PeriodKind::Quarter => {
            let q = ROMAN
                .get(usize::from(p.number.saturating_sub(1)))
                .copied()
                .unwrap_or("?");
            format!("TRIWULAN {q}")
        }
        PeriodKind::Month => format!("BULAN {}", month_name(p.starts)),
        PeriodKind::Year => "TAHUNAN".to_string(),
    }
}

/// "NOVEMBER" from "1 November 2026".
fn month_name(day: Day) -> String {
    day.label()
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_uppercase()
}

/// "1 OKTOBER – 31 DESEMBER 2026" (the year once when both days share it).
pub fn period_range(p: &EvaluationPeriod) -> String {
    let from = if p.starts.year() == p.ends.year() {
        format!("{} {}", p.starts.day(), month_name(p.starts))
    } else {
        format::date(p.starts).to_uppercase()
    };
    format!("{from} – {}", format::date(p.ends).to_uppercase())
}

fn or_none(s: &str) -> String {
    if s.trim().is_empty() {
        NONE.to_string()
    } else {
        s.trim().to_string()
    }
}

fn level(l: Option<ExpectationLevel>) -> String {
    l.map_or_else(|| NONE.to_string(), |l| l.label().to_uppercase())
}

fn party(heading: &str, p: &EvaluationPerson) -> PartyTable {
    let nip = if p.nip.trim().is_empty() {
        NONE.to_string()
    } else {
        format::nip(&p.nip)
    };
    let rows = [
        ("NAMA", or_none(&p.name)),
        ("NIP", nip),
        ("PANGKAT/GOL. RUANG", or_none(&p.rank)),
        ("JABATAN", or_none(&p.position)),
        ("UNIT KERJA", or_none(&p.unit)),
    ];
    PartyTable {
        heading: heading.to_string(),
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, (label, value))| PartyLine {
                no: (i + 1).to_string(),
                label: label.to_string(),
                value,
            })
            .collect(),
    }
}

fn column(header: &str, width: u16, center: bool) -> Column {
    Column {
        header: header.to_string(),
        width,
        center,
    }
}

pub(super) fn build(d: &EvaluationDocument) -> EvaluationForm {
    let title_period = period_title(&d.period);
    let mut parties = vec![
        party("PEGAWAI YANG DINILAI", &d.employee),
        party("PEJABAT PENILAI KINERJA", &d.assessor),
    ];
    if let Some(s) = &d.assessor_superior {
        parties.push(party("ATASAN PEJABAT PENILAI KINERJA", s));
    }
    let results = d
        .results
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut indicators: Vec<IndicatorLine> = r
                .indicators
                .iter()
                .map(|x| IndicatorLine {
                    indicator: or_none(&x.indicator),
                    target: or_none(&x.target),
                    realisation: or_none(&x.realisation),
                })
                .collect();
            if indicators.is_empty() {
                indicators.push(IndicatorLine {
                    indicator: NONE.into(),
                    target: NONE.into(),
                    realisation: NONE.into(),
                });
            }
            ResultGroup {
                no: format!("{}.", i + 1),
                plan: or_none(&r.result_plan),
                feedback: or_none(&r.feedback),
                indicators,
            }
        })
        .collect();
    // The form's order of the core values; a value the document lacks is printed unrated.
    let behaviour_rows = CoreValue::ALL
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let rated = d.behaviour.iter().find(|b| b.core_value == *value);
            let mut name = vec![value.label().to_string()];
            name.extend(core_value_guidance(*value).iter().map(|g| format!("- {g}")));
            vec![
                vec![format!("{}.", i + 1)],
                name,
                vec![or_none(rated.map_or("", |b| b.expectation.as_str()))],
                vec![or_none(rated.map_or("", |b| b.evidence.as_str()))],
                vec![level(rated.and_then(|b| b.level))],
            ]
        })
        .collect();
    let nip = (!d.assessor.nip.trim().is_empty())
        .then(|| format!("NIP. {}", format::nip(&d.assessor.nip)));
    EvaluationForm {
        title: vec![TITLE.to_string(), format!("PERIODE: {title_period}")],
        agency: d.agency.trim().to_uppercase(),
        range: format!("PERIODE PENILAIAN: {}", period_range(&d.period)),
        no_header: "NO".into(),
        parties,
        organisation: Field::new(
            "CAPAIAN KINERJA ORGANISASI",
            d.organisation_rating
                .map_or_else(|| NONE.to_string(), |o| o.label().to_uppercase()),
        ),
        results_heading: "HASIL KERJA".into(),
        results_columns: vec![
            column("NO", 5, true),
            column("RENCANA HASIL KERJA", 23, false),
            column("INDIKATOR KINERJA INDIVIDU", 22, false),
            column("TARGET", 12, false),
            column("REALISASI BERDASARKAN BUKTI DUKUNG", 18, false),
            column(
                "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG",
                20,
                false,
            ),
        ],
        results,
        results_rating: Field::new("RATING HASIL KERJA", level(d.results_level)),
        behaviour_heading: "PERILAKU KERJA".into(),
        behaviour: Table {
            columns: vec![
                column("NO", 5, true),
                column("PERILAKU KERJA", 34, false),
                column("EKSPEKTASI KHUSUS PIMPINAN", 20, false),
                column(
                    "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG",
                    26,
                    false,
                ),
                column("TINGKAT", 15, true),
            ],
            rows: behaviour_rows,
        },
        behaviour_rating: Field::new("RATING PERILAKU KERJA", level(d.behaviour_level)),
        performance_rating: Field::new(
            "PREDIKAT KINERJA PEGAWAI",
            d.performance_rating
                .map_or_else(|| NONE.to_string(), |r| r.label().to_uppercase()),
        ),
        signature: Signature {
            place_date: vec![format!("{}, {}", d.place.trim(), format::date(d.date))],
            office: vec!["Pejabat Penilai Kinerja,".into()],
            name: d.assessor.name.trim().to_string(),
            rank: (!d.assessor.rank.trim().is_empty()).then(|| d.assessor.rank.trim().to_string()),
            nip,
        },
        subject: format!(
            "Dokumen Evaluasi Kinerja Pegawai {} — {}",
            d.employee.name.trim(),
            title_period
        ),
    }
}

impl EvaluationForm {
    /// Every printed text in reading order: title, agency and period, the person tables, the
    /// organisation's result, the results table (headers, then each plan's cells), its rating,
    /// the behaviour table, its rating, the predikat, the signature. Both renderers print
    /// exactly these strings.
    pub fn texts(&self) -> Vec<String> {
        let mut out = self.title.clone();
        out.push(self.agency.clone());
        out.push(self.range.clone());
        for p in &self.parties {
            out.push(self.no_header.clone());
            out.push(p.heading.clone());
            for r in &p.rows {
                out.extend([r.no.clone(), r.label.clone(), r.value.clone()]);
            }
        }
        field(&self.organisation, &mut out);
        out.push(self.results_heading.clone());
        out.extend(self.results_columns.iter().map(|c| c.header.clone()));
        for g in &self.results {
            out.extend([g.no.clone(), g.plan.clone()]);
            for (i, x) in g.indicators.iter().enumerate() {
                out.extend([x.indicator.clone(), x.target.clone(), x.realisation.clone()]);
                if i == 0 {
                    out.push(g.feedback.clone());
                }
            }
        }
        field(&self.results_rating, &mut out);
        out.push(self.behaviour_heading.clone());
        out.extend(self.behaviour.columns.iter().map(|c| c.header.clone()));
        for row in &self.behaviour.rows {
            for cell in row {
                out.extend(cell.iter().cloned());
            }
        }
        field(&self.behaviour_rating, &mut out);
        field(&self.performance_rating, &mut out);
        let s = &self.signature;
        out.extend(s.place_date.iter().cloned());
        out.extend(s.office.iter().cloned());
        out.push(s.name.clone());
        out.extend(s.rank.iter().cloned());
        out.extend(s.nip.iter().cloned());
        out.retain(|t| !t.trim().is_empty());
        out
    }
}

fn field(f: &Field, out: &mut Vec<String>) {
    out.push(f.label.clone());
    out.push(f.value.clone());
}
