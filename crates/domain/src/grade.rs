//! Golongan (grade) and pangkat (rank) of civil servants (ORG-07).
//!
//! PNS grades run I/a … IV/e (IV has a sub-grade `e`, the others stop at `d`); PPPK grades run
//! I … XVII and have no pangkat name. A rank name must match its grade.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A golongan: PNS `III/a` or PPPK `IX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Grade {
    /// PNS grade: `group` 1..=4, `sub` b'a'..=b'e'.
    Pns { group: u8, sub: u8 },
    /// PPPK grade 1..=17.
    Pppk(u8),
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GradeError {
    #[error("golongan \"{value}\" tidak dikenal: PNS I/a sampai IV/e, PPPK I sampai XVII")]
    Unknown { value: String },
    #[error("pangkat \"{rank}\" tidak sesuai dengan golongan {grade} (seharusnya {expected})")]
    RankMismatch {
        rank: String,
        grade: String,
        expected: String,
    },
    #[error("pangkat \"{rank}\" tidak dikenal")]
    UnknownRank { rank: String },
    #[error("pegawai PPPK tidak memiliki pangkat; kosongkan isian pangkat")]
    PppkHasNoRank,
}

impl GradeError {
    pub fn code(&self) -> &'static str {
        match self {
            GradeError::Unknown { .. } => "grade_unknown",
            GradeError::RankMismatch { .. } => "rank_grade_mismatch",
            GradeError::UnknownRank { .. } => "rank_unknown",
            GradeError::PppkHasNoRank => "rank_for_pppk",
        }
    }
}

const ROMAN: [&str; 17] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII",
];

const RANKS: [[&str; 5]; 4] = [
    [
        "Juru Muda",
        "Juru Muda Tingkat I",
        "Juru",
        "Juru Tingkat I",
        "",
    ],
    [
        "Pengatur Muda",
        "Pengatur Muda Tingkat I",
        "Pengatur",
        "Pengatur Tingkat I",
        "",
    ],
    [
        "Penata Muda",
        "Penata Muda Tingkat I",
        "Penata",
        "Penata Tingkat I",
        "",
    ],
    [
        "Pembina",
        "Pembina Tingkat I",
        "Pembina Utama Muda",
        "Pembina Utama Madya",
        "Pembina Utama",
    ],
];

impl Grade {
    /// Parses `III/a`, `iii/a`, `III a` for PNS and `IX` for PPPK (the caller says which).
    pub fn parse(value: &str, pppk: bool) -> Result<Grade, GradeError> {
        let unknown = || GradeError::Unknown {
            value: value.to_string(),
        };
        let v = value.trim().to_ascii_uppercase();
        if pppk {
            let idx = ROMAN.iter().position(|r| *r == v).ok_or_else(unknown)?;
            return Ok(Grade::Pppk(idx as u8 + 1));
        }
        let (g, s) = v
            .split_once(['/', ' '])
            .map(|(g, s)| (g.trim(), s.trim()))
            .ok_or_else(unknown)?;
        let group = ROMAN[..4]
            .iter()
            .position(|r| *r == g)
            .ok_or_else(unknown)? as u8
            + 1;
        let sub = match s.as_bytes() {
            [c] => c.to_ascii_lowercase(),
            _ => return Err(unknown()),
        };
        let max = if group == 4 { b'e' } else { b'd' };
        if !(b'a'..=max).contains(&sub) {
            return Err(unknown());
        }
        Ok(Grade::Pns { group, sub })
    }

    /// Parses either scale: a value with a slash is PNS, a bare numeral PPPK.
    pub fn parse_any(value: &str) -> Result<Grade, GradeError> {
        let pppk = !value.contains('/') && !value.trim().contains(' ');
        Grade::parse(value, pppk)
    }

    pub fn is_pppk(self) -> bool {
        matches!(self, Grade::Pppk(_))
    }

