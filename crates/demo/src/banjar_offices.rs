//! The Dinas, Badan, Satpol PP, Sekretariat DPRD and Inspektorat of Kabupaten Banjar
//! (Lampiran I.B), as data for [`offices::build`](crate::offices::build).

use sikerja_domain::org::DepartmentKind;
use sikerja_domain::org::FunctionalLevel::*;
use sikerja_domain::org::UnitKind;

use crate::builder::Staff;
use crate::catalog::*;
use crate::known::DEMO_PEOPLE;
use crate::names::Discipline;
use crate::offices::{Field, Office, SECRETARIAT, Section, bidang, sec};

const fn bagian(
    name: &'static str,
    sections: &'static [Section],
    jf: &'static [crate::offices::JfGroup],
    pelaksana: usize,
) -> Field {
    Field {
        kind: UnitKind::Division,
        pelaksana,
        ..bidang(name, sections, jf)
    }
}

const fn irban(
    title: &'static str,
    jf: &'static [crate::offices::JfGroup],
    pelaksana: usize,
) -> Field {
    Field {
        kind: UnitKind::AssistantInspector,
        head_title: Some(title),
        pelaksana,
        ..bidang(title, &[], jf)
    }
}

pub(crate) const SETWAN: Office = Office {
    code: "setwan",
    name: "Sekretariat Dewan Perwakilan Rakyat Daerah",
    kind: DepartmentKind::CouncilSecretariat,
    discipline: Discipline::Government,
    head_title: "Sekretaris DPRD",
    head: Staff::Filled,
    secretariat: &[],
    fields: &[
        bagian(
            "Bagian Umum dan Keuangan",
            &[
                sec(
                    "Sub Bagian Tata Usaha dan Kepegawaian",
                    7,
                    &[(ARSIPARIS, Terampil, 1)],
                ),
                sec(
                    "Sub Bagian Keuangan",
                    4,
                    &[(ANALIS_KEUANGAN, AhliPertama, 1)],
                ),
            ],
            &[],
            0,
        ),
        bagian(
            "Bagian Persidangan dan Perundang-undangan",
            &[],
            &[
                (PERANCANG_PUU, AhliMuda, 2),
                (PERANCANG_PUU, AhliPertama, 2),
                (ANALIS_HUKUM, AhliPertama, 2),
            ],
            3,
        ),
        bagian(
            "Bagian Fasilitasi Penganggaran dan Pengawasan",
            &[],
            &[
                (ANALIS_KEBIJAKAN, AhliMuda, 2),
                (ANALIS_KEBIJAKAN, AhliPertama, 3),
                (ANALIS_KEUANGAN, AhliMuda, 1),
            ],
            3,
        ),
        bagian(
            "Bagian Humas dan Protokol",
            &[sec("Sub Bagian Protokol", 5, &[])],
            &[
                (PRANATA_HUMAS, AhliPertama, 2),
                (PRANATA_HUMAS, Terampil, 2),
            ],
            0,
        ),
    ],
    jf: &[(ANALIS_KEBIJAKAN, AhliMadya, 1)],
};

pub(crate) const INSPEKTORAT: Office = Office {
    code: "inspektorat",
    name: "Inspektorat Daerah",
    kind: DepartmentKind::Inspectorate,
    discipline: Discipline::Economics,
    head_title: "Inspektur",
    head: Staff::Filled,
    secretariat: &[
        sec(
            "Sub Bagian Umum dan Keuangan",
            5,
            &[(ARSIPARIS, Terampil, 1)],
        ),
        sec(
            "Sub Bagian Perencanaan, Evaluasi dan Pelaporan",
            3,
            &[(PERENCANA, AhliPertama, 1)],
        ),
    ],
    fields: &[
        irban(
            "Inspektur Pembantu Wilayah I",
            &[
                (AUDITOR, AhliMadya, 1),
                (AUDITOR, AhliMuda, 2),
                (AUDITOR, AhliPertama, 3),
                (P2UPD, AhliMuda, 1),
                (P2UPD, AhliPertama, 2),
                (AUDITOR, Mahir, 1),
            ],
            1,
        ),
        irban(
            "Inspektur Pembantu Wilayah II",
            &[
                (AUDITOR, AhliMadya, 1),
                (AUDITOR, AhliMuda, 2),
                (AUDITOR, AhliPertama, 3),
                (P2UPD, AhliMuda, 2),
                (P2UPD, AhliPertama, 1),
            ],
            1,
        ),
        irban(
            "Inspektur Pembantu Wilayah III",
            &[
                (AUDITOR, AhliMuda, 3),
                (AUDITOR, AhliPertama, 2),
                (P2UPD, AhliMadya, 1),
                (P2UPD, AhliPertama, 2),
                (AUDITOR, Terampil, 1),
            ],
            1,
        ),
        irban(
            "Inspektur Pembantu Wilayah IV (Khusus)",
            &[
                (AUDITOR, AhliMuda, 2),
                (AUDITOR, AhliPertama, 3),
                (P2UPD, AhliMuda, 1),
                (P2UPD, AhliPertama, 2),
            ],
            1,
        ),
    ],
    jf: &[],
};

