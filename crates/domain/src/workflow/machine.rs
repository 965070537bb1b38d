//! Taking a step: what a decision does from the current state (PEN-18: a step is decided
//! once; a refusal carries reasons and ends the request).

use serde::Serialize;

use super::definition::{Lane, LetterKind, Next, WorkflowKind};

/// Where a request stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum State {
    /// Waiting for the step with this code.
    At { step: &'static str },
    /// The people are assigned and have received their letter.
    Assigned,
    /// Refused at `step`.
    Refused { step: &'static str },
}

impl State {
    /// The step waited for, if the request is open.
    pub fn current(&self) -> Option<&'static str> {
        match self {
            State::At { step } => Some(step),
            _ => None,
        }
    }
}

/// Why a step was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Refusal {
    /// Required, in Indonesian (PEN-14.4, PEN-15.6).
    pub reasons: String,
}

/// What the holder of the current step decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Decision {
    /// Goes ahead: submits, agrees, composes, issues or receives, as the step asks.
    Proceed,
    /// Refuses with reasons (only where the step allows a refusal).
    Refuse(Refusal),
}

/// What taking a step did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub from: &'static str,
    pub lane: Lane,
    pub to: State,
    /// The letter to record (DOC-04), if any.
    pub letter: Option<LetterKind>,
    /// Who gets a copy.
    pub copies: Vec<Lane>,
}

/// Why a step cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum WorkflowError {
    /// The step was decided already, or is not the one waited for (PEN-18: only once).
    #[error("Langkah ini sudah diputuskan atau belum gilirannya (menunggu: {waiting}).")]
    AlreadyDecided { waiting: String },
    /// The request ended.
    #[error("Permohonan ini sudah selesai.")]
    Closed,
    /// No such step in this workflow.
    #[error("Langkah {step} tidak ada dalam alur ini.")]
    UnknownStep { step: String },
    /// A refusal needs reasons.
    #[error("Penolakan wajib disertai alasan.")]
    ReasonsRequired,
    /// This step cannot be refused (a submission, an issue, a receipt).
    #[error("Langkah ini tidak dapat ditolak.")]
    NotRefusable,
    /// The letter this step answers is still an unnumbered draft (issue 15 point 4; DOC-05:
    /// a letter goes out numbered from the register).
    #[error(
        "{letter} belum diterbitkan (belum bernomor); penandatangannya menerbitkannya dahulu di halaman surat, baru permohonan dapat dijawab (DOC-05, Lampiran IV)."
    )]
    LetterNotIssued { letter: String },
}

/// Whether step `step` of `kind` may be taken now that the letters of the request are as
/// `issued` says (issue 15 point 4): a step that answers an involvement request — the one
/// right after the step that sent it — waits until that request has been issued with its
/// number (DOC-05). Other steps need nothing issued.
pub fn check_answerable(
    kind: WorkflowKind,
    step: &str,
    issued: impl Fn(LetterKind) -> bool,
) -> Result<(), WorkflowError> {
    let def = kind.definition();
    let Some(i) = def.steps.iter().position(|s| s.code == step) else {
        return Ok(());
    };
    let answered = i
        .checked_sub(1)
        .and_then(|p| def.steps.get(p))
        .and_then(|p| p.letter)
        .filter(|l| *l == LetterKind::InvolvementRequest);
    match answered {
        Some(l) if !issued(l) => Err(WorkflowError::LetterNotIssued {
            letter: l.label().to_string(),
        }),
        _ => Ok(()),
    }
}

/// The state of a new request.
pub fn start(kind: WorkflowKind) -> State {
    match kind.definition().steps.first() {
        Some(s) => State::At { step: s.code },
        None => State::Assigned,
    }
}

/// Takes step `step` of a request of `kind` in `state` with `decision`.
pub fn advance(
    kind: WorkflowKind,
    state: &State,
    step: &str,
    decision: &Decision,
) -> Result<Transition, WorkflowError> {
    let def = kind.definition();
    let s = def.step(step).ok_or_else(|| WorkflowError::UnknownStep {
        step: step.to_string(),
    })?;
    let current = state.current().ok_or(WorkflowError::Closed)?;
    if current != s.code {
        let waiting = def.step(current).map_or(current, |w| w.label).to_string();
        return Err(WorkflowError::AlreadyDecided { waiting });
    }
    match decision {
        Decision::Proceed => Ok(Transition {
            from: s.code,
            lane: s.lane,
            to: match s.then {
                Next::Step(n) => State::At { step: n },
                Next::Assigned => State::Assigned,
                Next::Refused => State::Refused { step: s.code },
            },
            letter: s.letter,
            copies: s.copies.to_vec(),
        }),
        Decision::Refuse(r) => {
            if !s.refusable() {
                return Err(WorkflowError::NotRefusable);
            }
            if r.reasons.trim().is_empty() {
                return Err(WorkflowError::ReasonsRequired);
            }
            Ok(Transition {
                from: s.code,
                lane: s.lane,
                to: State::Refused { step: s.code },
                letter: s.refusal_letter,
                copies: Vec::new(),
            })
        }
    }
}
