//! Issue 12 point 1: a letter number is never given twice in an agency (DOC-05).
//!
//! - `letter_numbers` gets the agency (copied from its register) and `duplicate_rank`, and a
//!   unique index on (agency, number text, duplicate_rank). New numbers always have rank 0,
//!   so the database itself refuses any number the agency already gave.
//! - Numbers given twice before this migration are **not renumbered**: letters with those
//!   numbers exist on paper. The check below finds them, logs each one (WARN, with the
//!   registers and letters), and gives the later copies rank 1, 2, … so the index can be
//!   created; `Store::letter_number_duplicates` lists them afterwards and
//!   `docs/operations.md` says what the archive officer does about them.
//! - `letter_sequences`: one sequence per agency and number format (a register's pattern with
//!   its codes and year filled in), shared by every register with that format, seeded from
//!   the registers' own counters (the highest wins where formats are shared).

use std::collections::BTreeMap;

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, TryGetable};
use sikerja_domain::numbering::NumberFormat;

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Agencies {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum LetterRegisters {
    Table,
    AgencyId,
    Year,
    Classification,
    UnitCode,
    Pattern,
    NextSeq,
}

#[derive(DeriveIden, Clone, Copy)]
enum LetterNumbers {
    Table,
    Id,
    RegisterId,
    AgencyId,
    Number,
    DuplicateRank,
    IssuedLetterId,
}

#[derive(DeriveIden, Clone, Copy)]
enum LetterSequences {
    Table,
    Id,
    AgencyId,
    FormatKey,
    NextSeq,
    UpdatedAt,
}

/// A copy of a number: `(letter_numbers.id, register id, issued letter id)`.
pub(crate) type NumberCopy = (i64, i64, Option<i64>);

/// A number given more than once in an agency before the unique index existed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DuplicateNumber {
    pub agency: i64,
    pub number: String,
    /// Every copy, oldest first.
    pub copies: Vec<NumberCopy>,
}

fn get<T: TryGetable>(
    row: &sea_orm_migration::sea_orm::QueryResult,
    col: &str,
) -> Result<T, DbErr> {
    row.try_get("", col)
}

/// Every number text given more than once in an agency, oldest copy first.
pub(crate) async fn find_duplicates<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<DuplicateNumber>, DbErr> {
    use LetterNumbers as N;
    let select = Query::select()
        .columns([
            N::Id,
            N::AgencyId,
            N::Number,
            N::RegisterId,
            N::IssuedLetterId,
        ])
        .from(N::Table)
        .order_by(N::AgencyId, Order::Asc)
        .order_by(N::Number, Order::Asc)
        .order_by(N::Id, Order::Asc)
        .to_owned();
    let rows = db.query_all(&select).await?;
    let mut groups: BTreeMap<(i64, String), Vec<NumberCopy>> = BTreeMap::new();
    for row in &rows {
        groups
            .entry((get(row, "agency_id")?, get(row, "number")?))
            .or_default()
            .push((
                get(row, "id")?,
                get(row, "register_id")?,
                get(row, "issued_letter_id")?,
            ));
    }
    Ok(groups
        .into_iter()
        .filter(|(_, copies)| copies.len() > 1)
        .map(|((agency, number), copies)| DuplicateNumber {
            agency,
            number,
            copies,
        })
        .collect())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use LetterNumbers as N;
        use LetterRegisters as R;
        use LetterSequences as S;
        // SQLite adds one column per statement.
        m.alter_table(
            Table::alter()
                .table(N::Table)
                .add_column(big_integer(N::AgencyId).default(0))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(N::Table)
                .add_column(integer(N::DuplicateRank).default(0))
                .to_owned(),
        )
        .await?;
        m.get_connection()
            .execute_unprepared(
                "UPDATE letter_numbers SET agency_id = (SELECT r.agency_id FROM letter_registers r \
                 WHERE r.id = letter_numbers.register_id)",
            )
            .await?;

        // The check: numbers given twice are reported and kept as they are.
        let db = m.get_connection();
        let duplicates = find_duplicates(db).await?;
        for d in &duplicates {
            tracing::warn!(
                agency.id = d.agency,
                letter.number = %d.number,
                copies = ?d.copies,
                "letter number given more than once before issue 12: kept as issued (not renumbered); \
                 cancel and reissue all but one (docs/operations.md)"
            );
            for (rank, (id, _, _)) in d.copies.iter().enumerate().skip(1) {
                m.exec_stmt(
                    Query::update()
                        .table(N::Table)
                        .value(
                            N::DuplicateRank,
                            <i32 as TryFrom<usize>>::try_from(rank).unwrap_or(i32::MAX),
                        )
                        .and_where(Expr::col(N::Id).eq(*id))
                        .to_owned(),
                )
                .await?;
            }
        }
        if !duplicates.is_empty() {
            tracing::warn!(
                count = duplicates.len(),
                "letter numbers given more than once: see `sikerja letters duplicates`"
            );
        }
        m.create_index(index(
            "ux_ln_agency_number",
            N::Table,
            vec![
                N::AgencyId.into_iden(),
                N::Number.into_iden(),
                N::DuplicateRank.into_iden(),
            ],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(S::Table)
                .col(big_pk_auto(S::Id))
                .col(big_integer(S::AgencyId))
                .col(string(S::FormatKey))
                .col(big_integer(S::NextSeq))
                .col(timestamp_with_time_zone(S::UpdatedAt))
                .foreign_key(&mut fk(
                    S::Table,
                    S::AgencyId,
                    Agencies::Table,
                    "fk_ls_agency",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_ls_format",
            S::Table,
            vec![S::AgencyId.into_iden(), S::FormatKey.into_iden()],
            true,
        ))
        .await?;
        let select = Query::select()
            .columns([
                R::AgencyId,
                R::Year,
                R::Classification,
                R::UnitCode,
                R::Pattern,
                R::NextSeq,
            ])
            .from(R::Table)
            .to_owned();
        let registers = db.query_all(&select).await?;
        let mut sequences: BTreeMap<(i64, String), i64> = BTreeMap::new();
        for row in &registers {
            let pattern: String = get(row, "pattern")?;
            let Ok(format) = NumberFormat::of(
                &pattern,
                &get::<String>(row, "classification")?,
                &get::<String>(row, "unit_code")?,
                get(row, "year")?,
            ) else {
                continue;
            };
            let next: i64 = get(row, "next_seq")?;
            let seq = sequences
                .entry((get(row, "agency_id")?, format.key()))
                .or_insert(next);
            *seq = Ord::max(*seq, next);
        }
        let now = chrono::Utc::now();
        for ((agency, key), next) in sequences {
            m.exec_stmt(
                Query::insert()
                    .into_table(S::Table)
                    .columns([S::AgencyId, S::FormatKey, S::NextSeq, S::UpdatedAt])
                    .values([agency.into(), key.into(), next.into(), now.into()])
                    .map_err(|e| DbErr::Custom(e.to_string()))?
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(LetterSequences::Table).to_owned())
            .await?;
        m.drop_index(
            Index::drop()
                .name("ux_ln_agency_number")
                .table(LetterNumbers::Table)
                .to_owned(),
        )
        .await?;
        for col in [LetterNumbers::DuplicateRank, LetterNumbers::AgencyId] {
            m.alter_table(
                Table::alter()
                    .table(LetterNumbers::Table)
                    .drop_column(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
