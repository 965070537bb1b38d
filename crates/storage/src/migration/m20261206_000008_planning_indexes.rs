//! Issue 4: the planning start page and the header count ask for "the agreements of this
//! employee" and "the expectations of this employee" on every page: index both.

use sea_orm_migration::prelude::*;

use super::index;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PerformanceAgreements {
    Table,
    EmployeeId,
    Status,
}

#[derive(DeriveIden, Clone, Copy)]
enum Expectations {
    Table,
    EmployeeId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActivityPlanVersions {
    Table,
    Status,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index(
            "ix_pa_employee_status",
            PerformanceAgreements::Table,
            vec![
                PerformanceAgreements::EmployeeId.into_iden(),
                PerformanceAgreements::Status.into_iden(),
            ],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_ex_employee",
            Expectations::Table,
            vec![Expectations::EmployeeId.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_apv_status",
            ActivityPlanVersions::Table,
            vec![ActivityPlanVersions::Status.into_iden()],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [
            (
                "ix_pa_employee_status",
                PerformanceAgreements::Table.into_iden(),
            ),
            ("ix_ex_employee", Expectations::Table.into_iden()),
            ("ix_apv_status", ActivityPlanVersions::Table.into_iden()),
        ] {
            m.drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
