//! Reports (LAP-01..03): the periodic duties of a piece of work with their due days and
//! lateness, reports submitted once per duty and period, and reports asked for by the head of
//! the Unit Organisasi with their answers. Every decision in one transaction with its audit
//! row; who reports what to whom is `sikerja_domain::execution::report`.

use sikerja_domain::audit::{AuditAction, AuditSubject};
use std::collections::HashMap;

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::assignment::{AssignmentStatus, Day};
use sikerja_domain::execution::report::{
    Addressee, MAX_NARRATIVE, ReportDraft, ReportKind, ReportLineKind, Timing, check_report,
    duties, may_answer_request, may_report, may_request_report, periods, timing,
};
use sikerja_domain::execution::{Actor, parts};
use sikerja_domain::organisation::{EmployeeId, PositionId};

use super::breakdown::items;
use super::policy::report_policy;
use super::{LoadedWork, WorkRef, load_actor, load_work, lock_work, refused, require_sight};
use crate::entities::{position, report_request, work_report, work_report_file, work_report_line};
use crate::error::{OnConstraint, Result, StorageError, corrupt};
use crate::planning::PlanningActor;
use crate::{Store, audit};

/// An evidence file already kept by the file store, to attach to a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceRecord {
    pub key: String,
    pub name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
}

/// The most evidence files one report carries (the web layer sizes the upload's body limit
/// by it).
pub const MAX_EVIDENCE_FILES: usize = 20;

/// A report to submit: periodic (its period's first day) or answering a request.
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    pub kind: Option<ReportKind>,
    pub period_start: Option<Day>,
    pub request: Option<i64>,
    pub draft: ReportDraft,
    pub files: Vec<EvidenceRecord>,
}

/// A line of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportLineView {
    pub kind: ReportLineKind,
    pub ref_id: i64,
    pub label: String,
    pub value: f64,
}

/// A submitted report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportView {
    pub id: i64,
    pub work: WorkRef,
    pub kind: ReportKind,
    pub reporter: EmployeeId,
    pub reporter_name: String,
    pub period_start: Option<Day>,
    pub period_end: Option<Day>,
    pub due: Day,
    pub request: Option<i64>,
    pub narrative: String,
    pub submitted_at: DateTime<Utc>,
    pub timing: Timing,
    pub lines: Vec<ReportLineView>,
    pub files: Vec<EvidenceRecord>,
}

/// A report owed for one period, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueReport {
    pub work: WorkRef,
    pub title: String,
    pub reporter: EmployeeId,
    pub reporter_name: String,
    pub kind: ReportKind,
    /// Whom it goes to, as shown ("Ketua Tim: …", the head's position name).
    pub to: Vec<String>,
    pub start: Day,
    pub end: Day,
    pub due: Day,
    pub timing: Timing,
    pub report: Option<i64>,
}

/// A report asked for (LAP-03).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportRequestView {
    pub id: i64,
    pub work: WorkRef,
    pub title: String,
    pub to: EmployeeId,
    pub to_name: String,
    pub by_label: String,
    pub message: String,
    pub due: Day,
    pub created_at: DateTime<Utc>,
    pub report: Option<i64>,
    pub timing: Timing,
}

/// The reporting of a piece of work: every periodic report owed, and the requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkSchedule {
    pub due: Vec<DueReport>,
    pub requests: Vec<ReportRequestView>,
}

fn parse_day(s: &str) -> Result<Day> {
    Day::parse(s).map_err(|_| corrupt("report day", s))
}

