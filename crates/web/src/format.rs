//! Indonesian presentation of values (DOC-05): dates written "25 November 2024", times in
//! WITA (the zone of Kabupaten Banjar), grade with rank "Penata Muda, III/a".

use chrono::{DateTime, Datelike, FixedOffset, Offset, Timelike, Utc};
use sikerja_domain::Grade;

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// Waktu Indonesia Tengah, UTC+8.
fn wita() -> FixedOffset {
    // 8 hours is within ±24 h, so `east_opt` always succeeds; UTC is only a formal fallback.
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix())
}

/// "25 November 2024" (in WITA).
pub fn date(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&wita());
    let month = MONTHS
        .get(local.month0() as usize)
        .copied()
        .unwrap_or_default();
    format!("{} {} {}", local.day(), month, local.year())
}

/// "10 Desember 2026" for a calendar day.
pub fn day(d: chrono::NaiveDate) -> String {
    let month = MONTHS.get(d.month0() as usize).copied().unwrap_or_default();
    format!("{} {} {}", d.day(), month, d.year())
}

/// Today in WITA as `YYYY-MM-DD` (the value of a date field).
pub fn today_iso() -> String {
    Utc::now()
        .with_timezone(&wita())
        .format("%Y-%m-%d")
        .to_string()
}

/// The current year in WITA.
pub fn this_year() -> i32 {
    Utc::now().with_timezone(&wita()).year()
}

/// "Rp1.250.000".
pub fn rupiah(amount: i64) -> String {
    sikerja_domain::planning::target::format_rupiah(amount)
}

/// A count with Indonesian thousands separators: "1.680".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A percentage with at most one decimal, Indonesian style: "75", "62,5".
pub fn percent(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}").replace('.', ",")
    }
}

/// "25 November 2024 pukul 14.05 WITA".
pub fn date_time(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&wita());
    format!(
        "{} pukul {:02}.{:02} WITA",
        date(at),
        local.hour(),
        local.minute()
    )
}

/// How long something has waited, as the inbox says it: "menunggu 3 hari", "menunggu 5 jam",
/// "menunggu kurang dari 1 jam".
pub fn waited(since: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let d = now.signed_duration_since(since);
    if d.num_days() >= 1 {
        format!("menunggu {} hari", d.num_days())
    } else if d.num_hours() >= 1 {
        format!("menunggu {} jam", d.num_hours())
    } else {
        "menunggu kurang dari 1 jam".to_string()
    }
}

/// "Penata Muda, III/a" for PNS, "golongan IX" for PPPK.
pub fn grade(grade: Grade, rank: Option<&str>) -> String {
    match rank.filter(|r| !r.is_empty()) {
        Some(r) => format!("{r}, {grade}"),
        None => match grade.rank() {
            Some(r) => format!("{r}, {grade}"),
            None => format!("golongan {grade}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn dates_are_written_the_indonesian_way_in_wita() {
        let at = Utc
            .with_ymd_and_hms(2024, 11, 25, 6, 5, 0)
            .single()
            .expect("valid date");
        assert_eq!(date(at), "25 November 2024");
        assert_eq!(date_time(at), "25 November 2024 pukul 14.05 WITA");
        let late = Utc
            .with_ymd_and_hms(2024, 12, 31, 20, 0, 0)
            .single()
            .expect("valid date");
        assert_eq!(date(late), "1 Januari 2025");
    }

    #[test]
    fn counts_have_indonesian_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_680), "1.680");
        assert_eq!(thousands(1_234_567), "1.234.567");
    }

    #[test]
    fn waiting_is_told_in_days_then_hours() {
        let since = Utc
            .with_ymd_and_hms(2026, 11, 22, 8, 0, 0)
            .single()
            .expect("valid date");
        let later = |h: i64| since + chrono::Duration::hours(h);
        assert_eq!(waited(since, later(75)), "menunggu 3 hari");
        assert_eq!(waited(since, later(5)), "menunggu 5 jam");
        assert_eq!(waited(since, since), "menunggu kurang dari 1 jam");
    }

    #[test]
    fn grades_show_their_rank() {
        let g = Grade::parse("III/a", false).expect("grade");
        assert_eq!(grade(g, None), "Penata Muda, III/a");
        assert_eq!(grade(Grade::Pppk(9), None), "golongan IX");
    }
}
