//! Issue 13 point 7: results up the review chain (MEK-05, KIN-04). A result of an assignment
//! (optionally of one activity of its breakdown: a plain `activity_id`, no foreign key) goes
//! through rounds; each round fixes its chain as rows (`work_result_steps`, with the posts
//! passed over in `work_result_skips`), and each decision is a row whose unique index on
//! (result, round, step) makes "decided once" hold under concurrent reviewers on both
//! databases. Accepting records the linked target's realisation before and after.

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
enum AgreementTargets {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkResults {
    Table,
    Id,
    AssignmentId,
    ActivityId,
    AgencyId,
    Title,
    SubmitterId,
    SubmitterName,
    Round,
    State,
    CurrentStep,
    Version,
    CreatedAt,
    UpdatedAt,
    AcceptedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkResultRounds {
    Table,
    Id,
    ResultId,
    Round,
    Summary,
    Realisation,
    MeetsTarget,
    DepartmentKind,
    FromOutside,
    SubmittedAt,
    SubmittedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkResultSteps {
    Table,
    Id,
    ResultId,
    Round,
    Seq,
    PositionId,
    PositionName,
    UnitId,
    UnitName,
    Class,
    ReviewerId,
    ReviewerName,
    Acting,
    Accepts,
    RuleId,
    Article,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkResultSkips {
    Table,
    Id,
    ResultId,
    Round,
    Seq,
    PositionId,
    PositionName,
    Reason,
    Note,
    RuleId,
    Article,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkResultDecisions {
    Table,
    Id,
    ResultId,
    Round,
    Seq,
    Decision,
    MeetsTarget,
    Notes,
    ByEmployeeId,
    ByName,
    ByPosition,
    Acting,
    DecidedAt,
    RuleId,
    Article,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkResultRealisations {
    Table,
    Id,
    ResultId,
    TargetId,
    Before,
    After,
    RecordedAt,
}

use ForeignKeyAction::{Cascade, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use WorkResults as R;
        m.create_table(
            Table::create()
                .table(R::Table)
                .col(big_pk_auto(R::Id))
                .col(big_integer(R::AssignmentId))
                .col(big_integer_null(R::ActivityId))
                .col(big_integer(R::AgencyId))
                .col(string(R::Title))
                .col(big_integer_null(R::SubmitterId))
                .col(string(R::SubmitterName))
                .col(integer(R::Round))
                .col(string(R::State))
                .col(integer_null(R::CurrentStep))
                .col(integer(R::Version))
                .col(timestamp_with_time_zone(R::CreatedAt))
                .col(timestamp_with_time_zone(R::UpdatedAt))
                .col(timestamp_with_time_zone_null(R::AcceptedAt))
                .foreign_key(&mut fk(
                    R::Table,
                    R::AssignmentId,
                    Assignments::Table,
                    "fk_wr_assignment",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    R::Table,
                    R::SubmitterId,
                    Employees::Table,
                    "fk_wr_submitter",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_wr_assignment",
            R::Table,
            vec![R::AssignmentId.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_wr_state",
            R::Table,
            vec![R::State.into_iden()],
            false,
        ))
        .await?;

        use WorkResultRounds as O;
        m.create_table(
            Table::create()
                .table(O::Table)
                .col(big_pk_auto(O::Id))
                .col(big_integer(O::ResultId))
                .col(integer(O::Round))
                .col(text(O::Summary))
                .col(double_null(O::Realisation))
                .col(boolean(O::MeetsTarget))
                .col(string(O::DepartmentKind))
                .col(boolean(O::FromOutside))
                .col(timestamp_with_time_zone(O::SubmittedAt))
                .col(string(O::SubmittedBy))
                .foreign_key(&mut fk(
                    O::Table,
                    O::ResultId,
                    R::Table,
                    "fk_wro_result",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_wro_result_round",
            O::Table,
            vec![O::ResultId.into_iden(), O::Round.into_iden()],
            true,
        ))
        .await?;

        use WorkResultSteps as S;
        m.create_table(
            Table::create()
                .table(S::Table)
                .col(big_pk_auto(S::Id))
                .col(big_integer(S::ResultId))
                .col(integer(S::Round))
                .col(integer(S::Seq))
                .col(big_integer(S::PositionId))
                .col(string(S::PositionName))
                .col(big_integer(S::UnitId))
                .col(string(S::UnitName))
                .col(string(S::Class))
                .col(big_integer_null(S::ReviewerId))
                .col(string(S::ReviewerName))
                .col(string_null(S::Acting))
                .col(boolean(S::Accepts))
                .col(string(S::RuleId))
                .col(string(S::Article))
                .foreign_key(&mut fk(
                    S::Table,
                    S::ResultId,
                    R::Table,
                    "fk_wrs_result",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_wrs_result_round_seq",
            S::Table,
            vec![
                S::ResultId.into_iden(),
                S::Round.into_iden(),
                S::Seq.into_iden(),
            ],
            true,
        ))
        .await?;
        m.create_index(index(
            "ix_wrs_position",
            S::Table,
            vec![S::PositionId.into_iden()],
            false,
        ))
        .await?;

        use WorkResultSkips as K;
        m.create_table(
            Table::create()
                .table(K::Table)
                .col(big_pk_auto(K::Id))
                .col(big_integer(K::ResultId))
                .col(integer(K::Round))
                .col(integer(K::Seq))
                .col(big_integer(K::PositionId))
                .col(string(K::PositionName))
                .col(string(K::Reason))
                .col(text(K::Note))
                .col(string(K::RuleId))
                .col(string(K::Article))
                .foreign_key(&mut fk(
                    K::Table,
                    K::ResultId,
                    R::Table,
                    "fk_wrk_result",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_wrk_result",
            K::Table,
            vec![K::ResultId.into_iden()],
            false,
        ))
        .await?;

        use WorkResultDecisions as D;
        m.create_table(
            Table::create()
                .table(D::Table)
                .col(big_pk_auto(D::Id))
                .col(big_integer(D::ResultId))
                .col(integer(D::Round))
                .col(integer(D::Seq))
                .col(string(D::Decision))
                .col(boolean(D::MeetsTarget))
                .col(text(D::Notes))
                .col(big_integer_null(D::ByEmployeeId))
                .col(string(D::ByName))
                .col(string(D::ByPosition))
                .col(string_null(D::Acting))
                .col(timestamp_with_time_zone(D::DecidedAt))
                .col(string(D::RuleId))
                .col(string(D::Article))
                .foreign_key(&mut fk(
                    D::Table,
                    D::ResultId,
                    R::Table,
                    "fk_wrd_result",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    D::Table,
                    D::ByEmployeeId,
                    Employees::Table,
                    "fk_wrd_by",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        // MEK-05: each step of each round is decided once.
        m.create_index(index(
            "ux_wrd_result_round_seq",
            D::Table,
            vec![
                D::ResultId.into_iden(),
                D::Round.into_iden(),
                D::Seq.into_iden(),
            ],
            true,
        ))
        .await?;

        use WorkResultRealisations as Z;
        m.create_table(
            Table::create()
                .table(Z::Table)
                .col(big_pk_auto(Z::Id))
                .col(big_integer_uniq(Z::ResultId))
                .col(big_integer(Z::TargetId))
                .col(double(Z::Before))
                .col(double(Z::After))
                .col(timestamp_with_time_zone(Z::RecordedAt))
                .foreign_key(&mut fk(
                    Z::Table,
                    Z::ResultId,
                    R::Table,
                    "fk_wrz_result",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    Z::Table,
                    Z::TargetId,
                    AgreementTargets::Table,
                    "fk_wrz_target",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_wrz_target",
            Z::Table,
            vec![Z::TargetId.into_iden()],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            WorkResultRealisations::Table.into_iden(),
            WorkResultDecisions::Table.into_iden(),
            WorkResultSkips::Table.into_iden(),
            WorkResultSteps::Table.into_iden(),
            WorkResultRounds::Table.into_iden(),
            WorkResults::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
