//! Problems and constraints — *permasalahan dan kendala* (LAP-05; Lampiran III.A.2.a.c,
//! III.A.2.b.3–4, III.A.2.c.4–5): a team raises a problem with alternative recommendations to
//! the head of the owner Unit Organisasi, to be decided and/or followed up; when it needs
//! collaboration across heads, also to each Pimpinan Unit Organisasi where the members come
//! from (cross-unit), or to the head of each Instansi Pemerintah they come from (cross-agency:
//! *pimpinan Instansi Pemerintah*, for a Pemda its regional head). Each addressee decides once
//! — a chosen recommendation or another decision — with a reason, by a due day.
//!
//! Reading (written in docs/execution.md): the team lead raises it for the team; the team
//! chooses the collaboration when raising; the head of the owner Unit Organisasi is always an
//! addressee (the regulation sends the problem there first).

use serde::{Deserialize, Serialize};

use super::work::{Actor, Refusal, RefusalKind, Work, WorkKind, require_running};
use crate::assignment::Day;
use crate::org::vocabulary;
use crate::organisation::{AgencyId, EmployeeId, PositionId};
use crate::planning::target::Problem;
use crate::rules::RuleId;

/// Most recommendations of one problem.
pub const MAX_RECOMMENDATIONS: usize = 5;
/// Longest title, recommendation and description/reason.
pub const MAX_ISSUE_TITLE: usize = 200;
pub const MAX_RECOMMENDATION: usize = 1000;
pub const MAX_ISSUE_TEXT: usize = 4000;
/// Latest due day, counted from the day it is raised.
pub const MAX_DUE_DAYS: i64 = 90;

vocabulary! {
    /// Whom beyond the head of the owner Unit Organisasi a problem goes to.
    Collaboration {
        OwnerHead => "owner_head", "Pimpinan Unit Organisasi pemilik kinerja";
        UnitHeads => "unit_heads", "juga Pimpinan Unit Organisasi asal anggota";
        AgencyHeads => "agency_heads", "juga pimpinan Instansi Pemerintah asal anggota";
    }
}

/// Who a problem goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum IssueAddressee {
    /// The holder (or Plt./Plh.) of a head position.
    Position(PositionId),
    /// The regional head of an agency (*pimpinan Instansi Pemerintah*).
    RegionalHead(AgencyId),
}

/// Where the members of a team come from, as storage finds it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Homes {
    /// The owner's agency.
    pub owner_agency: Option<AgencyId>,
    /// The head position of each member's own Unit Organisasi.
    pub unit_heads: Vec<(EmployeeId, PositionId)>,
    /// Each member's agency.
    pub agencies: Vec<(EmployeeId, AgencyId)>,
}

/// Where LAP-05 is written.
const LAP_05_ARTICLE: &str = "Lampiran III.A.2";

/// Refuses unless `actor` may raise a problem for `work`: the lead of a running team.
pub fn may_raise(actor: &Actor, work: &Work) -> Result<(), Refusal> {
    require_running(work)?;
    if work.kind == WorkKind::Team && actor.employee.is_some_and(|e| work.is_lead(e)) {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::NotPermitted,
            "not_the_team_raising",
            RuleId::LAP_05,
            LAP_05_ARTICLE,
            "Permasalahan dan kendala disampaikan oleh tim kerja melalui Ketua Tim.",
        ))
    }
}

/// The addressees of a problem of `work` with the chosen collaboration, the owner's head
/// first; refused when the collaboration has nobody beyond the owner's head.
pub fn addressees(
    work: &Work,
    homes: &Homes,
    collaboration: Collaboration,
) -> Result<Vec<IssueAddressee>, Refusal> {
    let mut out: Vec<IssueAddressee> = work
        .owner_heads
        .iter()
        .map(|p| IssueAddressee::Position(*p))
        .collect();
    if out.is_empty() {
        return Err(Refusal::new(
            RefusalKind::Invalid,
            "issue_owner_head_vacant",
            RuleId::LAP_05,
            LAP_05_ARTICLE,
            "Unit Organisasi pemilik kinerja tidak memiliki jabatan pimpinan yang dapat memutuskan.",
        ));
    }
    let mut extra: Vec<IssueAddressee> = match collaboration {
        Collaboration::OwnerHead => Vec::new(),
        Collaboration::UnitHeads => homes
            .unit_heads
            .iter()
            .filter(|(e, _)| work.member(*e).is_some())
            .map(|(_, p)| IssueAddressee::Position(*p))
            .filter(|a| !out.contains(a))
            .collect(),
        Collaboration::AgencyHeads => homes
            .agencies
            .iter()
            .filter(|(e, a)| work.member(*e).is_some() && Some(*a) != homes.owner_agency)
            .map(|(_, a)| IssueAddressee::RegionalHead(*a))
            .collect(),
    };
    extra.sort_unstable();
    extra.dedup();
    if collaboration != Collaboration::OwnerHead && extra.is_empty() {
        return Err(Refusal::new(
            RefusalKind::Invalid,
            "issue_no_collaboration",
            RuleId::LAP_05,
            LAP_05_ARTICLE,
            match collaboration {
                Collaboration::AgencyHeads => {
                    "Tidak ada anggota dari Instansi Pemerintah lain: sampaikan kepada Pimpinan Unit Organisasi pemilik kinerja."
                }
                _ => {
                    "Tidak ada anggota dari Unit Organisasi lain: sampaikan kepada Pimpinan Unit Organisasi pemilik kinerja."
                }
            },
        ));
    }
    out.extend(extra);
    Ok(out)
}

