//! Storage of Sikerja: the organisation of each agency, the computed placements (kedudukan)
//! with their history, manual decisions and the audit log, on SQLite or PostgreSQL through
//! sea-orm with one code path.
//!
//! [`Store`] is the only way the web layer and the binary touch the database; its methods
//! take and return domain types from `sikerja_domain` and the read models of [`views`].
//! Every write that can change the structure recomputes placements with the domain engine in
//! the same transaction, and every change appends an audit row in that transaction too.
//!
//! Map: `connect` (URL → backend, pool, migrations), `migration/` (schema), `entities/`
//! (private rows), `convert` (rows → domain), `import`/`export` (bundles), `read` (lists and
//! details), `recompute` (placement engine + history), `placements` (placement reads, span of
//! control), `manual` (KED-09), `audit` (hash chain, verification, reads, events), `identity`,
//! `sessions`, `throttle` and `devices` (sign-in), `access` (actor facts), `holders` (the
//! organisation snapshot the domain's holder questions read, the one `exercises` check),
//! `grants` (granted roles), `tokens` (API tokens), `regional_heads` (Bupati accounts), `process_maps` (business-process
//! maps, their versions and reviews),
//! `testing` (feature `testing`).
#![forbid(unsafe_code)]

mod access;
mod assignment_candidates;
mod assignment_drafts;
mod assignments;
mod audit;
#[cfg(all(test, feature = "testing"))]
mod audit_tests;
mod batch;
mod connect;
mod convert;
pub mod dashboards;
mod devices;
mod entities;
mod error;
mod execution;
mod experience_fields;
mod export;
mod grants;
mod health;
mod holders;
mod identity;
mod import;
mod issuing;
mod load;
mod manual;
mod migration;
pub mod notification_admin;
pub mod notifications;
mod officials;
pub mod org_changes;
pub mod performance;
mod placement_query;
mod placements;
pub mod planning;
pub mod policies;
mod position_views;
pub mod process_maps;
mod profile;
mod read;
mod recompute;
mod regional_head_terms;
mod regional_heads;
mod requests;
mod search;
mod sessions;
#[cfg(feature = "testing")]
pub mod testing;
mod throttle;
mod tokens;
pub mod views;

pub use assignment_candidates::{Candidate, CandidateQuery, CurrentAssignment};
pub use assignments::{AssignmentInput, AssignmentView, MemberView};
pub use audit::{
    AuditActor, AuditBreak, AuditCheckpoint, AuditEntry, AuditFilter, AuditKey, AuditNames,
    AuditReport, AuditSettings, AuditVerification, RecordLink, RecordName, SignIns, actor_nip,
};
pub use connect::{Backend, Store};
pub use devices::DevicePolicy;
pub use error::{Result, StorageError};
pub use execution::results::{
    MAX_RESULT_TEXT, RealisationView, ResultDecision, ResultDecisionView, ResultResubmission,
    ResultRoundView, ResultStepView, ResultSubmission, SkippedView, WaitingResult, WorkResultId,
    WorkResultView,
};
pub use execution::{
    BreakdownMember, BreakdownView, DueReport, EvidenceRecord, FeedbackView, IssueAddresseeView,
    IssueDecisionView, IssueView, MAX_EVIDENCE_FILES, Offers, ReportInput, ReportLineView,
    ReportRequestView, ReportView, WorkItemView, WorkRef, WorkSchedule,
};
pub use experience_fields::ExperienceFieldView;
pub use grants::{GrantId, RoleGrantView};
pub use health::{OperationalCounts, PoolStats, StepCount};
pub use identity::Credential;
pub use issuing::{
    DEFAULT_CLASSIFICATION, DEFAULT_PATTERN, DuplicateCopy, DuplicateNumber, IssueFacts,
    IssuedLetterView, LetterFile, LetterheadInput, LetterheadView, NumberLine, RegisterSetting,
    RegisterView, RenderLetter, RenderedFiles, Rendering, format_number,
};
pub use regional_head_terms::{LegalBasis, NewTerm, TermAdded, TermView};
pub use regional_heads::{RegionalHeadCredential, RegionalHeadView};
pub use requests::{
    AssignmentLine, InboxItem, LetterRecord, MAX_ESCALATION_HOURS, MembershipLine, ReminderView,
    RequestId, RequestStart, RequestView, StepInput, StepView, TaskCategory, WaitingView,
    WorkflowPolicy,
};
pub use throttle::{Admission, ThrottlePolicy, ThrottleState};
pub use tokens::{ApiTokenId, ApiTokenView, TOKEN_PREFIX};
pub use views::{
    DepartmentSummary, EmployeeFilter, EmployeeView, ImportSummary, ManualPlacementInput,
    ManualRecord, OfficialRef, Page, PersonRef, PlacementChange, PlacementFilter, PlacementStatus,
    PlacementView, PositionView, RecomputeSummary, SpanView,
};
