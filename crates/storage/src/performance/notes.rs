//! KIN-03 member reports and STR-06 recommendations: written for the assessor, one per author
//! post (and assignment, for a member report), rewritten by their author until the assessment
//! is finalised. Writing one opens the assessment if it is not open yet, which fixes its
//! assessor (KIN-04).

use chrono::{SubsecRound, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::json;
use sikerja_domain::assignment::{Day, MemberRole};
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::limits::{TextKind, check_as};
use sikerja_domain::organisation::{AgencyId, EmployeeId};
use sikerja_domain::performance::inputs::period_unknown;
use sikerja_domain::performance::{
    AssessmentPeriod, NoteKind, TeamMembership, may_recommend, may_rewrite_note,
    may_write_member_report,
};

use super::gather::{note_view, overlaps, teams_of};
use super::open::{fixing, open_in};
use super::{MemberReportDue, PeriodRef, PlanningActor, WorkRef, access, stored};
use crate::connect::WriteTxn;
use crate::entities::{assessment_note, assignment, assignment_member, employee, position};
use crate::error::{Result, StorageError};
use crate::execution::refused;
use crate::{Store, audit, convert, policies};

fn text_checked(text: &str) -> Result<&str> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StorageError::invalid(
            "note_text_blank",
            "Isi laporan atau rekomendasi wajib diisi.",
        ));
    }
    check_as(TextKind::Note, text)
        .map_err(|p| StorageError::invalid(p.code(), p.message("text")))?;
    Ok(text)
}

/// The period's days under the agency's period policy in force.
async fn period_of<C: ConnectionTrait>(
    db: &C,
    agency: i64,
    period: PeriodRef,
) -> Result<AssessmentPeriod> {
    let policy = policies::in_force(db, AgencyId(agency), policies::today())
        .await?
        .assessment;
    period
        .period(&policy)
        .ok_or_else(|| refused(period_unknown(&period.label())))
}

fn membership(m: &assignment_member::Model) -> Option<TeamMembership> {
    Some(TeamMembership {
        employee: EmployeeId(m.employee_id?),
        role: MemberRole::from_code(&m.role)?,
        from: Day::parse(&m.from_day).ok()?,
        until: Day::parse(&m.until_day).ok()?,
    })
}

/// What a note is keyed and labelled by.
struct NoteKey<'a> {
    kind: NoteKind,
    employee: i64,
    period: PeriodRef,
    work_key: String,
    work_title: Option<String>,
    author_position: i64,
    author_label: String,
    text: &'a str,
}

/// Writes or rewrites a note inside `txn`; returns its id.
async fn upsert(txn: &WriteTxn, agency: i64, k: &NoteKey<'_>, by: &PlanningActor) -> Result<i64> {
    let now = Utc::now().trunc_subsecs(6);
    let found = assessment_note::Entity::find()
        .filter(assessment_note::Column::Kind.eq(k.kind.code()))
        .filter(assessment_note::Column::EmployeeId.eq(k.employee))
        .filter(assessment_note::Column::PeriodYear.eq(i32::from(k.period.year)))
        .filter(assessment_note::Column::PeriodKind.eq(k.period.kind.code()))
        .filter(assessment_note::Column::PeriodNumber.eq(i32::from(k.period.number)))
        .filter(assessment_note::Column::WorkKey.eq(k.work_key.clone()))
        .filter(assessment_note::Column::AuthorPositionId.eq(k.author_position))
        .one(&**txn)
        .await?;
    let id = match found {
        Some(n) => {
            let id = n.id;
            let mut a: assessment_note::ActiveModel = n.into();
            a.text = Set(k.text.to_string());
            a.author_employee_id = Set(by.employee.map(|e| e.0));
            a.author_label = Set(k.author_label.clone());
            a.updated_at = Set(now);
            assessment_note::Entity::update(a).exec(&**txn).await?;
            id
        }
        None => {
            assessment_note::Entity::insert(assessment_note::ActiveModel {
                agency_id: Set(agency),
                kind: Set(k.kind.code().to_string()),
                employee_id: Set(k.employee),
                period_year: Set(i32::from(k.period.year)),
                period_kind: Set(k.period.kind.code().to_string()),
                period_number: Set(i32::from(k.period.number)),
                work_key: Set(k.work_key.clone()),
                work_title: Set(k.work_title.clone()),
                author_employee_id: Set(by.employee.map(|e| e.0)),
                author_position_id: Set(k.author_position),
                author_label: Set(k.author_label.clone()),
                text: Set(k.text.to_string()),
                written_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            })
            .exec(&**txn)
            .await?
            .last_insert_id
        }
    };
    let (action, rule_id, article) = match k.kind {
        NoteKind::MemberReport => (
            AuditAction::MemberReportWritten,
            "KIN-03",
            sikerja_domain::performance::inputs::KIN_03_ARTICLE,
        ),
        NoteKind::Recommendation => (
            AuditAction::RecommendationWritten,
            "STR-06",
            sikerja_domain::performance::inputs::STR_06_ARTICLE,
        ),
    };
    audit::append_by(
        txn,
        &by.audit,
        action,
        audit::Subject::new(AuditSubject::AssessmentNote, id, agency),
        json!({
            "employee": k.employee,
            "period": k.period.code(),
            "work": k.work_key,
            "author_position": k.author_position,
            "text": k.text,
            "rule_id": rule_id,
            "article": article,
        }),
    )
    .await?;
    Ok(id)
}

