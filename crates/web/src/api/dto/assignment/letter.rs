//! Recorded letters (DOC-04) and the five workflow definitions (PEN-13..17).

use chrono::{DateTime, Utc};
use serde::Serialize;
use sikerja_domain::workflow::{
    Lane, LetterContent, LetterKind, LetterMember, LetterParty, Next, StepDef, StepKind,
    WorkflowKind,
};
use sikerja_storage::LetterRecord;
use utoipa::ToSchema;

use super::InvolvementDto;

/// Who signs a letter.
#[derive(Debug, Serialize, ToSchema)]
pub struct LetterPartyDto {
    pub position: String,
    pub name: String,
    pub nip: Option<String>,
    pub rank: Option<String>,
    pub unit: String,
}

impl From<&LetterParty> for LetterPartyDto {
    fn from(p: &LetterParty) -> Self {
        LetterPartyDto {
            position: p.position.clone(),
            name: p.name.clone(),
            nip: p.nip.clone(),
            rank: p.rank.clone(),
            unit: p.unit.clone(),
        }
    }
}

/// A person a letter names.
#[derive(Debug, Serialize, ToSchema)]
pub struct LetterMemberDto {
    pub name: String,
    pub nip: String,
    pub position: String,
    pub unit: String,
    /// "Ketua Tim", "Anggota", "Pelaksana tugas individu".
    pub role: String,
    pub from: String,
    pub until: String,
}

impl From<&LetterMember> for LetterMemberDto {
    fn from(m: &LetterMember) -> Self {
        LetterMemberDto {
            name: m.name.clone(),
            nip: m.nip.clone(),
            position: m.position.clone(),
            unit: m.unit.clone(),
            role: m.role.clone(),
            from: m.from.to_string(),
            until: m.until.to_string(),
        }
    }
}

/// What a letter says (DOC-04), as recorded when its step was taken.
#[derive(Debug, Serialize, ToSchema)]
pub struct LetterContentDto {
    pub kind: String,
    #[schema(example = "SURAT TUGAS")]
    pub title: String,
    /// *Hal* of a letter, *tentang* of a Keputusan.
    pub subject: String,
    pub rule_id: String,
    pub article: String,
    pub place: String,
    pub date: String,
    pub signer: LetterPartyDto,
    /// The *Yth.* lines.
    pub addressees: Vec<String>,
    pub paragraphs: Vec<String>,
    pub involvement: Option<InvolvementDto>,
    pub members: Vec<LetterMemberDto>,
    /// An answer: approval (`true`) or refusal (`false`).
    pub approved: Option<bool>,
    pub reasons: Option<String>,
    /// *Tembusan*.
    pub copies: Vec<String>,
}

impl From<&LetterContent> for LetterContentDto {
    fn from(c: &LetterContent) -> Self {
        LetterContentDto {
            kind: c.kind.code().into(),
            title: c.title.clone(),
            subject: c.subject.clone(),
            rule_id: c.rule_id.clone(),
            article: c.article.clone(),
            place: c.place.clone(),
            date: c.date.to_string(),
            signer: LetterPartyDto::from(&c.signer),
            addressees: c.addressees.clone(),
            paragraphs: c.paragraphs.clone(),
            involvement: c.involvement.as_ref().map(InvolvementDto::from),
            members: c.members.iter().map(LetterMemberDto::from).collect(),
            approved: c.approved,
            reasons: c.reasons.clone(),
            copies: c.copies.clone(),
        }
    }
}

/// A recorded letter with its content.
#[derive(Debug, Serialize, ToSchema)]
pub struct LetterDto {
    pub id: i64,
    pub request: i64,
    pub step: String,
    pub kind: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub content: LetterContentDto,
}

impl From<&LetterRecord> for LetterDto {
    fn from(l: &LetterRecord) -> Self {
        LetterDto {
            id: l.id,
            request: l.request,
            step: l.step.clone(),
            kind: l.kind.code().into(),
            label: l.label.clone(),
            created_at: l.created_at,
            content: LetterContentDto::from(&l.content),
        }
    }
}

/// Stable code of a step kind.
pub fn step_kind_code(k: StepKind) -> &'static str {
    k.code()
}

/// Whether a step may be refused (with reasons): the workflow machine's rule.
pub fn refusable(s: &StepDef) -> bool {
    s.refusable()
}

/// A lane of a workflow.
#[derive(Debug, Serialize, ToSchema)]
pub struct LaneDto {
    pub code: String,
    pub label: String,
}

impl From<Lane> for LaneDto {
    fn from(l: Lane) -> Self {
        LaneDto {
            code: l.code().into(),
            label: l.label().into(),
        }
    }
}

/// A letter kind.
#[derive(Debug, Serialize, ToSchema)]
pub struct LetterKindDto {
    pub code: String,
    pub label: String,
}

impl From<LetterKind> for LetterKindDto {
    fn from(k: LetterKind) -> Self {
        LetterKindDto {
            code: k.code().into(),
            label: k.label().into(),
        }
    }
}

/// A step of a workflow definition.
#[derive(Debug, Serialize, ToSchema)]
pub struct StepDefDto {
    pub code: String,
    pub lane: String,
    /// `submit`, `decide`, `compose`, `issue`, `receive`.
    pub kind: String,
    pub label: String,
    /// The next step's code, or `assigned`.
    pub then: String,
    pub refusable: bool,
    pub letter: Option<LetterKindDto>,
    pub refusal_letter: Option<LetterKindDto>,
    /// Lanes that get a copy (*tembusan*) when the step goes ahead.
    pub copies: Vec<String>,
}

/// A workflow (PEN-13..17) with its lanes in swimlane order and its steps in order.
#[derive(Debug, Serialize, ToSchema)]
pub struct WorkflowDto {
    pub kind: String,
    pub title: String,
    pub rule_id: String,
    pub article: String,
    pub lanes: Vec<LaneDto>,
    pub steps: Vec<StepDefDto>,
}

impl From<WorkflowKind> for WorkflowDto {
    fn from(k: WorkflowKind) -> Self {
        let def = k.definition();
        WorkflowDto {
            kind: k.code().into(),
            title: def.title.into(),
            rule_id: def.rule.to_string(),
            article: def.article.into(),
            lanes: def.lanes().into_iter().map(LaneDto::from).collect(),
            steps: def
                .steps
                .iter()
                .map(|s| StepDefDto {
                    code: s.code.into(),
                    lane: s.lane.code().into(),
                    kind: step_kind_code(s.kind).into(),
                    label: s.label.into(),
                    then: match s.then {
                        Next::Step(n) => n.into(),
                        Next::Assigned => "assigned".into(),
                        Next::Refused => "refused".into(),
                    },
                    refusable: refusable(s),
                    letter: s.letter.map(LetterKindDto::from),
                    refusal_letter: s.refusal_letter.map(LetterKindDto::from),
                    copies: s.copies.iter().map(|c| c.code().to_string()).collect(),
                })
                .collect(),
        }
    }
}
