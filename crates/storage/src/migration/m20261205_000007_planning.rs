//! Issue 4: planning (MEK-02, MEK-03, STR-01..05, PEN-19). Performance agreements per post
//! and year with their targets (cascaded: a target may hang under a target of the setter's
//! agreement), the signed versions kept when an agreement is amended, performance
//! dialogues, expectations, and activity plans with all their versions.
//!
//! Positions and people can leave the organisation through a re-import; what was agreed must
//! not go with them. So the links to positions, employees and departments are `SET NULL` and
//! every record keeps the names it was made with.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::m20261201_000001_organisation::{Agencies, Departments, Employees, Positions};
use super::{fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PerformanceAgreements {
    Table,
    Id,
    AgencyId,
    DepartmentId,
    Year,
    PositionId,
    EmployeeId,
    PositionName,
    HolderName,
    HolderNip,
    SetterKind,
    SetterPositionId,
    SetterName,
    RuleId,
    Article,
    Status,
    Version,
    HolderSignedAt,
    HolderSignedBy,
    SetterSignedAt,
    SetterSignedBy,
    CreatedAt,
    CreatedBy,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AgreementTargets {
    Table,
    Id,
    AgreementId,
    ParentTargetId,
    SortOrder,
    Indicator,
    Kind,
    Target,
    TargetNumber,
    Unit,
    Budget,
    StrategicPlanRef,
    AnnualWorkPlanRef,
    Weight,
    Progress,
    Execution,
    NeedsOtherUnits,
    NeedsOtherAgencies,
    NeedsTeamLead,
    DialogueId,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum AgreementVersions {
    Table,
    Id,
    AgreementId,
    Version,
    Content,
    AmendedAt,
    AmendedBy,
    Reason,
}

#[derive(DeriveIden, Clone, Copy)]
enum PerformanceDialogues {
    Table,
    Id,
    AgreementId,
    HeldOn,
    Participants,
    Notes,
    RecordedAt,
    RecordedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum Expectations {
    Table,
    Id,
    AgencyId,
    Year,
    SetterPositionId,
    SetterName,
    EmployeeId,
    PositionId,
    HolderName,
    Text,
    SetAt,
    SetBy,
    AcknowledgedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActivityPlans {
    Table,
    Id,
    TargetId,
    AgreementId,
    Title,
    CurrentVersion,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ActivityPlanVersions {
    Table,
    Id,
    PlanId,
    Version,
    Activities,
    TotalBudget,
    Reason,
    Status,
    DraftedAt,
    DraftedBy,
    SubmittedAt,
    ApprovedAt,
    ApprovedBy,
}

use ForeignKeyAction::{Cascade, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use PerformanceAgreements as A;
        m.create_table(
            Table::create()
                .table(A::Table)
                .col(big_pk_auto(A::Id))
                .col(big_integer(A::AgencyId))
                .col(big_integer_null(A::DepartmentId))
                .col(integer(A::Year))
                .col(big_integer_null(A::PositionId))
                .col(big_integer_null(A::EmployeeId))
                .col(string(A::PositionName))
                .col(string(A::HolderName))
                .col(string_null(A::HolderNip))
                .col(string(A::SetterKind))
                .col(big_integer_null(A::SetterPositionId))
                .col(string(A::SetterName))
                .col(string(A::RuleId))
                .col(string(A::Article))
                .col(string(A::Status))
                .col(integer(A::Version))
                .col(timestamp_with_time_zone_null(A::HolderSignedAt))
                .col(string_null(A::HolderSignedBy))
                .col(timestamp_with_time_zone_null(A::SetterSignedAt))
                .col(string_null(A::SetterSignedBy))
                .col(timestamp_with_time_zone(A::CreatedAt))
                .col(string(A::CreatedBy))
                .col(timestamp_with_time_zone(A::UpdatedAt))
                .foreign_key(&mut fk(
                    A::Table,
                    A::AgencyId,
                    Agencies::Table,
                    "fk_pa_agency",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    A::Table,
                    A::DepartmentId,
                    Departments::Table,
                    "fk_pa_department",
                    SetNull,
                ))
                .foreign_key(&mut fk(
                    A::Table,
                    A::PositionId,
                    Positions::Table,
                    "fk_pa_position",
                    SetNull,
                ))
                .foreign_key(&mut fk(
                    A::Table,
                    A::EmployeeId,
                    Employees::Table,
                    "fk_pa_employee",
                    SetNull,
                ))
                .foreign_key(&mut fk(
                    A::Table,
                    A::SetterPositionId,
                    Positions::Table,
                    "fk_pa_setter",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        // One agreement per post holder and year.
        m.create_index(index(
            "ux_pa_year_position_employee",
            A::Table,
            vec![
                A::Year.into_iden(),
                A::PositionId.into_iden(),
                A::EmployeeId.into_iden(),
            ],
            true,
        ))
        .await?;
        m.create_index(index(
            "ix_pa_setter_year",
            A::Table,
            vec![A::SetterPositionId.into_iden(), A::Year.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_pa_department_year",
            A::Table,
            vec![A::DepartmentId.into_iden(), A::Year.into_iden()],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(PerformanceDialogues::Table)
                .col(big_pk_auto(PerformanceDialogues::Id))
                .col(big_integer(PerformanceDialogues::AgreementId))
                .col(date(PerformanceDialogues::HeldOn))
                .col(text(PerformanceDialogues::Participants))
                .col(text(PerformanceDialogues::Notes))
                .col(timestamp_with_time_zone(PerformanceDialogues::RecordedAt))
                .col(string(PerformanceDialogues::RecordedBy))
                .foreign_key(&mut fk(
                    PerformanceDialogues::Table,
                    PerformanceDialogues::AgreementId,
                    A::Table,
                    "fk_pd_agreement",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;

        use AgreementTargets as T;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(big_pk_auto(T::Id))
                .col(big_integer(T::AgreementId))
                .col(big_integer_null(T::ParentTargetId))
                .col(integer(T::SortOrder))
                .col(text(T::Indicator))
                .col(string(T::Kind))
                .col(text(T::Target))
                .col(double_null(T::TargetNumber))
                .col(string(T::Unit))
                .col(big_integer(T::Budget))
                .col(text(T::StrategicPlanRef))
                .col(text(T::AnnualWorkPlanRef))
                .col(integer(T::Weight))
                .col(double(T::Progress))
                .col(string_null(T::Execution))
                .col(boolean(T::NeedsOtherUnits))
                .col(boolean(T::NeedsOtherAgencies))
                .col(boolean(T::NeedsTeamLead))
                .col(big_integer_null(T::DialogueId))
                .col(timestamp_with_time_zone(T::CreatedAt))
                .foreign_key(&mut fk(
                    T::Table,
                    T::AgreementId,
                    A::Table,
                    "fk_pt_agreement",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    T::Table,
                    T::ParentTargetId,
                    T::Table,
                    "fk_pt_parent",
                    SetNull,
                ))
                .foreign_key(&mut fk(
                    T::Table,
                    T::DialogueId,
                    PerformanceDialogues::Table,
                    "fk_pt_dialogue",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_pt_agreement",
            T::Table,
            vec![T::AgreementId.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_pt_parent",
            T::Table,
            vec![T::ParentTargetId.into_iden()],
            false,
        ))
        .await?;

        use AgreementVersions as V;
        m.create_table(
            Table::create()
                .table(V::Table)
                .col(big_pk_auto(V::Id))
                .col(big_integer(V::AgreementId))
                .col(integer(V::Version))
                .col(text(V::Content))
                .col(timestamp_with_time_zone(V::AmendedAt))
                .col(string(V::AmendedBy))
                .col(text(V::Reason))
                .foreign_key(&mut fk(
                    V::Table,
                    V::AgreementId,
                    A::Table,
                    "fk_av_agreement",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_av_agreement_version",
            V::Table,
            vec![V::AgreementId.into_iden(), V::Version.into_iden()],
            true,
        ))
        .await?;

        use Expectations as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(big_pk_auto(E::Id))
                .col(big_integer(E::AgencyId))
                .col(integer(E::Year))
                .col(big_integer_null(E::SetterPositionId))
                .col(string(E::SetterName))
                .col(big_integer_null(E::EmployeeId))
                .col(big_integer_null(E::PositionId))
                .col(string(E::HolderName))
                .col(text(E::Text))
                .col(timestamp_with_time_zone(E::SetAt))
                .col(string(E::SetBy))
                .col(timestamp_with_time_zone_null(E::AcknowledgedAt))
                .foreign_key(&mut fk(
                    E::Table,
                    E::AgencyId,
                    Agencies::Table,
                    "fk_ex_agency",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    E::Table,
                    E::SetterPositionId,
                    Positions::Table,
                    "fk_ex_setter",
                    SetNull,
                ))
                .foreign_key(&mut fk(
                    E::Table,
                    E::EmployeeId,
                    Employees::Table,
                    "fk_ex_employee",
                    SetNull,
                ))
                .foreign_key(&mut fk(
                    E::Table,
                    E::PositionId,
                    Positions::Table,
                    "fk_ex_position",
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_ex_year_position_employee",
            E::Table,
            vec![
                E::Year.into_iden(),
                E::PositionId.into_iden(),
                E::EmployeeId.into_iden(),
            ],
            true,
        ))
        .await?;

        use ActivityPlans as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(big_pk_auto(P::Id))
                .col(big_integer_null(P::TargetId))
                .col(big_integer(P::AgreementId))
                .col(string(P::Title))
                .col(integer(P::CurrentVersion))
                .col(timestamp_with_time_zone(P::CreatedAt))
                .foreign_key(&mut fk(
                    P::Table,
                    P::TargetId,
                    T::Table,
                    "fk_ap_target",
                    SetNull,
                ))
                .foreign_key(&mut fk(
                    P::Table,
                    P::AgreementId,
                    A::Table,
                    "fk_ap_agreement",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_ap_agreement",
            P::Table,
            vec![P::AgreementId.into_iden()],
            false,
        ))
        .await?;

        use ActivityPlanVersions as PV;
        m.create_table(
            Table::create()
                .table(PV::Table)
                .col(big_pk_auto(PV::Id))
                .col(big_integer(PV::PlanId))
                .col(integer(PV::Version))
                .col(text(PV::Activities))
                .col(big_integer(PV::TotalBudget))
                .col(text(PV::Reason))
                .col(string(PV::Status))
                .col(timestamp_with_time_zone(PV::DraftedAt))
                .col(string(PV::DraftedBy))
                .col(timestamp_with_time_zone_null(PV::SubmittedAt))
                .col(timestamp_with_time_zone_null(PV::ApprovedAt))
                .col(string_null(PV::ApprovedBy))
                .foreign_key(&mut fk(
                    PV::Table,
                    PV::PlanId,
                    P::Table,
                    "fk_apv_plan",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_apv_plan_version",
            PV::Table,
            vec![PV::PlanId.into_iden(), PV::Version.into_iden()],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ActivityPlanVersions::Table.into_iden(),
            ActivityPlans::Table.into_iden(),
            Expectations::Table.into_iden(),
            AgreementVersions::Table.into_iden(),
            AgreementTargets::Table.into_iden(),
            PerformanceDialogues::Table.into_iden(),
            PerformanceAgreements::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }

    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }
}
