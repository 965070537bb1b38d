//! One assessment as pages and the API show it, to the readers KIN-04 allows.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use sikerja_domain::holders::Exercise;
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId};
use sikerja_domain::performance::{
    AssessmentEventKind, AssessmentPeriod, AssessmentState, PeriodCadence, PeriodKind, PeriodPolicy,
};

use super::access::{hidden, reader};
use super::{
    AssessmentEventView, AssessmentInputs, AssessmentOffers, AssessmentView, ObjectionView,
    PlanningActor, gather, stored,
};
use crate::entities::{assessment, assessment_event, employee};
use crate::error::{Result, corrupt};
use crate::{Store, convert, policies};

/// The days of an assessment's period under the agency's period policy in force; a period the
/// policy no longer has (its cadence changed since) is read with the cadence of its kind.
pub(super) async fn period_days<C: ConnectionTrait>(
    db: &C,
    m: &assessment::Model,
) -> Result<AssessmentPeriod> {
    let reference = stored::period(m)?;
    let policy = policies::in_force(db, AgencyId(m.agency_id), policies::today())
        .await?
        .assessment;
    if let Some(p) = reference.period(&policy) {
        return Ok(p);
    }
    let cadence = match reference.kind {
        PeriodKind::Month => PeriodCadence::Monthly,
        PeriodKind::Quarter | PeriodKind::Year => PeriodCadence::Quarterly,
    };
    let fallback = PeriodPolicy { cadence, ..policy };
    reference
        .period(&fallback)
        .or_else(|| {
            reference.period(&PeriodPolicy {
                cadence,
                ..PeriodPolicy::default()
            })
        })
        .ok_or_else(|| corrupt("assessment period", &reference.code()))
}

async fn events<C: ConnectionTrait>(db: &C, id: i64) -> Result<Vec<AssessmentEventView>> {
    assessment_event::Entity::find()
        .filter(assessment_event::Column::AssessmentId.eq(id))
        .order_by_asc(assessment_event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| {
            let earlier = stored::earlier_of(e.earlier_rating.as_deref())?;
            Ok(AssessmentEventView {
                id: e.id,
                kind: AssessmentEventKind::from_code(&e.kind)
                    .ok_or_else(|| corrupt("assessment event", &e.kind))?,
                reason: e.reason,
                earlier_rating: earlier.rating,
                earlier_performance_rating: earlier.performance_rating,
                by: e.by_label,
                at: e.at,
            })
        })
        .collect()
}

fn objection(m: &assessment::Model, events: &[AssessmentEventView]) -> Option<ObjectionView> {
    let reasons = m.objection_reasons.clone()?;
    let at = m.objected_at?;
    let upheld = m.decided_at.and_then(|_| {
        events.iter().rev().find_map(|e| match e.kind {
            AssessmentEventKind::ObjectionUpheld => Some(true),
            AssessmentEventKind::ObjectionDismissed => Some(false),
            AssessmentEventKind::Reopened => None,
        })
    });
    Some(ObjectionView {
        reasons,
        at,
        upheld,
        decision_reason: m.decision_reason.clone(),
        decided_at: m.decided_at,
        decided_by: m.decided_by.clone(),
    })
}

impl Store {
    /// The assessment `id` as `by` may read it: the employee, whoever exercises the fixed
    /// assessor post, the assessor's superior and the agency's HR admin read all of it; a
    /// team lead or recommender reads only their own note (no rating) — the recommender also
    /// before writing it (STR-06, offered `recommend`). Anyone else: not found.
    pub async fn assessment(&self, id: i64, by: &PlanningActor) -> Result<AssessmentView> {
        let m = assessment::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or_else(|| hidden(id))?;
        let r = reader(&self.db, &m, by).await?;
        let period = period_days(&self.db, &m).await?;
        let reference = stored::period(&m)?;
        let citation = stored::citation(&m.assessor_rule_id, &m.assessor_article)?;
        let mut view = AssessmentView {
            id: m.id,
            agency: AgencyId(m.agency_id),
            employee: EmployeeId(m.employee_id),
            employee_name: m.employee_name.clone(),
            nip: m.employee_nip.clone(),
            position_name: m.position_name.clone(),
            department_name: m.department_name.clone(),
            period: reference,
            period_label: reference.label(),
            window: (period.opens, period.closes),
            state: stored::state(&m)?,
            assessor_position: PositionId(m.assessor_position_id),
            assessor_position_name: m.assessor_position_name.clone(),
            assessor_citation: citation,
            assessor_now: None,
            recommender_position_name: m.recommender_position_name.clone(),
            rating: None,
            feedback: String::new(),
            performance_rating: None,
            finalised: None,
            objection: None,
            acknowledged_at: None,
            follow_up: None,
            events: Vec::new(),
            inputs: AssessmentInputs::default(),
            offers: AssessmentOffers::default(),
        };
        if !r.reads_all() {
            // A team lead or the recommender: their own notes only.
            let Some(me) = by.employee else {
                return Err(hidden(id));
            };
            let own: Vec<_> = gather::notes(&self.db, m.employee_id, reference)
                .await?
                .into_iter()
                .filter(|n| n.author_employee_id == Some(me.0))
                .collect();
            // STR-06: the recommender reaches the page (to write) before writing.
            if own.is_empty() && !r.recommender {
                return Err(hidden(id));
            }
            view.offers.recommend = r.may_recommend_now(&m)?;
            for n in &own {
                if n.kind == sikerja_domain::performance::NoteKind::Recommendation.code() {
                    view.inputs.recommendation = Some(gather::note_view(n));
                } else {
                    view.inputs.member_reports.push(gather::note_view(n));
                }
            }
            return Ok(view);
        }
        if let Ok((who, how)) = r.assessor_now() {
            let person = employee::Entity::find_by_id(who.0).one(&self.db).await?;
            view.assessor_now = person.map(|p| {
                let acting = match how {
                    Exercise::Definitive => String::new(),
                    Exercise::Acting(k) => format!(", {}", k.label()),
                };
                format!("{} (NIP {}{acting})", convert::display_name(&p), p.nip)
            });
        }
        view.events = events(&self.db, m.id).await?;
        view.objection = objection(&m, &view.events);
        view.rating = stored::rating(&m)?;
        view.feedback = m.feedback.clone();
        view.performance_rating = stored::performance_rating(&m)?;
        view.finalised = match (&m.finalised_by_name, m.finalised_at) {
            (Some(name), Some(at)) => Some((
                name.clone(),
                m.finalised_by_nip.clone().unwrap_or_default(),
                at,
                m.finalised_acting.unwrap_or(false),
            )),
            _ => None,
        };
        view.acknowledged_at = m.acknowledged_at;
        view.follow_up = stored::follow_up(&m)?;
        view.inputs = gather::inputs(&self.db, m.employee_id, &period).await?;
        view.offers = r.offers(&m)?;
        if view.state == AssessmentState::Draft && r.is_employee && r.assessor.is_err() {
            // The employee sees the draft's existence, not the assessor's work in progress.
            view.rating = None;
            view.feedback = String::new();
        }
        Ok(view)
    }
}
