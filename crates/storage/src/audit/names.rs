//! The names an audit page shows instead of "Pegawai #648" (issue 15 point 5): each record a
//! page of entries names, and each official acting in it, looked up once per kind of record
//! for the whole page. A record that no longer exists keeps no name (the page then shows its
//! kind and id).

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use sikerja_domain::Nip;
use sikerja_domain::audit::AuditSubject;

use super::AuditEntry;
use crate::Store;
use crate::convert::display_name;
use crate::entities::{
    activity_plan, agency, api_token, assessment, assignment, employee, issued_letter,
    performance_agreement, process_map, regional_head, role_grant, team_issue, work_result,
};
use crate::error::Result;

/// Where a named record has its own page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordLink {
    /// `/pegawai/{id}`
    Employee(i64),
    /// `/penugasan/{id}`
    Assignment(i64),
    /// `/penugasan/surat/{id}` (the request letter the issued letter was made from)
    Letter(i64),
    /// `/kinerja/perjanjian/{id}`
    Agreement(i64),
    /// `/pelaksanaan/penugasan/{id}`
    AssignmentWork(i64),
    /// `/pelaksanaan/rencana/{id}`
    PlanWork(i64),
    /// `/pelaksanaan/hasil/{id}`
    WorkResult(i64),
    /// `/pelaksanaan/permasalahan/{id}`
    TeamIssue(i64),
    /// `/peta-proses/{id}`
    ProcessMap(i64),
}

/// A record as a sentence names it ("penugasan “Survei …”", "Budi (NIP 1988 …)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordName {
    pub name: String,
    pub link: Option<RecordLink>,
}

/// The names of the records and actors of some audit entries.
#[derive(Debug, Clone, Default)]
pub struct AuditNames {
    records: HashMap<(String, String), RecordName>,
    actors: HashMap<String, i64>,
}

impl AuditNames {
    /// The name of the record an entry is about, if it still exists.
    pub fn record(&self, e: &AuditEntry) -> Option<&RecordName> {
        self.records.get(&(e.entity.clone(), e.entity_id.clone()))
    }

    /// The employee an entry's actor label names ("Nama (NIP …)"), if any.
    pub fn actor(&self, e: &AuditEntry) -> Option<i64> {
        self.actors.get(&e.actor).copied()
    }
}

/// The NIP in an actor label "Nama (NIP 1987…)", spaces removed.
pub fn actor_nip(label: &str) -> Option<String> {
    let rest = label.rsplit_once("(NIP ")?.1;
    let digits: String = rest
        .split(')')
        .next()?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Nip::parse(&digits).ok().map(|_| digits)
}

fn ids(entries: &[AuditEntry], kind: AuditSubject) -> Vec<i64> {
    let set: HashSet<i64> = entries
        .iter()
        .filter(|e| e.entity == kind.code())
        .filter_map(|e| e.entity_id.parse().ok())
        .collect();
    set.into_iter().collect()
}

fn person(m: &employee::Model) -> RecordName {
    let nip = Nip::parse(&m.nip).map_or_else(|_| m.nip.clone(), |n| n.spaced());
    RecordName {
        name: format!("{} (NIP {nip})", display_name(m)),
        link: Some(RecordLink::Employee(m.id)),
    }
}

impl Store {
    /// The names of the records `entries` are about and the employees acting in them.
    pub async fn audit_names(&self, entries: &[AuditEntry]) -> Result<AuditNames> {
        let mut names = AuditNames::default();
        let mut put = |kind: AuditSubject, id: &str, name: RecordName| {
            names
                .records
                .insert((kind.code().to_string(), id.to_string()), name);
        };

        let grants = role_grant::Entity::find()
            .filter(role_grant::Column::Id.is_in(ids(entries, AuditSubject::RoleGrant)))
            .all(&self.db)
            .await?;
        let mut people = ids(entries, AuditSubject::Employee);
        people.extend(grants.iter().map(|g| g.employee_id));
        let people: HashMap<i64, employee::Model> = employee::Entity::find()
            .filter(employee::Column::Id.is_in(people))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| (m.id, m))
            .collect();
        for p in people.values() {
            put(AuditSubject::Employee, &p.id.to_string(), person(p));
        }
        for g in &grants {
            if let Some(p) = people.get(&g.employee_id) {
                put(AuditSubject::RoleGrant, &g.id.to_string(), person(p));
            }
        }

