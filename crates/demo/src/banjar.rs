//! Pemerintah Kabupaten Banjar: every kind of Perangkat Daerah, about 2,000 fictional people.

use sikerja_domain::bundle::{AgencyBundle, AgencyRecord};
use sikerja_domain::org::FunctionalLevel::*;
use sikerja_domain::org::{ActingKind, AgencyKind};
use sikerja_domain::organisation::AgencyPolicy;

use crate::banjar_offices::*;
use crate::builder::Builder;
use crate::catalog::{ANALIS_SDM, PRANATA_KOMPUTER};
use crate::kecamatan::{self, Quirks};
use crate::known::DEMO_PEOPLE;
use crate::offices;
use crate::{rsud, setda};

/// The Kecamatan of the demo: (code, name, quirks).
pub(crate) fn districts() -> [(&'static str, &'static str, Quirks); 8] {
    [
        (
            "kec-martapura",
            "Martapura",
            Quirks {
                camat: Some(&DEMO_PEOPLE.camat_martapura),
                ..Quirks::default()
            },
        ),
        ("kec-martapura-timur", "Martapura Timur", Quirks::default()),
        (
            "kec-karang-intan",
            "Karang Intan",
            Quirks {
                ahli_madya: true,
                ..Quirks::default()
            },
        ),
        (
            "kec-gambut",
            "Gambut",
            Quirks {
                vacant_section: true,
                ..Quirks::default()
            },
        ),
        ("kec-aluh-aluh", "Aluh-Aluh", Quirks::default()),
        (
            "kec-sungai-tabuk",
            "Sungai Tabuk",
            Quirks {
                acting_camat: true,
                ..Quirks::default()
            },
        ),
        ("kec-astambul", "Astambul", Quirks::default()),
        ("kec-simpang-empat", "Simpang Empat", Quirks::default()),
    ]
}

/// The regency bundle.
pub(crate) fn build() -> AgencyBundle {
    let mut b = Builder::new(
        AgencyRecord {
            code: "kab-banjar".into(),
            name: "Pemerintah Kabupaten Banjar".into(),
            kind: AgencyKind::RegionalGovernment,
            seat: "Martapura".into(),
            address: "Data fiktif untuk demonstrasi — bukan data pegawai sebenarnya".into(),
            policy: AgencyPolicy::default(),
        },
        0xBA17_A839,
    );
    let p = DEMO_PEOPLE;
    b.reserve(&[
        p.pelaksana,
        p.functional,
        p.pengawas,
        p.administrator,
        p.head_of_office,
        p.regional_secretary,
        p.camat_martapura,
        p.hospital_director,
        p.bkpsdm_staff,
        p.organisation_staff,
    ]);
    setda::build(&mut b, "setda", "Sekretariat Daerah");
    offices::build(&mut b, &SETWAN);
    offices::build(&mut b, &INSPEKTORAT);
    offices::build(&mut b, &DISDIKBUD);
    offices::build(&mut b, &DINKES);
    let pupr = offices::build(&mut b, &PUPR);
    // ORG-05: the Sekretaris is Plt. Kepala Dinas while the post is vacant.
    b.act(&pupr.secretary, &pupr.head, ActingKind::Plt);
    let kominfo = offices::build(&mut b, &DISKOMINFOSTAT);
    if let (Some(apl), Some(infra)) = (kominfo.fields.get(1), kominfo.sections.get(3)) {
        b.known_jf(&apl.0, &PRANATA_KOMPUTER, AhliMuda, &p.functional);
        b.known_pelaksana(&infra.0, "Pengolah Data dan Informasi", &p.pelaksana);
    }
    let bkpsdm = offices::build(&mut b, &BKPSDM);
    if let Some(mutasi) = bkpsdm.fields.first() {
        b.known_jf(&mutasi.0, &ANALIS_SDM, AhliPertama, &p.bkpsdm_staff);
    }
    offices::build(&mut b, &DINSOS);
    offices::build(&mut b, &BAPPEDALITBANG);
    offices::build(&mut b, &BPKPAD);
    offices::build(&mut b, &SATPOL_PP);
    offices::build(&mut b, &DPMPTSP);
    rsud::build(
        &mut b,
        "rsud-ratu-zalecha",
        "Rumah Sakit Umum Daerah Ratu Zalecha",
        2,
    );
    for (code, name, q) in districts() {
        kecamatan::build(&mut b, code, name, q);
    }
    b.finish()
}
