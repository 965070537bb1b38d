//! Issue 3 point 6: each audit row names the agency whose record it is about, so that an
//! agency's admin browses that agency's trail and not every agency's. The column is nullable:
//! installation-level events (an unscoped API token) and rows written before this migration
//! have none. It enters the hash only when present (see `audit::chain`), so the rows written
//! before keep their hashes and the chain stays intact.

use sea_orm_migration::prelude::*;

use super::index;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    AgencyId,
    Seq,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(AuditLog::Table)
                .add_column(ColumnDef::new(AuditLog::AgencyId).big_integer().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_audit_log_agency_seq",
            AuditLog::Table,
            vec![AuditLog::AgencyId.into_iden(), AuditLog::Seq.into_iden()],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_audit_log_agency_seq")
                .table(AuditLog::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(AuditLog::Table)
                .drop_column(AuditLog::AgencyId)
                .to_owned(),
        )
        .await
    }
}
