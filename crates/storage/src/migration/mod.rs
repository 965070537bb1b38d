//! Embedded migrations, written in Rust so the same code creates the schema on SQLite and on
//! PostgreSQL. Never edit an applied migration: add a new one.

use sea_orm_migration::prelude::*;

mod m20261201_000001_organisation;
mod m20261201_000002_placements;
mod m20261202_000003_audit_chain;
mod m20261202_000004_identity;
mod m20261203_000005_access;
mod m20261204_000006_audit_agency;
mod m20261205_000007_planning;
mod m20261206_000008_planning_indexes;
mod m20261207_000009_assignments;
mod m20261208_000010_assignment_requests;
mod m20261209_000011_request_inbox;
mod m20261210_000012_letter_registers;
pub(crate) mod m20261211_000013_letter_number_unique;
mod m20261212_000014_sign_in_throttle;
mod m20261213_000015_audit_keyed;
mod m20261215_000016_execution;
mod m20261216_000017_work_results;
mod m20261217_000018_team_issues;
mod m20261218_000019_result_expectation;
mod m20261219_000020_regional_head_terms;
mod m20261219_000021_agency_policies;
mod m20261219_000022_org_changes;
mod m20261220_000023_experience_fields;
mod m20261221_000025_plan_returns;
mod m20261222_000030_agreement_signers;
mod m20261223_000031_agreement_numbers;
mod m20261224_000032_assessments;
mod m20261225_000033_process_maps;
mod m20261226_000034_process_map_lanes;
mod m20261226_000035_notifications;
mod m20261226_000038_report_due;

/// The ordered list of migrations run by [`crate::Store::migrate`].
pub(crate) struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261201_000001_organisation::Migration),
            Box::new(m20261201_000002_placements::Migration),
            Box::new(m20261202_000003_audit_chain::Migration),
            Box::new(m20261202_000004_identity::Migration),
            Box::new(m20261203_000005_access::Migration),
            Box::new(m20261204_000006_audit_agency::Migration),
            Box::new(m20261205_000007_planning::Migration),
            Box::new(m20261206_000008_planning_indexes::Migration),
            Box::new(m20261207_000009_assignments::Migration),
            Box::new(m20261208_000010_assignment_requests::Migration),
            Box::new(m20261209_000011_request_inbox::Migration),
            Box::new(m20261210_000012_letter_registers::Migration),
            Box::new(m20261211_000013_letter_number_unique::Migration),
            Box::new(m20261212_000014_sign_in_throttle::Migration),
            Box::new(m20261213_000015_audit_keyed::Migration),
            Box::new(m20261215_000016_execution::Migration),
            Box::new(m20261216_000017_work_results::Migration),
            Box::new(m20261217_000018_team_issues::Migration),
            Box::new(m20261218_000019_result_expectation::Migration),
            Box::new(m20261219_000020_regional_head_terms::Migration),
            Box::new(m20261219_000021_agency_policies::Migration),
            Box::new(m20261219_000022_org_changes::Migration),
            Box::new(m20261220_000023_experience_fields::Migration),
            Box::new(m20261221_000025_plan_returns::Migration),
            Box::new(m20261222_000030_agreement_signers::Migration),
            Box::new(m20261223_000031_agreement_numbers::Migration),
            Box::new(m20261224_000032_assessments::Migration),
            Box::new(m20261225_000033_process_maps::Migration),
            Box::new(m20261226_000034_process_map_lanes::Migration),
            Box::new(m20261226_000035_notifications::Migration),
            Box::new(m20261226_000038_report_due::Migration),
        ]
    }
}

/// A foreign key from `table.column` to `target.id`.
fn fk(
    table: impl IntoTableRef,
    column: impl IdenList,
    target: impl IntoTableRef,
    name: &str,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(table, column)
        .to(target, Alias::new("id"))
        .on_delete(on_delete)
        .to_owned()
}

/// A (possibly unique) index on some columns of a table.
fn index(
    name: &str,
    table: impl IntoTableRef,
    columns: Vec<DynIden>,
    unique: bool,
) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(table);
    for c in columns {
        stmt.col(c);
    }
    if unique {
        stmt.unique();
    }
    stmt.to_owned()
}
