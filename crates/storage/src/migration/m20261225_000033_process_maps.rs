//! Issue 17 point 1 and 3: business-process maps (PRO-01..03). `process_maps` holds one row per
//! map (agency, optional department, kind, title, status, the published version, who created
//! it and when); `process_map_versions` each saved BPMN document as given (bytes, their size and SHA-256, note,
//! who saved it and when), numbered per map and never updated; `process_map_reviews` each
//! review of a version (findings, decisions, the SOPs it changed as a JSON list of
//! `{number, title}`, who reviewed and when).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Agencies {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Departments {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcessMaps {
    Table,
    Id,
    AgencyId,
    DepartmentId,
    Kind,
    Title,
    Status,
    PublishedVersion,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcessMapVersions {
    Table,
    Id,
    MapId,
    Number,
    Xml,
    Size,
    Sha256,
    Source,
    Note,
    SavedBy,
    SavedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcessMapReviews {
    Table,
    Id,
    MapId,
    VersionId,
    Findings,
    Decisions,
    SopChanges,
    ReviewedBy,
    ReviewedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ProcessMapReviews as R;
        use ProcessMapVersions as V;
        use ProcessMaps as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(big_pk_auto(P::Id))
                .col(big_integer(P::AgencyId))
                .col(big_integer_null(P::DepartmentId))
                .col(string_len(P::Kind, 40))
                .col(string_len(P::Title, 500))
                .col(string_len(P::Status, 20))
                .col(integer_null(P::PublishedVersion))
                .col(string(P::CreatedBy))
                .col(timestamp_with_time_zone(P::CreatedAt))
                .col(timestamp_with_time_zone(P::UpdatedAt))
                .foreign_key(&mut fk(
                    P::Table,
                    P::AgencyId,
                    Agencies::Table,
                    "fk_pmap_agency",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    P::Table,
                    P::DepartmentId,
                    Departments::Table,
                    "fk_pmap_department",
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_pmap_agency",
            P::Table,
            vec![P::AgencyId.into_iden(), P::Kind.into_iden()],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(V::Table)
                .col(big_pk_auto(V::Id))
                .col(big_integer(V::MapId))
                .col(integer(V::Number))
                .col(blob(V::Xml))
                .col(big_integer(V::Size))
                .col(string_len(V::Sha256, 64))
                .col(string_len(V::Source, 80))
                .col(text(V::Note))
                .col(string(V::SavedBy))
                .col(timestamp_with_time_zone(V::SavedAt))
                .foreign_key(&mut fk(
                    V::Table,
                    V::MapId,
                    P::Table,
                    "fk_pmapv_map",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        // Two keepers saving at once cannot both take the next number.
        m.create_index(index(
            "ux_pmapv_map_number",
            V::Table,
            vec![V::MapId.into_iden(), V::Number.into_iden()],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(R::Table)
                .col(big_pk_auto(R::Id))
                .col(big_integer(R::MapId))
                .col(big_integer(R::VersionId))
                .col(text(R::Findings))
                .col(text(R::Decisions))
                .col(text(R::SopChanges))
                .col(string(R::ReviewedBy))
                .col(timestamp_with_time_zone(R::ReviewedAt))
                .foreign_key(&mut fk(
                    R::Table,
                    R::MapId,
                    P::Table,
                    "fk_pmapr_map",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    R::Table,
                    R::VersionId,
                    V::Table,
                    "fk_pmapr_version",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_pmapr_map",
            R::Table,
            vec![R::MapId.into_iden()],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ProcessMapReviews::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(ProcessMapVersions::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(ProcessMaps::Table).to_owned())
            .await
    }
}
