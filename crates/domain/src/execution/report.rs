//! Reports (LAP-01..03): who reports what to whom, for which period and by when, and what a
//! report holds.
//!
//! - LAP-01: an individually assigned JF/Pelaksana (and the holder of an activity plan)
//!   reports to the head of the Unit Organisasi and/or their PPK;
//! - LAP-02: a team member reports to the team lead; the lead reports the team's work to the
//!   head of the Unit Organisasi and/or the PPK, periodically;
//! - LAP-03: the head of the Unit Organisasi may ask the lead or any member for a report at
//!   any time; the request, its due date and the answer are recorded.
//!
//! "and/or" is an agency setting ([`ReportAddressees`]); the period ([`ReportPeriod`],
//! monthly by default) and the days allowed after a period's end ([`ReportPolicy::grace_days`])
//! too.

use serde::{Deserialize, Serialize};

use super::work::{Actor, Refusal, RefusalKind, Work, WorkKind, parts, require_running};
use crate::assignment::Day;
use crate::org::vocabulary;
use crate::organisation::{EmployeeId, PositionId};
use crate::planning::target::{Problem, parse_number};
use crate::rules::RuleId;

/// Longest narrative of a report, and of a request's message.
pub const MAX_NARRATIVE: usize = 4000;

vocabulary! {
    /// How often periodic reports are due (an agency setting; LAP-02 "secara berkala").
    ReportPeriod {
        Weekly => "weekly", "mingguan";
        Monthly => "monthly", "bulanan";
        Quarterly => "quarterly", "triwulanan";
    }
}

vocabulary! {
    /// Whom the head-level reports go to (LAP-01, LAP-02 "dan/atau").
    ReportAddressees {
        Both => "both", "Pimpinan Unit Organisasi dan Pejabat Penilai Kinerja";
        OrgUnitHead => "org_unit_head", "Pimpinan Unit Organisasi";
        Assessor => "assessor", "Pejabat Penilai Kinerja";
    }
}

vocabulary! {
    /// The kind of a report.
    ReportKind {
        MemberToLead => "member_to_lead", "Laporan anggota kepada Ketua Tim";
        TeamToHead => "team_to_head", "Laporan pekerjaan tim";
        IndividualToHead => "individual_to_head", "Laporan penugasan individu";
        Requested => "requested", "Laporan atas permintaan";
    }
}

impl ReportKind {
    /// The rule the report answers.
    pub fn citation(self) -> crate::rules::Citation {
        use crate::rules::Citation;
        match self {
            ReportKind::MemberToLead | ReportKind::TeamToHead => {
                Citation::new(RuleId::LAP_02, "Pasal 17 ayat 1")
            }
            ReportKind::IndividualToHead => Citation::new(RuleId::LAP_01, "Pasal 16"),
            ReportKind::Requested => Citation::new(RuleId::LAP_03, "Pasal 17 ayat 2"),
        }
    }
}

/// An agency's reporting settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportPolicy {
    pub period: ReportPeriod,
    /// Days after a period's last day by which its report is due.
    pub grace_days: u8,
    pub addressees: ReportAddressees,
}

impl Default for ReportPolicy {
    fn default() -> ReportPolicy {
        ReportPolicy {
            period: ReportPeriod::Monthly,
            grace_days: 5,
            addressees: ReportAddressees::Both,
        }
    }
}

/// Most grace days an agency may allow.
pub const MAX_GRACE_DAYS: u8 = 31;

/// Whom a report goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Addressee {
    /// A team lead (by person: the lead is a member, not a position).
    Lead(EmployeeId),
    /// The holder (or Plt./Plh.) of a position: the head of the Unit Organisasi or a PPK.
    Position(PositionId),
}

/// A periodic reporting duty of one person in a piece of work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duty {
    pub reporter: EmployeeId,
    pub kind: ReportKind,
    pub to: Vec<Addressee>,
}

