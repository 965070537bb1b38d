//! A result on its way up the review chain (MEK-05, KIN-04): submitted, passed up or
//! returned with notes, accepted by the head of the Unit Organisasi.
//!
//! - Submission (MEK-04, Lampiran A.2.c): by the individual, or by the team lead of a team,
//!   while the work runs, stating that the result meets its target. The chain
//!   ([`super::chain::review_chain`]) is fixed on the record then (KIN-04).
//! - Each step is decided once, by whoever exercises its position when deciding (holder or
//!   Plt./Plh.; rights follow positions, as for workflow steps) and never by the submitter.
//!   *Pass* sends the result one step up; only a result the reviewer states meets the target
//!   goes up — except the pass that delivers it to the final reviewer in a Setda, an RSUD or a
//!   Kecamatan, where a result meeting the target *or the expectation* goes up
//!   ([`expectation_suffices`]). *Return* sends it back to the submitter with notes. *Accept* is the last step's
//!   (the head of the Unit Organisasi) and makes the activity *selesai*.
//! - A returned result may be resubmitted (a new round); its chain is fixed again then.
//!
//! A decision names the step it decides, so the same decision sent twice (or by several
//! people at once) is decided once and the others are told it already was.

use serde::Serialize;

use super::work::{Actor, Refusal, RefusalKind, Work, WorkKind, require_running};
use crate::org::{AnnexSection, DepartmentKind};
use crate::organisation::{EmployeeId, PositionId};
use crate::rules::RuleId;

/// MEK-05 is Lampiran A.3 (the evaluation phase).
const EVALUATION: &str = "Lampiran A.3";

/// Where a result stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ReviewState {
    /// Waiting at step `step` (0 = first reviewer) of the fixed chain.
    AtStep { step: usize },
    /// Sent back to the submitter with notes by step `step`.
    Returned { step: usize },
    /// Accepted by the head of the Unit Organisasi: the activity is *selesai* (GLOSSARY: `completed`).
    Completed,
}

impl ReviewState {
    /// The state a submission (or resubmission) starts in.
    pub const SUBMITTED: ReviewState = ReviewState::AtStep { step: 0 };

    /// Stable code stored and shown by the API.
    pub fn code(self) -> &'static str {
        match self {
            ReviewState::AtStep { .. } => "at_step",
            ReviewState::Returned { .. } => "returned",
            ReviewState::Completed => "completed",
        }
    }

    /// The step of the state, if any.
    pub fn step(self) -> Option<usize> {
        match self {
            ReviewState::AtStep { step } | ReviewState::Returned { step } => Some(step),
            ReviewState::Completed => None,
        }
    }

    /// Reads a stored state back.
    pub fn parse(code: &str, step: Option<usize>) -> Option<ReviewState> {
        match (code, step) {
            ("at_step", Some(step)) => Some(ReviewState::AtStep { step }),
            ("returned", Some(step)) => Some(ReviewState::Returned { step }),
            ("completed", _) => Some(ReviewState::Completed),
            _ => None,
        }
    }

    /// Indonesian label.
    pub fn label(self) -> &'static str {
        match self {
            ReviewState::AtStep { .. } => "Menunggu peninjauan",
            ReviewState::Returned { .. } => "Dikembalikan dengan catatan",
            ReviewState::Completed => "Diterima (selesai)",
        }
    }
}

/// What a reviewer decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// Passes the result one step up (it meets the target).
    Pass,
    /// Returns it to the submitter with notes.
    Return,
    /// Accepts it as meeting the target (the last step only).
    Accept,
}

impl DecisionKind {
    pub fn code(self) -> &'static str {
        match self {
            DecisionKind::Pass => "pass",
            DecisionKind::Return => "return",
            DecisionKind::Accept => "accept",
        }
    }

    pub fn parse(code: &str) -> Option<DecisionKind> {
        match code {
            "pass" => Some(DecisionKind::Pass),
            "return" => Some(DecisionKind::Return),
            "accept" => Some(DecisionKind::Accept),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DecisionKind::Pass => "Diteruskan",
            DecisionKind::Return => "Dikembalikan",
            DecisionKind::Accept => "Diterima",
        }
    }
}

/// A reviewer's decision on one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The step decided (as the reviewer saw it).
    pub step: usize,
    pub kind: DecisionKind,
    /// The reviewer states the result meets the target (required to pass or accept).
    pub meets_target: bool,
    /// The reviewer states the result meets the expectation: enough to pass where
    /// [`expectation_suffices`] says so, never to accept.
    pub meets_expectation: bool,
    /// Required to return.
    pub notes: String,
}

fn refusal(kind: RefusalKind, code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal::new(kind, code, RuleId::MEK_05, EVALUATION, message)
}

/// MEK-04 (Lampiran A.2.c): who may submit a result of `work` — the individual, or a team
/// lead of a team — while it runs, stating that it meets its target. Returns the submitter.
pub fn check_submission(
    work: &Work,
    actor: &Actor,
    meets_target: bool,
) -> Result<EmployeeId, Refusal> {
    require_running(work)?;
    let allowed = actor.employee.filter(|&e| match work.kind {
        WorkKind::Team => work.is_lead(e),
        WorkKind::Individual | WorkKind::ActivityPlan => work.member(e).is_some(),
    });
    let Some(submitter) = allowed else {
        return Err(Refusal::new(
            RefusalKind::NotPermitted,
            "not_the_result_submitter",
            RuleId::MEK_04,
            "Lampiran A.2.c",
            "Hasil pelaksanaan kegiatan disampaikan oleh individu yang ditugaskan atau oleh Ketua Tim Kerja.",
        ));
    };
    if !meets_target {
        return Err(refusal(
            RefusalKind::Invalid,
            "result_target_not_met",
            "Hanya hasil yang telah sesuai dengan target yang disampaikan dan diteruskan; nyatakan bahwa hasil telah sesuai target.",
        ));
    }
    Ok(submitter)
}

