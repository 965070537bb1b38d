//! Business-process maps (*peta proses bisnis*, Pasal 21, PRO-01..03): the kinds of map the
//! regency reviews, the states of a kept map, who may read and keep maps, and what a save, a
//! publication, an archiving and a review are allowed to do. The maps themselves are BPMN 2.0
//! documents read, checked, generated and compared by `crates/maps` (`docs/maps.md`); storage
//! keeps them (`crates/storage/src/process_maps/`).
//!
//! A map has numbered versions, each the uploaded or saved XML as given; versions are never
//! changed (PRO-03). A map is a draft until a keeper publishes its latest version; saving a
//! published map adds a new version, which readers see once it is published in turn. An
//! archived map is kept as it is: no save, no publication, no review.

use serde::{Deserialize, Serialize};

use crate::access::{ActorFacts, GrantedRole};
use crate::limits::{TextKind, TextProblem, check_as};
use crate::org::vocabulary;
use crate::organisation::AgencyId;

vocabulary! {
    /// The kinds of map under review and evaluation (PRO-02, Pasal 21 ayat 4 huruf a–d).
    ProcessMapKind {
        /// *Peta subproses* (huruf a).
        Subprocess => "subprocess_map", "Peta subproses";
        /// *Peta relasi*: the working relations between Unit Organisasi (huruf b).
        Relation => "relation_map", "Peta relasi";
        /// *Peta lintas fungsi*: the swimlane map (huruf c).
        CrossFunctional => "cross_functional_map", "Peta lintas fungsi";
        /// *Peta level 1* and its derivatives (huruf d).
        Level1 => "level_1_map", "Peta level 1 dan turunannya";
    }
}

vocabulary! {
    /// Where a kept map stands (PRO-03).
    ProcessMapStatus {
        /// No version published yet.
        Draft => "draft", "Konsep";
        /// A version is published; later saves wait for the next publication.
        Published => "published", "Terbit";
        /// Kept for the record; no longer changed or reviewed.
        Archived => "archived", "Diarsipkan";
    }
}

/// The most SOP changes one review lists.
pub const MAX_SOP_CHANGES: usize = 50;

/// Why a keeper's action on a map is refused. Each has a stable code and an Indonesian
/// message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MapRefusal {
    /// Only a *Pengelola Peta Proses Bisnis* of the map's agency writes maps (PRO-01).
    NotKeeper,
    /// Readers are the signed-in people of the map's agency.
    NotReader,
    /// An archived map is not changed (PRO-03).
    Archived,
    /// The latest version is already the published one.
    NothingToPublish,
    /// A text is empty, too long or holds a control character.
    Text {
        field: &'static str,
        problem: String,
    },
    /// A review names no findings.
    FindingsBlank,
    /// An SOP change without number or title, or too many.
    SopChange(String),
    /// The version reviewed does not exist.
    UnknownVersion(u32),
    /// The version has no lane of this id (PRO-01).
    UnknownLane(String),
    /// The position or unit a lane is bound to is not one of the map's agency (PRO-01).
    UnknownLaneTarget,
}

impl MapRefusal {
    /// Stable `snake_case` code (API error code).
    pub fn code(&self) -> &'static str {
        match self {
            MapRefusal::NotKeeper => "process_map_not_keeper",
            MapRefusal::NotReader => "process_map_not_reader",
            MapRefusal::Archived => "process_map_archived",
            MapRefusal::NothingToPublish => "process_map_nothing_to_publish",
            MapRefusal::Text { .. } => "process_map_invalid_text",
            MapRefusal::FindingsBlank => "process_map_findings_blank",
            MapRefusal::SopChange(_) => "process_map_invalid_sop_change",
            MapRefusal::UnknownVersion(_) => "process_map_unknown_version",
            MapRefusal::UnknownLane(_) => "process_map_unknown_lane",
            MapRefusal::UnknownLaneTarget => "process_map_unknown_lane_target",
        }
    }

    /// Indonesian message.
    pub fn message(&self) -> String {
        match self {
            MapRefusal::NotKeeper => "Hanya Pengelola Peta Proses Bisnis instansi ini yang dapat mengubah peta proses (PRO-01, Pasal 21).".into(),
            MapRefusal::NotReader => "Peta proses ini milik instansi lain.".into(),
            MapRefusal::Archived => "Peta proses ini sudah diarsipkan dan tidak dapat diubah lagi (PRO-03).".into(),
            MapRefusal::NothingToPublish => "Versi terakhir peta ini sudah terbit; simpan versi baru terlebih dahulu.".into(),
            MapRefusal::Text { problem, .. } => problem.clone(),
            MapRefusal::FindingsBlank => "Temuan reviu wajib diisi (PRO-03).".into(),
            MapRefusal::SopChange(m) => m.clone(),
            MapRefusal::UnknownVersion(n) => format!("Versi {n} tidak ada pada peta ini."),
            MapRefusal::UnknownLane(lane) => {
                format!("Lajur “{lane}” tidak ada pada versi peta ini (PRO-01).")
            }
            MapRefusal::UnknownLaneTarget => "Jabatan atau unit yang dipilih tidak ada di instansi ini (PRO-01).".into(),
        }
    }
}

