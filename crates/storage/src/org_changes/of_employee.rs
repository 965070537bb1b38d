//! The dated changes that name one employee (issue 14 point 1: the employee's change history
//! on their profile), read from the stored payloads.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sikerja_domain::changes::OrgChange;
use sikerja_domain::organisation::{AgencyId, EmployeeId};

use super::{OrgChangeView, view};
use crate::Store;
use crate::entities::org_change;
use crate::error::Result;

/// Whether `change` names `employee`: hired, appointed, vacated, promoted, leaving, or named
/// Plt./Plh. (an ended Plt./Plh. names the post, not the person).
pub(crate) fn names_employee(change: &OrgChange, employee: EmployeeId) -> bool {
    match change {
        OrgChange::Hire { employee: e } => e.id == employee,
        OrgChange::Appoint { employee: e, .. }
        | OrgChange::Vacate { employee: e }
        | OrgChange::SetGrade { employee: e, .. }
        | OrgChange::Leave { employee: e, .. }
        | OrgChange::NameActing { employee: e, .. } => *e == employee,
        OrgChange::EndActing { .. }
        | OrgChange::AddUnit { .. }
        | OrgChange::RenameUnit { .. }
        | OrgChange::MoveUnit { .. }
        | OrgChange::MergeUnit { .. }
        | OrgChange::CloseUnit { .. }
        | OrgChange::AddPosition { .. }
        | OrgChange::ChangePosition { .. }
        | OrgChange::ClosePosition { .. } => false,
    }
}

impl Store {
    /// The recorded changes of `agency` that name `employee` (any state: pending, applied,
    /// failed, cancelled), newest effective day first, ties newest recorded first.
    pub async fn org_changes_of_employee(
        &self,
        agency: AgencyId,
        employee: EmployeeId,
    ) -> Result<Vec<OrgChangeView>> {
        let rows = org_change::Entity::find()
            .filter(org_change::Column::AgencyId.eq(agency.0))
            .filter(org_change::Column::Kind.is_in([
                "hire",
                "appoint",
                "vacate",
                "set_grade",
                "leave",
                "name_acting",
            ]))
            .order_by_desc(org_change::Column::EffectiveOn)
            .order_by_desc(org_change::Column::Id)
            .all(&self.db)
            .await?;
        let mut out = Vec::new();
        for row in &rows {
            let v = view(row)?;
            if names_employee(&v.change.change, employee) {
                out.push(v);
            }
        }
        Ok(out)
    }
}
