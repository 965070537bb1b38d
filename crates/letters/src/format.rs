//! Indonesian writing conventions of letters (DOC-05): NIP spaced, dates written out, offices
//! in capitals, names with their titles exactly as given.

use sikerja_domain::Nip;
use sikerja_domain::assignment::Day;

/// DOC-05: a NIP written `19870111 200904 1 001`. A valid NIP given without spaces is spaced;
/// anything else (already spaced, or not a NIP at all) is kept as given, trimmed, so a letter
/// never silently changes a number it cannot read.
pub fn nip(raw: &str) -> String {
    match Nip::parse(raw) {
        Ok(n) => n.spaced(),
        Err(_) => raw.trim().to_string(),
    }
}

/// DOC-05: "25 November 2024".
pub fn date(day: Day) -> String {
    day.label()
}

/// "1 Februari 2025 sampai dengan 31 Juli 2025", or the single day when both are the same.
pub fn period(from: Day, until: Day) -> String {
    if from == until {
        date(from)
    } else {
        format!("{} sampai dengan {}", date(from), date(until))
    }
}

/// An office as written above a signature or in a heading: capitals ("BUPATI BANJAR").
pub fn office(position: &str) -> String {
    position.trim().to_uppercase()
}

/// "KABUPATEN BANJAR" → "Kabupaten Banjar": capitals of a letterhead line made readable in a
/// sentence. Short words that Indonesian keeps lower-case inside names stay lower-case.
pub fn title_case(s: &str) -> String {
    const LOWER: [&str; 6] = ["dan", "atau", "di", "ke", "dari", "serta"];
    s.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && LOWER.contains(&lower.as_str()) {
                return lower;
            }
            let mut chars = lower.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The number a letter shows: its register number, or a visible blank marked as a draft.
pub fn number(number: Option<&str>) -> String {
    match number.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => n.to_string(),
        None => DRAFT_NUMBER.to_string(),
    }
}

/// What stands in the number line of a letter not yet numbered (a preview): *konsep*, the
/// word of the Tata Naskah Dinas for a draft.
pub const DRAFT_NUMBER: &str = "………… (KONSEP)";

/// Collapses every run of whitespace to one space; the comparison form of a text.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_05_a_nip_is_spaced_and_a_spaced_or_foreign_one_is_kept() {
        assert_eq!(nip("198701112009041001"), "19870111 200904 1 001");
        assert_eq!(nip("19870111 200904 1 001"), "19870111 200904 1 001");
        assert_eq!(nip(" 12345 "), "12345");
    }

    #[test]
    fn doc_05_dates_and_periods_are_written_in_indonesian() {
        let d = |s: &str| Day::parse(s).expect("day");
        assert_eq!(date(d("2024-11-25")), "25 November 2024");
        assert_eq!(
            period(d("2025-02-01"), d("2025-07-31")),
            "1 Februari 2025 sampai dengan 31 Juli 2025"
        );
        assert_eq!(period(d("2025-02-01"), d("2025-02-01")), "1 Februari 2025");
    }

    #[test]
    fn letterhead_capitals_read_as_a_name() {
        assert_eq!(title_case("KABUPATEN BANJAR"), "Kabupaten Banjar");
        assert_eq!(
            title_case("DINAS KOMUNIKASI DAN INFORMATIKA"),
            "Dinas Komunikasi dan Informatika"
        );
        assert_eq!(number(None), DRAFT_NUMBER);
        assert_eq!(number(Some("  ")), DRAFT_NUMBER);
        assert_eq!(number(Some("800/17")), "800/17");
    }
}
