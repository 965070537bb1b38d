//! Officials (person + position) looked up by id in two queries, for the span of control.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;

use crate::batch::{rows_where_in, unique_ids};
use crate::convert;
use crate::entities::{employee, position};
use crate::error::Result;
use crate::views::OfficialRef;
use sikerja_domain::organisation::PositionId;

/// Employees and positions that officials refer to.
pub(crate) struct Officials {
    pub people: HashMap<i64, employee::Model>,
    pub positions: HashMap<i64, position::Model>,
}

impl Officials {
    pub(crate) async fn load<C: ConnectionTrait>(
        db: &C,
        employee_ids: impl IntoIterator<Item = i64>,
        position_ids: impl IntoIterator<Item = i64>,
    ) -> Result<Self> {
        let e = unique_ids(employee_ids);
        let p = unique_ids(position_ids);
        Ok(Officials {
            people: rows_where_in::<employee::Entity, _>(db, employee::Column::Id, &e)
                .await?
                .into_iter()
                .map(|m| (m.id, m))
                .collect(),
            positions: rows_where_in::<position::Entity, _>(db, position::Column::Id, &p)
                .await?
                .into_iter()
                .map(|m| (m.id, m))
                .collect(),
        })
    }

    /// The official exercising `position` as `employee`; `None` when either is gone.
    pub(crate) fn official(
        &self,
        position: Option<i64>,
        employee: Option<i64>,
        acting: Option<&str>,
    ) -> Result<Option<OfficialRef>> {
        let (Some(p), Some(e)) = (
            position.and_then(|p| self.positions.get(&p)),
            employee.and_then(|e| self.people.get(&e)),
        ) else {
            return Ok(None);
        };
        Ok(Some(OfficialRef {
            person: convert::person(e)?,
            position: PositionId(p.id),
            position_name: p.name.clone(),
            class: convert::position_class(&p.class)?,
            acting: convert::acting_kind(acting)?,
        }))
    }
}
