//! The small test agency: a Dinas (Lampiran I.B) with one case for each of KED-01..04, an
//! unresolved Ahli Utama (KED-09), a vacant position, a Plt. and a name that is markup.

use sikerja_domain::bundle::{
    AgencyBundle, AgencyRecord, DepartmentRecord, EmployeeRecord, PositionRecord, UnitRecord,
};
use sikerja_domain::education::Education;
use sikerja_domain::org::{
    ActingKind, AgencyKind, DepartmentKind, EmploymentType, FunctionalLevel, PerformanceRating,
    PositionClass, UnitKind,
};
use sikerja_domain::organisation::{AgencyPolicy, Experience, YearRating};
use sikerja_domain::{Grade, Nip};

/// NIPs of the people of the test agency, by role.
pub mod nip {
    pub const KADIS: &str = "197001012000031001";
    pub const SEKRETARIS: &str = "197202022001032002";
    pub const KASUBAG: &str = "197503032002031003";
    pub const KABID: &str = "197604042003032004";
    pub const AHLI_PERTAMA: &str = "199001012015031005";
    pub const AHLI_MUDA: &str = "198801012012032006";
    pub const AHLI_MADYA: &str = "198001012005031007";
    pub const PELAKSANA: &str = "199505052020032008";
    pub const AHLI_UTAMA: &str = "196805052000031009";
    pub const SCRIPT: &str = "199606062021031010";
    pub const PLT_KASI: &str = "198606062010031011";
}

fn unit(code: &str, parent: Option<&str>, name: &str, kind: UnitKind, org: bool) -> UnitRecord {
    UnitRecord {
        code: code.into(),
        department_code: "dinkes".into(),
        parent_code: parent.map(Into::into),
        name: name.into(),
        kind,
        is_org_unit: org,
    }
}

fn position(
    code: &str,
    unit: &str,
    name: &str,
    class: PositionClass,
    head: bool,
    level: Option<FunctionalLevel>,
) -> PositionRecord {
    PositionRecord {
        code: code.into(),
        unit_code: unit.into(),
        name: name.into(),
        class,
        is_head: head,
        functional_level: level,
        substance: None,
    }
}

fn employee(nip: &str, name: &str, grade: &str, position: Option<&str>) -> EmployeeRecord {
    EmployeeRecord {
        nip: Nip::parse(nip).expect("test NIP"),
        name: name.into(),
        front_title: String::new(),
        back_title: "S.E.".into(),
        employment_type: EmploymentType::Pns,
        grade: Grade::parse(grade, false).expect("test grade"),
        education: Education::S1,
        position_code: position.map(Into::into),
        acting_position_code: None,
        acting_kind: None,
        from_equalization: false,
        ratings: vec![YearRating {
            year: 2024,
            rating: PerformanceRating::Baik,
        }],
        experience: vec![Experience {
            field: "Kesehatan".into(),
            years: 5,
        }],
    }
}

