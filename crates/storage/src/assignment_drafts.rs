//! Changing a recorded draft before its workflow starts (issue 14 point 6): the head of the
//! owner Unit Organisasi takes up a draft a Kepala Bidang/Seksi prepared, may change it and
//! then starts it; the preparer and a volunteer may change their own. Who may is decided by
//! the domain (`change_draft`); the changed draft passes every check like a new one, and the
//! whole change is one transaction with its audit row.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;
use sikerja_domain::assignment::{
    AssignmentDraft, AssignmentId, AssignmentMethod, AssignmentStatus, DraftStanding, change_draft,
    may_change_draft, owner_offer, owner_route,
};
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::{EmployeeId, Organisation, UnitId};

use crate::assignments::{AssignmentInput, context_with, insert_members, organisation_of, refusal};
use crate::entities::{assignment, assignment_member, unit};
use crate::error::{Result, StorageError, corrupt};
use crate::planning::PlanningActor;
use crate::{Store, audit};

fn not_a_draft() -> StorageError {
    StorageError::conflict("assignment_not_draft", "Alur penugasan ini sudah dimulai.")
}

/// The employees of a stored draft, in the order recorded.
async fn stored_members(db: &impl ConnectionTrait, id: i64) -> Result<Vec<EmployeeId>> {
    Ok(assignment_member::Entity::find()
        .filter(assignment_member::Column::AssignmentId.eq(id))
        .order_by_asc(assignment_member::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| m.employee_id.map(EmployeeId))
        .collect())
}

/// How `me` stands to the stored draft `row` with its `members`, read in `org` (which holds
/// them and `me`): what the draft is to them ([`owner_route`]) and who prepared it.
fn standing(
    org: &Organisation,
    me: EmployeeId,
    row: &assignment::Model,
    members: Vec<EmployeeId>,
) -> Result<DraftStanding> {
    let method =
        AssignmentMethod::from_code(&row.method).ok_or_else(|| corrupt("method", &row.method))?;
    let route = row.owner_unit_id.and_then(|u| {
        let offer = owner_offer(org, me, &members);
        owner_route(&offer, UnitId(u), method).ok().map(|o| o.route)
    });
    Ok(DraftStanding {
        route,
        members,
        prepared_by: row.prepared_by_employee_id.map(EmployeeId),
    })
}

