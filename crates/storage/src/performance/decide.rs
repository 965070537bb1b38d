//! The decisions on an assessment (KIN-01, KIN-02, KIN-04), each in one transaction with its
//! audit row. The assessment row is locked first and its state read inside the transaction,
//! so the same action sent twice at once succeeds once; the domain decides every move
//! (`may_edit`, `next`, `finalise_gate`, `may_record_follow_up`).

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait, QuerySelect};
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::holders::Exercise;
use sikerja_domain::limits::{TextKind, check_as};
use sikerja_domain::performance::{
    Action, AssessmentEventKind, AssessmentRating, CurveExcess, FollowUp, PeriodKind,
    RatingOutcome, Transition, check_follow_up, finalise_gate, may_edit, may_record_follow_up,
    next, rate,
};

use super::access::{Reader, hidden, reader};
use super::{PlanningActor, curves, stored};
use crate::connect::WriteTxn;
use crate::entities::{agency, assessment, assessment_event, employee};
use crate::error::{Result, StorageError};
use crate::execution::refused;
use crate::{Store, audit};

/// A decision under way: the transaction, the locked row and the actor's parts.
struct Held {
    txn: WriteTxn,
    row: assessment::Model,
    reader: Reader,
}

/// Codes a draft may still carry: it is completed before finalising.
const DRAFT_GAPS: [&str; 2] = ["behaviour_value_missing", "behaviour_evidence_blank"];

fn text_refused(field: &str, text: &str) -> Result<()> {
    check_as(TextKind::Note, text).map_err(|p| StorageError::invalid(p.code(), p.message(field)))
}

impl Store {
    async fn hold(&self, id: i64, by: &PlanningActor) -> Result<Held> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let row = stored::lock(&*txn, id).await?;
        let reader = reader(&*txn, &row, by).await?;
        if !reader.reads_all() {
            return Err(hidden(id));
        }
        Ok(Held { txn, row, reader })
    }
}

/// Records a decision with the rating before it (KIN-04: reopening keeps the earlier rating).
async fn event(
    txn: &WriteTxn,
    row: &assessment::Model,
    kind: AssessmentEventKind,
    reason: &str,
    by: &PlanningActor,
    now: DateTime<Utc>,
) -> Result<()> {
    assessment_event::Entity::insert(assessment_event::ActiveModel {
        assessment_id: Set(row.id),
        kind: Set(kind.code().to_string()),
        reason: Set(reason.trim().to_string()),
        earlier_rating: Set(stored::earlier_json(row)?),
        by_label: Set(by.audit.label.clone()),
        by_employee_id: Set(by.employee.map(|e| e.0)),
        at: Set(now),
        ..Default::default()
    })
    .exec(&**txn)
    .await?;
    Ok(())
}

/// KIN-02: the curve gate for a rating set on an annual assessment (finalising, or upholding
/// an objection): the agency's other annual ratings of the year are counted with the agency
/// row locked, so concurrent finalisations queue. Periodic evaluations are not capped.
async fn curve_gate(
    txn: &WriteTxn,
    row: &assessment::Model,
    rating: &Transition,
) -> Result<Vec<CurveExcess>> {
    let Some(new) = rating.rating else {
        return Ok(Vec::new());
    };
    if row.period_kind != PeriodKind::Year.code() {
        return Ok(Vec::new());
    }
    agency::Entity::find_by_id(row.agency_id)
        .lock_exclusive()
        .one(&**txn)
        .await?;
    let year = u16::try_from(row.period_year).unwrap_or_default();
    let Some(policy) = curves::policy_in_force(&**txn, row.agency_id, year).await? else {
        return Ok(Vec::new());
    };
    let before = curves::counts(&**txn, row.agency_id, year, Some(row.id)).await?;
    finalise_gate(&before, new, &policy).map_err(refused)
}

fn update(row: &assessment::Model, now: DateTime<Utc>) -> assessment::ActiveModel {
    let mut a: assessment::ActiveModel = row.clone().into();
    a.version = Set(row.version + 1);
    a.updated_at = Set(now);
    a
}

fn set_rating(a: &mut assessment::ActiveModel, r: &AssessmentRating) {
    a.results_level = Set(Some(r.results_level.code().to_string()));
    a.behaviour_level = Set(Some(r.work_behaviour.behaviour_level.code().to_string()));
    a.behaviour_values = Set(Some(stored::values_json(r)));
}

