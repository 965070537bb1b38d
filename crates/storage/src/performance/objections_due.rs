//! KIN-02, KIN-04: the objections waiting for the reader's decision as the assessor's
//! superior. Storage loads the candidates (the pending objections of the reader's agency) and
//! one organisation snapshot; the domain's `check_assessor_superior` decides each.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sikerja_domain::performance::{AssessmentState, check_assessor_superior};

use super::access::{decider, snapshot};
use super::{ObjectionDue, PlanningActor, stored};
use crate::Store;
use crate::batch::unique_ids;
use crate::entities::{assessment, employee};
use crate::error::Result;

impl Store {
    /// The pending objections (state `objected`) that `by` decides as the superior of the
    /// fixed assessor post — an employee exercising a head post above it, or the regional
    /// head for the head of a Perangkat Daerah's post. Oldest objection first.
    pub async fn objections_to_decide(&self, by: &PlanningActor) -> Result<Vec<ObjectionDue>> {
        let agency = match (by.employee, by.regional_head_of) {
            (Some(me), _) => match employee::Entity::find_by_id(me.0).one(&self.db).await? {
                Some(e) => e.agency_id,
                None => return Ok(Vec::new()),
            },
            (None, Some(a)) => a.0,
            (None, None) => return Ok(Vec::new()),
        };
        let pending = assessment::Entity::find()
            .filter(assessment::Column::AgencyId.eq(agency))
            .filter(assessment::Column::State.eq(AssessmentState::Objected.code()))
            .order_by_asc(assessment::Column::ObjectedAt)
            .order_by_asc(assessment::Column::Id)
            .all(&self.db)
            .await?;
        if pending.is_empty() {
            return Ok(Vec::new());
        }
        let people: Vec<i64> = by.employee.map(|e| e.0).into_iter().collect();
        let posts = unique_ids(pending.iter().map(|m| m.assessor_position_id));
        let snap = snapshot(&self.db, agency, &people, &posts).await?;
        let mut out = Vec::new();
        for m in &pending {
            let fixed = stored::fixed(m)?;
            let Ok(check) =
                check_assessor_superior(&snap, decider(&snap, &fixed, agency, by), &fixed)
            else {
                continue;
            };
            let Some(objected_at) = m.objected_at else {
                continue;
            };
            out.push(ObjectionDue {
                id: m.id,
                employee_name: m.employee_name.clone(),
                nip: m.employee_nip.clone(),
                position_name: m.position_name.clone(),
                department_name: m.department_name.clone(),
                period: stored::period(m)?,
                assessor_position_name: m.assessor_position_name.clone(),
                objected_at,
                also_assessor: check.also_assessor,
            });
        }
        Ok(out)
    }
}
