//! Feedback — *umpan balik* (MEK-04, LAP-04): heads and team leads monitor the work and give
//! feedback periodically or at any time, on a report or not; the member sees and acknowledges
//! it. Feedback is kept with its author's position: it is input to the assessment (KIN-03).
//!
//! Who may give feedback to a member of a piece of work:
//! - the head of the owner Unit Organisasi (LAP-04: gives direction and feedback), to anyone in
//!   the work;
//! - the member's Pejabat Penilai Kinerja (LAP-04, KIN-03), to that member;
//! - a team lead (LAP-04: gives members periodic feedback), to the team's other members.
//!
//! Nobody gives feedback to themself.

use serde::{Deserialize, Serialize};

use super::work::{Actor, Refusal, RefusalKind, Work, parts, require_running};
use crate::org::vocabulary;
use crate::organisation::{EmployeeId, PositionId};
use crate::rules::RuleId;

/// Longest feedback text.
pub const MAX_FEEDBACK: usize = 4000;

vocabulary! {
    /// The capacity in which feedback is given.
    FeedbackRole {
        OrgUnitHead => "org_unit_head", "Pimpinan Unit Organisasi";
        Assessor => "assessor", "Pejabat Penilai Kinerja";
        TeamLead => "team_lead", "Ketua Tim";
    }
}

/// Who gives feedback: in which capacity and position (the position is kept with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FeedbackAuthor {
    pub role: FeedbackRole,
    /// The position the author exercises in that capacity (for a team lead, their own
    /// definitive position, if any).
    pub position: Option<PositionId>,
}

/// Refuses unless `actor` may give `to` feedback in `work`; the capacity, the highest they
/// hold (head, then PPK, then lead).
pub fn may_give(actor: &Actor, work: &Work, to: EmployeeId) -> Result<FeedbackAuthor, Refusal> {
    require_running(work)?;
    if work.member(to).is_none() {
        return Err(Refusal::new(
            RefusalKind::Invalid,
            "feedback_not_a_member",
            RuleId::MEK_04,
            "Lampiran A.2",
            "Umpan balik diberikan kepada anggota penugasan ini.",
        ));
    }
    if actor.employee == Some(to) {
        return Err(Refusal::new(
            RefusalKind::NotPermitted,
            "feedback_to_self",
            RuleId::KIN_04,
            "Lampiran III.B",
            "Umpan balik tidak dapat diberikan kepada diri sendiri.",
        ));
    }
    let p = parts(actor, work);
    if let Some(head) = p.owner_head {
        return Ok(FeedbackAuthor {
            role: FeedbackRole::OrgUnitHead,
            position: Some(head),
        });
    }
    if let Some((_, ppk)) = p.assessor_of.iter().find(|(e, _)| *e == to) {
        return Ok(FeedbackAuthor {
            role: FeedbackRole::Assessor,
            position: Some(*ppk),
        });
    }
    if actor.employee.is_some_and(|me| work.is_lead(me)) {
        return Ok(FeedbackAuthor {
            role: FeedbackRole::TeamLead,
            position: actor.own_position,
        });
    }
    Err(Refusal::new(
        RefusalKind::NotPermitted,
        "not_a_feedback_giver",
        RuleId::LAP_04,
        "Lampiran III.B",
        "Umpan balik diberikan oleh Pimpinan Unit Organisasi, Pejabat Penilai Kinerja anggota, atau Ketua Tim.",
    ))
}

/// Refuses unless `actor` is the member the feedback was given to.
pub fn may_acknowledge(actor: &Actor, to: EmployeeId) -> Result<(), Refusal> {
    if actor.employee == Some(to) {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::NotPermitted,
            "not_the_feedback_recipient",
            RuleId::MEK_04,
            "Lampiran A.2",
            "Hanya pegawai penerima umpan balik yang dapat menyatakan telah membacanya.",
        ))
    }
}
