//! Who may own a draft, and how (issue 14 point 6): the owners and methods the regulation
//! allows a person, for the members chosen so far — the form offers only these, and storage
//! decides a saved draft with the same function.
//!
//! - The owner of an assignment is a Unit Organisasi (PEN-03, Pasal 9 ayat 2) and an
//!   appointment is made by its head (PEN-10, Pasal 12; PEN-13..15, Lampiran II.B.1): a person
//!   who holds, or acts as Plt./Plh. in, the head post of a Unit Organisasi (a Kepala Dinas, a
//!   Camat, a Kepala UPTD flagged as Unit Organisasi) is offered that unit as owner.
//! - A Kepala Bidang or Kepala Seksi heads a Unit Kerja inside a Unit Organisasi: they may not
//!   appoint, for any scope. They are offered to *prepare* the draft for the head of their
//!   Unit Organisasi, who opens it, may change it and starts the workflow as owner. The
//!   limitation says which rule and article keeps them from appointing for the members chosen
//!   (PEN-13 within the unit, PEN-14 across units, PEN-15 across agencies).
//! - Someone who heads no unit may ask for work themselves (PEN-10, Pasal 13) in a Unit
//!   Organisasi of their own agency (PEN-11: never across agencies).

use serde::Serialize;

use super::model::{AssignmentMethod, AssignmentScope};
use super::scope::Index;
use crate::organisation::{EmployeeId, Organisation, PositionId, UnitId};
use crate::refusals::{Refusal, RefusalKind};
use crate::rules::{Citation, RuleId};

/// What saving a draft for an owner does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OwnerRoute {
    /// The head of the owner Unit Organisasi appoints (PEN-13..15).
    Appoint,
    /// A Kepala Bidang/Seksi prepares the draft for the head of their Unit Organisasi.
    Prepare,
    /// The person asks for the work themselves (PEN-16, PEN-17).
    Volunteer,
}

impl OwnerRoute {
    pub fn method(self) -> AssignmentMethod {
        match self {
            OwnerRoute::Appoint | OwnerRoute::Prepare => AssignmentMethod::Appointment,
            OwnerRoute::Volunteer => AssignmentMethod::Volunteer,
        }
    }
}

/// One owner the person may choose, with what saving does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnerOption {
    /// The owner: always a Unit Organisasi (PEN-03).
    pub unit: UnitId,
    pub unit_name: String,
    pub route: OwnerRoute,
    /// The head post the person exercises that gives the option (`None` for a volunteer).
    pub via: Option<PositionId>,
    /// Name of the head post of the owner unit, e.g. "Kepala Dinas Kesehatan" (the one who
    /// appoints; for a prepared draft, the one it goes to).
    pub head_name: String,
    /// The rule and article that give the option.
    pub citation: Citation,
}

impl OwnerOption {
    /// The form's label of the option, in Indonesian.
    pub fn label(&self) -> String {
        match self.route {
            OwnerRoute::Appoint => format!("{} (penunjukan oleh Anda)", self.unit_name),
            OwnerRoute::Prepare => format!("Siapkan rancangan untuk {}", self.head_name),
            OwnerRoute::Volunteer => format!("{} (pengajuan sukarela)", self.unit_name),
        }
    }
}

/// Why a unit the person heads is not offered as owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OwnerLimit {
    /// The unit the person heads.
    pub unit: UnitId,
    /// Its Unit Organisasi, whose head appoints.
    pub org_unit: UnitId,
    pub citation: Citation,
    /// Indonesian.
    pub message: String,
}

/// The owners and methods a person may use for a draft with the members chosen so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OwnerOffer {
    pub options: Vec<OwnerOption>,
    pub limits: Vec<OwnerLimit>,
}

/// The rule and article by which the head of the owner Unit Organisasi appoints, for the scope
/// of the members chosen (none yet: PEN-10, Pasal 12).
fn appointing_citation(scope: Option<AssignmentScope>) -> Citation {
    match scope {
        None => Citation::new(RuleId::PEN_10, "Pasal 12"),
        Some(AssignmentScope::WithinUnit) => Citation::new(RuleId::PEN_13, "Lampiran II.B.1.a"),
        Some(AssignmentScope::CrossUnit) => Citation::new(RuleId::PEN_14, "Lampiran II.B.1.b.1"),
        Some(AssignmentScope::CrossAgency) => Citation::new(RuleId::PEN_15, "Lampiran II.B.1.c.1"),
    }
}

