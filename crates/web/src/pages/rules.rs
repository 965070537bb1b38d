//! `/aturan/{id}`: what a rule of Perbup Banjar 39/2024 says, so an official can check every
//! decision the system shows against the law.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use sikerja_domain::rules::RuleId;

use crate::AppState;
use crate::error::{PageError, WebError};
use crate::views::Layout;

/// Indonesian explanation and source of each catalogued rule (from `spec/RULES.md`).
pub fn explanation(rule: RuleId) -> (&'static str, &'static str) {
    match rule.as_str() {
        "ORG-07" => (
            "Data pegawai ASN (PNS dan PPPK): NIP 18 angka, nama dengan gelar, pangkat dan golongan (PNS I/a sampai IV/e; PPPK I sampai XVII), pendidikan terakhir, jabatan fungsional dan jenjangnya, penyetaraan jabatan, predikat kinerja tahunan dan pengalaman per bidang.",
            "Pasal 1; Lampiran I",
        ),
        "KED-01" => (
            "Pejabat Fungsional Ahli Madya berkedudukan di bawah Pejabat Pimpinan Tinggi Pratama di atasnya (di Sekretariat Daerah: Asisten; di RSUD: Direktur).",
            "Lampiran I.A.1.c.1, I.B.1.c.1, I.D.1.c.1",
        ),
        "KED-02" => (
            "Pejabat Fungsional Ahli Muda berkedudukan di bawah Pejabat Administrator di atasnya.",
            "Lampiran I.A.1.c.2, I.B.1.c.2, I.D.1.c.2",
        ),
        "KED-03" => (
            "Pejabat Fungsional Ahli Pertama dan semua jenjang keterampilan berkedudukan di bawah Pejabat Pengawas di atasnya, atau pejabat satu tingkat di atasnya bila tidak ada Pejabat Pengawas yang menjabat.",
            "Lampiran I.A.1.c.3, I.B.1.c.3, I.D.1.c.3",
        ),
        "KED-04" => (
            "Pelaksana berkedudukan di bawah Pejabat Pengawas di atasnya.",
            "Lampiran I.A.1.c.4, I.B.1.c.4, I.D.1.c.4",
        ),
        "KED-05" => (
            "Pelaksana berkedudukan di bawah Pejabat Administrator di atasnya bila tidak ada Pejabat Pengawas karena penyederhanaan birokrasi (bukan karena jabatan Pengawas sedang lowong).",
            "Lampiran I.A.1.c.5, I.B.1.c.5, I.D.1.c.5",
        ),
        "KED-06" => (
            "Di DPMPTSP, Pejabat Fungsional Ahli Madya serta setiap Pejabat Fungsional substansi Penanaman Modal dan substansi PTSP berkedudukan di bawah Kepala DPMPTSP, apa pun jenjangnya.",
            "Lampiran I.C.1.c.1",
        ),
        "KED-07" => (
            "Di DPMPTSP, Ahli Muda di bawah Sekretaris atau satu tingkat di atasnya; Ahli Pertama dan keterampilan di bawah Kepala Sub Bagian atau satu tingkat di atasnya; Pelaksana di bawah Kepala Sub Bagian, atau Sekretaris bila tidak ada.",
            "Lampiran I.C.1.c.2–5",
        ),
        "KED-08" => (
            "Di Kecamatan, Ahli Muda di bawah Sekretaris Camat; Ahli Pertama, keterampilan dan Pelaksana di bawah Kepala Sub Bagian atau Kepala Seksi.",
            "Lampiran I.E.1.c.1–3",
        ),
        "KED-09" => (
            "Kasus yang tidak diatur (misalnya Ahli Utama, Ahli Madya di Kecamatan, tidak ada pejabat yang memenuhi sampai puncak, atau semua jabatan calon lowong) tidak ditebak: kasus dicantumkan sebagai belum terselesaikan beserta alasannya, lalu pejabat yang berwenang menetapkan kedudukan secara manual dengan alasan tertulis, yang disimpan dan ditampilkan sebagai penetapan manual.",
            "Lampiran I (seluruh bagian)",
        ),
        "KED-10" => (
            "Penempatan memperhatikan rentang kendali dan beban tugas: sistem menampilkan jumlah pegawai di bawah setiap pejabat dan menandai yang melewati ambang batas yang ditetapkan instansi.",
            "Lampiran I.x.1.b",
        ),
        "KED-12" => (
            "Tafsiran atas pertentangan di dalam peraturan: secara bawaan Pejabat Pengawas tempat JF/Pelaksana berkedudukan menjadi Pejabat Penilai Kinerja (Pasal 1 angka 23); instansi dapat memilih Pejabat Administrator sebagai penilai dengan Pengawas sebagai koordinator.",
            "Lampiran I.A.1.c.3–4, I.A.2.d–e, I.B.2.c–d, I.C.2.c–d, I.D.2.d–e; Pasal 1 angka 23",
        ),
        "STR-06" => (
            "Penilai kinerja JF Ahli Madya adalah Pejabat Pimpinan Tinggi Pratama; penilaian disertai rekomendasi dari Pejabat Administrator Unit Kerja tempat JF bekerja, yang bukan penilai.",
            "Lampiran I.A.2.d, I.B.2.c, I.D.2.d",
        ),
        "STR-07" => (
            "Pejabat Pengawas yang masih ada mengoordinasikan JF dan Pelaksana di unitnya seperti Ketua Tim.",
            "Lampiran I.A.2.e, I.B.2.d, I.C.2.d, I.D.2.e",
        ),
        _ => ("", ""),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "rules/show.html")]
pub struct RulePage {
    layout: Layout,
    id: &'static str,
    title: &'static str,
    text: &'static str,
    source: &'static str,
}

/// `GET /aturan/{id}`, e.g. `/aturan/KED-03`.
pub async fn show_rule(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<RulePage, PageError> {
    let rule = RuleId::parse(id.trim()).ok_or(WebError::NotFound { what: "rule" })?;
    let (text, source) = explanation(rule);
    Ok(RulePage {
        layout: Layout::new(
            format!("{} {}", rule.as_str(), rule.title()),
            state.demo_mode,
        )
        .crumb(
            format!("Aturan {}", rule.as_str()),
            format!("/aturan/{rule}"),
        ),
        id: rule.as_str(),
        title: rule.title(),
        text,
        source,
    })
}