/// The periodic reporting duties of `work` (LAP-01, LAP-02).
pub fn duties(work: &Work, policy: &ReportPolicy) -> Vec<Duty> {
    let heads = |assessor: Option<PositionId>| {
        let mut to = Vec::new();
        if policy.addressees != ReportAddressees::Assessor {
            to.extend(work.owner_heads.iter().map(|p| Addressee::Position(*p)));
        }
        if policy.addressees != ReportAddressees::OrgUnitHead
            && let Some(p) = assessor
        {
            to.push(Addressee::Position(p));
        }
        // When the setting names only the PPK and none is settled, the head receives it.
        if to.is_empty() {
            to.extend(work.owner_heads.iter().map(|p| Addressee::Position(*p)));
        }
        to.sort_unstable();
        to.dedup();
        to
    };
    let mut out = Vec::new();
    match work.kind {
        WorkKind::Individual | WorkKind::ActivityPlan => {
            for m in &work.members {
                out.push(Duty {
                    reporter: m.employee,
                    kind: ReportKind::IndividualToHead,
                    to: heads(m.assessor),
                });
            }
        }
        WorkKind::Team => {
            let leads: Vec<Addressee> = work.leads().map(|l| Addressee::Lead(l.employee)).collect();
            for m in &work.members {
                if work.is_lead(m.employee) {
                    out.push(Duty {
                        reporter: m.employee,
                        kind: ReportKind::TeamToHead,
                        to: heads(m.assessor),
                    });
                } else if !leads.is_empty() {
                    out.push(Duty {
                        reporter: m.employee,
                        kind: ReportKind::MemberToLead,
                        to: leads.clone(),
                    });
                }
            }
        }
    }
    out
}

/// One reporting period and its due day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub start: Day,
    pub end: Day,
    pub due: Day,
}

/// The reporting periods of a person working `from..=until`: calendar months (or quarters)
/// cut to the work, or weeks counted from its first day; each due `grace_days` after its end.
pub fn periods(from: Day, until: Day, policy: &ReportPolicy) -> Vec<Period> {
    let mut out = Vec::new();
    let mut start = from;
    while start <= until && out.len() < 1000 {
        let natural_end = match policy.period {
            ReportPeriod::Weekly => start.add_days(6),
            ReportPeriod::Monthly => Some(start.end_of_month()),
            ReportPeriod::Quarterly => {
                let last_month = (start.month() - 1) / 3 * 3 + 3;
                Day::new(start.year(), last_month, 1)
                    .ok()
                    .map(Day::end_of_month)
            }
        };
        let Some(natural_end) = natural_end else {
            break;
        };
        let end = natural_end.min(until);
        let Some(due) = end.add_days(i64::from(policy.grace_days)) else {
            break;
        };
        out.push(Period { start, end, due });
        match end.add_days(1) {
            Some(next) => start = next,
            None => break,
        }
    }
    out
}

/// Where a report stands against its due day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Timing {
    /// The period has not started.
    Upcoming,
    /// Open and not yet due.
    Open,
    /// Past its due day and not submitted: visible as late to whoever awaits it.
    Late,
    /// Submitted on or before the due day.
    OnTime,
    /// Submitted after the due day.
    SubmittedLate,
}

impl Timing {
    /// Indonesian label.
    pub fn label(self) -> &'static str {
        match self {
            Timing::Upcoming => "belum dimulai",
            Timing::Open => "belum jatuh tempo",
            Timing::Late => "terlambat",
            Timing::OnTime => "tepat waktu",
            Timing::SubmittedLate => "disampaikan terlambat",
        }
    }
}

/// The timing of a report due `due` for a period starting `start`, submitted on `submitted`
/// (if it was), seen on `today`.
pub fn timing(start: Day, due: Day, submitted: Option<Day>, today: Day) -> Timing {
    match submitted {
        Some(s) if s <= due => Timing::OnTime,
        Some(_) => Timing::SubmittedLate,
        None if today > due => Timing::Late,
        None if today < start => Timing::Upcoming,
        None => Timing::Open,
    }
}

