//! Issue 13 point 6: problems and constraints raised by a team (LAP-05). `team_issues` holds
//! the problem with its recommendations (a JSON list of texts) and due day;
//! `team_issue_addressees` one row per addressee — a head position or an agency's regional
//! head — with its decision (a chosen recommendation or another decision, and the reason),
//! decided once, and when it was last nudged.

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
enum Assignments {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum TeamIssues {
    Table,
    Id,
    AgencyId,
    WorkKey,
    AssignmentId,
    Title,
    Description,
    Recommendations,
    Collaboration,
    RaisedByEmployeeId,
    RaisedByName,
    RaisedAt,
    DueDay,
    LastNudgedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum TeamIssueAddressees {
    Table,
    Id,
    IssueId,
    Seq,
    PositionId,
    RegionalHeadAgencyId,
    Label,
    Decision,
    Chosen,
    DecisionText,
    Reason,
    DecidedAt,
    DecidedBy,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::Cascade;
        use TeamIssues as T;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(big_pk_auto(T::Id))
                .col(big_integer(T::AgencyId))
                .col(string_len(T::WorkKey, 40))
                .col(big_integer(T::AssignmentId))
                .col(string(T::Title))
                .col(text(T::Description))
                .col(text(T::Recommendations))
                .col(string_len(T::Collaboration, 20))
                .col(big_integer(T::RaisedByEmployeeId))
                .col(string(T::RaisedByName))
                .col(timestamp_with_time_zone(T::RaisedAt))
                .col(string_len(T::DueDay, 10))
                .col(timestamp_with_time_zone_null(T::LastNudgedAt))
                .foreign_key(&mut fk(
                    T::Table,
                    T::AgencyId,
                    Agencies::Table,
                    "fk_ti_agency",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    T::Table,
                    T::AssignmentId,
                    Assignments::Table,
                    "fk_ti_assignment",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_ti_work",
            T::Table,
            vec![T::WorkKey.into_iden()],
            false,
        ))
        .await?;
        use TeamIssueAddressees as A;
        m.create_table(
            Table::create()
                .table(A::Table)
                .col(big_pk_auto(A::Id))
                .col(big_integer(A::IssueId))
                .col(integer(A::Seq))
                .col(big_integer_null(A::PositionId))
                .col(big_integer_null(A::RegionalHeadAgencyId))
                .col(string(A::Label))
                .col(string_len_null(A::Decision, 20))
                .col(integer_null(A::Chosen))
                .col(text(A::DecisionText))
                .col(text(A::Reason))
                .col(timestamp_with_time_zone_null(A::DecidedAt))
                .col(string(A::DecidedBy))
                .foreign_key(&mut fk(
                    A::Table,
                    A::IssueId,
                    T::Table,
                    "fk_tia_issue",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_tia_issue_seq",
            A::Table,
            vec![A::IssueId.into_iden(), A::Seq.into_iden()],
            true,
        ))
        .await?;
        m.create_index(index(
            "ix_tia_position",
            A::Table,
            vec![A::PositionId.into_iden()],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(TeamIssueAddressees::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(TeamIssues::Table).to_owned())
            .await
    }
}
