//! Issue 17 point 1: lanes bound to the organisation (PRO-01). `process_map_lanes` holds, per
//! version of a map, a lane (its BPMN id) bound to a position or a unit of the agency; a new
//! version takes the bindings of the lanes it still has. A binding goes with its version, and
//! with its position or unit when that is deleted.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ProcessMaps {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcessMapVersions {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Positions {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Units {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum ProcessMapLanes {
    Table,
    Id,
    MapId,
    VersionId,
    LaneId,
    TargetKind,
    PositionId,
    UnitId,
    BoundBy,
    BoundAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ProcessMapLanes as L;
        m.create_table(
            Table::create()
                .table(L::Table)
                .col(big_pk_auto(L::Id))
                .col(big_integer(L::MapId))
                .col(big_integer(L::VersionId))
                .col(string_len(L::LaneId, 255))
                .col(string_len(L::TargetKind, 20))
                .col(big_integer_null(L::PositionId))
                .col(big_integer_null(L::UnitId))
                .col(string(L::BoundBy))
                .col(timestamp_with_time_zone(L::BoundAt))
                .foreign_key(&mut fk(
                    L::Table,
                    L::MapId,
                    ProcessMaps::Table,
                    "fk_pmapl_map",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    L::Table,
                    L::VersionId,
                    ProcessMapVersions::Table,
                    "fk_pmapl_version",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    L::Table,
                    L::PositionId,
                    Positions::Table,
                    "fk_pmapl_position",
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    L::Table,
                    L::UnitId,
                    Units::Table,
                    "fk_pmapl_unit",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        // One binding per lane of a version.
        m.create_index(index(
            "ux_pmapl_version_lane",
            L::Table,
            vec![L::VersionId.into_iden(), L::LaneId.into_iden()],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ProcessMapLanes::Table).to_owned())
            .await
    }
}
