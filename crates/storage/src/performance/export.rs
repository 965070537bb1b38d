//! The e-Kinerja hand-off rows (issue 16 point 7): one per assessed employee, result plan and
//! indicator of the period (one row without a plan when the employee has no targets). The
//! levels and the predikat are given once the assessment holds a predikat (final or
//! decided); a draft's work in progress is not handed over.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sikerja_domain::organisation::AgencyId;

use super::{ExportRow, PeriodRef, gather, stored, view::period_days};
use crate::Store;
use crate::entities::assessment;
use crate::error::Result;

impl Store {
    /// One row per assessed employee, result plan and indicator of `period`, ordered by
    /// Perangkat Daerah and name. A fixed number of queries whatever the number of
    /// assessments: the assessments, the period policy, and the targets with their
    /// realisation for all the employees at once (`gather::targets_of`).
    pub async fn ekinerja_export(
        &self,
        agency: AgencyId,
        period: PeriodRef,
    ) -> Result<Vec<ExportRow>> {
        let rows = assessment::Entity::find()
            .filter(assessment::Column::AgencyId.eq(agency.0))
            .filter(assessment::Column::PeriodYear.eq(i32::from(period.year)))
            .filter(assessment::Column::PeriodKind.eq(period.kind.code()))
            .filter(assessment::Column::PeriodNumber.eq(i32::from(period.number)))
            .order_by_asc(assessment::Column::DepartmentName)
            .order_by_asc(assessment::Column::EmployeeName)
            .order_by_asc(assessment::Column::Id)
            .all(&self.db)
            .await?;
        // One period for all the rows (same agency and period): its days read once, and the
        // targets of all the employees gathered in one pass, not per assessment.
        let Some(first) = rows.first() else {
            return Ok(Vec::new());
        };
        let days = period_days(&self.db, first).await?;
        let targets = gather::targets_of(
            &self.db,
            &rows.iter().map(|m| m.employee_id).collect::<Vec<_>>(),
            &days,
        )
        .await?;
        let mut out = Vec::new();
        for m in &rows {
            let rating = stored::performance_rating(m)?;
            let locked = rating.is_some();
            let base = ExportRow {
                nip: m.employee_nip.clone(),
                name: m.employee_name.clone(),
                period,
                result_plan: String::new(),
                indicator: String::new(),
                target: String::new(),
                realisation: String::new(),
                results_level: if locked {
                    stored::results_level(m)?
                } else {
                    None
                },
                behaviour_level: if locked {
                    stored::behaviour_level(m)?
                } else {
                    None
                },
                performance_rating: rating,
                state: stored::state(m)?,
                assessor_nip: m.finalised_by_nip.clone(),
            };
            let Some(mine) = targets.get(&m.employee_id) else {
                out.push(base);
                continue;
            };
            for t in mine {
                out.push(ExportRow {
                    result_plan: t.result_plan.clone(),
                    indicator: t.indicator.clone(),
                    target: t.target.clone(),
                    realisation: t.realisation.clone(),
                    ..base.clone()
                });
            }
        }
        Ok(out)
    }
}
