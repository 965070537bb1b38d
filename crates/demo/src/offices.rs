//! Departments described as data — Dinas, Badan, Satpol PP, Sekretariat DPRD, Inspektorat,
//! DPMPTSP — built by one function: head, Sekretariat with Sub Bagian, and work units (Bidang,
//! Bagian, Inspektur Pembantu) with or without Seksi, their JF and Pelaksana.

use sikerja_domain::org::{DepartmentKind, FunctionalLevel, PositionClass, UnitKind};

use crate::builder::{Builder, Staff};
use crate::catalog::{ARSIPARIS, Jf, PRANATA_KOMPUTER};
use crate::names::Discipline;

/// A group of functional positions: family, level, how many.
pub(crate) type JfGroup = (Jf, FunctionalLevel, usize);

/// A Seksi or Sub Bagian (Pengawas).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Section {
    pub name: &'static str,
    pub head: Staff,
    pub pelaksana: usize,
    pub jf: &'static [JfGroup],
}

/// A Seksi with a filled head.
pub(crate) const fn sec(name: &'static str, pelaksana: usize, jf: &'static [JfGroup]) -> Section {
    Section {
        name,
        head: Staff::Filled,
        pelaksana,
        jf,
    }
}

/// A work unit led by an Administrator: Bidang, Bagian, Inspektur Pembantu.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub kind: UnitKind,
    pub name: &'static str,
    /// Head title when not "Kepala <name>" (e.g. "Inspektur Pembantu Wilayah I").
    pub head_title: Option<&'static str>,
    pub head: Staff,
    pub sections: &'static [Section],
    /// JF sitting directly in the work unit.
    pub jf: &'static [JfGroup],
    /// Pelaksana directly in the work unit (KED-05 where it has no Seksi).
    pub pelaksana: usize,
}

/// A Bidang.
pub(crate) const fn bidang(
    name: &'static str,
    sections: &'static [Section],
    jf: &'static [JfGroup],
) -> Field {
    Field {
        kind: UnitKind::Field,
        name,
        head_title: None,
        head: Staff::Filled,
        sections,
        jf,
        pelaksana: 0,
    }
}

/// A department of Lampiran I.B or I.C.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Office {
    pub code: &'static str,
    pub name: &'static str,
    pub kind: DepartmentKind,
    pub discipline: Discipline,
    pub head_title: &'static str,
    pub head: Staff,
    /// Sub Bagian of the Sekretariat.
    pub secretariat: &'static [Section],
    pub fields: &'static [Field],
    /// JF directly under the head (e.g. Ahli Madya of the whole department).
    pub jf: &'static [JfGroup],
}

/// The codes of what was built, for special cases added afterwards.
#[derive(Debug, Default)]
pub(crate) struct Built {
    pub head: String,
    pub secretariat: String,
    pub secretary: String,
    /// (unit code, head position code) of the work units, in spec order.
    pub fields: Vec<(String, String)>,
    /// (unit code, head position code) of Seksi/Sub Bagian, in spec order, secretariat first.
    pub sections: Vec<(String, String)>,
}

fn section(b: &mut Builder, parent: &str, kind: UnitKind, s: &Section, built: &mut Built) {
    let (unit, head) = b.unit(parent, kind, s.name, None, s.head);
    b.jfs(&unit, s.jf);
    b.pelaksana(&unit, s.pelaksana);
    built.sections.push((unit, head));
}

/// Builds an office from its description.
pub(crate) fn build(b: &mut Builder, o: &Office) -> Built {
    build_as(b, o, o.code, o.name)
}

/// Builds an office from its description under another code and name.
pub(crate) fn build_as(b: &mut Builder, o: &Office, code: &str, name: &str) -> Built {
    let (root, head) = b.department(
        code,
        name,
        o.kind,
        o.discipline,
        o.head_title,
        (PositionClass::Jpt, o.head),
    );
    let mut built = Built {
        head,
        ..Built::default()
    };
    b.jfs(&root, o.jf);
    if !o.secretariat.is_empty() {
        let (sekre, sekretaris) = b.unit(
            &root,
            UnitKind::Secretariat,
            "Sekretariat",
            Some("Sekretaris"),
            Staff::Filled,
        );
        for s in o.secretariat {
            section(b, &sekre, UnitKind::SubDivision, s, &mut built);
        }
        built.secretariat = sekre;
        built.secretary = sekretaris;
    }
    for f in o.fields {
        let (unit, head) = b.unit(&root, f.kind, f.name, f.head_title, f.head);
        let kind = if f.kind == UnitKind::Division {
            UnitKind::SubDivision
        } else {
            UnitKind::Section
        };
        for s in f.sections {
            section(b, &unit, kind, s, &mut built);
        }
        b.jfs(&unit, f.jf);
        b.pelaksana(&unit, f.pelaksana);
        built.fields.push((unit, head));
    }
    built
}

use FunctionalLevel::*;

/// The usual two Sub Bagian of a Sekretariat, with archivists and staff.
pub(crate) const SECRETARIAT: &[Section] = &[
    sec(
        "Sub Bagian Umum dan Kepegawaian",
        7,
        &[(ARSIPARIS, Terampil, 1), (ARSIPARIS, Mahir, 1)],
    ),
    sec(
        "Sub Bagian Perencanaan dan Keuangan",
        6,
        &[(PRANATA_KOMPUTER, Terampil, 1)],
    ),
];
