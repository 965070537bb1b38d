//! Issue 12 point 4: the audit chain becomes keyed. Adds `audit_log.chain_version`: rows
//! written from now on carry `2` and an HMAC-SHA256 hash under the installation's audit key
//! (kept outside the database); rows already present keep `NULL`, i.e. version 1, unkeyed
//! SHA-256, and are left exactly as they are. The first keyed row links to the last of them.
//!
//! No migration and no start-up step writes chain values any more. The one-off chaining of
//! rows written before `m20261202_000003` (formerly run after every migration, while no row
//! was chained) is gone: nulling the chain columns and restarting made it re-chain edited
//! rows. On a fresh database nothing changes — that chaining never found rows there. An
//! installation that still holds rows from before `m20261202_000003` (none is known; that
//! migration predates every deployment) must first start the previous release once, which
//! chained them; otherwise verification reports them as unchained (docs/operations.md).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    ChainVersion,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AuditLog::Table)
                .add_column(ColumnDef::new(AuditLog::ChainVersion).integer().null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AuditLog::Table)
                .drop_column(AuditLog::ChainVersion)
                .to_owned(),
        )
        .await
    }
}