/// The audit facts of a decision: its citation and what it carries.
fn facts_json(t: &Transition, extra: serde_json::Value) -> serde_json::Value {
    let mut v = json!({
        "state": t.state.code(),
        "performance_rating": t.rating.map(|r| r.code()),
        "rule_id": t.citation.rule_id.as_str(),
        "article": t.citation.article,
    });
    if let (Some(obj), Some(more)) = (v.as_object_mut(), extra.as_object()) {
        for (k, x) in more {
            obj.insert(k.clone(), x.clone());
        }
    }
    v
}

impl Store {
    /// KIN-02: the assessor saves the draft rating and the feedback to the employee. A draft
    /// may still lack values or evidence; anything else the rating check refuses is refused.
    pub async fn save_rating(
        &self,
        id: i64,
        rating: &AssessmentRating,
        feedback: &str,
        by: &PlanningActor,
    ) -> Result<()> {
        text_refused("feedback", feedback)?;
        let h = self.hold(id, by).await?;
        may_edit(&stored::facts(&h.row)?, &h.reader.actor_facts()).map_err(refused)?;
        if let Err(r) = rate(rating)
            && !DRAFT_GAPS.contains(&r.code)
        {
            return Err(refused(r));
        }
        let now = Utc::now().trunc_subsecs(6);
        let mut a = update(&h.row, now);
        set_rating(&mut a, rating);
        a.feedback = Set(feedback.trim().to_string());
        assessment::Entity::update(a).exec(&*h.txn).await?;
        audit::append_by(
            &h.txn,
            &by.audit,
            AuditAction::AssessmentRated,
            audit::Subject::new(AuditSubject::Assessment, id, h.row.agency_id),
            json!({
                "results_level": rating.results_level.code(),
                "behaviour_level": rating.work_behaviour.behaviour_level.code(),
                "rule_id": "KIN-02",
                "article": "Pasal 18 ayat (2)",
            }),
        )
        .await?;
        h.txn.commit().await?;
        Ok(())
    }

    /// KIN-02, KIN-04: the assessor finalises the draft, which locks it. For an annual
    /// assessment the agency's curve is asked first: refused (`distribution_exceeded`) under
    /// a refusing curve, returned as warnings under a warning one.
    pub async fn finalise_assessment(
        &self,
        id: i64,
        by: &PlanningActor,
    ) -> Result<Vec<CurveExcess>> {
        let h = self.hold(id, by).await?;
        let facts = stored::facts(&h.row)?;
        let actor = h.reader.actor_facts();
        may_edit(&facts, &actor).map_err(refused)?;
        let outcome: Option<RatingOutcome> = match stored::rating(&h.row)? {
            Some(r) => Some(rate(&r).map_err(refused)?),
            None => None,
        };
        let t = next(&facts, &Action::Finalise { rating: outcome }, &actor).map_err(refused)?;
        let warnings = curve_gate(&h.txn, &h.row, &t).await?;
        let person = match by.employee {
            Some(e) => employee::Entity::find_by_id(e.0).one(&*h.txn).await?,
            None => None,
        };
        let acting = matches!(h.reader.assessor, Ok(Exercise::Acting(_)));
        let now = Utc::now().trunc_subsecs(6);
        let mut a = update(&h.row, now);
        a.state = Set(t.state.code().to_string());
        a.performance_rating = Set(t.rating.map(|r| r.code().to_string()));
        a.finalised_by_employee_id = Set(by.employee.map(|e| e.0));
        a.finalised_by_nip = Set(person.as_ref().map(|p| p.nip.clone()));
        a.finalised_by_name = Set(Some(
            person
                .as_ref()
                .map(crate::convert::display_name)
                .unwrap_or_else(|| by.audit.label.clone()),
        ));
        a.finalised_acting = Set(Some(acting));
        a.finalised_at = Set(Some(now));
        assessment::Entity::update(a).exec(&*h.txn).await?;
        audit::append_by(
            &h.txn,
            &by.audit,
            AuditAction::AssessmentFinalised,
            audit::Subject::new(AuditSubject::Assessment, id, h.row.agency_id),
            facts_json(
                &t,
                json!({"acting": acting, "curve_warnings": warnings.len()}),
            ),
        )
        .await?;
        h.txn.commit().await?;
        Ok(warnings)
    }

