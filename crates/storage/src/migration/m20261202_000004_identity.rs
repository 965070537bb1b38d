//! Identity: password credentials per employee, server-side sessions and the counters that
//! throttle failed sign-ins (per account and per client address).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::fk;
use super::m20261201_000001_organisation::Employees;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Credentials {
    Table,
    EmployeeId,
    PasswordHash,
    MustChange,
    ChangedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Sessions {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SignInAttempts {
    Table,
    Key,
    Failed,
    WindowStart,
    LockedUntil,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Credentials::Table)
                .col(big_integer(Credentials::EmployeeId).primary_key())
                .col(text(Credentials::PasswordHash))
                .col(boolean(Credentials::MustChange))
                .col(timestamp_with_time_zone(Credentials::ChangedAt))
                .foreign_key(&mut fk(
                    Credentials::Table,
                    Credentials::EmployeeId,
                    Employees::Table,
                    "fk_credentials_employee",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(string(Sessions::Id).primary_key())
                .col(text(Sessions::Data))
                .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                .to_owned(),
        )
        .await?;
        m.create_index(super::index(
            "ix_sessions_expires_at",
            Sessions::Table,
            vec![Sessions::ExpiresAt.into_iden()],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(SignInAttempts::Table)
                .col(string(SignInAttempts::Key).primary_key())
                .col(integer(SignInAttempts::Failed))
                .col(timestamp_with_time_zone(SignInAttempts::WindowStart))
                .col(timestamp_with_time_zone_null(SignInAttempts::LockedUntil))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            SignInAttempts::Table.into_iden(),
            Sessions::Table.into_iden(),
            Credentials::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
