//! The candidate picker's order and search (issue 15 point 3): candidates ranked by how well
//! they fit — JF from *penyetaraan* of the owner unit first (PEN-09), then those whose
//! placement is settled (PEN-02), then those who meet every team-lead requirement (PEN-08),
//! then the owner unit's own people, then the lighter load — and a search over name, NIP, unit
//! and position that ignores case, accents and spaces. The Unit Organisasi of every employee
//! is computed once per organisation ([`org_units`]), never once per candidate.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::scope::Index;
use crate::organisation::{EmployeeId, Organisation, UnitId};

/// What ranks a candidate, as the picker knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fit {
    /// A JF from *penyetaraan* of the owner unit: the first candidates for team lead (PEN-09).
    pub equalized_first: bool,
    /// Placement settled; an unplaced employee cannot be assigned (PEN-02).
    pub placed: bool,
    /// Every team-lead requirement is met (PEN-08).
    pub lead_eligible: bool,
    /// In the owner's Unit Organisasi (PEN-03: a within-unit assignment).
    pub in_owner_unit: bool,
    /// Assignments running on the start day.
    pub load: u32,
}

impl Fit {
    /// Best first: PEN-09, then PEN-02, then PEN-08, then the owner unit, then the lower load.
    /// Equal fits compare equal; the caller breaks ties (the picker by name).
    pub fn best_first(&self, other: &Fit) -> Ordering {
        other
            .equalized_first
            .cmp(&self.equalized_first)
            .then(other.placed.cmp(&self.placed))
            .then(other.lead_eligible.cmp(&self.lead_eligible))
            .then(other.in_owner_unit.cmp(&self.in_owner_unit))
            .then(self.load.cmp(&other.load))
    }
}

/// The Unit Organisasi of every employee with a position (PEN-03), from one index of the
/// organisation: the picker asks it for each of thousands of candidates.
pub fn org_units(org: &Organisation) -> HashMap<EmployeeId, UnitId> {
    let index = Index::new(org);
    org.employees
        .iter()
        .filter_map(|e| index.org_unit_of(e.id).map(|u| (e.id, u)))
        .collect()
}

/// A text as the search compares it: lower case, accents dropped, only letters and digits
/// (spaces, dots and dashes removed), so "Analis  Kebijakan", "analiskebijakan" and
/// "ANALIS KÉBIJAKAN" compare alike and a NIP may be typed with its spaces.
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if let Some(base) = fold_accent(c) {
            out.push(base);
        } else if c.is_alphanumeric() {
            out.push(c);
        }
    }
    out
}

/// A search over several texts of one candidate: every word of `query` must occur in one of
/// `texts` (compared as [`search_key`]); a blank query matches everything.
pub struct Search {
    words: Vec<String>,
}

impl Search {
    pub fn new(query: &str) -> Search {
        Search {
            words: query
                .split_whitespace()
                .map(search_key)
                .filter(|w| !w.is_empty())
                .collect(),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether every word occurs in one of `texts`.
    pub fn matches<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let keys: Vec<String> = texts.into_iter().map(search_key).collect();
        self.words
            .iter()
            .all(|w| keys.iter().any(|k| k.contains(w.as_str())))
    }
}

/// The letter a lower-case accented Latin letter is written without its accent; `None` for any
/// other character. Combining marks (U+0300..U+036F) are dropped by the caller as
/// non-alphanumeric.
fn fold_accent(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ => return None,
    })
}
