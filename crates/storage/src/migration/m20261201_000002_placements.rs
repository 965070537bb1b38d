//! Placement: manual decisions (KED-09), the computed outcome per employee, the history of
//! PPK changes (KED-11) and the audit log.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::m20261201_000001_organisation::{Agencies, Employees, Positions};
use super::{fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum ManualPlacements {
    Table,
    Id,
    EmployeeId,
    SuperiorPositionId,
    AssessorPositionId,
    Justification,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Placements {
    Table,
    EmployeeId,
    AgencyId,
    DepartmentId,
    UnitId,
    PositionId,
    Status,
    SuperiorPositionId,
    SuperiorEmployeeId,
    SuperiorActing,
    AssessorPositionId,
    AssessorEmployeeId,
    AssessorActing,
    CoordinatorPositionId,
    CoordinatorEmployeeId,
    CoordinatorActing,
    RecommenderPositionId,
    RecommenderEmployeeId,
    RecommenderActing,
    RuleId,
    Article,
    AssessorRuleId,
    AssessorArticle,
    Notes,
    Reason,
    Manual,
    ComputedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PlacementHistory {
    Table,
    Id,
    EmployeeId,
    ChangedAt,
    Status,
    AssessorPositionId,
    AssessorEmployeeId,
    AssessorActing,
    AssessorNip,
    AssessorName,
    AssessorGrade,
    AssessorPositionName,
    AssessorClass,
    RuleId,
    Article,
    Manual,
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    Id,
    At,
    Actor,
    Action,
    Entity,
    EntityId,
    Summary,
}

use ForeignKeyAction::Cascade;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ManualPlacements::Table)
                .col(big_pk_auto(ManualPlacements::Id))
                .col(big_integer_uniq(ManualPlacements::EmployeeId))
                .col(big_integer(ManualPlacements::SuperiorPositionId))
                .col(big_integer(ManualPlacements::AssessorPositionId))
                .col(text(ManualPlacements::Justification))
                .col(string(ManualPlacements::DecidedBy))
                .col(timestamp_with_time_zone(ManualPlacements::DecidedAt))
                .foreign_key(&mut fk(
                    ManualPlacements::Table,
                    ManualPlacements::EmployeeId,
                    Employees::Table,
                    "fk_manual_placements_employee",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    ManualPlacements::Table,
                    ManualPlacements::SuperiorPositionId,
                    Positions::Table,
                    "fk_manual_placements_superior",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    ManualPlacements::Table,
                    ManualPlacements::AssessorPositionId,
                    Positions::Table,
                    "fk_manual_placements_assessor",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;

        // Officials are plain ids: the whole table is rewritten in the transaction that
        // changes the structure, so they never dangle after a commit.
        m.create_table(
            Table::create()
                .table(Placements::Table)
                .col(big_integer(Placements::EmployeeId).primary_key())
                .col(big_integer(Placements::AgencyId))
                .col(big_integer(Placements::DepartmentId))
                .col(big_integer(Placements::UnitId))
                .col(big_integer(Placements::PositionId))
                .col(string(Placements::Status))
                .col(big_integer_null(Placements::SuperiorPositionId))
                .col(big_integer_null(Placements::SuperiorEmployeeId))
                .col(string_null(Placements::SuperiorActing))
                .col(big_integer_null(Placements::AssessorPositionId))
                .col(big_integer_null(Placements::AssessorEmployeeId))
                .col(string_null(Placements::AssessorActing))
                .col(big_integer_null(Placements::CoordinatorPositionId))
                .col(big_integer_null(Placements::CoordinatorEmployeeId))
                .col(string_null(Placements::CoordinatorActing))
                .col(big_integer_null(Placements::RecommenderPositionId))
                .col(big_integer_null(Placements::RecommenderEmployeeId))
                .col(string_null(Placements::RecommenderActing))
                .col(string(Placements::RuleId))
                .col(string(Placements::Article))
                .col(string_null(Placements::AssessorRuleId))
                .col(string_null(Placements::AssessorArticle))
                .col(text(Placements::Notes))
                .col(text_null(Placements::Reason))
                .col(boolean(Placements::Manual))
                .col(timestamp_with_time_zone(Placements::ComputedAt))
                .foreign_key(&mut fk(
                    Placements::Table,
                    Placements::EmployeeId,
                    Employees::Table,
                    "fk_placements_employee",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    Placements::Table,
                    Placements::AgencyId,
                    Agencies::Table,
                    "fk_placements_agency",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("ix_placements_agency", Placements::AgencyId),
            ("ix_placements_department", Placements::DepartmentId),
            ("ix_placements_superior", Placements::SuperiorPositionId),
        ] {
            m.create_index(index(name, Placements::Table, vec![col.into_iden()], false))
                .await?;
        }

        m.create_table(
            Table::create()
                .table(PlacementHistory::Table)
                .col(big_pk_auto(PlacementHistory::Id))
                .col(big_integer(PlacementHistory::EmployeeId))
                .col(timestamp_with_time_zone(PlacementHistory::ChangedAt))
                .col(string(PlacementHistory::Status))
                .col(big_integer_null(PlacementHistory::AssessorPositionId))
                .col(big_integer_null(PlacementHistory::AssessorEmployeeId))
                .col(string_null(PlacementHistory::AssessorActing))
                .col(string_null(PlacementHistory::AssessorNip))
                .col(string_null(PlacementHistory::AssessorName))
                .col(string_null(PlacementHistory::AssessorGrade))
                .col(string_null(PlacementHistory::AssessorPositionName))
                .col(string_null(PlacementHistory::AssessorClass))
                .col(string(PlacementHistory::RuleId))
                .col(string(PlacementHistory::Article))
                .col(boolean(PlacementHistory::Manual))
                .foreign_key(&mut fk(
                    PlacementHistory::Table,
                    PlacementHistory::EmployeeId,
                    Employees::Table,
                    "fk_placement_history_employee",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_placement_history_employee",
            PlacementHistory::Table,
            vec![PlacementHistory::EmployeeId.into_iden()],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(big_pk_auto(AuditLog::Id))
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(string(AuditLog::Actor))
                .col(string(AuditLog::Action))
                .col(string(AuditLog::Entity))
                .col(string(AuditLog::EntityId))
                .col(text(AuditLog::Summary))
                .to_owned(),
        )
        .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
