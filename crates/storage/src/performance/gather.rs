//! The inputs gathered for the assessor (KIN-01, KIN-03, STR-06): the expectations agreed for
//! the year, the targets of the employee's Perjanjian Kinerja with their realisation from
//! accepted results (MEK-05), the work reports submitted and the feedback received in the
//! period, the team leads' member reports and the Administrator's recommendation — and the
//! leads who have not written yet.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use sikerja_domain::assignment::{AssignmentId, AssignmentStatus, Day, MemberRole};
use sikerja_domain::execution::report::ReportKind;
use sikerja_domain::performance::{AssessmentPeriod, NoteKind};

use super::{
    AssessmentInputs, FeedbackInput, NoteView, PeriodRef, ReportInput, TargetInput, WorkRef,
};
use crate::batch::{IDS_PER_QUERY, rows_where_in, unique_ids};
use crate::entities::{
    activity_plan, agreement_target, assessment_note, assignment, assignment_member, expectation,
    performance_agreement, work_feedback, work_report, work_result_realisation,
};
use crate::error::Result;
use crate::policies::day_of;

/// One team (an active assignment) with all its memberships.
pub(super) struct Team {
    pub assignment: assignment::Model,
    pub members: Vec<assignment_member::Model>,
}

fn day(s: &str) -> Option<Day> {
    Day::parse(s).ok()
}

/// Whether a membership overlaps the period.
pub(super) fn overlaps(m: &assignment_member::Model, period: &AssessmentPeriod) -> bool {
    match (day(&m.from_day), day(&m.until_day)) {
        (Some(from), Some(until)) => from <= period.ends && period.starts <= until,
        _ => false,
    }
}

/// The active assignments in which `employee` served with `role` during the period, each
/// with all its memberships.
pub(super) async fn teams_of<C: ConnectionTrait>(
    db: &C,
    employee: i64,
    role: MemberRole,
    period: &AssessmentPeriod,
) -> Result<Vec<Team>> {
    let mine = assignment_member::Entity::find()
        .filter(assignment_member::Column::EmployeeId.eq(employee))
        .filter(assignment_member::Column::Role.eq(role.code()))
        .all(db)
        .await?;
    let ids = unique_ids(
        mine.iter()
            .filter(|m| overlaps(m, period))
            .map(|m| m.assignment_id),
    );
    let assignments = rows_where_in::<assignment::Entity, _>(db, assignment::Column::Id, &ids)
        .await?
        .into_iter()
        .filter(|a| a.status == AssignmentStatus::Active.code())
        .collect::<Vec<_>>();
    let members = rows_where_in::<assignment_member::Entity, _>(
        db,
        assignment_member::Column::AssignmentId,
        &assignments.iter().map(|a| a.id).collect::<Vec<_>>(),
    )
    .await?;
    let mut out: Vec<Team> = assignments
        .into_iter()
        .map(|a| Team {
            members: members
                .iter()
                .filter(|m| m.assignment_id == a.id)
                .cloned()
                .collect(),
            assignment: a,
        })
        .collect();
    out.sort_by_key(|t| t.assignment.id);
    Ok(out)
}

/// A number as people read it: no decimals when whole.
fn number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

fn with_unit(value: &str, unit: &str) -> String {
    match unit.trim() {
        "" => value.trim().to_string(),
        u => format!("{} {u}", value.trim()),
    }
}

/// A target's realisation as the assessor and the e-Kinerja export read it. Accepting results
/// records it as a percentage of the target (0–100, `work_result_realisations.after`, as the
/// target's `progress`); with a numeric target, the amount it stands for in the target's unit
/// comes first: "8 dokumen (80%)".
fn realisation_text(percent: f64, target_number: Option<f64>, unit: &str) -> String {
    match target_number.filter(|n| *n > 0.0) {
        Some(n) => format!(
            "{} ({}%)",
            with_unit(&number(n * percent / 100.0), unit),
            number(percent)
        ),
        None => format!("{}%", number(percent)),
    }
}

/// The targets of the employee's agreements of the year, each with its result plan and the
/// realisation recorded by accepted results up to the period's last day.
pub(super) async fn targets<C: ConnectionTrait>(
    db: &C,
    employee: i64,
    period: &AssessmentPeriod,
) -> Result<Vec<TargetInput>> {
    Ok(targets_of(db, &[employee], period)
        .await?
        .remove(&employee)
        .unwrap_or_default())
}

