//! Issue 5 points 3, 4 and 8: what each request waits for and from whom (`request_tasks`: one
//! row per step, party and holder — the position that holds the lane, the member, or the
//! regional head — and one per copy and escalation notice), nudges, reminders and escalations
//! (`request_reminders`), and the letters the workflows produce with their content
//! (`request_letters`, rendered by the letters crate). Two agency settings: the position of
//! the Pejabat yang Berwenang (none: the Sekretaris Daerah) and after how many hours a step
//! that waits is escalated.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::m20261201_000001_organisation::Employees;
use super::{fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Agencies {
    Table,
    AuthorityPositionId,
    EscalationHours,
}

#[derive(DeriveIden, Clone, Copy)]
enum AssignmentRequests {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum RequestTasks {
    Table,
    Id,
    RequestId,
    Step,
    Party,
    Lane,
    Kind,
    PositionId,
    EmployeeId,
    RegionalHeadId,
    HolderLabel,
    Note,
    CreatedAt,
    DoneAt,
    RemindedAt,
    EscalatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum RequestReminders {
    Table,
    Id,
    RequestId,
    TaskId,
    Kind,
    ByLabel,
    ToLabel,
    Note,
    At,
}

#[derive(DeriveIden, Clone, Copy)]
enum RequestLetters {
    Table,
    Id,
    RequestId,
    Step,
    Kind,
    Content,
    CreatedAt,
}

use ForeignKeyAction::{Cascade, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite takes one column per ALTER TABLE.
        m.alter_table(
            Table::alter()
                .table(Agencies::Table)
                .add_column(big_integer_null(Agencies::AuthorityPositionId))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Agencies::Table)
                .add_column(integer(Agencies::EscalationHours).default(72))
                .to_owned(),
        )
        .await?;

        use RequestTasks as T;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(big_pk_auto(T::Id))
                .col(big_integer(T::RequestId))
                .col(string(T::Step))
                .col(big_integer(T::Party))
                .col(string(T::Lane))
                .col(string(T::Kind))
                .col(big_integer_null(T::PositionId))
                .col(big_integer_null(T::EmployeeId))
                .col(big_integer_null(T::RegionalHeadId))
                .col(string(T::HolderLabel))
                .col(text(T::Note))
                .col(timestamp_with_time_zone(T::CreatedAt))
                .col(timestamp_with_time_zone_null(T::DoneAt))
                .col(timestamp_with_time_zone_null(T::RemindedAt))
                .col(timestamp_with_time_zone_null(T::EscalatedAt))
                .foreign_key(&mut fk(
                    T::Table,
                    T::RequestId,
                    AssignmentRequests::Table,
                    "fk_rt_request",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    T::Table,
                    T::EmployeeId,
                    Employees::Table,
                    "fk_rt_employee",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("ix_rt_position_open", T::PositionId),
            ("ix_rt_employee_open", T::EmployeeId),
            ("ix_rt_regional_head_open", T::RegionalHeadId),
        ] {
            m.create_index(index(
                name,
                T::Table,
                vec![col.into_iden(), T::DoneAt.into_iden()],
                false,
            ))
            .await?;
        }
        m.create_index(index(
            "ix_rt_request_step",
            T::Table,
            vec![T::RequestId.into_iden(), T::Step.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_rt_open_created",
            T::Table,
            vec![T::DoneAt.into_iden(), T::CreatedAt.into_iden()],
            false,
        ))
        .await?;

        use RequestReminders as M;
        m.create_table(
            Table::create()
                .table(M::Table)
                .col(big_pk_auto(M::Id))
                .col(big_integer(M::RequestId))
                .col(big_integer(M::TaskId))
                .col(string(M::Kind))
                .col(string(M::ByLabel))
                .col(string(M::ToLabel))
                .col(text(M::Note))
                .col(timestamp_with_time_zone(M::At))
                .foreign_key(&mut fk(
                    M::Table,
                    M::RequestId,
                    AssignmentRequests::Table,
                    "fk_rm_request",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    M::Table,
                    M::TaskId,
                    T::Table,
                    "fk_rm_task",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_rm_request",
            M::Table,
            vec![M::RequestId.into_iden()],
            false,
        ))
        .await?;

        use RequestLetters as L;
        m.create_table(
            Table::create()
                .table(L::Table)
                .col(big_pk_auto(L::Id))
                .col(big_integer(L::RequestId))
                .col(string(L::Step))
                .col(string(L::Kind))
                .col(text(L::Content))
                .col(timestamp_with_time_zone(L::CreatedAt))
                .foreign_key(&mut fk(
                    L::Table,
                    L::RequestId,
                    AssignmentRequests::Table,
                    "fk_rl_request",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_rl_request",
            L::Table,
            vec![L::RequestId.into_iden()],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            RequestLetters::Table.into_iden(),
            RequestReminders::Table.into_iden(),
            RequestTasks::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        for c in [Agencies::EscalationHours, Agencies::AuthorityPositionId] {
            m.alter_table(
                Table::alter()
                    .table(Agencies::Table)
                    .drop_column(c)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
