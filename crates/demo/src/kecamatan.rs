//! Kecamatan (Lampiran I.E): the Camat, a Sekretaris Camat with two Sub Bagian, Seksi directly
//! under the Camat, and the special cases of section E (an Ahli Madya no rule covers, a
//! Pelaksana whose only Kepala Seksi is vacant).

use sikerja_domain::org::FunctionalLevel::*;
use sikerja_domain::org::{ActingKind, DepartmentKind, PositionClass, UnitKind};

use crate::builder::{Builder, Staff};
use crate::catalog::*;
use crate::known::KnownPerson;
use crate::names::Discipline;

/// What is special about one Kecamatan.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Quirks {
    /// The Camat, when a well-known person.
    pub camat: Option<&'static KnownPerson>,
    /// The Camat post is vacant and the Sekretaris Camat is Plt.
    pub acting_camat: bool,
    /// An Analis Kebijakan Ahli Madya sits in the Kecamatan (KED-09: unresolved).
    pub ahli_madya: bool,
    /// The Kepala Seksi Kesejahteraan Sosial is vacant, over Pelaksana only (unresolved).
    pub vacant_section: bool,
}

const SECTIONS: [&str; 5] = [
    "Seksi Pemerintahan",
    "Seksi Ketenteraman dan Ketertiban Umum",
    "Seksi Pemberdayaan Masyarakat dan Desa",
    "Seksi Kesejahteraan Sosial",
    "Seksi Pelayanan Umum",
];

/// Builds Kecamatan `name` with department code `code`.
pub(crate) fn build(b: &mut Builder, code: &str, name: &str, q: Quirks) {
    let head = match (q.camat, q.acting_camat) {
        (_, true) => Staff::Vacant,
        (Some(k), false) => Staff::Known(k),
        (None, false) => Staff::Filled,
    };
    let (root, camat) = b.department(
        code,
        &format!("Kecamatan {name}"),
        DepartmentKind::District,
        Discipline::Government,
        &format!("Camat {name}"),
        (PositionClass::Administrator, head),
    );
    let (sekre, sekcam) = b.unit(
        &root,
        UnitKind::Secretariat,
        "Sekretariat Kecamatan",
        Some("Sekretaris Camat"),
        Staff::Filled,
    );
    if q.acting_camat {
        b.act(&sekcam, &camat, ActingKind::Plt);
    }
    let umum = b.sub(
        &sekre,
        UnitKind::SubDivision,
        "Sub Bagian Umum dan Kepegawaian",
    );
    b.jfs(&umum, &[(ARSIPARIS, Terampil, 1)]);
    b.pelaksana(&umum, 4);
    let keu = b.sub(
        &sekre,
        UnitKind::SubDivision,
        "Sub Bagian Perencanaan dan Keuangan",
    );
    b.pelaksana(&keu, 3);
    b.jfs(&sekre, &[(ANALIS_KEBIJAKAN, AhliMuda, 1)]);
    if q.ahli_madya {
        b.jf(&root, &ANALIS_KEBIJAKAN, AhliMadya, 1);
    }
    for s in SECTIONS {
        let vacant = q.vacant_section && s == "Seksi Kesejahteraan Sosial";
        let staff = if vacant { Staff::Vacant } else { Staff::Filled };
        let (unit, _) = b.unit(&root, UnitKind::Section, s, None, staff);
        if vacant {
            b.pelaksana(&unit, 2);
            continue;
        }
        match s {
            "Seksi Pemerintahan" => b.jfs(&unit, &[(ANALIS_KEBIJAKAN, AhliPertama, 1)]),
            "Seksi Ketenteraman dan Ketertiban Umum" => b.jfs(&unit, &[(POLISI_PP, Terampil, 2)]),
            "Seksi Pelayanan Umum" => b.jfs(&unit, &[(PRANATA_KOMPUTER, Terampil, 1)]),
            _ => {}
        }
        let n = b.rng.range(4, 7) as usize;
        b.pelaksana(&unit, n);
    }
}
