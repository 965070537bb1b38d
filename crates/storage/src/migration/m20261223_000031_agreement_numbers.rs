//! Issue 15 point 6: the number of a Perjanjian Kinerja (DOC-05). A fully signed agreement takes
//! a number from the register of performance agreements (`letter_registers.kind =
//! 'performance_agreement'`) of its Perangkat Daerah and year, in the transaction of the second
//! signature: `performance_agreements.number` (the text as printed) and `number_id` (the
//! register line), like `issued_letters`; `letter_numbers.agreement_id` marks the line as the
//! agreement's, so the number is never given again. No foreign keys: SQLite adds none to an
//! existing table, and the register lines outlive an agreement as issued letters' do.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::index;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PerformanceAgreements {
    Table,
    Number,
    NumberId,
}

#[derive(DeriveIden, Clone, Copy)]
enum LetterNumbers {
    Table,
    AgreementId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use PerformanceAgreements as A;
        // One column per statement: SQLite alters one at a time.
        for col in [string_null(A::Number), big_integer_null(A::NumberId)] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(A::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(LetterNumbers::Table)
                .add_column(big_integer_null(LetterNumbers::AgreementId))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "idx_letter_numbers_agreement",
            LetterNumbers::Table,
            vec![LetterNumbers::AgreementId.into_iden()],
            false,
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use PerformanceAgreements as A;
        m.drop_index(
            Index::drop()
                .name("idx_letter_numbers_agreement")
                .table(LetterNumbers::Table)
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(LetterNumbers::Table)
                .drop_column(LetterNumbers::AgreementId)
                .to_owned(),
        )
        .await?;
        for col in [A::Number, A::NumberId] {
            m.alter_table(Table::alter().table(A::Table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
