//! The employee page's work sections (issue 15 point 8): the assignments the employee is a
//! member of — current, future and past, each linked for whoever may open it — and their
//! performance agreements, linked. The placement history is the page's own section.

use std::collections::HashSet;

use sikerja_domain::assignment::{AssignmentStatus, Day};
use sikerja_domain::organisation::{AgencyId, EmployeeId};
use sikerja_storage::planning::AgreementFilter;
use sikerja_storage::{MembershipLine, Store};

use crate::authz::Principal;
use crate::error::WebError;

/// When an assignment's period lies, seen from today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Current,
    Future,
    Past,
}

/// Where the period `from..=until` lies relative to `today`.
pub fn period_of(from: Day, until: Day, today: Day) -> Period {
    if today < from {
        Period::Future
    } else if today > until {
        Period::Past
    } else {
        Period::Current
    }
}

/// One assignment as listed on the employee page.
pub struct AssignmentItem {
    pub title: String,
    /// `/penugasan/{id}`, when the reader may open it.
    pub href: Option<String>,
    pub owner_unit_name: String,
    pub role: &'static str,
    pub method: &'static str,
    pub status: &'static str,
    /// Not yet (or no longer) carried out: a draft, in approval, refused or cancelled.
    pub inactive: bool,
    pub period: String,
}

/// One performance agreement as listed.
pub struct AgreementItem {
    pub href: String,
    pub year: i32,
    pub position_name: String,
    pub status: &'static str,
    pub signed: bool,
    pub targets: u32,
}

/// The assignments of one period.
pub struct AssignmentGroup {
    pub heading: &'static str,
    pub anchor: &'static str,
    pub items: Vec<AssignmentItem>,
}

/// The employee's work, as the reader may see it.
#[derive(Default)]
pub struct EmployeeWork {
    /// Current, future, past — only those with assignments.
    pub assignments: Vec<AssignmentGroup>,
    pub agreements: Vec<AgreementItem>,
}

fn item(line: &MembershipLine, href: Option<String>) -> AssignmentItem {
    AssignmentItem {
        title: line.title.clone(),
        href,
        owner_unit_name: line.owner_unit_name.clone(),
        role: line.role.label(),
        method: line.method.label(),
        status: line.status.label(),
        inactive: line.status != AssignmentStatus::Active,
        period: if line.from == line.until {
            line.from.label()
        } else {
            format!("{} – {}", line.from.label(), line.until.label())
        },
    }
}

/// Loads the work of `employee` of `agency` for `principal`: assignments linked only for
/// those who may open them (the employee, the people involved, those who see the agency —
/// the rule of `/penugasan/{id}`); agreements for everyone who may read the page (an
/// agreement is read by whoever sees its department, as the page's reader does).
pub async fn load(
    store: &Store,
    principal: &Principal,
    employee: EmployeeId,
    agency: AgencyId,
    today: Day,
) -> Result<EmployeeWork, WebError> {
    let lines = store.memberships_of_employee(employee).await?;
    let own = principal
        .actor()
        .is_some_and(|a| a.facts().employee == Some(employee));
    let whole_agency = principal.actor().is_some_and(|a| a.sees_agency(agency));
    let involved: HashSet<i64> = if own || whole_agency || lines.is_empty() {
        HashSet::new()
    } else {
        let by = principal.planning_actor(None)?;
        store
            .assignments_involving(&by, usize::MAX)
            .await?
            .into_iter()
            .map(|l| l.id.0)
            .collect()
    };
    let (mut current, mut future, mut past) = (Vec::new(), Vec::new(), Vec::new());
    for line in &lines {
        let id = line.assignment.0;
        let href =
            (own || whole_agency || involved.contains(&id)).then(|| format!("/penugasan/{id}"));
        let entry = item(line, href);
        match period_of(line.from, line.until, today) {
            Period::Current => current.push(entry),
            Period::Future => future.push(entry),
            Period::Past => past.push(entry),
        }
    }
    // Upcoming ones soonest first.
    future.reverse();
    let assignments = [
        ("Sedang berjalan", "penugasan-kini", current),
        ("Akan datang", "penugasan-datang", future),
        ("Selesai", "penugasan-lalu", past),
    ]
    .into_iter()
    .filter(|(_, _, items)| !items.is_empty())
    .map(|(heading, anchor, items)| AssignmentGroup {
        heading,
        anchor,
        items,
    })
    .collect();
    let agreements = store
        .agreements(&AgreementFilter {
            employee: Some(employee),
            ..AgreementFilter::default()
        })
        .await?
        .into_iter()
        .map(|a| AgreementItem {
            href: format!("/kinerja/perjanjian/{}", a.id),
            year: a.year,
            position_name: a.position_name,
            status: a.status.label(),
            signed: a.status == sikerja_domain::planning::target::AgreementStatus::Signed,
            targets: a.targets,
        })
        .collect();
    Ok(EmployeeWork {
        assignments,
        agreements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap_or_else(|_| panic!("{s}"))
    }

    #[test]
    fn a_period_is_current_on_its_first_and_last_day_and_future_or_past_outside() {
        let (from, until) = (day("2026-03-01"), day("2026-05-31"));
        assert_eq!(period_of(from, until, day("2026-02-28")), Period::Future);
        assert_eq!(period_of(from, until, day("2026-03-01")), Period::Current);
        assert_eq!(period_of(from, until, day("2026-05-31")), Period::Current);
        assert_eq!(period_of(from, until, day("2026-06-01")), Period::Past);
    }
}
