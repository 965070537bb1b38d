//! The life of an assessment (KIN-02, KIN-04) as a state machine:
//!
//! ```text
//! draft ──finalise──▶ finalised ──acknowledge──▶ acknowledged
//!   ▲                     │
//!   │                     └──object (once, reasons)──▶ objected ──uphold (changed rating)──▶ objection_upheld
//!   │                                                      └──────dismiss (reason)──────────▶ objection_dismissed
//!   └──reopen (reason, by the assessor's superior)── finalised | acknowledged | objection_upheld | objection_dismissed
//! ```
//!
//! - Only a draft is rated and changed, by the assessor; finalising it locks it (KIN-04).
//! - The employee acknowledges a finalised assessment, or objects to it once, with reasons.
//!   The right to object is used up by the first objection, also across a reopening: a
//!   reopened and refinalised assessment is acknowledged, not objected to again.
//! - The assessor's superior decides an objection: upheld with a changed rating, or dismissed,
//!   each with a reason. Until then the assessment cannot be reopened.
//! - A locked assessment changes only through a reopening: a recorded decision with a reason
//!   by the assessor's superior, which puts it back to draft.
//!
//! Who the actor is (the assessor, the employee, the assessor's superior) is decided by
//! [`super::assessor`]; [`next`] takes the result as [`ActorFacts`]. The distribution curve is
//! asked separately before a finalisation or an upheld objection is stored
//! ([`super::curve::finalise_gate`]), with the agency's counts storage loads.

use serde::{Deserialize, Serialize};

use super::rating::{KIN_02_ARTICLE, PerformanceRating, RatingOutcome};
use super::{assessor::KIN_04_ARTICLE, refusal};
use crate::org::vocabulary;
use crate::refusals::{Refusal, RefusalKind};
use crate::rules::{Citation, RuleId};

vocabulary! {
    /// Where an assessment stands.
    AssessmentState {
        Draft => "draft", "Draf";
        Finalised => "finalised", "Final (terkunci)";
        Acknowledged => "acknowledged", "Diterima pegawai";
        Objected => "objected", "Keberatan diajukan";
        ObjectionUpheld => "objection_upheld", "Keberatan dikabulkan";
        ObjectionDismissed => "objection_dismissed", "Keberatan ditolak";
    }
}

vocabulary! {
    /// What someone does to an assessment.
    AssessmentAction {
        Finalise => "finalise", "Finalkan penilaian";
        Acknowledge => "acknowledge", "Terima penilaian";
        Object => "object", "Ajukan keberatan";
        UpholdObjection => "uphold_objection", "Kabulkan keberatan";
        DismissObjection => "dismiss_objection", "Tolak keberatan";
        Reopen => "reopen", "Buka kembali penilaian";
    }
}

vocabulary! {
    /// A recorded decision kept with the rating before it (KIN-04: a reopening keeps the
    /// earlier rating; an objection's decision is kept too).
    AssessmentEventKind {
        Reopened => "reopened", "Dibuka kembali";
        ObjectionUpheld => "objection_upheld", "Keberatan dikabulkan";
        ObjectionDismissed => "objection_dismissed", "Keberatan ditolak";
    }
}

impl AssessmentState {
    /// Whether the assessment is locked: anything but a draft (KIN-04).
    pub fn is_locked(self) -> bool {
        self != AssessmentState::Draft
    }
}

/// An action with what it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The assessor finalises the draft; `rating` is its checked rating
    /// ([`super::rating::rate`]), `None` while it is incomplete.
    Finalise {
        rating: Option<RatingOutcome>,
    },
    Acknowledge,
    Object {
        reasons: String,
    },
    /// The superior upholds the objection with the changed rating.
    UpholdObjection {
        rating: RatingOutcome,
        reason: String,
    },
    DismissObjection {
        reason: String,
    },
    Reopen {
        reason: String,
    },
}

impl Action {
    pub fn kind(&self) -> AssessmentAction {
        match self {
            Action::Finalise { .. } => AssessmentAction::Finalise,
            Action::Acknowledge => AssessmentAction::Acknowledge,
            Action::Object { .. } => AssessmentAction::Object,
            Action::UpholdObjection { .. } => AssessmentAction::UpholdObjection,
            Action::DismissObjection { .. } => AssessmentAction::DismissObjection,
            Action::Reopen { .. } => AssessmentAction::Reopen,
        }
    }
}

