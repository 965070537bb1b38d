//! Issue 16: the assessment of JF and Pelaksana (KIN-01..04, STR-06, KED-09).
//!
//! - `agency_policies` gains the period policy (KIN-01): cadence, the days the window opens
//!   before a period's end and closes after it, and the annual close — with the defaults of
//!   `PeriodPolicy::default()`, so every existing version reads as before.
//! - `assessment_curves`: the distribution curve per agency and year (KIN-02); rows are only
//!   inserted, the newest per (agency, year) is in force.
//! - `assessments`: one per (employee, year, period kind, number) — the unique index makes
//!   "opened once" hold under concurrent openings — with the assessor fixed at opening
//!   (KIN-04), the rating, who finalised it, the objection and its decision, the
//!   acknowledgement and the follow-up.
//! - `assessment_events`: the recorded decisions (reopening, objection decided) with the
//!   rating before them (KIN-04: a reopening keeps the earlier rating).
//! - `assessment_notes`: the team leads' member reports (KIN-03) and the Administrator's
//!   recommendation (STR-06); `work_key` is `''` for a recommendation so the unique index
//!   (kind, employee, period, work, author position) holds on both databases (NULLs are
//!   distinct in a unique index).
//!
//! The employee is a plain id with name and NIP copied (like work reports): an assessment
//! outlives a re-import of the organisation.

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
enum AgencyPolicies {
    Table,
    AssessmentCadence,
    AssessmentOpensDaysBeforeEnd,
    AssessmentClosesDaysAfterEnd,
    AssessmentAnnualClosesDaysAfterEnd,
}