impl Store {
    /// Whether `me` may change draft `id` now (issue 14 point 6): what the assignment's page
    /// asks before it offers "Ubah konsep", by the domain's [`may_change_draft`] over the
    /// standing [`Store::change_assignment_draft`] decides by. Refused with
    /// `not_the_appointing_head` (PEN-10) or `assignment_not_draft` (409) once started.
    pub async fn may_change_assignment_draft(
        &self,
        id: AssignmentId,
        me: EmployeeId,
    ) -> Result<()> {
        let txn = self.read_txn().await?;
        let row = assignment::Entity::find_by_id(id.0)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("assignment", id))?;
        if row.status != AssignmentStatus::Draft.code() {
            return Err(not_a_draft());
        }
        let members = stored_members(&txn, id.0).await?;
        let mut everyone = members.clone();
        everyone.push(me);
        let org = organisation_of(&txn, &everyone).await?;
        let standing = standing(&org, me, &row, members)?;
        txn.commit().await?;
        may_change_draft(me, &standing).map_err(|r| StorageError::forbidden(r.code, r.message))
    }

    /// Replaces draft `id` with `input` (title, target, owner, members and every other field)
    /// while its workflow has not started. Refused with `not_the_appointing_head` (PEN-10) for
    /// someone the domain does not let change it, with every violation like a new draft, and
    /// with `assignment_not_draft` (409) once started — also when a start and a change race.
    pub async fn change_assignment_draft(
        &self,
        id: AssignmentId,
        input: &AssignmentInput,
        by: &PlanningActor,
    ) -> Result<()> {
        by.audit.checked_label()?;
        let title = input.title.trim();
        if title.is_empty() {
            return Err(StorageError::invalid(
                "assignment_title_blank",
                "Nama penugasan wajib diisi.",
            ));
        }
        let Some(me) = by.employee else {
            return Err(StorageError::forbidden(
                "not_the_appointing_head",
                "Konsep penugasan diubah oleh pejabat yang masuk dengan akunnya (PEN-10 · Pasal 11–13).",
            ));
        };
        let txn = self.begin_write().await?;
        let stored = assignment::Entity::find_by_id(id.0)
            .lock_exclusive()
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("assignment", id))?;
        if stored.status != AssignmentStatus::Draft.code() {
            return Err(not_a_draft());
        }
        let stored_members = stored_members(&txn, id.0).await?;
        let draft = AssignmentDraft {
            id: Some(id),
            ..input.draft.clone()
        };
        // The organisation of everyone in the stored or the changed draft: the person's
        // standing to the stored draft depends on its members' units too.
        let c = context_with(&txn, &draft, &stored_members).await?;
        let standing = standing(&c.org, me, &stored, stored_members)?;
        let members: Vec<EmployeeId> = draft.members.iter().map(|m| m.employee).collect();
        let offer = owner_offer(&c.org, me, &members);
        let after = owner_route(&offer, draft.owner_unit, draft.method)
            .map_err(|r| StorageError::forbidden(r.code, r.message))?
            .route;
        let prepared_by = change_draft(me, &standing, after, &members)
            .map_err(|r| StorageError::forbidden(r.code, r.message))?;
        let report = c.check(&draft);
        if !report.is_allowed() {
            return Err(refusal(&report));
        }
        let owner_unit_name = unit::Entity::find_by_id(draft.owner_unit.0)
            .one(&txn)
            .await?
            .map(|u| u.name)
            .unwrap_or_default();
        let changed = assignment::Entity::update_many()
            .col_expr(
                assignment::Column::AgencyId,
                Expr::value(draft.owner_agency.0),
            )
            .col_expr(
                assignment::Column::OwnerUnitId,
                Expr::value(Some(draft.owner_unit.0)),
            )
            .col_expr(
                assignment::Column::OwnerUnitName,
                Expr::value(owner_unit_name),
            )
            .col_expr(assignment::Column::TargetId, Expr::value(input.target))
            .col_expr(assignment::Column::Title, Expr::value(title))
            .col_expr(
                assignment::Column::Field,
                Expr::value(c.task_field.trim().to_string()),
            )
            .col_expr(
                assignment::Column::Execution,
                Expr::value(draft.execution.code()),
            )
            .col_expr(assignment::Column::Method, Expr::value(draft.method.code()))
            .col_expr(assignment::Column::Scope, Expr::value(report.scope.code()))
            .col_expr(
                assignment::Column::Instrument,
                Expr::value(report.instrument.code()),
            )
            .col_expr(
                assignment::Column::ResponsiblePositionId,
                Expr::value(draft.responsible_official.map(|p| p.0)),
            )
            .col_expr(
                assignment::Column::TeamLeadReason,
                Expr::value(draft.team_lead_reason.clone()),
            )
            .col_expr(
                assignment::Column::PreparedByEmployeeId,
                Expr::value(prepared_by.map(|e| e.0)),
            )
            .filter(assignment::Column::Id.eq(id.0))
            .filter(assignment::Column::Status.eq(AssignmentStatus::Draft.code()))
            .exec(&txn)
            .await?;
        if changed.rows_affected != 1 {
            return Err(not_a_draft());
        }
        assignment_member::Entity::delete_many()
            .filter(assignment_member::Column::AssignmentId.eq(id.0))
            .exec(&txn)
            .await?;
        insert_members(&txn, id.0, &draft, &c.org).await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::AssignmentDraftChanged,
            audit::Subject::new(AuditSubject::Assignment, id.0, draft.owner_agency.0),
            json!({
                "title": title,
                "execution": draft.execution.code(),
                "method": draft.method.code(),
                "scope": report.scope.code(),
                "instrument": report.instrument.code(),
                "members": draft.members.iter().map(|m| json!({"employee": m.employee.0, "role": m.role.code(), "from": m.from.to_string(), "until": m.until.to_string()})).collect::<Vec<_>>(),
                "prepared_by": prepared_by.map(|e| e.0),
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}
