//! Where an issued letter and the register number it took stand (DOC-05, issue 14 point 7):
//! one code for storage and the API, one label for pages.

use serde::{Deserialize, Serialize};

use crate::org::vocabulary;

vocabulary! {
    /// The status of an issued letter and of its number (`issued_letter.status`,
    /// `letter_numbers.status`). A cancelled letter and its number stay recorded; the number
    /// is never given again and the letter may be issued again under a new one (DOC-05).
    LetterStatus {
        Issued => "issued", "Diterbitkan";
        Cancelled => "cancelled", "Dibatalkan";
    }
}

impl LetterStatus {
    /// Whether it is the letter in force: issued and not cancelled.
    pub fn in_force(self) -> bool {
        self == LetterStatus::Issued
    }
}
