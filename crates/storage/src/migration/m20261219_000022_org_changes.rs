//! Issue 14 points 1-2: dated changes to the organisation. `org_changes` holds each change an
//! agency records (its kind code, the `OrgChange` as JSON, the day it takes effect, its legal
//! basis), its state (`pending`, `applied`, `failed` when it no longer applied on its day,
//! `cancelled`) and who recorded it; `org_snapshots` the organisation of an agency as it stood
//! on a day (JSON), the base the changes after it are replayed on (KED-11, as-of reads).

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
enum OrgChanges {
    Table,
    Id,
    AgencyId,
    Kind,
    Payload,
    EffectiveOn,
    BasisNumber,
    BasisDate,
    State,
    Error,
    RecordedBy,
    RecordedPosition,
    RecordedAt,
    AppliedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum OrgSnapshots {
    Table,
    Id,
    AgencyId,
    Day,
    Organisation,
    TakenAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::Cascade;
        use OrgChanges as C;
        m.create_table(
            Table::create()
                .table(C::Table)
                .col(big_pk_auto(C::Id))
                .col(big_integer(C::AgencyId))
                .col(string_len(C::Kind, 30))
                .col(text(C::Payload))
                .col(string_len(C::EffectiveOn, 10))
                .col(string(C::BasisNumber))
                .col(string_len(C::BasisDate, 10))
                .col(string_len(C::State, 20))
                .col(text_null(C::Error))
                .col(string(C::RecordedBy))
                .col(string_null(C::RecordedPosition))
                .col(timestamp_with_time_zone(C::RecordedAt))
                .col(timestamp_with_time_zone_null(C::AppliedAt))
                .foreign_key(&mut fk(
                    C::Table,
                    C::AgencyId,
                    Agencies::Table,
                    "fk_oc_agency",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_oc_agency_day",
            C::Table,
            vec![C::AgencyId.into_iden(), C::EffectiveOn.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_oc_state_day",
            C::Table,
            vec![C::State.into_iden(), C::EffectiveOn.into_iden()],
            false,
        ))
        .await?;
        use OrgSnapshots as S;
        m.create_table(
            Table::create()
                .table(S::Table)
                .col(big_pk_auto(S::Id))
                .col(big_integer(S::AgencyId))
                .col(string_len(S::Day, 10))
                .col(text(S::Organisation))
                .col(timestamp_with_time_zone(S::TakenAt))
                .foreign_key(&mut fk(
                    S::Table,
                    S::AgencyId,
                    Agencies::Table,
                    "fk_os_agency",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_os_agency_day",
            S::Table,
            vec![S::AgencyId.into_iden(), S::Day.into_iden()],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(OrgSnapshots::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(OrgChanges::Table).to_owned())
            .await
    }
}