pub(crate) const DISDIKBUD: Office = Office {
    code: "disdikbud",
    name: "Dinas Pendidikan dan Kebudayaan",
    kind: DepartmentKind::Office,
    discipline: Discipline::Education,
    head_title: "Kepala Dinas Pendidikan dan Kebudayaan",
    head: Staff::Filled,
    secretariat: SECRETARIAT,
    fields: &[
        bidang(
            "Bidang Pembinaan Sekolah Dasar",
            &[
                sec("Seksi Kurikulum dan Penilaian Sekolah Dasar", 4, &[]),
                sec(
                    "Seksi Peserta Didik dan Pembangunan Karakter Sekolah Dasar",
                    3,
                    &[],
                ),
            ],
            &[
                (PENGAWAS_SEKOLAH, AhliMadya, 3),
                (PENGAWAS_SEKOLAH, AhliMuda, 10),
                (PENGAWAS_SEKOLAH, AhliPertama, 2),
            ],
        ),
        bidang(
            "Bidang Pembinaan Sekolah Menengah Pertama",
            &[
                sec(
                    "Seksi Kurikulum dan Penilaian Sekolah Menengah Pertama",
                    4,
                    &[],
                ),
                sec("Seksi Sarana dan Prasarana", 4, &[]),
            ],
            &[
                (PENGAWAS_SEKOLAH, AhliMadya, 2),
                (PENGAWAS_SEKOLAH, AhliMuda, 8),
            ],
        ),
        bidang(
            "Bidang Pembinaan Ketenagaan",
            &[],
            &[
                (ANALIS_SDM, AhliMuda, 2),
                (ANALIS_SDM, AhliPertama, 3),
                (PRANATA_KOMPUTER, Terampil, 1),
            ],
        ),
        bidang(
            "Bidang Kebudayaan",
            &[
                sec(
                    "Seksi Cagar Budaya dan Permuseuman",
                    2,
                    &[(PAMONG_BUDAYA, AhliPertama, 2)],
                ),
                sec(
                    "Seksi Kesenian dan Tradisi",
                    2,
                    &[(PAMONG_BUDAYA, Terampil, 1)],
                ),
            ],
            &[(PAMONG_BUDAYA, AhliMuda, 2)],
        ),
    ],
    jf: &[(PERENCANA, AhliMadya, 1)],
};

