//! The work breakdown — *rincian pelaksanaan kegiatan* (MEK-04, LAP-04): the activities of a
//! running assignment or an approved activity plan, each with the member responsible (roles
//! divided by competence), its schedule, its output and its budget, within the work's period
//! and budget. The team lead edits a team's breakdown, the individual their own; members, the
//! head of the owner Unit Organisasi, the Penanggungjawab and the members' PPK read it.

use serde::{Deserialize, Serialize};

use super::work::{Actor, Refusal, RefusalKind, Work, WorkKind, parts, require_running};
use crate::assignment::Day;
use crate::organisation::EmployeeId;
use crate::planning::target::{Problem, format_rupiah, parse_rupiah};
use crate::rules::RuleId;

/// Most activities in one breakdown.
pub const MAX_WORK_ITEMS: usize = 100;
/// Longest activity name and output.
pub const MAX_ITEM_TEXT: usize = 500;

/// One activity as entered (form fields as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct WorkItemDraft {
    pub name: String,
    /// The responsible member's employee id, as typed or chosen.
    pub responsible: String,
    /// First and last day, ISO `YYYY-MM-DD`.
    pub from: String,
    pub until: String,
    /// The output (*keluaran*).
    pub output: String,
    /// Rupiah as typed ("1.250.000"); empty is 0.
    pub budget: String,
}

/// A checked activity of the breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkItem {
    pub name: String,
    pub responsible: EmployeeId,
    pub from: Day,
    pub until: Day,
    pub output: String,
    pub budget: i64,
}

/// Refuses unless `actor` may edit the breakdown of `work`: the team lead of a team, the
/// individual of individual work or of their activity plan (MEK-04; LAP-04: the lead details
/// the activities and divides the roles, a member keeps their individual work plan).
pub fn may_edit(actor: &Actor, work: &Work) -> Result<(), Refusal> {
    require_running(work)?;
    let me = actor.employee;
    let allowed = match work.kind {
        WorkKind::Team => me.is_some_and(|e| work.is_lead(e)),
        WorkKind::Individual | WorkKind::ActivityPlan => {
            me.is_some_and(|e| work.member(e).is_some())
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::NotPermitted,
            "not_the_breakdown_editor",
            RuleId::MEK_04,
            "Lampiran A.2; Lampiran III.B.3",
            match work.kind {
                WorkKind::Team => "Rincian kegiatan tim disusun oleh Ketua Tim.",
                _ => "Rincian kegiatan disusun oleh pegawai yang melaksanakannya.",
            },
        ))
    }
}

/// Whether `actor` may read the breakdown (and the other records) of `work`.
pub fn may_see(actor: &Actor, work: &Work) -> bool {
    parts(actor, work).any()
}

/// Checks a breakdown; every problem is reported at once, the message naming the activity's
/// place. Activities fall within the work's period and the responsible member's own period;
/// their budgets add up to no more than the work's budget.
pub fn check_breakdown(
    drafts: &[WorkItemDraft],
    work: &Work,
) -> Result<Vec<WorkItem>, Vec<Problem>> {
    let mut problems = Vec::new();
    if drafts.len() > MAX_WORK_ITEMS {
        problems.push(Problem::new(
            "items",
            "too_many_work_items",
            format!("Satu rincian memuat paling banyak {MAX_WORK_ITEMS} kegiatan."),
        ));
    }
    let mut out = Vec::new();
    let mut total: i64 = 0;
    for (i, d) in drafts.iter().enumerate() {
        let n = i + 1;
        let name = d.name.trim();
        let output = d.output.trim();
        text(&mut problems, "item_name", name, n, "nama kegiatan");
        text(&mut problems, "item_output", output, n, "keluaran");
        let responsible = d
            .responsible
            .trim()
            .parse::<i64>()
            .ok()
            .map(EmployeeId)
            .and_then(|e| work.member(e));
        if responsible.is_none() {
            problems.push(Problem::new(
                "item_responsible",
                "item_responsible_not_a_member",
                format!("Kegiatan ke-{n}: penanggung jawab kegiatan dipilih dari anggota penugasan ini (MEK-04)."),
            ));
        }
        let from = Day::parse(&d.from);
        let until = Day::parse(&d.until);
        let (Ok(from), Ok(until)) = (from, until) else {
            problems.push(Problem::new(
                "item_dates",
                "item_dates_invalid",
                format!("Kegiatan ke-{n}: tanggal mulai dan selesai ditulis TTTT-BB-HH."),
            ));
            continue;
        };
        if until < from {
            problems.push(Problem::new(
                "item_dates",
                "item_dates_inverted",
                format!("Kegiatan ke-{n}: tanggal selesai tidak boleh sebelum tanggal mulai."),
            ));
        } else if from < work.from || until > work.until {
            problems.push(Problem::new(
                "item_dates",
                "item_outside_period",
                format!(
                    "Kegiatan ke-{n}: jadwal berada di dalam masa pelaksanaan {} s.d. {}.",
                    work.from.label(),
                    work.until.label()
                ),
            ));
        } else if let Some(m) = responsible
            && (from < m.from || until > m.until)
        {
            problems.push(Problem::new(
                "item_dates",
                "item_outside_member_period",
                format!(
                    "Kegiatan ke-{n}: jadwal berada di dalam masa tugas penanggung jawabnya ({} s.d. {}).",
                    m.from.label(),
                    m.until.label()
                ),
            ));
        }
        let Some(budget) = parse_rupiah(&d.budget).filter(|b| *b >= 0) else {
            problems.push(Problem::new(
                "item_budget",
                "item_budget_invalid",
                format!("Kegiatan ke-{n}: anggaran ditulis dalam rupiah, mis. 1.250.000."),
            ));
            continue;
        };
        total = total.saturating_add(budget);
        if let Some(m) = responsible {
            out.push(WorkItem {
                name: name.to_string(),
                responsible: m.employee,
                from,
                until,
                output: output.to_string(),
                budget,
            });
        }
    }
    if let Some(cap) = work.budget
        && total > cap
    {
        problems.push(Problem::new(
            "items",
            "breakdown_over_budget",
            format!(
                "Jumlah anggaran rincian ({}) melebihi anggaran rencana ({}) (MEK-04: rincian berada di dalam rencana).",
                format_rupiah(total),
                format_rupiah(cap)
            ),
        ));
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn text(problems: &mut Vec<Problem>, field: &'static str, value: &str, n: usize, what: &str) {
    if value.is_empty() {
        problems.push(Problem::new(
            field,
            "item_text_blank",
            format!("Kegiatan ke-{n}: {what} wajib diisi."),
        ));
    } else if value.chars().count() > MAX_ITEM_TEXT {
        problems.push(Problem::new(
            field,
            "item_text_too_long",
            format!("Kegiatan ke-{n}: {what} paling panjang {MAX_ITEM_TEXT} karakter."),
        ));
    }
}
