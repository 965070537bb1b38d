//! Opening an assessment fixes its assessor (KIN-04, KED-09): the record is created the first
//! time it is needed — the assessor opens it from the worklist, or a team lead's member
//! report or an Administrator's recommendation needs it — and the PPK post is taken from the
//! employee's placement on that day through the domain's `fix_assessor`. Later placement
//! changes never move it.

use chrono::{SubsecRound, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::org::{ActingKind, PositionClass};
use sikerja_domain::organisation::{EmployeeId, PositionId};
use sikerja_domain::performance::inputs::{out_of_scope, period_unknown};
use sikerja_domain::performance::{AssessmentState, FixedAssessor, check_assessor, fix_assessor};
use sikerja_domain::placement::{Official, Outcome, Placement, PlacementStatus, Unresolved};

use super::{PeriodRef, PlanningActor, access, stored};
use crate::connect::WriteTxn;
use crate::entities::{assessment, department, employee, placement, position};
use crate::error::{Result, StorageError};
use crate::execution::refused;
use crate::{AuditActor, Store, audit, convert, policies};

/// An official of a stored placement (class and acting read from the post).
fn official(
    post: Option<i64>,
    holder: Option<i64>,
    acting: Option<&str>,
    posts: &[position::Model],
) -> Option<Official> {
    let post = post?;
    let class = posts
        .iter()
        .find(|p| p.id == post)
        .and_then(|p| PositionClass::from_code(&p.class))
        .unwrap_or(PositionClass::Administrator);
    Some(Official {
        position: PositionId(post),
        employee: EmployeeId(holder.unwrap_or_default()),
        class,
        acting: acting.and_then(ActingKind::from_code),
    })
}

/// The stored placement as the domain's outcome.
fn outcome(row: &placement::Model, posts: &[position::Model]) -> Result<Outcome> {
    let citation = stored::citation(&row.rule_id, &row.article)?;
    if row.status != PlacementStatus::Placed.code() {
        return Ok(Outcome::Unresolved(Unresolved {
            employee: EmployeeId(row.employee_id),
            reason: row.reason.clone().unwrap_or_default(),
            citation,
        }));
    }
    let assessor = official(
        row.assessor_position_id,
        row.assessor_employee_id,
        row.assessor_acting.as_deref(),
        posts,
    )
    .ok_or_else(|| crate::error::corrupt("placement assessor", "none"))?;
    let superior = official(
        row.superior_position_id,
        row.superior_employee_id,
        row.superior_acting.as_deref(),
        posts,
    )
    .unwrap_or(assessor);
    let assessor_citation = match (&row.assessor_rule_id, &row.assessor_article) {
        (Some(r), Some(a)) => Some(stored::citation(r, a)?),
        _ => None,
    };
    Ok(Outcome::Placed(Placement {
        employee: EmployeeId(row.employee_id),
        superior,
        assessor,
        coordinator: official(
            row.coordinator_position_id,
            row.coordinator_employee_id,
            row.coordinator_acting.as_deref(),
            posts,
        ),
        recommender: official(
            row.recommender_position_id,
            row.recommender_employee_id,
            row.recommender_acting.as_deref(),
            posts,
        ),
        citation,
        assessor_citation,
        notes: serde_json::from_str(&row.notes).unwrap_or_default(),
        manual: row.manual,
    }))
}

/// What opening needs: the employee, their placement and the assessor fixed from it.
pub(super) struct Fixing {
    pub employee: employee::Model,
    pub placement: placement::Model,
    pub fixed: FixedAssessor,
    pub posts: Vec<position::Model>,
}

/// KIN-04, KED-09: the assessor `employee`'s placement names today (refused for someone out
/// of scope or with an unresolved placement).
pub(super) async fn fixing<C: ConnectionTrait>(db: &C, employee: EmployeeId) -> Result<Fixing> {
    let person = employee::Entity::find_by_id(employee.0)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("employee", employee.0))?;
    let Some(placed) = placement::Entity::find_by_id(employee.0).one(db).await? else {
        return Err(refused(out_of_scope()));
    };
    let ids: Vec<i64> = [
        placed.assessor_position_id,
        placed.superior_position_id,
        placed.recommender_position_id,
        placed.coordinator_position_id,
        person.position_id,
    ]
    .into_iter()
    .flatten()
    .collect();
    let posts = crate::batch::rows_where_in::<position::Entity, _>(
        db,
        position::Column::Id,
        &crate::batch::unique_ids(ids),
    )
    .await?;
    let fixed = fix_assessor(&outcome(&placed, &posts)?).map_err(refused)?;
    Ok(Fixing {
        employee: person,
        placement: placed,
        fixed,
        posts,
    })
}

