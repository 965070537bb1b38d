//! Issue 18 point 4: the `report_due` notification. A periodic report falling due (LAP-01/02)
//! is found by a daily scan (`Store::scan_reports_due`), run by every notification sender; so
//! that two servers scanning at once write one event, an event may carry a `dedup_key`
//! (`report_due:<work>:<kind>:<due day>:<employee>`), unique, and the scan inserts
//! `ON CONFLICT (dedup_key) DO NOTHING`. Other events leave it empty (NULLs never clash).

use sea_orm_migration::prelude::*;

use super::index;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum NotificationEvents {
    Table,
    DedupKey,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use NotificationEvents as E;
        m.alter_table(
            Table::alter()
                .table(E::Table)
                .add_column(ColumnDef::new(E::DedupKey).string_len(300).null())
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_nevent_dedup",
            E::Table,
            vec![E::DedupKey.into_iden()],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use NotificationEvents as E;
        m.drop_index(
            Index::drop()
                .name("ux_nevent_dedup")
                .table(E::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(E::Table)
                .drop_column(E::DedupKey)
                .to_owned(),
        )
        .await
    }
}