pub(crate) const DINKES: Office = Office {
    code: "dinkes",
    name: "Dinas Kesehatan",
    kind: DepartmentKind::Office,
    discipline: Discipline::PublicHealth,
    head_title: "Kepala Dinas Kesehatan",
    head: Staff::Filled,
    secretariat: SECRETARIAT,
    fields: &[
        bidang(
            "Bidang Kesehatan Masyarakat",
            &[
                sec(
                    "Seksi Kesehatan Keluarga dan Gizi",
                    3,
                    &[
                        (NUTRISIONIS, AhliPertama, 2),
                        (NUTRISIONIS, Terampil, 2),
                        (BIDAN, AhliMuda, 1),
                    ],
                ),
                sec(
                    "Seksi Promosi dan Pemberdayaan Masyarakat",
                    6,
                    &[(PENYULUH_KESMAS, AhliPertama, 3)],
                ),
                sec(
                    "Seksi Kesehatan Lingkungan, Kerja dan Olahraga",
                    2,
                    &[(SANITARIAN, Terampil, 2), (SANITARIAN, AhliPertama, 1)],
                ),
            ],
            &[(PENYULUH_KESMAS, AhliMuda, 2)],
        ),
        bidang(
            "Bidang Pencegahan dan Pengendalian Penyakit",
            &[
                sec(
                    "Seksi Surveilans dan Imunisasi",
                    3,
                    &[(EPIDEMIOLOG, AhliPertama, 2), (EPIDEMIOLOG, Terampil, 2)],
                ),
                sec(
                    "Seksi Pencegahan dan Pengendalian Penyakit Menular",
                    3,
                    &[(PERAWAT, AhliPertama, 2), (DOKTER, AhliPertama, 1)],
                ),
                sec(
                    "Seksi Kesehatan Jiwa dan Penyakit Tidak Menular",
                    2,
                    &[(PERAWAT, Mahir, 1)],
                ),
            ],
            &[(EPIDEMIOLOG, AhliMuda, 2), (DOKTER, AhliMadya, 1)],
        ),
        bidang(
            "Bidang Pelayanan Kesehatan",
            &[],
            &[
                (ADMINKES, AhliMuda, 2),
                (ADMINKES, AhliPertama, 3),
                (DOKTER, AhliMuda, 2),
                (DOKTER_GIGI, AhliMuda, 1),
                (PERAWAT, AhliMuda, 2),
            ],
        ),
        bidang(
            "Bidang Sumber Daya Kesehatan",
            &[
                sec(
                    "Seksi Kefarmasian dan Alat Kesehatan",
                    2,
                    &[
                        (APOTEKER, AhliPertama, 2),
                        (TENAGA_KEFARMASIAN, Terampil, 2),
                    ],
                ),
                sec("Seksi Sumber Daya Manusia Kesehatan", 6, &[]),
            ],
            &[(APOTEKER, AhliMuda, 1)],
        ),
    ],
    jf: &[(ADMINKES, AhliMadya, 1)],
};

pub(crate) const PUPR: Office = Office {
    code: "pupr",
    name: "Dinas Pekerjaan Umum dan Penataan Ruang",
    kind: DepartmentKind::Office,
    discipline: Discipline::Engineering,
    head_title: "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
    head: Staff::Vacant,
    secretariat: SECRETARIAT,
    fields: &[
        bidang(
            "Bidang Bina Marga",
            &[
                sec(
                    "Seksi Pembangunan Jalan dan Jembatan",
                    4,
                    &[(TEKNIK_JALAN, AhliPertama, 3), (TEKNIK_JALAN, Terampil, 2)],
                ),
                sec(
                    "Seksi Preservasi Jalan dan Jembatan",
                    12,
                    &[(TEKNIK_JALAN, Mahir, 2)],
                ),
            ],
            &[(TEKNIK_JALAN, AhliMuda, 3), (TEKNIK_JALAN, AhliMadya, 1)],
        ),
        bidang(
            "Bidang Sumber Daya Air",
            &[
                sec(
                    "Seksi Irigasi dan Rawa",
                    9,
                    &[
                        (TEKNIK_PENGAIRAN, AhliPertama, 2),
                        (TEKNIK_PENGAIRAN, Terampil, 2),
                    ],
                ),
                sec(
                    "Seksi Sungai dan Pantai",
                    3,
                    &[(TEKNIK_PENGAIRAN, Penyelia, 1)],
                ),
            ],
            &[(TEKNIK_PENGAIRAN, AhliMuda, 2)],
        ),
        bidang(
            "Bidang Cipta Karya",
            &[],
            &[
                (TEKNIK_BANGUNAN, AhliMuda, 2),
                (TEKNIK_BANGUNAN, AhliPertama, 3),
                (TEKNIK_BANGUNAN, Terampil, 2),
            ],
        ),
        bidang(
            "Bidang Penataan Ruang",
            &[
                sec(
                    "Seksi Perencanaan Tata Ruang",
                    2,
                    &[(PENATA_RUANG, AhliPertama, 2)],
                ),
                sec("Seksi Pengendalian Pemanfaatan Ruang", 3, &[]),
            ],
            &[(PENATA_RUANG, AhliMuda, 2)],
        ),
    ],
    jf: &[],
};

