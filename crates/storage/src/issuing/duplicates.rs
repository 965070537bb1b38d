//! Letter numbers given more than once before issue 12 made a number unique per agency: the
//! migration `m20261211_000013` kept them as issued (never renumbered) and reported them; this
//! lists them for the archive officer (`sikerja letters duplicates`, `docs/operations.md`).

use serde::Serialize;
use sikerja_domain::organisation::AgencyId;

use crate::Store;
use crate::error::Result;
use crate::migration::m20261211_000013_letter_number_unique::find_duplicates;

/// One copy of a number given more than once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateCopy {
    /// Row of `letter_numbers`.
    pub number_id: i64,
    pub register: i64,
    /// The letter issued with this copy, if any.
    pub issued_letter: Option<i64>,
}

/// A number text an agency gave more than once, oldest copy first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateNumber {
    pub agency: AgencyId,
    pub number: String,
    pub copies: Vec<DuplicateCopy>,
}

impl Store {
    /// Every number text given more than once in an agency (all agencies: `None`). Only
    /// numbers given before issue 12 can appear: the unique index refuses new ones.
    pub async fn letter_number_duplicates(
        &self,
        agency: Option<AgencyId>,
    ) -> Result<Vec<DuplicateNumber>> {
        Ok(find_duplicates(&self.db)
            .await?
            .into_iter()
            .filter(|d| agency.is_none_or(|a| a.0 == d.agency))
            .map(|d| DuplicateNumber {
                agency: AgencyId(d.agency),
                number: d.number,
                copies: d
                    .copies
                    .into_iter()
                    .map(|(number_id, register, issued_letter)| DuplicateCopy {
                        number_id,
                        register,
                        issued_letter,
                    })
                    .collect(),
            })
            .collect())
    }
}
