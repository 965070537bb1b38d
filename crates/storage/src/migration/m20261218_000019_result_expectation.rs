//! Issue 13, MEK-05 as the text has it: in a Setda, an RSUD and a Kecamatan the pass that
//! delivers a result to the final reviewer may rest on the expectation (Lampiran I.A.3.c,
//! I.D.3.c, I.E.3.c angka 3). `work_result_decisions.meets_expectation` records that statement
//! beside `meets_target`; decisions taken before are `false` (they rested on the target).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum WorkResultDecisions {
    Table,
    MeetsExpectation,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(WorkResultDecisions::Table)
                .add_column(boolean(WorkResultDecisions::MeetsExpectation).default(false))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(WorkResultDecisions::Table)
                .drop_column(WorkResultDecisions::MeetsExpectation)
                .to_owned(),
        )
        .await
    }
}
