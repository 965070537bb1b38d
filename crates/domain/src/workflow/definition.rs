//! The five workflows as tables of steps (Lampiran II.B).
//!
//! Readings (INTERPRETATION, documented in docs/assignment.md):
//! - "dengan tembusan Pejabat Penilai Kinerja bersangkutan" (II.B.1.b.1, II.B.1.c.1) is read as
//!   the requesting head's own PPK, as II.B.1.c.1 says "di instansinya".
//! - The legal instrument of PEN-12 is a step of its own after the Surat Penugasan: the
//!   Sekretaris Daerah establishes a cross-unit assignment by Keputusan, the Bupati a
//!   cross-agency one; a within-unit one is the head's Surat Tugas itself.
//! - In a cross-unit appointment the target PPK decides first and the head of their Unit
//!   Organisasi then recommends (II.B.1.b.3: "apabila PPK menyetujui, maka dengan rekomendasi
//!   …"); in a cross-agency one the head recommends before the PPK answers availability
//!   (II.B.1.c.4: "PPK dengan rekomendasi pimpinan Unit Organisasi menjawab ketersediaan").

use serde::{Deserialize, Serialize};

use crate::rules::{Citation, RuleId};

/// Which workflow a request follows (PEN-10, PEN-13..17).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowKind {
    /// PEN-13: the head of the Unit Organisasi assigns directly.
    WithinUnitAppointment,
    /// PEN-14, Gambar 1.
    CrossUnitAppointment,
    /// PEN-15, Gambar 2.
    CrossAgencyAppointment,
    /// PEN-16: the employee states the wish to their head.
    VolunteerWithinUnit,
    /// PEN-17, Gambar 3.
    VolunteerCrossUnit,
}

/// A role a step names; storage resolves who holds it for a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lane {
    /// The employee assigned, or the one who volunteers.
    Employee,
    /// Head of the Unit Organisasi that owns the target (*pemilik kinerja*).
    OwnerHead,
    /// The PPK of the requesting head (copies of the request).
    RequesterPpk,
    /// The Pejabat yang Berwenang of the requesting agency.
    OwnerAuthority,
    /// The Pejabat yang Berwenang of the agency of the wanted people.
    TargetAuthority,
    /// The PPK of the wanted people.
    TargetPpk,
    /// Head of the Unit Organisasi of the wanted people.
    TargetHead,
    /// The volunteer's own PPK.
    OwnPpk,
    /// Head of the volunteer's own Unit Organisasi.
    OwnHead,
    /// The Sekretaris Daerah (Keputusan for cross-unit assignments, PEN-12).
    RegionalSecretary,
    /// The Bupati (Keputusan for cross-agency assignments, PEN-12).
    RegionalHead,
}

impl Lane {
    /// Indonesian label of the lane, for the swimlane and the inbox.
    pub fn label(self) -> &'static str {
        match self {
            Lane::Employee => "Pejabat Fungsional/Pelaksana",
            Lane::OwnerHead => "Pimpinan Unit Organisasi pemilik kinerja",
            Lane::RequesterPpk => "Pejabat Penilai Kinerja pemohon",
            Lane::OwnerAuthority => "Pejabat yang Berwenang instansi pemohon",
            Lane::TargetAuthority => "Pejabat yang Berwenang instansi dituju",
            Lane::TargetPpk => "Pejabat Penilai Kinerja dituju",
            Lane::TargetHead => "Pimpinan Unit Organisasi dituju",
            Lane::OwnPpk => "Pejabat Penilai Kinerja pegawai",
            Lane::OwnHead => "Pimpinan Unit Organisasi pegawai",
            Lane::RegionalSecretary => "Sekretaris Daerah",
            Lane::RegionalHead => "Bupati",
        }
    }

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Lane::Employee => "employee",
            Lane::OwnerHead => "owner_head",
            Lane::RequesterPpk => "requester_ppk",
            Lane::OwnerAuthority => "owner_authority",
            Lane::TargetAuthority => "target_authority",
            Lane::TargetPpk => "target_ppk",
            Lane::TargetHead => "target_head",
            Lane::OwnPpk => "own_ppk",
            Lane::OwnHead => "own_head",
            Lane::RegionalSecretary => "regional_secretary",
            Lane::RegionalHead => "regional_head",
        }
    }
}