pub(crate) const DISKOMINFOSTAT: Office = Office {
    code: "diskominfostat",
    name: "Dinas Komunikasi, Informatika dan Statistik",
    kind: DepartmentKind::Office,
    discipline: Discipline::Computing,
    head_title: "Kepala Dinas Komunikasi, Informatika dan Statistik",
    head: Staff::Known(&DEMO_PEOPLE.head_of_office),
    secretariat: SECRETARIAT,
    fields: &[
        bidang(
            "Bidang Informasi dan Komunikasi Publik",
            &[],
            &[
                (PRANATA_HUMAS, AhliMuda, 2),
                (PRANATA_HUMAS, AhliPertama, 3),
                (PRANATA_HUMAS, Terampil, 2),
                (PRANATA_HUMAS, Mahir, 1),
            ],
        ),
        Field {
            head: Staff::Known(&DEMO_PEOPLE.administrator),
            ..bidang(
                "Bidang Aplikasi Informatika",
                &[
                    sec(
                        "Seksi Tata Kelola E-Government",
                        2,
                        &[(PRANATA_KOMPUTER, AhliPertama, 3)],
                    ),
                    Section {
                        head: Staff::Known(&DEMO_PEOPLE.pengawas),
                        ..sec(
                            "Seksi Infrastruktur Teknologi Informasi dan Komunikasi",
                            3,
                            &[
                                (PRANATA_KOMPUTER, Terampil, 2),
                                (PRANATA_KOMPUTER, Mahir, 1),
                            ],
                        )
                    },
                ],
                &[(PRANATA_KOMPUTER, AhliMuda, 1)],
            )
        },
        bidang(
            "Bidang Statistik dan Persandian",
            &[
                sec(
                    "Seksi Statistik Sektoral",
                    2,
                    &[(STATISTISI, AhliPertama, 2), (STATISTISI, Terampil, 1)],
                ),
                Section {
                    head: Staff::Vacant,
                    ..sec(
                        "Seksi Persandian dan Keamanan Informasi",
                        0,
                        &[(SANDIMAN, Terampil, 2), (SANDIMAN, AhliPertama, 1)],
                    )
                },
            ],
            &[(STATISTISI, AhliMuda, 1)],
        ),
    ],
    jf: &[(PRANATA_KOMPUTER, AhliMadya, 1)],
};

pub(crate) const BKPSDM: Office = Office {
    code: "bkpsdm",
    name: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    kind: DepartmentKind::Board,
    discipline: Discipline::Psychology,
    head_title: "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    head: Staff::Filled,
    secretariat: SECRETARIAT,
    fields: &[
        bidang(
            "Bidang Mutasi dan Promosi",
            &[],
            &[
                (ANALIS_SDM, AhliMuda, 3),
                (ANALIS_SDM, AhliPertama, 3),
                (ASESOR_SDM, AhliPertama, 2),
            ],
        ),
        bidang(
            "Bidang Pengadaan, Pemberhentian dan Informasi",
            &[
                sec(
                    "Seksi Pengadaan dan Pemberhentian",
                    4,
                    &[(ANALIS_SDM, AhliPertama, 2)],
                ),
                sec(
                    "Seksi Data dan Sistem Informasi Kepegawaian",
                    3,
                    &[
                        (PRANATA_KOMPUTER, AhliPertama, 1),
                        (PRANATA_KOMPUTER, Terampil, 2),
                    ],
                ),
            ],
            &[(ANALIS_SDM, AhliMuda, 1)],
        ),
        bidang(
            "Bidang Pengembangan Kompetensi",
            &[
                sec("Seksi Pendidikan dan Pelatihan", 3, &[]),
                sec(
                    "Seksi Penilaian Kinerja dan Penghargaan",
                    3,
                    &[(ANALIS_SDM, Terampil, 1)],
                ),
            ],
            &[(ASESOR_SDM, AhliMuda, 2), (ANALIS_SDM, AhliMadya, 1)],
        ),
    ],
    jf: &[],
};

