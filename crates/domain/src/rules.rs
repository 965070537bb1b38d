//! The rule catalogue: IDs from `shared/spec/RULES.md` with their Indonesian titles, and the
//! citation (rule + article of the regulation) every decision carries.

use serde::{Serialize, Serializer};

/// A rule of Perbup Banjar 39/2024 as catalogued in `RULES.md`.
///
/// Held as an index into the catalogue (one byte): placement creates millions of citations.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(u8);

impl std::fmt::Debug for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl RuleId {
    pub const ORG_07: RuleId = RuleId(0);
    pub const KED_01: RuleId = RuleId(1);
    pub const KED_02: RuleId = RuleId(2);
    pub const KED_03: RuleId = RuleId(3);
    pub const KED_04: RuleId = RuleId(4);
    pub const KED_05: RuleId = RuleId(5);
    pub const KED_06: RuleId = RuleId(6);
    pub const KED_07: RuleId = RuleId(7);
    pub const KED_08: RuleId = RuleId(8);
    pub const KED_09: RuleId = RuleId(9);
    pub const KED_10: RuleId = RuleId(10);
    pub const KED_12: RuleId = RuleId(11);
    pub const STR_06: RuleId = RuleId(12);
    pub const STR_07: RuleId = RuleId(13);
    pub const STR_01: RuleId = RuleId(14);
    pub const STR_02: RuleId = RuleId(15);
    pub const STR_03: RuleId = RuleId(16);
    pub const STR_04: RuleId = RuleId(17);
    pub const STR_05: RuleId = RuleId(18);
    pub const MEK_01: RuleId = RuleId(19);
    pub const MEK_02: RuleId = RuleId(20);
    pub const MEK_03: RuleId = RuleId(21);
    pub const PEN_19: RuleId = RuleId(22);
    pub const KIN_01: RuleId = RuleId(23);
    pub const KIN_04: RuleId = RuleId(24);
    pub const PEN_13: RuleId = RuleId(25);
    pub const PEN_14: RuleId = RuleId(26);
    pub const PEN_15: RuleId = RuleId(27);
    pub const PEN_16: RuleId = RuleId(28);
    pub const PEN_17: RuleId = RuleId(29);
    pub const PEN_18: RuleId = RuleId(30);
    pub const PEN_01: RuleId = RuleId(31);
    pub const PEN_02: RuleId = RuleId(32);
    pub const PEN_03: RuleId = RuleId(33);
    pub const PEN_04: RuleId = RuleId(34);
    pub const PEN_05: RuleId = RuleId(35);
    pub const PEN_06: RuleId = RuleId(36);
    pub const PEN_07: RuleId = RuleId(37);
    pub const PEN_08: RuleId = RuleId(38);
    pub const PEN_09: RuleId = RuleId(39);
    pub const PEN_10: RuleId = RuleId(40);
    pub const PEN_11: RuleId = RuleId(41);
    pub const PEN_12: RuleId = RuleId(42);
    pub const DOC_01: RuleId = RuleId(43);
    pub const DOC_02: RuleId = RuleId(44);
    pub const DOC_03: RuleId = RuleId(45);
    pub const DOC_04: RuleId = RuleId(46);
    pub const DOC_05: RuleId = RuleId(47);
    pub const DOC_06: RuleId = RuleId(48);
    pub const MEK_04: RuleId = RuleId(49);
    pub const MEK_05: RuleId = RuleId(50);
    pub const LAP_01: RuleId = RuleId(51);
    pub const LAP_02: RuleId = RuleId(52);
    pub const LAP_03: RuleId = RuleId(53);
    pub const LAP_04: RuleId = RuleId(54);
    pub const LAP_05: RuleId = RuleId(55);
    pub const LAP_06: RuleId = RuleId(56);
    pub const KIN_03: RuleId = RuleId(57);
    pub const ORG_01: RuleId = RuleId(58);
    pub const ORG_03: RuleId = RuleId(59);
    pub const ORG_04: RuleId = RuleId(60);
    pub const ORG_05: RuleId = RuleId(61);
    pub const KED_11: RuleId = RuleId(62);
    pub const KIN_02: RuleId = RuleId(63);
    pub const PRO_01: RuleId = RuleId(64);
    pub const PRO_02: RuleId = RuleId(65);
    pub const PRO_03: RuleId = RuleId(66);

