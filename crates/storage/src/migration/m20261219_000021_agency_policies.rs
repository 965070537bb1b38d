//! Issue 14 point 5: an agency's policies as dated versions, one place for every reading.
//! `agency_policies` holds one row per change: the values (KED-12 reading, KED-10 threshold,
//! PEN-07 window, PEN-08 within-unit enforcement and PPPK equivalent, the PEN-15 position,
//! the LAP report period, grace days and addressees, DOC-05 classification codes as a JSON
//! list and the budget regulation), the first day in force, the legal basis, who and when.
//!
//! The readings kept elsewhere until now move here: every agency whose `agencies` columns
//! (`assessor_policy`, `span_threshold`, `authority_position_id`) differ from the defaults or
//! that has an `execution_policies` row gets one version in force from 1 January 2000 with
//! those values; `execution_policies` is dropped. The `agencies` columns stay (dropping a
//! column rewrites the table on SQLite) but are no longer read.

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
enum ExecutionPolicies {
    Table,
    AgencyId,
    ReportPeriod,
    GraceDays,
    Addressees,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden, Clone, Copy)]
enum AgencyPolicies {
    Table,
    Id,
    AgencyId,
    EffectiveFrom,
    AssessorPolicy,
    SpanThreshold,
    CountWindow,
    EnforceLeadRulesWithinUnit,
    PppkMinGolongan,
    AuthorityPositionId,
    ReportPeriod,
    ReportGraceDays,
    ReportAddressees,
    Classifications,
    BudgetRegulation,
    LegalBasis,
    RecordedBy,
    RecordedAt,
}

/// The earlier settings as the first version (see the module comment).
const COPY: &str = "INSERT INTO agency_policies (agency_id, effective_from, assessor_policy, \
    span_threshold, count_window, enforce_lead_rules_within_unit, pppk_min_golongan, \
    authority_position_id, report_period, report_grace_days, report_addressees, \
    classifications, budget_regulation, legal_basis, recorded_by, recorded_at) \
    SELECT a.id, '2000-01-01', a.assessor_policy, a.span_threshold, 'calendar_year', false, 9, \
    a.authority_position_id, COALESCE(e.report_period, 'monthly'), COALESCE(e.grace_days, 5), \
    COALESCE(e.addressees, 'both'), '[]', NULL, \
    'Pengaturan yang berlaku sebelum kebijakan bertanggal', COALESCE(e.updated_by, 'sistem'), \
    COALESCE(e.updated_at, a.updated_at) \
    FROM agencies a LEFT JOIN execution_policies e ON e.agency_id = a.id \
    WHERE a.assessor_policy <> 'placement_decides' OR a.span_threshold <> 15 \
    OR a.authority_position_id IS NOT NULL OR e.agency_id IS NOT NULL";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use AgencyPolicies as P;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(big_pk_auto(P::Id))
                .col(big_integer(P::AgencyId))
                .col(string_len(P::EffectiveFrom, 10))
                .col(string_len(P::AssessorPolicy, 40))
                .col(big_integer(P::SpanThreshold))
                .col(string_len(P::CountWindow, 40))
                .col(boolean(P::EnforceLeadRulesWithinUnit))
                .col(integer(P::PppkMinGolongan))
                .col(big_integer_null(P::AuthorityPositionId))
                .col(string_len(P::ReportPeriod, 20))
                .col(integer(P::ReportGraceDays))
                .col(string_len(P::ReportAddressees, 20))
                .col(text(P::Classifications))
                .col(text_null(P::BudgetRegulation))
                .col(string(P::LegalBasis))
                .col(string(P::RecordedBy))
                .col(timestamp_with_time_zone(P::RecordedAt))
                .foreign_key(&mut fk(
                    P::Table,
                    P::AgencyId,
                    Agencies::Table,
                    "fk_apol_agency",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_apol_agency_from",
            P::Table,
            vec![P::AgencyId.into_iden(), P::EffectiveFrom.into_iden()],
            false,
        ))
        .await?;
        m.get_connection().execute_unprepared(COPY).await?;
        m.drop_table(Table::drop().table(ExecutionPolicies::Table).to_owned())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ExecutionPolicies as E;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(big_integer(E::AgencyId).primary_key())
                .col(string_len(E::ReportPeriod, 20))
                .col(integer(E::GraceDays))
                .col(string_len(E::Addressees, 20))
                .col(timestamp_with_time_zone(E::UpdatedAt))
                .col(string(E::UpdatedBy))
                .foreign_key(&mut fk(
                    E::Table,
                    E::AgencyId,
                    Agencies::Table,
                    "fk_ep_agency",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(AgencyPolicies::Table).to_owned())
            .await
    }
}
