//! Well-known demo people: fixed names and NIPs in fixed positions, so tests, documentation
//! and later sign-in pages can point at "the Sekda" or "a Pelaksana" of the demo.

use sikerja_domain::bundle::EmployeeRecord;
use sikerja_domain::education::Education;
use sikerja_domain::grade::Grade;
use sikerja_domain::nip::Nip;
use sikerja_domain::org::{EmploymentType, PerformanceRating};
use sikerja_domain::organisation::{Experience, YearRating};

/// A fixed person of the demo government (fictional).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownPerson {
    /// 18-digit NIP.
    pub nip: &'static str,
    pub name: &'static str,
    pub front_title: &'static str,
    pub back_title: &'static str,
    /// Golongan, e.g. `III/c`.
    pub grade: &'static str,
    /// Indonesian description of the role, e.g. "Sekretaris Daerah Kabupaten Banjar".
    pub role: &'static str,
    /// Code of the agency the person belongs to.
    pub agency_code: &'static str,
}

/// The well-known people of the demo government, one per kind of role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoPeople {
    /// A Pelaksana (Seksi Infrastruktur TIK, Diskominfostat).
    pub pelaksana: KnownPerson,
    /// A Pejabat Fungsional (Pranata Komputer Ahli Muda, Diskominfostat).
    pub functional: KnownPerson,
    /// A Pengawas (Kepala Seksi Infrastruktur TIK).
    pub pengawas: KnownPerson,
    /// An Administrator (Kepala Bidang Aplikasi Informatika).
    pub administrator: KnownPerson,
    /// A Kepala Dinas (Diskominfostat).
    pub head_of_office: KnownPerson,
    /// The Sekretaris Daerah.
    pub regional_secretary: KnownPerson,
    /// The Camat of Martapura.
    pub camat_martapura: KnownPerson,
    /// The Direktur of RSUD Ratu Zalecha.
    pub hospital_director: KnownPerson,
    /// A staff member of BKPSDM (Analis SDM Aparatur Ahli Pertama).
    pub bkpsdm_staff: KnownPerson,
    /// A staff member of Bagian Organisasi, Setda (Analis Kebijakan Ahli Pertama).
    pub organisation_staff: KnownPerson,
    /// An official of the province (Kepala Biro Organisasi, Setda Provinsi).
    pub province_official: KnownPerson,
}

const fn p(
    nip: &'static str,
    name: &'static str,
    front_title: &'static str,
    back_title: &'static str,
    grade: &'static str,
    role: &'static str,
    agency_code: &'static str,
) -> KnownPerson {
    KnownPerson {
        nip,
        name,
        front_title,
        back_title,
        grade,
        role,
        agency_code,
    }
}

const BANJAR: &str = "kab-banjar";

/// The well-known people. Their NIPs are valid and consistent with age and grade.
pub const DEMO_PEOPLE: DemoPeople = DemoPeople {
    pelaksana: p(
        "199503142019031004",
        "Muhammad Rizky Ramadhan",
        "",
        "A.Md.Kom.",
        "II/d",
        "Pengolah Data dan Informasi, Seksi Infrastruktur TIK, Diskominfostat",
        BANJAR,
    ),
    functional: p(
        "198811232012122002",
        "Nor Aina",
        "",
        "S.Kom., M.Kom.",
        "III/d",
        "Pranata Komputer Ahli Muda, Bidang Aplikasi Informatika, Diskominfostat",
        BANJAR,
    ),
    pengawas: p(
        "198607052010011003",
        "Ahmad Fauzi",
        "",
        "S.T.",
        "III/d",
        "Kepala Seksi Infrastruktur TIK, Diskominfostat",
        BANJAR,
    ),
    administrator: p(
        "197910182005011002",
        "Gusti Muhammad Hatta",
        "",
        "S.Kom., M.T.",
        "IV/b",
        "Kepala Bidang Aplikasi Informatika, Diskominfostat",
        BANJAR,
    ),
    head_of_office: p(
        "197204111998031005",
        "Hairil Anwar",
        "",
        "S.T., M.T.",
        "IV/c",
        "Kepala Dinas Komunikasi, Informatika dan Statistik",
        BANJAR,
    ),
    regional_secretary: p(
        "196904121994031003",
        "Gusti Rusdiansyah",
        "Dr.",
        "S.Sos., M.Si.",
        "IV/d",
        "Sekretaris Daerah Kabupaten Banjar",
        BANJAR,
    ),
    camat_martapura: p(
        "197808092003121002",
        "Syahrani Noor",
        "",
        "S.STP., M.Si.",
        "IV/b",
        "Camat Martapura",
        BANJAR,
    ),
    hospital_director: p(
        "197303252002122003",
        "Siti Maulida",
        "dr.",
        "Sp.PD.",
        "IV/c",
        "Direktur RSUD Ratu Zalecha",
        BANJAR,
    ),
    bkpsdm_staff: p(
        "199402172020122001",
        "Khairunnisa",
        "",
        "S.Psi.",
        "III/a",
        "Analis Sumber Daya Manusia Aparatur Ahli Pertama, BKPSDM",
        BANJAR,
    ),
    organisation_staff: p(
        "199209302019032002",
        "Siti Nurhaliza",
        "",
        "S.AP.",
        "III/b",
        "Analis Kebijakan Ahli Pertama, Bagian Organisasi, Setda",
        BANJAR,
    ),
    province_official: p(
        "197512012000031001",
        "Akhmad Fahmi",
        "",
        "S.H., M.H.",
        "IV/b",
        "Kepala Biro Organisasi, Setda Provinsi Kalimantan Selatan",
        "prov-kalsel",
    ),
};

impl KnownPerson {
    /// The person as an employee holding `position_code` (PNS, ratings and experience fixed).
    pub(crate) fn employee(&self, position_code: &str, field: &str) -> Option<EmployeeRecord> {
        let nip = Nip::parse(self.nip).ok()?;
        let grade = Grade::parse(self.grade, false).ok()?;
        let education = if self.back_title.contains("M.") || self.front_title == "Dr." {
            if self.front_title == "Dr." {
                Education::S3
            } else {
                Education::S2
            }
        } else if self.back_title.starts_with("A.Md") {
            Education::D3
        } else if self.back_title.starts_with("Sp.") {
            Education::S2
        } else {
            Education::S1
        };
        Some(EmployeeRecord {
            nip,
            name: self.name.into(),
            front_title: self.front_title.into(),
            back_title: self.back_title.into(),
            employment_type: EmploymentType::Pns,
            grade,
            education,
            position_code: Some(position_code.into()),
            acting_position_code: None,
            acting_kind: None,
            from_equalization: false,
            ratings: [2022, 2023, 2024]
                .into_iter()
                .map(|year| YearRating {
                    year,
                    rating: PerformanceRating::Baik,
                })
                .collect(),
            experience: vec![Experience {
                field: field.into(),
                years: 5,
            }],
        })
    }
}
