//! Issue 12 point 3: sign-in throttling with growing delays instead of a lock for everyone.
//! `sign_in_throttle` holds, per key (an account as typed, or a real client address), the
//! attempts counted against it and until when the next attempt must wait; `sign_in_devices`
//! the device cookies (SHA-256 of the random token) bound to the accounts that signed in from
//! them, with their own failure count. The old `sign_in_attempts` (a hard lock per key) goes.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::index;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum SignInAttempts {
    Table,
    Key,
    Failed,
    WindowStart,
    LockedUntil,
}

#[derive(DeriveIden, Clone, Copy)]
enum SignInThrottle {
    Table,
    Key,
    Failures,
    LastFailureAt,
    WaitUntil,
}

#[derive(DeriveIden, Clone, Copy)]
enum SignInDevices {
    Table,
    TokenHash,
    Account,
    Failures,
    CreatedAt,
    LastSignInAt,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SignInAttempts::Table).to_owned())
            .await?;
        m.create_table(
            Table::create()
                .table(SignInThrottle::Table)
                .col(string(SignInThrottle::Key).primary_key())
                .col(integer(SignInThrottle::Failures))
                .col(timestamp_with_time_zone(SignInThrottle::LastFailureAt))
                .col(timestamp_with_time_zone_null(SignInThrottle::WaitUntil))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_sign_in_throttle_last_failure_at",
            SignInThrottle::Table,
            vec![SignInThrottle::LastFailureAt.into_iden()],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(SignInDevices::Table)
                .col(string(SignInDevices::TokenHash))
                .col(string(SignInDevices::Account))
                .col(integer(SignInDevices::Failures))
                .col(timestamp_with_time_zone(SignInDevices::CreatedAt))
                .col(timestamp_with_time_zone(SignInDevices::LastSignInAt))
                .col(timestamp_with_time_zone(SignInDevices::ExpiresAt))
                .primary_key(
                    Index::create()
                        .col(SignInDevices::TokenHash)
                        .col(SignInDevices::Account),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_sign_in_devices_expires_at",
            SignInDevices::Table,
            vec![SignInDevices::ExpiresAt.into_iden()],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SignInDevices::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(SignInThrottle::Table).to_owned())
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
}