impl Store {
    /// KIN-03: the member reports `by` owes (or wrote) for `period`: each member of each team
    /// they led in the period.
    pub async fn member_reports_due(
        &self,
        period: PeriodRef,
        by: &PlanningActor,
    ) -> Result<Vec<MemberReportDue>> {
        let Some(me) = by.employee else {
            return Ok(Vec::new());
        };
        let Some(person) = employee::Entity::find_by_id(me.0).one(&self.db).await? else {
            return Ok(Vec::new());
        };
        let days = period_of(&self.db, person.agency_id, period).await?;
        let mut out = Vec::new();
        for team in teams_of(&self.db, me.0, MemberRole::TeamLead, &days).await? {
            let work =
                WorkRef::Assignment(sikerja_domain::assignment::AssignmentId(team.assignment.id));
            for m in team.members.iter().filter(|m| {
                m.role == MemberRole::Member.code()
                    && overlaps(m, &days)
                    && m.employee_id.is_some_and(|e| e != me.0)
            }) {
                let Some(member) = m.employee_id else {
                    continue;
                };
                let written = super::gather::notes(&self.db, member, period)
                    .await?
                    .into_iter()
                    .find(|n| {
                        n.kind == NoteKind::MemberReport.code()
                            && n.work_key == work.key()
                            && n.author_employee_id == Some(me.0)
                    })
                    .map(|n| note_view(&n));
                out.push(MemberReportDue {
                    member: EmployeeId(member),
                    member_name: m.name.clone(),
                    work,
                    work_title: team.assignment.title.clone(),
                    period,
                    written,
                });
            }
        }
        Ok(out)
    }