    /// The pangkat name of a PNS grade; PPPK grades have none.
    pub fn rank(self) -> Option<Rank> {
        match self {
            Grade::Pns { group, sub } => {
                Some(Rank(RANKS[usize::from(group - 1)][usize::from(sub - b'a')]))
            }
            Grade::Pppk(_) => None,
        }
    }

    /// Ordinal within its own scale, for comparisons such as PEN-08 (at least III/a).
    pub fn ordinal(self) -> u8 {
        match self {
            Grade::Pns { group, sub } => (group - 1) * 5 + (sub - b'a'),
            Grade::Pppk(n) => n,
        }
    }

    /// Checks that a rank name given alongside the grade matches it.
    pub fn check_rank(self, rank: &str) -> Result<(), GradeError> {
        let given = rank.trim();
        if given.is_empty() {
            return Ok(());
        }
        let Some(expected) = self.rank() else {
            return Err(GradeError::PppkHasNoRank);
        };
        if expected.0.eq_ignore_ascii_case(given) {
            return Ok(());
        }
        if Rank::parse(given).is_none() {
            return Err(GradeError::UnknownRank {
                rank: given.to_string(),
            });
        }
        Err(GradeError::RankMismatch {
            rank: given.to_string(),
            grade: self.to_string(),
            expected: expected.0.to_string(),
        })
    }
}

impl std::fmt::Display for Grade {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Grade::Pns { group, sub } => {
                write!(f, "{}/{}", ROMAN[usize::from(group - 1)], *sub as char)
            }
            Grade::Pppk(n) => f.write_str(ROMAN[usize::from(n - 1)]),
        }
    }
}

impl TryFrom<String> for Grade {
    type Error = GradeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Grade::parse_any(&value)
    }
}

impl From<Grade> for String {
    fn from(g: Grade) -> String {
        g.to_string()
    }
}

/// A pangkat name such as `Penata Muda`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Rank(&'static str);

impl Rank {
    pub fn parse(name: &str) -> Option<Rank> {
        RANKS
            .iter()
            .flatten()
            .find(|r| !r.is_empty() && r.eq_ignore_ascii_case(name.trim()))
            .map(|r| Rank(r))
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl std::fmt::Display for Rank {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_07_parses_every_pns_grade_and_names_its_rank() {
        assert_eq!(
            Grade::parse("III/a", false),
            Ok(Grade::Pns {
                group: 3,
                sub: b'a'
            })
        );
        let g = Grade::parse("iv/e", false).expect("IV/e exists");
        assert_eq!(g.to_string(), "IV/e");
        assert_eq!(g.rank().map(Rank::as_str), Some("Pembina Utama"));
        assert_eq!(
            Grade::parse("III/a", false)
                .ok()
                .and_then(Grade::rank)
                .map(Rank::as_str),
            Some("Penata Muda")
        );
    }

    #[test]
    fn org_07_refuses_grades_that_do_not_exist() {
        for bad in ["III/e", "V/a", "II/", "I/f", "3/a", ""] {
            assert!(Grade::parse(bad, false).is_err(), "{bad} accepted");
        }
        assert!(Grade::parse("XVIII", true).is_err());
        assert_eq!(Grade::parse("XVII", true), Ok(Grade::Pppk(17)));
        assert_eq!(Grade::parse_any("IX"), Ok(Grade::Pppk(9)));
    }

    #[test]
    fn org_07_rank_must_match_grade() {
        let g = Grade::parse("III/a", false).expect("valid");
        assert_eq!(g.check_rank("Penata Muda"), Ok(()));
        assert!(matches!(
            g.check_rank("Penata"),
            Err(GradeError::RankMismatch { .. })
        ));
        assert!(matches!(
            g.check_rank("Kapten"),
            Err(GradeError::UnknownRank { .. })
        ));
        assert_eq!(
            Grade::Pppk(9).check_rank("Penata"),
            Err(GradeError::PppkHasNoRank)
        );
    }
}
