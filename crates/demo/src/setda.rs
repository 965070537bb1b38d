//! Sekretariat Daerah (Lampiran I.A): the Sekda, three Asisten, Bagian with and without Sub
//! Bagian, the JF of the Setda, an Ahli Utama no rule covers, and a vacant Kepala Sub Bagian.

use sikerja_domain::org::FunctionalLevel::*;
use sikerja_domain::org::{ActingKind, DepartmentKind, PositionClass, UnitKind};

use crate::builder::{Builder, Staff};
use crate::catalog::*;
use crate::known::DEMO_PEOPLE;
use crate::names::Discipline;

/// Builds a Setda like that of Kabupaten Banjar under department code `code`.
pub(crate) fn build(b: &mut Builder, code: &str, name: &str) {
    let (root, _) = b.department(
        code,
        name,
        DepartmentKind::RegionalSecretariat,
        Discipline::Government,
        "Sekretaris Daerah",
        (
            PositionClass::Jpt,
            Staff::Known(&DEMO_PEOPLE.regional_secretary),
        ),
    );
    // KED-09: no rule places an Ahli Utama.
    b.jf(&root, &ANALIS_KEBIJAKAN, AhliUtama, 1);

    let pem = b.sub(
        &root,
        UnitKind::Assistant,
        "Asisten Pemerintahan dan Kesejahteraan Rakyat",
    );
    let bag = b.sub(&pem, UnitKind::Division, "Bagian Pemerintahan");
    b.jfs(
        &bag,
        &[
            (ANALIS_KEBIJAKAN, AhliMadya, 1),
            (ANALIS_KEBIJAKAN, AhliMuda, 3),
            (ANALIS_KEBIJAKAN, AhliPertama, 3),
        ],
    );
    b.pelaksana(&bag, 4);
    let bag = b.sub(&pem, UnitKind::Division, "Bagian Kesejahteraan Rakyat");
    b.jfs(
        &bag,
        &[
            (ANALIS_KEBIJAKAN, AhliMuda, 2),
            (ANALIS_KEBIJAKAN, AhliPertama, 3),
        ],
    );
    b.pelaksana(&bag, 4);
    b.discipline = Discipline::Law;
    let bag = b.sub(&pem, UnitKind::Division, "Bagian Hukum");
    b.jfs(
        &bag,
        &[
            (PERANCANG_PUU, AhliMadya, 1),
            (PERANCANG_PUU, AhliMuda, 3),
            (ANALIS_HUKUM, AhliMuda, 1),
        ],
    );
    for name in [
        "Sub Bagian Peraturan Perundang-undangan",
        "Sub Bagian Bantuan Hukum",
    ] {
        let sub = b.sub(&bag, UnitKind::SubDivision, name);
        b.jfs(
            &sub,
            &[
                (PERANCANG_PUU, AhliPertama, 2),
                (ANALIS_HUKUM, AhliPertama, 1),
            ],
        );
        b.pelaksana(&sub, 3);
    }

    b.discipline = Discipline::Economics;
    let eko = b.sub(
        &root,
        UnitKind::Assistant,
        "Asisten Perekonomian dan Pembangunan",
    );
    let bag = b.sub(
        &eko,
        UnitKind::Division,
        "Bagian Perekonomian dan Sumber Daya Alam",
    );
    b.jfs(
        &bag,
        &[
            (ANALIS_KEBIJAKAN, AhliMuda, 2),
            (ANALIS_KEBIJAKAN, AhliPertama, 3),
        ],
    );
    b.pelaksana(&bag, 4);
    let bag = b.sub(&eko, UnitKind::Division, "Bagian Administrasi Pembangunan");
    b.jfs(
        &bag,
        &[
            (PERENCANA, AhliMuda, 2),
            (PERENCANA, AhliPertama, 2),
            (ANALIS_KEBIJAKAN, AhliPertama, 2),
        ],
    );
    b.pelaksana(&bag, 3);
    let bag = b.sub(&eko, UnitKind::Division, "Bagian Pengadaan Barang dan Jasa");
    b.jfs(
        &bag,
        &[(PENGELOLA_PBJ, AhliMadya, 1), (PENGELOLA_PBJ, AhliMuda, 3)],
    );
    for name in [
        "Sub Bagian Pengelolaan Pengadaan Barang dan Jasa",
        "Sub Bagian Pembinaan dan Advokasi Pengadaan",
    ] {
        let sub = b.sub(&bag, UnitKind::SubDivision, name);
        b.jfs(&sub, &[(PENGELOLA_PBJ, AhliPertama, 3)]);
        b.pelaksana(&sub, 3);
    }

    b.discipline = Discipline::Government;
    let adm = b.sub(&root, UnitKind::Assistant, "Asisten Administrasi Umum");
    let org = b.sub(&adm, UnitKind::Division, "Bagian Organisasi");
    b.jfs(
        &org,
        &[
            (ANALIS_KEBIJAKAN, AhliMuda, 3),
            (ANALIS_KEBIJAKAN, AhliPertama, 2),
            (ANALIS_SDM, AhliPertama, 1),
        ],
    );
    b.known_jf(
        &org,
        &ANALIS_KEBIJAKAN,
        AhliPertama,
        &DEMO_PEOPLE.organisation_staff,
    );
    b.pelaksana(&org, 3);
    let umum = b.sub(&adm, UnitKind::Division, "Bagian Umum");
    for (name, n) in [
        ("Sub Bagian Tata Usaha dan Kepegawaian", 8),
        ("Sub Bagian Rumah Tangga", 18),
    ] {
        let sub = b.sub(&umum, UnitKind::SubDivision, name);
        b.jfs(&sub, &[(ARSIPARIS, Terampil, 2), (ARSIPARIS, Mahir, 1)]);
        b.pelaksana(&sub, n);
    }
    b.discipline = Discipline::Communication;
    let pro = b.sub(
        &adm,
        UnitKind::Division,
        "Bagian Protokol dan Komunikasi Pimpinan",
    );
    b.jfs(&pro, &[(PRANATA_HUMAS, AhliMuda, 2)]);
    let (protokol, kasubag_protokol) = b.unit(
        &pro,
        UnitKind::SubDivision,
        "Sub Bagian Protokol",
        None,
        Staff::Filled,
    );
    b.pelaksana(&protokol, 10);
    let (kompim, kasubag_kompim) = b.unit(
        &pro,
        UnitKind::SubDivision,
        "Sub Bagian Komunikasi Pimpinan",
        None,
        Staff::Vacant,
    );
    b.jfs(
        &kompim,
        &[
            (PRANATA_HUMAS, AhliPertama, 2),
            (PRANATA_HUMAS, Terampil, 2),
        ],
    );
    b.pelaksana(&kompim, 3);
    // ORG-05: a Plh. keeps the Pengawas post exercised.
    b.act(&kasubag_protokol, &kasubag_kompim, ActingKind::Plh);

    b.discipline = Discipline::Economics;
    let ren = b.sub(&adm, UnitKind::Division, "Bagian Perencanaan dan Keuangan");
    let sub = b.sub(
        &ren,
        UnitKind::SubDivision,
        "Sub Bagian Perencanaan dan Pelaporan",
    );
    b.jfs(&sub, &[(PERENCANA, AhliPertama, 2)]);
    b.pelaksana(&sub, 4);
    // A vacant Kepala Sub Bagian over JF only: they go one level up, with a note (KED-03).
    let (keu, _) = b.unit(
        &ren,
        UnitKind::SubDivision,
        "Sub Bagian Keuangan",
        None,
        Staff::Vacant,
    );
    b.jfs(
        &keu,
        &[
            (ANALIS_KEUANGAN, AhliPertama, 2),
            (ARSIPARIS, Terampil, 1),
            (PRANATA_KOMPUTER, Mahir, 1),
        ],
    );
    b.jfs(&ren, &[(ANALIS_KEUANGAN, AhliMuda, 2)]);
}