/// A small Dinas (Lampiran I.B) with one case for each of KED-01..04, an unresolved Ahli
/// Utama (KED-09), a vacant Kepala Seksi with a Plt., and an employee whose name is markup.
pub fn test_agency() -> AgencyBundle {
    use FunctionalLevel::*;
    use PositionClass::*;
    let mut plt = employee(nip::PLT_KASI, "Rahmat Hidayat", "III/c", Some("pel-seksi"));
    plt.acting_position_code = Some("kasi-yankes".into());
    plt.acting_kind = Some(ActingKind::Plt);
    AgencyBundle {
        regional_heads: Vec::new(),
        experience_fields: Vec::new(),
        agency: AgencyRecord {
            code: "kab-uji".into(),
            name: "Pemerintah Kabupaten Uji".into(),
            kind: AgencyKind::RegionalGovernment,
            seat: "Martapura".into(),
            address: "Jl. Uji No. 1".into(),
            policy: AgencyPolicy::default(),
        },
        departments: vec![DepartmentRecord {
            code: "dinkes".into(),
            name: "Dinas Kesehatan".into(),
            kind: DepartmentKind::Office,
        }],
        units: vec![
            unit(
                "u-dinkes",
                None,
                "Dinas Kesehatan",
                UnitKind::Department,
                true,
            ),
            unit(
                "u-sekre",
                Some("u-dinkes"),
                "Sekretariat",
                UnitKind::Secretariat,
                false,
            ),
            unit(
                "u-umum",
                Some("u-sekre"),
                "Sub Bagian Umum",
                UnitKind::SubDivision,
                false,
            ),
            unit(
                "u-yankes",
                Some("u-dinkes"),
                "Bidang Pelayanan Kesehatan",
                UnitKind::Field,
                false,
            ),
            unit(
                "u-rujukan",
                Some("u-yankes"),
                "Seksi Rujukan",
                UnitKind::Section,
                false,
            ),
        ],
        positions: vec![
            position(
                "kadis",
                "u-dinkes",
                "Kepala Dinas Kesehatan",
                Jpt,
                true,
                None,
            ),
            position(
                "sekretaris",
                "u-sekre",
                "Sekretaris",
                Administrator,
                true,
                None,
            ),
            position(
                "kasubag-umum",
                "u-umum",
                "Kepala Sub Bagian Umum",
                Pengawas,
                true,
                None,
            ),
            position(
                "kabid-yankes",
                "u-yankes",
                "Kepala Bidang Pelayanan Kesehatan",
                Administrator,
                true,
                None,
            ),
            position(
                "kasi-yankes",
                "u-rujukan",
                "Kepala Seksi Rujukan",
                Pengawas,
                true,
                None,
            ),
            position(
                "jf-pertama",
                "u-umum",
                "Pranata Komputer Ahli Pertama",
                Fungsional,
                false,
                Some(AhliPertama),
            ),
            position(
                "jf-muda",
                "u-yankes",
                "Administrator Kesehatan Ahli Muda",
                Fungsional,
                false,
                Some(AhliMuda),
            ),
            position(
                "jf-madya",
                "u-yankes",
                "Administrator Kesehatan Ahli Madya",
                Fungsional,
                false,
                Some(AhliMadya),
            ),
            position(
                "jf-utama",
                "u-dinkes",
                "Analis Kebijakan Ahli Utama",
                Fungsional,
                false,
                Some(AhliUtama),
            ),
            position(
                "pel-umum",
                "u-umum",
                "Pengadministrasi Umum",
                Pelaksana,
                false,
                None,
            ),
            position(
                "pel-umum-2",
                "u-umum",
                "Pengelola Arsip",
                Pelaksana,
                false,
                None,
            ),
            position(
                "pel-seksi",
                "u-rujukan",
                "Pengelola Data Rujukan",
                Pelaksana,
                false,
                None,
            ),
            position(
                "jf-kosong",
                "u-umum",
                "Arsiparis Ahli Muda",
                Fungsional,
                false,
                Some(AhliMuda),
            ),
        ],
        employees: vec![
            employee(nip::KADIS, "Hj. Siti Aminah", "IV/c", Some("kadis")),
            employee(nip::SEKRETARIS, "Nurul Huda", "IV/a", Some("sekretaris")),
            employee(nip::KASUBAG, "Ahmad Fauzi", "III/d", Some("kasubag-umum")),
            employee(nip::KABID, "Dewi Lestari", "IV/a", Some("kabid-yankes")),
            employee(
                nip::AHLI_PERTAMA,
                "Budi Santoso",
                "III/a",
                Some("jf-pertama"),
            ),
            employee(nip::AHLI_MUDA, "Rina Wulandari", "III/c", Some("jf-muda")),
            employee(nip::AHLI_MADYA, "Hendra Gunawan", "IV/a", Some("jf-madya")),
            employee(nip::PELAKSANA, "Maya Sari", "II/c", Some("pel-umum")),
            employee(
                nip::AHLI_UTAMA,
                "Bambang Prasetyo",
                "IV/d",
                Some("jf-utama"),
            ),
            employee(
                nip::SCRIPT,
                "<script>alert(1)</script>",
                "II/a",
                Some("pel-umum-2"),
            ),
            plt,
        ],
    }
}
