//! The agency's assessment periods (KIN-01) under its period policy in force.

use sikerja_domain::organisation::AgencyId;
use sikerja_domain::performance::AssessmentPeriod;

use super::not_ready;
use crate::Store;
use crate::error::Result;

impl Store {
    /// The periods of `year` under the agency's period policy in force today: the periodic
    /// evaluations in order, then the annual one.
    pub async fn assessment_periods(
        &self,
        agency: AgencyId,
        year: u16,
    ) -> Result<Vec<AssessmentPeriod>> {
        let _ = (agency, year);
        Err(not_ready())
    }

    /// The periodic period today falls in and the year's (`periods_on(today)`).
    pub async fn current_periods(&self, agency: AgencyId) -> Result<Vec<AssessmentPeriod>> {
        let _ = agency;
        Err(not_ready())
    }
}
