//! Small hand-built agency bundles for the storage conformance tests.
#![allow(dead_code, clippy::unwrap_used)]

pub mod workflow;

use sikerja_domain::Grade;
use sikerja_domain::Nip;
use sikerja_domain::bundle::{
    AgencyBundle, AgencyRecord, DepartmentRecord, EmployeeRecord, PositionRecord, UnitRecord,
};
use sikerja_domain::education::Education;
use sikerja_domain::org::{
    ActingKind, AgencyKind, DepartmentKind, EmploymentType, FunctionalLevel, PerformanceRating,
    PositionClass, UnitKind,
};
use sikerja_domain::organisation::{AgencyPolicy, Experience, YearRating};

/// A valid NIP for the n-th test employee (n < 39,960).
pub fn nip(n: u32) -> Nip {
    let year = 1960 + n / 999;
    let seq = n % 999 + 1;
    Nip::parse(&format!("{year:04}0111200904{}{seq:03}", 1 + n % 2)).expect("test NIP")
}

/// Builds a bundle step by step.
pub struct Builder {
    pub bundle: AgencyBundle,
    next: u32,
}

impl Builder {
    pub fn new(code: &str) -> Self {
        Builder {
            bundle: AgencyBundle {
                regional_heads: Vec::new(),
                experience_fields: Vec::new(),
                agency: AgencyRecord {
                    code: code.into(),
                    name: format!("Pemerintah {code}"),
                    kind: AgencyKind::RegionalGovernment,
                    seat: "Martapura".into(),
                    address: "Jl. Ahmad Yani Km. 40".into(),
                    policy: AgencyPolicy::default(),
                },
                departments: vec![],
                units: vec![],
                positions: vec![],
                employees: vec![],
            },
            next: 0,
        }
    }

    /// Starts numbering NIPs at `n` (so two agencies never share one).
    pub fn nips_from(mut self, n: u32) -> Self {
        self.next = n;
        self
    }

    pub fn department(&mut self, code: &str, name: &str, kind: DepartmentKind) -> &mut Self {
        self.bundle.departments.push(DepartmentRecord {
            code: code.into(),
            name: name.into(),
            kind,
        });
        self
    }

    pub fn unit(
        &mut self,
        code: &str,
        dept: &str,
        parent: Option<&str>,
        name: &str,
        kind: UnitKind,
    ) -> &mut Self {
        self.bundle.units.push(UnitRecord {
            code: code.into(),
            department_code: dept.into(),
            parent_code: parent.map(Into::into),
            name: name.into(),
            kind,
            is_org_unit: parent.is_none(),
        });
        self
    }

    pub fn head(&mut self, code: &str, unit: &str, name: &str, class: PositionClass) -> &mut Self {
        self.position(code, unit, name, class, true, None)
    }

    pub fn jf(&mut self, code: &str, unit: &str, name: &str, level: FunctionalLevel) -> &mut Self {
        self.position(
            code,
            unit,
            name,
            PositionClass::Fungsional,
            false,
            Some(level),
        )
    }

    pub fn pelaksana(&mut self, code: &str, unit: &str, name: &str) -> &mut Self {
        self.position(code, unit, name, PositionClass::Pelaksana, false, None)
    }

    fn position(
        &mut self,
        code: &str,
        unit: &str,
        name: &str,
        class: PositionClass,
        is_head: bool,
        level: Option<FunctionalLevel>,
    ) -> &mut Self {
        self.bundle.positions.push(PositionRecord {
            code: code.into(),
            unit_code: unit.into(),
            name: name.into(),
            class,
            is_head,
            functional_level: level,
            substance: None,
        });
        self
    }

    /// Adds an employee holding `position` and returns their NIP.
    pub fn employee(&mut self, name: &str, position: Option<&str>) -> Nip {
        let nip = nip(self.next);
        self.next += 1;
        self.bundle.employees.push(EmployeeRecord {
            nip: nip.clone(),
            name: name.into(),
            front_title: String::new(),
            back_title: "S.E.".into(),
            employment_type: EmploymentType::Pns,
            grade: Grade::parse("III/a", false).expect("grade"),
            education: Education::S1,
            position_code: position.map(Into::into),
            acting_position_code: None,
            acting_kind: None,
            from_equalization: false,
            ratings: vec![YearRating {
                year: 2025,
                rating: PerformanceRating::Baik,
            }],
            experience: vec![Experience {
                field: "Kesehatan".into(),
                years: 3,
            }],
        });
        nip
    }

    pub fn acting(&mut self, nip: &Nip, position: &str, kind: ActingKind) -> &mut Self {
        if let Some(e) = self.bundle.employees.iter_mut().find(|e| &e.nip == nip) {
            e.acting_position_code = Some(position.into());
            e.acting_kind = Some(kind);
        }
        self
    }

    pub fn build(&self) -> AgencyBundle {
        self.bundle.clone()
    }
}

