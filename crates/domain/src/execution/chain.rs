//! The review chain of a result (MEK-05, KIN-04), derived from the unit tree per department
//! kind.
//!
//! The result climbs from the submitter's Unit Kerja to the head of the owner Unit
//! Organisasi. Which heads on the way review is decided by the department kind (Lampiran I,
//! the "Tahap Evaluasi" paragraph of each section):
//!
//! - I.A Setda, I.B Setwan/Inspektorat/Dinas/Badan/Satpol PP, I.C DPMPTSP, I.D RSUD: the
//!   Administrator and JPT heads (Kepala Bagian → Asisten → Sekda; Administrator → JPT
//!   Pratama; Sekretaris → Kepala; Kepala Bagian/Bidang → Wakil Direktur → Direktur). A
//!   Pengawas does not review there (STR-07: he coordinates like a team lead).
//! - I.E Kecamatan: the Pengawas too (Kepala Sub Bagian → Sekretaris Camat → Camat; a Kepala
//!   Seksi directly under the Camat → Camat).
//!
//! The head of the owner Unit Organisasi (and of any Unit Organisasi passed on the way) always
//! reviews, whatever their class: the Camat is an Administrator, an independent unit may be
//! led by a JF. The walk never goes above the owner Unit Organisasi. A submitter whose unit is
//! not under the owner Unit Organisasi (a member from another Unit Organisasi or Instansi, or
//! someone without a definitive position in the organisation given) submits to the head of
//! the owner Unit Organisasi only: the target is the owner's, and the
//! heads of the submitter's own unit hold none of it (docs/execution.md).
//!
//! Each step names its position and who exercises it now: the definitive holder, else the
//! Plt./Plh. A post with neither is skipped, with a note on the next step naming the vacancy;
//! a post the submitter exercises is skipped (nobody reviews their own result, KIN-04); two
//! consecutive posts exercised by the same person (a Sekretaris Camat who is Plt. Camat)
//! review once, at the higher post.

use std::collections::HashMap;

use serde::Serialize;

use crate::org::{ActingKind, AnnexSection, DepartmentKind, PositionClass};
use crate::organisation::{EmployeeId, Organisation, Position, PositionId, Unit, UnitId};
use crate::rules::{Citation, RuleId};

/// The "Tahap Evaluasi" paragraph of a Lampiran I section.
pub fn evaluation_article(section: AnnexSection) -> &'static str {
    match section {
        AnnexSection::A => "Lampiran I.A.3.c",
        AnnexSection::B => "Lampiran I.B.3.c",
        AnnexSection::C => "Lampiran I.C.3.c",
        AnnexSection::D => "Lampiran I.D.3.c",
        AnnexSection::E => "Lampiran I.E.3.c",
    }
}

/// MEK-05 with the evaluation paragraph of a department kind.
pub fn chain_citation(kind: DepartmentKind) -> Citation {
    Citation::new(RuleId::MEK_05, evaluation_article(kind.annex_section()))
}

/// KIN-04 (nobody reviews their own result), on the evaluation paragraph of a kind.
pub fn own_result_citation(kind: DepartmentKind) -> Citation {
    Citation::new(RuleId::KIN_04, evaluation_article(kind.annex_section()))
}

/// Whether the head of a unit of this class reviews in a department of this kind (MEK-05).
/// Heads of Units Organisasi review regardless (see the module documentation).
pub fn reviews(kind: DepartmentKind, class: PositionClass) -> bool {
    match class {
        PositionClass::Jpt | PositionClass::Administrator => true,
        // I.E.3.c angka 1: "Pejabat Pengawas (Kepala Sub Bagian/Kepala Seksi) meninjau".
        PositionClass::Pengawas => kind.annex_section() == AnnexSection::E,
        PositionClass::Fungsional | PositionClass::Pelaksana => false,
    }
}

/// Who exercises a post now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Exerciser {
    pub employee: EmployeeId,
    /// `None` for the definitive holder, else Plt. or Plh.
    pub acting: Option<ActingKind>,
}

/// Why a post on the way up was left out of the chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Neither a definitive holder nor a Plt./Plh.
    Vacant,
    /// The submitter exercises it (KIN-04).
    OwnResult,
    /// The same person exercises the next post up and reviews there, once.
    SameReviewer,
}

