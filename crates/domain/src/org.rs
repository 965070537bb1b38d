//! The closed vocabularies of the organisation model (ORG-01..07): kinds of agency, department
//! and unit, position classes and functional levels. Each has a stable `snake_case` code (API,
//! import files, database) and an Indonesian label (pages, letters).

use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// Stable code used in the API, import files and the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// Indonesian label for pages and letters.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Parses a stable code.
            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// Kind of Instansi Pemerintah (ORG-01).
    AgencyKind {
        RegionalGovernment => "regional_government", "Pemerintah Kabupaten/Kota";
        ProvincialGovernment => "provincial_government", "Pemerintah Provinsi";
        Ministry => "ministry", "Kementerian/Lembaga";
    }
}

vocabulary! {
    /// Kind of Perangkat Daerah: decides which section of Lampiran I applies (ORG-02).
    DepartmentKind {
        RegionalSecretariat => "regional_secretariat", "Sekretariat Daerah";
        CouncilSecretariat => "council_secretariat", "Sekretariat DPRD";
        Inspectorate => "inspectorate", "Inspektorat Daerah";
        Office => "office", "Dinas";
        Board => "board", "Badan";
        CivilServicePolice => "civil_service_police", "Satuan Polisi Pamong Praja";
        OneStopService => "one_stop_service", "DPMPTSP";
        Hospital => "hospital", "Rumah Sakit Umum Daerah";
        District => "district", "Kecamatan";
    }
}

/// Which section of Lampiran I governs a department kind (ORG-02).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnnexSection {
    /// I.A — Sekretariat Daerah.
    A,
    /// I.B — Sekretariat DPRD, Inspektorat, Dinas, Badan, Satpol PP.
    B,
    /// I.C — DPMPTSP.
    C,
    /// I.D — RSUD.
    D,
    /// I.E — Kecamatan.
    E,
}

impl AnnexSection {
    pub fn letter(self) -> char {
        match self {
            AnnexSection::A => 'A',
            AnnexSection::B => 'B',
            AnnexSection::C => 'C',
            AnnexSection::D => 'D',
            AnnexSection::E => 'E',
        }
    }
}

impl DepartmentKind {
    pub fn annex_section(self) -> AnnexSection {
        match self {
            DepartmentKind::RegionalSecretariat => AnnexSection::A,
            DepartmentKind::CouncilSecretariat
            | DepartmentKind::Inspectorate
            | DepartmentKind::Office
            | DepartmentKind::Board
            | DepartmentKind::CivilServicePolice => AnnexSection::B,
            DepartmentKind::OneStopService => AnnexSection::C,
            DepartmentKind::Hospital => AnnexSection::D,
            DepartmentKind::District => AnnexSection::E,
        }
    }
}

vocabulary! {
    /// Kind of a node in the unit tree (ORG-03).
    UnitKind {
        Department => "department", "Perangkat Daerah";
        Assistant => "assistant", "Asisten";
        Secretariat => "secretariat", "Sekretariat";
        Division => "division", "Bagian";
        Field => "field", "Bidang";
        AssistantInspector => "assistant_inspector", "Inspektorat Pembantu";
        DeputyDirector => "deputy_director", "Wakil Direktur";
        SubDivision => "sub_division", "Sub Bagian";
        SubField => "sub_field", "Sub Bidang";
        Section => "section", "Seksi";
        TechnicalUnit => "technical_unit", "UPTD";
        Other => "other", "Unit lain";
    }
}

/// First words of a unit name that already name its head's office: the unit "Asisten
/// Pemerintahan dan Kesejahteraan Rakyat" is led by the Asisten of that name, not a "Kepala
/// Asisten …" (issue 15 point 9).
const OFFICE_TITLES: [&str; 8] = [
    "Asisten",
    "Kepala",
    "Camat",
    "Lurah",
    "Inspektur",
    "Sekretaris",
    "Direktur",
    "Wakil",
];

/// The title of the head of a unit named `unit_name`: "Kepala <name>", unless the name
/// already is an office's title ("Asisten …", "Camat …"), which is then the title itself.
pub fn head_title(unit_name: &str) -> String {
    let name = unit_name.trim();
    let first = name.split_whitespace().next().unwrap_or_default();
    if OFFICE_TITLES.contains(&first) {
        name.to_string()
    } else {
        format!("Kepala {name}")
    }
}

vocabulary! {
    /// Jenis jabatan (ORG-04).
    PositionClass {
        Jpt => "jpt", "Pejabat Pimpinan Tinggi Pratama";
        Administrator => "administrator", "Pejabat Administrator";
        Pengawas => "pengawas", "Pejabat Pengawas";
        Fungsional => "fungsional", "Pejabat Fungsional";
        Pelaksana => "pelaksana", "Pelaksana";
    }
}