/// What a step asks of its lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// Sends a request or a wish (no refusal possible).
    Submit,
    /// Agrees or refuses; a refusal needs reasons and ends the request.
    Decide,
    /// Recommends or refuses (the head of the wanted people's Unit Organisasi, II.B.1.b.3 and
    /// II.B.1.c.4); a refusal needs reasons and ends the request.
    Recommend,
    /// Lists the people matching the criteria (the answer with the list).
    Compose,
    /// Signs and issues a letter (Surat Tugas, Surat Penugasan).
    Issue,
    /// Establishes the assignment by Keputusan (PEN-12, Pasal 14).
    Establish,
    /// Confirms receipt of the assignment.
    Receive,
}

impl StepKind {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            StepKind::Submit => "submit",
            StepKind::Decide => "decide",
            StepKind::Recommend => "recommend",
            StepKind::Compose => "compose",
            StepKind::Issue => "issue",
            StepKind::Establish => "establish",
            StepKind::Receive => "receive",
        }
    }

    /// What the button that takes the step says (issue 15 point 9: a recommendation is not
    /// "Setujui", a Keputusan is established, not forwarded).
    pub fn action_label(self) -> &'static str {
        match self {
            StepKind::Submit => "Kirim",
            StepKind::Decide => "Setujui",
            StepKind::Recommend => "Rekomendasikan",
            StepKind::Compose => "Susun dan kirim jawaban",
            StepKind::Issue => "Terbitkan",
            StepKind::Establish => "Tetapkan",
            StepKind::Receive => "Terima penugasan",
        }
    }

    /// What the step asks, as a noun for the swimlane.
    pub fn label(self) -> &'static str {
        match self {
            StepKind::Submit => "pengiriman",
            StepKind::Decide => "keputusan",
            StepKind::Recommend => "rekomendasi",
            StepKind::Compose => "penyusunan",
            StepKind::Issue => "penerbitan",
            StepKind::Establish => "penetapan",
            StepKind::Receive => "penerimaan",
        }
    }

    /// Whether the holder may refuse the step with reasons (agreeing steps only; a compose
    /// step only when it has a refusal letter).
    pub fn refusable(self, has_refusal_letter: bool) -> bool {
        match self {
            StepKind::Decide | StepKind::Recommend => true,
            StepKind::Compose => has_refusal_letter,
            StepKind::Submit | StepKind::Issue | StepKind::Establish | StepKind::Receive => false,
        }
    }
}

impl StepDef {
    /// Whether the holder may refuse this step with reasons (the machine's rule).
    pub fn refusable(&self) -> bool {
        self.kind.refusable(self.refusal_letter.is_some())
    }

    /// The letter going ahead with this step issues at once — number, files, status issued —
    /// in the same transaction as the step (issue 15 point 4): an instrument the step's holder
    /// signs ([`LetterKind::is_instrument`]). A request or an answer stays a draft to be issued
    /// from its page.
    pub fn issues_on_proceed(&self) -> Option<LetterKind> {
        self.letter.filter(|l| l.is_instrument())
    }
}

/// The letters the workflows produce (DOC-04; rendered by the letters crate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    /// *Surat permohonan pelibatan* (purpose, competence, expected targets, duration).
    InvolvementRequest,
    /// The answer: approval with the list of people, or refusal with reasons.
    InvolvementAnswer,
    /// *Surat Penugasan*.
    AssignmentLetter,
    /// *Surat Tugas* of the head of the Unit Organisasi (within the unit).
    SuratTugas,
    /// *Keputusan Sekretaris Daerah* (cross-unit, PEN-12).
    SecretaryDecree,
    /// *Keputusan Bupati* (cross-agency, PEN-12).
    RegentDecree,
}