/// The stored facts of an assessment a decision reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssessmentFacts {
    pub state: AssessmentState,
    /// The predikat in force (finalised or decided), if any.
    pub rating: Option<PerformanceRating>,
    /// The employee has objected before (the right to object is used).
    pub objected_before: bool,
}

/// The actor's parts in the assessment, as [`super::assessor`] decided them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ActorFacts {
    /// The assessed employee.
    pub is_employee: bool,
    /// Exercises the fixed assessor post ([`super::assessor::check_assessor`] passed).
    pub is_assessor: bool,
    /// The assessor's superior ([`super::assessor::check_assessor_superior`] passed).
    pub is_assessor_superior: bool,
}

/// A decided transition: the state it leads to, the rating it sets, and its citation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transition {
    pub state: AssessmentState,
    /// The predikat set by this transition (finalising, or upholding an objection).
    pub rating: Option<PerformanceRating>,
    pub citation: Citation,
}

fn kin_02(kind: RefusalKind, code: &'static str, message: impl Into<String>) -> Refusal {
    refusal(kind, code, RuleId::KIN_02, KIN_02_ARTICLE, message)
}

fn kin_04(kind: RefusalKind, code: &'static str, message: impl Into<String>) -> Refusal {
    refusal(kind, code, RuleId::KIN_04, KIN_04_ARTICLE, message)
}

/// A required free text (`field` as the form and the API name it): not blank, within limits.
fn require_text(text: &str, field: &str, code: &'static str, what: &str) -> Result<(), Refusal> {
    if text.trim().is_empty() {
        return Err(kin_02(
            RefusalKind::Invalid,
            code,
            format!("{what} wajib diisi."),
        ));
    }
    crate::limits::check_as(crate::limits::TextKind::Note, text)
        .map_err(|p| kin_02(RefusalKind::Invalid, p.code(), p.message(field)))
}

fn locked(state: AssessmentState) -> Refusal {
    kin_04(
        RefusalKind::Conflict,
        "assessment_locked",
        format!(
            "Penilaian berstatus {}: terkunci, perubahan hanya melalui pembukaan kembali oleh atasan Pejabat Penilai Kinerja.",
            state.label()
        ),
    )
}

fn not_assessor() -> Refusal {
    kin_04(
        RefusalKind::NotPermitted,
        "not_the_assessor",
        "Hanya Pejabat Penilai Kinerja pegawai ini (pejabat definitif atau Plt./Plh. pada jabatan itu) yang menilai.",
    )
}

fn not_superior() -> Refusal {
    kin_04(
        RefusalKind::NotPermitted,
        "not_the_assessor_superior",
        "Keberatan dan pembukaan kembali penilaian diputus oleh atasan Pejabat Penilai Kinerja.",
    )
}

/// KIN-02, KIN-04: whether `actor` may change (rate) the assessment now: the assessor, on a
/// draft.
pub fn may_edit(facts: &AssessmentFacts, actor: &ActorFacts) -> Result<(), Refusal> {
    assessor_on_draft(facts, actor)
}

fn assessor_on_draft(facts: &AssessmentFacts, actor: &ActorFacts) -> Result<(), Refusal> {
    if actor.is_employee {
        return Err(kin_04(
            RefusalKind::NotPermitted,
            "assessing_oneself",
            "Tidak seorang pun menilai kinerjanya sendiri.",
        ));
    }
    if !actor.is_assessor {
        return Err(not_assessor());
    }
    if facts.state.is_locked() {
        return Err(locked(facts.state));
    }
    Ok(())
}