pub(crate) const BAPPEDALITBANG: Office = Office {
    code: "bappedalitbang",
    name: "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
    kind: DepartmentKind::Board,
    discipline: Discipline::Planning,
    head_title: "Kepala Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan",
    head: Staff::Filled,
    secretariat: SECRETARIAT,
    fields: &[
        bidang(
            "Bidang Pemerintahan dan Pembangunan Manusia",
            &[],
            &[(PERENCANA, AhliMuda, 3), (PERENCANA, AhliPertama, 3)],
        ),
        bidang(
            "Bidang Perekonomian dan Sumber Daya Alam",
            &[],
            &[(PERENCANA, AhliMuda, 2), (PERENCANA, AhliPertama, 3)],
        ),
        bidang(
            "Bidang Infrastruktur dan Kewilayahan",
            &[],
            &[
                (PERENCANA, AhliMuda, 2),
                (PERENCANA, AhliPertama, 2),
                (PENATA_RUANG, AhliPertama, 1),
            ],
        ),
        bidang(
            "Bidang Penelitian dan Pengembangan",
            &[sec("Seksi Inovasi Daerah", 3, &[])],
            &[(PENELITI, AhliMuda, 2), (PENELITI, AhliPertama, 2)],
        ),
    ],
    jf: &[(PERENCANA, AhliMadya, 2)],
};

pub(crate) const SATPOL_PP: Office = Office {
    code: "satpolpp",
    name: "Satuan Polisi Pamong Praja",
    kind: DepartmentKind::CivilServicePolice,
    discipline: Discipline::Law,
    head_title: "Kepala Satuan Polisi Pamong Praja",
    head: Staff::Filled,
    secretariat: SECRETARIAT,
    fields: &[
        bidang(
            "Bidang Penegakan Peraturan Daerah",
            &[
                sec(
                    "Seksi Penyelidikan dan Penyidikan",
                    3,
                    &[(POLISI_PP, Terampil, 12), (POLISI_PP, Mahir, 5)],
                ),
                sec(
                    "Seksi Pembinaan dan Pengawasan",
                    3,
                    &[(POLISI_PP, Terampil, 6), (POLISI_PP, Pemula, 4)],
                ),
            ],
            &[(POLISI_PP, AhliMuda, 2), (POLISI_PP, AhliPertama, 2)],
        ),
        bidang(
            "Bidang Ketertiban Umum dan Ketenteraman Masyarakat",
            &[
                sec(
                    "Seksi Operasi dan Pengendalian",
                    4,
                    &[
                        (POLISI_PP, Terampil, 16),
                        (POLISI_PP, Mahir, 6),
                        (POLISI_PP, Penyelia, 2),
                    ],
                ),
                sec(
                    "Seksi Kerja Sama dan Pengamanan",
                    4,
                    &[(POLISI_PP, Terampil, 8), (POLISI_PP, Pemula, 4)],
                ),
            ],
            &[(POLISI_PP, AhliMuda, 1)],
        ),
        bidang(
            "Bidang Perlindungan Masyarakat",
            &[
                sec(
                    "Seksi Satuan Perlindungan Masyarakat",
                    5,
                    &[(POLISI_PP, Terampil, 6)],
                ),
                sec("Seksi Bina Potensi Masyarakat", 4, &[(POLISI_PP, Mahir, 2)]),
            ],
            &[(POLISI_PP, AhliPertama, 2)],
        ),
    ],
    jf: &[(POLISI_PP, AhliMadya, 1)],
};

