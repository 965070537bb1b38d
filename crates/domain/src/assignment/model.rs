//! The assignment as a person drafts it, the past assignments the limits count, and the
//! agency's readings of the ambiguous rules (PEN-01, PEN-03, PEN-05..12).

use serde::{Deserialize, Serialize};

use super::day::Day;
use crate::org::vocabulary;
use crate::organisation::{AgencyId, EmployeeId, PositionId, UnitId};
use crate::planning::target::Execution;
use crate::rules::{Citation, RuleId};

/// Database identity of an assignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AssignmentId(pub i64);

impl std::fmt::Display for AssignmentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

vocabulary! {
    /// Where the members come from, relative to the Unit Organisasi that owns the target
    /// (PEN-03, Pasal 9 ayat 2). Always derived from the members by [`super::scope_of`],
    /// never typed in.
    AssignmentScope {
        WithinUnit => "within_unit", "dalam Unit Organisasi";
        CrossUnit => "cross_unit", "lintas Unit Organisasi";
        CrossAgency => "cross_agency", "lintas Instansi Pemerintah";
    }
}

impl AssignmentScope {
    /// Members come from outside the owner Unit Organisasi (PEN-04, PEN-08 apply).
    pub fn is_cross(self) -> bool {
        self != AssignmentScope::WithinUnit
    }
}

vocabulary! {
    /// How people come to the assignment (PEN-10, Pasal 11).
    AssignmentMethod {
        Appointment => "appointment", "Penunjukan";
        Volunteer => "volunteer", "Pengajuan sukarela";
    }
}

impl AssignmentMethod {
    /// PEN-10: appointment by the PPK and/or head of the Unit Organisasi (Pasal 12), or the
    /// employee's own request (Pasal 13).
    pub fn citation(self) -> Citation {
        match self {
            AssignmentMethod::Appointment => {
                Citation::new(RuleId::PEN_10, "Pasal 11 huruf a, Pasal 12")
            }
            AssignmentMethod::Volunteer => {
                Citation::new(RuleId::PEN_10, "Pasal 11 huruf b, Pasal 13")
            }
        }
    }
}

vocabulary! {
    /// The legal instrument that establishes an assignment, by scope (PEN-12, Pasal 14).
    Instrument {
        AssignmentLetter => "assignment_letter", "Surat Tugas Pimpinan Unit Organisasi";
        SecretaryDecree => "secretary_decree", "Keputusan Sekretaris Daerah";
        RegentDecree => "regent_decree", "Keputusan Bupati";
    }
}

vocabulary! {
    /// A member's role in the assignment (Lampiran IV: Ketua, Anggota). An individual
    /// assignment has one `Member` and no lead (PEN-01).
    MemberRole {
        TeamLead => "team_lead", "Ketua Tim";
        Member => "member", "Anggota";
    }
}

vocabulary! {
    /// How a person served in a team, relative to their own Unit Organisasi: the two limits of
    /// Pasal 9 count separately. `OwnUnit`: a team of the Unit Organisasi they belong to
    /// (PEN-05, at most 3 times, 12 months each). `Seconded`: *diperbantukan* from another Unit
    /// Organisasi or Instansi (PEN-06, at most 3 times, 6 months each).
    MembershipKind {
        OwnUnit => "own_unit", "tim kerja di Unit Organisasi sendiri";
        Seconded => "seconded", "diperbantukan ke tim kerja Unit Organisasi/Instansi lain";
    }
}

/// How often and how long a person may serve in a team of one [`MembershipKind`] (PEN-05,
/// PEN-06), with the rule and article the limit comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermLimit {
    pub citation: Citation,
    /// At most this many team assignments, counted under the PEN-07 reading.
    pub times: usize,
    /// Each at most this many months (`Day::months_between`).
    pub months: u32,
}

impl MembershipKind {
    /// PEN-05 (Pasal 9 ayat 4): in the own Unit Organisasi at most 3 times, 12 months each;
    /// PEN-06 (Pasal 9 ayat 5): seconded at most 3 times, 6 months each. The assignment check
    /// and the assignment dashboard both read the limits here.
    pub fn limit(self) -> TermLimit {
        match self {
            MembershipKind::OwnUnit => TermLimit {
                citation: Citation::new(RuleId::PEN_05, "Pasal 9 ayat 4"),
                times: 3,
                months: 12,
            },
            MembershipKind::Seconded => TermLimit {
                citation: Citation::new(RuleId::PEN_06, "Pasal 9 ayat 5"),
                times: 3,
                months: 6,
            },
        }
    }

