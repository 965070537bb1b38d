//! The elected regional heads and their terms of office (issue 14 point 4): which offices an
//! agency has, when a term covers a day, and the checks a new or ended term must pass.
//!
//! Readings written once here (docs/organisation.md, "Regional heads"):
//! - the offices are those of UU 23/2014: Bupati and Wakil Bupati or Wali Kota and Wakil Wali
//!   Kota for a regency or city government, Gubernur and Wakil Gubernur for a province; a
//!   ministry has none. The head and the deputy are two offices ([`RegionalHeadKind`]);
//! - one person per office at a time: two terms of the same office of one agency never share
//!   a day (the normal case ends the previous term the day before the next one starts);
//! - a term runs from its first day to its last day, both included; a term without a last day
//!   is open; a term recorded before terms were kept has no first day ("since before the
//!   record") and counts as begun;
//! - the regional head who acts in a workflow lane is the one whose term covers the day of the
//!   decision (PEN-12, PEN-15); no such term: the office is vacant and the lane has no holder
//!   (ORG-05: a vacant office exercises nothing).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::access::RegionalHeadKind;
use crate::assignment::Day;
use crate::org::{AgencyKind, vocabulary};

vocabulary! {
    /// The office of an elected regional head.
    RegionalOffice {
        Regent => "regent", "Bupati";
        ViceRegent => "vice_regent", "Wakil Bupati";
        Mayor => "mayor", "Wali Kota";
        ViceMayor => "vice_mayor", "Wakil Wali Kota";
        Governor => "governor", "Gubernur";
        ViceGovernor => "vice_governor", "Wakil Gubernur";
    }
}

impl RegionalOffice {
    /// Head (Bupati, Wali Kota, Gubernur) or deputy.
    pub fn kind(self) -> RegionalHeadKind {
        match self {
            RegionalOffice::Regent | RegionalOffice::Mayor | RegionalOffice::Governor => {
                RegionalHeadKind::Head
            }
            RegionalOffice::ViceRegent
            | RegionalOffice::ViceMayor
            | RegionalOffice::ViceGovernor => RegionalHeadKind::Deputy,
        }
    }

    /// The kind of agency that has this office.
    pub fn agency_kind(self) -> AgencyKind {
        match self {
            RegionalOffice::Governor | RegionalOffice::ViceGovernor => {
                AgencyKind::ProvincialGovernment
            }
            _ => AgencyKind::RegionalGovernment,
        }
    }

    /// The offices an agency of `kind` has (none for a ministry).
    pub fn of_agency(kind: AgencyKind) -> Vec<RegionalOffice> {
        RegionalOffice::ALL
            .iter()
            .copied()
            .filter(|o| o.agency_kind() == kind)
            .collect()
    }
}

/// The head's office as letters name it when nobody is recorded in it: "Bupati Banjar" for
/// "Pemerintah Kabupaten Banjar", "Wali Kota X" for "Pemerintah Kota X", "Gubernur X" for
/// "Pemerintah Provinsi X". `None` for a ministry or a name that says neither.
pub fn head_office_title(kind: AgencyKind, agency_name: &str) -> Option<String> {
    let name = agency_name.trim();
    let region = name
        .strip_prefix("Pemerintah ")
        .or_else(|| name.strip_prefix("PEMERINTAH "))
        .unwrap_or(name)
        .trim();
    let title = |office: &str, prefix: &str| {
        let lower = region.to_lowercase();
        lower
            .starts_with(&prefix.to_lowercase())
            .then(|| region[prefix.len()..].trim())
            .filter(|rest| !rest.is_empty())
            .map(|rest| format!("{office} {rest}"))
    };
    match kind {
        AgencyKind::RegionalGovernment => {
            title("Bupati", "Kabupaten ").or_else(|| title("Wali Kota", "Kota "))
        }
        AgencyKind::ProvincialGovernment => title("Gubernur", "Provinsi "),
        _ => None,
    }
}

/// What a regional head's sign-in name must be, for messages.
pub const USERNAME_RULE: &str = "nama pengguna harus 3–64 karakter huruf kecil, angka, titik, garis bawah atau tanda hubung, diawali huruf";

/// A regional head's sign-in name as stored: trimmed and in lowercase, 3 to 64 of
/// `a-z 0-9 . _ -`, starting with a letter, so that it is never mistaken for a NIP. `None`
/// when `value` is not one ([`USERNAME_RULE`]).
pub fn username(value: &str) -> Option<String> {
    let u = value.trim().to_lowercase();
    let ok = (3..=64).contains(&u.len())
        && u.starts_with(|c: char| c.is_ascii_lowercase())
        && u.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    ok.then_some(u)
}

/// A term of office: from its first day to its last day, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// `None` for a term recorded before terms were kept: begun since before the record.
    pub from: Option<Day>,
    /// `None` while no end is recorded.
    pub until: Option<Day>,
}