/// DPMPTSP (Lampiran I.C): JF of substansi Penanaman Modal and PTSP at several levels.
pub(crate) const DPMPTSP: Office = Office {
    code: "dpmptsp",
    name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    kind: DepartmentKind::OneStopService,
    discipline: Discipline::Economics,
    head_title: "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    head: Staff::Filled,
    secretariat: &[
        sec(
            "Sub Bagian Umum dan Kepegawaian",
            5,
            &[(ARSIPARIS, Terampil, 1), (PRANATA_KOMPUTER, AhliPertama, 1)],
        ),
        sec("Sub Bagian Perencanaan dan Keuangan", 3, &[]),
    ],
    fields: &[
        bidang(
            "Bidang Penanaman Modal",
            &[],
            &[
                (PENATA_KELOLA_PM, AhliMadya, 1),
                (PENATA_KELOLA_PM, AhliMuda, 2),
                (PENATA_KELOLA_PM, AhliPertama, 3),
            ],
        ),
        Field {
            pelaksana: 3,
            ..bidang(
                "Bidang Pelayanan Perizinan dan Nonperizinan",
                &[],
                &[
                    (PENATA_PERIZINAN, AhliMuda, 1),
                    (PENATA_PERIZINAN, AhliPertama, 3),
                    (PENATA_PERIZINAN, Terampil, 4),
                    (PENATA_PERIZINAN, Mahir, 2),
                ],
            )
        },
        Field {
            pelaksana: 2,
            ..bidang(
                "Bidang Pengaduan, Kebijakan dan Pelaporan Layanan",
                &[],
                &[
                    (ANALIS_KEBIJAKAN, AhliMuda, 1),
                    (ANALIS_KEBIJAKAN, AhliPertama, 2),
                    (PRANATA_KOMPUTER, Terampil, 1),
                ],
            )
        },
    ],
    jf: &[(ANALIS_KEBIJAKAN, AhliMadya, 1)],
};

pub(crate) const DINSOS: Office = Office {
    code: "dinsos",
    name: "Dinas Sosial",
    kind: DepartmentKind::Office,
    discipline: Discipline::Government,
    head_title: "Kepala Dinas Sosial",
    head: Staff::Filled,
    secretariat: SECRETARIAT,
    fields: &[
        bidang(
            "Bidang Rehabilitasi dan Perlindungan Jaminan Sosial",
            &[
                sec(
                    "Seksi Rehabilitasi Sosial",
                    3,
                    &[
                        (PEKERJA_SOSIAL, AhliPertama, 2),
                        (PEKERJA_SOSIAL, Terampil, 2),
                    ],
                ),
                sec("Seksi Perlindungan dan Jaminan Sosial", 3, &[]),
            ],
            &[(PEKERJA_SOSIAL, AhliMuda, 2)],
        ),
        bidang(
            "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
            &[],
            &[
                (PENYULUH_SOSIAL, AhliMuda, 2),
                (PENYULUH_SOSIAL, AhliPertama, 3),
                (PENYULUH_SOSIAL, Terampil, 2),
            ],
        ),
    ],
    jf: &[],
};

pub(crate) const BPKPAD: Office = Office {
    code: "bpkpad",
    name: "Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah",
    kind: DepartmentKind::Board,
    discipline: Discipline::Economics,
    head_title: "Kepala Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah",
    head: Staff::Filled,
    secretariat: SECRETARIAT,
    fields: &[
        bidang(
            "Bidang Anggaran",
            &[sec(
                "Seksi Penyusunan Anggaran",
                4,
                &[(ANALIS_KEUANGAN, AhliPertama, 2)],
            )],
            &[(ANALIS_KEUANGAN, AhliMuda, 3)],
        ),
        bidang(
            "Bidang Perbendaharaan dan Akuntansi",
            &[
                sec("Seksi Perbendaharaan", 6, &[]),
                sec(
                    "Seksi Akuntansi dan Pelaporan",
                    5,
                    &[(ANALIS_KEUANGAN, AhliPertama, 2)],
                ),
            ],
            &[(ANALIS_KEUANGAN, AhliMuda, 2)],
        ),
        bidang(
            "Bidang Pendapatan Daerah",
            &[
                sec("Seksi Pendataan dan Penetapan", 8, &[]),
                sec("Seksi Penagihan dan Keberatan", 7, &[]),
            ],
            &[(ANALIS_KEUANGAN, AhliPertama, 2)],
        ),
        bidang(
            "Bidang Pengelolaan Aset Daerah",
            &[sec(
                "Seksi Penatausahaan Aset",
                5,
                &[(PRANATA_KOMPUTER, Terampil, 1)],
            )],
            &[(ANALIS_KEUANGAN, AhliMuda, 1)],
        ),
    ],
    jf: &[(ANALIS_KEUANGAN, AhliMadya, 1)],
};
