//! Issue 15 point 6. `performance_agreements.setter_signer_name`, `setter_signer_nip`: the
//! person who signed as *pihak kedua* (a Kepala Perangkat Daerah with their NIP, or the Bupati
//! without one), so the printed agreement names them under the signature instead of an account.
//! The holder needs no column: `holder_name` and `holder_nip` are the *pihak pertama*.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum PerformanceAgreements {
    Table,
    SetterSignerName,
    SetterSignerNip,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use PerformanceAgreements as A;
        // One column per statement: SQLite alters one at a time.
        for col in [
            string_null(A::SetterSignerName),
            string_null(A::SetterSignerNip),
        ] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(A::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use PerformanceAgreements as A;
        for col in [A::SetterSignerName, A::SetterSignerNip] {
            m.alter_table(Table::alter().table(A::Table).drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
