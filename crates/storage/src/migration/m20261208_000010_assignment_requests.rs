//! Issue 5: the approval workflow of an assignment (PEN-13..18): one request per assignment
//! with its current step, and every step taken — who, in which position, what, when, the text
//! of the decision, the letter and the copies. The unique index on (request, step, member)
//! makes "decided once" hold under concurrent decisions on both databases (PEN-18); a receipt is
//! taken once per member (`member_id`), other steps with `member_id` 0.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::m20261201_000001_organisation::Employees;
use super::{fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Assignments {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum AssignmentRequests {
    Table,
    Id,
    AssignmentId,
    Workflow,
    State,
    CurrentStep,
    Purpose,
    Competence,
    ExpectedTargets,
    Duration,
    CreatedAt,
    CreatedBy,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum RequestSteps {
    Table,
    Id,
    RequestId,
    Step,
    Lane,
    MemberId,
    Decision,
    Text,
    Actor,
    ActorPosition,
    ActorEmployeeId,
    DecidedAt,
    Letter,
    Copies,
}

use ForeignKeyAction::{Cascade, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use AssignmentRequests as R;
        m.create_table(
            Table::create()
                .table(R::Table)
                .col(big_pk_auto(R::Id))
                .col(big_integer_uniq(R::AssignmentId))
                .col(string(R::Workflow))
                .col(string(R::State))
                .col(string_null(R::CurrentStep))
                .col(text(R::Purpose))
                .col(text(R::Competence))
                .col(text(R::ExpectedTargets))
                .col(string(R::Duration))
                .col(timestamp_with_time_zone(R::CreatedAt))
                .col(string(R::CreatedBy))
                .col(timestamp_with_time_zone(R::UpdatedAt))
                .foreign_key(&mut fk(
                    R::Table,
                    R::AssignmentId,
                    Assignments::Table,
                    "fk_ar_assignment",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_ar_state_step",
            R::Table,
            vec![R::State.into_iden(), R::CurrentStep.into_iden()],
            false,
        ))
        .await?;

        use RequestSteps as S;
        m.create_table(
            Table::create()
                .table(S::Table)
                .col(big_pk_auto(S::Id))
                .col(big_integer(S::RequestId))
                .col(string(S::Step))
                .col(string(S::Lane))
                .col(big_integer(S::MemberId))
                .col(string(S::Decision))
                .col(text(S::Text))
                .col(string(S::Actor))
                .col(string_null(S::ActorPosition))
                .col(big_integer_null(S::ActorEmployeeId))
                .col(timestamp_with_time_zone(S::DecidedAt))
                .col(string_null(S::Letter))
                .col(text(S::Copies))
                .foreign_key(&mut fk(
                    S::Table,
                    S::RequestId,
                    R::Table,
                    "fk_rs_request",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    S::Table,
                    S::ActorEmployeeId,
                    Employees::Table,
                    "fk_rs_actor",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_rs_request_step_member",
            S::Table,
            vec![
                S::RequestId.into_iden(),
                S::Step.into_iden(),
                S::MemberId.into_iden(),
            ],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            RequestSteps::Table.into_iden(),
            AssignmentRequests::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
