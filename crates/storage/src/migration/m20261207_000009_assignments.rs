//! Issue 5: assignments (PEN-01..12, PEN-19) and their members. The scope and the instrument
//! are derived by the domain check and stored with the row for lists; they are recomputed
//! whenever members change. As for planning, links to units, positions, people and targets are
//! `SET NULL` and the names are kept, so a re-import never deletes an assignment.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::m20261201_000001_organisation::{Agencies, Employees, Positions, Units};
use super::{fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Assignments {
    Table,
    Id,
    AgencyId,
    OwnerUnitId,
    OwnerUnitName,
    TargetId,
    Title,
    Field,
    Execution,
    Method,
    Scope,
    Instrument,
    Status,
    ResponsiblePositionId,
    TeamLeadReason,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum AssignmentMembers {
    Table,
    Id,
    AssignmentId,
    EmployeeId,
    Name,
    Nip,
    Role,
    Membership,
    FromDay,
    UntilDay,
}

#[derive(DeriveIden, Clone, Copy)]
enum AgreementTargets {
    Table,
}

use ForeignKeyAction::{Cascade, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use Assignments as A;
        m.create_table(
            Table::create()
                .table(A::Table)
                .col(big_pk_auto(A::Id))
                .col(big_integer(A::AgencyId))
                .col(big_integer_null(A::OwnerUnitId))
                .col(string(A::OwnerUnitName))
                .col(big_integer_null(A::TargetId))
                .col(text(A::Title))
                .col(string(A::Field))
                .col(string(A::Execution))
                .col(string(A::Method))
                .col(string(A::Scope))
                .col(string(A::Instrument))
                .col(string(A::Status))
                .col(big_integer_null(A::ResponsiblePositionId))
                .col(text_null(A::TeamLeadReason))
                .col(timestamp_with_time_zone(A::CreatedAt))
                .col(string(A::CreatedBy))
                .foreign_key(&mut fk(
                    A::Table,
                    A::AgencyId,
                    Agencies::Table,
                    "fk_as_agency",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    A::Table,
                    A::OwnerUnitId,
                    Units::Table,
                    "fk_as_owner_unit",
                    SetNull,
                ))
                .foreign_key(&mut fk(
                    A::Table,
                    A::TargetId,
                    AgreementTargets::Table,
                    "fk_as_target",
                    SetNull,
                ))
                .foreign_key(&mut fk(
                    A::Table,
                    A::ResponsiblePositionId,
                    Positions::Table,
                    "fk_as_responsible",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_as_agency_status",
            A::Table,
            vec![A::AgencyId.into_iden(), A::Status.into_iden()],
            false,
        ))
        .await?;

        use AssignmentMembers as M;
        m.create_table(
            Table::create()
                .table(M::Table)
                .col(big_pk_auto(M::Id))
                .col(big_integer(M::AssignmentId))
                .col(big_integer_null(M::EmployeeId))
                .col(string(M::Name))
                .col(string(M::Nip))
                .col(string(M::Role))
                .col(string(M::Membership))
                .col(string(M::FromDay))
                .col(string(M::UntilDay))
                .foreign_key(&mut fk(
                    M::Table,
                    M::AssignmentId,
                    A::Table,
                    "fk_am_assignment",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    M::Table,
                    M::EmployeeId,
                    Employees::Table,
                    "fk_am_employee",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_am_employee",
            M::Table,
            vec![M::EmployeeId.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_am_assignment",
            M::Table,
            vec![M::AssignmentId.into_iden()],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AssignmentMembers::Table.into_iden(),
            Assignments::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