impl std::fmt::Display for MapRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

/// Whether the person reads the maps of `agency`: every signed-in person of the agency.
pub fn may_read(facts: &ActorFacts, agency: AgencyId) -> bool {
    facts.agency == Some(agency)
}

/// Whether another government system's API token reads the maps of `agency` (issue 17 point
/// 3): a token scoped to an agency (`token_agency`) reads that agency's maps, an unscoped one
/// every agency's. Tokens only read; writes stay with the agency's keeper.
pub fn token_may_read(token_agency: Option<AgencyId>, agency: AgencyId) -> bool {
    token_agency.is_none_or(|a| a == agency)
}

/// Whether the person keeps (creates, saves, publishes, archives, reviews) the maps of
/// `agency`: a granted *Pengelola Peta Proses Bisnis* there (PRO-01).
pub fn may_keep(facts: &ActorFacts, agency: AgencyId) -> bool {
    facts.agency == Some(agency) && facts.granted.contains(&GrantedRole::ProcessMapKeeper)
}

/// Refuses a keeper's action by someone who does not keep the agency's maps.
pub fn check_keeper(facts: &ActorFacts, agency: AgencyId) -> Result<(), MapRefusal> {
    if may_keep(facts, agency) {
        Ok(())
    } else {
        Err(MapRefusal::NotKeeper)
    }
}

/// Whether a new version may be saved: not on an archived map (PRO-03). Saving never changes
/// the status: a published map stays published at its published version.
pub fn decide_save(status: ProcessMapStatus) -> Result<(), MapRefusal> {
    match status {
        ProcessMapStatus::Archived => Err(MapRefusal::Archived),
        ProcessMapStatus::Draft | ProcessMapStatus::Published => Ok(()),
    }
}

/// Publishes the latest version: the version number that becomes the published one.
pub fn decide_publish(
    status: ProcessMapStatus,
    latest: u32,
    published: Option<u32>,
) -> Result<u32, MapRefusal> {
    if status == ProcessMapStatus::Archived {
        return Err(MapRefusal::Archived);
    }
    if latest == 0 || published == Some(latest) {
        return Err(MapRefusal::NothingToPublish);
    }
    Ok(latest)
}

/// Archives a map that is not archived yet.
pub fn decide_archive(status: ProcessMapStatus) -> Result<(), MapRefusal> {
    match status {
        ProcessMapStatus::Archived => Err(MapRefusal::Archived),
        ProcessMapStatus::Draft | ProcessMapStatus::Published => Ok(()),
    }
}

/// An SOP a review changed (PRO-03): its number and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SopChange {
    pub number: String,
    pub title: String,
}

/// What a review records (PRO-03).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewInput {
    /// The version reviewed.
    pub version: u32,
    pub findings: String,
    pub decisions: String,
    pub sop_changes: Vec<SopChange>,
}

fn text(field: &'static str, label: &str, kind: TextKind, value: &str) -> Result<(), MapRefusal> {
    check_as(kind, value).map_err(|p: TextProblem| MapRefusal::Text {
        field,
        problem: p.message(label),
    })
}

/// Checks a title (required, a title's length, no control characters).
pub fn check_title(title: &str) -> Result<(), MapRefusal> {
    if title.trim().is_empty() {
        return Err(MapRefusal::Text {
            field: "title",
            problem: "Judul peta proses wajib diisi.".into(),
        });
    }
    text("title", "judul", TextKind::Title, title)
}

/// Checks a version's note (optional).
pub fn check_note(note: &str) -> Result<(), MapRefusal> {
    text("note", "catatan", TextKind::Note, note)
}

/// Decides whether a review may be recorded on a map in `status` with versions `1..=latest`
/// (PRO-03): not on an archived map, of an existing version, with findings, every SOP change
/// with a number and a title.
pub fn decide_review(
    status: ProcessMapStatus,
    latest: u32,
    review: &ReviewInput,
) -> Result<(), MapRefusal> {
    if status == ProcessMapStatus::Archived {
        return Err(MapRefusal::Archived);
    }
    if review.version == 0 || review.version > latest {
        return Err(MapRefusal::UnknownVersion(review.version));
    }
    if review.findings.trim().is_empty() {
        return Err(MapRefusal::FindingsBlank);
    }
    text("findings", "temuan", TextKind::Note, &review.findings)?;
    text("decisions", "keputusan", TextKind::Note, &review.decisions)?;
    if review.sop_changes.len() > MAX_SOP_CHANGES {
        return Err(MapRefusal::SopChange(format!(
            "Paling banyak {MAX_SOP_CHANGES} SOP yang berubah dalam satu reviu."
        )));
    }
    for sop in &review.sop_changes {
        if sop.number.trim().is_empty() || sop.title.trim().is_empty() {
            return Err(MapRefusal::SopChange(
                "Setiap SOP yang berubah memerlukan nomor dan judul (PRO-03).".into(),
            ));
        }
        text("sop_number", "nomor SOP", TextKind::Code, &sop.number)?;
        text("sop_title", "judul SOP", TextKind::Title, &sop.title)?;
    }
    Ok(())
}

pub mod lanes;

#[cfg(test)]
mod tests;