/// Whether `actor` holds `addressee` now (regional heads by their account's agency).
pub fn holds(actor: &Actor, regional_head_of: Option<AgencyId>, a: IssueAddressee) -> bool {
    match a {
        IssueAddressee::Position(p) => actor.exercises.contains(&p),
        IssueAddressee::RegionalHead(agency) => regional_head_of == Some(agency),
    }
}

/// A problem as entered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct IssueDraft {
    pub title: String,
    pub description: String,
    /// The alternative recommendations, blank ones ignored.
    pub recommendations: Vec<String>,
    /// The day decisions are due, ISO.
    pub due: String,
}

/// A checked problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckedIssue {
    pub title: String,
    pub description: String,
    pub recommendations: Vec<String>,
    pub due: Day,
}

/// Checks a problem raised on `today`: a title, a description, one to
/// [`MAX_RECOMMENDATIONS`] recommendations (LAP-05: *beserta alternatif rekomendasi*), a due day
/// from today to [`MAX_DUE_DAYS`] later.
pub fn check_issue(d: &IssueDraft, today: Day) -> Result<CheckedIssue, Vec<Problem>> {
    let mut problems = Vec::new();
    let title = d.title.trim();
    if title.is_empty() || title.chars().count() > MAX_ISSUE_TITLE {
        problems.push(Problem::new(
            "title",
            "issue_title_invalid",
            format!("Judul permasalahan wajib diisi, paling panjang {MAX_ISSUE_TITLE} karakter."),
        ));
    }
    let description = d.description.trim();
    if description.is_empty() || description.chars().count() > MAX_ISSUE_TEXT {
        problems.push(Problem::new(
            "description",
            "issue_description_invalid",
            format!(
                "Uraian permasalahan dan kendala wajib diisi, paling panjang {MAX_ISSUE_TEXT} karakter."
            ),
        ));
    }
    let recommendations: Vec<String> = d
        .recommendations
        .iter()
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    if recommendations.is_empty() || recommendations.len() > MAX_RECOMMENDATIONS {
        problems.push(Problem::new(
            "recommendations",
            "issue_recommendations_required",
            format!(
                "Permasalahan disampaikan beserta 1 sampai {MAX_RECOMMENDATIONS} alternatif rekomendasi (LAP-05)."
            ),
        ));
    }
    if recommendations
        .iter()
        .any(|r| r.chars().count() > MAX_RECOMMENDATION)
    {
        problems.push(Problem::new(
            "recommendations",
            "issue_recommendation_too_long",
            format!("Setiap rekomendasi paling panjang {MAX_RECOMMENDATION} karakter."),
        ));
    }
    let due = Day::parse(&d.due).ok();
    let latest = today.add_days(MAX_DUE_DAYS);
    let due = match (due, latest) {
        (Some(due), Some(latest)) if due >= today && due <= latest => Some(due),
        _ => {
            problems.push(Problem::new(
                "due",
                "issue_due_invalid",
                format!(
                    "Batas waktu keputusan paling cepat hari ini dan paling lambat {MAX_DUE_DAYS} hari lagi (TTTT-BB-HH)."
                ),
            ));
            None
        }
    };
    match (problems.is_empty(), due) {
        (true, Some(due)) => Ok(CheckedIssue {
            title: title.to_string(),
            description: description.to_string(),
            recommendations,
            due,
        }),
        _ => Err(problems),
    }
}

/// What an addressee decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum IssueDecision {
    /// One of the recommendations (0-based).
    Recommendation(usize),
    /// Another decision or follow-up, in words.
    Other(String),
}

/// Checks a decision on a problem with `recommendations` alternatives: a known recommendation
/// or another decision in words, and a reason (required either way).
pub fn check_decision(
    decision: &IssueDecision,
    reason: &str,
    recommendations: usize,
) -> Result<(), Refusal> {
    match decision {
        IssueDecision::Recommendation(i) if *i >= recommendations => {
            return Err(Refusal::new(
                RefusalKind::Invalid,
                "issue_recommendation_unknown",
                RuleId::LAP_05,
                LAP_05_ARTICLE,
                "Pilih salah satu alternatif rekomendasi yang diajukan.",
            ));
        }
        IssueDecision::Other(text)
            if text.trim().is_empty() || text.chars().count() > MAX_ISSUE_TEXT =>
        {
            return Err(Refusal::new(
                RefusalKind::Invalid,
                "issue_decision_blank",
                RuleId::LAP_05,
                LAP_05_ARTICLE,
                "Keputusan lain ditulis (paling panjang 4000 karakter).",
            ));
        }
        _ => {}
    }
    if reason.trim().is_empty() || reason.chars().count() > MAX_ISSUE_TEXT {
        return Err(Refusal::new(
            RefusalKind::Invalid,
            "issue_reason_required",
            RuleId::LAP_05,
            LAP_05_ARTICLE,
            "Keputusan atas permasalahan disertai alasannya.",
        ));
    }
    Ok(())
}

vocabulary! {
    /// How a head decided a problem (`team_issue_addressee.decision`, LAP-05): one of the
    /// recommendations, or another decision in words.
    IssueDecisionKind {
        Recommendation => "recommendation", "Salah satu alternatif rekomendasi";
        Other => "other", "Keputusan lain";
    }
}

impl IssueDecision {
    /// The stored kind of this decision.
    pub fn kind(&self) -> IssueDecisionKind {
        match self {
            IssueDecision::Recommendation(_) => IssueDecisionKind::Recommendation,
            IssueDecision::Other(_) => IssueDecisionKind::Other,
        }
    }
}
