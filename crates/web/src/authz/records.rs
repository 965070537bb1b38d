//! Who may read an assignment and the records hanging off it — its request and its letters —
//! (the route rule [`super::Access::AssignmentRecord`]). The handler has read the record; this
//! answers whether the principal may see it.

use sikerja_domain::assignment::AssignmentId;
use sikerja_domain::organisation::AgencyId;
use sikerja_storage::Store;

use super::{Principal, forbidden};
use crate::error::WebError;

/// Lets through whoever may see assignment `id` of `agency`: people who see the whole agency
/// (Bupati, Sekda, HR admin); the people involved in it — members, heads of the owner unit,
/// holders of a step or a copy of its request, as storage lists them
/// (`assignments_involving`); tokens reaching the agency (read only). Everyone else: 403.
pub async fn require_assignment(
    store: &Store,
    principal: &Principal,
    id: AssignmentId,
    agency: AgencyId,
) -> Result<(), WebError> {
    match principal {
        Principal::Anonymous => Err(WebError::Unauthenticated),
        Principal::Token(t) if t.agency.is_none_or(|a| a == agency) => Ok(()),
        Principal::Token(_) => Err(forbidden()),
        Principal::Person { actor, .. } => {
            if actor.sees_agency(agency) {
                return Ok(());
            }
            let by = principal.planning_actor(None)?;
            let involved = store.assignments_involving(&by, usize::MAX).await?;
            if involved.iter().any(|l| l.id == id) {
                Ok(())
            } else {
                Err(WebError::forbidden(
                    "Penugasan ini hanya dapat dilihat oleh pihak yang terlibat (anggota, pimpinan Unit Organisasi pemilik kinerja, pemegang langkah atau tembusan alurnya) dan pejabat yang melihat seluruh instansi.",
                ))
            }
        }
    }
}