/// Position names of the addressees of a duty.
async fn addressee_labels<C: ConnectionTrait>(
    db: &C,
    w: &LoadedWork,
    to: &[Addressee],
) -> Result<Vec<String>> {
    let ids: Vec<i64> = to
        .iter()
        .filter_map(|a| match a {
            Addressee::Position(p) => Some(p.0),
            Addressee::Lead(_) => None,
        })
        .collect();
    let names: HashMap<i64, String> = position::Entity::find()
        .filter(position::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect();
    Ok(to
        .iter()
        .map(|a| match a {
            Addressee::Lead(e) => format!("Ketua Tim: {}", w.name(*e)),
            Addressee::Position(p) => names.get(&p.0).cloned().unwrap_or_default(),
        })
        .collect())
}

/// The periodic reports owed in `w`, with the ones submitted.
pub(super) async fn schedule_of<C: ConnectionTrait>(
    db: &C,
    w: &LoadedWork,
    today: Day,
) -> Result<Vec<DueReport>> {
    let policy = report_policy(db, w.agency).await?;
    let submitted: HashMap<(i64, String, String), (i64, Day)> = work_report::Entity::find()
        .filter(work_report::Column::WorkKey.eq(w.work_ref.key()))
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let on = parse_day(&r.submitted_on)?;
            Ok(((r.reporter_employee_id, r.kind, r.period_key), (r.id, on)))
        })
        .collect::<Result<_>>()?;
    let mut out = Vec::new();
    for duty in duties(&w.work, &policy) {
        let Some(m) = w.work.member(duty.reporter) else {
            continue;
        };
        let to = addressee_labels(db, w, &duty.to).await?;
        for p in periods(m.from, m.until, &policy) {
            let key = (
                duty.reporter.0,
                duty.kind.code().to_string(),
                p.start.to_string(),
            );
            let found = submitted.get(&key);
            out.push(DueReport {
                work: w.work_ref,
                title: w.title.clone(),
                reporter: duty.reporter,
                reporter_name: w.name(duty.reporter),
                kind: duty.kind,
                to: to.clone(),
                start: p.start,
                end: p.end,
                due: p.due,
                timing: timing(p.start, p.due, found.map(|(_, on)| *on), today),
                report: found.map(|(id, _)| *id),
            });
        }
    }
    Ok(out)
}

fn request_view(m: report_request::Model, w: &LoadedWork, today: Day) -> Result<ReportRequestView> {
    let due = parse_day(&m.due_day)?;
    Ok(ReportRequestView {
        id: m.id,
        work: w.work_ref,
        title: w.title.clone(),
        to: EmployeeId(m.to_employee_id),
        to_name: m.to_name,
        by_label: m.by_label,
        message: m.message,
        due,
        created_at: m.created_at,
        report: m.report_id,
        // A request is open from the day it is made.
        timing: if today > due {
            Timing::Late
        } else {
            Timing::Open
        },
    })
}

async fn requests_of<C: ConnectionTrait>(
    db: &C,
    w: &LoadedWork,
    today: Day,
) -> Result<Vec<ReportRequestView>> {
    let rows = report_request::Entity::find()
        .filter(report_request::Column::WorkKey.eq(w.work_ref.key()))
        .order_by_asc(report_request::Column::Id)
        .all(db)
        .await?;
    let answered: HashMap<i64, Day> = work_report::Entity::find()
        .filter(work_report::Column::WorkKey.eq(w.work_ref.key()))
        .filter(work_report::Column::RequestId.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|r| Ok((r.id, parse_day(&r.submitted_on)?)))
        .collect::<Result<_>>()?;
    rows.into_iter()
        .map(|m| {
            let at = m.report_id.and_then(|r| answered.get(&r).copied());
            let mut v = request_view(m, w, today)?;
            if let Some(on) = at {
                v.timing = timing(v.due, v.due, Some(on), today);
            }
            Ok(v)
        })
        .collect()
}

async fn report_views<C: ConnectionTrait>(
    db: &C,
    w: &LoadedWork,
    rows: Vec<work_report::Model>,
) -> Result<Vec<ReportView>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut lines: HashMap<i64, Vec<work_report_line::Model>> = HashMap::new();
    for l in work_report_line::Entity::find()
        .filter(work_report_line::Column::ReportId.is_in(ids.clone()))
        .order_by_asc(work_report_line::Column::Id)
        .all(db)
        .await?
    {
        lines.entry(l.report_id).or_default().push(l);
    }
    let mut files: HashMap<i64, Vec<EvidenceRecord>> = HashMap::new();
    for f in work_report_file::Entity::find()
        .filter(work_report_file::Column::ReportId.is_in(ids))
        .order_by_asc(work_report_file::Column::Id)
        .all(db)
        .await?
    {
        files.entry(f.report_id).or_default().push(EvidenceRecord {
            key: f.file_key,
            name: f.name,
            media_type: f.media_type,
            size: f.size,
            sha256: f.sha256,
        });
    }
    let activity_names: HashMap<i64, String> = items(db, w.work_ref)
        .await?
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    let target_names: HashMap<i64, String> = crate::entities::agreement_target::Entity::find()
        .filter(crate::entities::agreement_target::Column::Id.is_in(w.targets.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.indicator))
        .collect();
    rows.into_iter()
        .map(|r| {
            let due = parse_day(&r.due_day)?;
            let kind =
                ReportKind::from_code(&r.kind).ok_or_else(|| corrupt("report kind", &r.kind))?;
            let start = r.period_start.as_deref().map(parse_day).transpose()?;
            Ok(ReportView {
                id: r.id,
                work: w.work_ref,
                kind,
                reporter: EmployeeId(r.reporter_employee_id),
                reporter_name: r.reporter_name,
                period_start: start,
                period_end: r.period_end.as_deref().map(parse_day).transpose()?,
                due,
                request: r.request_id,
                timing: timing(
                    start.unwrap_or(due),
                    due,
                    Some(parse_day(&r.submitted_on)?),
                    due,
                ),
                narrative: r.narrative,
                submitted_at: r.submitted_at,
                lines: lines
                    .remove(&r.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|l| {
                        let kind = ReportLineKind::from_code(&l.kind)
                            .ok_or_else(|| corrupt("report line kind", &l.kind))?;
                        let names = match kind {
                            ReportLineKind::Activity => &activity_names,
                            ReportLineKind::Target => &target_names,
                        };
                        Ok(ReportLineView {
                            label: names.get(&l.ref_id).cloned().unwrap_or_default(),
                            kind,
                            ref_id: l.ref_id,
                            value: l.value,
                        })
                    })
                    .collect::<Result<_>>()?,
                files: files.remove(&r.id).unwrap_or_default(),
            })
        })
        .collect()
}

