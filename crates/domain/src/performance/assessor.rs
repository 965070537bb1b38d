//! KIN-04: who assesses an employee in a period, and who decides an objection or a reopening.
//!
//! - The assessor is the employee's PPK by placement (KED), fixed on the record when the
//!   period's plan or result is submitted ([`fix_assessor`]): the *position*, never a role
//!   filter. Whoever exercises that position when rating assesses — its definitive holder or
//!   its Plt./Plh. (ORG-05, [`crate::holders::exercises`]).
//! - An unresolved placement (KED-09) blocks, with its reason carried in the refusal.
//! - Nobody assesses themselves, nor an employee who exercises a post above the assessor's
//!   post (a JF acting as Plt. of the head above their own PPK).
//! - Objections and reopenings are decided by the assessor's superior: whoever exercises a head
//!   post of the unit above the fixed assessor post, or the regional head for the head of a
//!   Perangkat Daerah ([`OrgSnapshot::superior_of_position`]). The assessed employee never
//!   decides on their own assessment.

use std::collections::BTreeSet;

use serde::Serialize;

use super::refusal;
use crate::holders::{Exercise, OrgSnapshot, Superior};
use crate::organisation::{EmployeeId, PositionId};
use crate::placement::Outcome;
use crate::refusals::{Refusal, RefusalKind};
use crate::rules::{Citation, RuleId};

/// KIN-04's article: placement decides (Lampiran I) under Pasal 18.
pub const KIN_04_ARTICLE: &str = "Lampiran I; Pasal 18";

/// The assessor of an employee for a period, as fixed on the record at submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixedAssessor {
    pub employee: EmployeeId,
    /// The PPK position.
    pub position: PositionId,
    /// For an Ahli Madya, the Administrator post whose recommendation accompanies the
    /// assessment (STR-06, KIN-03).
    pub recommender: Option<PositionId>,
    /// The placement rule that named the PPK (the KED-12 policy's, when it moved it).
    pub citation: Citation,
}

/// KIN-04, KED-09: fixes the assessor from the employee's placement outcome when the plan or
/// result is submitted; an unresolved placement is refused with its reason.
pub fn fix_assessor(outcome: &Outcome) -> Result<FixedAssessor, Refusal> {
    match outcome {
        Outcome::Placed(p) => Ok(FixedAssessor {
            employee: p.employee,
            position: p.assessor.position,
            recommender: p.recommender.map(|r| r.position),
            citation: p.assessor_citation.clone().unwrap_or(p.citation.clone()),
        }),
        Outcome::Unresolved(u) => Err(refusal(
            RefusalKind::Conflict,
            "placement_unresolved",
            RuleId::KED_09,
            "Lampiran I",
            format!(
                "Kedudukan pegawai ini belum terselesaikan, sehingga Pejabat Penilai Kinerjanya belum dapat ditentukan: {}. Penetapan manual diperlukan lebih dahulu.",
                u.reason.trim().trim_end_matches('.')
            ),
        )),
    }
}

fn kin_04(kind: RefusalKind, code: &'static str, message: impl Into<String>) -> Refusal {
    refusal(kind, code, RuleId::KIN_04, KIN_04_ARTICLE, message)
}

/// The posts above `position`, nearest first (heads of the units above, up to the head of
/// the Perangkat Daerah); stops on a cycle.
fn posts_above(snap: &OrgSnapshot, position: PositionId) -> Vec<PositionId> {
    let mut seen = BTreeSet::from([position]);
    let mut out = Vec::new();
    let mut frontier = vec![position];
    while let Some(p) = frontier.pop() {
        if let Superior::Positions(heads) = snap.superior_of_position(p) {
            for h in heads {
                if seen.insert(h.id) {
                    out.push(h.id);
                    frontier.push(h.id);
                }
            }
        }
    }
    out
}

/// Who exercises the fixed assessor post now; `assessor_vacant` when nobody does.
pub fn current_assessor(
    snap: &OrgSnapshot,
    fixed: &FixedAssessor,
) -> Result<(EmployeeId, Exercise), Refusal> {
    snap.exercised_by(fixed.position).ok_or_else(|| {
        kin_04(
            RefusalKind::Conflict,
            "assessor_vacant",
            "Jabatan Pejabat Penilai Kinerja pegawai ini kosong dan tidak ada Plt./Plh.; penilaian menunggu pejabat yang menjabat.",
        )
    })
}