impl SkipReason {
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::Vacant => "vacant",
            SkipReason::OwnResult => "own_result",
            SkipReason::SameReviewer => "same_reviewer",
        }
    }

    pub fn from_code(code: &str) -> Option<SkipReason> {
        match code {
            "vacant" => Some(SkipReason::Vacant),
            "own_result" => Some(SkipReason::OwnResult),
            "same_reviewer" => Some(SkipReason::SameReviewer),
            _ => None,
        }
    }
}

/// A post passed over, noted on the next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub position: PositionId,
    pub position_name: String,
    pub reason: SkipReason,
    /// Indonesian note shown with the next step.
    pub note: String,
    pub citation: Citation,
}

/// One reviewer of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewStep {
    pub position: PositionId,
    pub position_name: String,
    pub unit: UnitId,
    pub unit_name: String,
    pub class: PositionClass,
    /// Who exercised the post when the chain was fixed.
    pub reviewer: Exerciser,
    /// The last step: the head of the owner Unit Organisasi, who accepts.
    pub accepts: bool,
    /// Posts below this one that were passed over, each with its note.
    pub skipped: Vec<Skipped>,
    pub citation: Citation,
}

/// The chain fixed on a result at submission (KIN-04).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewChain {
    pub kind: DepartmentKind,
    pub owner_unit: UnitId,
    /// The submitter's unit is not under the owner Unit Organisasi: only its head reviews.
    pub from_outside: bool,
    /// At least one step; the last accepts.
    pub steps: Vec<ReviewStep>,
    pub citation: Citation,
}

impl ReviewChain {
    pub fn last(&self) -> usize {
        self.steps.len().saturating_sub(1)
    }
}

/// Why no chain can be fixed; nothing is submitted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("Unit Organisasi pemilik penugasan tidak ditemukan dalam struktur organisasi.")]
    OwnerUnitUnknown,
    #[error(
        "{position} (Pimpinan Unit Organisasi) kosong dan tidak ada Plt./Plh.: tidak ada yang \
         dapat menerima hasil ({citation})."
    )]
    AcceptorVacant {
        position: String,
        citation: Citation,
    },
    #[error(
        "Pengaju sendiri menjalankan jabatan {position} (Pimpinan Unit Organisasi) yang menerima \
         hasil: tidak ada yang meninjau hasilnya sendiri ({citation})."
    )]
    AcceptorIsSubmitter {
        position: String,
        citation: Citation,
    },
    #[error("Unit Organisasi pemilik tidak memiliki jabatan kepala ({citation}).")]
    NoHead { citation: Citation },
}

impl ChainError {
    /// Stable code of the refusal.
    pub fn code(&self) -> &'static str {
        match self {
            ChainError::OwnerUnitUnknown => "review_chain_unresolved",
            ChainError::AcceptorVacant { .. } | ChainError::NoHead { .. } => {
                "review_chain_acceptor_vacant"
            }
            ChainError::AcceptorIsSubmitter { .. } => "review_chain_own_acceptance",
        }
    }
}

