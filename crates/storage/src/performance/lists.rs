//! The assessor's worklist and the employee's own assessments.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sikerja_domain::organisation::{AgencyId, EmployeeId};
use sikerja_domain::performance::PeriodPolicy;
use sikerja_domain::placement::PlacementStatus;

use super::{AssessmentRow, PeriodRef, PlanningActor, periods::due, stored};
use crate::batch::{rows_where_in, unique_ids};
use crate::entities::{assessment, department, employee, placement, position};
use crate::error::Result;
use crate::{Store, convert, holders, policies};

/// An opened assessment as a line of a list.
pub(super) fn row_of(
    m: &assessment::Model,
    policy: Option<&PeriodPolicy>,
) -> Result<AssessmentRow> {
    let period = stored::period(m)?;
    Ok(AssessmentRow {
        id: Some(m.id),
        employee: EmployeeId(m.employee_id),
        employee_name: m.employee_name.clone(),
        nip: m.employee_nip.clone(),
        position_name: m.position_name.clone(),
        department_name: m.department_name.clone(),
        period,
        state: Some(stored::state(m)?),
        performance_rating: stored::performance_rating(m)?,
        due: policy.and_then(|p| due(period, p)),
    })
}

impl Store {
    /// The period policies in force today of some agencies.
    pub(super) async fn period_policies(
        &self,
        agencies: &[i64],
    ) -> Result<HashMap<i64, PeriodPolicy>> {
        Ok(policies::in_force_many(
            &self.db,
            &unique_ids(agencies.iter().copied()),
            policies::today(),
        )
        .await?
        .into_iter()
        .map(|(a, p)| (a, p.assessment))
        .collect())
    }

    /// KIN-04: the employees `by` assesses in `period`: the assessments fixed on a post `by`
    /// exercises now, and the employees in scope whose placement names such a post as PPK and
    /// whose assessment is not opened yet. Sorted by name.
    pub async fn assessor_worklist(
        &self,
        period: PeriodRef,
        by: &PlanningActor,
    ) -> Result<Vec<AssessmentRow>> {
        let Some(me) = by.employee else {
            return Ok(Vec::new());
        };
        let posts: Vec<i64> = holders::positions_exercised_by(&self.db, me)
            .await?
            .into_iter()
            .map(|p| p.id)
            .collect();
        if posts.is_empty() {
            return Ok(Vec::new());
        }
        let opened = assessment::Entity::find()
            .filter(assessment::Column::AssessorPositionId.is_in(posts.iter().copied()))
            .filter(assessment::Column::PeriodYear.eq(i32::from(period.year)))
            .filter(assessment::Column::PeriodKind.eq(period.kind.code()))
            .filter(assessment::Column::PeriodNumber.eq(i32::from(period.number)))
            .filter(assessment::Column::EmployeeId.ne(me.0))
            .all(&self.db)
            .await?;
        let placed: Vec<placement::Model> = placement::Entity::find()
            .filter(placement::Column::AssessorPositionId.is_in(posts.iter().copied()))
            .filter(placement::Column::Status.eq(PlacementStatus::Placed.code()))
            .filter(placement::Column::EmployeeId.ne(me.0))
            .all(&self.db)
            .await?;
        // Opened elsewhere (the assessor fixed on another post): not this list's.
        let opened_any: HashSet<i64> = if placed.is_empty() {
            HashSet::new()
        } else {
            assessment::Entity::find()
                .filter(assessment::Column::EmployeeId.is_in(placed.iter().map(|p| p.employee_id)))
                .filter(assessment::Column::PeriodYear.eq(i32::from(period.year)))
                .filter(assessment::Column::PeriodKind.eq(period.kind.code()))
                .filter(assessment::Column::PeriodNumber.eq(i32::from(period.number)))
                .all(&self.db)
                .await?
                .into_iter()
                .map(|m| m.employee_id)
                .collect()
        };
        let waiting: Vec<&placement::Model> = placed
            .iter()
            .filter(|p| !opened_any.contains(&p.employee_id))
            .collect();
        let agencies: Vec<i64> = opened
            .iter()
            .map(|m| m.agency_id)
            .chain(waiting.iter().map(|p| p.agency_id))
            .collect();
        let policies = self.period_policies(&agencies).await?;
        let mut out = opened
            .iter()
            .map(|m| row_of(m, policies.get(&m.agency_id)))
            .collect::<Result<Vec<_>>>()?;
        let names = self.placed_names(&waiting).await?;
        for p in waiting {
            let Some(n) = names.get(&p.employee_id) else {
                continue;
            };
            out.push(AssessmentRow {
                id: None,
                employee: EmployeeId(p.employee_id),
                employee_name: n.name.clone(),
                nip: n.nip.clone(),
                position_name: n.position_name.clone(),
                department_name: n.department_name.clone(),
                period,
                state: None,
                performance_rating: None,
                due: policies.get(&p.agency_id).and_then(|pol| due(period, pol)),
            });
        }
        out.sort_by(|a, b| {
            a.employee_name
                .cmp(&b.employee_name)
                .then(a.employee.0.cmp(&b.employee.0))
        });
        Ok(out)
    }