/// The state an action leads to, or why it is refused.
pub fn next(
    facts: &AssessmentFacts,
    action: &Action,
    actor: &ActorFacts,
) -> Result<Transition, Refusal> {
    use AssessmentState as S;
    let to = |state: S, rating: Option<PerformanceRating>, citation: Citation| Transition {
        state,
        rating,
        citation,
    };
    let kin_02_citation = Citation::new(RuleId::KIN_02, KIN_02_ARTICLE);
    let kin_04_citation = Citation::new(RuleId::KIN_04, KIN_04_ARTICLE);
    match action {
        Action::Finalise { rating } => {
            assessor_on_draft(facts, actor)?;
            let Some(rating) = rating else {
                return Err(kin_02(
                    RefusalKind::Invalid,
                    "assessment_incomplete",
                    "Hasil kerja dan perilaku kerja (ketujuh nilai dasar) harus dinilai sebelum penilaian difinalkan.",
                ));
            };
            Ok(to(
                S::Finalised,
                Some(rating.rating),
                rating.citation.clone(),
            ))
        }
        Action::Acknowledge | Action::Object { .. } => {
            if !actor.is_employee {
                return Err(kin_02(
                    RefusalKind::NotPermitted,
                    "not_the_assessed_employee",
                    "Hanya pegawai yang dinilai yang menerima penilaian atau mengajukan keberatan.",
                ));
            }
            if facts.state != S::Finalised {
                return Err(kin_02(
                    RefusalKind::Conflict,
                    "assessment_not_finalised",
                    format!(
                        "Penilaian berstatus {}: hanya penilaian final yang diterima atau diajukan keberatan.",
                        facts.state.label()
                    ),
                ));
            }
            match action {
                Action::Object { reasons } => {
                    if facts.objected_before {
                        return Err(kin_02(
                            RefusalKind::Conflict,
                            "objection_already_made",
                            "Keberatan atas penilaian ini sudah pernah diajukan; keberatan hanya satu kali.",
                        ));
                    }
                    require_text(
                        reasons,
                        "reasons",
                        "objection_reasons_blank",
                        "Alasan keberatan",
                    )?;
                    Ok(to(S::Objected, None, kin_02_citation))
                }
                _ => Ok(to(S::Acknowledged, None, kin_02_citation)),
            }
        }
        Action::UpholdObjection { .. } | Action::DismissObjection { .. } => {
            if actor.is_employee {
                return Err(kin_04(
                    RefusalKind::NotPermitted,
                    "own_assessment_decision",
                    "Pegawai yang dinilai tidak memutus keberatan atau pembukaan kembali penilaiannya sendiri.",
                ));
            }
            if !actor.is_assessor_superior {
                return Err(not_superior());
            }
            if facts.state != S::Objected {
                return Err(kin_02(
                    RefusalKind::Conflict,
                    "objection_not_pending",
                    format!(
                        "Penilaian berstatus {}: tidak ada keberatan yang menunggu keputusan.",
                        facts.state.label()
                    ),
                ));
            }
            match action {
                Action::UpholdObjection { rating, reason } => {
                    require_text(
                        reason,
                        "reason",
                        "objection_decision_blank",
                        "Alasan keputusan",
                    )?;
                    if facts.rating == Some(rating.rating) {
                        return Err(kin_02(
                            RefusalKind::Invalid,
                            "objection_rating_unchanged",
                            "Keberatan yang dikabulkan mengubah predikat kinerja; bila predikat tetap, keberatan ditolak.",
                        ));
                    }
                    Ok(to(
                        S::ObjectionUpheld,
                        Some(rating.rating),
                        rating.citation.clone(),
                    ))
                }
                Action::DismissObjection { reason } => {
                    require_text(
                        reason,
                        "reason",
                        "objection_decision_blank",
                        "Alasan keputusan",
                    )?;
                    Ok(to(S::ObjectionDismissed, None, kin_02_citation))
                }
                _ => Err(not_superior()),
            }
        }
        Action::Reopen { reason } => {
            if actor.is_employee {
                return Err(kin_04(
                    RefusalKind::NotPermitted,
                    "own_assessment_decision",
                    "Pegawai yang dinilai tidak memutus keberatan atau pembukaan kembali penilaiannya sendiri.",
                ));
            }
            if !actor.is_assessor_superior {
                return Err(not_superior());
            }
            match facts.state {
                S::Draft => Err(kin_04(
                    RefusalKind::Conflict,
                    "assessment_not_locked",
                    "Penilaian masih draf; tidak ada yang perlu dibuka kembali.",
                )),
                S::Objected => Err(kin_02(
                    RefusalKind::Conflict,
                    "objection_pending",
                    "Keberatan atas penilaian ini menunggu keputusan; putuskan keberatan lebih dahulu.",
                )),
                S::Finalised | S::Acknowledged | S::ObjectionUpheld | S::ObjectionDismissed => {
                    if reason.trim().is_empty() {
                        return Err(kin_04(
                            RefusalKind::Invalid,
                            "reopen_reason_blank",
                            "Alasan pembukaan kembali penilaian wajib diisi.",
                        ));
                    }
                    crate::limits::check_as(crate::limits::TextKind::Note, reason)
                        .map_err(|p| kin_04(RefusalKind::Invalid, p.code(), p.message("reason")))?;
                    Ok(to(S::Draft, None, kin_04_citation))
                }
            }
        }
    }
}