impl LetterKind {
    pub const ALL: [LetterKind; 6] = [
        LetterKind::InvolvementRequest,
        LetterKind::InvolvementAnswer,
        LetterKind::AssignmentLetter,
        LetterKind::SuratTugas,
        LetterKind::SecretaryDecree,
        LetterKind::RegentDecree,
    ];

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<LetterKind> {
        LetterKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            LetterKind::InvolvementRequest => "involvement_request",
            LetterKind::InvolvementAnswer => "involvement_answer",
            LetterKind::AssignmentLetter => "assignment_letter",
            LetterKind::SuratTugas => "surat_tugas",
            LetterKind::SecretaryDecree => "secretary_decree",
            LetterKind::RegentDecree => "regent_decree",
        }
    }

    /// Whether the letter assigns or establishes (Surat Tugas, Surat Penugasan, Keputusan):
    /// signed by the holder of the step that makes it, and issued by that step (issue 15
    /// point 4). The request and its answer are correspondence, issued on their own.
    pub fn is_instrument(self) -> bool {
        match self {
            LetterKind::SuratTugas
            | LetterKind::AssignmentLetter
            | LetterKind::SecretaryDecree
            | LetterKind::RegentDecree => true,
            LetterKind::InvolvementRequest | LetterKind::InvolvementAnswer => false,
        }
    }

    /// Indonesian name of the letter.
    pub fn label(self) -> &'static str {
        match self {
            LetterKind::InvolvementRequest => "Surat permohonan pelibatan",
            LetterKind::InvolvementAnswer => "Surat jawaban permohonan pelibatan",
            LetterKind::AssignmentLetter => "Surat Penugasan",
            LetterKind::SuratTugas => "Surat Tugas",
            LetterKind::SecretaryDecree => "Keputusan Sekretaris Daerah",
            LetterKind::RegentDecree => "Keputusan Bupati",
        }
    }
}

/// Where a decision leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "to", content = "step", rename_all = "snake_case")]
pub enum Next {
    Step(&'static str),
    /// The people are assigned and have received their letter.
    Assigned,
    /// Refused with reasons: the request ends.
    Refused,
}

/// One step of a workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StepDef {
    /// Stable code, unique within the workflow.
    pub code: &'static str,
    pub lane: Lane,
    pub kind: StepKind,
    /// Indonesian description of what the holder does.
    pub label: &'static str,
    /// Where agreeing (or doing the step) leads.
    pub then: Next,
    /// The letter the step produces when it goes ahead.
    pub letter: Option<LetterKind>,
    /// The letter a refusal produces (its answer with reasons).
    pub refusal_letter: Option<LetterKind>,
    /// Who gets a copy when the step goes ahead (*tembusan*).
    pub copies: &'static [Lane],
}

/// A whole workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Definition {
    pub kind: WorkflowKind,
    pub rule: RuleId,
    pub article: &'static str,
    /// Indonesian title.
    pub title: &'static str,
    /// Steps in the order they are taken (the first starts the request).
    pub steps: &'static [StepDef],
}

impl Definition {
    pub fn citation(&self) -> Citation {
        Citation::new(self.rule, self.article)
    }

    /// The step with this code.
    pub fn step(&self, code: &str) -> Option<&'static StepDef> {
        self.steps.iter().find(|s| s.code == code)
    }

    /// The lanes of the swimlane, in the order they first appear (steps, then copies).
    pub fn lanes(&self) -> Vec<Lane> {
        let mut lanes = Vec::new();
        for s in self.steps {
            if !lanes.contains(&s.lane) {
                lanes.push(s.lane);
            }
        }
        for s in self.steps {
            for c in s.copies {
                if !lanes.contains(c) {
                    lanes.push(*c);
                }
            }
        }
        lanes
    }
}

const fn step(
    code: &'static str,
    lane: Lane,
    kind: StepKind,
    label: &'static str,
    then: Next,
) -> StepDef {
    StepDef {
        code,
        lane,
        kind,
        label,
        then,
        letter: None,
        refusal_letter: None,
        copies: &[],
    }
}

const fn with_letter(mut s: StepDef, letter: LetterKind) -> StepDef {
    s.letter = Some(letter);
    s
}

const fn refusing_with(mut s: StepDef, letter: LetterKind) -> StepDef {
    s.refusal_letter = Some(letter);
    s
}

const fn copying(mut s: StepDef, copies: &'static [Lane]) -> StepDef {
    s.copies = copies;
    s
}

use LetterKind as L;
use StepKind as K;

const RECEIVE: StepDef = step(
    "receive",
    Lane::Employee,
    K::Receive,
    "Menerima surat penugasan untuk dilaksanakan dengan penuh tanggung jawab",
    Next::Assigned,
);

/// PEN-12: a cross-unit assignment is established by Keputusan Sekretaris Daerah.
const SECRETARY_DECREE: StepDef = with_letter(
    step(
        "establish",
        Lane::RegionalSecretary,
        K::Establish,
        "Menetapkan Keputusan Sekretaris Daerah (Pasal 14)",
        Next::Step("receive"),
    ),
    L::SecretaryDecree,
);