    /// The assessments of `by` themselves, newest period first.
    pub async fn my_assessments(&self, by: &PlanningActor) -> Result<Vec<AssessmentRow>> {
        let Some(me) = by.employee else {
            return Ok(Vec::new());
        };
        let rows = assessment::Entity::find()
            .filter(assessment::Column::EmployeeId.eq(me.0))
            .order_by_desc(assessment::Column::PeriodYear)
            .order_by_desc(assessment::Column::Id)
            .all(&self.db)
            .await?;
        let policies = self
            .period_policies(&rows.iter().map(|m| m.agency_id).collect::<Vec<_>>())
            .await?;
        rows.iter()
            .map(|m| row_of(m, policies.get(&m.agency_id)))
            .collect()
    }

    /// The agency of an employee (for pages that pick the periods of the reader's agency).
    pub async fn employee_agency(&self, employee: EmployeeId) -> Result<Option<AgencyId>> {
        Ok(employee::Entity::find_by_id(employee.0)
            .one(&self.db)
            .await?
            .map(|e| AgencyId(e.agency_id)))
    }
}

/// How a list shows an employee whose assessment of the period is not opened yet: from their
/// placement.
pub(super) struct PlacedNames {
    pub(super) name: String,
    pub(super) nip: String,
    pub(super) position_name: String,
    pub(super) department_name: String,
}

impl Store {
    /// The names the lists show for placements without an assessment yet, keyed by employee
    /// (a placement's key): three queries for all of them.
    pub(super) async fn placed_names(
        &self,
        placed: &[&placement::Model],
    ) -> Result<HashMap<i64, PlacedNames>> {
        let people = rows_where_in::<employee::Entity, _>(
            &self.db,
            employee::Column::Id,
            &unique_ids(placed.iter().map(|p| p.employee_id)),
        )
        .await?;
        let post_names: HashMap<i64, String> = rows_where_in::<position::Entity, _>(
            &self.db,
            position::Column::Id,
            &unique_ids(placed.iter().map(|p| p.position_id)),
        )
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
        let department_names: HashMap<i64, String> = rows_where_in::<department::Entity, _>(
            &self.db,
            department::Column::Id,
            &unique_ids(placed.iter().map(|p| p.department_id)),
        )
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
        let by_employee: HashMap<i64, &placement::Model> =
            placed.iter().map(|p| (p.employee_id, *p)).collect();
        Ok(people
            .iter()
            .filter_map(|e| {
                let p = by_employee.get(&e.id)?;
                Some((
                    e.id,
                    PlacedNames {
                        name: convert::display_name(e),
                        nip: e.nip.clone(),
                        position_name: post_names.get(&p.position_id).cloned().unwrap_or_default(),
                        department_name: department_names
                            .get(&p.department_id)
                            .cloned()
                            .unwrap_or_default(),
                    },
                ))
            })
            .collect())
    }
}