#[derive(DeriveIden, Clone, Copy)]
enum AssessmentCurves {
    Table,
    Id,
    AgencyId,
    Year,
    OrganisationRating,
    Mode,
    Bounds,
    LegalBasis,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Assessments {
    Table,
    Id,
    AgencyId,
    EmployeeId,
    EmployeeName,
    EmployeeNip,
    PositionId,
    PositionName,
    DepartmentId,
    DepartmentName,
    PeriodYear,
    PeriodKind,
    PeriodNumber,
    State,
    AssessorPositionId,
    AssessorPositionName,
    AssessorRuleId,
    AssessorArticle,
    RecommenderPositionId,
    RecommenderPositionName,
    AssessorFixedAt,
    ResultsLevel,
    BehaviourLevel,
    BehaviourValues,
    Feedback,
    PerformanceRating,
    FinalisedByEmployeeId,
    FinalisedByNip,
    FinalisedByName,
    FinalisedActing,
    FinalisedAt,
    ObjectedBefore,
    ObjectionReasons,
    ObjectedAt,
    DecisionReason,
    DecidedAt,
    DecidedBy,
    AcknowledgedAt,
    FollowUpKinds,
    DevelopmentNeeds,
    FollowUpAt,
    FollowUpBy,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AssessmentEvents {
    Table,
    Id,
    AssessmentId,
    Kind,
    Reason,
    EarlierRating,
    ByLabel,
    ByEmployeeId,
    At,
}

#[derive(DeriveIden, Clone, Copy)]
enum AssessmentNotes {
    Table,
    Id,
    AgencyId,
    Kind,
    EmployeeId,
    PeriodYear,
    PeriodKind,
    PeriodNumber,
    WorkKey,
    WorkTitle,
    AuthorEmployeeId,
    AuthorPositionId,
    AuthorLabel,
    Text,
    WrittenAt,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use AgencyPolicies as P;
        // One column per statement: SQLite alters one at a time. Defaults: PeriodPolicy::default().
        for col in [
            string_len(P::AssessmentCadence, 20)
                .default("quarterly")
                .to_owned(),
            integer(P::AssessmentOpensDaysBeforeEnd)
                .default(0)
                .to_owned(),
            integer(P::AssessmentClosesDaysAfterEnd)
                .default(15)
                .to_owned(),
            integer(P::AssessmentAnnualClosesDaysAfterEnd)
                .default(31)
                .to_owned(),
        ] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(P::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }

        use AssessmentCurves as C;
        m.create_table(
            Table::create()
                .table(C::Table)
                .col(big_pk_auto(C::Id))
                .col(big_integer(C::AgencyId))
                .col(integer(C::Year))
                .col(string_len(C::OrganisationRating, 40))
                .col(string_len(C::Mode, 20))
                .col(text(C::Bounds))
                .col(string(C::LegalBasis))
                .col(string(C::RecordedBy))
                .col(timestamp_with_time_zone(C::RecordedAt))
                .foreign_key(&mut fk(
                    C::Table,
                    C::AgencyId,
                    Agencies::Table,
                    "fk_acurve_agency",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_acurve_agency_year",
            C::Table,
            vec![C::AgencyId.into_iden(), C::Year.into_iden()],
            false,
        ))
        .await?;

        use Assessments as A;
        m.create_table(
            Table::create()
                .table(A::Table)
                .col(big_pk_auto(A::Id))
                .col(big_integer(A::AgencyId))
                .col(big_integer(A::EmployeeId))
                .col(string(A::EmployeeName))
                .col(string_len(A::EmployeeNip, 40))
                .col(big_integer_null(A::PositionId))
                .col(string(A::PositionName))
                .col(big_integer_null(A::DepartmentId))
                .col(string(A::DepartmentName))
                .col(integer(A::PeriodYear))
                .col(string_len(A::PeriodKind, 20))
                .col(integer(A::PeriodNumber))
                .col(string_len(A::State, 40))
                .col(big_integer(A::AssessorPositionId))
                .col(string(A::AssessorPositionName))
                .col(string_len(A::AssessorRuleId, 20))
                .col(string(A::AssessorArticle))
                .col(big_integer_null(A::RecommenderPositionId))
                .col(string_null(A::RecommenderPositionName))
                .col(timestamp_with_time_zone(A::AssessorFixedAt))
                .col(string_len_null(A::ResultsLevel, 20))
                .col(string_len_null(A::BehaviourLevel, 20))
                .col(text_null(A::BehaviourValues))
                .col(text(A::Feedback))
                .col(string_len_null(A::PerformanceRating, 40))
                .col(big_integer_null(A::FinalisedByEmployeeId))
                .col(string_len_null(A::FinalisedByNip, 40))
                .col(string_null(A::FinalisedByName))
                .col(boolean_null(A::FinalisedActing))
                .col(timestamp_with_time_zone_null(A::FinalisedAt))
                .col(boolean(A::ObjectedBefore))
                .col(text_null(A::ObjectionReasons))
                .col(timestamp_with_time_zone_null(A::ObjectedAt))
                .col(text_null(A::DecisionReason))
                .col(timestamp_with_time_zone_null(A::DecidedAt))
                .col(string_null(A::DecidedBy))
                .col(timestamp_with_time_zone_null(A::AcknowledgedAt))
                .col(text_null(A::FollowUpKinds))
                .col(text_null(A::DevelopmentNeeds))
                .col(timestamp_with_time_zone_null(A::FollowUpAt))
                .col(string_null(A::FollowUpBy))
                .col(integer(A::Version))
                .col(timestamp_with_time_zone(A::CreatedAt))
                .col(timestamp_with_time_zone(A::UpdatedAt))
                .foreign_key(&mut fk(
                    A::Table,
                    A::AgencyId,
                    Agencies::Table,
                    "fk_assess_agency",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_assess_employee_period",
            A::Table,
            vec![
                A::EmployeeId.into_iden(),
                A::PeriodYear.into_iden(),
                A::PeriodKind.into_iden(),
                A::PeriodNumber.into_iden(),
            ],
            true,
        ))
        .await?;
        m.create_index(index(
            "ix_assess_agency_period",
            A::Table,
            vec![
                A::AgencyId.into_iden(),
                A::PeriodYear.into_iden(),
                A::PeriodKind.into_iden(),
                A::PeriodNumber.into_iden(),
            ],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_assess_assessor",
            A::Table,
            vec![A::AssessorPositionId.into_iden()],
            false,
        ))
        .await?;

        use AssessmentEvents as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(big_pk_auto(E::Id))
                .col(big_integer(E::AssessmentId))
                .col(string_len(E::Kind, 40))
                .col(text(E::Reason))
                .col(text_null(E::EarlierRating))
                .col(string(E::ByLabel))
                .col(big_integer_null(E::ByEmployeeId))
                .col(timestamp_with_time_zone(E::At))
                .foreign_key(&mut fk(
                    E::Table,
                    E::AssessmentId,
                    A::Table,
                    "fk_aevent_assessment",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_aevent_assessment",
            E::Table,
            vec![E::AssessmentId.into_iden()],
            false,
        ))
        .await?;

        use AssessmentNotes as N;
        m.create_table(
            Table::create()
                .table(N::Table)
                .col(big_pk_auto(N::Id))
                .col(big_integer(N::AgencyId))
                .col(string_len(N::Kind, 20))
                .col(big_integer(N::EmployeeId))
                .col(integer(N::PeriodYear))
                .col(string_len(N::PeriodKind, 20))
                .col(integer(N::PeriodNumber))
                .col(string_len(N::WorkKey, 40))
                .col(string_null(N::WorkTitle))
                .col(big_integer_null(N::AuthorEmployeeId))
                .col(big_integer(N::AuthorPositionId))
                .col(string(N::AuthorLabel))
                .col(text(N::Text))
                .col(timestamp_with_time_zone(N::WrittenAt))
                .col(timestamp_with_time_zone(N::UpdatedAt))
                .foreign_key(&mut fk(
                    N::Table,
                    N::AgencyId,
                    Agencies::Table,
                    "fk_anote_agency",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_anote_author",
            N::Table,
            vec![
                N::Kind.into_iden(),
                N::EmployeeId.into_iden(),
                N::PeriodYear.into_iden(),
                N::PeriodKind.into_iden(),
                N::PeriodNumber.into_iden(),
                N::WorkKey.into_iden(),
                N::AuthorPositionId.into_iden(),
            ],
            true,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            AssessmentNotes::Table.into_iden(),
            AssessmentEvents::Table.into_iden(),
            Assessments::Table.into_iden(),
            AssessmentCurves::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        use AgencyPolicies as P;
        for col in [
            P::AssessmentCadence,
            P::AssessmentOpensDaysBeforeEnd,
            P::AssessmentClosesDaysAfterEnd,
            P::AssessmentAnnualClosesDaysAfterEnd,
        ] {
            m.alter_table(Table::alter().table(P::Table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
