//! Issue 3 point 6: the audit log becomes a hash chain. Adds the sequence number, the
//! position of the acting official and the two hashes to `audit_log`. The columns are
//! nullable so that rows written before this migration can be added; they were hashed once
//! by a start-up step after the migrations, never by this migration. That step is gone since
//! `m20261213_000015_audit_keyed` (nothing re-chains rows any more; see there).

use sea_orm_migration::prelude::*;

use super::index;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    Seq,
    ActorPosition,
    PrevHash,
    Hash,
    Entity,
    EntityId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        let columns = [
            ColumnDef::new(AuditLog::Seq)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(AuditLog::ActorPosition)
                .text()
                .null()
                .to_owned(),
            ColumnDef::new(AuditLog::PrevHash)
                .string()
                .null()
                .to_owned(),
            ColumnDef::new(AuditLog::Hash).string().null().to_owned(),
        ];
        for mut column in columns {
            m.alter_table(
                Table::alter()
                    .table(AuditLog::Table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
        }
        m.create_index(index(
            "ux_audit_log_seq",
            AuditLog::Table,
            vec![AuditLog::Seq.into_iden()],
            true,
        ))
        .await?;
        m.create_index(index(
            "ix_audit_log_entity",
            AuditLog::Table,
            vec![AuditLog::Entity.into_iden(), AuditLog::EntityId.into_iden()],
            false,
        ))
        .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
