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

impl AssignmentStatus {
    /// Statuses that no longer count against the limits (PEN-05..07).
    pub const ENDED: [AssignmentStatus; 2] =
        [AssignmentStatus::Cancelled, AssignmentStatus::Refused];

    /// Whether it still counts against the limits (PEN-05..07).
    pub fn counts(self) -> bool {
        !AssignmentStatus::ENDED.contains(&self)
    }
}