const WITHIN_UNIT: &[StepDef] = &[
    with_letter(
        step(
            "assign",
            Lane::OwnerHead,
            K::Issue,
            "Menugaskan langsung dengan Surat Tugas",
            Next::Step("receive"),
        ),
        L::SuratTugas,
    ),
    RECEIVE,
];

const CROSS_UNIT: &[StepDef] = &[
    copying(
        with_letter(
            step(
                "request",
                Lane::OwnerHead,
                K::Submit,
                "Mengirim surat permohonan pelibatan kepada Pejabat Penilai Kinerja dituju",
                Next::Step("ppk_decision"),
            ),
            L::InvolvementRequest,
        ),
        &[Lane::RequesterPpk],
    ),
    refusing_with(
        step(
            "ppk_decision",
            Lane::TargetPpk,
            K::Decide,
            "Memproses dan menjawab permohonan pelibatan",
            Next::Step("head_recommendation"),
        ),
        L::InvolvementAnswer,
    ),
    refusing_with(
        step(
            "head_recommendation",
            Lane::TargetHead,
            K::Recommend,
            "Memberi rekomendasi atas pelibatan",
            Next::Step("compose"),
        ),
        L::InvolvementAnswer,
    ),
    with_letter(
        step(
            "compose",
            Lane::TargetPpk,
            K::Compose,
            "Menyusun penugasan pegawai yang sesuai kriteria pemohon",
            Next::Step("issue"),
        ),
        L::InvolvementAnswer,
    ),
    with_letter(
        step(
            "issue",
            Lane::TargetHead,
            K::Issue,
            "Menetapkan Surat Penugasan",
            Next::Step("establish"),
        ),
        L::AssignmentLetter,
    ),
    SECRETARY_DECREE,
    RECEIVE,
];

const CROSS_AGENCY: &[StepDef] = &[
    copying(
        with_letter(
            step(
                "request",
                Lane::OwnerHead,
                K::Submit,
                "Mengirim surat permohonan pelibatan kepada Pejabat yang Berwenang",
                Next::Step("owner_authority_decision"),
            ),
            L::InvolvementRequest,
        ),
        &[Lane::RequesterPpk],
    ),
    refusing_with(
        step(
            "owner_authority_decision",
            Lane::OwnerAuthority,
            K::Decide,
            "Menyetujui dan meneruskan permohonan kepada Pejabat yang Berwenang instansi dituju",
            Next::Step("target_authority_decision"),
        ),
        L::InvolvementAnswer,
    ),
    refusing_with(
        step(
            "target_authority_decision",
            Lane::TargetAuthority,
            K::Decide,
            "Menyetujui dan menginstruksikan Pejabat Penilai Kinerja menugaskan pegawai",
            Next::Step("head_recommendation"),
        ),
        L::InvolvementAnswer,
    ),
    refusing_with(
        step(
            "head_recommendation",
            Lane::TargetHead,
            K::Recommend,
            "Memberi rekomendasi atas ketersediaan pegawai",
            Next::Step("ppk_answer"),
        ),
        L::InvolvementAnswer,
    ),
    refusing_with(
        with_letter(
            step(
                "ppk_answer",
                Lane::TargetPpk,
                K::Compose,
                "Menjawab ketersediaan beserta daftar pegawai yang ditugaskan",
                Next::Step("target_authority_answer"),
            ),
            L::InvolvementAnswer,
        ),
        L::InvolvementAnswer,
    ),
    refusing_with(
        step(
            "target_authority_answer",
            Lane::TargetAuthority,
            K::Decide,
            "Menyetujui jawaban dan mengirimkannya kepada Pejabat yang Berwenang pemohon",
            Next::Step("issue"),
        ),
        L::InvolvementAnswer,
    ),
    copying(
        with_letter(
            step(
                "issue",
                Lane::TargetHead,
                K::Issue,
                "Memberikan Surat Penugasan kepada pegawai yang ditugaskan",
                Next::Step("establish"),
            ),
            L::AssignmentLetter,
        ),
        &[Lane::TargetAuthority, Lane::TargetPpk, Lane::OwnerAuthority],
    ),
    with_letter(
        step(
            "establish",
            Lane::RegionalHead,
            K::Establish,
            "Menetapkan Keputusan Bupati (Pasal 14)",
            Next::Step("receive"),
        ),
        L::RegentDecree,
    ),
    RECEIVE,
];

