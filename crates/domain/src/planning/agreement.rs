//! The lifecycle of a Perjanjian Kinerja (MEK-02, MEK-03; issue 14 point 7): what signing,
//! changing the text and amending do to an agreement, as one transition function like the
//! workflows' (`crate::workflow`). Storage loads the agreement's state and the facts of the
//! request (which parties the person is, whether the agreement has targets), calls [`next`]
//! and persists what it returns.
//!
//! A draft is signed by both parties: the holder of the post (*pihak pertama*) and whoever sets
//! the agreement (*pihak kedua*); when both have signed it is signed and locked (MEK-02). Its
//! text then changes only by an amendment with a reason (MEK-03), which keeps the signed text
//! as a version and makes the agreement a draft of the next version, to be signed again. A
//! change to a draft's text withdraws the signatures already given: they signed another text.

use serde::{Deserialize, Serialize};

use super::target::AgreementStatus;
use crate::refusals::{Refusal, RefusalKind};
use crate::rules::RuleId;

/// A side of an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    /// The holder of the post (*pihak pertama*).
    Holder,
    /// Who sets the agreement (*pihak kedua*): the setter position's holder or the regional
    /// head.
    Setter,
}

/// Where an agreement stands: its status, the version of its text and who signed that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementState {
    pub status: AgreementStatus,
    /// The version of the text, from 1; an amendment makes the next one.
    pub version: i32,
    pub holder_signed: bool,
    pub setter_signed: bool,
}

impl AgreementState {
    /// A new agreement: a draft of version 1 nobody signed.
    pub fn new() -> AgreementState {
        AgreementState {
            status: AgreementStatus::Draft,
            version: 1,
            holder_signed: false,
            setter_signed: false,
        }
    }

    /// Whether `party` signed the current text.
    pub fn signed_by(&self, party: Party) -> bool {
        match party {
            Party::Holder => self.holder_signed,
            Party::Setter => self.setter_signed,
        }
    }
}

impl Default for AgreementState {
    fn default() -> Self {
        AgreementState::new()
    }
}

/// What happens to an agreement. Who may act (a party, STR-01..05) is checked by storage
/// before, from the structure; these are the facts the lifecycle decides on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementEvent<'a> {
    /// The text of a draft changes (a target added, changed, removed or cascaded into it).
    Edit,
    /// A person signs as the parties they are (one or both).
    Sign {
        parties: &'a [Party],
        /// The agreement has at least one target.
        has_targets: bool,
    },
    /// A party amends the signed agreement, giving a reason.
    Amend { reason: &'a str },
}

/// Refuses a change to the text of a signed (locked) agreement (MEK-02).
pub fn require_draft(state: &AgreementState) -> Result<(), Refusal> {
    if state.status == AgreementStatus::Signed {
        return Err(Refusal::new(
            RefusalKind::Conflict,
            "agreement_signed",
            RuleId::MEK_02,
            "Lampiran A.1",
            "Perjanjian Kinerja ini sudah ditandatangani kedua pihak dan terkunci; ubah melalui perubahan (amendemen) dengan alasan.",
        ));
    }
    Ok(())
}

/// The state after `event`, or why the event is refused; refused means nothing changes.
pub fn next(state: &AgreementState, event: &AgreementEvent<'_>) -> Result<AgreementState, Refusal> {
    match *event {
        // MEK-02: a signed agreement is locked; a draft's changed text is signed again.
        AgreementEvent::Edit => {
            require_draft(state)?;
            Ok(AgreementState {
                holder_signed: false,
                setter_signed: false,
                ..*state
            })
        }
        // MEK-02: signed by both parties, the agreement is signed and locked.
        AgreementEvent::Sign {
            parties,
            has_targets,
        } => {
            require_draft(state)?;
            if !has_targets {
                return Err(Refusal::new(
                    RefusalKind::Invalid,
                    "agreement_without_targets",
                    RuleId::MEK_02,
                    "Lampiran A.1",
                    "Perjanjian Kinerja tanpa target tidak dapat ditandatangani.",
                ));
            }
            let mut after = *state;
            for party in parties {
                match party {
                    Party::Holder => after.holder_signed = true,
                    Party::Setter => after.setter_signed = true,
                }
            }
            if after == *state {
                return Err(Refusal::new(
                    RefusalKind::Conflict,
                    "already_signed",
                    RuleId::MEK_02,
                    "Lampiran A.1",
                    "Anda sudah menandatangani perjanjian ini.",
                ));
            }
            if after.holder_signed && after.setter_signed {
                after.status = AgreementStatus::Signed;
            }
            Ok(after)
        }
        // MEK-03: a signed agreement is amended with a reason; the next version is a draft.
        AgreementEvent::Amend { reason } => {
            if reason.trim().is_empty() {
                return Err(Refusal::new(
                    RefusalKind::Invalid,
                    "amendment_reason_blank",
                    RuleId::MEK_03,
                    "Pasal 10 ayat 2",
                    "Alasan perubahan Perjanjian Kinerja wajib diisi.",
                ));
            }
            if state.status != AgreementStatus::Signed {
                return Err(Refusal::new(
                    RefusalKind::Conflict,
                    "agreement_not_signed",
                    RuleId::MEK_02,
                    "Lampiran A.1",
                    "Hanya Perjanjian Kinerja yang sudah ditandatangani yang diubah melalui amendemen; konsep dapat langsung diubah.",
                ));
            }
            Ok(AgreementState {
                status: AgreementStatus::Draft,
                version: state.version + 1,
                holder_signed: false,
                setter_signed: false,
            })
        }
    }
}

/// The parties whose signatures `event` added going from `before` to `after`, in the order
/// holder, setter (for the audit row).
pub fn newly_signed(before: &AgreementState, after: &AgreementState) -> Vec<Party> {
    [Party::Holder, Party::Setter]
        .into_iter()
        .filter(|p| after.signed_by(*p) && !before.signed_by(*p))
        .collect()
}

/// Whether going from `before` to `after` makes the agreement fully signed, so that it takes
/// its number from the register of performance agreements in the same transaction (DOC-05,
/// issue 15 point 6): at the second of the two signatures, never at the first. An amended
/// agreement signed again takes a new number; the number of the text it replaced stays with
/// that kept version.
pub fn takes_number(before: &AgreementState, after: &AgreementState) -> bool {
    before.status != AgreementStatus::Signed && after.status == AgreementStatus::Signed
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests may panic on unexpected values
#[path = "agreement_tests.rs"]
mod tests;