/// The scope the members would have under `owner` (`None` when no member decides it).
fn scope_under(ix: &Index<'_>, owner: UnitId, members: &[EmployeeId]) -> Option<AssignmentScope> {
    let agency = ix
        .units
        .get(&owner)
        .and_then(|u| ix.department_agency.get(&u.department))
        .copied()?;
    members
        .iter()
        .filter_map(|m| {
            let e = ix.employees.get(m)?;
            if e.agency != agency {
                return Some(AssignmentScope::CrossAgency);
            }
            let unit = ix.org_unit_of(*m)?;
            Some(if unit == owner {
                AssignmentScope::WithinUnit
            } else {
                AssignmentScope::CrossUnit
            })
        })
        .max()
}

/// The head posts `actor` exercises: held definitively or acted in as Plt./Plh. (ORG-05).
fn head_posts(ix: &Index<'_>, org: &Organisation, actor: EmployeeId) -> Vec<(PositionId, UnitId)> {
    let definitive = ix.employees.get(&actor).and_then(|e| e.position);
    org.positions
        .iter()
        .filter(|p| p.is_head)
        .filter(|p| Some(p.id) == definitive || p.acting.is_some_and(|a| a.employee == actor))
        .map(|p| (p.id, p.unit))
        .collect()
}

/// The name of the head post of a unit ("Pimpinan <unit>" when it has none).
fn head_name(org: &Organisation, unit: UnitId, unit_name: &str) -> String {
    org.positions
        .iter()
        .find(|p| p.is_head && p.unit == unit)
        .map_or_else(|| format!("Pimpinan {unit_name}"), |p| p.name.clone())
}

/// The owners and methods the regulation allows `actor` for a draft of `members`: each Unit
/// Organisasi they head (appoint), the Unit Organisasi of each Unit Kerja they head (prepare
/// for its head, with the limitation), or — heading nothing — the Unit Organisasi of their
/// agency (volunteer). `org` holds the actor's agency and those of the members.
pub fn owner_offer(org: &Organisation, actor: EmployeeId, members: &[EmployeeId]) -> OwnerOffer {
    let ix = Index::new(org);
    let mut offer = OwnerOffer::default();
    let unit_name = |u: UnitId| ix.units.get(&u).map(|x| x.name.clone()).unwrap_or_default();
    let posts = head_posts(&ix, org, actor);
    // Appointments first, so that a person who heads a Unit Organisasi and also acts in a
    // Bidang of it is offered to appoint, not to prepare.
    for (post, unit) in &posts {
        if ix.is_org_unit(*unit) && !offer.options.iter().any(|o| o.unit == *unit) {
            let name = unit_name(*unit);
            offer.options.push(OwnerOption {
                unit: *unit,
                head_name: head_name(org, *unit, &name),
                unit_name: name,
                route: OwnerRoute::Appoint,
                via: Some(*post),
                citation: appointing_citation(scope_under(&ix, *unit, members)),
            });
        }
    }
    for (post, unit) in &posts {
        if ix.is_org_unit(*unit) {
            continue;
        }
        let Some(org_unit) = ix.org_unit_of_unit(*unit) else {
            continue;
        };
        let citation = appointing_citation(scope_under(&ix, org_unit, members));
        let name = unit_name(org_unit);
        let head = head_name(org, org_unit, &name);
        let scope_text = match scope_under(&ix, org_unit, members) {
            Some(AssignmentScope::CrossUnit) => " lintas Unit Organisasi",
            Some(AssignmentScope::CrossAgency) => " lintas Instansi Pemerintah",
            _ => "",
        };
        let message = format!(
            "{} bukan Unit Organisasi; penunjukan{} dilakukan oleh {} ({} · {}). Anda dapat menyiapkan rancangan untuk {}.",
            unit_name(*unit),
            scope_text,
            head,
            citation.rule_id,
            citation.article,
            head
        );
        offer.limits.push(OwnerLimit {
            unit: *unit,
            org_unit,
            citation: citation.clone(),
            message,
        });
        if !offer.options.iter().any(|o| o.unit == org_unit) {
            offer.options.push(OwnerOption {
                unit: org_unit,
                unit_name: name,
                head_name: head,
                route: OwnerRoute::Prepare,
                via: Some(*post),
                citation,
            });
        }
    }
    if posts.is_empty()
        && let Some(agency) = ix.employees.get(&actor).map(|e| e.agency)
    {
        for u in &org.units {
            let of_agency = ix.department_agency.get(&u.department) == Some(&agency);
            if of_agency && ix.is_org_unit(u.id) && !offer.options.iter().any(|o| o.unit == u.id) {
                offer.options.push(OwnerOption {
                    unit: u.id,
                    unit_name: u.name.clone(),
                    head_name: head_name(org, u.id, &u.name),
                    route: OwnerRoute::Volunteer,
                    via: None,
                    citation: AssignmentMethod::Volunteer.citation(),
                });
            }
        }
    }
    offer
}

