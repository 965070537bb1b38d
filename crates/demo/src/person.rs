//! Generating one plausible civil servant for a position: grade following the level, age and
//! appointment consistent with the grade, education and titles fitting the field, a valid and
//! unique NIP, ratings of the last three years and experience.

use std::collections::HashSet;

use sikerja_domain::bundle::EmployeeRecord;
use sikerja_domain::education::Education;
use sikerja_domain::grade::Grade;
use sikerja_domain::nip::{Gender, Nip};
use sikerja_domain::org::{EmploymentType, FunctionalLevel, PerformanceRating, PositionClass};
use sikerja_domain::organisation::{Experience, YearRating};

use crate::names::{self, Discipline};
use crate::rng::Rng;

/// The year the demo data describes; ratings cover the three years before it.
pub(crate) const YEAR: u32 = 2025;

/// What a position asks of its holder.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Role {
    pub class: PositionClass,
    pub level: Option<FunctionalLevel>,
    pub discipline: Discipline,
    /// May be filled by a PPPK employee.
    pub pppk_allowed: bool,
}

/// Grade range (PNS group, lowest and highest sub-grade letter), age range and educations.
type Profile = ((u8, u8, u8), (u32, u32), &'static [Education]);

/// The profile of the holder of a role.
fn profile(role: Role) -> Profile {
    use Education::*;
    use FunctionalLevel::*;
    match (role.class, role.level) {
        (PositionClass::Jpt, _) => ((4, b'c', b'd'), (46, 58), &[S2, S2, S2, S3]),
        (PositionClass::Administrator, _) => ((4, b'a', b'b'), (40, 56), &[S1, S2, S2]),
        (PositionClass::Pengawas, _) => ((3, b'c', b'd'), (33, 52), &[S1, S1, S1, S2]),
        (PositionClass::Fungsional, Some(AhliUtama)) => ((4, b'd', b'e'), (52, 60), &[S2, S3]),
        (PositionClass::Fungsional, Some(AhliMadya)) => ((4, b'a', b'c'), (45, 58), &[S2, S2, S1]),
        (PositionClass::Fungsional, Some(AhliMuda)) => ((3, b'c', b'd'), (35, 52), &[S1, S1, S2]),
        (PositionClass::Fungsional, Some(AhliPertama)) => ((3, b'a', b'b'), (24, 40), &[S1]),
        (PositionClass::Fungsional, Some(Penyelia)) => ((3, b'c', b'd'), (40, 56), &[D3]),
        (PositionClass::Fungsional, Some(Mahir)) => ((3, b'a', b'b'), (30, 48), &[D3]),
        (PositionClass::Fungsional, Some(Terampil)) => ((2, b'b', b'd'), (24, 40), &[D3]),
        (PositionClass::Fungsional, _) => ((2, b'a', b'a'), (20, 30), &[Sma]),
        (PositionClass::Pelaksana, _) => ((2, b'a', b'd'), (22, 57), &[Sma, Sma, D3, S1]),
    }
}

/// Keeps NIPs unique within a generated data set.
#[derive(Debug, Default)]
pub(crate) struct NipRegistry(HashSet<u64>);

impl NipRegistry {
    /// Reserves a NIP given by hand (the well-known demo people).
    pub(crate) fn reserve(&mut self, nip: &Nip) {
        self.0.insert(nip.as_str().parse().unwrap_or(0));
    }

    /// A new valid NIP with these parts; the sequence number moves on until it is unused.
    fn issue(&mut self, birth: (u32, u32, u32), appointed: (u32, u32), gender: Gender) -> Nip {
        let g = if gender == Gender::Male { 1 } else { 2 };
        let base = ((u64::from(birth.0) * 100 + u64::from(birth.1)) * 100 + u64::from(birth.2))
            * 10_000_000_000
            + (u64::from(appointed.0) * 100 + u64::from(appointed.1)) * 10_000
            + g * 1000;
        let mut seq = 1;
        while seq < 999 && !self.0.insert(base + seq) {
            seq += 1;
        }
        let text = format!("{:018}", base + seq);
        // Day 1..=28, month 1..=12, appointment after birth, gender 1/2 and sequence >= 1:
        // the parts are valid by construction.
        Nip::parse(&text).unwrap_or_else(|_| fallback_nip())
    }
}

#[allow(clippy::expect_used)]
fn fallback_nip() -> Nip {
    Nip::parse("198001012005011001").expect("constant NIP is valid")
}

/// A new employee for `role`, holding `position_code` (or none for a spare person).
pub(crate) fn generate(
    rng: &mut Rng,
    nips: &mut NipRegistry,
    role: Role,
    position_code: Option<String>,
) -> EmployeeRecord {
    let ((group, lo, hi), (age_lo, age_hi), educations) = profile(role);
    let mut education = rng.pick(educations);
    let mut sub = rng.range(u32::from(lo), u32::from(hi)) as u8;
    if role.class == PositionClass::Pelaksana {
        // The grade of a Pelaksana follows the diploma they were appointed with.
        (education, sub) = pelaksana_grade(rng, education);
    }
    let group = if role.class == PositionClass::Pelaksana && education == Education::S1 {
        3
    } else {
        group
    };
    let age = rng.range(age_lo, age_hi);
    let pppk = role.pppk_allowed && rng.chance(15);
    let gender = if rng.chance(48) {
        Gender::Female
    } else {
        Gender::Male
    };
    let gender = match role.discipline {
        Discipline::Midwifery => Gender::Female,
        Discipline::Nursing if rng.chance(60) => Gender::Female,
        _ => gender,
    };
    let birth = (YEAR - age, rng.range(1, 12), rng.range(1, 28));
    let entry_age = match education {
        Education::Sd | Education::Smp | Education::Sma => rng.range(19, 24),
        Education::D1 | Education::D2 | Education::D3 => rng.range(22, 27),
        _ => rng.range(23, 30),
    };
    let appointed_year = if pppk {
        rng.range(2021, 2024)
    } else {
        (birth.0 + entry_age.min(age.saturating_sub(1))).min(YEAR - 1)
    };
    let appointed = (appointed_year, rng.range(1, 12));
    let nip = nips.issue(birth, appointed, gender);
    let grade = if pppk {
        Grade::Pppk(match education {
            Education::S2 | Education::S3 => 10,
            Education::S1 | Education::D4 => 9,
            Education::D3 => 7,
            _ => 5,
        })
    } else {
        Grade::Pns { group, sub }
    };
    let (front_title, back_title) = names::titles(rng, education, role.discipline);
    EmployeeRecord {
        nip,
        name: names::full_name(rng, gender),
        front_title,
        back_title,
        employment_type: if pppk {
            EmploymentType::Pppk
        } else {
            EmploymentType::Pns
        },
        grade,
        education,
        position_code,
        acting_position_code: None,
        acting_kind: None,
        from_equalization: false,
        ratings: ratings(rng, appointed_year),
        experience: experience(rng, role.discipline, YEAR - appointed_year),
    }
}

/// Education and sub-grade of a Pelaksana: SMA II/a–II/d, D3 II/c–III/a, S1 III/a–III/b.
fn pelaksana_grade(rng: &mut Rng, education: Education) -> (Education, u8) {
    match education {
        Education::D3 => (education, rng.pick(b"cd")),
        Education::S1 => (education, rng.pick(b"aab")),
        _ => (education, rng.pick(b"abcd")),
    }
}

fn ratings(rng: &mut Rng, appointed_year: u32) -> Vec<YearRating> {
    (YEAR - 3..YEAR)
        .filter(|y| *y > appointed_year)
        .map(|y| YearRating {
            year: y as u16,
            rating: match rng.below(20) {
                0..=4 => PerformanceRating::SangatBaik,
                5..=17 => PerformanceRating::Baik,
                18 => PerformanceRating::ButuhPerbaikan,
                _ => PerformanceRating::Kurang,
            },
        })
        .collect()
}

fn experience(rng: &mut Rng, d: Discipline, service: u32) -> Vec<Experience> {
    let fields = d.experience_fields();
    let n = rng.range(1, 2.min(fields.len() as u32)) as usize;
    let start = rng.below(fields.len());
    (0..n)
        .map(|k| Experience {
            field: fields[(start + k) % fields.len()].to_string(),
            years: rng.range(1, service.clamp(1, 35)) as u8,
        })
        .collect()
}