/// [`targets`] for many employees at once, in a fixed number of queries whatever their
/// number (the agreements, their targets, the parents and the realisations, each one query
/// per chunk of ids), grouped per employee here. An employee without targets has no entry.
pub(super) async fn targets_of<C: ConnectionTrait>(
    db: &C,
    employees: &[i64],
    period: &AssessmentPeriod,
) -> Result<HashMap<i64, Vec<TargetInput>>> {
    let mut agreements = Vec::new();
    for chunk in unique_ids(employees.iter().copied()).chunks(IDS_PER_QUERY) {
        agreements.extend(
            performance_agreement::Entity::find()
                .filter(performance_agreement::Column::EmployeeId.is_in(chunk.iter().copied()))
                .filter(performance_agreement::Column::Year.eq(i32::from(period.year)))
                .all(db)
                .await?,
        );
    }
    let holder: HashMap<i64, i64> = agreements
        .iter()
        .filter_map(|a| a.employee_id.map(|e| (a.id, e)))
        .collect();
    let mut rows = rows_where_in::<agreement_target::Entity, _>(
        db,
        agreement_target::Column::AgreementId,
        &unique_ids(agreements.iter().map(|a| a.id)),
    )
    .await?;
    let parents: HashMap<i64, String> = rows_where_in::<agreement_target::Entity, _>(
        db,
        agreement_target::Column::Id,
        &unique_ids(rows.iter().filter_map(|t| t.parent_target_id)),
    )
    .await?
    .into_iter()
    .map(|t| (t.id, t.indicator))
    .collect();
    // The latest realisation of each target recorded up to the period's last day.
    let mut latest: HashMap<i64, work_result_realisation::Model> = HashMap::new();
    for r in rows_where_in::<work_result_realisation::Entity, _>(
        db,
        work_result_realisation::Column::TargetId,
        &unique_ids(rows.iter().map(|t| t.id)),
    )
    .await?
    {
        if day_of(r.recorded_at) > period.ends {
            continue;
        }
        match latest.get(&r.target_id) {
            Some(l) if (l.recorded_at, l.id) >= (r.recorded_at, r.id) => {}
            _ => {
                latest.insert(r.target_id, r);
            }
        }
    }
    rows.sort_by_key(|t| (t.agreement_id, t.sort_order, t.id));
    let mut out: HashMap<i64, Vec<TargetInput>> = HashMap::new();
    for t in &rows {
        let Some(employee) = holder.get(&t.agreement_id) else {
            continue;
        };
        let realisation = latest
            .get(&t.id)
            .map(|r| realisation_text(r.after, t.target_number, &t.unit))
            .unwrap_or_default();
        out.entry(*employee).or_default().push(TargetInput {
            result_plan: t
                .parent_target_id
                .and_then(|p| parents.get(&p).cloned())
                .unwrap_or_else(|| t.indicator.clone()),
            indicator: t.indicator.clone(),
            target: with_unit(&t.target, &t.unit),
            realisation,
        });
    }
    Ok(out)
}

pub(super) fn note_view(n: &assessment_note::Model) -> NoteView {
    NoteView {
        id: n.id,
        author_label: n.author_label.clone(),
        work_title: n.work_title.clone(),
        text: n.text.clone(),
        written_at: n.written_at,
    }
}

/// The notes written for the employee's assessment of `period`.
pub(super) async fn notes<C: ConnectionTrait>(
    db: &C,
    employee: i64,
    period: PeriodRef,
) -> Result<Vec<assessment_note::Model>> {
    Ok(assessment_note::Entity::find()
        .filter(assessment_note::Column::EmployeeId.eq(employee))
        .filter(assessment_note::Column::PeriodYear.eq(i32::from(period.year)))
        .filter(assessment_note::Column::PeriodKind.eq(period.kind.code()))
        .filter(assessment_note::Column::PeriodNumber.eq(i32::from(period.number)))
        .order_by_asc(assessment_note::Column::Id)
        .all(db)
        .await?)
}