/// The review chain of a result submitted by `submitter` for an assignment owned by the Unit
/// Organisasi `owner_unit` (MEK-05): the reviewing heads from the submitter's unit up to and
/// including the head of the owner Unit Organisasi, with vacant and own posts passed over.
pub fn review_chain(
    org: &Organisation,
    submitter: EmployeeId,
    owner_unit: UnitId,
) -> Result<ReviewChain, ChainError> {
    let units: HashMap<UnitId, &Unit> = org.units.iter().rev().map(|u| (u.id, u)).collect();
    let owner = *units.get(&owner_unit).ok_or(ChainError::OwnerUnitUnknown)?;
    let kind = org
        .departments
        .iter()
        .find(|d| d.id == owner.department)
        .map(|d| d.kind)
        .ok_or(ChainError::OwnerUnitUnknown)?;
    let citation = chain_citation(kind);

    let positions: HashMap<PositionId, &Position> =
        org.positions.iter().rev().map(|p| (p.id, p)).collect();
    let start = org
        .employees
        .iter()
        .find(|e| e.id == submitter)
        .and_then(|e| e.position)
        .and_then(|p| positions.get(&p))
        .map(|p| p.unit);

    // The path from the submitter's unit up to the owner Unit Organisasi, if it lies under it.
    let mut path = Vec::new();
    let mut cur = start.and_then(|s| units.get(&s).copied());
    let mut reached = false;
    while let Some(u) = cur {
        if path.len() > units.len() {
            break; // a cycle: treat as not under the owner
        }
        path.push(u);
        if u.id == owner_unit {
            reached = true;
            break;
        }
        cur = u.parent.and_then(|p| units.get(&p).copied());
    }
    let from_outside = !reached;
    if from_outside {
        path = vec![owner];
    }

    let mut steps: Vec<ReviewStep> = Vec::new();
    let mut pending: Vec<Skipped> = Vec::new();
    for unit in path {
        let Some(head) = head_of(org, unit.id) else {
            if unit.id == owner_unit {
                return Err(ChainError::NoHead {
                    citation: citation.clone(),
                });
            }
            continue;
        };
        let is_owner = unit.id == owner_unit;
        if !is_owner && !unit.is_org_unit && !reviews(kind, head.class) {
            continue;
        }
        let Some(reviewer) = exerciser(org, head) else {
            if is_owner {
                return Err(ChainError::AcceptorVacant {
                    position: head.name.clone(),
                    citation: citation.clone(),
                });
            }
            pending.push(Skipped {
                position: head.id,
                position_name: head.name.clone(),
                reason: SkipReason::Vacant,
                note: format!(
                    "{} kosong dan tidak ada Plt./Plh.: hasil diteruskan ke peninjau berikutnya.",
                    head.name
                ),
                citation: citation.clone(),
            });
            continue;
        };
        if reviewer.employee == submitter {
            let own = own_result_citation(kind);
            if is_owner {
                return Err(ChainError::AcceptorIsSubmitter {
                    position: head.name.clone(),
                    citation: own,
                });
            }
            pending.push(Skipped {
                position: head.id,
                position_name: head.name.clone(),
                reason: SkipReason::OwnResult,
                note: format!(
                    "{} dijalankan oleh pengaju sendiri: tidak ada yang meninjau hasilnya sendiri.",
                    head.name
                ),
                citation: own,
            });
            continue;
        }
        if let Some(prev) = steps.pop_if(|s| s.reviewer.employee == reviewer.employee) {
            pending.extend(prev.skipped);
            pending.push(Skipped {
                position: prev.position,
                position_name: prev.position_name.clone(),
                reason: SkipReason::SameReviewer,
                note: format!(
                    "{} dijalankan oleh orang yang sama dengan {}: ditinjau sekali.",
                    prev.position_name, head.name
                ),
                citation: citation.clone(),
            });
        }
        steps.push(ReviewStep {
            position: head.id,
            position_name: head.name.clone(),
            unit: unit.id,
            unit_name: unit.name.clone(),
            class: head.class,
            reviewer,
            accepts: is_owner,
            skipped: std::mem::take(&mut pending),
            citation: citation.clone(),
        });
    }
    Ok(ReviewChain {
        kind,
        owner_unit,
        from_outside,
        steps,
        citation,
    })
}

/// The head position of a unit (the lowest id when several are flagged).
fn head_of(org: &Organisation, unit: UnitId) -> Option<&Position> {
    org.positions
        .iter()
        .filter(|p| p.unit == unit && p.is_head)
        .min_by_key(|p| p.id)
}

/// Who exercises a post now: its definitive holder (the lowest employee id if the data holds
/// two), else its Plt./Plh. (ORG-05).
pub fn exerciser(org: &Organisation, position: &Position) -> Option<Exerciser> {
    org.employees
        .iter()
        .filter(|e| e.position == Some(position.id))
        .map(|e| e.id)
        .min()
        .map(|employee| Exerciser {
            employee,
            acting: None,
        })
        .or_else(|| {
            position.acting.map(|a| Exerciser {
                employee: a.employee,
                acting: Some(a.kind),
            })
        })
}

#[cfg(test)]
#[path = "chain_tests.rs"]
mod tests;
