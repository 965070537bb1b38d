//! PEN-07: which past team assignments "at most 3 times" counts, under either reading.

use super::day::Day;
use super::model::{AssignmentId, CountWindow, MembershipKind, PastAssignment};
use crate::organisation::EmployeeId;

/// The past assignments counted against a new period, and where they were counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Counted {
    /// Sorted by id.
    pub ids: Vec<AssignmentId>,
    /// Calendar year (`CalendarYear`) or the day of the peak (`Concurrent`), for people.
    pub at: String,
}

/// The largest set of the person's past assignments of `kind` that the window puts together
/// with the new period `from..=until`; `exclude` (the assignment being changed) never counts.
///
/// - `CalendarYear`: for each calendar year the new period touches, those whose period
///   overlaps that year; the year with most wins (the earlier on a tie).
/// - `Concurrent`: those active on one same day within the new period; the day with most wins
///   (the earlier on a tie). The peak is always on the new period's first day or on a day
///   a past assignment starts, so only those days are tried.
pub(super) fn counted(
    history: &[PastAssignment],
    employee: EmployeeId,
    kind: MembershipKind,
    exclude: Option<AssignmentId>,
    from: Day,
    until: Day,
    window: CountWindow,
) -> Counted {
    let mine: Vec<&PastAssignment> = history
        .iter()
        .filter(|p| p.employee == employee && p.kind == kind && Some(p.id) != exclude)
        .filter(|p| p.from <= p.until)
        .collect();
    let mut best: Option<(Vec<AssignmentId>, String)> = None;
    let mut consider = |ids: Vec<AssignmentId>, at: String| {
        if best.as_ref().is_none_or(|(b, _)| ids.len() > b.len()) {
            best = Some((ids, at));
        }
    };
    match window {
        CountWindow::CalendarYear => {
            for year in from.year()..=until.year() {
                let ids = mine
                    .iter()
                    .filter(|p| p.from.year() <= year && year <= p.until.year())
                    .map(|p| p.id)
                    .collect();
                consider(ids, format!("tahun {year}"));
            }
        }
        CountWindow::Concurrent => {
            let mut days: Vec<Day> = std::iter::once(from)
                .chain(
                    mine.iter()
                        .map(|p| p.from)
                        .filter(|d| from < *d && *d <= until),
                )
                .collect();
            days.sort_unstable();
            days.dedup();
            for day in days {
                let ids = mine
                    .iter()
                    .filter(|p| p.from <= day && day <= p.until)
                    .map(|p| p.id)
                    .collect();
                consider(ids, format!("tanggal {}", day.label()));
            }
        }
    }
    let (mut ids, at) = best.unwrap_or_default();
    ids.sort_unstable();
    ids.dedup();
    Counted { ids, at }
}
