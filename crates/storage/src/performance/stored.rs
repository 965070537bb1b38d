//! Row ↔ domain conversions of the assessment tables.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock, PoisonError};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};
use sikerja_domain::organisation::{EmployeeId, PositionId};
use sikerja_domain::performance::{
    AssessmentFacts, AssessmentRating, AssessmentState, BehaviourRating, ExpectationLevel,
    FixedAssessor, FollowUp, FollowUpKind, PerformanceRating, PeriodKind, ValueRating,
};
use sikerja_domain::rules::{Citation, RuleId};

use super::PeriodRef;
use crate::entities::assessment;
use crate::error::{Result, StorageError, corrupt};

/// The stored placement articles are a small closed set (the placement engine's); each is
/// kept once for the `&'static str` a [`Citation`] holds.
fn intern(article: &str) -> &'static str {
    static ARTICLES: OnceLock<Mutex<BTreeSet<&'static str>>> = OnceLock::new();
    let mut set = ARTICLES
        .get_or_init(|| Mutex::new(BTreeSet::new()))
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(known) = set.get(article) {
        return known;
    }
    let leaked: &'static str = Box::leak(article.to_string().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// A stored rule id and article as a citation.
pub(super) fn citation(rule_id: &str, article: &str) -> Result<Citation> {
    let rule = RuleId::parse(rule_id).ok_or_else(|| corrupt("rule id", rule_id))?;
    Ok(Citation::new(rule, intern(article)))
}

pub(super) fn state(m: &assessment::Model) -> Result<AssessmentState> {
    AssessmentState::from_code(&m.state).ok_or_else(|| corrupt("assessment state", &m.state))
}

pub(super) fn period(m: &assessment::Model) -> Result<PeriodRef> {
    period_of(m.period_year, &m.period_kind, m.period_number)
}

pub(super) fn period_of(year: i32, kind: &str, number: i32) -> Result<PeriodRef> {
    Ok(PeriodRef {
        year: u16::try_from(year).map_err(|_| corrupt("period year", &year.to_string()))?,
        kind: PeriodKind::from_code(kind).ok_or_else(|| corrupt("period kind", kind))?,
        number: u8::try_from(number).map_err(|_| corrupt("period number", &number.to_string()))?,
    })
}

pub(super) fn performance_rating(m: &assessment::Model) -> Result<Option<PerformanceRating>> {
    m.performance_rating
        .as_deref()
        .map(|c| PerformanceRating::from_code(c).ok_or_else(|| corrupt("performance rating", c)))
        .transpose()
}

fn level(what: &str, code: Option<&str>) -> Result<Option<ExpectationLevel>> {
    code.map(|c| ExpectationLevel::from_code(c).ok_or_else(|| corrupt(what, c)))
        .transpose()
}

pub(super) fn results_level(m: &assessment::Model) -> Result<Option<ExpectationLevel>> {
    level("results level", m.results_level.as_deref())
}

pub(super) fn behaviour_level(m: &assessment::Model) -> Result<Option<ExpectationLevel>> {
    level("behaviour level", m.behaviour_level.as_deref())
}

/// The saved rating (draft or final), if the assessor saved one.
pub(super) fn rating(m: &assessment::Model) -> Result<Option<AssessmentRating>> {
    let (Some(results), Some(behaviour)) = (results_level(m)?, behaviour_level(m)?) else {
        return Ok(None);
    };
    let values: Vec<ValueRating> = match &m.behaviour_values {
        Some(json) => serde_json::from_str(json).map_err(|_| corrupt("behaviour values", json))?,
        None => Vec::new(),
    };
    Ok(Some(AssessmentRating {
        results_level: results,
        work_behaviour: BehaviourRating {
            behaviour_level: behaviour,
            values,
        },
    }))
}

/// A rating as the events keep it.
#[derive(Serialize, Deserialize)]
pub(super) struct StoredRating {
    pub rating: Option<AssessmentRating>,
    pub performance_rating: Option<PerformanceRating>,
}

pub(super) fn earlier_json(m: &assessment::Model) -> Result<Option<String>> {
    let stored = StoredRating {
        rating: rating(m)?,
        performance_rating: performance_rating(m)?,
    };
    Ok(serde_json::to_string(&stored).ok())
}

pub(super) fn earlier_of(json: Option<&str>) -> Result<StoredRating> {
    match json {
        Some(j) => serde_json::from_str(j).map_err(|_| corrupt("earlier rating", j)),
        None => Ok(StoredRating {
            rating: None,
            performance_rating: None,
        }),
    }
}

pub(super) fn values_json(r: &AssessmentRating) -> String {
    serde_json::to_string(&r.work_behaviour.values).unwrap_or_else(|_| "[]".to_string())
}

pub(super) fn follow_up(m: &assessment::Model) -> Result<Option<FollowUp>> {
    let Some(kinds) = &m.follow_up_kinds else {
        return Ok(None);
    };
    let codes: Vec<String> =
        serde_json::from_str(kinds).map_err(|_| corrupt("follow-up kinds", kinds))?;
    Ok(Some(FollowUp {
        kinds: codes
            .iter()
            .map(|c| FollowUpKind::from_code(c).ok_or_else(|| corrupt("follow-up kind", c)))
            .collect::<Result<_>>()?,
        development_needs: m.development_needs.clone().unwrap_or_default(),
    }))
}

pub(super) fn kinds_json(f: &FollowUp) -> String {
    let codes: Vec<&str> = f.kinds.iter().map(|k| k.code()).collect();
    serde_json::to_string(&codes).unwrap_or_else(|_| "[]".to_string())
}

/// The assessor fixed on the record.
pub(super) fn fixed(m: &assessment::Model) -> Result<FixedAssessor> {
    Ok(FixedAssessor {
        employee: EmployeeId(m.employee_id),
        position: PositionId(m.assessor_position_id),
        recommender: m.recommender_position_id.map(PositionId),
        citation: citation(&m.assessor_rule_id, &m.assessor_article)?,
    })
}

pub(super) fn facts(m: &assessment::Model) -> Result<AssessmentFacts> {
    Ok(AssessmentFacts {
        state: state(m)?,
        rating: performance_rating(m)?,
        objected_before: m.objected_before,
    })
}

/// The assessment row, locked for the transaction's decision.
pub(super) async fn lock<C: ConnectionTrait>(db: &C, id: i64) -> Result<assessment::Model> {
    assessment::Entity::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("assessment", id))
}

/// The assessment of `employee` in `period`, if opened.
pub(super) async fn find<C: ConnectionTrait>(
    db: &C,
    employee: EmployeeId,
    period: PeriodRef,
) -> Result<Option<assessment::Model>> {
    Ok(assessment::Entity::find()
        .filter(assessment::Column::EmployeeId.eq(employee.0))
        .filter(assessment::Column::PeriodYear.eq(i32::from(period.year)))
        .filter(assessment::Column::PeriodKind.eq(period.kind.code()))
        .filter(assessment::Column::PeriodNumber.eq(i32::from(period.number)))
        .one(db)
        .await?)
}