    /// KIN-02: the employee acknowledges the finalised assessment.
    pub async fn acknowledge_assessment(&self, id: i64, by: &PlanningActor) -> Result<()> {
        let h = self.hold(id, by).await?;
        let t = next(
            &stored::facts(&h.row)?,
            &Action::Acknowledge,
            &h.reader.actor_facts(),
        )
        .map_err(refused)?;
        let now = Utc::now().trunc_subsecs(6);
        let mut a = update(&h.row, now);
        a.state = Set(t.state.code().to_string());
        a.acknowledged_at = Set(Some(now));
        assessment::Entity::update(a).exec(&*h.txn).await?;
        audit::append_by(
            &h.txn,
            &by.audit,
            AuditAction::AssessmentAcknowledged,
            audit::Subject::new(AuditSubject::Assessment, id, h.row.agency_id),
            facts_json(&t, json!({})),
        )
        .await?;
        h.txn.commit().await?;
        Ok(())
    }

    /// KIN-02: the employee objects, once, with reasons.
    pub async fn object_to_assessment(
        &self,
        id: i64,
        reasons: &str,
        by: &PlanningActor,
    ) -> Result<()> {
        let h = self.hold(id, by).await?;
        let t = next(
            &stored::facts(&h.row)?,
            &Action::Object {
                reasons: reasons.to_string(),
            },
            &h.reader.actor_facts(),
        )
        .map_err(refused)?;
        let now = Utc::now().trunc_subsecs(6);
        let mut a = update(&h.row, now);
        a.state = Set(t.state.code().to_string());
        a.objected_before = Set(true);
        a.objection_reasons = Set(Some(reasons.trim().to_string()));
        a.objected_at = Set(Some(now));
        a.decision_reason = Set(None);
        a.decided_at = Set(None);
        a.decided_by = Set(None);
        assessment::Entity::update(a).exec(&*h.txn).await?;
        audit::append_by(
            &h.txn,
            &by.audit,
            AuditAction::AssessmentObjected,
            audit::Subject::new(AuditSubject::Assessment, id, h.row.agency_id),
            facts_json(&t, json!({"reasons": reasons.trim()})),
        )
        .await?;
        h.txn.commit().await?;
        Ok(())
    }

    /// KIN-02: the assessor's superior upholds the objection with a changed rating (the curve
    /// asked as for a finalisation); the rating before is kept in the events.
    pub async fn uphold_objection(
        &self,
        id: i64,
        rating: &AssessmentRating,
        reason: &str,
        by: &PlanningActor,
    ) -> Result<Vec<CurveExcess>> {
        let h = self.hold(id, by).await?;
        let facts = stored::facts(&h.row)?;
        let actor = h.reader.actor_facts();
        // Who decides is asked before the rating is read.
        next(
            &facts,
            &Action::DismissObjection {
                reason: reason.to_string(),
            },
            &actor,
        )
        .map_err(refused)?;
        let outcome = rate(rating).map_err(refused)?;
        let t = next(
            &facts,
            &Action::UpholdObjection {
                rating: outcome,
                reason: reason.to_string(),
            },
            &actor,
        )
        .map_err(refused)?;
        let warnings = curve_gate(&h.txn, &h.row, &t).await?;
        let now = Utc::now().trunc_subsecs(6);
        event(
            &h.txn,
            &h.row,
            AssessmentEventKind::ObjectionUpheld,
            reason,
            by,
            now,
        )
        .await?;
        let mut a = update(&h.row, now);
        a.state = Set(t.state.code().to_string());
        set_rating(&mut a, rating);
        a.performance_rating = Set(t.rating.map(|r| r.code().to_string()));
        a.decision_reason = Set(Some(reason.trim().to_string()));
        a.decided_at = Set(Some(now));
        a.decided_by = Set(Some(by.audit.label.clone()));
        assessment::Entity::update(a).exec(&*h.txn).await?;
        audit::append_by(
            &h.txn,
            &by.audit,
            AuditAction::AssessmentObjectionUpheld,
            audit::Subject::new(AuditSubject::Assessment, id, h.row.agency_id),
            facts_json(
                &t,
                json!({"reason": reason.trim(), "earlier_rating": h.row.performance_rating}),
            ),
        )
        .await?;
        h.txn.commit().await?;
        Ok(warnings)
    }

