//! Business-process maps (issue 17, PRO-01..03): each map of an agency with its numbered
//! versions — the BPMN XML as uploaded or saved, kept as given and never updated — and its
//! reviews. Every signed-in person of the agency reads; only its *Pengelola Peta Proses
//! Bisnis* writes (`sikerja_domain::process_map` decides); each write is one transaction with
//! its audit row. A document is read and checked by `sikerja_maps::read` before it is kept: a
//! broken file is refused with its `bpmn_*` code and the reasons.
//!
//! `read.rs` holds the lists, the detail, a version's bytes and the diff of two versions;
//! `write.rs` creating, saving, publishing, archiving and reviewing; `lanes.rs` the lanes
//! bound to positions or units and who holds them today (PRO-01).

use chrono::{DateTime, Utc};
use serde::Serialize;
use sikerja_domain::access::ActorFacts;
use sikerja_domain::organisation::{AgencyId, DepartmentId};
use sikerja_domain::process_map::{MapRefusal, ProcessMapKind, ProcessMapStatus, SopChange};
use sikerja_domain::workflow::WorkflowKind;

use crate::AuditActor;
use crate::error::StorageError;

mod lanes;
mod read;
mod write;

pub use lanes::{BoundLane, LaneView};

/// Id of a row of `process_maps`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ProcessMapId(pub i64);

impl std::fmt::Display for ProcessMapId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Who acts on a map: the facts the domain decides from, and the audit label.
#[derive(Debug, Clone)]
pub struct MapActor {
    pub facts: ActorFacts,
    pub audit: AuditActor,
}

/// What the list of maps is narrowed to; every field optional.
#[derive(Debug, Clone, Default)]
pub struct MapFilter {
    pub kind: Option<ProcessMapKind>,
    pub department: Option<DepartmentId>,
    pub status: Option<ProcessMapStatus>,
    /// A part of the title, case-insensitive.
    pub search: Option<String>,
}

/// One map as the list shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MapSummary {
    pub id: ProcessMapId,
    pub agency: AgencyId,
    pub department: Option<DepartmentId>,
    pub department_name: Option<String>,
    pub kind: ProcessMapKind,
    pub title: String,
    pub status: ProcessMapStatus,
    /// The number of the published version, if any.
    pub published_version: Option<u32>,
    /// The number of the latest version.
    pub latest_version: u32,
    pub updated_at: DateTime<Utc>,
}

/// One version, without its bytes.
#[derive(Debug, Clone, Serialize)]
pub struct VersionView {
    pub number: u32,
    pub sha256: String,
    /// Size of the document in bytes.
    pub size: usize,
    /// `upload`, `editor`, `api` or `workflow:<code>`.
    pub source: String,
    pub note: String,
    pub saved_by: String,
    pub saved_at: DateTime<Utc>,
}

/// One review (PRO-03).
#[derive(Debug, Clone, Serialize)]
pub struct ReviewView {
    pub id: i64,
    /// The version reviewed.
    pub version: u32,
    pub findings: String,
    pub decisions: String,
    pub sop_changes: Vec<SopChange>,
    pub reviewed_by: String,
    pub reviewed_at: DateTime<Utc>,
}

/// A map with its versions and reviews, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct MapDetail {
    pub map: MapSummary,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub versions: Vec<VersionView>,
    pub reviews: Vec<ReviewView>,
}

/// Where a new map's first version comes from.
#[derive(Debug, Clone)]
pub enum MapSource {
    /// A `.bpmn` document as given (upload, the editor, the API).
    Document {
        xml: Vec<u8>,
        source: DocumentSource,
    },
    /// One of the regulation's assignment workflows, generated (issue 17 point 4).
    Workflow(WorkflowKind),
}

/// How a document reached Sikerja (kept with the version).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentSource {
    Upload,
    Editor,
    Api,
}

impl DocumentSource {
    /// Stable code stored with the version.
    pub fn code(self) -> &'static str {
        match self {
            DocumentSource::Upload => "upload",
            DocumentSource::Editor => "editor",
            DocumentSource::Api => "api",
        }
    }
}

/// A new map.
#[derive(Debug, Clone)]
pub struct NewMap {
    pub kind: ProcessMapKind,
    pub title: String,
    pub department: Option<DepartmentId>,
    pub note: String,
    pub source: MapSource,
}

/// The domain's refusal as a storage error.
pub(crate) fn refused(r: MapRefusal) -> StorageError {
    match r {
        MapRefusal::NotKeeper | MapRefusal::NotReader => {
            StorageError::forbidden(r.code(), r.message())
        }
        MapRefusal::Archived | MapRefusal::NothingToPublish => {
            StorageError::conflict(r.code(), r.message())
        }
        MapRefusal::Text { .. }
        | MapRefusal::FindingsBlank
        | MapRefusal::SopChange(_)
        | MapRefusal::UnknownVersion(_)
        | MapRefusal::UnknownLane(_)
        | MapRefusal::UnknownLaneTarget => StorageError::invalid(r.code(), r.message()),
    }
}

/// A broken document as a storage error: its `bpmn_*` code and every finding (Indonesian).
pub(crate) fn bpmn_refused(r: &sikerja_maps::Refused) -> StorageError {
    let reasons = r
        .problems
        .iter()
        .map(sikerja_maps::Problem::message)
        .collect::<Vec<_>>()
        .join(" ");
    StorageError::invalid(r.code(), format!("Berkas BPMN ditolak: {reasons}"))
}