/// What saving a draft for `owner` with `method` does, decided on the offer: the option that
/// allows it, or the refusal (`not_the_appointing_head`, PEN-10) — quoting the limitation when
/// the person heads a Unit Kerja of that unit, e.g. a forged form naming their Bidang as owner.
pub fn owner_route(
    offer: &OwnerOffer,
    owner: UnitId,
    method: AssignmentMethod,
) -> Result<&OwnerOption, Refusal> {
    if let Some(o) = offer
        .options
        .iter()
        .find(|o| o.unit == owner && o.route.method() == method)
    {
        return Ok(o);
    }
    let limit = offer
        .limits
        .iter()
        .find(|l| l.unit == owner || l.org_unit == owner);
    let message = match (limit, method) {
        (Some(l), AssignmentMethod::Appointment) => l.message.clone(),
        (_, AssignmentMethod::Volunteer) => {
            "Pengajuan sukarela dilakukan oleh pegawai yang tidak memimpin unit, untuk Unit Organisasi di instansinya sendiri (PEN-10 · Pasal 13; PEN-11 · Lampiran II.B.2).".to_string()
        }
        (None, AssignmentMethod::Appointment) => {
            "Penunjukan dilakukan oleh pimpinan Unit Organisasi pemilik kinerja; unit ini tidak ditawarkan kepada Anda (PEN-10 · Pasal 12).".to_string()
        }
    };
    Err(Refusal::new(
        RefusalKind::NotPermitted,
        "not_the_appointing_head",
        RuleId::PEN_10,
        "Pasal 11–13",
        message,
    ))
}

/// A recorded draft as the person changing it stands to it (issue 14 point 6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftStanding {
    /// What the stored draft is to the person ([`owner_route`] over its owner, method and
    /// members), `None` when it offers them nothing.
    pub route: Option<OwnerRoute>,
    /// The stored draft's members.
    pub members: Vec<EmployeeId>,
    /// The Kepala Bidang/Seksi who prepared it for the head, if any.
    pub prepared_by: Option<EmployeeId>,
}

/// Whether `me` may change a draft standing as `stored` before its workflow starts (issue 14
/// point 6): the head of the owner Unit Organisasi (or its Plt./Plh.) any draft of the unit,
/// including one prepared for them; a volunteer the request they are a member of; a Kepala
/// Bidang/Seksi only the draft they prepared themselves (PEN-10, Pasal 11–13). The pages offer
/// "Ubah konsep" by it and [`change_draft`] refuses by it.
pub fn may_change_draft(me: EmployeeId, stored: &DraftStanding) -> Result<(), Refusal> {
    let may = match stored.route {
        Some(OwnerRoute::Appoint) => true,
        Some(OwnerRoute::Volunteer) => stored.members.contains(&me),
        Some(OwnerRoute::Prepare) => stored.prepared_by == Some(me),
        None => false,
    };
    if may {
        Ok(())
    } else {
        Err(Refusal::new(
            RefusalKind::NotPermitted,
            "not_the_appointing_head",
            RuleId::PEN_10,
            "Pasal 11–13",
            "Konsep ini hanya dapat diubah oleh pimpinan Unit Organisasi pemiliknya, oleh Kepala Bidang/Seksi yang menyiapkannya, atau oleh pegawai yang mengajukannya (PEN-10 · Pasal 11–13).".to_string(),
        ))
    }
}

/// Whether `me` may change a draft before its workflow starts, and who the changed draft is
/// then prepared by (issue 14 point 6: "the head opens it, may change it and starts the
/// workflow"). `after` is what the changed draft is to `me` ([`owner_route`]).
///
/// - Before: [`may_change_draft`]. Nobody else.
/// - After: the changed draft must again be one `me` may author (a volunteer stays a member).
/// - A prepared draft keeps its preparer while the head changes it, so it stays waiting for
///   the head; a draft `me` now prepares is prepared by `me`; a volunteer request is prepared
///   by nobody.
pub fn change_draft(
    me: EmployeeId,
    stored: &DraftStanding,
    after: OwnerRoute,
    after_members: &[EmployeeId],
) -> Result<Option<EmployeeId>, Refusal> {
    let refused = |message: &str| {
        Refusal::new(
            RefusalKind::NotPermitted,
            "not_the_appointing_head",
            RuleId::PEN_10,
            "Pasal 11–13",
            message.to_string(),
        )
    };
    may_change_draft(me, stored)?;
    match after {
        OwnerRoute::Volunteer if !after_members.contains(&me) => Err(refused(
            "Pengajuan sukarela hanya untuk diri sendiri: Anda harus tetap menjadi anggotanya (PEN-10 · Pasal 13).",
        )),
        OwnerRoute::Volunteer => Ok(None),
        OwnerRoute::Prepare => Ok(Some(me)),
        OwnerRoute::Appoint if stored.prepared_by == Some(me) => Ok(None),
        OwnerRoute::Appoint => Ok(stored.prepared_by),
    }
}
