//! Batching for bulk statements: PostgreSQL allows 65,535 bind parameters per statement and
//! SQLite 32,766, so rows and id lists are cut into chunks well below both.

use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

/// Bind parameters per statement, below SQLite's limit of 32,766.
const MAX_PARAMS: usize = 30_000;

/// Rows per multi-row INSERT for a table with `columns` bound columns.
pub(crate) fn rows_per_insert(columns: usize) -> usize {
    (MAX_PARAMS / columns.max(1)).max(1)
}

/// Ids per `IN (…)` list.
pub(crate) const IDS_PER_QUERY: usize = 10_000;

/// Sorted, de-duplicated ids.
pub(crate) fn unique_ids(ids: impl IntoIterator<Item = i64>) -> Vec<i64> {
    ids.into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Loads the rows of `E` whose `column` is one of `ids`, in chunks.
pub(crate) async fn rows_where_in<E, C>(
    db: &C,
    column: E::Column,
    ids: &[i64],
) -> Result<Vec<E::Model>, sea_orm::DbErr>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let rows = E::find()
            .filter(column.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}

/// Inserts active models in batches sized for `columns` bound columns each.
pub(crate) async fn insert_all<A, C>(
    db: &C,
    rows: Vec<A>,
    columns: usize,
) -> Result<(), sea_orm::DbErr>
where
    A: sea_orm::ActiveModelTrait + Send,
    C: ConnectionTrait,
{
    let size = rows_per_insert(columns);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(size).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