/// NIPs of the people in [`dinkes`], by role.
pub struct Dinkes {
    pub builder: Builder,
    pub kadis: Nip,
    pub kabid: Nip,
    pub kasi: Nip,
    /// JF Ahli Pertama in the Seksi: KED-03, PPK the Kepala Seksi.
    pub ahli_pertama: Nip,
    /// Pelaksana in the Seksi: KED-04.
    pub pelaksana: Nip,
    /// JF Ahli Muda in the Bidang: KED-02.
    pub ahli_muda: Nip,
    /// JF Ahli Madya in the Dinas: KED-01.
    pub ahli_madya: Nip,
    /// JF Ahli Utama: no rule covers it (KED-09).
    pub ahli_utama: Nip,
}

/// One Dinas Kesehatan (Lampiran I.B) with one person per rule, plus a second department.
pub fn dinkes(code: &str) -> Dinkes {
    let mut b = Builder::new(code);
    b.department("dinkes", "Dinas Kesehatan", DepartmentKind::Office)
        .unit(
            "dinkes",
            "dinkes",
            None,
            "Dinas Kesehatan",
            UnitKind::Department,
        )
        .unit(
            "dinkes-sek",
            "dinkes",
            Some("dinkes"),
            "Sekretariat",
            UnitKind::Secretariat,
        )
        .unit(
            "dinkes-yankes",
            "dinkes",
            Some("dinkes"),
            "Bidang Pelayanan Kesehatan",
            UnitKind::Field,
        )
        .unit(
            "dinkes-yankes-rujukan",
            "dinkes",
            Some("dinkes-yankes"),
            "Seksi Pelayanan Rujukan",
            UnitKind::Section,
        )
        .head(
            "kadis",
            "dinkes",
            "Kepala Dinas Kesehatan",
            PositionClass::Jpt,
        )
        .head(
            "sekdis",
            "dinkes-sek",
            "Sekretaris Dinas Kesehatan",
            PositionClass::Administrator,
        )
        .head(
            "kabid-yankes",
            "dinkes-yankes",
            "Kepala Bidang Pelayanan Kesehatan",
            PositionClass::Administrator,
        )
        .head(
            "kasi-rujukan",
            "dinkes-yankes-rujukan",
            "Kepala Seksi Pelayanan Rujukan",
            PositionClass::Pengawas,
        )
        .jf(
            "jf-pertama",
            "dinkes-yankes-rujukan",
            "Epidemiolog Kesehatan Ahli Pertama",
            FunctionalLevel::AhliPertama,
        )
        .pelaksana(
            "pel-rujukan",
            "dinkes-yankes-rujukan",
            "Pengadministrasi Umum",
        )
        .jf(
            "jf-muda",
            "dinkes-yankes",
            "Administrator Kesehatan Ahli Muda",
            FunctionalLevel::AhliMuda,
        )
        .jf(
            "jf-madya",
            "dinkes",
            "Analis Kebijakan Ahli Madya",
            FunctionalLevel::AhliMadya,
        )
        .jf(
            "jf-utama",
            "dinkes",
            "Peneliti Ahli Utama",
            FunctionalLevel::AhliUtama,
        );
    b.department(
        "bappeda",
        "Badan Perencanaan Pembangunan Daerah",
        DepartmentKind::Board,
    )
    .unit("bappeda", "bappeda", None, "Bappeda", UnitKind::Department)
    .head(
        "ka-bappeda",
        "bappeda",
        "Kepala Bappeda",
        PositionClass::Jpt,
    )
    .jf(
        "bappeda-madya",
        "bappeda",
        "Perencana Ahli Madya",
        FunctionalLevel::AhliMadya,
    );
    let kadis = b.employee("Siti Aminah", Some("kadis"));
    b.employee("Rahmat Hidayat", Some("sekdis"));
    let kabid = b.employee("Ahmad Fauzi", Some("kabid-yankes"));
    let kasi = b.employee("Nurul Huda", Some("kasi-rujukan"));
    let ahli_pertama = b.employee("Dewi Lestari", Some("jf-pertama"));
    let pelaksana = b.employee("Budi Santoso", Some("pel-rujukan"));
    let ahli_muda = b.employee("Rina Marlina", Some("jf-muda"));
    let ahli_madya = b.employee("Hendra Gunawan", Some("jf-madya"));
    let ahli_utama = b.employee("Yusuf Maulana", Some("jf-utama"));
    b.employee("Fitri Handayani", Some("ka-bappeda"));
    b.employee("Agus Salim", Some("bappeda-madya"));
    Dinkes {
        builder: b,
        kadis,
        kabid,
        kasi,
        ahli_pertama,
        pelaksana,
        ahli_muda,
        ahli_madya,
        ahli_utama,
    }
}

/// `bundle` as its first import leaves it and the export writes it: with the fields of
/// experience the import seeds, one per distinct text (issue 14 point 6).
pub fn with_seeded_fields(mut bundle: AgencyBundle) -> AgencyBundle {
    let texts: Vec<String> = bundle
        .employees
        .iter()
        .flat_map(|e| e.experience.iter().map(|x| x.field.clone()))
        .collect();
    let mut fields =
        sikerja_domain::experience_fields::new_fields_for(&[], texts.iter().map(String::as_str));
    fields.sort_by(|a, b| a.name.cmp(&b.name));
    bundle.experience_fields = fields;
    bundle
}