/// MEK-05: a returned result may be submitted again (a new round, its chain fixed again), by
/// whoever may submit a result of the work now.
pub fn check_resubmission(
    state: ReviewState,
    work: &Work,
    actor: &Actor,
    meets_target: bool,
) -> Result<EmployeeId, Refusal> {
    if !matches!(state, ReviewState::Returned { .. }) {
        return Err(refusal(
            RefusalKind::Conflict,
            "result_not_returned",
            "Hanya hasil yang dikembalikan dengan catatan yang dapat disampaikan ulang.",
        ));
    }
    check_submission(work, actor, meets_target)
}

/// Who may decide (MEK-05, KIN-04): the step `step` must be the one the result waits at, the
/// actor must exercise that step's position now, and must not be the submitter. `chain` is the
/// reviewing positions fixed on the record, in order.
pub fn check_reviewer(
    chain: &[PositionId],
    submitter: EmployeeId,
    state: ReviewState,
    step: usize,
    actor: &Actor,
) -> Result<PositionId, Refusal> {
    let waiting = match state {
        ReviewState::AtStep { step: at } if at == step => at,
        _ => {
            return Err(refusal(
                RefusalKind::Conflict,
                "result_already_decided",
                "Langkah peninjauan ini sudah diputuskan; hasil tidak lagi menunggu di langkah ini.",
            ));
        }
    };
    let Some(&position) = chain.get(waiting) else {
        return Err(refusal(
            RefusalKind::Conflict,
            "result_already_decided",
            "Langkah peninjauan ini tidak ada dalam rantai yang ditetapkan.",
        ));
    };
    if actor.employee == Some(submitter) {
        return Err(Refusal::new(
            RefusalKind::NotPermitted,
            "own_result_review",
            RuleId::KIN_04,
            EVALUATION,
            "Tidak ada yang meninjau hasil pekerjaannya sendiri.",
        ));
    }
    if !actor.exercises.contains(&position) {
        return Err(refusal(
            RefusalKind::NotPermitted,
            "not_the_reviewer",
            "Langkah ini ditinjau oleh pemegang jabatan peninjau yang ditetapkan dalam rantai (atau Plt./Plh.-nya).",
        ));
    }
    Ok(position)
}

/// MEK-05 as the text has it (Lampiran I.A.3.c angka 3, I.D.3.c angka 3, I.E.3.c angka 3):
/// in a Setda, an RSUD and a Kecamatan the result delivered to the final reviewer (Sekretaris
/// Daerah, Direktur, Camat) is one that "sesuai dengan target ataupun ekspektasi"; every other
/// pass, and the acceptance, needs the target met (angka 2 and 4; sections B and C say target
/// only). The pass that delivers to the final reviewer is the last-but-one step of the fixed
/// chain, whoever holds it after vacancies were skipped (docs/execution.md).
pub fn expectation_suffices(kind: DepartmentKind, chain_len: usize, step: usize) -> bool {
    matches!(
        kind.annex_section(),
        AnnexSection::A | AnnexSection::D | AnnexSection::E
    ) && chain_len >= 2
        && step == chain_len - 2
}

/// MEK-05: the state after `decision`, or why it is refused. `kind` is the department kind
/// the chain was derived for (fixed on the record with the chain).
pub fn decide(
    chain: &[PositionId],
    kind: DepartmentKind,
    submitter: EmployeeId,
    state: ReviewState,
    actor: &Actor,
    decision: &Decision,
) -> Result<ReviewState, Refusal> {
    check_reviewer(chain, submitter, state, decision.step, actor)?;
    let last = chain.len().saturating_sub(1);
    let step = decision.step;
    match decision.kind {
        DecisionKind::Return => {
            if decision.notes.trim().is_empty() {
                return Err(refusal(
                    RefusalKind::Invalid,
                    "return_notes_blank",
                    "Hasil dikembalikan dengan catatan: tuliskan catatannya.",
                ));
            }
            Ok(ReviewState::Returned { step })
        }
        DecisionKind::Pass if step == last => Err(refusal(
            RefusalKind::Invalid,
            "pass_at_last_reviewer",
            "Peninjau terakhir adalah Pimpinan Unit Organisasi: terima atau kembalikan hasilnya.",
        )),
        DecisionKind::Accept if step != last => Err(refusal(
            RefusalKind::Invalid,
            "accept_by_last_reviewer",
            "Hanya Pimpinan Unit Organisasi (peninjau terakhir) yang menerima hasil; teruskan atau kembalikan.",
        )),
        DecisionKind::Pass
            if !decision.meets_target
                && decision.meets_expectation
                && expectation_suffices(kind, chain.len(), step) =>
        {
            Ok(ReviewState::AtStep { step: step + 1 })
        }
        DecisionKind::Pass
            if !decision.meets_target && expectation_suffices(kind, chain.len(), step) =>
        {
            Err(refusal(
                RefusalKind::Invalid,
                "result_target_not_met",
                "Hasil yang diteruskan kepada peninjau terakhir harus sesuai dengan target ataupun ekspektasi; bila belum, kembalikan dengan catatan.",
            ))
        }
        DecisionKind::Pass | DecisionKind::Accept if !decision.meets_target => Err(refusal(
            RefusalKind::Invalid,
            "result_target_not_met",
            "Hanya hasil yang telah sesuai dengan target yang diteruskan atau diterima; bila belum, kembalikan dengan catatan.",
        )),
        DecisionKind::Pass => Ok(ReviewState::AtStep { step: step + 1 }),
        DecisionKind::Accept => Ok(ReviewState::Completed),
    }
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