impl PositionClass {
    /// Structural rank: Pengawas 1, Administrator 2, JPT 3; JF and Pelaksana have none.
    pub fn structural_rank(self) -> Option<u8> {
        match self {
            PositionClass::Pengawas => Some(1),
            PositionClass::Administrator => Some(2),
            PositionClass::Jpt => Some(3),
            PositionClass::Fungsional | PositionClass::Pelaksana => None,
        }
    }

    /// Whether placement computes a kedudukan for holders of this class.
    pub fn is_placed(self) -> bool {
        matches!(self, PositionClass::Fungsional | PositionClass::Pelaksana)
    }

    /// Short label used in tables.
    pub fn short_label(self) -> &'static str {
        match self {
            PositionClass::Jpt => "JPT Pratama",
            PositionClass::Administrator => "Administrator",
            PositionClass::Pengawas => "Pengawas",
            PositionClass::Fungsional => "Fungsional",
            PositionClass::Pelaksana => "Pelaksana",
        }
    }
}

vocabulary! {
    /// Jenjang of a functional position (ORG-04).
    FunctionalLevel {
        AhliUtama => "ahli_utama", "Ahli Utama";
        AhliMadya => "ahli_madya", "Ahli Madya";
        AhliMuda => "ahli_muda", "Ahli Muda";
        AhliPertama => "ahli_pertama", "Ahli Pertama";
        Penyelia => "penyelia", "Penyelia";
        Mahir => "mahir", "Mahir";
        Terampil => "terampil", "Terampil";
        Pemula => "pemula", "Pemula";
    }
}

impl FunctionalLevel {
    /// Keahlian levels (Ahli …) versus keterampilan levels.
    pub fn is_expertise(self) -> bool {
        matches!(
            self,
            FunctionalLevel::AhliUtama
                | FunctionalLevel::AhliMadya
                | FunctionalLevel::AhliMuda
                | FunctionalLevel::AhliPertama
        )
    }
}

vocabulary! {
    /// Substansi of a functional position, used by KED-06 in DPMPTSP.
    Substance {
        Investment => "investment", "Penanaman Modal";
        OneStopService => "one_stop_service", "PTSP";
    }
}

vocabulary! {
    /// PNS or PPPK (ORG-07).
    EmploymentType {
        Pns => "pns", "PNS";
        Pppk => "pppk", "PPPK";
    }
}

vocabulary! {
    /// Plt. (pelaksana tugas) or Plh. (pelaksana harian) (ORG-05).
    ActingKind {
        Plt => "plt", "Plt.";
        Plh => "plh", "Plh.";
    }
}

vocabulary! {
    /// Predikat kinerja of a year (PermenPANRB 6/2022; ORG-07 yearly ratings).
    PerformanceRating {
        SangatBaik => "sangat_baik", "Sangat Baik";
        Baik => "baik", "Baik";
        ButuhPerbaikan => "butuh_perbaikan", "Butuh Perbaikan";
        Kurang => "kurang", "Kurang/Misconduct";
        SangatKurang => "sangat_kurang", "Sangat Kurang";
    }
}

vocabulary! {
    /// KED-12 policy: who assesses JF and Pelaksana placed under a Pengawas.
    AssessorPolicy {
        PlacementDecides => "placement_decides", "Pejabat kedudukan (Pengawas) sebagai Pejabat Penilai Kinerja";
        AdministratorAssesses => "administrator_assesses", "Pejabat Administrator sebagai Pejabat Penilai Kinerja, Pengawas sebagai koordinator";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_02_every_department_kind_maps_to_its_annex_section() {
        assert_eq!(
            DepartmentKind::RegionalSecretariat.annex_section(),
            AnnexSection::A
        );
        assert_eq!(DepartmentKind::Office.annex_section(), AnnexSection::B);
        assert_eq!(
            DepartmentKind::OneStopService.annex_section(),
            AnnexSection::C
        );
        assert_eq!(DepartmentKind::Hospital.annex_section(), AnnexSection::D);
        assert_eq!(DepartmentKind::District.annex_section(), AnnexSection::E);
        for k in DepartmentKind::ALL {
            assert_eq!(DepartmentKind::from_code(k.code()), Some(*k));
        }
    }

    #[test]
    fn a_unit_whose_name_is_an_office_title_is_headed_by_that_title() {
        assert_eq!(
            head_title("Asisten Pemerintahan dan Kesejahteraan Rakyat"),
            "Asisten Pemerintahan dan Kesejahteraan Rakyat"
        );
        assert_eq!(head_title("Camat Martapura"), "Camat Martapura");
        assert_eq!(
            head_title("Bagian Pemerintahan"),
            "Kepala Bagian Pemerintahan"
        );
        assert_eq!(head_title("Dinas Kesehatan "), "Kepala Dinas Kesehatan");
        // A word inside the name is not a title.
        assert_eq!(
            head_title("Bidang Asisten Apoteker"),
            "Kepala Bidang Asisten Apoteker"
        );
    }
}