/// The default of how many days before its due day a periodic report is *falling due* and
/// its reporter is told (`report_due`, issue 18 point 4).
pub const DEFAULT_DUE_NOTICE_DAYS: u8 = 1;

/// Whether a periodic report (LAP-01/02) of the period starting `start`, due `due`, is falling
/// due on `today`: not submitted, its period begun, and `today` within `notice_days` days
/// before the due day or on it. A report already late is not "falling due" (the inbox shows it
/// late); a scan missed on one day catches up on the next while the window lasts.
pub fn falls_due(start: Day, due: Day, submitted: bool, today: Day, notice_days: u8) -> bool {
    let from = due.add_days(-i64::from(notice_days)).unwrap_or(due);
    !submitted && today >= start && today >= from && today <= due
}

/// Refuses unless `actor` owes a periodic report of `kind` in `work` (LAP-01, LAP-02); the
/// duty it answers.
pub fn may_report(
    actor: &Actor,
    work: &Work,
    policy: &ReportPolicy,
    kind: ReportKind,
) -> Result<Duty, Refusal> {
    require_running(work)?;
    let duty = actor.employee.and_then(|me| {
        duties(work, policy)
            .into_iter()
            .find(|d| d.reporter == me && d.kind == kind)
    });
    duty.ok_or_else(|| match kind {
        ReportKind::MemberToLead => Refusal::new(
            RefusalKind::NotPermitted,
            "not_a_team_member_reporter",
            RuleId::LAP_02,
            "Pasal 17 ayat 1",
            "Laporan anggota disampaikan oleh anggota tim (bukan Ketua Tim) kepada Ketua Tim.",
        ),
        ReportKind::TeamToHead => Refusal::new(
            RefusalKind::NotPermitted,
            "not_the_team_lead_reporter",
            RuleId::LAP_02,
            "Pasal 17 ayat 1",
            "Laporan pekerjaan tim disampaikan oleh Ketua Tim.",
        ),
        ReportKind::IndividualToHead => Refusal::new(
            RefusalKind::NotPermitted,
            "not_the_individual_reporter",
            RuleId::LAP_01,
            "Pasal 16",
            "Laporan penugasan individu disampaikan oleh pegawai yang ditugaskan.",
        ),
        ReportKind::Requested => Refusal::new(
            RefusalKind::NotPermitted,
            "not_the_requested_reporter",
            RuleId::LAP_03,
            "Pasal 17 ayat 2",
            "Laporan atas permintaan disampaikan oleh pegawai yang dimintai laporan.",
        ),
    })
}

/// Refuses unless `actor` may ask `to` for a report at any time (LAP-03): the head of the
/// owner Unit Organisasi, asking the lead or a member of the work. Returns the head position
/// the request is made in.
pub fn may_request_report(
    actor: &Actor,
    work: &Work,
    to: EmployeeId,
) -> Result<PositionId, Refusal> {
    require_running(work)?;
    let Some(head) = parts(actor, work).owner_head else {
        return Err(Refusal::new(
            RefusalKind::NotPermitted,
            "not_the_org_unit_head",
            RuleId::LAP_03,
            "Pasal 17 ayat 2",
            "Laporan sewaktu-waktu diminta oleh Pimpinan Unit Organisasi pemilik kinerja.",
        ));
    };
    if work.member(to).is_none() || actor.employee == Some(to) {
        return Err(Refusal::new(
            RefusalKind::Invalid,
            "report_request_not_a_member",
            RuleId::LAP_03,
            "Pasal 17 ayat 2",
            "Laporan diminta kepada Ketua Tim atau anggota penugasan ini.",
        ));
    }
    Ok(head)
}