/// Opens (or finds) the assessment of `employee` in `period` inside `txn`; the caller has
/// decided that the actor may.
pub(super) async fn open_in(
    txn: &WriteTxn,
    f: &Fixing,
    period: PeriodRef,
    by: &AuditActor,
) -> Result<assessment::Model> {
    let employee = EmployeeId(f.employee.id);
    if let Some(found) = stored::find(&**txn, employee, period).await? {
        return Ok(found);
    }
    let policy = policies::in_force(
        &**txn,
        sikerja_domain::organisation::AgencyId(f.employee.agency_id),
        policies::today(),
    )
    .await?
    .assessment;
    if period.period(&policy).is_none() {
        return Err(refused(period_unknown(&period.label())));
    }
    let name_of = |id: Option<i64>| {
        id.and_then(|id| f.posts.iter().find(|p| p.id == id))
            .map(|p| p.name.clone())
    };
    let department_name = department::Entity::find_by_id(f.placement.department_id)
        .one(&**txn)
        .await?
        .map(|d| d.name)
        .unwrap_or_default();
    let now = Utc::now().trunc_subsecs(6);
    let row = assessment::ActiveModel {
        agency_id: Set(f.employee.agency_id),
        employee_id: Set(employee.0),
        employee_name: Set(convert::display_name(&f.employee)),
        employee_nip: Set(f.employee.nip.clone()),
        position_id: Set(f.employee.position_id),
        position_name: Set(name_of(f.employee.position_id).unwrap_or_default()),
        department_id: Set(Some(f.placement.department_id)),
        department_name: Set(department_name),
        period_year: Set(i32::from(period.year)),
        period_kind: Set(period.kind.code().to_string()),
        period_number: Set(i32::from(period.number)),
        state: Set(AssessmentState::Draft.code().to_string()),
        assessor_position_id: Set(f.fixed.position.0),
        assessor_position_name: Set(name_of(Some(f.fixed.position.0)).unwrap_or_default()),
        assessor_rule_id: Set(f.fixed.citation.rule_id.as_str().to_string()),
        assessor_article: Set(f.fixed.citation.article.to_string()),
        recommender_position_id: Set(f.fixed.recommender.map(|p| p.0)),
        recommender_position_name: Set(name_of(f.fixed.recommender.map(|p| p.0))),
        assessor_fixed_at: Set(now),
        feedback: Set(String::new()),
        objected_before: Set(false),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let inserted = assessment::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                assessment::Column::EmployeeId,
                assessment::Column::PeriodYear,
                assessment::Column::PeriodKind,
                assessment::Column::PeriodNumber,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&**txn)
        .await?;
    let row = stored::find(&**txn, employee, period)
        .await?
        .ok_or_else(|| StorageError::not_found("assessment", period.code()))?;
    if inserted == 0 {
        // Opened at the same time by another transaction: that one recorded it.
        return Ok(row);
    }
    audit::append_by(
        txn,
        by,
        AuditAction::AssessmentOpened,
        audit::Subject::new(AuditSubject::Assessment, row.id, row.agency_id),
        json!({
            "employee": employee.0,
            "period": period.code(),
            "assessor_position": f.fixed.position.0,
            "recommender_position": f.fixed.recommender.map(|p| p.0),
            "placement_rule_id": f.fixed.citation.rule_id.as_str(),
            "placement_article": f.fixed.citation.article,
            "rule_id": "KIN-04",
            "article": "Lampiran I; Pasal 18",
        }),
    )
    .await?;
    Ok(row)
}

impl Store {
    /// Opens the assessment of `employee` for `period` (or returns the one already open),
    /// fixing its assessor from the placement today (KIN-04; KED-09 refuses an unresolved
    /// placement). Opened by whoever exercises the PPK post the placement names.
    pub async fn open_assessment(
        &self,
        employee: EmployeeId,
        period: PeriodRef,
        by: &PlanningActor,
    ) -> Result<i64> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        if let Some(found) = stored::find(&*txn, employee, period).await? {
            let r = access::reader(&*txn, &found, by).await?;
            if !r.reads_all() {
                return Err(access::hidden(found.id));
            }
            return Ok(found.id);
        }
        let f = fixing(&*txn, employee).await?;
        let Some(actor) = by.employee else {
            return Err(StorageError::forbidden(
                "not_the_assessor",
                "Penilaian dibuka oleh Pejabat Penilai Kinerja pegawai ini.",
            ));
        };
        let mut posts = vec![f.fixed.position.0];
        posts.extend(f.fixed.recommender.map(|p| p.0));
        let snap =
            access::snapshot(&*txn, f.employee.agency_id, &[employee.0, actor.0], &posts).await?;
        check_assessor(&snap, actor, &f.fixed).map_err(refused)?;
        let row = open_in(&txn, &f, period, &by.audit).await?;
        txn.commit().await?;
        Ok(row.id)
    }
}
