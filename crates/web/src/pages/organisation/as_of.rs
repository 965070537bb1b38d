//! `?per=YYYY-MM-DD`: a page as of a day (issue 14 point 1, KED-11: "who assessed whom on
//! 1 March"; a future day shows the pending changes as they will be).

use sikerja_domain::assignment::Day;

use crate::error::WebError;

/// The day a page shows when it is not today, with the banner that says so.
pub struct AsOf {
    pub day: Day,
    /// `YYYY-MM-DD`, for forms and links.
    pub iso: String,
    /// "Susunan per 1 Maret 2026 …" in Indonesian.
    pub banner: String,
    pub future: bool,
}

/// Reads `?per=`: absent or blank is today (`None`), as is today itself; anything else must
/// be a calendar day (`day_invalid`, nothing shown otherwise).
pub fn parse(per: Option<&str>, today: Day) -> Result<Option<AsOf>, WebError> {
    let Some(text) = per.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let day = Day::parse(text).map_err(|_| {
        WebError::invalid(
            "day_invalid",
            "Tanggal \"per\" tidak dikenali: tulis dalam bentuk TTTT-BB-HH, misalnya 2026-03-01.",
        )
    })?;
    if day == today {
        return Ok(None);
    }
    let future = day > today;
    let banner = if future {
        format!(
            "Ditampilkan keadaan per {} (yang akan datang): perubahan yang menunggu tanggal \
             berlaku sampai hari itu sudah diterapkan. Hari ini {}.",
            day.label(),
            today.label()
        )
    } else {
        format!(
            "Ditampilkan keadaan per {}, bukan hari ini ({}): susunan organisasi dan kedudukan \
             sebagaimana berlaku pada hari itu.",
            day.label(),
            today.label()
        )
    };
    Ok(Some(AsOf {
        day,
        iso: day.to_string(),
        banner,
        future,
    }))
}

/// Today in WITA, the day today's tables hold.
pub fn today() -> Day {
    sikerja_storage::policies::today()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn per_reads_a_day_and_refuses_anything_else() {
        let today = Day::parse("2026-03-05").unwrap();
        assert!(parse(None, today).unwrap().is_none());
        assert!(parse(Some("  "), today).unwrap().is_none());
        assert!(parse(Some("2026-03-05"), today).unwrap().is_none());
        let past = parse(Some("2026-03-01"), today).unwrap().unwrap();
        assert!(!past.future);
        assert!(past.banner.contains("1 Maret 2026"));
        assert!(parse(Some("2026-04-01"), today).unwrap().unwrap().future);
        assert!(parse(Some("1 Maret"), today).is_err());
        assert!(parse(Some("2026-02-30"), today).is_err());
    }
}
