//! Who may do what, decided from the positions a person holds or acts in, from placement and
//! from the roles an admin granted (issue 3; PEN-18: "only by the holder or acting holder of
//! the position"). Pure: storage gathers an [`ActorFacts`], the web layer asks an [`Actor`].
//!
//! Rights follow positions, not people: the facts are read afresh for every request, so when a
//! position changes hands the rights move with it at once.

use serde::{Deserialize, Serialize};

use crate::changes::ChangeArea;
use crate::org::{ActingKind, DepartmentKind, PositionClass};
use crate::organisation::{AgencyId, DepartmentId, EmployeeId, PositionId, UnitId};

mod revocation;

pub use revocation::{Revocation, RevocationChannel, RevocationRefusal, decide_revocation};

macro_rules! granted_roles {
    ($($variant:ident => $code:literal, $label:literal;)+) => {
        /// Roles an admin gives and takes back (recorded), as opposed to roles that follow
        /// from positions.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum GrantedRole { $($variant,)+ }

        impl GrantedRole {
            /// Every granted role.
            pub const ALL: &'static [GrantedRole] = &[$(GrantedRole::$variant,)+];
            /// Stable code (API, database).
            pub fn code(self) -> &'static str {
                match self { $(GrantedRole::$variant => $code,)+ }
            }
            /// Indonesian label.
            pub fn label(self) -> &'static str {
                match self { $(GrantedRole::$variant => $label,)+ }
            }
            /// Parses a stable code.
            pub fn from_code(code: &str) -> Option<GrantedRole> {
                match code { $($code => Some(GrantedRole::$variant),)+ _ => None }
            }
        }
    };
}

granted_roles! {
    HrAdmin => "hr_admin", "Admin BKPSDM";
    ProcessMapKeeper => "process_map_keeper", "Pengelola Peta Proses Bisnis";
    OrganisationKeeper => "organisation_keeper", "Admin Bagian Organisasi";
}

/// Kind of an elected regional head who signs in without a NIP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionalHeadKind {
    /// Bupati / Wali Kota / Gubernur.
    Head,
    /// Wakil Bupati / Wakil Wali Kota / Wakil Gubernur.
    Deputy,
}

impl RegionalHeadKind {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            RegionalHeadKind::Head => "head",
            RegionalHeadKind::Deputy => "deputy",
        }
    }
    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "head" => Some(RegionalHeadKind::Head),
            "deputy" => Some(RegionalHeadKind::Deputy),
            _ => None,
        }
    }
}

/// A position someone exercises (holds definitively or acts in as Plt./Plh.).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldPost {
    pub position: PositionId,
    /// Name of the position, e.g. "Kepala Bidang Aplikasi Informatika".
    pub name: String,
    pub class: PositionClass,
    pub unit: UnitId,
    pub department: DepartmentId,
    pub department_kind: DepartmentKind,
    pub agency: AgencyId,
    /// The position heads its unit.
    pub is_head: bool,
    /// The unit is the root of its department: the head is head of the Unit Organisasi.
    pub heads_department: bool,
    /// `Some` when exercised as Plt./Plh.
    pub acting: Option<ActingKind>,
}

/// What storage knows about a signed-in person, read afresh for every request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorFacts {
    /// The employee, for civil servants; `None` for a regional head.
    pub employee: Option<EmployeeId>,
    /// The agency the person belongs to.
    pub agency: Option<AgencyId>,
    /// The department of the person's own (definitive) position, if any.
    pub home_department: Option<DepartmentId>,
    /// Positions held or acted in (a head post acted in as Plt. counts like a held one).
    pub posts: Vec<HeldPost>,
    /// How many JF/Pelaksana this person assesses as PPK (from placement).
    pub assesses: u32,
    /// Roles granted by an admin and not taken back, in the person's agency.
    pub granted: Vec<GrantedRole>,
    /// An elected regional head (Bupati or Wakil Bupati) of `agency`.
    pub regional_head: Option<RegionalHeadKind>,
}

/// A role that follows from a position or a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Role {
    /// Head of a Unit Organisasi (Kepala Perangkat Daerah, Camat, Direktur RSUD, Sekda).
    UnitOrganisationHead { department: DepartmentId },
    /// Head of a Unit Kerja (an Administrator heading a unit).
    UnitKerjaHead {
        unit: UnitId,
        department: DepartmentId,
    },
    /// Heads a unit as Pengawas (Kepala Seksi, Kepala Sub Bagian).
    SupervisorHead {
        unit: UnitId,
        department: DepartmentId,
    },
    /// Pejabat Penilai Kinerja of at least one JF/Pelaksana.
    Assessor,
    /// Sekretaris Daerah: also the Pejabat yang Berwenang of the agency (see docs/access.md).
    RegionalSecretary { agency: AgencyId },
    /// Bupati or Wakil Bupati.
    RegionalHead { agency: AgencyId },
    /// A granted role in an agency.
    Granted { role: GrantedRole, agency: AgencyId },
}

impl Role {
    /// Indonesian label for pages.
    pub fn label(&self) -> &'static str {
        match self {
            Role::UnitOrganisationHead { .. } => "Kepala Unit Organisasi",
            Role::UnitKerjaHead { .. } => "Kepala Unit Kerja",
            Role::SupervisorHead { .. } => "Pejabat Pengawas",
            Role::Assessor => "Pejabat Penilai Kinerja",
            Role::RegionalSecretary { .. } => "Sekretaris Daerah (Pejabat yang Berwenang)",
            Role::RegionalHead { .. } => "Kepala Daerah",
            Role::Granted { role, .. } => role.label(),
        }
    }
}

