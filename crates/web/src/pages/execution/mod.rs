//! Execution pages — *Pelaksanaan* (issue 13 point 8; MEK-04, LAP-01..04): the reader's work
//! (`/pelaksanaan`: activities they are responsible for, reports due, report requests to
//! answer, feedback to acknowledge, and for team leads and heads the monitoring of each team
//! and person), one page per running assignment or approved activity plan
//! (`/pelaksanaan/penugasan/{id}`, `/pelaksanaan/rencana/{id}`: breakdown, schedule of
//! reports, reports, requests, feedback) and its forms, one handler for both kinds.
//! Storage decides every change (who may edit, report, ask, give feedback); a refused form
//! shows the page again with the Indonesian reason, its rule and article, and changes nothing.

pub mod evidence;
pub mod forms;
pub mod index;
pub mod issues;
pub mod results;
pub mod work;

use sikerja_domain::assignment::Day;
use sikerja_domain::execution::report::Timing;
use sikerja_storage::{DueReport, ReportRequestView, WorkRef};

use crate::error::WebError;
use crate::format;

/// Today in WITA, the day reports are measured against.
pub(crate) fn today() -> Result<Day, WebError> {
    Day::parse(&format::today_iso()).map_err(|e| WebError::internal("today", &e))
}

/// "10 Desember 2026" for a day.
pub(crate) fn day(d: Day) -> String {
    chrono::NaiveDate::from_ymd_opt(
        i32::from(d.year()),
        u32::from(d.month()),
        u32::from(d.day()),
    )
    .map_or_else(|| d.to_string(), format::day)
}

/// Indonesian label of a kind of work.
pub(crate) fn kind_label(k: sikerja_domain::execution::WorkKind) -> &'static str {
    use sikerja_domain::execution::WorkKind;
    match k {
        WorkKind::Individual => "Penugasan individu",
        WorkKind::Team => "Penugasan tim kerja",
        WorkKind::ActivityPlan => "Rencana pelaksanaan kegiatan dan anggaran",
    }
}

/// The CSS class of a timing badge.
pub(crate) fn timing_class(t: Timing) -> &'static str {
    match t {
        Timing::OnTime => "ok",
        Timing::Late | Timing::SubmittedLate => "bad",
        Timing::Open => "warn",
        Timing::Upcoming => "",
    }
}

/// The page of a piece of work.
pub(crate) fn work_href(r: WorkRef) -> String {
    match r {
        WorkRef::Assignment(a) => format!("/pelaksanaan/penugasan/{}", a.0),
        WorkRef::Plan(p) => format!("/pelaksanaan/rencana/{p}"),
    }
}

/// A report owed, as listed.
pub struct DueLine {
    pub href: String,
    pub title: String,
    pub reporter: String,
    pub kind: &'static str,
    pub rule_id: String,
    pub article: &'static str,
    pub to: String,
    pub period: String,
    pub due: String,
    pub timing: &'static str,
    pub timing_class: &'static str,
}

impl DueLine {
    pub fn new(d: &DueReport) -> DueLine {
        let c = d.kind.citation();
        DueLine {
            href: work_href(d.work),
            title: d.title.clone(),
            reporter: d.reporter_name.clone(),
            kind: d.kind.label(),
            rule_id: c.rule_id.to_string(),
            article: c.article,
            to: d.to.join("; "),
            period: format!("{} – {}", day(d.start), day(d.end)),
            due: day(d.due),
            timing: d.timing.label(),
            timing_class: timing_class(d.timing),
        }
    }
}

/// A report request, as listed.
pub struct RequestLine {
    pub href: String,
    pub title: String,
    pub to: String,
    pub by: String,
    pub message: String,
    pub due: String,
    pub asked: String,
    pub answered: bool,
    pub timing: &'static str,
    pub timing_class: &'static str,
}

impl RequestLine {
    pub fn new(q: &ReportRequestView) -> RequestLine {
        RequestLine {
            href: work_href(q.work),
            title: q.title.clone(),
            to: q.to_name.clone(),
            by: q.by_label.clone(),
            message: q.message.clone(),
            due: day(q.due),
            asked: format::date(q.created_at),
            answered: q.report.is_some(),
            timing: q.timing.label(),
            timing_class: timing_class(q.timing),
        }
    }
}

/// Feedback, as listed.
pub struct FeedbackLine {
    pub id: i64,
    pub href: String,
    pub to: String,
    pub author: String,
    pub text: String,
    pub given: String,
    pub report: Option<i64>,
    pub acknowledged: Option<String>,
    /// The reader is the member it is for and has not acknowledged it.
    pub mine_to_acknowledge: bool,
}

impl FeedbackLine {
    pub fn new(
        f: &sikerja_storage::FeedbackView,
        me: Option<sikerja_domain::organisation::EmployeeId>,
    ) -> FeedbackLine {
        FeedbackLine {
            id: f.id,
            href: work_href(f.work),
            to: f.to_name.clone(),
            author: f.author_label.clone(),
            text: f.text.clone(),
            given: format::date_time(f.given_at),
            report: f.report,
            acknowledged: f.acknowledged_at.map(format::date_time),
            mine_to_acknowledge: f.acknowledged_at.is_none() && me == Some(f.to),
        }
    }
}

/// The message of a refused form: the reason, and the rule and article when the code is one
/// the regulation causes and the message does not cite it yet.
pub(crate) fn refusal_text(e: &WebError) -> String {
    let message = e.message();
    match e.citation() {
        Some(c) if !message.contains(c.rule_id.as_str()) => format!("{message} ({c})"),
        _ => message,
    }
}