    /// The ID as written in the catalogue, e.g. `KED-03`.
    pub fn as_str(self) -> &'static str {
        CATALOGUE[usize::from(self.0)].1
    }

    /// Looks an ID up in the catalogue.
    pub fn parse(s: &str) -> Option<RuleId> {
        CATALOGUE
            .iter()
            .map(|(id, _, _)| *id)
            .find(|id| id.as_str() == s)
    }

    /// Every catalogued rule, in catalogue order.
    pub fn all() -> impl Iterator<Item = RuleId> {
        CATALOGUE.iter().map(|(id, _, _)| *id)
    }

    /// Short Indonesian title of the rule, for pages and letters.
    pub fn title(self) -> &'static str {
        CATALOGUE[usize::from(self.0)].2
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// (id, catalogue ID, Indonesian title), in the order of the `RuleId` constants.
const CATALOGUE: &[(RuleId, &str, &str)] = &[
    (
        RuleId::ORG_07,
        "ORG-07",
        "Data pegawai ASN (NIP, pangkat/golongan)",
    ),
    (
        RuleId::KED_01,
        "KED-01",
        "JF Ahli Madya di bawah Pejabat Pimpinan Tinggi Pratama",
    ),
    (
        RuleId::KED_02,
        "KED-02",
        "JF Ahli Muda di bawah Pejabat Administrator",
    ),
    (
        RuleId::KED_03,
        "KED-03",
        "JF Ahli Pertama dan keterampilan di bawah Pejabat Pengawas atau satu tingkat di atasnya",
    ),
    (
        RuleId::KED_04,
        "KED-04",
        "Pelaksana di bawah Pejabat Pengawas",
    ),
    (
        RuleId::KED_05,
        "KED-05",
        "Pelaksana di bawah Pejabat Administrator bila tidak ada Pejabat Pengawas karena penyederhanaan",
    ),
    (
        RuleId::KED_06,
        "KED-06",
        "DPMPTSP: JF Ahli Madya dan JF substansi Penanaman Modal/PTSP di bawah Kepala DPMPTSP",
    ),
    (
        RuleId::KED_07,
        "KED-07",
        "DPMPTSP: JF Ahli Muda di bawah Sekretaris; Ahli Pertama, keterampilan dan Pelaksana di bawah Kepala Sub Bagian",
    ),
    (
        RuleId::KED_08,
        "KED-08",
        "Kecamatan: JF Ahli Muda di bawah Sekretaris Camat; lainnya di bawah Kepala Sub Bagian/Kepala Seksi",
    ),
    (
        RuleId::KED_09,
        "KED-09",
        "Kasus di luar ketentuan: belum terselesaikan, penetapan manual",
    ),
    (RuleId::KED_10, "KED-10", "Rentang kendali dan beban tugas"),
    (
        RuleId::KED_12,
        "KED-12",
        "Penilai kinerja: kebijakan instansi (Pengawas atau Administrator)",
    ),
    (
        RuleId::STR_06,
        "STR-06",
        "Rekomendasi penilaian JF Ahli Madya dari Administrator Unit Kerja",
    ),
    (
        RuleId::STR_07,
        "STR-07",
        "Pejabat Pengawas sebagai koordinator seperti Ketua Tim",
    ),
    (
        RuleId::STR_01,
        "STR-01",
        "Setda: Sekda menetapkan kinerja Asisten; Asisten bagi Kepala Bagian dan JF Ahli Madya; Kepala Bagian bagi Kepala Sub Bagian",
    ),
    (
        RuleId::STR_02,
        "STR-02",
        "Setwan/Inspektorat/Dinas/Badan/Satpol PP: JPT Pratama menetapkan Perjanjian Kinerja Administrator dan JF Ahli Madya; Administrator bagi Pengawas",
    ),
    (
        RuleId::STR_03,
        "STR-03",
        "DPMPTSP: Kepala menetapkan kinerja Sekretaris dan JF di bawahnya; Sekretaris bagi Kepala Sub Bagian",
    ),
    (
        RuleId::STR_04,
        "STR-04",
        "RSUD: Direktur menetapkan kinerja Wakil Direktur dan JF Ahli Madya; Wakil Direktur bagi Kepala Bagian/Bidang; mereka bagi Kepala Sub Bagian",
    ),
    (
        RuleId::STR_05,
        "STR-05",
        "Kecamatan: Camat menetapkan kinerja Sekretaris Camat dan Kepala Seksi; Sekretaris Camat bagi Kepala Sub Bagian dan JF Ahli Muda; Pengawas bagi JF dan Pelaksana di bawahnya",
    ),
    (
        RuleId::MEK_01,
        "MEK-01",
        "Tiga tahapan mekanisme kerja: perencanaan, pelaksanaan, evaluasi",
    ),
    (
        RuleId::MEK_02,
        "MEK-02",
        "Perencanaan: Perjanjian Kinerja, pembagian target, dialog kinerja, ekspektasi, rencana pelaksanaan kegiatan dan anggaran",
    ),
    (
        RuleId::MEK_03,
        "MEK-03",
        "Identifikasi penugasan individu atau tim sebelum tahun pelaksanaan; perubahan rencana kegiatan",
    ),
    (
        RuleId::PEN_19,
        "PEN-19",
        "Jenis penugasan per target ditetapkan dalam perencanaan; penugasan terkait target Perjanjian Kinerja",
    ),
    (
        RuleId::KIN_01,
        "KIN-01",
        "Manajemen kinerja JF dan Pelaksana: perencanaan, pelaksanaan, penilaian, tindak lanjut",
    ),
    (
        RuleId::KIN_04,
        "KIN-04",
        "Penilai kinerja ditentukan oleh kedudukan; tidak menilai pekerjaan sendiri",
    ),
    (
        RuleId::PEN_13,
        "PEN-13",
        "Penunjukan di dalam Unit Organisasi: langsung oleh Pimpinan Unit Organisasi",
    ),
    (
        RuleId::PEN_14,
        "PEN-14",
        "Penunjukan lintas Unit Organisasi: permohonan pelibatan kepada Pejabat Penilai Kinerja dituju",
    ),
    (
        RuleId::PEN_15,
        "PEN-15",
        "Penunjukan lintas Instansi Pemerintah melalui Pejabat yang Berwenang kedua instansi",
    ),
    (
        RuleId::PEN_16,
        "PEN-16",
        "Pengajuan sukarela di dalam Unit Organisasi",
    ),
    (
        RuleId::PEN_17,
        "PEN-17",
        "Pengajuan sukarela lintas Unit Organisasi",
    ),
    (
        RuleId::PEN_18,
        "PEN-18",
        "Setiap langkah dicatat; diputuskan sekali oleh pemegang jabatan yang disebut langkah itu",
    ),
    (
        RuleId::PEN_01,
        "PEN-01",
        "Penugasan individu atau tim kerja Pejabat Fungsional dan Pelaksana, untuk kurun waktu tertentu",
    ),
    (
        RuleId::PEN_02,
        "PEN-02",
        "Penugasan setelah kedudukan ditetapkan, direncanakan berdasarkan beban kerja",
    ),
    (
        RuleId::PEN_03,
        "PEN-03",
        "Lingkup penugasan ditentukan dari asal anggota: dalam Unit Organisasi, lintas Unit Organisasi, lintas Instansi Pemerintah",
    ),
    (
        RuleId::PEN_04,
        "PEN-04",
        "Ketua Tim lintas Unit Organisasi/Instansi berasal dari Unit Organisasi pemilik kinerja",
    ),
    (
        RuleId::PEN_05,
        "PEN-05",
        "Tim kerja di dalam Unit Organisasi: paling banyak 3 kali, paling lama 12 bulan sekali penugasan",
    ),
    (
        RuleId::PEN_06,
        "PEN-06",
        "Anggota dari Unit Organisasi/Instansi lain: paling banyak 3 kali, paling lama 6 bulan sekali penugasan",
    ),
    (
        RuleId::PEN_07,
        "PEN-07",
        "Cara menghitung “paling banyak 3 kali”: per tahun kalender atau yang berjalan bersamaan (kebijakan instansi)",
    ),
    (
        RuleId::PEN_08,
        "PEN-08",
        "Syarat Ketua Tim: S1/D4, Penata Muda III/a, predikat kinerja Baik, pengalaman 2 tahun di bidangnya",
    ),
    (
        RuleId::PEN_09,
        "PEN-09",
        "Pejabat Fungsional hasil penyetaraan diutamakan sebagai Ketua Tim",
    ),
    (
        RuleId::PEN_10,
        "PEN-10",
        "Cara penugasan: penunjukan atau pengajuan sukarela",
    ),
    (
        RuleId::PEN_11,
        "PEN-11",
        "Pengajuan sukarela hanya dalam Unit Organisasi atau lintas Unit Organisasi, tidak lintas Instansi",
    ),
    (
        RuleId::PEN_12,
        "PEN-12",
        "Penetapan: Surat Tugas, Keputusan Sekretaris Daerah, atau Keputusan Bupati menurut lingkup",
    ),
    (
        RuleId::DOC_01,
        "DOC-01",
        "Format Keputusan Bupati tentang Pembentukan Tim dengan Lampiran susunan keanggotaan",
    ),
    (
        RuleId::DOC_02,
        "DOC-02",
        "Format Keputusan Sekretaris Daerah dengan kop Sekretariat Daerah dan Lampiran",
    ),
    (
        RuleId::DOC_03,
        "DOC-03",
        "Format Surat Tugas Perangkat Daerah dengan Lampiran tim",
    ),
    (
        RuleId::DOC_04,
        "DOC-04",
        "Surat alur penugasan: permohonan pelibatan, jawabannya, Surat Penugasan",
    ),
    (
        RuleId::DOC_05,
        "DOC-05",
        "Tata naskah: tanggal, tempat, nomor dari register unit penerbit, nama bergelar, NIP berspasi",
    ),
    (
        RuleId::DOC_06,
        "DOC-06",
        "Setiap surat dalam PDF dan DOCX yang isinya sama; yang diterbitkan disimpan tanpa diubah",
    ),
    (
        RuleId::MEK_04,
        "MEK-04",
        "Pelaksanaan: rincian kegiatan dan anggaran, pembagian peran sesuai kompetensi, pemantauan dan umpan balik, hasil diajukan kepada kepala Unit Kerja",
    ),
    (
        RuleId::MEK_05,
        "MEK-05",
        "Evaluasi: hasil direviu berjenjang, diteruskan bila memenuhi target atau dikembalikan dengan catatan; selesai bila diterima Pimpinan Unit Organisasi",
    ),
    (
        RuleId::LAP_01,
        "LAP-01",
        "JF/Pelaksana yang ditugaskan secara individu melapor kepada Pimpinan Unit Organisasi dan/atau Pejabat Penilai Kinerja",
    ),
    (
        RuleId::LAP_02,
        "LAP-02",
        "Anggota tim melapor kepada Ketua Tim; Ketua Tim melaporkan pekerjaan tim secara berkala",
    ),
    (
        RuleId::LAP_03,
        "LAP-03",
        "Pimpinan Unit Organisasi dapat meminta laporan kepada Ketua Tim atau anggota sewaktu-waktu",
    ),
    (
        RuleId::LAP_04,
        "LAP-04",
        "Tanggung jawab Pimpinan Unit Organisasi, Pejabat Penilai Kinerja, Ketua Tim dan anggota",
    ),
    (
        RuleId::LAP_05,
        "LAP-05",
        "Permasalahan dan kendala tim disampaikan dengan alternatif rekomendasi untuk diputuskan",
    ),
    (
        RuleId::LAP_06,
        "LAP-06",
        "Koordinasi tim dalam perencanaan, pelaksanaan, pemantauan dan evaluasi",
    ),
    (
        RuleId::KIN_03,
        "KIN-03",
        "Laporan Ketua Tim tentang kinerja anggota menjadi masukan penilaian oleh Pejabat Penilai Kinerja",
    ),
    (
        RuleId::ORG_01,
        "ORG-01",
        "Instansi Pemerintah memuat Perangkat Daerah; banyak Instansi dalam satu penyelenggaraan",
    ),
    (
        RuleId::ORG_03,
        "ORG-03",
        "Unit Organisasi dan Unit Kerja membentuk pohon; satu jabatan pimpinan per unit",
    ),
    (
        RuleId::ORG_04,
        "ORG-04",
        "Jenis jabatan: JPT Pratama, Administrator, Pengawas, Fungsional dengan jenjang, Pelaksana",
    ),
    (
        RuleId::ORG_05,
        "ORG-05",
        "Jabatan dapat kosong atau dijabat Plt./Plh.; yang menjabat menjalankan perannya",
    ),
    (
        RuleId::KED_11,
        "KED-11",
        "Rincian kedudukan dan riwayat perubahannya",
    ),
    (
        RuleId::KIN_02,
        "KIN-02",
        "Penilaian hasil kerja dan perilaku kerja; predikat kinerja dan kurva distribusi",
    ),
    (
        RuleId::PRO_01,
        "PRO-01",
        "Peta proses bisnis menggambarkan hubungan kerja antar Unit Organisasi dan diperbaiki melalui reviu dan evaluasi",
    ),
    (
        RuleId::PRO_02,
        "PRO-02",
        "Jenis peta yang direviu: peta subproses, peta relasi, peta lintas fungsi, peta level 1 dan turunannya",
    ),
    (
        RuleId::PRO_03,
        "PRO-03",
        "Setiap peta berversi; reviu mencatat temuan, keputusan dan SOP yang berubah",
    ),
];

/// A rule together with the article of the regulation it comes from, as shown to users:
/// `KED-03 · Lampiran I.B.1.c.3`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Citation {
    pub rule_id: RuleId,
    pub article: &'static str,
}

impl Citation {
    pub fn new(rule_id: RuleId, article: &'static str) -> Self {
        Citation { rule_id, article }
    }
}

impl std::fmt::Display for Citation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} · {}", self.rule_id, self.article)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogued_rule_parses_back_and_has_a_title() {
        for (i, (id, code, title)) in CATALOGUE.iter().enumerate() {
            assert_eq!(usize::from(id.0), i, "catalogue order");
            assert_eq!(RuleId::parse(code), Some(*id));
            assert!(!title.is_empty());
        }
        assert_eq!(RuleId::KED_03.as_str(), "KED-03");
        assert_eq!(RuleId::parse("KED-99"), None);
    }
}
