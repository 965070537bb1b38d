//! The placements of a department as of a day (issue 14 point 1, KED-11: "who assessed whom on
//! 1 March"; a future day: as they will be once the pending changes take effect). The
//! placement engine runs on the organisation as of that day ([`Store::organisation_as_of`])
//! with today's manual decisions (KED-09); nothing is written.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use sikerja_domain::assignment::Day;
use sikerja_domain::organisation::{
    DepartmentId, Employee, EmployeeId, Organisation, Position, PositionId, Unit, UnitId,
};
use sikerja_domain::placement::{Official, Outcome, compute_placements};

use crate::Store;
use crate::entities::manual_placement;
use crate::error::{Result, corrupt};
use crate::recompute::manual_decisions;
use crate::views::{ManualRecord, OfficialRef, PersonRef, PlacementStatus, PlacementView};

/// The organisation of one day, indexed for building views.
struct Index<'o> {
    employees: HashMap<EmployeeId, &'o Employee>,
    positions: HashMap<PositionId, (usize, &'o Position)>,
    units: HashMap<UnitId, (usize, &'o Unit)>,
    departments: HashMap<DepartmentId, &'o str>,
}

impl<'o> Index<'o> {
    fn new(org: &'o Organisation) -> Self {
        Index {
            employees: org.employees.iter().map(|e| (e.id, e)).collect(),
            positions: org
                .positions
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id, (i, p)))
                .collect(),
            units: org
                .units
                .iter()
                .enumerate()
                .map(|(i, u)| (u.id, (i, u)))
                .collect(),
            departments: org
                .departments
                .iter()
                .map(|d| (d.id, d.name.as_str()))
                .collect(),
        }
    }

    fn person(&self, id: EmployeeId) -> Result<PersonRef> {
        let e = self
            .employees
            .get(&id)
            .ok_or_else(|| corrupt("employee as of a day", &id.0.to_string()))?;
        Ok(PersonRef {
            employee: e.id,
            nip: e.nip.clone(),
            name: e.display_name(),
            grade: e.grade,
            rank: e.grade.rank().map(|r| r.to_string()),
        })
    }

    fn official(&self, o: Option<&Official>) -> Result<Option<OfficialRef>> {
        let Some(o) = o else { return Ok(None) };
        let (_, post) = self
            .positions
            .get(&o.position)
            .ok_or_else(|| corrupt("position as of a day", &o.position.0.to_string()))?;
        Ok(Some(OfficialRef {
            person: self.person(o.employee)?,
            position: o.position,
            position_name: post.name.clone(),
            class: o.class,
            acting: o.acting,
        }))
    }
}

impl Store {
    /// The placements of `department` as of `day`, `today` being the day today's tables hold,
    /// in unit-tree then position order. Empty when the department did not (or will not)
    /// exist that day. Refused as `organisation_as_of` refuses (`org_as_of_before_records`).
    pub async fn placements_as_of(
        &self,
        department: DepartmentId,
        day: Day,
        today: Day,
    ) -> Result<Vec<PlacementView>> {
        let agency = self.department(department).await?.agency;
        let org = self.organisation_as_of(agency, day, today).await?;
        let txn = self.db.begin().await?;
        let manual = manual_decisions(&txn, agency).await?;
        txn.commit().await?;
        let records: HashMap<i64, ManualRecord> = if manual.is_empty() {
            HashMap::new()
        } else {
            manual_placement::Entity::find()
                .filter(manual_placement::Column::EmployeeId.is_in(manual.keys().map(|e| e.0)))
                .all(&self.db)
                .await?
                .into_iter()
                .map(|m| {
                    (
                        m.employee_id,
                        ManualRecord {
                            justification: m.justification,
                            decided_by: m.decided_by,
                            decided_at: m.decided_at,
                        },
                    )
                })
                .collect()
        };
        let idx = Index::new(&org);
        let mut out: Vec<((usize, usize), PlacementView)> = Vec::new();
        for outcome in compute_placements(&org, &manual) {
            let e = outcome.employee();
            let Some(post_id) = idx.employees.get(&e).and_then(|x| x.position) else {
                continue;
            };
            let Some(&(post_rank, post)) = idx.positions.get(&post_id) else {
                continue;
            };
            let Some(&(unit_rank, unit)) = idx.units.get(&post.unit) else {
                continue;
            };
            if unit.department != department {
                continue;
            }
            let mut v = PlacementView {
                employee: idx.person(e)?,
                position: post.id,
                position_name: post.name.clone(),
                position_class: post.class,
                functional_level: post.functional_level,
                unit: unit.id,
                unit_name: unit.name.clone(),
                department,
                department_name: idx
                    .departments
                    .get(&department)
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                status: PlacementStatus::Placed,
                superior: None,
                assessor: None,
                coordinator: None,
                recommender: None,
                rule_id: String::new(),
                article: String::new(),
                assessor_rule_id: None,
                assessor_article: None,
                notes: Vec::new(),
                reason: None,
                manual: None,
            };
            match &outcome {
                Outcome::Placed(p) => {
                    v.superior = idx.official(Some(&p.superior))?;
                    v.assessor = idx.official(Some(&p.assessor))?;
                    v.coordinator = idx.official(p.coordinator.as_ref())?;
                    v.recommender = idx.official(p.recommender.as_ref())?;
                    v.rule_id = p.citation.rule_id.as_str().to_string();
                    v.article = p.citation.article.to_string();
                    v.assessor_rule_id = p
                        .assessor_citation
                        .as_ref()
                        .map(|c| c.rule_id.as_str().to_string());
                    v.assessor_article =
                        p.assessor_citation.as_ref().map(|c| c.article.to_string());
                    v.notes = p.notes.clone();
                    if p.manual {
                        v.manual = records.get(&e.0).cloned();
                    }
                }
                Outcome::Unresolved(u) => {
                    v.status = PlacementStatus::Unresolved;
                    v.rule_id = u.citation.rule_id.as_str().to_string();
                    v.article = u.citation.article.to_string();
                    v.reason = Some(u.reason.clone());
                }
            }
            out.push(((unit_rank, post_rank), v));
        }
        out.sort_by_key(|(k, _)| *k);
        Ok(out.into_iter().map(|(_, v)| v).collect())
    }
}
