//! The distribution curve (KIN-02), the distribution and the progress per Perangkat Daerah.

use sikerja_domain::organisation::AgencyId;

use super::{CurvePolicy, DepartmentProgress, DistributionView, PeriodRef, not_ready};
use crate::error::Result;
use crate::{AuditActor, Store};

impl Store {
    /// How far each Perangkat Daerah of the agency is with `period`'s assessments.
    pub async fn assessment_progress(
        &self,
        agency: AgencyId,
        period: PeriodRef,
    ) -> Result<Vec<DepartmentProgress>> {
        let _ = (agency, period);
        Err(not_ready())
    }

    /// The agency's annual ratings of `year` against its curve.
    pub async fn distribution(&self, agency: AgencyId, year: u16) -> Result<DistributionView> {
        let _ = (agency, year);
        Err(not_ready())
    }

    /// The curve in force for `year` (the newest recorded), if any.
    pub async fn curve_policy(&self, agency: AgencyId, year: u16) -> Result<Option<CurvePolicy>> {
        let _ = (agency, year);
        Err(not_ready())
    }

    /// Records the agency's curve for `policy.year` (a new row; the newest is in force).
    pub async fn set_curve_policy(
        &self,
        agency: AgencyId,
        policy: &CurvePolicy,
        legal_basis: &str,
        by: &AuditActor,
    ) -> Result<()> {
        let _ = (agency, policy, legal_basis, by);
        Err(not_ready())
    }
}
