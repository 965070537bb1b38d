//! Pemerintah Provinsi Kalimantan Selatan: a Setda with Biro, two Dinas and a Badan, about 150
//! people, for cross-agency work.

use sikerja_domain::bundle::{AgencyBundle, AgencyRecord};
use sikerja_domain::org::FunctionalLevel::*;
use sikerja_domain::org::{AgencyKind, DepartmentKind, PositionClass, UnitKind};
use sikerja_domain::organisation::AgencyPolicy;

use crate::builder::{Builder, Staff};
use crate::catalog::*;
use crate::known::DEMO_PEOPLE;
use crate::names::Discipline;
use crate::offices::{self, Field, Office, SECRETARIAT, bidang, sec};

const DINKES: Office = Office {
    code: "dinkes-prov",
    name: "Dinas Kesehatan Provinsi",
    kind: DepartmentKind::Office,
    discipline: Discipline::PublicHealth,
    head_title: "Kepala Dinas Kesehatan",
    head: Staff::Filled,
    secretariat: SECRETARIAT,
    fields: &[
        bidang(
            "Bidang Kesehatan Masyarakat",
            &[sec(
                "Seksi Kesehatan Keluarga dan Gizi",
                2,
                &[(NUTRISIONIS, AhliPertama, 2)],
            )],
            &[(PENYULUH_KESMAS, AhliMuda, 2)],
        ),
        bidang(
            "Bidang Pelayanan Kesehatan",
            &[],
            &[
                (ADMINKES, AhliMuda, 2),
                (DOKTER, AhliMuda, 1),
                (ADMINKES, AhliPertama, 2),
            ],
        ),
    ],
    jf: &[(EPIDEMIOLOG, AhliMadya, 1)],
};

const DISDIKBUD: Office = Office {
    code: "disdikbud-prov",
    name: "Dinas Pendidikan dan Kebudayaan Provinsi",
    kind: DepartmentKind::Office,
    discipline: Discipline::Education,
    head_title: "Kepala Dinas Pendidikan dan Kebudayaan",
    head: Staff::Filled,
    secretariat: SECRETARIAT,
    fields: &[
        bidang(
            "Bidang Pembinaan Sekolah Menengah Atas",
            &[sec("Seksi Kurikulum Sekolah Menengah Atas", 3, &[])],
            &[
                (PENGAWAS_SEKOLAH, AhliMadya, 2),
                (PENGAWAS_SEKOLAH, AhliMuda, 4),
            ],
        ),
        bidang(
            "Bidang Pembinaan Sekolah Menengah Kejuruan",
            &[sec("Seksi Kurikulum Sekolah Menengah Kejuruan", 3, &[])],
            &[(PENGAWAS_SEKOLAH, AhliMuda, 3)],
        ),
    ],
    jf: &[],
};

const BKD: Office = Office {
    code: "bkd-prov",
    name: "Badan Kepegawaian Daerah Provinsi",
    kind: DepartmentKind::Board,
    discipline: Discipline::Psychology,
    head_title: "Kepala Badan Kepegawaian Daerah",
    head: Staff::Filled,
    secretariat: SECRETARIAT,
    fields: &[
        bidang(
            "Bidang Mutasi dan Promosi",
            &[],
            &[(ANALIS_SDM, AhliMuda, 3), (ANALIS_SDM, AhliPertama, 3)],
        ),
        Field {
            pelaksana: 3,
            ..bidang(
                "Bidang Pengembangan Kompetensi Aparatur",
                &[],
                &[(ASESOR_SDM, AhliMuda, 2), (ANALIS_SDM, AhliPertama, 2)],
            )
        },
    ],
    jf: &[],
};

/// The province bundle.
pub(crate) fn build() -> AgencyBundle {
    let mut b = Builder::new(
        AgencyRecord {
            code: "prov-kalsel".into(),
            name: "Pemerintah Provinsi Kalimantan Selatan".into(),
            kind: AgencyKind::ProvincialGovernment,
            seat: "Banjarbaru".into(),
            address: "Data fiktif untuk demonstrasi — bukan data pegawai sebenarnya".into(),
            policy: AgencyPolicy::default(),
        },
        0x5eed_ca15e1,
    );
    b.reserve(&[DEMO_PEOPLE.province_official]);
    let (root, _) = b.department(
        "setda-prov",
        "Sekretariat Daerah Provinsi",
        DepartmentKind::RegionalSecretariat,
        Discipline::Government,
        "Sekretaris Daerah Provinsi",
        (PositionClass::Jpt, Staff::Filled),
    );
    let asisten = b.sub(&root, UnitKind::Assistant, "Asisten Administrasi Umum");
    let (org, _) = b.unit(
        &asisten,
        UnitKind::Division,
        "Biro Organisasi",
        None,
        Staff::Known(&DEMO_PEOPLE.province_official),
    );
    b.jfs(
        &org,
        &[
            (ANALIS_KEBIJAKAN, AhliMuda, 3),
            (ANALIS_KEBIJAKAN, AhliPertama, 3),
        ],
    );
    b.pelaksana(&org, 3);
    let umum = b.sub(&asisten, UnitKind::Division, "Biro Umum");
    let sub = b.sub(
        &umum,
        UnitKind::SubDivision,
        "Sub Bagian Tata Usaha Pimpinan",
    );
    b.pelaksana(&sub, 6);
    let asisten = b.sub(
        &root,
        UnitKind::Assistant,
        "Asisten Pemerintahan dan Kesejahteraan Rakyat",
    );
    let pem = b.sub(
        &asisten,
        UnitKind::Division,
        "Biro Pemerintahan dan Otonomi Daerah",
    );
    b.jfs(
        &pem,
        &[
            (ANALIS_KEBIJAKAN, AhliMadya, 1),
            (ANALIS_KEBIJAKAN, AhliMuda, 2),
            (ANALIS_KEBIJAKAN, AhliPertama, 2),
        ],
    );
    b.pelaksana(&pem, 3);
    for o in [&DINKES, &DISDIKBUD, &BKD] {
        offices::build(&mut b, o);
    }
    b.finish()
}
