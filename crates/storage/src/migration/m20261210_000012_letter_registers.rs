//! Issue 6: official letters as issued (DOC-05, DOC-06). `letter_registers` holds the
//! numbering register of an issuing Perangkat Daerah (or the agency itself: department 0) per
//! letter kind and year, with its classification code (*kode klasifikasi arsip*), the unit's
//! code and the number pattern; `letter_numbers` every number it gave, issued or cancelled
//! (never reused, never skipped); `issued_letters` the letter exactly as issued — both files
//! with their SHA-256, its content and the SHA-256 printed on it, and the code of its public
//! verification page; `letterheads` the kop of
//! an agency or a department.

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
enum RequestLetters {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum LetterRegisters {
    Table,
    Id,
    AgencyId,
    DepartmentId,
    Kind,
    Year,
    Classification,
    UnitCode,
    Pattern,
    NextSeq,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum LetterNumbers {
    Table,
    Id,
    RegisterId,
    Seq,
    Number,
    Status,
    IssuedLetterId,
    Note,
    At,
    ByLabel,
}

#[derive(DeriveIden, Clone, Copy)]
enum IssuedLetters {
    Table,
    Id,
    RequestLetterId,
    AgencyId,
    NumberId,
    Number,
    Kind,
    Subject,
    SignerName,
    SignerPosition,
    LetterDate,
    VerifyCode,
    Content,
    ContentSha256,
    Pdf,
    Docx,
    PdfSha256,
    DocxSha256,
    IssuedAt,
    IssuedBy,
    Status,
    CancelledAt,
    CancelReason,
}

#[derive(DeriveIden, Clone, Copy)]
enum Letterheads {
    Table,
    Id,
    AgencyId,
    DepartmentId,
    Lines,
    Address,
    Contacts,
    Logo,
    UpdatedAt,
}

use ForeignKeyAction::{Cascade, Restrict};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use LetterRegisters as R;
        m.create_table(
            Table::create()
                .table(R::Table)
                .col(big_pk_auto(R::Id))
                .col(big_integer(R::AgencyId))
                .col(big_integer(R::DepartmentId))
                .col(string(R::Kind))
                .col(integer(R::Year))
                .col(string(R::Classification))
                .col(string(R::UnitCode))
                .col(string(R::Pattern))
                .col(big_integer(R::NextSeq))
                .col(timestamp_with_time_zone(R::UpdatedAt))
                .foreign_key(&mut fk(
                    R::Table,
                    R::AgencyId,
                    Agencies::Table,
                    "fk_lr_agency",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_lr_register",
            R::Table,
            vec![
                R::AgencyId.into_iden(),
                R::DepartmentId.into_iden(),
                R::Kind.into_iden(),
                R::Year.into_iden(),
            ],
            true,
        ))
        .await?;

        use LetterNumbers as N;
        m.create_table(
            Table::create()
                .table(N::Table)
                .col(big_pk_auto(N::Id))
                .col(big_integer(N::RegisterId))
                .col(big_integer(N::Seq))
                .col(string(N::Number))
                .col(string(N::Status))
                .col(big_integer_null(N::IssuedLetterId))
                .col(text(N::Note))
                .col(timestamp_with_time_zone(N::At))
                .col(string(N::ByLabel))
                .foreign_key(&mut fk(
                    N::Table,
                    N::RegisterId,
                    R::Table,
                    "fk_ln_register",
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_ln_register_seq",
            N::Table,
            vec![N::RegisterId.into_iden(), N::Seq.into_iden()],
            true,
        ))
        .await?;

        use IssuedLetters as I;
        m.create_table(
            Table::create()
                .table(I::Table)
                .col(big_pk_auto(I::Id))
                .col(big_integer(I::RequestLetterId))
                .col(big_integer(I::AgencyId))
                .col(big_integer(I::NumberId))
                .col(string(I::Number))
                .col(string(I::Kind))
                .col(text(I::Subject))
                .col(string(I::SignerName))
                .col(string(I::SignerPosition))
                .col(string(I::LetterDate))
                .col(string(I::VerifyCode))
                .col(text(I::Content))
                .col(string(I::ContentSha256))
                .col(blob(I::Pdf))
                .col(blob(I::Docx))
                .col(string(I::PdfSha256))
                .col(string(I::DocxSha256))
                .col(timestamp_with_time_zone(I::IssuedAt))
                .col(string(I::IssuedBy))
                .col(string(I::Status))
                .col(timestamp_with_time_zone_null(I::CancelledAt))
                .col(text(I::CancelReason))
                .foreign_key(&mut fk(
                    I::Table,
                    I::RequestLetterId,
                    RequestLetters::Table,
                    "fk_il_letter",
                    Restrict,
                ))
                .foreign_key(&mut fk(
                    I::Table,
                    I::NumberId,
                    N::Table,
                    "fk_il_number",
                    Restrict,
                ))
                .to_owned(),
        )
        .await?;
        // A cancelled letter may be issued again under a new number: one letter, many rows.
        for (name, col, unique) in [
            ("ix_il_letter", I::RequestLetterId, false),
            ("ux_il_verify", I::VerifyCode, true),
            ("ux_il_number", I::NumberId, true),
        ] {
            m.create_index(index(name, I::Table, vec![col.into_iden()], unique))
                .await?;
        }

        use Letterheads as H;
        m.create_table(
            Table::create()
                .table(H::Table)
                .col(big_pk_auto(H::Id))
                .col(big_integer(H::AgencyId))
                .col(big_integer(H::DepartmentId))
                .col(text(H::Lines))
                .col(text(H::Address))
                .col(text(H::Contacts))
                .col(blob_null(H::Logo))
                .col(timestamp_with_time_zone(H::UpdatedAt))
                .foreign_key(&mut fk(
                    H::Table,
                    H::AgencyId,
                    Agencies::Table,
                    "fk_lh_agency",
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_lh_issuer",
            H::Table,
            vec![H::AgencyId.into_iden(), H::DepartmentId.into_iden()],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Letterheads::Table.into_iden(),
            IssuedLetters::Table.into_iden(),
            LetterNumbers::Table.into_iden(),
            LetterRegisters::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
