//! The organisation: agencies, departments, the unit tree, positions and employees with their
//! ratings and experience (ORG-01..07).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Agencies {
    Table,
    Id,
    Code,
    Name,
    Kind,
    Seat,
    Address,
    AssessorPolicy,
    SpanThreshold,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Departments {
    Table,
    Id,
    AgencyId,
    Code,
    Name,
    Kind,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Units {
    Table,
    Id,
    AgencyId,
    DepartmentId,
    ParentId,
    Code,
    Name,
    Kind,
    IsOrgUnit,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Positions {
    Table,
    Id,
    AgencyId,
    UnitId,
    Code,
    Name,
    Class,
    IsHead,
    FunctionalLevel,
    Substance,
    /// No foreign key: employees reference positions, and SQLite cannot add the second
    /// direction afterwards. Storage clears it when the employee goes.
    ActingEmployeeId,
    ActingKind,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
pub(crate) enum Employees {
    Table,
    Id,
    AgencyId,
    Nip,
    Name,
    FrontTitle,
    BackTitle,
    EmploymentType,
    Grade,
    Education,
    PositionId,
    FromEqualization,
    SortOrder,
}

#[derive(DeriveIden, Clone, Copy)]
enum EmployeeRatings {
    Table,
    Id,
    EmployeeId,
    Year,
    Rating,
}

#[derive(DeriveIden, Clone, Copy)]
enum EmployeeExperience {
    Table,
    Id,
    EmployeeId,
    Field,
    Years,
}

use ForeignKeyAction::{Cascade, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Agencies::Table)
                .col(big_pk_auto(Agencies::Id))
                .col(string_uniq(Agencies::Code))
                .col(string(Agencies::Name))
                .col(string(Agencies::Kind))
                .col(string(Agencies::Seat))
                .col(string(Agencies::Address))
                .col(string(Agencies::AssessorPolicy))
                .col(big_integer(Agencies::SpanThreshold))
                .col(timestamp_with_time_zone(Agencies::CreatedAt))
                .col(timestamp_with_time_zone(Agencies::UpdatedAt))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Departments::Table)
                .col(big_pk_auto(Departments::Id))
                .col(big_integer(Departments::AgencyId))
                .col(string(Departments::Code))
                .col(string(Departments::Name))
                .col(string(Departments::Kind))
                .col(big_integer(Departments::SortOrder))
                .foreign_key(&mut fk(
                    Departments::Table,
                    Departments::AgencyId,
                    Agencies::Table,
                    "fk_departments_agency",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_departments_agency_code",
            Departments::Table,
            vec![
                Departments::AgencyId.into_iden(),
                Departments::Code.into_iden(),
            ],
            true,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(Units::Table)
                .col(big_pk_auto(Units::Id))
                .col(big_integer(Units::AgencyId))
                .col(big_integer(Units::DepartmentId))
                .col(big_integer_null(Units::ParentId))
                .col(string(Units::Code))
                .col(string(Units::Name))
                .col(string(Units::Kind))
                .col(boolean(Units::IsOrgUnit))
                .col(big_integer(Units::SortOrder))
                .foreign_key(&mut fk(
                    Units::Table,
                    Units::AgencyId,
                    Agencies::Table,
                    "fk_units_agency",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    Units::Table,
                    Units::DepartmentId,
                    Departments::Table,
                    "fk_units_department",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    Units::Table,
                    Units::ParentId,
                    Units::Table,
                    "fk_units_parent",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_units_agency_code",
            Units::Table,
            vec![Units::AgencyId.into_iden(), Units::Code.into_iden()],
            true,
        ))
        .await?;
        m.create_index(index(
            "ix_units_department",
            Units::Table,
            vec![Units::DepartmentId.into_iden()],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(Positions::Table)
                .col(big_pk_auto(Positions::Id))
                .col(big_integer(Positions::AgencyId))
                .col(big_integer(Positions::UnitId))
                .col(string(Positions::Code))
                .col(string(Positions::Name))
                .col(string(Positions::Class))
                .col(boolean(Positions::IsHead))
                .col(string_null(Positions::FunctionalLevel))
                .col(string_null(Positions::Substance))
                .col(big_integer_null(Positions::ActingEmployeeId))
                .col(string_null(Positions::ActingKind))
                .col(big_integer(Positions::SortOrder))
                .foreign_key(&mut fk(
                    Positions::Table,
                    Positions::AgencyId,
                    Agencies::Table,
                    "fk_positions_agency",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    Positions::Table,
                    Positions::UnitId,
                    Units::Table,
                    "fk_positions_unit",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_positions_agency_code",
            Positions::Table,
            vec![Positions::AgencyId.into_iden(), Positions::Code.into_iden()],
            true,
        ))
        .await?;
        m.create_index(index(
            "ix_positions_unit",
            Positions::Table,
            vec![Positions::UnitId.into_iden()],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(Employees::Table)
                .col(big_pk_auto(Employees::Id))
                .col(big_integer(Employees::AgencyId))
                .col(string_uniq(Employees::Nip))
                .col(string(Employees::Name))
                .col(string(Employees::FrontTitle))
                .col(string(Employees::BackTitle))
                .col(string(Employees::EmploymentType))
                .col(string(Employees::Grade))
                .col(string(Employees::Education))
                .col(big_integer_null(Employees::PositionId))
                .col(boolean(Employees::FromEqualization))
                .col(big_integer(Employees::SortOrder))
                .foreign_key(&mut fk(
                    Employees::Table,
                    Employees::AgencyId,
                    Agencies::Table,
                    "fk_employees_agency",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    Employees::Table,
                    Employees::PositionId,
                    Positions::Table,
                    "fk_employees_position",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_employees_agency",
            Employees::Table,
            vec![Employees::AgencyId.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_employees_position",
            Employees::Table,
            vec![Employees::PositionId.into_iden()],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(EmployeeRatings::Table)
                .col(big_pk_auto(EmployeeRatings::Id))
                .col(big_integer(EmployeeRatings::EmployeeId))
                .col(integer(EmployeeRatings::Year))
                .col(string(EmployeeRatings::Rating))
                .foreign_key(&mut fk(
                    EmployeeRatings::Table,
                    EmployeeRatings::EmployeeId,
                    Employees::Table,
                    "fk_employee_ratings_employee",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_employee_ratings_employee",
            EmployeeRatings::Table,
            vec![EmployeeRatings::EmployeeId.into_iden()],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(EmployeeExperience::Table)
                .col(big_pk_auto(EmployeeExperience::Id))
                .col(big_integer(EmployeeExperience::EmployeeId))
                .col(string(EmployeeExperience::Field))
                .col(integer(EmployeeExperience::Years))
                .foreign_key(&mut fk(
                    EmployeeExperience::Table,
                    EmployeeExperience::EmployeeId,
                    Employees::Table,
                    "fk_employee_experience_employee",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_employee_experience_employee",
            EmployeeExperience::Table,
            vec![EmployeeExperience::EmployeeId.into_iden()],
            false,
        ))
        .await
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