    /// KIN-02: the assessor's superior dismisses the objection; the rating stands.
    pub async fn dismiss_objection(&self, id: i64, reason: &str, by: &PlanningActor) -> Result<()> {
        let h = self.hold(id, by).await?;
        let t = next(
            &stored::facts(&h.row)?,
            &Action::DismissObjection {
                reason: reason.to_string(),
            },
            &h.reader.actor_facts(),
        )
        .map_err(refused)?;
        let now = Utc::now().trunc_subsecs(6);
        event(
            &h.txn,
            &h.row,
            AssessmentEventKind::ObjectionDismissed,
            reason,
            by,
            now,
        )
        .await?;
        let mut a = update(&h.row, now);
        a.state = Set(t.state.code().to_string());
        a.decision_reason = Set(Some(reason.trim().to_string()));
        a.decided_at = Set(Some(now));
        a.decided_by = Set(Some(by.audit.label.clone()));
        assessment::Entity::update(a).exec(&*h.txn).await?;
        audit::append_by(
            &h.txn,
            &by.audit,
            AuditAction::AssessmentObjectionDismissed,
            audit::Subject::new(AuditSubject::Assessment, id, h.row.agency_id),
            facts_json(&t, json!({"reason": reason.trim()})),
        )
        .await?;
        h.txn.commit().await?;
        Ok(())
    }

    /// KIN-04: the assessor's superior reopens a locked assessment with a reason: it goes back
    /// to draft (the saved rating stays as the draft to change), and the decision with the
    /// rating before it is kept in `assessment_events`.
    pub async fn reopen_assessment(&self, id: i64, reason: &str, by: &PlanningActor) -> Result<()> {
        let h = self.hold(id, by).await?;
        let t = next(
            &stored::facts(&h.row)?,
            &Action::Reopen {
                reason: reason.to_string(),
            },
            &h.reader.actor_facts(),
        )
        .map_err(refused)?;
        let now = Utc::now().trunc_subsecs(6);
        event(
            &h.txn,
            &h.row,
            AssessmentEventKind::Reopened,
            reason,
            by,
            now,
        )
        .await?;
        let mut a = update(&h.row, now);
        a.state = Set(t.state.code().to_string());
        a.performance_rating = Set(None);
        a.finalised_by_employee_id = Set(None);
        a.finalised_by_nip = Set(None);
        a.finalised_by_name = Set(None);
        a.finalised_acting = Set(None);
        a.finalised_at = Set(None);
        a.acknowledged_at = Set(None);
        assessment::Entity::update(a).exec(&*h.txn).await?;
        audit::append_by(
            &h.txn,
            &by.audit,
            AuditAction::AssessmentReopened,
            audit::Subject::new(AuditSubject::Assessment, id, h.row.agency_id),
            facts_json(
                &t,
                json!({"reason": reason.trim(), "earlier_rating": h.row.performance_rating}),
            ),
        )
        .await?;
        h.txn.commit().await?;
        Ok(())
    }

    /// KIN-01: the assessor records (or changes) the follow-up of a final assessment.
    pub async fn record_follow_up(
        &self,
        id: i64,
        follow_up: &FollowUp,
        by: &PlanningActor,
    ) -> Result<()> {
        let h = self.hold(id, by).await?;
        may_record_follow_up(stored::state(&h.row)?, &h.reader.actor_facts()).map_err(refused)?;
        check_follow_up(follow_up).map_err(refused)?;
        let now = Utc::now().trunc_subsecs(6);
        let mut a = update(&h.row, now);
        a.follow_up_kinds = Set(Some(stored::kinds_json(follow_up)));
        a.development_needs = Set(Some(follow_up.development_needs.trim().to_string()));
        a.follow_up_at = Set(Some(now));
        a.follow_up_by = Set(Some(by.audit.label.clone()));
        assessment::Entity::update(a).exec(&*h.txn).await?;
        audit::append_by(
            &h.txn,
            &by.audit,
            AuditAction::AssessmentFollowUp,
            audit::Subject::new(AuditSubject::Assessment, id, h.row.agency_id),
            json!({
                "kinds": follow_up.kinds.iter().map(|k| k.code()).collect::<Vec<_>>(),
                "development_needs": follow_up.development_needs.trim(),
                "rule_id": "KIN-01",
                "article": "Pasal 18 ayat (1) huruf d",
            }),
        )
        .await?;
        h.txn.commit().await?;
        Ok(())
    }
}
