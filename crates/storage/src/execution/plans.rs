//! Approved activity plans as work (MEK-02, MEK-04): which running plans a person plays a part
//! in — their own (the holder of the agreement) and those of the agreements set by a position
//! they exercise (the head who approves the plan, ORG-05) — for `/pelaksanaan` and the
//! reporting inbox. Whether a plan runs is `load_plan`'s (its newest approved version).

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use sikerja_domain::execution::Actor;
use sikerja_domain::planning::target::PlanStatus;

use super::{WorkRef, load_actor};
use crate::Store;
use crate::entities::{activity_plan, activity_plan_version, performance_agreement};
use crate::error::Result;
use crate::planning::PlanningActor;

/// The plans with an approved version whose agreement `actor` holds or sets, oldest first.
pub(crate) async fn plans_involving<C: ConnectionTrait>(
    db: &C,
    actor: &Actor,
) -> Result<Vec<WorkRef>> {
    let Some(me) = actor.employee else {
        return Ok(Vec::new());
    };
    let mut cond =
        sea_orm::Condition::any().add(performance_agreement::Column::EmployeeId.eq(me.0));
    if !actor.exercises.is_empty() {
        cond = cond.add(
            performance_agreement::Column::SetterPositionId
                .is_in(actor.exercises.iter().map(|p| p.0)),
        );
    }
    let agreements: Vec<i64> = performance_agreement::Entity::find()
        .filter(cond)
        .select_only()
        .column(performance_agreement::Column::Id)
        .into_tuple::<i64>()
        .all(db)
        .await?;
    if agreements.is_empty() {
        return Ok(Vec::new());
    }
    let plans: Vec<i64> = activity_plan::Entity::find()
        .filter(activity_plan::Column::AgreementId.is_in(agreements))
        .select_only()
        .column(activity_plan::Column::Id)
        .into_tuple::<i64>()
        .all(db)
        .await?;
    if plans.is_empty() {
        return Ok(Vec::new());
    }
    let mut approved: Vec<i64> = activity_plan_version::Entity::find()
        .filter(activity_plan_version::Column::PlanId.is_in(plans))
        .filter(activity_plan_version::Column::Status.eq(PlanStatus::Approved.code()))
        .select_only()
        .column(activity_plan_version::Column::PlanId)
        .into_tuple::<i64>()
        .all(db)
        .await?;
    approved.sort_unstable();
    approved.dedup();
    Ok(approved.into_iter().map(WorkRef::Plan).collect())
}

impl Store {
    /// The running activity plans `by` plays a part in: their own, and those they approve as
    /// the head who sets the agreement (or acts in that post).
    pub async fn plans_involving(&self, by: &PlanningActor) -> Result<Vec<WorkRef>> {
        let actor = load_actor(&self.db, by).await?;
        plans_involving(&self.db, &actor).await
    }
}
