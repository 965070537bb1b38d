//! The e-Kinerja hand-off rows (issue 16 point 7).

use sikerja_domain::organisation::AgencyId;

use super::{ExportRow, PeriodRef, not_ready};
use crate::Store;
use crate::error::Result;

impl Store {
    /// One row per assessed employee, result plan and indicator of `period`.
    pub async fn ekinerja_export(
        &self,
        agency: AgencyId,
        period: PeriodRef,
    ) -> Result<Vec<ExportRow>> {
        let _ = (agency, period);
        Err(not_ready())
    }
}
