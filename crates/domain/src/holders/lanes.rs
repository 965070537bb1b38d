//! Who holds each lane of an approval workflow for one request (PEN-18), from an
//! [`OrgSnapshot`] taken when the step waits, so that rights follow positions:
//!
//! - [`Lane::OwnerHead`]: the head positions of the owner unit;
//! - [`Lane::RequesterPpk`], the PPK of the requesting head (copies): the head of the nearest
//!   unit above the owner unit, or the regional head for the head of a Perangkat Daerah (as
//!   for the agreement, MEK-02);
//! - [`Lane::OwnerAuthority`], the Pejabat yang Berwenang of the owner agency: the position the
//!   agency names, else its Sekretaris Daerah;
//! - per member from another Unit Organisasi or Instansi (the *party* of a target step):
//!   [`Lane::TargetPpk`] their PPK from placement, [`Lane::TargetHead`] the head of their Unit
//!   Organisasi, [`Lane::TargetAuthority`] the Pejabat yang Berwenang of their agency; in a
//!   volunteer workflow [`Lane::OwnPpk`] and [`Lane::OwnHead`] are the same positions, the
//!   volunteer's own PPK and own head;
//! - [`Lane::Employee`]: each member (a receipt is taken by each);
//! - [`Lane::RegionalSecretary`] and [`Lane::RegionalHead`]: the Sekretaris Daerah and the
//!   Bupati of the owner agency.

use serde::{Deserialize, Serialize};

use super::{OrgSnapshot, PositionFacts, RegionalHeadFacts, Superior};
use crate::assignment::MembershipKind;
use crate::organisation::{AgencyId, EmployeeId, PositionId, UnitId};
use crate::rules::{Citation, RuleId};
use crate::workflow::Lane;

/// A member of the request's assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestMember {
    /// `None` for a member not (or no longer) matched to an employee.
    pub employee: Option<EmployeeId>,
    /// The name recorded on the assignment.
    pub name: String,
    pub kind: MembershipKind,
}

/// The facts of a request that decide its lanes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFacts {
    pub owner_unit: Option<UnitId>,
    pub owner_agency: AgencyId,
    pub members: Vec<RequestMember>,
}

impl RequestFacts {
    /// The members from another Unit Organisasi or Instansi (the parties of target steps).
    pub fn seconded(&self) -> impl Iterator<Item = EmployeeId> + '_ {
        self.members
            .iter()
            .filter(|m| m.kind == MembershipKind::Seconded)
            .filter_map(|m| m.employee)
    }
}

/// What a holder of a lane is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HolderKind {
    /// Whoever exercises the position (its holder or its Plt./Plh.).
    Position(PositionId),
    /// The member themselves.
    Member(EmployeeId),
    /// A regional head's account and their agency.
    RegionalHead { id: i64, agency: AgencyId },
}

/// Someone who may take a step, for one party (a member, or `None` for the whole request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub party: Option<EmployeeId>,
    pub kind: HolderKind,
    /// The position name, the member's name, or the regional head's title.
    pub label: String,
}

impl Holder {
    fn position(party: Option<EmployeeId>, p: &PositionFacts) -> Holder {
        Holder {
            party,
            kind: HolderKind::Position(p.id),
            label: p.name.clone(),
        }
    }

    fn regional_head(party: Option<EmployeeId>, r: &RegionalHeadFacts) -> Holder {
        Holder {
            party,
            kind: HolderKind::RegionalHead {
                id: r.id,
                agency: r.agency,
            },
            // The office, as letters and the inbox name it; who holds it is shown beside.
            label: r.title.trim().to_string(),
        }
    }

    /// The holders of a superior (for the whole request).
    pub fn of_superior(s: &Superior<'_>) -> Vec<Holder> {
        match s {
            Superior::Positions(ps) => ps.iter().map(|p| Holder::position(None, p)).collect(),
            Superior::RegionalHeads(rs) => {
                rs.iter().map(|r| Holder::regional_head(None, r)).collect()
            }
        }
    }

    /// The holders of positions (for the whole request).
    pub fn of_positions(ps: &[&PositionFacts]) -> Vec<Holder> {
        ps.iter().map(|p| Holder::position(None, p)).collect()
    }
}

/// Whether a lane is taken once per member (its party) rather than once per request.
pub fn per_member(lane: Lane) -> bool {
    matches!(
        lane,
        Lane::Employee
            | Lane::TargetPpk
            | Lane::TargetHead
            | Lane::TargetAuthority
            | Lane::OwnPpk
            | Lane::OwnHead
    )
}