    /// The label for an assignment executed this way (issue 15 point 9): a person assigned
    /// alone is not in a *tim kerja*.
    pub fn label_for(self, execution: Execution) -> &'static str {
        match (execution, self) {
            (Execution::Team, _) => self.label(),
            (Execution::Individual, MembershipKind::OwnUnit) => "tugas di Unit Organisasi sendiri",
            (Execution::Individual, MembershipKind::Seconded) => {
                "diperbantukan ke Unit Organisasi/Instansi lain"
            }
        }
    }
}

vocabulary! {
    /// PEN-07 INTERPRETATION: what "at most 3 times" counts.
    CountWindow {
        CalendarYear => "calendar_year", "penugasan yang masa berlakunya beririsan dengan tahun kalender yang sama";
        Concurrent => "concurrent", "penugasan yang berjalan pada waktu yang sama";
    }
}

/// One person in the assignment, with their own period (a member may join later or leave
/// earlier than the team).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub employee: EmployeeId,
    pub role: MemberRole,
    /// First day, inclusive.
    pub from: Day,
    /// Last day, inclusive.
    pub until: Day,
}

/// An assignment as drafted, before [`super::check`]. Its scope is not part of it: scope is
/// derived from the members (PEN-03).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentDraft {
    /// The saved assignment being changed, if any: its own row in the history is not counted
    /// against it (PEN-05..07).
    pub id: Option<AssignmentId>,
    /// Individual or team (PEN-01; identified in planning, PEN-19).
    pub execution: Execution,
    /// The Unit Organisasi that owns the target: *pemilik kinerja* (PEN-04).
    pub owner_unit: UnitId,
    /// The Instansi of the owner Unit Organisasi (PEN-03).
    pub owner_agency: AgencyId,
    /// Penunjukan or pengajuan sukarela (PEN-10).
    pub method: AssignmentMethod,
    pub members: Vec<Member>,
    /// The *Penanggungjawab* of the team (Lampiran IV): a position, usually structural.
    pub responsible_official: Option<PositionId>,
    /// Field of the task, compared with the lead's experience (PEN-08 huruf d).
    pub field: String,
    /// Why a lead other than a JF from *penyetaraan* was chosen (PEN-09).
    pub team_lead_reason: Option<String>,
}

impl AssignmentDraft {
    /// The members with the team lead role.
    pub fn team_leads(&self) -> impl Iterator<Item = &Member> {
        self.members
            .iter()
            .filter(|m| m.role == MemberRole::TeamLead)
    }

    /// First day of the assignment: the earliest first day of a member.
    pub fn start(&self) -> Option<Day> {
        self.members.iter().map(|m| m.from).min()
    }
}

/// A team assignment a person served in before, as the limits count it (PEN-05..07). Only team
/// assignments belong here: the limits of Pasal 9 ayat 4–5 are about *tim kerja*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastAssignment {
    pub id: AssignmentId,
    pub employee: EmployeeId,
    /// Relative to the person's own Unit Organisasi at the time.
    pub kind: MembershipKind,
    pub from: Day,
    pub until: Day,
}

/// An agency's readings of the rules marked INTERPRETATION in `RULES.md` for assignment. The
/// defaults are the catalogue's; `docs/assignment.md` ("Readings (policy settings)") explains
/// each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentPolicy {
    /// PEN-07: which past team assignments "at most 3 times" counts. Default: those whose
    /// period overlaps the same calendar year as the new one.
    pub window: CountWindow,
    /// PEN-08: Pasal 9 ayat 6 sets the lead requirements for cross-unit and cross-agency
    /// teams. For a within-unit team they are shown as advice unless this is set. Default:
    /// advice.
    pub enforce_lead_rules_within_unit: bool,
    /// PEN-08 huruf b for PPPK, whose golongan scale (I–XVII) has no pangkat: the lowest PPPK
    /// golongan taken as equivalent to Penata Muda III/a. Default 9 (IX).
    pub pppk_min_golongan: u8,
}

impl Default for AssignmentPolicy {
    fn default() -> Self {
        AssignmentPolicy {
            window: CountWindow::CalendarYear,
            enforce_lead_rules_within_unit: false,
            pppk_min_golongan: 9,
        }
    }
}
