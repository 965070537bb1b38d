//! The facts of one piece of work being carried out — a running assignment (individual or
//! team) or an approved activity plan — and the parts a person plays in it (LAP-04): member,
//! team lead, head of the owner Unit Organisasi, the members' Pejabat Penilai Kinerja, the
//! Penanggungjawab. Storage loads these facts; the functions of this module and its siblings
//! decide from them alone.

use serde::Serialize;

use crate::assignment::{Day, MemberRole};
use crate::organisation::{EmployeeId, PositionId};
use crate::rules::RuleId;

/// Which kind of work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WorkKind {
    /// An individual assignment: one member, who reports to the head and/or PPK (LAP-01).
    Individual,
    /// A team assignment: members report to the lead, the lead reports the team's work
    /// (LAP-02).
    Team,
    /// An approved *rencana pelaksanaan kegiatan dan anggaran* of one JF or Pelaksana
    /// (MEK-02, MEK-04): carried out and reported like individual work.
    ActivityPlan,
}

/// One person in the work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkMember {
    pub employee: EmployeeId,
    pub role: MemberRole,
    /// Their own period in the work (a member may join later or leave earlier).
    pub from: Day,
    pub until: Day,
    /// Their Pejabat Penilai Kinerja from placement (KED, KIN-04), if settled.
    pub assessor: Option<PositionId>,
}

/// The facts of a piece of work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Work {
    pub kind: WorkKind,
    /// Whether it is being carried out: an assignment whose letter was issued (its workflow
    /// ended in `Assigned`), or an approved activity plan.
    pub running: bool,
    pub members: Vec<WorkMember>,
    /// The head position of the owner Unit Organisasi (*pemilik kinerja*); for an activity
    /// plan, the position of the head who approved it.
    pub owner_heads: Vec<PositionId>,
    /// The *Penanggungjawab* of a team (Lampiran IV), if named.
    pub responsible: Option<PositionId>,
    /// The period of the work: the earliest first and latest last day of its members.
    pub from: Day,
    pub until: Day,
    /// The budget the breakdown must stay within (the plan's or the linked target's), if any.
    pub budget: Option<i64>,
}

impl Work {
    /// The member record of `employee`.
    pub fn member(&self, employee: EmployeeId) -> Option<&WorkMember> {
        self.members.iter().find(|m| m.employee == employee)
    }

    /// The team leads (none for individual work).
    pub fn leads(&self) -> impl Iterator<Item = &WorkMember> {
        self.members
            .iter()
            .filter(move |m| self.kind == WorkKind::Team && m.role == MemberRole::TeamLead)
    }

    /// Whether `employee` leads this team.
    pub fn is_lead(&self, employee: EmployeeId) -> bool {
        self.leads().any(|m| m.employee == employee)
    }
}

/// Who acts: the person and the positions they exercise now (hold definitively or act in as
/// Plt./Plh., ORG-05).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    pub employee: Option<EmployeeId>,
    /// Their definitive position, if any (the position a team lead's feedback is given in).
    pub own_position: Option<PositionId>,
    /// Every position they exercise now, their own included.
    pub exercises: Vec<PositionId>,
}

impl Actor {
    /// Whether they exercise any of `positions`; the first one found.
    pub fn exercising(&self, positions: &[PositionId]) -> Option<PositionId> {
        positions
            .iter()
            .copied()
            .find(|p| self.exercises.contains(p))
    }
}

/// The parts a person plays in a piece of work (LAP-04).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Parts {
    /// Their role if they are a member.
    pub member: Option<MemberRole>,
    /// The owner head position they exercise.
    pub owner_head: Option<PositionId>,
    /// The members whose PPK position they exercise, with that position.
    pub assessor_of: Vec<(EmployeeId, PositionId)>,
    /// Whether they exercise the Penanggungjawab position.
    pub responsible: bool,
}

impl Parts {
    /// Whether they play any part at all (who may see the work).
    pub fn any(&self) -> bool {
        self.member.is_some()
            || self.owner_head.is_some()
            || !self.assessor_of.is_empty()
            || self.responsible
    }
}

/// The parts `actor` plays in `work`.
pub fn parts(actor: &Actor, work: &Work) -> Parts {
    let member = actor
        .employee
        .and_then(|e| work.member(e))
        .map(|m| match work.kind {
            WorkKind::Team => m.role,
            // An individual's own role is the only one; never a lead.
            WorkKind::Individual | WorkKind::ActivityPlan => MemberRole::Member,
        });
    let assessor_of = work
        .members
        .iter()
        .filter_map(|m| {
            let p = m.assessor?;
            (actor.exercises.contains(&p) && actor.employee != Some(m.employee))
                .then_some((m.employee, p))
        })
        .collect();
    Parts {
        member,
        owner_head: actor.exercising(&work.owner_heads),
        assessor_of,
        responsible: work
            .responsible
            .is_some_and(|p| actor.exercises.contains(&p)),
    }
}

pub use crate::refusals::{Refusal, RefusalKind};

/// Refuses unless the work is being carried out.
pub fn require_running(work: &Work) -> Result<(), Refusal> {
    if work.running {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::Conflict,
            "work_not_running",
            RuleId::MEK_04,
            "Lampiran A.2",
            "Pelaksanaan dimulai setelah penugasan ditetapkan (surat diterbitkan) atau rencana kegiatan disetujui.",
        ))
    }
}
