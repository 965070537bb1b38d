//! An employee's recorded changes as the profile lists them (issue 14 point 1): kind, what it
//! did, effective day, legal basis, state and who recorded it.

use std::collections::HashMap;

use sikerja_domain::changes::OrgChange;
use sikerja_domain::organisation::PositionId;
use sikerja_storage::PositionView;
use sikerja_storage::org_changes::{OrgChangeState, OrgChangeView};

use crate::format;

/// One row of the change history.
pub struct ChangeLine {
    pub id: i64,
    pub effective: String,
    pub kind: &'static str,
    pub label: &'static str,
    pub detail: String,
    pub basis: String,
    pub state: &'static str,
    pub state_code: &'static str,
    pub pending: bool,
    pub recorded_by: String,
    pub recorded_at: String,
    /// Why it failed on its day.
    pub error: Option<String>,
}

/// The positions the changes name, for [`lines`] to show by name.
pub fn positions_named(changes: &[OrgChangeView]) -> Vec<PositionId> {
    changes
        .iter()
        .filter_map(|c| match &c.change.change {
            OrgChange::Appoint { position, .. } | OrgChange::NameActing { position, .. } => {
                Some(*position)
            }
            OrgChange::Hire { employee } => employee.position,
            _ => None,
        })
        .collect()
}

fn post_name(p: PositionId, posts: &HashMap<PositionId, &PositionView>) -> String {
    match posts.get(&p) {
        Some(v) => format!("{} ({})", v.position.name, v.unit_name),
        None => "jabatan yang sudah dihapus".to_string(),
    }
}

/// The rows, in the order given (newest first from storage).
pub fn lines(changes: &[OrgChangeView], positions: &[PositionView]) -> Vec<ChangeLine> {
    let posts: HashMap<PositionId, &PositionView> =
        positions.iter().map(|p| (p.position.id, p)).collect();
    changes
        .iter()
        .map(|c| {
            let detail = match &c.change.change {
                OrgChange::Hire { employee } => match employee.position {
                    Some(p) => format!("pada jabatan {}", post_name(p, &posts)),
                    None => "tanpa jabatan".to_string(),
                },
                OrgChange::Appoint { position, .. } => {
                    format!("ke jabatan {}", post_name(*position, &posts))
                }
                OrgChange::SetGrade { grade, .. } => format!("menjadi {grade}"),
                OrgChange::Leave { reason, .. } => reason.label().to_string(),
                OrgChange::NameActing {
                    position, acting, ..
                } => format!("{} {}", acting.label(), post_name(*position, &posts)),
                _ => String::new(),
            };
            ChangeLine {
                id: c.id,
                effective: c.change.effective.label(),
                kind: c.change.change.code(),
                label: c.change.change.label(),
                detail,
                basis: format!(
                    "{}, tanggal {}",
                    c.change.basis.number,
                    c.change.basis.date.label()
                ),
                state: c.state.label(),
                state_code: c.state.code(),
                pending: c.state == OrgChangeState::Pending,
                recorded_by: c.recorded_by.clone(),
                recorded_at: format::date_time(c.recorded_at),
                error: c.error.clone(),
            }
        })
        .collect()
}
