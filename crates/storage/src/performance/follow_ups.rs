//! KIN-01: the follow-ups decided in a period, as BKPSDM reads them: one line per assessment
//! and follow-up kind (an assessment whose follow-up names no kind, only development needs,
//! has one line without a kind).

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sikerja_domain::organisation::AgencyId;

use super::{FollowUpLine, PeriodRef, stored};
use crate::Store;
use crate::entities::assessment;
use crate::error::Result;

impl Store {
    /// The follow-ups recorded on the assessments of `period` in `agency`, optionally of one
    /// Perangkat Daerah (`department`), ordered by Perangkat Daerah and name.
    pub async fn follow_ups(
        &self,
        agency: AgencyId,
        period: PeriodRef,
        department: Option<i64>,
    ) -> Result<Vec<FollowUpLine>> {
        let mut q = assessment::Entity::find()
            .filter(assessment::Column::AgencyId.eq(agency.0))
            .filter(assessment::Column::PeriodYear.eq(i32::from(period.year)))
            .filter(assessment::Column::PeriodKind.eq(period.kind.code()))
            .filter(assessment::Column::PeriodNumber.eq(i32::from(period.number)))
            .filter(assessment::Column::FollowUpKinds.is_not_null());
        if let Some(d) = department {
            q = q.filter(assessment::Column::DepartmentId.eq(d));
        }
        let rows = q
            .order_by_asc(assessment::Column::DepartmentName)
            .order_by_asc(assessment::Column::EmployeeName)
            .order_by_asc(assessment::Column::Id)
            .all(&self.db)
            .await?;
        let mut out = Vec::new();
        for m in &rows {
            let Some(f) = stored::follow_up(m)? else {
                continue;
            };
            let base = FollowUpLine {
                assessment: m.id,
                nip: m.employee_nip.clone(),
                name: m.employee_name.clone(),
                department_id: m.department_id,
                department_name: m.department_name.clone(),
                period,
                performance_rating: stored::performance_rating(m)?,
                kind: None,
                development_needs: f.development_needs.clone(),
                recorded_at: m.follow_up_at,
                recorded_by: m.follow_up_by.clone().unwrap_or_default(),
            };
            if f.kinds.is_empty() {
                out.push(base);
                continue;
            }
            for k in &f.kinds {
                out.push(FollowUpLine {
                    kind: Some(*k),
                    ..base.clone()
                });
            }
        }
        Ok(out)
    }
}