/// Where a term stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermStatus {
    /// Starts after the day.
    Upcoming,
    /// Covers the day.
    InOffice,
    /// Ended before the day.
    Ended,
}

impl TermStatus {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            TermStatus::Upcoming => "upcoming",
            TermStatus::InOffice => "in_office",
            TermStatus::Ended => "ended",
        }
    }

    /// Indonesian label.
    pub fn label(self) -> &'static str {
        match self {
            TermStatus::Upcoming => "Belum mulai",
            TermStatus::InOffice => "Menjabat",
            TermStatus::Ended => "Berakhir",
        }
    }
}

impl Term {
    /// Whether the term covers `day`.
    pub fn covers(&self, day: Day) -> bool {
        self.status(day) == TermStatus::InOffice
    }

    /// Where the term stands on `day`.
    pub fn status(&self, day: Day) -> TermStatus {
        if self.from.is_some_and(|f| day < f) {
            TermStatus::Upcoming
        } else if self.until.is_some_and(|u| u < day) {
            TermStatus::Ended
        } else {
            TermStatus::InOffice
        }
    }

    /// Whether the two terms share a day.
    pub fn overlaps(&self, other: &Term) -> bool {
        let starts_before_other_ends = match (self.from, other.until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        };
        let other_starts_before_this_ends = match (other.from, self.until) {
            (Some(f), Some(u)) => f <= u,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_this_ends
    }

    /// "1 Maret 2021 – 28 Februari 2026", "sejak 1 Maret 2021", "sejak sebelum pencatatan".
    pub fn label(&self) -> String {
        let from = self
            .from
            .map_or_else(|| "sebelum pencatatan".to_string(), Day::label);
        match self.until {
            Some(u) => format!("{from} – {}", u.label()),
            None => format!("sejak {from}"),
        }
    }
}

/// A term already recorded for an office of the agency, as the checks need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedTerm {
    pub id: i64,
    pub office: RegionalOffice,
    /// Who held or holds it.
    pub name: String,
    pub term: Term,
}

/// Why a term cannot be recorded or ended.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TermRefusal {
    #[error("Jabatan {office} tidak ada pada instansi berjenis {agency}.")]
    OfficeNotOfAgency {
        office: RegionalOffice,
        agency: AgencyKind,
    },
    #[error("Akhir masa jabatan ({until}) tidak boleh sebelum awalnya ({from}).")]
    EndsBeforeStart { from: String, until: String },
    #[error(
        "Masa jabatan ini bertumpuk dengan masa jabatan {name} sebagai {office} ({term}). Satu jabatan dipegang satu orang pada satu waktu: akhiri dulu masa jabatan itu{hint}."
    )]
    Overlaps {
        name: String,
        office: RegionalOffice,
        term: String,
        /// ", paling lambat <the day before the new term>" when the new term has a first day.
        hint: String,
    },
    #[error("Masa jabatan ini sudah diakhiri ({until}).")]
    AlreadyEnded { until: String },
}

impl TermRefusal {
    /// Stable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            TermRefusal::OfficeNotOfAgency { .. } => "regional_office_not_of_agency",
            TermRefusal::EndsBeforeStart { .. } => "term_ends_before_start",
            TermRefusal::Overlaps { .. } => "term_overlaps",
            TermRefusal::AlreadyEnded { .. } => "term_already_ended",
        }
    }
}

fn ordered(term: &Term) -> Result<(), TermRefusal> {
    match (term.from, term.until) {
        (Some(f), Some(u)) if u < f => Err(TermRefusal::EndsBeforeStart {
            from: f.label(),
            until: u.label(),
        }),
        _ => Ok(()),
    }
}

/// Whether a new `term` of `office` may be recorded for an agency of kind `agency` whose
/// terms so far are `recorded` (any office): the office is one the agency has, the term ends
/// no earlier than it starts, and no term of the same head-or-deputy office shares a day with
/// it (one person per office at a time).
pub fn check_new_term(
    office: RegionalOffice,
    agency: AgencyKind,
    term: Term,
    recorded: &[RecordedTerm],
) -> Result<(), TermRefusal> {
    if office.agency_kind() != agency {
        return Err(TermRefusal::OfficeNotOfAgency { office, agency });
    }
    ordered(&term)?;
    let clash = recorded
        .iter()
        .filter(|r| r.office.kind() == office.kind())
        .find(|r| r.term.overlaps(&term));
    match clash {
        Some(r) => Err(TermRefusal::Overlaps {
            name: r.name.clone(),
            office: r.office,
            term: r.term.label(),
            hint: term
                .from
                .and_then(|f| f.add_days(-1))
                .map(|d| format!(", paling lambat {}", d.label()))
                .unwrap_or_default(),
        }),
        None => Ok(()),
    }
}

