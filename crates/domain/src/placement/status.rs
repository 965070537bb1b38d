//! Whether a rule placed an employee (KED-09, issue 14 point 7): one code for storage and the
//! API, one label for pages and exports.

use serde::{Deserialize, Serialize};

use crate::org::vocabulary;

vocabulary! {
    /// The status of a stored placement (`placements.status`).
    PlacementStatus {
        Placed => "placed", "Ditetapkan";
        /// No rule covers the case (KED-09).
        Unresolved => "unresolved", "Belum terselesaikan";
    }
}
