//! The organisation of an agency as of a day (KED-11: who assessed whom on 1 March; the
//! organisation once pending changes take effect).
//!
//! A day from today on: today's tables with the pending changes effective by then replayed in
//! effective order. An earlier day: the latest snapshot taken on or before it with the
//! changes applied since, effective by then, replayed on it (`changes::as_of`). Snapshots are
//! taken when changes are applied, so a day before the agency's first snapshot is refused;
//! a backdated change recorded after a snapshot of a later day than its effective day is in
//! the snapshots from its recording day on only.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sikerja_domain::assignment::Day;
use sikerja_domain::changes::{self, DatedChange};
use sikerja_domain::organisation::{AgencyId, Organisation};

use super::{OrgChangeState, view};
use crate::Store;
use crate::entities::{org_change, org_snapshot};
use crate::error::{Result, StorageError, corrupt};
use crate::execution;
use crate::load::full_organisation;

fn replay_refused(c: &DatedChange, r: sikerja_domain::refusals::Refusal) -> StorageError {
    StorageError::invalid(
        "org_change_replay_refused",
        format!(
            "{} (berlaku {}) tidak dapat diterapkan ulang: {}",
            c.change.label(),
            c.effective,
            execution::refused(r)
        ),
    )
}

impl Store {
    /// The organisation of `agency` as of `day`, `today` being the day today's tables hold.
    pub async fn organisation_as_of(
        &self,
        agency: AgencyId,
        day: Day,
        today: Day,
    ) -> Result<Organisation> {
        let stored = |state: OrgChangeState| {
            org_change::Entity::find()
                .filter(org_change::Column::AgencyId.eq(agency.0))
                .filter(org_change::Column::State.eq(state.code()))
                .filter(org_change::Column::EffectiveOn.lte(day.to_string()))
                .order_by_asc(org_change::Column::EffectiveOn)
                .order_by_asc(org_change::Column::Id)
        };
        if day >= today {
            let mut org = full_organisation(&self.db, agency).await?;
            for row in stored(OrgChangeState::Pending).all(&self.db).await? {
                let c = view(&row)?.change;
                changes::apply(&mut org, &c.change).map_err(|r| replay_refused(&c, r))?;
            }
            return Ok(org);
        }
        let snapshot = org_snapshot::Entity::find()
            .filter(org_snapshot::Column::AgencyId.eq(agency.0))
            .filter(org_snapshot::Column::Day.lte(day.to_string()))
            .order_by_desc(org_snapshot::Column::Day)
            .one(&self.db)
            .await?
            .ok_or_else(|| {
                StorageError::invalid(
                    "org_as_of_before_records",
                    format!(
                        "Susunan organisasi pada {} belum tercatat: perubahan organisasi baru \
                         dicatat sesudahnya.",
                        day.label()
                    ),
                )
            })?;
        let base: Organisation = serde_json::from_str(&snapshot.organisation)
            .map_err(|_| corrupt("organisation snapshot", &snapshot.id.to_string()))?;
        let base_day =
            Day::parse(&snapshot.day).map_err(|_| corrupt("snapshot day", &snapshot.day))?;
        let applied: Vec<DatedChange> = stored(OrgChangeState::Applied)
            .all(&self.db)
            .await?
            .iter()
            .map(|m| view(m).map(|v| v.change))
            .collect::<Result<_>>()?;
        changes::as_of(&base, base_day, &applied, day).map_err(|(i, r)| match applied.get(i) {
            Some(c) => replay_refused(c, r),
            None => execution::refused(r),
        })
    }
}