/// Whether `actor` may read `report` of `w`: its reporter, whoever it goes to, and the head of
/// the owner Unit Organisasi (who may ask for any report, LAP-03).
fn may_read_report(actor: &Actor, w: &LoadedWork, r: &ReportView) -> bool {
    let p = parts(actor, &w.work);
    if actor.employee == Some(r.reporter) || p.owner_head.is_some() || p.responsible {
        return true;
    }
    match r.kind {
        ReportKind::MemberToLead => actor.employee.is_some_and(|e| w.work.is_lead(e)),
        _ => p.assessor_of.iter().any(|(e, _)| *e == r.reporter),
    }
}

impl Store {
    /// The periodic reports owed in a piece of work and its report requests, seen on `today`.
    pub async fn work_schedule(
        &self,
        r: WorkRef,
        by: &PlanningActor,
        today: Day,
    ) -> Result<WorkSchedule> {
        let w = load_work(&self.db, r).await?;
        let actor = load_actor(&self.db, by).await?;
        require_sight(&actor, &w)?;
        Ok(WorkSchedule {
            due: schedule_of(&self.db, &w, today).await?,
            requests: requests_of(&self.db, &w, today).await?,
        })
    }

    /// The reports of a piece of work that `by` may read, newest first.
    pub async fn work_reports(&self, r: WorkRef, by: &PlanningActor) -> Result<Vec<ReportView>> {
        let w = load_work(&self.db, r).await?;
        let actor = load_actor(&self.db, by).await?;
        require_sight(&actor, &w)?;
        let rows = work_report::Entity::find()
            .filter(work_report::Column::WorkKey.eq(r.key()))
            .order_by_desc(work_report::Column::Id)
            .all(&self.db)
            .await?;
        Ok(report_views(&self.db, &w, rows)
            .await?
            .into_iter()
            .filter(|v| may_read_report(&actor, &w, v))
            .collect())
    }

