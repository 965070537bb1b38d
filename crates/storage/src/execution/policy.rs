//! An agency's reporting settings (LAP-01, LAP-02): the period of periodic reports, the days
//! allowed after a period ends, and whether head-level reports go to the head of the Unit
//! Organisasi, the PPK, or both. An agency that never set them has the defaults (monthly,
//! five days, both).

use chrono::{SubsecRound, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, sea_query::OnConflict};
use serde_json::json;
use sikerja_domain::execution::report::{
    MAX_GRACE_DAYS, ReportAddressees, ReportPeriod, ReportPolicy,
};
use sikerja_domain::organisation::AgencyId;

use crate::entities::{agency, execution_policy};
use crate::error::{Result, StorageError, corrupt};
use crate::{AuditActor, Store, audit};

/// The reporting settings of an agency, read inside a transaction or not.
pub(crate) async fn report_policy<C: ConnectionTrait>(
    db: &C,
    agency: AgencyId,
) -> Result<ReportPolicy> {
    let Some(row) = execution_policy::Entity::find_by_id(agency.0)
        .one(db)
        .await?
    else {
        return Ok(ReportPolicy::default());
    };
    Ok(ReportPolicy {
        period: ReportPeriod::from_code(&row.report_period)
            .ok_or_else(|| corrupt("report period", &row.report_period))?,
        grace_days: u8::try_from(row.grace_days)
            .map_err(|_| corrupt("grace days", &row.grace_days.to_string()))?,
        addressees: ReportAddressees::from_code(&row.addressees)
            .ok_or_else(|| corrupt("report addressees", &row.addressees))?,
    })
}

impl Store {
    /// The reporting settings of an agency.
    pub async fn report_policy(&self, agency: AgencyId) -> Result<ReportPolicy> {
        report_policy(&self.db, agency).await
    }

    /// Sets an agency's reporting settings, with its audit row.
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
        agency::Entity::find_by_id(agency.0)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("agency", agency))?;
        let before = report_policy(&*txn, agency).await?;
        let row = execution_policy::ActiveModel {
            agency_id: Set(agency.0),
            report_period: Set(policy.period.code().to_string()),
            grace_days: Set(i32::from(policy.grace_days)),
            addressees: Set(policy.addressees.code().to_string()),
            updated_at: Set(Utc::now().trunc_subsecs(6)),
            updated_by: Set(by.label.clone()),
        };
        execution_policy::Entity::insert(row)
            .on_conflict(
                OnConflict::column(execution_policy::Column::AgencyId)
                    .update_columns([
                        execution_policy::Column::ReportPeriod,
                        execution_policy::Column::GraceDays,
                        execution_policy::Column::Addressees,
                        execution_policy::Column::UpdatedAt,
                        execution_policy::Column::UpdatedBy,
                    ])
                    .to_owned(),
            )
            .exec(&*txn)
            .await?;
        audit::append_by(
            &txn,
            by,
            "agency.report_policy",
            audit::Subject::new("agency", agency, agency.0),
            json!({
                "before": before,
                "after": policy,
                "rule_id": "LAP-02",
                "article": "Pasal 17 ayat 1",
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
