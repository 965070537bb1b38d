//! Assessment periods (issue 16 point 1, KIN-01): an agency evaluates its employees monthly or
//! quarterly (the periodic evaluations) and once for the year (the annual one). Each period
//! covers its calendar days and has a window in which the assessor rates: it opens a number of
//! days before the period's last day and closes a number of days after it. Both numbers and
//! the cadence are the agency's policy ([`PeriodPolicy`]); the defaults are documented in
//! `docs/performance.md`, not taken from the regulation.

use serde::{Deserialize, Serialize};

use super::refusal;
use crate::assignment::Day;
use crate::org::vocabulary;
use crate::refusals::{Refusal, RefusalKind};
use crate::rules::RuleId;

vocabulary! {
    /// How often an agency evaluates between the annual assessments (agency policy).
    PeriodCadence {
        Monthly => "monthly", "Bulanan";
        Quarterly => "quarterly", "Triwulanan";
    }
}

vocabulary! {
    /// The kind of an assessment period.
    PeriodKind {
        Month => "month", "Evaluasi bulanan";
        Quarter => "quarter", "Evaluasi triwulanan";
        Year => "year", "Evaluasi tahunan";
    }
}

vocabulary! {
    /// Where a day stands against a period's window.
    PeriodWindow {
        NotYetOpen => "not_yet_open", "Belum dibuka";
        Open => "open", "Dibuka";
        Closed => "closed", "Ditutup";
    }
}

impl PeriodCadence {
    /// The kind of the periodic evaluations of this cadence.
    pub fn kind(self) -> PeriodKind {
        match self {
            PeriodCadence::Monthly => PeriodKind::Month,
            PeriodCadence::Quarterly => PeriodKind::Quarter,
        }
    }

    /// Months each periodic evaluation covers.
    pub fn months(self) -> u8 {
        match self {
            PeriodCadence::Monthly => 1,
            PeriodCadence::Quarterly => 3,
        }
    }
}

/// An agency's period policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodPolicy {
    pub cadence: PeriodCadence,
    /// Days before a periodic evaluation's last day on which its window opens (0: on its last
    /// day).
    pub opens_days_before_end: u16,
    /// Days after a periodic evaluation's last day on which its window closes.
    pub closes_days_after_end: u16,
    /// Days after 31 December on which the annual evaluation closes (it opens on 31 December
    /// less `opens_days_before_end`).
    pub annual_closes_days_after_end: u16,
}

/// The longest a window may reach on either side of a period's end.
pub const MAX_WINDOW_DAYS: u16 = 366;

impl Default for PeriodPolicy {
    /// Quarterly evaluations, each open from its last day for 15 days; the annual evaluation
    /// open from 31 December to 31 January (docs/performance.md).
    fn default() -> Self {
        PeriodPolicy {
            cadence: PeriodCadence::Quarterly,
            opens_days_before_end: 0,
            closes_days_after_end: 15,
            annual_closes_days_after_end: 31,
        }
    }
}

impl PeriodPolicy {
    /// Refuses a window longer than [`MAX_WINDOW_DAYS`] on either side (`period_policy_invalid`).
    pub fn check(&self) -> Result<(), Refusal> {
        let days = [
            self.opens_days_before_end,
            self.closes_days_after_end,
            self.annual_closes_days_after_end,
        ];
        if days.iter().any(|d| *d > MAX_WINDOW_DAYS) {
            return Err(refusal(
                RefusalKind::Invalid,
                "period_policy_invalid",
                RuleId::KIN_01,
                "Pasal 18 ayat (1) huruf c",
                format!(
                    "Jendela periode penilaian paling banyak {MAX_WINDOW_DAYS} hari sebelum atau sesudah akhir periode."
                ),
            ));
        }
        Ok(())
    }
}

