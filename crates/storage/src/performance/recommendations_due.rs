//! STR-06: the recommendations the reader writes as Administrator for the Ahli Madya
//! assessments of a period. Storage loads the candidates (the opened assessments and the
//! placements naming a post the reader exercises as recommender) and one snapshot per agency;
//! the domain's `may_recommend` and `may_rewrite_note` decide each.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use sikerja_domain::organisation::{EmployeeId, PositionId};
use sikerja_domain::performance::{NoteKind, may_recommend, may_rewrite_note};
use sikerja_domain::placement::PlacementStatus;

use super::access::snapshot;
use super::gather::note_view;
use super::periods::due;
use super::{PeriodRef, PlanningActor, RecommendationDue, stored};
use crate::batch::{rows_where_in, unique_ids};
use crate::entities::{assessment, assessment_note, placement};
use crate::error::Result;
use crate::{Store, holders};

/// One candidate: the employee, their agency, the recommender post, and the assessment if
/// opened.
struct Candidate<'a> {
    employee: i64,
    agency: i64,
    recommender: i64,
    opened: Option<&'a assessment::Model>,
    placed: Option<&'a placement::Model>,
}

impl Store {
    /// STR-06: the Ahli Madya assessments of `period` whose recommendation `by` writes
    /// (whoever exercises the recommender post fixed with the assessor, or named by the
    /// placement while the assessment is not opened), still open to a recommendation (not
    /// finalised), each with the recommendation written so far. Sorted by name.
    pub async fn recommendations_due(
        &self,
        period: PeriodRef,
        by: &PlanningActor,
    ) -> Result<Vec<RecommendationDue>> {
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
            .filter(assessment::Column::RecommenderPositionId.is_in(posts.iter().copied()))
            .filter(assessment::Column::PeriodYear.eq(i32::from(period.year)))
            .filter(assessment::Column::PeriodKind.eq(period.kind.code()))
            .filter(assessment::Column::PeriodNumber.eq(i32::from(period.number)))
            .all(&self.db)
            .await?;
        let placed = placement::Entity::find()
            .filter(placement::Column::RecommenderPositionId.is_in(posts.iter().copied()))
            .filter(placement::Column::Status.eq(PlacementStatus::Placed.code()))
            .all(&self.db)
            .await?;
        // Opened with another recommender (fixed on another post): not this list's.
        let opened_any: HashSet<i64> = rows_where_in::<assessment::Entity, _>(
            &self.db,
            assessment::Column::EmployeeId,
            &unique_ids(placed.iter().map(|p| p.employee_id)),
        )
        .await?
        .into_iter()
        .filter(|m| stored::period(m).is_ok_and(|p| p == period))
        .map(|m| m.employee_id)
        .collect();
        let mut candidates: Vec<Candidate> = opened
            .iter()
            .filter_map(|m| {
                Some(Candidate {
                    employee: m.employee_id,
                    agency: m.agency_id,
                    recommender: m.recommender_position_id?,
                    opened: Some(m),
                    placed: None,
                })
            })
            .collect();
        candidates.extend(placed.iter().filter_map(|p| {
            (!opened_any.contains(&p.employee_id)).then_some(Candidate {
                employee: p.employee_id,
                agency: p.agency_id,
                recommender: p.recommender_position_id?,
                opened: None,
                placed: Some(p),
            })
        }));
        candidates.retain(|c| c.employee != me.0);
        if candidates.is_empty() {
            return Ok(Vec::new());
        }
        // The domain decides: one snapshot per agency (usually one).
        let mut snaps = HashMap::new();
        for agency in unique_ids(candidates.iter().map(|c| c.agency)) {
            let people: Vec<i64> = std::iter::once(me.0)
                .chain(
                    candidates
                        .iter()
                        .filter(|c| c.agency == agency)
                        .map(|c| c.employee),
                )
                .collect();
            let posts = unique_ids(
                candidates
                    .iter()
                    .filter(|c| c.agency == agency)
                    .map(|c| c.recommender),
            );
            snaps.insert(
                agency,
                snapshot(&self.db, agency, &unique_ids(people), &posts).await?,
            );
        }
        let mut kept = Vec::new();
        for c in candidates {
            let Some(snap) = snaps.get(&c.agency) else {
                continue;
            };
            if may_recommend(
                snap,
                me,
                EmployeeId(c.employee),
                Some(PositionId(c.recommender)),
            )
            .is_err()
            {
                continue;
            }
            let state = c.opened.map(stored::state).transpose()?;
            if may_rewrite_note(state).is_err() {
                continue;
            }
            kept.push(c);
        }
        let written: Vec<assessment_note::Model> = rows_where_in::<assessment_note::Entity, _>(
            &self.db,
            assessment_note::Column::EmployeeId,
            &unique_ids(kept.iter().map(|c| c.employee)),
        )
        .await?
        .into_iter()
        .filter(|n| {
            n.kind == NoteKind::Recommendation.code()
                && n.period_year == i32::from(period.year)
                && n.period_kind == period.kind.code()
                && n.period_number == i32::from(period.number)
        })
        .collect();
        let waiting: Vec<&placement::Model> = kept.iter().filter_map(|c| c.placed).collect();
        let names = self.placed_names(&waiting).await?;
        let policies = self
            .period_policies(&kept.iter().map(|c| c.agency).collect::<Vec<_>>())
            .await?;
        let mut out = Vec::new();
        for c in &kept {
            let written = written
                .iter()
                .filter(|n| n.employee_id == c.employee && n.author_position_id == c.recommender)
                .max_by_key(|n| n.id)
                .map(note_view);
            let due = policies.get(&c.agency).and_then(|p| due(period, p));
            let line = match (c.opened, c.placed) {
                (Some(m), _) => RecommendationDue {
                    assessment: Some(m.id),
                    employee: EmployeeId(m.employee_id),
                    employee_name: m.employee_name.clone(),
                    nip: m.employee_nip.clone(),
                    position_name: m.position_name.clone(),
                    department_name: m.department_name.clone(),
                    period,
                    due,
                    written,
                },
                (None, Some(p)) => {
                    let Some(n) = names.get(&p.employee_id) else {
                        continue;
                    };
                    RecommendationDue {
                        assessment: None,
                        employee: EmployeeId(p.employee_id),
                        employee_name: n.name.clone(),
                        nip: n.nip.clone(),
                        position_name: n.position_name.clone(),
                        department_name: n.department_name.clone(),
                        period,
                        due,
                        written,
                    }
                }
                (None, None) => continue,
            };
            out.push(line);
        }
        out.sort_by(|a, b| {
            a.employee_name
                .cmp(&b.employee_name)
                .then(a.employee.0.cmp(&b.employee.0))
        });
        Ok(out)
    }
}
