//! Who may lead a team: the four requirements of Pasal 9 ayat 6 (PEN-08), each answered on its
//! own, and the JF from *penyetaraan* who come first (PEN-09). Shared by [`super::check`] and
//! the candidate picker.

use serde::Serialize;

use super::day::Day;
use super::model::AssignmentPolicy;
use super::scope::Index;
use crate::education::Education;
use crate::grade::Grade;
use crate::org::{PerformanceRating, PositionClass};
use crate::organisation::{AgencyId, Employee, EmployeeId, Organisation, UnitId};
use crate::rules::{Citation, RuleId};

/// One requirement for team lead and whether the employee meets it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    pub rule: Citation,
    /// Stable code: `lead_education`, `lead_grade`, `lead_rating`, `lead_experience`.
    pub code: &'static str,
    /// Indonesian statement of the requirement, e.g. "Pendidikan paling rendah S1/D4".
    pub name: String,
    pub met: bool,
    /// Indonesian: what the employee's record shows.
    pub detail: String,
}

/// Penata Muda, III/a. The OCR of Pasal 9 ayat 6 huruf b reads "golongan paling rendah I/a",
/// but Penata Muda *is* III/a and `RULES.md` (PEN-08) corrects the OCR; the catalogue is
/// followed.
const PNS_MIN: Grade = Grade::Pns {
    group: 3,
    sub: b'a',
};

/// Experience required in the field of the task, in years (huruf d).
const MIN_EXPERIENCE_YEARS: u8 = 2;

/// PEN-08 (Pasal 9 ayat 6): each requirement for team lead, answered for `employee` for an
/// assignment about `field` starting on `start`:
///
/// - a. education at least S1/D4 (D4 counts as S1);
/// - b. PNS: at least Penata Muda, III/a; PPPK: at least the golongan the agency set as
///   equivalent (`policy.pppk_min_golongan`, default IX) — the text says it is an equivalent;
/// - c. rating *Baik* or *Sangat Baik* for the year before `start`'s year; a missing rating
///   fails (with two ratings for one year the lower one counts);
/// - d. at least 2 years of experience in `field` (compared ignoring case and surrounding
///   spaces; with two rows for one field the larger counts — rows are not added up).
pub fn lead_eligibility(
    employee: &Employee,
    field: &str,
    start: Day,
    policy: &AssignmentPolicy,
) -> Vec<Requirement> {
    vec![
        education(employee),
        grade(employee, policy),
        rating(employee, start),
        experience(employee, field),
    ]
}

fn education(e: &Employee) -> Requirement {
    Requirement {
        rule: Citation::new(RuleId::PEN_08, "Pasal 9 ayat 6 huruf a"),
        code: "lead_education",
        name: "Pendidikan paling rendah S1/D4 atau sederajat".into(),
        met: e.education >= Education::D4,
        detail: format!("Pendidikan terakhir {}", e.education.label()),
    }
}

/// Roman numeral of a PPPK golongan, or the number when the setting is off the scale.
fn pppk_label(n: u8) -> String {
    if (1..=17).contains(&n) {
        Grade::Pppk(n).to_string()
    } else {
        n.to_string()
    }
}

fn grade(e: &Employee, policy: &AssignmentPolicy) -> Requirement {
    let rule = Citation::new(RuleId::PEN_08, "Pasal 9 ayat 6 huruf b");
    match e.grade {
        Grade::Pns { .. } => {
            let rank = e
                .grade
                .rank()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            Requirement {
                rule,
                code: "lead_grade",
                name: "Pangkat paling rendah Penata Muda, golongan III/a".into(),
                met: e.grade.ordinal() >= PNS_MIN.ordinal(),
                detail: format!("Golongan {}{rank}", e.grade),
            }
        }
        Grade::Pppk(n) => Requirement {
            rule,
            code: "lead_grade",
            name: format!(
                "Golongan PPPK paling rendah {} — padanan Penata Muda III/a yang ditetapkan kebijakan instansi",
                pppk_label(policy.pppk_min_golongan)
            ),
            met: n >= policy.pppk_min_golongan,
            detail: format!("Golongan PPPK {}", e.grade),
        },
    }
}

fn rating(e: &Employee, start: Day) -> Requirement {
    let year = start.year().saturating_sub(1);
    // The enum is declared best first, so the maximum is the lowest rating.
    let found = e
        .ratings
        .iter()
        .filter(|r| r.year == year)
        .map(|r| r.rating)
        .max();
    let (met, detail) = match found {
        Some(r) => (
            matches!(r, PerformanceRating::Baik | PerformanceRating::SangatBaik),
            format!("Predikat kinerja tahun {year}: {}", r.label()),
        ),
        None => (
            false,
            format!("Predikat kinerja tahun {year} belum tercatat"),
        ),
    };
    Requirement {
        rule: Citation::new(RuleId::PEN_08, "Pasal 9 ayat 6 huruf c"),
        code: "lead_rating",
        name: format!("Predikat kinerja tahun {year} paling rendah Baik"),
        met,
        detail,
    }
}

fn experience(e: &Employee, field: &str) -> Requirement {
    let rule = Citation::new(RuleId::PEN_08, "Pasal 9 ayat 6 huruf d");
    let wanted = field.trim().to_lowercase();
    if wanted.is_empty() {
        return Requirement {
            rule,
            code: "lead_experience",
            name: format!("Pengalaman paling singkat {MIN_EXPERIENCE_YEARS} tahun di bidang tugas"),
            met: false,
            detail: "Bidang tugas penugasan belum diisi".into(),
        };
    }
    let years = e
        .experience
        .iter()
        .filter(|x| x.field.trim().to_lowercase() == wanted)
        .map(|x| x.years)
        .max();
    let detail = match years {
        Some(y) => format!("Pengalaman di bidang {}: {y} tahun", field.trim()),
        None => format!("Belum ada pengalaman tercatat di bidang {}", field.trim()),
    };
    Requirement {
        rule,
        code: "lead_experience",
        name: format!(
            "Pengalaman paling singkat {MIN_EXPERIENCE_YEARS} tahun di bidang {}",
            field.trim()
        ),
        met: years.is_some_and(|y| y >= MIN_EXPERIENCE_YEARS),
        detail,
    }
}

/// PEN-09 (Lampiran II.A.9): the JF from *penyetaraan jabatan* of the owner Unit Organisasi —
/// the first candidates for team lead. Employees of `owner_agency` holding a functional
/// position, flagged `from_equalization`, whose Unit Organisasi is `owner_unit`; sorted by id.
pub fn equalized_candidates(
    org: &Organisation,
    owner_unit: UnitId,
    owner_agency: AgencyId,
) -> Vec<EmployeeId> {
    equalized_in(&Index::new(org), org, owner_unit, owner_agency)
}

pub(super) fn equalized_in(
    index: &Index<'_>,
    org: &Organisation,
    owner_unit: UnitId,
    owner_agency: AgencyId,
) -> Vec<EmployeeId> {
    let mut found: Vec<EmployeeId> = org
        .employees
        .iter()
        .filter(|e| e.from_equalization && e.agency == owner_agency)
        .filter(|e| {
            e.position
                .and_then(|p| index.positions.get(&p))
                .is_some_and(|p| p.class == PositionClass::Fungsional)
        })
        .filter(|e| index.org_unit_of(e.id) == Some(owner_unit))
        .map(|e| e.id)
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}