/// The holders of `lane` for the request `r` (PEN-18; see the module comment).
pub fn holders(org: &OrgSnapshot, r: &RequestFacts, lane: Lane) -> Vec<Holder> {
    let whole = |ps: Vec<&PositionFacts>| Holder::of_positions(&ps);
    match lane {
        Lane::Employee => r
            .members
            .iter()
            .filter_map(|m| {
                m.employee.map(|e| Holder {
                    party: Some(e),
                    kind: HolderKind::Member(e),
                    label: m.name.clone(),
                })
            })
            .collect(),
        Lane::OwnerHead => r
            .owner_unit
            .map(|u| whole(org.heads_of(u)))
            .unwrap_or_default(),
        Lane::RequesterPpk => r
            .owner_unit
            .map(|u| Holder::of_superior(&org.superior_of_unit_head(u, r.owner_agency)))
            .unwrap_or_default(),
        Lane::OwnerAuthority => whole(org.authority_of(r.owner_agency)),
        Lane::RegionalSecretary => whole(org.secretary_of(r.owner_agency)),
        Lane::RegionalHead => org
            .regional_heads_of(r.owner_agency)
            .into_iter()
            .map(|h| Holder::regional_head(None, h))
            .collect(),
        Lane::TargetPpk | Lane::OwnPpk => r
            .seconded()
            .filter_map(|e| {
                let ppk = org.person(e)?.assessor?;
                Some(Holder::position(Some(e), org.position(ppk)?))
            })
            .collect(),
        Lane::TargetHead | Lane::OwnHead => r
            .seconded()
            .flat_map(|e| {
                org.org_unit_of_person(e)
                    .map(|u| org.heads_of(u.id))
                    .unwrap_or_default()
                    .into_iter()
                    .map(move |p| Holder::position(Some(e), p))
            })
            .collect(),
        Lane::TargetAuthority => r
            .seconded()
            .flat_map(|e| {
                org.person(e)
                    .map(|p| org.authority_of(p.agency))
                    .unwrap_or_default()
                    .into_iter()
                    .map(move |p| Holder::position(Some(e), p))
            })
            .collect(),
    }
}

/// The offices a letter names for `lane` — its addressees and its *tembusan* (DOC-04): the
/// holders' labels, each once; when the lane is the regional head's (the Bupati's own lane,
/// or the PPK of the head of a Perangkat Daerah) and nobody is recorded in the office, the
/// office itself ("Bupati Banjar"). A copy names an office, held or not, with an account
/// behind it or not. A vacant position is already named by its holders (a position lane lists
/// its posts whoever holds them).
pub fn office_labels(org: &OrgSnapshot, r: &RequestFacts, lane: Lane) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in holders(org, r, lane) {
        if !out.contains(&h.label) {
            out.push(h.label);
        }
    }
    if out.is_empty() {
        let heads_lane = match lane {
            Lane::RegionalHead => true,
            Lane::RequesterPpk => r.owner_unit.is_some_and(|u| {
                matches!(
                    org.superior_of_unit_head(u, r.owner_agency),
                    Superior::RegionalHeads(_)
                )
            }),
            _ => false,
        };
        if heads_lane && let Some(office) = org.head_office_of(r.owner_agency) {
            out.push(office.trim().to_string());
        }
    }
    out
}

/// The parties of a per-member lane that have a holder, or `[None]` for a lane taken once.
pub fn parties(lane: Lane, holders: &[Holder]) -> Vec<Option<EmployeeId>> {
    if !per_member(lane) {
        return vec![None];
    }
    let mut p: Vec<Option<EmployeeId>> = holders.iter().map(|h| h.party).collect();
    p.sort_unstable();
    p.dedup();
    p
}

/// Why a lane has nobody to take its step: the office or position it names is vacant on the
/// snapshot's day (ORG-05: a vacant post exercises nothing). Shown in the lane, never skipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vacancy {
    pub lane: Lane,
    /// What is vacant, for people ("Jabatan Bupati kosong pada 20 Februari 2021 …").
    pub note: String,
    pub citation: Citation,
}

/// The vacancy of `lane` for the request `r`, or `None` when the lane has a holder. The
/// regional head's lane cites PEN-12 (the Keputusan Bupati is the Bupati's, Pasal 14); any
/// other lane PEN-18 (a step is taken by the holder or acting holder of its post).
pub fn vacancy(org: &OrgSnapshot, r: &RequestFacts, lane: Lane) -> Option<Vacancy> {
    if !holders(org, r, lane).is_empty() {
        return None;
    }
    let on = org
        .day()
        .map(|d| format!(" pada {}", d.label()))
        .unwrap_or_default();
    Some(match lane {
        Lane::RegionalHead => Vacancy {
            lane,
            note: format!(
                "Jabatan kepala daerah kosong{on}: tidak ada masa jabatan yang berlaku. Catat masa jabatannya di Admin › Kepala Daerah."
            ),
            citation: Citation::new(RuleId::PEN_12, "Pasal 14"),
        },
        _ => Vacancy {
            lane,
            note: format!(
                "Tidak ada pemegang jabatan untuk {}{on}. Lengkapi data jabatan atau tetapkan Plt./Plh.",
                lane.label()
            ),
            citation: Citation::new(RuleId::PEN_18, "Lampiran II.B"),
        },
    })
}
