//! The assignments a person has to do with: as a member, as head of the owner unit, or as a
//! holder of any step or copy of its request — newest first.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use sikerja_domain::assignment::{
    AssignmentId, AssignmentMethod, AssignmentRelation, AssignmentScope, AssignmentStatus, Day,
};
use sikerja_domain::planning::target::Execution;

use super::RequestId;
use crate::Store;
use crate::entities::{assignment, assignment_member, assignment_request, request_task};
use crate::error::{Result, corrupt};
use crate::planning::PlanningActor;

/// A line of the assignment list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssignmentLine {
    pub id: AssignmentId,
    pub title: String,
    pub owner_unit_name: String,
    pub scope: AssignmentScope,
    pub method: AssignmentMethod,
    pub execution: Execution,
    /// First and last day over the members (none without members).
    pub period: Option<(Day, Day)>,
    pub status: AssignmentStatus,
    pub request: Option<RequestId>,
    pub current_step: Option<String>,
    /// Why the person sees it.
    pub relation: AssignmentRelation,
}

impl Store {
    /// Assignments `by` is a member of, owns as head of the owner unit, or holds a step or a
    /// copy of. At most `limit`, newest first.
    pub async fn assignments_involving(
        &self,
        by: &PlanningActor,
        limit: usize,
    ) -> Result<Vec<AssignmentLine>> {
        let Some(me) = by.employee else {
            return Ok(Vec::new());
        };
        let mut ids: Vec<(i64, AssignmentRelation)> = assignment_member::Entity::find()
            .filter(assignment_member::Column::EmployeeId.eq(me.0))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| (m.assignment_id, AssignmentRelation::Member))
            .collect();
        let exercised = crate::holders::positions_exercised_by(&self.db, me).await?;
        let held: Vec<i64> = exercised.iter().map(|p| p.id).collect();
        let head_units: Vec<i64> = exercised
            .iter()
            .filter(|p| p.is_head)
            .map(|p| p.unit_id)
            .collect();
        ids.extend(
            assignment::Entity::find()
                .filter(assignment::Column::OwnerUnitId.is_in(head_units))
                .all(&self.db)
                .await?
                .into_iter()
                .map(|a| {
                    // A draft a Kepala Bidang/Seksi prepared waits for the head to take it up
                    // (issue 14 point 6).
                    let prepared = a.status == AssignmentStatus::Draft.code()
                        && a.prepared_by_employee_id.is_some();
                    (
                        a.id,
                        if prepared {
                            AssignmentRelation::PreparedForHead
                        } else {
                            AssignmentRelation::OwnerHead
                        },
                    )
                }),
        );
        ids.extend(
            assignment::Entity::find()
                .filter(assignment::Column::PreparedByEmployeeId.eq(me.0))
                .all(&self.db)
                .await?
                .into_iter()
                .map(|a| (a.id, AssignmentRelation::Preparer)),
        );
        let requests: Vec<i64> = request_task::Entity::find()
            .filter(request_task::Column::PositionId.is_in(held))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|t| t.request_id)
            .collect();
        ids.extend(
            assignment_request::Entity::find()
                .filter(assignment_request::Column::Id.is_in(requests))
                .all(&self.db)
                .await?
                .into_iter()
                .map(|r| (r.assignment_id, AssignmentRelation::Step)),
        );
        ids.sort_by_key(|x| std::cmp::Reverse(x.0));
        ids.dedup_by_key(|x| x.0);
        ids.truncate(limit);
        let rows = assignment::Entity::find()
            .filter(assignment::Column::Id.is_in(ids.iter().map(|x| x.0)))
            .order_by_desc(assignment::Column::Id)
            .all(&self.db)
            .await?;
        let reqs = assignment_request::Entity::find()
            .filter(assignment_request::Column::AssignmentId.is_in(rows.iter().map(|a| a.id)))
            .all(&self.db)
            .await?;
        let members = assignment_member::Entity::find()
            .filter(assignment_member::Column::AssignmentId.is_in(rows.iter().map(|a| a.id)))
            .all(&self.db)
            .await?;
        rows.into_iter()
            .map(|a| {
                let r = reqs.iter().find(|r| r.assignment_id == a.id);
                let mut period: Option<(Day, Day)> = None;
                for m in members.iter().filter(|m| m.assignment_id == a.id) {
                    let from =
                        Day::parse(&m.from_day).map_err(|_| corrupt("from_day", &m.from_day))?;
                    let until =
                        Day::parse(&m.until_day).map_err(|_| corrupt("until_day", &m.until_day))?;
                    period = Some(match period {
                        Some((f, u)) => (f.min(from), u.max(until)),
                        None => (from, until),
                    });
                }
                Ok(AssignmentLine {
                    execution: Execution::from_code(&a.execution)
                        .ok_or_else(|| corrupt("execution", &a.execution))?,
                    period,
                    id: AssignmentId(a.id),
                    scope: AssignmentScope::from_code(&a.scope)
                        .ok_or_else(|| corrupt("scope", &a.scope))?,
                    method: AssignmentMethod::from_code(&a.method)
                        .ok_or_else(|| corrupt("method", &a.method))?,
                    relation: ids
                        .iter()
                        .find(|x| x.0 == a.id)
                        .map_or(AssignmentRelation::Member, |x| x.1),
                    title: a.title,
                    owner_unit_name: a.owner_unit_name,
                    status: AssignmentStatus::from_code(&a.status)
                        .ok_or_else(|| corrupt("assignment status", &a.status))?,
                    request: r.map(|r| r.id),
                    current_step: r.and_then(|r| r.current_step.clone()),
                })
            })
            .collect()
    }
}
