//! Issue 13 points 2, 3 and 5: the records of execution. A piece of work is an assignment or an
//! activity plan; every record names it by `work_key` (`a:<assignment id>` or `p:<plan id>`,
//! never null, so that unique indexes hold on both databases) besides the nullable foreign
//! keys.
//!
//! - `work_items`: the work breakdown (MEK-04), replaced as a whole by its editor;
//! - `work_reports` with `work_report_lines` (progress per activity, realisation per target)
//!   and `work_report_files` (evidence, kept by the file store): periodic reports are unique
//!   per work, reporter, kind and period (`period_key`), an answer per request (LAP-01..03);
//! - `report_requests`: reports asked for at any time (LAP-03);
//! - `work_feedback`: feedback with its author's position, and its acknowledgement (MEK-04);
//! - `execution_policies`: an agency's reporting period, grace days and addressees.

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
enum ActivityPlans {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkItems {
    Table,
    Id,
    AgencyId,
    WorkKey,
    AssignmentId,
    PlanId,
    Seq,
    Name,
    ResponsibleEmployeeId,
    ResponsibleName,
    FromDay,
    UntilDay,
    Output,
    Budget,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkReports {
    Table,
    Id,
    AgencyId,
    WorkKey,
    AssignmentId,
    PlanId,
    Kind,
    ReporterEmployeeId,
    ReporterName,
    PeriodKey,
    PeriodStart,
    PeriodEnd,
    DueDay,
    RequestId,
    Narrative,
    SubmittedOn,
    SubmittedAt,
    SubmittedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkReportLines {
    Table,
    Id,
    ReportId,
    Kind,
    RefId,
    Value,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkReportFiles {
    Table,
    Id,
    ReportId,
    FileKey,
    Name,
    MediaType,
    Size,
    Sha256,
}

#[derive(DeriveIden, Clone, Copy)]
enum ReportRequests {
    Table,
    Id,
    AgencyId,
    WorkKey,
    AssignmentId,
    PlanId,
    ToEmployeeId,
    ToName,
    ByEmployeeId,
    ByPositionId,
    ByLabel,
    Message,
    DueDay,
    CreatedAt,
    ReportId,
}

#[derive(DeriveIden, Clone, Copy)]
enum WorkFeedback {
    Table,
    Id,
    AgencyId,
    WorkKey,
    AssignmentId,
    PlanId,
    ReportId,
    ToEmployeeId,
    ToName,
    AuthorEmployeeId,
    AuthorPositionId,
    AuthorRole,
    AuthorLabel,
    Text,
    GivenAt,
    AcknowledgedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ExecutionPolicies {
    Table,
    AgencyId,
    ReportPeriod,
    GraceDays,
    Addressees,
    UpdatedAt,
    UpdatedBy,
}

/// The work columns every record has: agency, work key, assignment or plan.
fn work_columns<T: IntoIden + Copy + 'static>(
    t: &mut TableCreateStatement,
    agency: T,
    key: T,
    assignment: T,
    plan: T,
) {
    t.col(big_integer(agency))
        .col(string_len(key, 40))
        .col(big_integer_null(assignment))
        .col(big_integer_null(plan));
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::Cascade;
        use WorkItems as I;
        let mut t = Table::create();
        t.table(I::Table).col(big_pk_auto(I::Id));
        work_columns(&mut t, I::AgencyId, I::WorkKey, I::AssignmentId, I::PlanId);
        m.create_table(
            t.col(integer(I::Seq))
                .col(text(I::Name))
                .col(big_integer(I::ResponsibleEmployeeId))
                .col(string(I::ResponsibleName))
                .col(string_len(I::FromDay, 10))
                .col(string_len(I::UntilDay, 10))
                .col(text(I::Output))
                .col(big_integer(I::Budget))
                .col(timestamp_with_time_zone(I::UpdatedAt))
                .col(string(I::UpdatedBy))
                .foreign_key(&mut fk(
                    I::Table,
                    I::AgencyId,
                    Agencies::Table,
                    "fk_wi_agency",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    I::Table,
                    I::AssignmentId,
                    Assignments::Table,
                    "fk_wi_assignment",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    I::Table,
                    I::PlanId,
                    ActivityPlans::Table,
                    "fk_wi_plan",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_wi_work_seq",
            I::Table,
            vec![I::WorkKey.into_iden(), I::Seq.into_iden()],
            true,
        ))
        .await?;

        use WorkReports as R;
        let mut t = Table::create();
        t.table(R::Table).col(big_pk_auto(R::Id));
        work_columns(&mut t, R::AgencyId, R::WorkKey, R::AssignmentId, R::PlanId);
        m.create_table(
            t.col(string_len(R::Kind, 40))
                .col(big_integer(R::ReporterEmployeeId))
                .col(string(R::ReporterName))
                .col(string_len(R::PeriodKey, 40))
                .col(string_len_null(R::PeriodStart, 10))
                .col(string_len_null(R::PeriodEnd, 10))
                .col(string_len(R::DueDay, 10))
                .col(big_integer_null(R::RequestId))
                .col(text(R::Narrative))
                .col(string_len(R::SubmittedOn, 10))
                .col(timestamp_with_time_zone(R::SubmittedAt))
                .col(string(R::SubmittedBy))
                .foreign_key(&mut fk(
                    R::Table,
                    R::AgencyId,
                    Agencies::Table,
                    "fk_wr_agency",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    R::Table,
                    R::AssignmentId,
                    Assignments::Table,
                    "fk_wr_assignment",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    R::Table,
                    R::PlanId,
                    ActivityPlans::Table,
                    "fk_wr_plan",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        // One report per work, reporter, kind and period (or request): sent twice at once,
        // the second is refused by the database.
        m.create_index(index(
            "ux_wr_period",
            R::Table,
            vec![
                R::WorkKey.into_iden(),
                R::ReporterEmployeeId.into_iden(),
                R::Kind.into_iden(),
                R::PeriodKey.into_iden(),
            ],
            true,
        ))
        .await?;

        use WorkReportLines as L;
        m.create_table(
            Table::create()
                .table(L::Table)
                .col(big_pk_auto(L::Id))
                .col(big_integer(L::ReportId))
                .col(string_len(L::Kind, 20))
                .col(big_integer(L::RefId))
                .col(double(L::Value))
                .foreign_key(&mut fk(
                    L::Table,
                    L::ReportId,
                    R::Table,
                    "fk_wrl_report",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_wrl_report",
            L::Table,
            vec![L::ReportId.into_iden()],
            false,
        ))
        .await?;

        use WorkReportFiles as F;
        m.create_table(
            Table::create()
                .table(F::Table)
                .col(big_pk_auto(F::Id))
                .col(big_integer(F::ReportId))
                .col(string(F::FileKey))
                .col(string(F::Name))
                .col(string(F::MediaType))
                .col(big_integer(F::Size))
                .col(string_len(F::Sha256, 64))
                .foreign_key(&mut fk(
                    F::Table,
                    F::ReportId,
                    R::Table,
                    "fk_wrf_report",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_wrf_report",
            F::Table,
            vec![F::ReportId.into_iden()],
            false,
        ))
        .await?;

        use ReportRequests as Q;
        let mut t = Table::create();
        t.table(Q::Table).col(big_pk_auto(Q::Id));
        work_columns(&mut t, Q::AgencyId, Q::WorkKey, Q::AssignmentId, Q::PlanId);
        m.create_table(
            t.col(big_integer(Q::ToEmployeeId))
                .col(string(Q::ToName))
                .col(big_integer_null(Q::ByEmployeeId))
                .col(big_integer(Q::ByPositionId))
                .col(string(Q::ByLabel))
                .col(text(Q::Message))
                .col(string_len(Q::DueDay, 10))
                .col(timestamp_with_time_zone(Q::CreatedAt))
                .col(big_integer_null(Q::ReportId))
                .foreign_key(&mut fk(
                    Q::Table,
                    Q::AgencyId,
                    Agencies::Table,
                    "fk_rq_agency",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    Q::Table,
                    Q::AssignmentId,
                    Assignments::Table,
                    "fk_rq_assignment",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    Q::Table,
                    Q::PlanId,
                    ActivityPlans::Table,
                    "fk_rq_plan",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_rq_to",
            Q::Table,
            vec![Q::ToEmployeeId.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_rq_work",
            Q::Table,
            vec![Q::WorkKey.into_iden()],
            false,
        ))
        .await?;

        use WorkFeedback as B;
        let mut t = Table::create();
        t.table(B::Table).col(big_pk_auto(B::Id));
        work_columns(&mut t, B::AgencyId, B::WorkKey, B::AssignmentId, B::PlanId);
        m.create_table(
            t.col(big_integer_null(B::ReportId))
                .col(big_integer(B::ToEmployeeId))
                .col(string(B::ToName))
                .col(big_integer_null(B::AuthorEmployeeId))
                .col(big_integer_null(B::AuthorPositionId))
                .col(string_len(B::AuthorRole, 40))
                .col(string(B::AuthorLabel))
                .col(text(B::Text))
                .col(timestamp_with_time_zone(B::GivenAt))
                .col(timestamp_with_time_zone_null(B::AcknowledgedAt))
                .foreign_key(&mut fk(
                    B::Table,
                    B::AgencyId,
                    Agencies::Table,
                    "fk_fb_agency",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    B::Table,
                    B::AssignmentId,
                    Assignments::Table,
                    "fk_fb_assignment",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    B::Table,
                    B::PlanId,
                    ActivityPlans::Table,
                    "fk_fb_plan",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_fb_to",
            B::Table,
            vec![B::ToEmployeeId.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_fb_work",
            B::Table,
            vec![B::WorkKey.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_wr_work",
            R::Table,
            vec![R::WorkKey.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_wi_work",
            I::Table,
            vec![I::WorkKey.into_iden()],
            false,
        ))
        .await?;

        use ExecutionPolicies as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(big_integer(P::AgencyId).primary_key())
                .col(string_len(P::ReportPeriod, 20))
                .col(integer(P::GraceDays))
                .col(string_len(P::Addressees, 20))
                .col(timestamp_with_time_zone(P::UpdatedAt))
                .col(string(P::UpdatedBy))
                .foreign_key(&mut fk(
                    P::Table,
                    P::AgencyId,
                    Agencies::Table,
                    "fk_ep_agency",
                    Cascade,
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ExecutionPolicies::Table.into_iden(),
            WorkFeedback::Table.into_iden(),
            ReportRequests::Table.into_iden(),
            WorkReportFiles::Table.into_iden(),
            WorkReportLines::Table.into_iden(),
            WorkReports::Table.into_iden(),
            WorkItems::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
