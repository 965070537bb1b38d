//! Where a recorded assignment stands (issue 14 point 7): one code for storage, one label for
//! pages.

use serde::{Deserialize, Serialize};

use crate::org::vocabulary;

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

impl AssignmentStatus {
    /// Statuses that no longer count against the limits (PEN-05..07).
    pub const ENDED: [AssignmentStatus; 2] =
        [AssignmentStatus::Cancelled, AssignmentStatus::Refused];

    /// Whether it still counts against the limits (PEN-05..07).
    pub fn counts(self) -> bool {
        !AssignmentStatus::ENDED.contains(&self)
    }
}