/// KIN-04: whether `actor` may assess the employee of `fixed`; how they exercise the post.
pub fn check_assessor(
    snap: &OrgSnapshot,
    actor: EmployeeId,
    fixed: &FixedAssessor,
) -> Result<Exercise, Refusal> {
    // The employee exercising their own PPK post (as its Plt./Plh.) would assess themselves.
    if actor == fixed.employee || snap.exercises(fixed.employee, fixed.position) {
        return Err(kin_04(
            RefusalKind::NotPermitted,
            "assessing_oneself",
            "Tidak seorang pun menilai kinerjanya sendiri.",
        ));
    }
    if posts_above(snap, fixed.position)
        .into_iter()
        .any(|p| snap.exercises(fixed.employee, p))
    {
        return Err(kin_04(
            RefusalKind::NotPermitted,
            "assessing_superior",
            "Pegawai ini menjabat (atau menjadi Plt./Plh.) di atas jabatan Pejabat Penilai Kinerjanya; penilaian oleh bawahannya tidak diperbolehkan.",
        ));
    }
    let Some(post) = snap.position(fixed.position) else {
        return Err(not_the_assessor());
    };
    let Some(person) = snap.person(actor) else {
        return Err(not_the_assessor());
    };
    crate::holders::exercise(actor, person.position, post).ok_or_else(not_the_assessor)
}

fn not_the_assessor() -> Refusal {
    kin_04(
        RefusalKind::NotPermitted,
        "not_the_assessor",
        "Hanya Pejabat Penilai Kinerja pegawai ini (pejabat definitif atau Plt./Plh. pada jabatan itu) yang menilai.",
    )
}

/// Who decides an objection or a reopening: an employee (exercising a post) or a regional
/// head's account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Decider {
    Employee(EmployeeId),
    RegionalHead(i64),
}

/// A decider confirmed as the assessor's superior.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SuperiorCheck {
    /// The post they decide in (`None` for the regional head).
    pub position: Option<PositionId>,
    /// `None` for the definitive holder or the regional head.
    pub exercise: Option<Exercise>,
    /// They also exercise the assessor post (a Plt. of both): shown to the reader.
    pub also_assessor: bool,
}

/// KIN-04: whether `decider` is the superior of the fixed assessor post and so decides an
/// objection or a reopening of the assessment.
pub fn check_assessor_superior(
    snap: &OrgSnapshot,
    decider: Decider,
    fixed: &FixedAssessor,
) -> Result<SuperiorCheck, Refusal> {
    if decider == Decider::Employee(fixed.employee) {
        return Err(kin_04(
            RefusalKind::NotPermitted,
            "own_assessment_decision",
            "Pegawai yang dinilai tidak memutus keberatan atau pembukaan kembali penilaiannya sendiri.",
        ));
    }
    let vacant = || {
        kin_04(
            RefusalKind::Conflict,
            "assessor_superior_vacant",
            "Jabatan atasan Pejabat Penilai Kinerja kosong dan tidak ada Plt./Plh.; keputusan menunggu pejabat yang menjabat.",
        )
    };
    let not_superior = || {
        kin_04(
            RefusalKind::NotPermitted,
            "not_the_assessor_superior",
            "Keberatan dan pembukaan kembali penilaian diputus oleh atasan Pejabat Penilai Kinerja.",
        )
    };
    match snap.superior_of_position(fixed.position) {
        Superior::Positions(heads) => {
            if heads.iter().all(|h| snap.exercised_by(h.id).is_none()) {
                return Err(vacant());
            }
            let Decider::Employee(who) = decider else {
                return Err(not_superior());
            };
            let definitive = snap.person(who).and_then(|p| p.position);
            heads
                .iter()
                .find_map(|h| {
                    crate::holders::exercise(who, definitive, h).map(|e| SuperiorCheck {
                        position: Some(h.id),
                        exercise: Some(e),
                        also_assessor: snap.exercises(who, fixed.position),
                    })
                })
                .ok_or_else(not_superior)
        }
        Superior::RegionalHeads(heads) => {
            if heads.is_empty() {
                return Err(vacant());
            }
            match decider {
                Decider::RegionalHead(id) if heads.iter().any(|h| h.id == id) => {
                    Ok(SuperiorCheck {
                        position: None,
                        exercise: None,
                        also_assessor: false,
                    })
                }
                _ => Err(not_superior()),
            }
        }
    }
}
