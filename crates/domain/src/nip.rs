//! NIP — the 18-digit Nomor Induk Pegawai (ORG-07).
//!
//! Layout: birth date `YYYYMMDD`, appointment month `YYYYMM` (TMT CPNS/PPPK), gender digit
//! (1 man, 2 woman) and a three-digit sequence. `Nip::parse` refuses any value whose parts are
//! not real, with the precise reason.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A valid NIP. Construct with [`Nip::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

/// Why a NIP was refused. Each has a stable code and an Indonesian message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NipError {
    #[error("NIP harus terdiri dari 18 angka (diterima {found} karakter)")]
    Length { found: usize },
    #[error("NIP hanya boleh berisi angka")]
    NotDigits,
    #[error("tanggal lahir dalam NIP ({value}) bukan tanggal yang sah")]
    BirthDate { value: String },
    #[error("bulan pengangkatan dalam NIP ({value}) bukan bulan yang sah")]
    AppointmentMonth { value: String },
    #[error("bulan pengangkatan dalam NIP ({appointment}) tidak boleh sebelum tanggal lahir")]
    AppointedBeforeBirth { appointment: String },
    #[error("digit jenis kelamin dalam NIP harus 1 atau 2 (diterima {found})")]
    Gender { found: char },
    #[error("nomor urut dalam NIP tidak boleh 000")]
    Sequence,
}

impl NipError {
    /// Stable `snake_case` code for API answers.
    pub fn code(&self) -> &'static str {
        match self {
            NipError::Length { .. } => "nip_length",
            NipError::NotDigits => "nip_not_digits",
            NipError::BirthDate { .. } => "nip_birth_date",
            NipError::AppointmentMonth { .. } => "nip_appointment_month",
            NipError::AppointedBeforeBirth { .. } => "nip_appointed_before_birth",
            NipError::Gender { .. } => "nip_gender",
            NipError::Sequence => "nip_sequence",
        }
    }
}

/// Gender encoded in the NIP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

pub(crate) fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

fn num(s: &str) -> u32 {
    s.bytes().fold(0, |acc, b| acc * 10 + u32::from(b - b'0'))
}

impl Nip {
    /// Parses a NIP, accepting the spaced form `19870111 200904 1 001` as well.
    pub fn parse(input: &str) -> Result<Nip, NipError> {
        let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(NipError::NotDigits);
        }
        if s.len() != 18 {
            return Err(NipError::Length { found: s.len() });
        }
        let (y, m, d) = (num(&s[0..4]), num(&s[4..6]), num(&s[6..8]));
        if !(1900..=2100).contains(&y) || d == 0 || d > days_in_month(y, m) {
            return Err(NipError::BirthDate {
                value: s[0..8].to_string(),
            });
        }
        let (ay, am) = (num(&s[8..12]), num(&s[12..14]));
        if !(1900..=2100).contains(&ay) || !(1..=12).contains(&am) {
            return Err(NipError::AppointmentMonth {
                value: s[8..14].to_string(),
            });
        }
        if (ay, am) < (y, m) {
            return Err(NipError::AppointedBeforeBirth {
                appointment: s[8..14].to_string(),
            });
        }
        let g = s.as_bytes()[14] as char;
        if g != '1' && g != '2' {
            return Err(NipError::Gender { found: g });
        }
        if &s[15..18] == "000" {
            return Err(NipError::Sequence);
        }
        Ok(Nip(s))
    }

    /// The 18 digits without spaces.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The spaced form used in letters (DOC-05): `19870111 200904 1 001`.
    pub fn spaced(&self) -> String {
        let s = &self.0;
        format!("{} {} {} {}", &s[0..8], &s[8..14], &s[14..15], &s[15..18])
    }

    /// Birth date as (year, month, day).
    pub fn birth_date(&self) -> (u32, u32, u32) {
        (num(&self.0[0..4]), num(&self.0[4..6]), num(&self.0[6..8]))
    }

    pub fn gender(&self) -> Gender {
        if self.0.as_bytes()[14] == b'1' {
            Gender::Male
        } else {
            Gender::Female
        }
    }
}

impl TryFrom<String> for Nip {
    type Error = NipError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Nip::parse(&value)
    }
}

impl From<Nip> for String {
    fn from(n: Nip) -> String {
        n.0
    }
}

impl std::fmt::Display for Nip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn org_07_accepts_a_real_nip_and_spaces_it() {
        let nip = Nip::parse("198701112009041001").expect("valid");
        assert_eq!(nip.spaced(), "19870111 200904 1 001");
        assert_eq!(Nip::parse("19870111 200904 1 001"), Ok(nip.clone()));
        assert_eq!(nip.birth_date(), (1987, 1, 11));
        assert_eq!(nip.gender(), Gender::Male);
    }

    #[test]
    fn org_07_refuses_wrong_length_and_letters() {
        assert_eq!(
            Nip::parse("19870111200904100"),
            Err(NipError::Length { found: 17 })
        );
        assert_eq!(Nip::parse("1987011120090410O1"), Err(NipError::NotDigits));
    }

    #[test]
    fn org_07_refuses_impossible_birth_dates() {
        assert!(matches!(
            Nip::parse("198702302009041001"),
            Err(NipError::BirthDate { .. })
        ));
        assert!(matches!(
            Nip::parse("198713012009041001"),
            Err(NipError::BirthDate { .. })
        ));
        // 29 February exists only in leap years.
        assert!(Nip::parse("198802292009041001").is_ok());
        assert!(matches!(
            Nip::parse("198702292009041001"),
            Err(NipError::BirthDate { .. })
        ));
    }

    #[test]
    fn org_07_refuses_impossible_appointment_months_and_gender_digits() {
        assert!(matches!(
            Nip::parse("198701112009131001"),
            Err(NipError::AppointmentMonth { .. })
        ));
        assert!(matches!(
            Nip::parse("198701112009001001"),
            Err(NipError::AppointmentMonth { .. })
        ));
        assert_eq!(
            Nip::parse("198701112009043001"),
            Err(NipError::Gender { found: '3' })
        );
        assert!(matches!(
            Nip::parse("198701111980041001"),
            Err(NipError::AppointedBeforeBirth { .. })
        ));
        assert_eq!(Nip::parse("198701112009042000"), Err(NipError::Sequence));
    }
}
