//! The rule catalogue: IDs from `shared/spec/RULES.md` with their Indonesian titles, and the
//! citation (rule + article of the regulation) every decision carries.

use std::borrow::Cow;

use serde::Serialize;

/// A rule of Perbup Banjar 39/2024 as catalogued in `RULES.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct RuleId(&'static str);

impl RuleId {
    pub const ORG_07: RuleId = RuleId("ORG-07");
    pub const KED_01: RuleId = RuleId("KED-01");
    pub const KED_02: RuleId = RuleId("KED-02");
    pub const KED_03: RuleId = RuleId("KED-03");
    pub const KED_04: RuleId = RuleId("KED-04");
    pub const KED_05: RuleId = RuleId("KED-05");
    pub const KED_06: RuleId = RuleId("KED-06");
    pub const KED_07: RuleId = RuleId("KED-07");
    pub const KED_08: RuleId = RuleId("KED-08");
    pub const KED_09: RuleId = RuleId("KED-09");
    pub const KED_10: RuleId = RuleId("KED-10");
    pub const KED_12: RuleId = RuleId("KED-12");
    pub const STR_06: RuleId = RuleId("STR-06");
    pub const STR_07: RuleId = RuleId("STR-07");

    /// The ID as written in the catalogue, e.g. `KED-03`.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// Looks an ID up in the catalogue.
    pub fn parse(s: &str) -> Option<RuleId> {
        CATALOGUE.iter().map(|(id, _)| *id).find(|id| id.0 == s)
    }

    /// Short Indonesian title of the rule, for pages and letters.
    pub fn title(self) -> &'static str {
        CATALOGUE
            .iter()
            .find(|(id, _)| *id == self)
            .map(|(_, t)| *t)
            .unwrap_or("")
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

const CATALOGUE: &[(RuleId, &str)] = &[
    (RuleId::ORG_07, "Data pegawai ASN (NIP, pangkat/golongan)"),
    (
        RuleId::KED_01,
        "JF Ahli Madya di bawah Pejabat Pimpinan Tinggi Pratama",
    ),
    (
        RuleId::KED_02,
        "JF Ahli Muda di bawah Pejabat Administrator",
    ),
    (
        RuleId::KED_03,
        "JF Ahli Pertama dan keterampilan di bawah Pejabat Pengawas atau satu tingkat di atasnya",
    ),
    (RuleId::KED_04, "Pelaksana di bawah Pejabat Pengawas"),
    (
        RuleId::KED_05,
        "Pelaksana di bawah Pejabat Administrator bila tidak ada Pejabat Pengawas karena penyederhanaan",
    ),
    (
        RuleId::KED_06,
        "DPMPTSP: JF Ahli Madya dan JF substansi Penanaman Modal/PTSP di bawah Kepala DPMPTSP",
    ),
    (
        RuleId::KED_07,
        "DPMPTSP: JF Ahli Muda di bawah Sekretaris; Ahli Pertama, keterampilan dan Pelaksana di bawah Kepala Sub Bagian",
    ),
    (
        RuleId::KED_08,
        "Kecamatan: JF Ahli Muda di bawah Sekretaris Camat; lainnya di bawah Kepala Sub Bagian/Kepala Seksi",
    ),
    (
        RuleId::KED_09,
        "Kasus di luar ketentuan: belum terselesaikan, penetapan manual",
    ),
    (RuleId::KED_10, "Rentang kendali dan beban tugas"),
    (
        RuleId::KED_12,
        "Penilai kinerja: kebijakan instansi (Pengawas atau Administrator)",
    ),
    (
        RuleId::STR_06,
        "Rekomendasi penilaian JF Ahli Madya dari Administrator Unit Kerja",
    ),
    (
        RuleId::STR_07,
        "Pejabat Pengawas sebagai koordinator seperti Ketua Tim",
    ),
];

/// A rule together with the article of the regulation it comes from, as shown to users:
/// `KED-03 · Lampiran I.B.1.c.3`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Citation {
    pub rule_id: RuleId,
    pub article: Cow<'static, str>,
}

impl Citation {
    pub fn new(rule_id: RuleId, article: impl Into<Cow<'static, str>>) -> Self {
        Citation {
            rule_id,
            article: article.into(),
        }
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
        for (id, title) in CATALOGUE {
            assert_eq!(RuleId::parse(id.as_str()), Some(*id));
            assert!(!title.is_empty());
        }
        assert_eq!(RuleId::parse("KED-99"), None);
    }
}
