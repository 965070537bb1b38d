//! An agency's reporting settings (LAP-01, LAP-02): the period of periodic reports, the days
//! allowed after a period ends, and whether head-level reports go to the head of the Unit
//! Organisasi, the PPK, or both. They are part of the agency's dated policies
//! (`crate::policies`, issue 14 point 5); an agency that never set them has the defaults
//! (monthly, five days, both).

use sea_orm::ConnectionTrait;
use sikerja_domain::audit::AuditAction;
use sikerja_domain::execution::report::{MAX_GRACE_DAYS, ReportPolicy};
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::policy::PolicyChange;

use crate::error::{Result, StorageError};
use crate::policies::{change_in, in_force, today};
use crate::{AuditActor, Store};

/// The legal basis recorded when only the reporting settings change from their page.
const REPORTING_BASIS: &str = "Pengaturan pelaporan diubah oleh Admin BKPSDM (LAP-01, LAP-02)";

/// The reporting settings of an agency in force today, read inside a transaction or not.
pub(crate) async fn report_policy<C: ConnectionTrait>(
    db: &C,
    agency: AgencyId,
) -> Result<ReportPolicy> {
    Ok(in_force(db, agency, today()).await?.report)
}

impl Store {
    /// The reporting settings of an agency in force today.
    pub async fn report_policy(&self, agency: AgencyId) -> Result<ReportPolicy> {
        report_policy(&self.db, agency).await
    }

    /// Sets an agency's reporting settings from today: a new version of its policies with
    /// the other readings unchanged, with its audit row.
    pub async fn set_report_policy(
        &self,
        agency: AgencyId,
        policy: &ReportPolicy,
        by: &AuditActor,
    ) -> Result<()> {
        by.checked_label()?;
        if policy.grace_days > MAX_GRACE_DAYS {
            return Err(StorageError::invalid(
                "grace_days_out_of_range",
                format!("Tenggat laporan setelah akhir periode paling lama {MAX_GRACE_DAYS} hari."),
            ));
        }
        let txn = self.begin_write().await?;
        let day = today();
        let mut policies = in_force(&*txn, agency, day).await?;
        policies.report = *policy;
        let change = PolicyChange {
            effective_from: day,
            policies,
            legal_basis: REPORTING_BASIS.to_string(),
        };
        change_in(
            &txn,
            agency,
            &change,
            by,
            AuditAction::AgencyReportPolicy,
            true,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
