//! A small example agency — one Dinas and one Kecamatan, about twenty people — for the files
//! in `examples/` and for documentation.

use sikerja_domain::bundle::{AgencyBundle, AgencyRecord};
use sikerja_domain::org::FunctionalLevel::*;
use sikerja_domain::org::{ActingKind, AgencyKind, DepartmentKind, PositionClass, UnitKind};
use sikerja_domain::organisation::AgencyPolicy;

use crate::builder::{Builder, Staff};
use crate::catalog::*;
use crate::names::Discipline;

/// Builds the small example agency.
pub(crate) fn build() -> AgencyBundle {
    let mut b = Builder::new(
        AgencyRecord {
            code: "kab-contoh".into(),
            name: "Pemerintah Kabupaten Contoh".into(),
            kind: AgencyKind::RegionalGovernment,
            seat: "Martapura".into(),
            address: "Data fiktif untuk contoh format impor".into(),
            policy: AgencyPolicy::default(),
        },
        2024,
    );
    b.vacancy_percent = 0;
    b.with_known = false;

    let (root, _) = b.department(
        "dinkes",
        "Dinas Kesehatan",
        DepartmentKind::Office,
        Discipline::PublicHealth,
        "Kepala Dinas Kesehatan",
        (PositionClass::Jpt, Staff::Filled),
    );
    b.jf(&root, &APOTEKER, AhliMadya, 1);
    let sekre = b
        .unit(
            &root,
            UnitKind::Secretariat,
            "Sekretariat",
            Some("Sekretaris"),
            Staff::Filled,
        )
        .0;
    let umum = b.sub(
        &sekre,
        UnitKind::SubDivision,
        "Sub Bagian Umum dan Kepegawaian",
    );
    b.pelaksana(&umum, 2);
    let yankes = b.sub(&root, UnitKind::Field, "Bidang Pelayanan Kesehatan");
    b.jf(&yankes, &ADMINKES, AhliMuda, 1);
    let rujukan = b.sub(
        &yankes,
        UnitKind::Section,
        "Seksi Pelayanan Kesehatan Rujukan",
    );
    b.jf(&rujukan, &PERAWAT, Terampil, 1);
    b.pelaksana(&rujukan, 1);

    let (root, _) = b.department(
        "kec-gambut",
        "Kecamatan Gambut",
        DepartmentKind::District,
        Discipline::Government,
        "Camat Gambut",
        (PositionClass::Administrator, Staff::Filled),
    );
    let sekre = b
        .unit(
            &root,
            UnitKind::Secretariat,
            "Sekretariat Kecamatan",
            Some("Sekretaris Camat"),
            Staff::Filled,
        )
        .0;
    let umum = b.sub(
        &sekre,
        UnitKind::SubDivision,
        "Sub Bagian Umum dan Kepegawaian",
    );
    b.pelaksana(&umum, 1);
    let (pem, kasi_pem) = b.unit(
        &root,
        UnitKind::Section,
        "Seksi Pemerintahan",
        None,
        Staff::Filled,
    );
    b.pelaksana(&pem, 2);
    let (yan, kasi_yan) = b.unit(
        &root,
        UnitKind::Section,
        "Seksi Pelayanan Umum",
        None,
        Staff::Vacant,
    );
    b.act(&kasi_pem, &kasi_yan, ActingKind::Plh);
    b.jf(&yan, &PRANATA_KOMPUTER, Terampil, 1);
    b.pelaksana(&yan, 1);
    b.finish()
}
