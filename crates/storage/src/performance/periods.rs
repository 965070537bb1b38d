//! The agency's assessment periods (KIN-01) under its period policy in force today.

use sikerja_domain::organisation::AgencyId;
use sikerja_domain::performance::{AssessmentPeriod, PeriodPolicy, periods_of_year, periods_on};

use super::PeriodRef;
use crate::error::Result;
use crate::execution::refused;
use crate::{Store, policies};

/// The close of `period`'s window under `policy`, if the policy has the period.
pub(super) fn due(
    period: PeriodRef,
    policy: &PeriodPolicy,
) -> Option<sikerja_domain::assignment::Day> {
    period.period(policy).map(|p| p.closes)
}

impl Store {
    /// The periods of `year` under the agency's period policy in force today: the periodic
    /// evaluations in order, then the annual one.
    pub async fn assessment_periods(
        &self,
        agency: AgencyId,
        year: u16,
    ) -> Result<Vec<AssessmentPeriod>> {
        let policy = policies::in_force(&self.db, agency, policies::today()).await?;
        periods_of_year(year, &policy.assessment).map_err(refused)
    }

    /// The periodic period today falls in and the year's (`periods_on(today)`).
    pub async fn current_periods(&self, agency: AgencyId) -> Result<Vec<AssessmentPeriod>> {
        let today = policies::today();
        let policy = policies::in_force(&self.db, agency, today).await?;
        let (periodic, annual) = periods_on(today, &policy.assessment).map_err(refused)?;
        Ok(vec![periodic, annual])
    }
}