/// One assessment period of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AssessmentPeriod {
    pub year: u16,
    pub kind: PeriodKind,
    /// 1-based: the month (1..=12), the quarter (1..=4), or 1 for the year.
    pub number: u8,
    /// The first and last day the period covers.
    pub starts: Day,
    pub ends: Day,
    /// The assessor's window: rating is due between these days, both included.
    pub opens: Day,
    pub closes: Day,
}

impl AssessmentPeriod {
    /// Where `day` stands against the window.
    pub fn window_on(&self, day: Day) -> PeriodWindow {
        if day < self.opens {
            PeriodWindow::NotYetOpen
        } else if day <= self.closes {
            PeriodWindow::Open
        } else {
            PeriodWindow::Closed
        }
    }

    /// Whether the period covers `day`.
    pub fn covers(&self, day: Day) -> bool {
        self.starts <= day && day <= self.ends
    }

    /// Indonesian name: "Triwulan II 2025", "Maret 2025", "Tahun 2025".
    pub fn label(&self) -> String {
        match self.kind {
            PeriodKind::Month => {
                let name = self.starts.label();
                // "1 Maret 2025" → "Maret 2025".
                name.split_once(' ')
                    .map(|(_, rest)| rest.to_string())
                    .unwrap_or(name)
            }
            PeriodKind::Quarter => {
                let roman = ["I", "II", "III", "IV"];
                let q = roman
                    .get(usize::from(self.number.saturating_sub(1)))
                    .copied()
                    .unwrap_or("?");
                format!("Triwulan {q} {}", self.year)
            }
            PeriodKind::Year => format!("Tahun {}", self.year),
        }
    }
}

fn window(policy: &PeriodPolicy, ends: Day, closes_after: u16) -> Option<(Day, Day)> {
    let opens = ends.add_days(-i64::from(policy.opens_days_before_end))?;
    let closes = ends.add_days(i64::from(closes_after))?;
    Some((opens, closes))
}

fn out_of_range(year: u16) -> Refusal {
    refusal(
        RefusalKind::Invalid,
        "period_year_invalid",
        RuleId::KIN_01,
        "Pasal 18 ayat (1) huruf c",
        format!("Tahun {year} di luar rentang periode penilaian."),
    )
}

/// The periodic evaluations of `year` under `policy`, in order, then the annual one.
pub fn periods_of_year(year: u16, policy: &PeriodPolicy) -> Result<Vec<AssessmentPeriod>, Refusal> {
    policy.check()?;
    let first = Day::new(year, 1, 1).map_err(|_| out_of_range(year))?;
    let step = policy.cadence.months();
    let mut out = Vec::new();
    for number in 1..=(12 / step) {
        let starts = first
            .add_months(u32::from((number - 1) * step))
            .ok_or_else(|| out_of_range(year))?;
        let ends = starts
            .add_months(u32::from(step - 1))
            .ok_or_else(|| out_of_range(year))?
            .end_of_month();
        let (opens, closes) =
            window(policy, ends, policy.closes_days_after_end).ok_or_else(|| out_of_range(year))?;
        out.push(AssessmentPeriod {
            year,
            kind: policy.cadence.kind(),
            number,
            starts,
            ends,
            opens,
            closes,
        });
    }
    let ends = Day::new(year, 12, 31).map_err(|_| out_of_range(year))?;
    let (opens, closes) = window(policy, ends, policy.annual_closes_days_after_end)
        .ok_or_else(|| out_of_range(year))?;
    out.push(AssessmentPeriod {
        year,
        kind: PeriodKind::Year,
        number: 1,
        starts: first,
        ends,
        opens,
        closes,
    });
    Ok(out)
}

