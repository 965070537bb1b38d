//! Access control (issue 3 points 2, 3, 5): roles an admin grants and takes back, API tokens
//! (only the SHA-256 of the secret is kept) and the accounts of the elected regional heads,
//! who sign in with a username instead of a NIP.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::m20261201_000001_organisation::{Agencies, Employees};
use super::{fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum RoleGrants {
    Table,
    Id,
    EmployeeId,
    AgencyId,
    Role,
    GrantedBy,
    GrantedAt,
    Reason,
    RevokedAt,
    RevokedBy,
    RevokeReason,
}

#[derive(DeriveIden, Clone, Copy)]
enum ApiTokens {
    Table,
    Id,
    Name,
    AgencyId,
    CanWrite,
    TokenHash,
    Prefix,
    CreatedBy,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
    RevokedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum RegionalHeads {
    Table,
    Id,
    AgencyId,
    Kind,
    Title,
    Name,
    Username,
    PasswordHash,
    MustChange,
    ChangedAt,
}

use ForeignKeyAction::Cascade;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RoleGrants::Table)
                .col(big_pk_auto(RoleGrants::Id))
                .col(big_integer(RoleGrants::EmployeeId))
                .col(big_integer(RoleGrants::AgencyId))
                .col(string(RoleGrants::Role))
                .col(string(RoleGrants::GrantedBy))
                .col(timestamp_with_time_zone(RoleGrants::GrantedAt))
                .col(text(RoleGrants::Reason))
                .col(timestamp_with_time_zone_null(RoleGrants::RevokedAt))
                .col(string_null(RoleGrants::RevokedBy))
                .col(text_null(RoleGrants::RevokeReason))
                .foreign_key(&mut fk(
                    RoleGrants::Table,
                    RoleGrants::EmployeeId,
                    Employees::Table,
                    "fk_role_grants_employee",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    RoleGrants::Table,
                    RoleGrants::AgencyId,
                    Agencies::Table,
                    "fk_role_grants_agency",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_role_grants_agency",
            RoleGrants::Table,
            vec![RoleGrants::AgencyId.into_iden()],
            false,
        ))
        .await?;
        // At most one active grant of a role per person, also under concurrent grants. A
        // partial index reads the same on SQLite and PostgreSQL; sea-query cannot build one.
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_role_grants_active \
                 ON role_grants (employee_id, role) WHERE revoked_at IS NULL",
            )
            .await?;

        m.create_table(
            Table::create()
                .table(ApiTokens::Table)
                .col(big_pk_auto(ApiTokens::Id))
                .col(string(ApiTokens::Name))
                .col(big_integer_null(ApiTokens::AgencyId))
                .col(boolean(ApiTokens::CanWrite))
                .col(string_uniq(ApiTokens::TokenHash))
                .col(string(ApiTokens::Prefix))
                .col(string(ApiTokens::CreatedBy))
                .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                .col(string_null(ApiTokens::RevokedBy))
                .foreign_key(&mut fk(
                    ApiTokens::Table,
                    ApiTokens::AgencyId,
                    Agencies::Table,
                    "fk_api_tokens_agency",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RegionalHeads::Table)
                .col(big_pk_auto(RegionalHeads::Id))
                .col(big_integer(RegionalHeads::AgencyId))
                .col(string(RegionalHeads::Kind))
                .col(string(RegionalHeads::Title))
                .col(string(RegionalHeads::Name))
                .col(string_uniq(RegionalHeads::Username))
                .col(text_null(RegionalHeads::PasswordHash))
                .col(boolean(RegionalHeads::MustChange))
                .col(timestamp_with_time_zone_null(RegionalHeads::ChangedAt))
                .foreign_key(&mut fk(
                    RegionalHeads::Table,
                    RegionalHeads::AgencyId,
                    Agencies::Table,
                    "fk_regional_heads_agency",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        // One Bupati and one Wakil Bupati per agency: the upsert's key.
        m.create_index(index(
            "ux_regional_heads_agency_kind",
            RegionalHeads::Table,
            vec![
                RegionalHeads::AgencyId.into_iden(),
                RegionalHeads::Kind.into_iden(),
            ],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            RegionalHeads::Table.into_iden(),
            ApiTokens::Table.into_iden(),
            RoleGrants::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
