//! The functional positions (JF) and Pelaksana posts the demo uses: real names of Indonesian
//! functional positions, with the discipline behind them and the levels they have.

use sikerja_domain::org::Substance;

use crate::names::Discipline;

/// A functional position family such as Analis Kebijakan.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Jf {
    pub name: &'static str,
    pub discipline: Discipline,
    /// Substansi for KED-06 (DPMPTSP).
    pub substance: Option<Substance>,
    /// Former structural posts were often equalised into this JF (penyetaraan jabatan).
    pub equalised: bool,
}

const fn jf(name: &'static str, discipline: Discipline, equalised: bool) -> Jf {
    Jf {
        name,
        discipline,
        substance: None,
        equalised,
    }
}

use Discipline as D;

pub(crate) const ANALIS_KEBIJAKAN: Jf = jf("Analis Kebijakan", D::Government, true);
pub(crate) const PRANATA_KOMPUTER: Jf = jf("Pranata Komputer", D::Computing, true);
pub(crate) const PERENCANA: Jf = jf("Perencana", D::Planning, true);
pub(crate) const AUDITOR: Jf = jf("Auditor", D::Economics, false);
pub(crate) const P2UPD: Jf = jf(
    "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
    D::Government,
    true,
);
pub(crate) const PENGAWAS_SEKOLAH: Jf = jf("Pengawas Sekolah", D::Education, false);
pub(crate) const PAMONG_BUDAYA: Jf = jf("Pamong Budaya", D::Education, true);
pub(crate) const PERAWAT: Jf = jf("Perawat", D::Nursing, false);
pub(crate) const DOKTER: Jf = jf("Dokter", D::Medicine, false);
pub(crate) const DOKTER_GIGI: Jf = jf("Dokter Gigi", D::Dentistry, false);
pub(crate) const BIDAN: Jf = jf("Bidan", D::Midwifery, false);
pub(crate) const APOTEKER: Jf = jf("Apoteker", D::Pharmacy, false);
pub(crate) const TENAGA_KEFARMASIAN: Jf = jf("Asisten Apoteker", D::Pharmacy, false);
pub(crate) const EPIDEMIOLOG: Jf = jf("Epidemiolog Kesehatan", D::PublicHealth, false);
pub(crate) const PENYULUH_KESMAS: Jf = jf("Penyuluh Kesehatan Masyarakat", D::PublicHealth, false);
pub(crate) const NUTRISIONIS: Jf = jf("Nutrisionis", D::PublicHealth, false);
pub(crate) const SANITARIAN: Jf = jf("Sanitarian", D::PublicHealth, false);
pub(crate) const ADMINKES: Jf = jf("Administrator Kesehatan", D::PublicHealth, true);
pub(crate) const PEREKAM_MEDIS: Jf = jf("Perekam Medis", D::PublicHealth, false);
pub(crate) const PRANATA_LAB: Jf = jf("Pranata Laboratorium Kesehatan", D::PublicHealth, false);
pub(crate) const RADIOGRAFER: Jf = jf("Radiografer", D::PublicHealth, false);
pub(crate) const ARSIPARIS: Jf = jf("Arsiparis", D::Government, false);
pub(crate) const ANALIS_SDM: Jf = jf("Analis Sumber Daya Manusia Aparatur", D::Psychology, true);
pub(crate) const ASESOR_SDM: Jf = jf("Asesor Sumber Daya Manusia Aparatur", D::Psychology, false);
pub(crate) const PENATA_KELOLA_PM: Jf = Jf {
    substance: Some(Substance::Investment),
    ..jf("Penata Kelola Penanaman Modal", D::Economics, true)
};
pub(crate) const PENATA_PERIZINAN: Jf = Jf {
    substance: Some(Substance::OneStopService),
    ..jf("Penata Perizinan", D::Government, true)
};
pub(crate) const PRANATA_HUMAS: Jf = jf("Pranata Hubungan Masyarakat", D::Communication, true);
pub(crate) const PENGELOLA_PBJ: Jf = jf("Pengelola Pengadaan Barang/Jasa", D::Economics, true);
pub(crate) const POLISI_PP: Jf = jf("Polisi Pamong Praja", D::Law, false);
pub(crate) const STATISTISI: Jf = jf("Statistisi", D::Statistics, false);
pub(crate) const SANDIMAN: Jf = jf("Sandiman", D::Computing, false);
pub(crate) const TEKNIK_JALAN: Jf = jf("Teknik Jalan dan Jembatan", D::Engineering, false);
pub(crate) const TEKNIK_PENGAIRAN: Jf = jf("Teknik Pengairan", D::Engineering, false);
pub(crate) const PENATA_RUANG: Jf = jf("Penata Ruang", D::Planning, false);
pub(crate) const TEKNIK_BANGUNAN: Jf =
    jf("Teknik Tata Bangunan dan Perumahan", D::Engineering, false);
pub(crate) const ANALIS_HUKUM: Jf = jf("Analis Hukum", D::Law, true);
pub(crate) const PERANCANG_PUU: Jf = jf("Perancang Peraturan Perundang-undangan", D::Law, false);
pub(crate) const ANALIS_KEUANGAN: Jf = jf("Analis Keuangan Pusat dan Daerah", D::Economics, true);
pub(crate) const PEKERJA_SOSIAL: Jf = jf("Pekerja Sosial", D::Government, false);
pub(crate) const PENYULUH_SOSIAL: Jf = jf("Penyuluh Sosial", D::Government, true);
pub(crate) const PENELITI: Jf = jf("Peneliti", D::Planning, false);

/// Names of Pelaksana posts (PermenPANRB on executor positions), by discipline.
pub(crate) fn pelaksana_names(d: Discipline) -> &'static [&'static str] {
    match d {
        D::Economics => &[
            "Pengadministrasi Keuangan",
            "Penata Laporan Keuangan",
            "Pengelola Layanan Operasional",
        ],
        D::Computing | D::Statistics => &[
            "Pengolah Data dan Informasi",
            "Operator Layanan Operasional",
            "Penata Layanan Operasional",
        ],
        D::Nursing | D::Medicine | D::Midwifery | D::Pharmacy | D::PublicHealth | D::Dentistry => {
            &[
                "Pengadministrasi Perkantoran",
                "Operator Layanan Kesehatan",
                "Pengelola Layanan Kesehatan",
            ]
        }
        _ => &[
            "Pengadministrasi Perkantoran",
            "Penata Layanan Operasional",
            "Pengelola Layanan Operasional",
            "Operator Layanan Operasional",
            "Penelaah Teknis Kebijakan",
        ],
    }
}