        for a in agency::Entity::find()
            .filter(agency::Column::Id.is_in(ids(entries, AuditSubject::Agency)))
            .all(&self.db)
            .await?
        {
            let name = RecordName {
                name: a.name,
                link: None,
            };
            put(AuditSubject::Agency, &a.id.to_string(), name);
        }
        for r in regional_head::Entity::find()
            .filter(regional_head::Column::Id.is_in(ids(entries, AuditSubject::RegionalHead)))
            .all(&self.db)
            .await?
        {
            let name = RecordName {
                name: format!("{} ({})", r.name, r.title),
                link: None,
            };
            put(AuditSubject::RegionalHead, &r.id.to_string(), name);
        }
        for t in api_token::Entity::find()
            .filter(api_token::Column::Id.is_in(ids(entries, AuditSubject::ApiToken)))
            .all(&self.db)
            .await?
        {
            let name = RecordName {
                name: format!("token API “{}”", t.name),
                link: None,
            };
            put(AuditSubject::ApiToken, &t.id.to_string(), name);
        }
        for a in assignment::Entity::find()
            .filter(assignment::Column::Id.is_in(ids(entries, AuditSubject::Assignment)))
            .all(&self.db)
            .await?
        {
            let name = RecordName {
                name: format!("penugasan “{}”", a.title),
                link: Some(RecordLink::Assignment(a.id)),
            };
            put(AuditSubject::Assignment, &a.id.to_string(), name);
        }
        for l in issued_letter::Entity::find()
            .filter(issued_letter::Column::Id.is_in(ids(entries, AuditSubject::IssuedLetter)))
            .all(&self.db)
            .await?
        {
            let name = RecordName {
                name: format!("surat nomor {}", l.number),
                link: Some(RecordLink::Letter(l.request_letter_id)),
            };
            put(AuditSubject::IssuedLetter, &l.id.to_string(), name);
        }
        for a in performance_agreement::Entity::find()
            .filter(
                performance_agreement::Column::Id
                    .is_in(ids(entries, AuditSubject::PerformanceAgreement)),
            )
            .all(&self.db)
            .await?
        {
            let name = RecordName {
                name: format!(
                    "Perjanjian Kinerja {} {} ({})",
                    a.year, a.position_name, a.holder_name
                ),
                link: Some(RecordLink::Agreement(a.id)),
            };
            put(AuditSubject::PerformanceAgreement, &a.id.to_string(), name);
        }
        for r in work_result::Entity::find()
            .filter(work_result::Column::Id.is_in(ids(entries, AuditSubject::WorkResult)))
            .all(&self.db)
            .await?
        {
            let name = RecordName {
                name: format!("hasil kerja “{}”", r.title),
                link: Some(RecordLink::WorkResult(r.id)),
            };
            put(AuditSubject::WorkResult, &r.id.to_string(), name);
        }
        for i in team_issue::Entity::find()
            .filter(team_issue::Column::Id.is_in(ids(entries, AuditSubject::TeamIssue)))
            .all(&self.db)
            .await?
        {
            let name = RecordName {
                name: format!("permasalahan “{}”", i.title),
                link: Some(RecordLink::TeamIssue(i.id)),
            };
            put(AuditSubject::TeamIssue, &i.id.to_string(), name);
        }
        for a in assessment::Entity::find()
            .filter(assessment::Column::Id.is_in(ids(entries, AuditSubject::Assessment)))
            .all(&self.db)
            .await?
        {
            let period = crate::performance::PeriodRef {
                year: u16::try_from(a.period_year).unwrap_or_default(),
                kind: sikerja_domain::performance::PeriodKind::from_code(&a.period_kind)
                    .unwrap_or(sikerja_domain::performance::PeriodKind::Year),
                number: u8::try_from(a.period_number).unwrap_or(1),
            };
            let name = RecordName {
                name: format!("penilaian kinerja {} ({})", a.employee_name, period.label()),
                link: None,
            };
            put(AuditSubject::Assessment, &a.id.to_string(), name);
        }
        for m in process_map::Entity::find()
            .filter(process_map::Column::Id.is_in(ids(entries, AuditSubject::ProcessMap)))
            .all(&self.db)
            .await?
        {
            let name = RecordName {
                name: format!("peta proses “{}”", m.title),
                link: Some(RecordLink::ProcessMap(m.id)),
            };
            put(AuditSubject::ProcessMap, &m.id.to_string(), name);
        }
        self.name_work(entries, &mut put).await?;

        let nips: HashSet<String> = entries.iter().filter_map(|e| actor_nip(&e.actor)).collect();
        let by_nip: HashMap<String, i64> = employee::Entity::find()
            .filter(employee::Column::Nip.is_in(nips))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|m| (m.nip, m.id))
            .collect();
        for e in entries {
            if let Some(id) = actor_nip(&e.actor).and_then(|n| by_nip.get(&n)) {
                names.actors.insert(e.actor.clone(), *id);
            }
        }
        Ok(names)
    }

    /// Names the work (`a:<assignment>`, `p:<plan>`) execution entries are about.
    async fn name_work(
        &self,
        entries: &[AuditEntry],
        put: &mut impl FnMut(AuditSubject, &str, RecordName),
    ) -> Result<()> {
        let keys: Vec<&str> = entries
            .iter()
            .filter(|e| e.entity == AuditSubject::Work.code())
            .map(|e| e.entity_id.as_str())
            .collect();
        let numbered = |prefix: &str| -> Vec<i64> {
            keys.iter()
                .filter_map(|k| k.strip_prefix(prefix)?.parse().ok())
                .collect()
        };
        for a in assignment::Entity::find()
            .filter(assignment::Column::Id.is_in(numbered("a:")))
            .all(&self.db)
            .await?
        {
            let name = RecordName {
                name: format!("penugasan “{}”", a.title),
                link: Some(RecordLink::AssignmentWork(a.id)),
            };
            put(AuditSubject::Work, &format!("a:{}", a.id), name);
        }
        for p in activity_plan::Entity::find()
            .filter(activity_plan::Column::Id.is_in(numbered("p:")))
            .all(&self.db)
            .await?
        {
            let name = RecordName {
                name: format!("rencana kegiatan “{}”", p.title),
                link: Some(RecordLink::PlanWork(p.id)),
            };
            put(AuditSubject::Work, &format!("p:{}", p.id), name);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::actor_nip;

    #[test]
    fn the_nip_of_an_actor_label_is_read_with_or_without_spaces() {
        assert_eq!(
            actor_nip("Hj. Siti Aminah, S.K.M. (NIP 197001011995032001)").as_deref(),
            Some("197001011995032001")
        );
        assert_eq!(
            actor_nip("Budi (NIP 19700101 199503 2 001)").as_deref(),
            Some("197001011995032001")
        );
        assert_eq!(actor_nip("Bupati (akun bupati.banjar)"), None);
        assert_eq!(actor_nip("sistem"), None);
        assert_eq!(actor_nip("X (NIP 12)"), None);
    }
}
