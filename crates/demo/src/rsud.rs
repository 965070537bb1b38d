//! RSUD Ratu Zalecha (Lampiran I.D): the Direktur, two Wakil Direktur with Bagian and Bidang,
//! Sub Bagian and Seksi, and the doctors, nurses, midwives and pharmacists of the wards.

use sikerja_domain::org::FunctionalLevel::*;
use sikerja_domain::org::{ActingKind, DepartmentKind, PositionClass, UnitKind};

use crate::builder::{Builder, Staff};
use crate::catalog::*;
use crate::known::DEMO_PEOPLE;
use crate::names::Discipline;

/// Builds the hospital. `scale` multiplies the ward staff (1 for the demo).
pub(crate) fn build(b: &mut Builder, code: &str, name: &str, scale: usize) {
    let (root, _) = b.department(
        code,
        name,
        DepartmentKind::Hospital,
        Discipline::Medicine,
        "Direktur",
        (
            PositionClass::Jpt,
            Staff::Known(&DEMO_PEOPLE.hospital_director),
        ),
    );
    b.jfs(
        &root,
        &[(DOKTER, AhliMadya, 4 * scale), (DOKTER, AhliUtama, 1)],
    );

    b.discipline = Discipline::Economics;
    let umum = b.sub(
        &root,
        UnitKind::DeputyDirector,
        "Wakil Direktur Umum dan Keuangan",
    );
    let bag = b.sub(&umum, UnitKind::Division, "Bagian Umum dan Kepegawaian");
    for (name, n) in [
        ("Sub Bagian Tata Usaha", 8),
        ("Sub Bagian Kepegawaian", 5),
        ("Sub Bagian Rumah Tangga", 14),
    ] {
        let sub = b.sub(&bag, UnitKind::SubDivision, name);
        b.pelaksana(&sub, n * scale);
    }
    b.jfs(&bag, &[(ANALIS_SDM, AhliMuda, 1), (ARSIPARIS, Terampil, 2)]);
    let bag = b.sub(&umum, UnitKind::Division, "Bagian Keuangan dan Perencanaan");
    for (name, n) in [
        ("Sub Bagian Anggaran dan Perbendaharaan", 6),
        ("Sub Bagian Akuntansi dan Verifikasi", 5),
        ("Sub Bagian Perencanaan dan Evaluasi", 3),
    ] {
        let sub = b.sub(&bag, UnitKind::SubDivision, name);
        b.pelaksana(&sub, n * scale);
    }
    b.jfs(
        &bag,
        &[(PERENCANA, AhliPertama, 1), (ANALIS_KEUANGAN, AhliMuda, 1)],
    );

    b.discipline = Discipline::Nursing;
    let (yan, wadir_yan) = b.unit(
        &root,
        UnitKind::DeputyDirector,
        "Wakil Direktur Pelayanan",
        None,
        Staff::Filled,
    );
    let med = b.sub(&yan, UnitKind::Field, "Bidang Pelayanan Medik");
    let s = b.sub(
        &med,
        UnitKind::Section,
        "Seksi Pelayanan Rawat Jalan dan Gawat Darurat",
    );
    b.jfs(
        &s,
        &[
            (DOKTER, AhliPertama, 8 * scale),
            (PERAWAT, Terampil, 14 * scale),
            (PERAWAT, AhliPertama, 8 * scale),
            (PERAWAT, Mahir, 6 * scale),
        ],
    );
    b.pelaksana(&s, 4 * scale);
    let s = b.sub(
        &med,
        UnitKind::Section,
        "Seksi Pelayanan Rawat Inap dan Intensif",
    );
    b.jfs(
        &s,
        &[
            (DOKTER, AhliPertama, 6 * scale),
            (PERAWAT, Terampil, 20 * scale),
            (PERAWAT, AhliPertama, 10 * scale),
            (PERAWAT, Mahir, 8 * scale),
            (PERAWAT, Penyelia, 4 * scale),
        ],
    );
    b.pelaksana(&s, 4 * scale);
    b.jfs(
        &med,
        &[
            (DOKTER, AhliMuda, 10 * scale),
            (DOKTER_GIGI, AhliMuda, 2 * scale),
            (DOKTER_GIGI, AhliPertama, 2 * scale),
        ],
    );

    let (kep, _) = b.unit(
        &yan,
        UnitKind::Field,
        "Bidang Keperawatan",
        None,
        Staff::Vacant,
    );
    // ORG-05: the Wakil Direktur acts as Plt. Kepala Bidang Keperawatan.
    b.act(&wadir_yan, &format!("{kep}-kepala"), ActingKind::Plt);
    let s = b.sub(
        &kep,
        UnitKind::Section,
        "Seksi Asuhan Keperawatan dan Kebidanan",
    );
    b.jfs(
        &s,
        &[
            (PERAWAT, Terampil, 18 * scale),
            (PERAWAT, AhliPertama, 10 * scale),
            (BIDAN, Terampil, 10 * scale),
            (BIDAN, Mahir, 4 * scale),
            (BIDAN, AhliPertama, 4 * scale),
        ],
    );
    b.pelaksana(&s, 2 * scale);
    let s = b.sub(&kep, UnitKind::Section, "Seksi Mutu dan Etika Keperawatan");
    b.jfs(
        &s,
        &[
            (PERAWAT, AhliPertama, 6 * scale),
            (PERAWAT, Mahir, 6 * scale),
            (PERAWAT, Penyelia, 3 * scale),
        ],
    );
    b.jfs(
        &kep,
        &[
            (PERAWAT, AhliMuda, 6 * scale),
            (BIDAN, AhliMuda, 2 * scale),
            (PERAWAT, AhliMadya, 1),
        ],
    );

    b.discipline = Discipline::PublicHealth;
    let pen = b.sub(&yan, UnitKind::Field, "Bidang Penunjang Medik dan Nonmedik");
    let s = b.sub(&pen, UnitKind::Section, "Seksi Penunjang Medik");
    b.jfs(
        &s,
        &[
            (APOTEKER, AhliPertama, 4 * scale),
            (TENAGA_KEFARMASIAN, Terampil, 8 * scale),
            (PRANATA_LAB, Terampil, 8 * scale),
            (RADIOGRAFER, Terampil, 5 * scale),
            (NUTRISIONIS, Terampil, 4 * scale),
        ],
    );
    b.pelaksana(&s, 3 * scale);
    let s = b.sub(
        &pen,
        UnitKind::Section,
        "Seksi Penunjang Nonmedik dan Rekam Medis",
    );
    b.jfs(
        &s,
        &[
            (PEREKAM_MEDIS, Terampil, 8 * scale),
            (PEREKAM_MEDIS, Mahir, 3 * scale),
            (SANITARIAN, Terampil, 3 * scale),
            (PRANATA_KOMPUTER, Terampil, 2 * scale),
        ],
    );
    b.pelaksana(&s, 10 * scale);
    b.jfs(
        &pen,
        &[(APOTEKER, AhliMuda, 2 * scale), (ADMINKES, AhliMuda, 1)],
    );
}