/// A person as authorisation sees them: their facts and the roles derived from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    facts: ActorFacts,
    roles: Vec<Role>,
}

/// Something a person wants to see or do. Each check answers from the actor's roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See a department's position map, placements, span of control.
    ViewDepartment {
        agency: AgencyId,
        department: DepartmentId,
    },
    /// See an employee's page (data, placement, history).
    ViewEmployee {
        agency: AgencyId,
        department: Option<DepartmentId>,
        employee: EmployeeId,
    },
    /// Record a manual placement in a department (KED-09).
    DecidePlacement {
        agency: AgencyId,
        department: DepartmentId,
    },
    /// Import or export a whole agency, manage people's roles and API tokens, reset passwords.
    AdministerAgency { agency: AgencyId },
    /// Read the audit trail of an agency.
    ReadAudit { agency: AgencyId },
    /// Record a dated change to an agency's organisation (issue 14): staff changes are
    /// BKPSDM's (HR admin), changes to units and positions Bagian Organisasi's (organisation
    /// keeper) — or the HR admin's, who may also import the whole agency.
    RecordOrgChange { agency: AgencyId, area: ChangeArea },
}

impl Actor {
    /// Derives the roles from the facts.
    pub fn new(facts: ActorFacts) -> Actor {
        let mut roles = Vec::new();
        if let (Some(_), Some(agency)) = (facts.regional_head, facts.agency) {
            roles.push(Role::RegionalHead { agency });
        }
        for post in &facts.posts {
            if !post.is_head {
                continue;
            }
            if post.heads_department {
                roles.push(Role::UnitOrganisationHead {
                    department: post.department,
                });
                if post.department_kind == DepartmentKind::RegionalSecretariat {
                    roles.push(Role::RegionalSecretary {
                        agency: post.agency,
                    });
                }
            } else if post.class == PositionClass::Administrator {
                roles.push(Role::UnitKerjaHead {
                    unit: post.unit,
                    department: post.department,
                });
            } else if post.class == PositionClass::Pengawas {
                roles.push(Role::SupervisorHead {
                    unit: post.unit,
                    department: post.department,
                });
            }
        }
        if facts.assesses > 0 {
            roles.push(Role::Assessor);
        }
        if let Some(agency) = facts.agency {
            for &role in &facts.granted {
                roles.push(Role::Granted { role, agency });
            }
        }
        roles.dedup();
        Actor { facts, roles }
    }

    /// The facts the roles came from.
    pub fn facts(&self) -> &ActorFacts {
        &self.facts
    }

    /// Every role, in a stable order.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// Whether the actor sees the whole agency: the regional head, the Sekda, an HR admin.
    pub fn sees_agency(&self, agency: AgencyId) -> bool {
        self.roles.iter().any(|r| match r {
            Role::RegionalHead { agency: a } | Role::RegionalSecretary { agency: a } => {
                *a == agency
            }
            Role::Granted {
                role: GrantedRole::HrAdmin,
                agency: a,
            } => *a == agency,
            _ => false,
        })
    }

    /// Departments the actor works in: their own and those of posts they exercise.
    pub fn departments(&self) -> impl Iterator<Item = DepartmentId> + '_ {
        self.facts
            .home_department
            .into_iter()
            .chain(self.facts.posts.iter().map(|p| p.department))
    }

    fn works_in(&self, department: DepartmentId) -> bool {
        self.departments().any(|d| d == department)
    }

    fn heads(&self, department: DepartmentId) -> bool {
        self.roles
            .iter()
            .any(|r| matches!(r, Role::UnitOrganisationHead { department: d } if *d == department))
    }

    fn is_hr_admin(&self, agency: AgencyId) -> bool {
        self.facts.agency == Some(agency) && self.facts.granted.contains(&GrantedRole::HrAdmin)
    }

    /// Whether the actor may do `action`. Deny by default.
    pub fn may(&self, action: Action) -> bool {
        match action {
            Action::ViewDepartment { agency, department } => {
                self.sees_agency(agency) || self.works_in(department)
            }
            Action::ViewEmployee {
                agency,
                department,
                employee,
            } => {
                self.facts.employee == Some(employee)
                    || self.sees_agency(agency)
                    || department.is_some_and(|d| self.works_in(d))
            }
            Action::DecidePlacement { agency, department } => {
                self.heads(department) || self.is_hr_admin(agency)
            }
            Action::AdministerAgency { agency } => self.is_hr_admin(agency),
            Action::RecordOrgChange { agency, area } => {
                self.is_hr_admin(agency)
                    || (area == ChangeArea::Structure
                        && self.facts.agency == Some(agency)
                        && self
                            .facts
                            .granted
                            .contains(&GrantedRole::OrganisationKeeper))
            }
            Action::ReadAudit { agency } => {
                self.is_hr_admin(agency)
                    || self
                        .roles
                        .iter()
                        .any(|r| matches!(r, Role::RegionalSecretary { agency: a } if *a == agency))
            }
        }
    }

    /// The position the actor acts in for an action in `department`, for the audit trail
    /// ("who, in which position"): a head post there first, else any post there, else the
    /// first post held.
    pub fn position_for(&self, department: Option<DepartmentId>) -> Option<&HeldPost> {
        let posts = &self.facts.posts;
        department
            .and_then(|d| {
                posts
                    .iter()
                    .find(|p| p.department == d && p.is_head)
                    .or_else(|| posts.iter().find(|p| p.department == d))
            })
            .or_else(|| posts.iter().find(|p| p.is_head))
            .or_else(|| posts.first())
    }
}

#[cfg(test)]
mod tests;
