//! Where a recorded assignment stands (issue 14 point 7): one code for storage, one label for
//! pages.

use serde::{Deserialize, Serialize};

use super::day::Day;
use crate::org::vocabulary;
use crate::planning::target::Execution;

vocabulary! {
    /// The status of a recorded assignment (`assignment.status`): a checked draft, then what
    /// its approval workflow made of it.
    AssignmentStatus {
        Draft => "draft", "Konsep";
        Requested => "requested", "Dalam proses persetujuan";
        Active => "active", "Berjalan";
        Refused => "refused", "Ditolak";
        Cancelled => "cancelled", "Dibatalkan";
    }
}

vocabulary! {
    /// Why a person sees an assignment in their list.
    AssignmentRelation {
        Member => "member", "Anggota";
        OwnerHead => "owner_head", "Pimpinan pemilik kinerja";
        /// Issue 14 point 6: a draft a Kepala Bidang/Seksi prepared for the head to take up.
        PreparedForHead => "prepared_for_head", "Rancangan untuk Anda tetapkan";
        Preparer => "preparer", "Rancangan yang Anda siapkan";
        Step => "step", "Pemegang langkah atau tembusan";
    }
}

impl AssignmentRelation {
    /// The label for an assignment executed this way (issue 15 point 9): the one person of an
    /// individual assignment is its *pelaksana*, not a team's *anggota*.
    pub fn label_for(self, execution: Execution) -> &'static str {
        match (self, execution) {
            (AssignmentRelation::Member, Execution::Individual) => "Pelaksana tugas individu",
            _ => self.label(),
        }
    }
}

impl AssignmentStatus {
    /// What a page says of the status on `today`, given the assignment's period (first and
    /// last day over its members): an active assignment that has not begun is scheduled
    /// ("Terjadwal"), one whose period is over has ended ("Selesai"); otherwise the label
    /// (issue 15 point 9).
    pub fn label_on(self, period: Option<(Day, Day)>, today: Day) -> &'static str {
        match (self, period) {
            (AssignmentStatus::Active, Some((from, _))) if today < from => "Terjadwal",
            (AssignmentStatus::Active, Some((_, until))) if today > until => "Selesai",
            _ => self.label(),
        }
    }

    /// Statuses that no longer count against the limits (PEN-05..07).
    pub const ENDED: [AssignmentStatus; 2] =
        [AssignmentStatus::Cancelled, AssignmentStatus::Refused];

    /// Whether it still counts against the limits (PEN-05..07).
    pub fn counts(self) -> bool {
        !AssignmentStatus::ENDED.contains(&self)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn an_active_assignment_that_has_not_begun_is_scheduled_not_running() {
        let period = Some((day("2027-01-01"), day("2027-03-31")));
        let active = AssignmentStatus::Active;
        assert_eq!(active.label_on(period, day("2026-12-07")), "Terjadwal");
        assert_eq!(active.label_on(period, day("2027-01-01")), "Berjalan");
        assert_eq!(active.label_on(period, day("2027-03-31")), "Berjalan");
        assert_eq!(active.label_on(period, day("2027-04-01")), "Selesai");
        assert_eq!(active.label_on(None, day("2026-12-07")), "Berjalan");
        // Other statuses keep their label whatever the day.
        assert_eq!(
            AssignmentStatus::Requested.label_on(period, day("2026-12-07")),
            "Dalam proses persetujuan"
        );
    }

    #[test]
    fn the_one_person_of_an_individual_assignment_is_its_pelaksana_not_a_member() {
        assert_eq!(
            AssignmentRelation::Member.label_for(Execution::Individual),
            "Pelaksana tugas individu"
        );
        assert_eq!(
            AssignmentRelation::Member.label_for(Execution::Team),
            "Anggota"
        );
        assert_eq!(
            AssignmentRelation::OwnerHead.label_for(Execution::Individual),
            "Pimpinan pemilik kinerja"
        );
        use crate::assignment::MembershipKind;
        assert!(
            !MembershipKind::Seconded
                .label_for(Execution::Individual)
                .contains("tim kerja")
        );
        assert!(
            MembershipKind::Seconded
                .label_for(Execution::Team)
                .contains("tim kerja")
        );
    }
}
