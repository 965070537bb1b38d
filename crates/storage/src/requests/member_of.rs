//! The assignments an employee is a member of (issue 15 point 8: the employee page lists
//! them as current, future and past) — by membership only, newest period first.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use sikerja_domain::assignment::{
    AssignmentId, AssignmentMethod, AssignmentStatus, Day, MemberRole,
};
use sikerja_domain::organisation::EmployeeId;

use crate::Store;
use crate::assignments::day;
use crate::entities::{assignment, assignment_member};
use crate::error::{Result, corrupt};

/// One membership of an employee in an assignment, with its period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MembershipLine {
    pub assignment: AssignmentId,
    pub title: String,
    pub owner_unit_name: String,
    pub method: AssignmentMethod,
    pub status: AssignmentStatus,
    pub role: MemberRole,
    pub from: Day,
    pub until: Day,
}

impl Store {
    /// Every assignment `employee` is a member of (any status), newest period first.
    pub async fn memberships_of_employee(
        &self,
        employee: EmployeeId,
    ) -> Result<Vec<MembershipLine>> {
        let members = assignment_member::Entity::find()
            .filter(assignment_member::Column::EmployeeId.eq(employee.0))
            .all(&self.db)
            .await?;
        let rows = assignment::Entity::find()
            .filter(assignment::Column::Id.is_in(members.iter().map(|m| m.assignment_id)))
            .all(&self.db)
            .await?;
        let mut lines = Vec::with_capacity(members.len());
        for m in &members {
            let Some(a) = rows.iter().find(|a| a.id == m.assignment_id) else {
                continue;
            };
            lines.push(MembershipLine {
                assignment: AssignmentId(a.id),
                title: a.title.clone(),
                owner_unit_name: a.owner_unit_name.clone(),
                method: AssignmentMethod::from_code(&a.method)
                    .ok_or_else(|| corrupt("method", &a.method))?,
                status: AssignmentStatus::from_code(&a.status)
                    .ok_or_else(|| corrupt("assignment status", &a.status))?,
                role: MemberRole::from_code(&m.role).ok_or_else(|| corrupt("role", &m.role))?,
                from: day(&m.from_day)?,
                until: day(&m.until_day)?,
            });
        }
        lines.sort_by_key(|l| std::cmp::Reverse((l.from, l.assignment.0)));
        Ok(lines)
    }
}