/// The term `term` ended on `until` (its last day), if that may be recorded: it has no end yet
/// and `until` is not before its first day.
pub fn check_end(term: Term, until: Day) -> Result<Term, TermRefusal> {
    if let Some(u) = term.until {
        return Err(TermRefusal::AlreadyEnded { until: u.label() });
    }
    let ended = Term {
        from: term.from,
        until: Some(until),
    };
    ordered(&ended)?;
    Ok(ended)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn doc_05_the_head_office_is_named_from_the_agency_when_nobody_holds_it() {
        let t = head_office_title;
        assert_eq!(
            t(
                AgencyKind::RegionalGovernment,
                "Pemerintah Kabupaten Banjar"
            )
            .as_deref(),
            Some("Bupati Banjar")
        );
        assert_eq!(
            t(AgencyKind::RegionalGovernment, "Pemerintah Kota Banjarbaru").as_deref(),
            Some("Wali Kota Banjarbaru")
        );
        assert_eq!(
            t(
                AgencyKind::ProvincialGovernment,
                "Pemerintah Provinsi Kalimantan Selatan"
            )
            .as_deref(),
            Some("Gubernur Kalimantan Selatan")
        );
        assert_eq!(t(AgencyKind::Ministry, "Kementerian Dalam Negeri"), None);
        assert_eq!(
            t(AgencyKind::RegionalGovernment, "Pemerintah Kabupaten "),
            None
        );
    }

    fn term(from: &str, until: Option<&str>) -> Term {
        Term {
            from: Some(d(from)),
            until: until.map(d),
        }
    }

    fn recorded(office: RegionalOffice, t: Term) -> RecordedTerm {
        RecordedTerm {
            id: 1,
            office,
            name: "H. Lama".into(),
            term: t,
        }
    }

    #[test]
    fn a_term_covers_its_first_and_last_day() {
        let t = term("2021-02-26", Some("2026-02-25"));
        assert_eq!(t.status(d("2021-02-25")), TermStatus::Upcoming);
        assert!(t.covers(d("2021-02-26")));
        assert!(t.covers(d("2026-02-25")));
        assert_eq!(t.status(d("2026-02-26")), TermStatus::Ended);
        let legacy = Term {
            from: None,
            until: None,
        };
        assert!(legacy.covers(d("1990-01-01")));
    }

    #[test]
    fn ending_the_previous_term_the_day_before_is_the_normal_case() {
        let old = recorded(
            RegionalOffice::Regent,
            term("2021-02-26", Some("2026-02-25")),
        );
        let new = term("2026-02-26", None);
        assert_eq!(
            check_new_term(
                RegionalOffice::Regent,
                AgencyKind::RegionalGovernment,
                new,
                &[old]
            ),
            Ok(())
        );
    }

    #[test]
    fn an_overlapping_term_of_the_same_office_is_refused_with_the_day_to_end_it() {
        let open = recorded(RegionalOffice::Regent, term("2021-02-26", None));
        let e = check_new_term(
            RegionalOffice::Regent,
            AgencyKind::RegionalGovernment,
            term("2026-02-26", None),
            &[open],
        )
        .unwrap_err();
        assert_eq!(e.code(), "term_overlaps");
        assert!(e.to_string().contains("paling lambat 25 Februari 2026"));
    }

    #[test]
    fn head_and_deputy_are_different_offices_but_a_mayor_and_a_regent_are_not() {
        let head = recorded(RegionalOffice::Regent, term("2021-02-26", None));
        assert_eq!(
            check_new_term(
                RegionalOffice::ViceRegent,
                AgencyKind::RegionalGovernment,
                term("2021-02-26", None),
                std::slice::from_ref(&head),
            ),
            Ok(())
        );
        assert!(
            check_new_term(
                RegionalOffice::Mayor,
                AgencyKind::RegionalGovernment,
                term("2022-01-01", None),
                &[head],
            )
            .is_err()
        );
    }

    #[test]
    fn a_governor_is_not_an_office_of_a_regency_and_a_ministry_has_none() {
        let e = check_new_term(
            RegionalOffice::Governor,
            AgencyKind::RegionalGovernment,
            term("2021-02-26", None),
            &[],
        )
        .unwrap_err();
        assert_eq!(e.code(), "regional_office_not_of_agency");
        assert!(RegionalOffice::of_agency(AgencyKind::Ministry).is_empty());
        assert_eq!(
            RegionalOffice::of_agency(AgencyKind::ProvincialGovernment),
            vec![RegionalOffice::Governor, RegionalOffice::ViceGovernor]
        );
    }

    #[test]
    fn a_term_ends_once_and_not_before_it_starts() {
        let t = term("2021-02-26", None);
        let ended = check_end(t, d("2026-02-25")).unwrap();
        assert_eq!(ended.until, Some(d("2026-02-25")));
        assert_eq!(
            check_end(ended, d("2026-03-01")).unwrap_err().code(),
            "term_already_ended"
        );
        assert_eq!(
            check_end(t, d("2020-01-01")).unwrap_err().code(),
            "term_ends_before_start"
        );
    }
}