/// Everything gathered for the assessor of `employee` in `period`.
pub(super) async fn inputs<C: ConnectionTrait>(
    db: &C,
    employee: i64,
    period: &AssessmentPeriod,
) -> Result<AssessmentInputs> {
    let reference = PeriodRef::of(period);
    let expectations = expectation::Entity::find()
        .filter(expectation::Column::EmployeeId.eq(employee))
        .filter(expectation::Column::Year.eq(i32::from(period.year)))
        .order_by_asc(expectation::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|e| e.text)
        .collect();
    let reports = work_report::Entity::find()
        .filter(work_report::Column::ReporterEmployeeId.eq(employee))
        .filter(work_report::Column::SubmittedOn.gte(period.starts.to_string()))
        .filter(work_report::Column::SubmittedOn.lte(period.ends.to_string()))
        .order_by_asc(work_report::Column::SubmittedOn)
        .order_by_asc(work_report::Column::Id)
        .all(db)
        .await?;
    let titles: HashMap<i64, String> = rows_where_in::<assignment::Entity, _>(
        db,
        assignment::Column::Id,
        &unique_ids(reports.iter().filter_map(|r| r.assignment_id)),
    )
    .await?
    .into_iter()
    .map(|a| (a.id, a.title))
    .collect();
    let plans: HashMap<i64, String> = rows_where_in::<activity_plan::Entity, _>(
        db,
        activity_plan::Column::Id,
        &unique_ids(reports.iter().filter_map(|r| r.plan_id)),
    )
    .await?
    .into_iter()
    .map(|p| (p.id, p.title))
    .collect();
    let reports = reports
        .iter()
        .filter_map(|r| {
            let (work, work_title) = match (r.assignment_id, r.plan_id) {
                (Some(a), _) => (
                    WorkRef::Assignment(AssignmentId(a)),
                    titles.get(&a).cloned().unwrap_or_default(),
                ),
                (None, Some(p)) => (WorkRef::Plan(p), plans.get(&p).cloned().unwrap_or_default()),
                (None, None) => return None,
            };
            let kind = ReportKind::from_code(&r.kind)
                .map(|k| k.label().to_string())
                .unwrap_or_else(|| r.kind.clone());
            let title = match r.period_start.as_deref().and_then(day) {
                Some(d) => format!("{kind} (periode mulai {})", d.label()),
                None => kind,
            };
            Some(ReportInput {
                id: r.id,
                title,
                date: day(&r.submitted_on)?,
                work,
                work_title,
            })
        })
        .collect();
    let feedback = work_feedback::Entity::find()
        .filter(work_feedback::Column::ToEmployeeId.eq(employee))
        .order_by_asc(work_feedback::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter(|f| {
            let d = day_of(f.given_at);
            period.starts <= d && d <= period.ends
        })
        .map(|f| FeedbackInput {
            author_label: f.author_label,
            text: f.text,
            date: f.given_at,
        })
        .collect();
    let notes = notes(db, employee, reference).await?;
    let member_reports: Vec<NoteView> = notes
        .iter()
        .filter(|n| n.kind == NoteKind::MemberReport.code())
        .map(note_view)
        .collect();
    let recommendation = notes
        .iter()
        .rfind(|n| n.kind == NoteKind::Recommendation.code())
        .map(note_view);
    let mut leads_pending = Vec::new();
    for team in teams_of(db, employee, MemberRole::Member, period).await? {
        let key = WorkRef::Assignment(AssignmentId(team.assignment.id)).key();
        for lead in team
            .members
            .iter()
            .filter(|m| m.role == MemberRole::TeamLead.code() && overlaps(m, period))
        {
            let written = notes.iter().any(|n| {
                n.kind == NoteKind::MemberReport.code()
                    && n.work_key == key
                    && n.author_employee_id.is_some()
                    && n.author_employee_id == lead.employee_id
            });
            if !written && lead.employee_id != Some(employee) {
                leads_pending.push(format!(
                    "{} (Ketua Tim {})",
                    lead.name, team.assignment.title
                ));
            }
        }
    }
    Ok(AssessmentInputs {
        expectations,
        targets: targets(db, employee, period).await?,
        reports,
        feedback,
        member_reports,
        recommendation,
        leads_pending,
    })
}

#[cfg(test)]
mod tests {
    use super::realisation_text;

    #[test]
    fn a_realisation_is_a_percentage_of_the_target_shown_with_the_amount_it_stands_for() {
        // Ten documents, fully realised: 10 dokumen, not "100 dokumen (1000%)".
        assert_eq!(
            realisation_text(100.0, Some(10.0), "dokumen"),
            "10 dokumen (100%)"
        );
        assert_eq!(
            realisation_text(80.0, Some(10.0), "dokumen"),
            "8 dokumen (80%)"
        );
        assert_eq!(realisation_text(62.5, Some(4.0), ""), "2.50 (62.50%)");
        // A target without a number (e.g. "Tersusunnya dokumen"): the percentage alone.
        assert_eq!(realisation_text(100.0, None, "dokumen"), "100%");
        assert_eq!(realisation_text(50.0, Some(0.0), "laporan"), "50%");
    }
}
