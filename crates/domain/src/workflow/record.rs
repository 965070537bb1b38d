//! The vocabularies of a stored request (issue 14 point 7): where the request stands, what
//! its tasks ask of their readers and what kind of reminder was sent. Storage keeps the codes;
//! pages show the labels; both come from here, so a new value cannot lack either.

use serde::{Deserialize, Serialize};

use super::machine::State;
use crate::assignment::AssignmentStatus;
use crate::org::vocabulary;

vocabulary! {
    /// Where a stored request stands (`assignment_request.state`): the coarse form of
    /// [`State`], the step kept beside it.
    RequestState {
        Open => "open", "Berjalan";
        Assigned => "assigned", "Selesai: pegawai ditugaskan";
        Refused => "refused", "Ditolak";
    }
}

impl RequestState {
    /// The stored state of a workflow state.
    pub fn of(state: &State) -> RequestState {
        match state {
            State::At { .. } => RequestState::Open,
            State::Assigned => RequestState::Assigned,
            State::Refused { .. } => RequestState::Refused,
        }
    }

    /// What the assignment's status becomes while its request stands here: requested while
    /// open, active once assigned, refused when refused (PEN-18).
    pub fn assignment_status(self) -> AssignmentStatus {
        match self {
            RequestState::Open => AssignmentStatus::Requested,
            RequestState::Assigned => AssignmentStatus::Active,
            RequestState::Refused => AssignmentStatus::Refused,
        }
    }
}

vocabulary! {
    /// What a task of a request asks of the position, member or regional head it is
    /// addressed to (`request_task.kind`).
    TaskKind {
        Decide => "decide", "Langkah yang harus diambil";
        Copy => "copy", "Tembusan untuk dibaca";
        Notice => "notice", "Pemberitahuan eskalasi";
    }
}

vocabulary! {
    /// What the person taking a step decided (`request_step.decision`).
    StepDecision {
        /// The step is taken: the request moves on.
        Proceed => "proceed", "Diteruskan";
        /// The step is refused with reasons, where the step allows it.
        Refuse => "refuse", "Ditolak";
    }
}

impl StepDecision {
    /// The decision of a refusal flag.
    pub fn of_refusal(refuse: bool) -> StepDecision {
        if refuse {
            StepDecision::Refuse
        } else {
            StepDecision::Proceed
        }
    }
}

vocabulary! {
    /// A reminder recorded on a request (`request_reminder.kind`).
    ReminderKind {
        Nudge => "nudge", "Pengingat dari pemohon";
        Reminder => "reminder", "Pengingat otomatis";
        Escalation => "escalation", "Eskalasi kepada atasan";
    }
}

impl ReminderKind {
    /// Whether it marks the task as reminded: a nudge or reminder goes to the holder; an
    /// escalation goes to their superiors.
    pub fn reminds_holder(self) -> bool {
        self != ReminderKind::Escalation
    }
}

vocabulary! {
    /// How far a step of a request has come, as its cell of the swimlane shows it (the code is
    /// the cell's class).
    StepProgress {
        Pending => "pending", "Belum sampai";
        Current => "current", "Sedang menunggu";
        Done => "done", "Sudah diambil";
        Refused => "refused", "Ditolak pada langkah ini";
    }
}

impl StepProgress {
    /// The progress of a step: `request` is where its request stands (`None` before it
    /// starts), `here` whether it is the request's current (or refusing) step, `decided`
    /// whether any decision was recorded on it.
    pub fn of(request: Option<RequestState>, here: bool, decided: bool) -> StepProgress {
        match request {
            Some(RequestState::Open) if here => StepProgress::Current,
            Some(RequestState::Refused) if here => StepProgress::Refused,
            _ if decided => StepProgress::Done,
            _ => StepProgress::Pending,
        }
    }
}
