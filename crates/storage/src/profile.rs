//! What the employee profile reads beyond the employee view (issue 14 point 1): every post the
//! employee acts in (Plt./Plh.), and the positions their recorded changes name.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use sikerja_domain::organisation::{EmployeeId, PositionId};

use crate::Store;
use crate::batch::{rows_where_in, unique_ids};
use crate::entities::position;
use crate::error::Result;
use crate::position_views::PositionContext;
use crate::views::PositionView;

impl Store {
    /// The posts `employee` acts in (Plt./Plh., ORG-05), in position order.
    pub async fn acting_posts(&self, employee: EmployeeId) -> Result<Vec<PositionView>> {
        let rows = position::Entity::find()
            .filter(position::Column::ActingEmployeeId.eq(employee.0))
            .order_by_asc(position::Column::Id)
            .all(&self.db)
            .await?;
        let refs: Vec<&position::Model> = rows.iter().collect();
        let ctx = PositionContext::load(&self.db, &refs).await?;
        rows.iter().map(|p| ctx.view(p)).collect()
    }

    /// The positions of `ids` that still exist (a closed one is left out), with unit and
    /// holders.
    pub async fn positions_by_id(&self, ids: &[PositionId]) -> Result<Vec<PositionView>> {
        let ids = unique_ids(ids.iter().map(|p| p.0));
        let rows =
            rows_where_in::<position::Entity, _>(&self.db, position::Column::Id, &ids).await?;
        let refs: Vec<&position::Model> = rows.iter().collect();
        let ctx = PositionContext::load(&self.db, &refs).await?;
        rows.iter().map(|p| ctx.view(p)).collect()
    }
}
