//! Issue 14 point 4: the terms of office of the elected regional heads. `regional_head_terms`
//! holds one row per term — the account (`regional_heads`) of who holds it, the office
//! (`regent`, `vice_regent`, `mayor`, …) with its kind (`head` or `deputy`), the first and
//! last day (ISO days; the last day empty while open), the legal basis of the start and of the
//! end (decree number and date). A partial unique index allows one open term per office and
//! agency; writers also lock the agency row and refuse a term sharing a day with another one.
//!
//! An account is no longer one per agency and kind (a new Bupati is a new person): the unique
//! index `ux_regional_heads_agency_kind` goes. Every existing account gets an open term without
//! a first day ("since before the record"), its office read from the agency kind, the account
//! kind and (for a Wali Kota) its title.

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
enum RegionalHeads {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum RegionalHeadTerms {
    Table,
    Id,
    RegionalHeadId,
    AgencyId,
    Kind,
    Office,
    Title,
    StartsOn,
    EndsOn,
    BasisNumber,
    BasisDate,
    EndBasisNumber,
    EndBasisDate,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ForeignKeyAction::Cascade;
        use RegionalHeadTerms as T;
        m.drop_index(
            Index::drop()
                .name("ux_regional_heads_agency_kind")
                .table(RegionalHeads::Table)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(T::Table)
                .col(big_pk_auto(T::Id))
                .col(big_integer(T::RegionalHeadId))
                .col(big_integer(T::AgencyId))
                .col(string_len(T::Kind, 20))
                .col(string_len(T::Office, 20))
                .col(string(T::Title))
                .col(string_len_null(T::StartsOn, 10))
                .col(string_len_null(T::EndsOn, 10))
                .col(string_null(T::BasisNumber))
                .col(string_len_null(T::BasisDate, 10))
                .col(string_null(T::EndBasisNumber))
                .col(string_len_null(T::EndBasisDate, 10))
                .foreign_key(&mut fk(
                    T::Table,
                    T::RegionalHeadId,
                    RegionalHeads::Table,
                    "fk_rht_regional_head",
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    T::Table,
                    T::AgencyId,
                    Agencies::Table,
                    "fk_rht_agency",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_rht_agency_kind",
            T::Table,
            vec![T::AgencyId.into_iden(), T::Kind.into_iden()],
            false,
        ))
        .await?;
        m.create_index(index(
            "ix_rht_regional_head",
            T::Table,
            vec![T::RegionalHeadId.into_iden()],
            false,
        ))
        .await?;
        let db = m.get_connection();
        // One open term per office of an agency, also under concurrent writers. A partial
        // index reads the same on SQLite and PostgreSQL; sea-query cannot build one.
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_rht_open_office \
             ON regional_head_terms (agency_id, kind) WHERE ends_on IS NULL",
        )
        .await?;
        db.execute_unprepared(
            "INSERT INTO regional_head_terms (regional_head_id, agency_id, kind, office, title) \
             SELECT r.id, r.agency_id, r.kind, \
               CASE \
                 WHEN a.kind = 'provincial_government' AND r.kind = 'head' THEN 'governor' \
                 WHEN a.kind = 'provincial_government' THEN 'vice_governor' \
                 WHEN r.title LIKE 'Wakil Wali%' THEN 'vice_mayor' \
                 WHEN r.title LIKE 'Wali%' THEN 'mayor' \
                 WHEN r.kind = 'head' THEN 'regent' \
                 ELSE 'vice_regent' \
               END, \
               r.title \
             FROM regional_heads r JOIN agencies a ON a.id = r.agency_id",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RegionalHeadTerms::Table).to_owned())
            .await?;
        Ok(())
    }
}
