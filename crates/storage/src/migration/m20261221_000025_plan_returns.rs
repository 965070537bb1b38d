//! Issue 15 point 6. `activity_plan_versions.returned_at`, `returned_by`, `return_note`: the
//! head who sets the agreement returns a submitted version with notes instead of approving it
//! (status `returned`); the holder's next change makes a new version (MEK-03, Pasal 10 ayat 2).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ActivityPlanVersions {
    Table,
    ReturnedAt,
    ReturnedBy,
    ReturnNote,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ActivityPlanVersions as V;
        // One column per statement: SQLite alters one at a time.
        for col in [
            timestamp_with_time_zone_null(V::ReturnedAt),
            string_null(V::ReturnedBy),
            text_null(V::ReturnNote),
        ] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(V::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ActivityPlanVersions as V;
        for col in [V::ReturnedAt, V::ReturnedBy, V::ReturnNote] {
            m.alter_table(Table::alter().table(V::Table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