/// The periodic evaluation `day` falls in under `policy`, and the annual one of its year.
pub fn periods_on(
    day: Day,
    policy: &PeriodPolicy,
) -> Result<(AssessmentPeriod, AssessmentPeriod), Refusal> {
    let all = periods_of_year(day.year(), policy)?;
    let periodic = all
        .iter()
        .find(|p| p.kind != PeriodKind::Year && p.covers(day))
        .copied();
    let annual = all.iter().find(|p| p.kind == PeriodKind::Year).copied();
    match (periodic, annual) {
        (Some(p), Some(a)) => Ok((p, a)),
        _ => Err(out_of_range(day.year())),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn kin_01_a_quarterly_year_has_four_quarters_and_the_annual_period() {
        let ps = periods_of_year(2025, &PeriodPolicy::default()).unwrap();
        assert_eq!(ps.len(), 5);
        let q1 = ps[0];
        assert_eq!((q1.kind, q1.number), (PeriodKind::Quarter, 1));
        assert_eq!((q1.starts, q1.ends), (d("2025-01-01"), d("2025-03-31")));
        // Opens on its last day, closes 15 days after.
        assert_eq!((q1.opens, q1.closes), (d("2025-03-31"), d("2025-04-15")));
        assert_eq!(q1.label(), "Triwulan I 2025");
        let q4 = ps[3];
        assert_eq!((q4.starts, q4.ends), (d("2025-10-01"), d("2025-12-31")));
        assert_eq!(q4.closes, d("2026-01-15"));
        let year = ps[4];
        assert_eq!(year.kind, PeriodKind::Year);
        assert_eq!((year.starts, year.ends), (d("2025-01-01"), d("2025-12-31")));
        assert_eq!(
            (year.opens, year.closes),
            (d("2025-12-31"), d("2026-01-31"))
        );
        assert_eq!(year.label(), "Tahun 2025");
    }

    #[test]
    fn kin_01_a_monthly_year_has_twelve_months_with_the_policy_window() {
        let policy = PeriodPolicy {
            cadence: PeriodCadence::Monthly,
            opens_days_before_end: 5,
            closes_days_after_end: 10,
            annual_closes_days_after_end: 20,
        };
        let ps = periods_of_year(2024, &policy).unwrap();
        assert_eq!(ps.len(), 13);
        let feb = ps[1];
        assert_eq!((feb.starts, feb.ends), (d("2024-02-01"), d("2024-02-29")));
        assert_eq!((feb.opens, feb.closes), (d("2024-02-24"), d("2024-03-10")));
        assert_eq!(feb.label(), "Februari 2024");
        assert_eq!(ps[12].closes, d("2025-01-20"));
        // Consecutive months leave no gap.
        for w in ps[..12].windows(2) {
            assert_eq!(w[0].ends.add_days(1), Some(w[1].starts));
        }
    }

    #[test]
    fn kin_01_a_day_falls_in_one_periodic_evaluation_and_its_year() {
        let (p, a) = periods_on(d("2025-05-20"), &PeriodPolicy::default()).unwrap();
        assert_eq!((p.kind, p.number), (PeriodKind::Quarter, 2));
        assert_eq!((a.kind, a.year), (PeriodKind::Year, 2025));
        assert_eq!(p.window_on(d("2025-06-29")), PeriodWindow::NotYetOpen);
        assert_eq!(p.window_on(d("2025-06-30")), PeriodWindow::Open);
        assert_eq!(p.window_on(d("2025-07-15")), PeriodWindow::Open);
        assert_eq!(p.window_on(d("2025-07-16")), PeriodWindow::Closed);
        let (p, _) = periods_on(d("2025-12-31"), &PeriodPolicy::default()).unwrap();
        assert_eq!(p.number, 4);
    }

    #[test]
    fn kin_01_a_window_beyond_a_year_is_refused() {
        let policy = PeriodPolicy {
            closes_days_after_end: 400,
            ..PeriodPolicy::default()
        };
        assert_eq!(
            periods_of_year(2025, &policy).unwrap_err().code,
            "period_policy_invalid"
        );
        assert_eq!(
            periods_of_year(9999, &PeriodPolicy::default())
                .unwrap_err()
                .code,
            "period_year_invalid"
        );
    }
}