    /// KIN-03: the lead writes (or rewrites, until the assessment is finalised) the report of
    /// `member`'s performance in `work` for `period`. Opens the member's assessment if needed.
    /// Returns the note's id.
    pub async fn write_member_report(
        &self,
        member: EmployeeId,
        period: PeriodRef,
        work: WorkRef,
        text: &str,
        by: &PlanningActor,
    ) -> Result<i64> {
        by.audit.checked_label()?;
        let text = text_checked(text)?;
        let Some(me) = by.employee else {
            return Err(StorageError::forbidden(
                "not_the_team_lead",
                "Laporan kinerja anggota tim ditulis oleh ketua tim.",
            ));
        };
        let txn = self.begin_write().await?;
        let author = employee::Entity::find_by_id(me.0)
            .one(&*txn)
            .await?
            .ok_or_else(|| StorageError::not_found("employee", me.0))?;
        let days = period_of(&*txn, author.agency_id, period).await?;
        let (team, title) = match work {
            WorkRef::Assignment(a) => {
                let found = assignment::Entity::find_by_id(a.0).one(&*txn).await?;
                let members = assignment_member::Entity::find()
                    .filter(assignment_member::Column::AssignmentId.eq(a.0))
                    .all(&*txn)
                    .await?;
                let active = found.as_ref().is_some_and(|x| {
                    x.status == sikerja_domain::assignment::AssignmentStatus::Active.code()
                });
                let team: Vec<TeamMembership> = if active {
                    members.iter().filter_map(membership).collect()
                } else {
                    Vec::new()
                };
                (team, found.map(|x| x.title).unwrap_or_default())
            }
            WorkRef::Plan(_) => (Vec::new(), String::new()),
        };
        may_write_member_report(me, member, &team, &days).map_err(refused)?;
        let f = fixing(&*txn, member).await?;
        let row = open_in(&txn, &f, period, &by.audit).await?;
        may_rewrite_note(Some(stored::state(&row)?)).map_err(refused)?;
        let key = NoteKey {
            kind: NoteKind::MemberReport,
            employee: member.0,
            period,
            work_key: work.key(),
            work_title: Some(title.clone()),
            author_position: author.position_id.unwrap_or_default(),
            author_label: format!("{} (Ketua Tim {title})", convert::display_name(&author)),
            text,
        };
        let id = upsert(&txn, row.agency_id, &key, by).await?;
        txn.commit().await?;
        Ok(id)
    }

    /// STR-06: the Administrator — whoever exercises the recommender post fixed with the
    /// assessor — writes (or rewrites, until the assessment is finalised) the recommendation
    /// for an Ahli Madya's assessment. Opens the assessment if needed. Returns the note's id.
    pub async fn write_recommendation(
        &self,
        employee: EmployeeId,
        period: PeriodRef,
        text: &str,
        by: &PlanningActor,
    ) -> Result<i64> {
        by.audit.checked_label()?;
        let text = text_checked(text)?;
        let Some(me) = by.employee else {
            return Err(StorageError::forbidden(
                "not_the_recommender",
                "Rekomendasi ditulis oleh Administrator unit kerja tempat JF Ahli Madya ini bekerja.",
            ));
        };
        let txn = self.begin_write().await?;
        let existing = stored::find(&*txn, employee, period).await?;
        let (fixed, agency, fixing_now) = match &existing {
            Some(row) => (stored::fixed(row)?, row.agency_id, None),
            None => {
                let f = fixing(&*txn, employee).await?;
                (f.fixed.clone(), f.employee.agency_id, Some(f))
            }
        };
        let posts: Vec<i64> = fixed.recommender.map(|p| p.0).into_iter().collect();
        let snap = access::snapshot(&*txn, agency, &[employee.0, me.0], &posts).await?;
        may_recommend(&snap, me, employee, fixed.recommender).map_err(refused)?;
        let row = match (existing, fixing_now) {
            (Some(row), _) => row,
            (None, Some(f)) => open_in(&txn, &f, period, &by.audit).await?,
            (None, None) => return Err(StorageError::not_found("assessment", period.code())),
        };
        may_rewrite_note(Some(stored::state(&row)?)).map_err(refused)?;
        let author = employee::Entity::find_by_id(me.0)
            .one(&*txn)
            .await?
            .ok_or_else(|| StorageError::not_found("employee", me.0))?;
        let post_id = fixed.recommender.map(|p| p.0).unwrap_or_default();
        let post_name = position::Entity::find_by_id(post_id)
            .one(&*txn)
            .await?
            .map(|p| p.name)
            .unwrap_or_default();
        let key = NoteKey {
            kind: NoteKind::Recommendation,
            employee: employee.0,
            period,
            work_key: String::new(),
            work_title: None,
            author_position: post_id,
            author_label: format!("{} ({post_name})", convert::display_name(&author)),
            text,
        };
        let id = upsert(&txn, row.agency_id, &key, by).await?;
        txn.commit().await?;
        Ok(id)
    }
}