/// Refuses unless `actor` is the person a report was asked of (LAP-03), while the work runs.
pub fn may_answer_request(
    actor: &Actor,
    work: &Work,
    asked: EmployeeId,
    asked_name: &str,
) -> Result<(), Refusal> {
    require_running(work)?;
    if actor.employee == Some(asked) {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::NotPermitted,
            "not_the_requested_reporter",
            RuleId::LAP_03,
            "Pasal 17 ayat 2",
            format!("Laporan ini diminta kepada {asked_name}."),
        ))
    }
}

/// A report as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ReportDraft {
    /// Progress per breakdown activity: (activity id, percent as typed).
    pub progress: Vec<(i64, String)>,
    /// Realisation per linked target: (target id, number as typed, "12,5").
    pub realisation: Vec<(i64, String)>,
    pub narrative: String,
}

/// A checked report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportContent {
    /// (activity id, percent 0–100).
    pub progress: Vec<(i64, u8)>,
    /// (target id, realisation).
    pub realisation: Vec<(i64, f64)>,
    pub narrative: String,
}

/// Checks a report: progress only for the work's activities, whole percents 0–100; realisation
/// only for its linked targets, a number ≥ 0; a narrative of at most [`MAX_NARRATIVE`]
/// characters, required unless there is progress to show.
pub fn check_report(
    d: &ReportDraft,
    activities: &[i64],
    targets: &[i64],
) -> Result<ReportContent, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut progress = Vec::new();
    for (id, typed) in &d.progress {
        if typed.trim().is_empty() {
            continue;
        }
        if !activities.contains(id) {
            problems.push(Problem::new(
                "progress",
                "report_unknown_activity",
                "Kemajuan dilaporkan untuk kegiatan dalam rincian penugasan ini.",
            ));
            continue;
        }
        match typed.trim().trim_end_matches('%').trim().parse::<u8>() {
            Ok(p) if p <= 100 => progress.push((*id, p)),
            _ => problems.push(Problem::new(
                "progress",
                "report_progress_invalid",
                "Kemajuan kegiatan ditulis sebagai persen bulat 0–100.",
            )),
        }
    }
    let mut realisation = Vec::new();
    for (id, typed) in &d.realisation {
        if typed.trim().is_empty() {
            continue;
        }
        if !targets.contains(id) {
            problems.push(Problem::new(
                "realisation",
                "report_unknown_target",
                "Realisasi dilaporkan untuk target yang terkait dengan penugasan ini.",
            ));
            continue;
        }
        match parse_number(typed).filter(|n| n.is_finite() && *n >= 0.0) {
            Some(n) => realisation.push((*id, n)),
            None => problems.push(Problem::new(
                "realisation",
                "report_realisation_invalid",
                "Realisasi target ditulis sebagai angka, mis. 12,5.",
            )),
        }
    }
    let narrative = d.narrative.trim();
    if narrative.chars().count() > MAX_NARRATIVE {
        problems.push(Problem::new(
            "narrative",
            "report_narrative_too_long",
            format!("Uraian laporan paling panjang {MAX_NARRATIVE} karakter."),
        ));
    } else if narrative.is_empty() && progress.is_empty() && realisation.is_empty() {
        problems.push(Problem::new(
            "narrative",
            "report_empty",
            "Laporan memuat uraian pelaksanaan atau kemajuan kegiatan.",
        ));
    }
    progress.sort_unstable();
    progress.dedup_by_key(|(id, _)| *id);
    if problems.is_empty() {
        Ok(ReportContent {
            progress,
            realisation,
            narrative: narrative.to_string(),
        })
    } else {
        Err(problems)
    }
}

vocabulary! {
    /// What a line of a report reports (`work_report_line.kind`): an activity's progress in
    /// percent or a target's realisation in its own unit (LAP-01).
    ReportLineKind {
        Activity => "activity", "Kemajuan kegiatan (persen)";
        Target => "target", "Realisasi target";
    }
}