    /// One report, for someone who may read it (its evidence files are served only then).
    pub async fn work_report(&self, id: i64, by: &PlanningActor) -> Result<ReportView> {
        let row = work_report::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("report", id))?;
        let r = work_ref_of(row.assignment_id, row.plan_id)?;
        let w = load_work(&self.db, r).await?;
        let actor = load_actor(&self.db, by).await?;
        let view = report_views(&self.db, &w, vec![row])
            .await?
            .pop()
            .ok_or_else(|| StorageError::not_found("report", id))?;
        if !may_read_report(&actor, &w, &view) {
            return Err(StorageError::forbidden(
                "not_a_report_reader",
                "Laporan ini hanya dapat dibaca oleh pelapor, penerimanya dan Pimpinan Unit Organisasi pemilik kinerja.",
            ));
        }
        Ok(view)
    }

    /// Submits a report (LAP-01..03): a periodic one once per duty and period, from the
    /// period's first day; an answer once per request, by the person asked.
    pub async fn submit_report(
        &self,
        r: WorkRef,
        input: &ReportInput,
        by: &PlanningActor,
        today: Day,
    ) -> Result<i64> {
        by.audit.checked_label()?;
        if input.files.len() > MAX_EVIDENCE_FILES {
            return Err(StorageError::invalid(
                "too_many_evidence_files",
                format!(
                    "Satu laporan memuat paling banyak {MAX_EVIDENCE_FILES} berkas bukti dukung."
                ),
            ));
        }
        let txn = self.begin_write().await?;
        lock_work(&*txn, r).await?;
        let w = load_work(&*txn, r).await?;
        let actor = load_actor(&*txn, by).await?;
        let policy = report_policy(&*txn, w.agency).await?;
        let me = actor.employee.ok_or_else(|| {
            StorageError::forbidden("not_an_employee", "Laporan disampaikan oleh pegawai.")
        })?;
        let (kind, period_key, start, end, due, request) = match input.request {
            Some(req) => {
                let q = report_request::Entity::find_by_id(req)
                    .lock_exclusive()
                    .one(&*txn)
                    .await?
                    .filter(|q| q.work_key == r.key())
                    .ok_or_else(|| StorageError::not_found("report request", req))?;
                may_answer_request(&actor, &w.work, EmployeeId(q.to_employee_id), &q.to_name)
                    .map_err(refused)?;
                if q.report_id.is_some() {
                    return Err(StorageError::conflict(
                        "report_already_submitted",
                        "Permintaan laporan ini sudah dijawab.",
                    ));
                }
                (
                    ReportKind::Requested,
                    format!("request:{req}"),
                    None,
                    None,
                    parse_day(&q.due_day)?,
                    Some(req),
                )
            }
            None => {
                let kind = input.kind.ok_or_else(|| {
                    StorageError::invalid("report_kind_missing", "Jenis laporan wajib dipilih.")
                })?;
                let duty = may_report(&actor, &w.work, &policy, kind).map_err(refused)?;
                let m = w.work.member(duty.reporter).ok_or_else(|| {
                    StorageError::forbidden("not_an_employee", "Laporan disampaikan oleh anggota.")
                })?;
                let wanted = input.period_start.ok_or_else(|| {
                    StorageError::invalid("report_period_missing", "Periode laporan wajib dipilih.")
                })?;
                let p = periods(m.from, m.until, &policy)
                    .into_iter()
                    .find(|p| p.start == wanted)
                    .ok_or_else(|| {
                        StorageError::invalid(
                            "report_period_unknown",
                            "Periode laporan tidak termasuk masa tugas pelapor.",
                        )
                    })?;
                if today < p.start {
                    return Err(StorageError::invalid(
                        "report_period_not_started",
                        format!(
                            "Laporan periode ini dapat disampaikan mulai {}.",
                            p.start.label()
                        ),
                    ));
                }
                (
                    kind,
                    p.start.to_string(),
                    Some(p.start),
                    Some(p.end),
                    p.due,
                    None,
                )
            }
        };
        let exists = work_report::Entity::find()
            .filter(work_report::Column::WorkKey.eq(r.key()))
            .filter(work_report::Column::ReporterEmployeeId.eq(me.0))
            .filter(work_report::Column::Kind.eq(kind.code()))
            .filter(work_report::Column::PeriodKey.eq(period_key.clone()))
            .one(&*txn)
            .await?;
        if exists.is_some() {
            return Err(StorageError::conflict(
                "report_already_submitted",
                "Laporan untuk periode ini sudah disampaikan.",
            ));
        }
        let activities: Vec<i64> = items(&*txn, r).await?.iter().map(|i| i.id).collect();
        let content = check_report(&input.draft, &activities, &w.targets).map_err(|problems| {
            StorageError::invalid(
                problems.first().map_or("report_invalid", |p| p.code),
                problems
                    .iter()
                    .map(|p| p.message.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        })?;
        let now = Utc::now().trunc_subsecs(6);
        let id = work_report::Entity::insert(work_report::ActiveModel {
            agency_id: Set(w.agency.0),
            work_key: Set(r.key()),
            assignment_id: Set(r.assignment_id()),
            plan_id: Set(r.plan_id()),
            kind: Set(kind.code().to_string()),
            reporter_employee_id: Set(me.0),
            reporter_name: Set(w.name(me)),
            period_key: Set(period_key),
            period_start: Set(start.map(|d| d.to_string())),
            period_end: Set(end.map(|d| d.to_string())),
            due_day: Set(due.to_string()),
            request_id: Set(request),
            narrative: Set(content.narrative.clone()),
            submitted_on: Set(today.to_string()),
            submitted_at: Set(now),
            submitted_by: Set(by.audit.label.clone()),
            ..Default::default()
        })
        .exec(&*txn)
        .await
        .on_constraint("penyampaian laporan")
        .map_err(|e| match e.code() {
            "duplicate_key" => StorageError::conflict(
                "report_already_submitted",
                "Laporan untuk periode ini sudah disampaikan.",
            ),
            _ => e,
        })?
        .last_insert_id;
        let lines = content
            .progress
            .iter()
            .map(|(a, p)| (ReportLineKind::Activity, *a, f64::from(*p)))
            .chain(
                content
                    .realisation
                    .iter()
                    .map(|(t, v)| (ReportLineKind::Target, *t, *v)),
            );
        for (k, ref_id, value) in lines {
            work_report_line::Entity::insert(work_report_line::ActiveModel {
                report_id: Set(id),
                kind: Set(k.code().to_string()),
                ref_id: Set(ref_id),
                value: Set(value),
                ..Default::default()
            })
            .exec(&*txn)
            .await?;
        }
        for f in &input.files {
            work_report_file::Entity::insert(work_report_file::ActiveModel {
                report_id: Set(id),
                file_key: Set(f.key.clone()),
                name: Set(f.name.clone()),
                media_type: Set(f.media_type.clone()),
                size: Set(f.size),
                sha256: Set(f.sha256.clone()),
                ..Default::default()
            })
            .exec(&*txn)
            .await?;
        }
        if let Some(req) = request {
            report_request::Entity::update_many()
                .col_expr(
                    report_request::Column::ReportId,
                    sea_orm::sea_query::Expr::value(id),
                )
                .filter(report_request::Column::Id.eq(req))
                .exec(&*txn)
                .await?;
        }
        let c = kind.citation();
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::WorkReportSubmitted,
            audit::Subject::new(AuditSubject::WorkReport, id, w.agency.0),
            json!({
                "work": r.key(),
                "kind": kind.code(),
                "period_start": start,
                "due": due,
                "late": today > due,
                "request": request,
                "progress": content.progress,
                "realisation": content.realisation,
                "files": input.files.iter().map(|f| json!({"name": f.name, "sha256": f.sha256})).collect::<Vec<_>>(),
                "rule_id": c.rule_id.to_string(),
                "article": c.article,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// The head of the owner Unit Organisasi asks the lead or a member for a report, due on
    /// `due` (LAP-03).
    pub async fn request_report(
        &self,
        r: WorkRef,
        to: EmployeeId,
        due: Day,
        message: &str,
        by: &PlanningActor,
        today: Day,
    ) -> Result<i64> {
        by.audit.checked_label()?;
        let message = message.trim();
        if message.is_empty() || message.chars().count() > MAX_NARRATIVE {
            return Err(StorageError::invalid(
                "report_request_message_invalid",
                format!(
                    "Uraian laporan yang diminta wajib diisi, paling panjang {MAX_NARRATIVE} karakter."
                ),
            ));
        }
        if due < today {
            return Err(StorageError::invalid(
                "report_request_due_past",
                "Batas waktu laporan tidak boleh sebelum hari ini.",
            ));
        }
        let txn = self.begin_write().await?;
        lock_work(&*txn, r).await?;
        let w = load_work(&*txn, r).await?;
        let actor = load_actor(&*txn, by).await?;
        let head: PositionId = may_request_report(&actor, &w.work, to).map_err(refused)?;
        let head_name = position::Entity::find_by_id(head.0)
            .one(&*txn)
            .await?
            .map(|p| p.name)
            .unwrap_or_default();
        let id = report_request::Entity::insert(report_request::ActiveModel {
            agency_id: Set(w.agency.0),
            work_key: Set(r.key()),
            assignment_id: Set(r.assignment_id()),
            plan_id: Set(r.plan_id()),
            to_employee_id: Set(to.0),
            to_name: Set(w.name(to)),
            by_employee_id: Set(actor.employee.map(|e| e.0)),
            by_position_id: Set(head.0),
            by_label: Set(head_name),
            message: Set(message.to_string()),
            due_day: Set(due.to_string()),
            created_at: Set(Utc::now().trunc_subsecs(6)),
            report_id: Set(None),
            ..Default::default()
        })
        .exec(&*txn)
        .await?
        .last_insert_id;
        // Issue 18 point 4: the employee asked is told, from the outbox.
        crate::notifications::enqueue(
            &*txn,
            crate::notifications::NewEvent {
                kind: sikerja_domain::notification::NotificationKind::ReportRequested,
                recipient: sikerja_domain::notification::Recipient::Employee(to),
                agency: Some(w.agency.0),
                subject: id,
                title: w.title.clone(),
                note: format!("Batas waktu {}. {message}", due.label()),
                link: match r {
                    WorkRef::Assignment(a) => format!("/pelaksanaan/penugasan/{}", a.0),
                    WorkRef::Plan(p) => format!("/pelaksanaan/rencana/{p}"),
                },
            },
            Utc::now(),
        )
        .await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::WorkReportRequested,
            audit::Subject::new(AuditSubject::ReportRequest, id, w.agency.0),
            json!({
                "work": r.key(),
                "to": to.0,
                "due": due,
                "message": message,
                "position": head.0,
                "rule_id": "LAP-03",
                "article": "Pasal 17 ayat 2",
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// What `by` has to do or await in reporting, seen on `today`: report requests addressed
    /// to them and not answered; periodic reports they owe that are open or late; and reports
    /// addressed to them (as lead, head or PPK) that are late. For the inbox.
    pub async fn reporting_inbox(
        &self,
        by: &PlanningActor,
        today: Day,
    ) -> Result<(Vec<ReportRequestView>, Vec<DueReport>)> {
        let actor = load_actor(&self.db, by).await?;
        let Some(me) = actor.employee else {
            return Ok((Vec::new(), Vec::new()));
        };
        let mut works: Vec<WorkRef> = crate::entities::assignment_member::Entity::find()
            .filter(crate::entities::assignment_member::Column::EmployeeId.eq(me.0))
            .select_only()
            .column(crate::entities::assignment_member::Column::AssignmentId)
            .into_tuple::<i64>()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|a| WorkRef::Assignment(sikerja_domain::assignment::AssignmentId(a)))
            .collect();
        // Work owned by a unit whose head position they exercise.
        if !actor.exercises.is_empty() {
            let units: Vec<i64> = position::Entity::find()
                .filter(position::Column::Id.is_in(actor.exercises.iter().map(|p| p.0)))
                .filter(position::Column::IsHead.eq(true))
                .all(&self.db)
                .await?
                .into_iter()
                .map(|p| p.unit_id)
                .collect();
            if !units.is_empty() {
                works.extend(
                    crate::entities::assignment::Entity::find()
                        .filter(crate::entities::assignment::Column::OwnerUnitId.is_in(units))
                        .filter(
                            crate::entities::assignment::Column::Status
                                .eq(AssignmentStatus::Active.code()),
                        )
                        .select_only()
                        .column(crate::entities::assignment::Column::Id)
                        .into_tuple::<i64>()
                        .all(&self.db)
                        .await?
                        .into_iter()
                        .map(|a| WorkRef::Assignment(sikerja_domain::assignment::AssignmentId(a))),
                );
            }
        }
        // Approved activity plans they hold or approve (MEK-04: carried out like individual work).
        works.extend(super::plans::plans_involving(&self.db, &actor).await?);
        works.sort_by_key(|w| w.key());
        works.dedup();
        let mut requests = Vec::new();
        let mut due = Vec::new();
        for r in works {
            let w = load_work(&self.db, r).await?;
            if !w.work.running {
                continue;
            }
            let p = parts(&actor, &w.work);
            for q in requests_of(&self.db, &w, today).await? {
                if q.to == me && q.report.is_none() {
                    requests.push(q);
                }
            }
            for d in schedule_of(&self.db, &w, today).await? {
                let mine = d.reporter == me && matches!(d.timing, Timing::Open | Timing::Late);
                let awaited = d.timing == Timing::Late
                    && d.reporter != me
                    && (p.owner_head.is_some()
                        || (d.kind == ReportKind::MemberToLead && w.work.is_lead(me))
                        || p.assessor_of.iter().any(|(e, _)| *e == d.reporter));
                // Only the current period of one's own: not every future month.
                if (mine && today >= d.start) || awaited {
                    due.push(d);
                }
            }
        }
        Ok((requests, due))
    }
}

/// The work a record belongs to, from its nullable keys.
pub(crate) fn work_ref_of(assignment: Option<i64>, plan: Option<i64>) -> Result<WorkRef> {
    match (assignment, plan) {
        (Some(a), _) => Ok(WorkRef::Assignment(
            sikerja_domain::assignment::AssignmentId(a),
        )),
        (None, Some(p)) => Ok(WorkRef::Plan(p)),
        (None, None) => Err(corrupt("work of a record", "none")),
    }
}