const VOLUNTEER_WITHIN_UNIT: &[StepDef] = &[
    step(
        "wish",
        Lane::Employee,
        K::Submit,
        "Menyampaikan keinginan untuk terlibat (disampaikan lisan, dicatat)",
        Next::Step("head_decision"),
    ),
    with_letter(
        step(
            "head_decision",
            Lane::OwnerHead,
            K::Decide,
            "Menyetujui dan menugaskan dengan Surat Tugas",
            Next::Step("receive"),
        ),
        L::SuratTugas,
    ),
    RECEIVE,
];

const VOLUNTEER_CROSS_UNIT: &[StepDef] = &[
    copying(
        step(
            "request",
            Lane::Employee,
            K::Submit,
            "Mengirim surat permohonan untuk dilibatkan kepada Pimpinan Unit Organisasi dituju",
            Next::Step("owner_decision"),
        ),
        &[Lane::OwnPpk, Lane::OwnHead],
    ),
    step(
        "owner_decision",
        Lane::OwnerHead,
        K::Decide,
        "Menyetujui permohonan",
        Next::Step("forward"),
    ),
    copying(
        step(
            "forward",
            Lane::Employee,
            K::Submit,
            "Menyampaikan permohonan yang telah disetujui kepada Pejabat Penilai Kinerja",
            Next::Step("own_head_decision"),
        ),
        &[Lane::OwnPpk, Lane::OwnHead],
    ),
    with_letter(
        step(
            "own_head_decision",
            Lane::OwnHead,
            K::Decide,
            "Menyetujui dan membuat Surat Penugasan",
            Next::Step("establish"),
        ),
        L::AssignmentLetter,
    ),
    SECRETARY_DECREE,
    RECEIVE,
];

impl WorkflowKind {
    pub const ALL: [WorkflowKind; 5] = [
        WorkflowKind::WithinUnitAppointment,
        WorkflowKind::CrossUnitAppointment,
        WorkflowKind::CrossAgencyAppointment,
        WorkflowKind::VolunteerWithinUnit,
        WorkflowKind::VolunteerCrossUnit,
    ];

    /// The workflow's steps, rule and article.
    pub fn definition(self) -> Definition {
        let (rule, article, title, steps) = match self {
            WorkflowKind::WithinUnitAppointment => (
                RuleId::PEN_13,
                "Lampiran II.B.1.a",
                "Penunjukan di dalam Unit Organisasi",
                WITHIN_UNIT,
            ),
            WorkflowKind::CrossUnitAppointment => (
                RuleId::PEN_14,
                "Lampiran II.B.1.b, Gambar 1",
                "Penunjukan lintas Unit Organisasi",
                CROSS_UNIT,
            ),
            WorkflowKind::CrossAgencyAppointment => (
                RuleId::PEN_15,
                "Lampiran II.B.1.c, Gambar 2",
                "Penunjukan lintas Instansi Pemerintah",
                CROSS_AGENCY,
            ),
            WorkflowKind::VolunteerWithinUnit => (
                RuleId::PEN_16,
                "Lampiran II.B.2.a",
                "Pengajuan sukarela di dalam Unit Organisasi",
                VOLUNTEER_WITHIN_UNIT,
            ),
            WorkflowKind::VolunteerCrossUnit => (
                RuleId::PEN_17,
                "Lampiran II.B.2.b, Gambar 3",
                "Pengajuan sukarela lintas Unit Organisasi",
                VOLUNTEER_CROSS_UNIT,
            ),
        };
        Definition {
            kind: self,
            rule,
            article,
            title,
            steps,
        }
    }

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            WorkflowKind::WithinUnitAppointment => "within_unit_appointment",
            WorkflowKind::CrossUnitAppointment => "cross_unit_appointment",
            WorkflowKind::CrossAgencyAppointment => "cross_agency_appointment",
            WorkflowKind::VolunteerWithinUnit => "volunteer_within_unit",
            WorkflowKind::VolunteerCrossUnit => "volunteer_cross_unit",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<WorkflowKind> {
        WorkflowKind::ALL.into_iter().find(|k| k.code() == code)
    }
}
