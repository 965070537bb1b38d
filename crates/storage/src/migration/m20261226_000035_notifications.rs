//! Issue 18 point 4: notifications. `notification_events` is the outbox: one row per piece of
//! waiting work, written in the transaction of the decision that made it (kind, the recipient
//! post or employee as the deciding code knew it, the subject, a title and note, the link path,
//! when; `fanned_out_at` once its deliveries were made). `notification_deliveries` holds one row
//! per event, channel and recipient employee (unique), with its state, attempts, the next
//! attempt, the claim (who and until when), the last error and when it was sent.
//! `notification_preferences` holds a person's email address and mode.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Employees {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum NotificationEvents {
    Table,
    Id,
    AgencyId,
    Kind,
    RecipientPositionId,
    RecipientEmployeeId,
    SubjectId,
    Title,
    Note,
    Link,
    CreatedAt,
    FannedOutAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum NotificationDeliveries {
    Table,
    Id,
    EventId,
    Channel,
    RecipientEmployeeId,
    Email,
    Digest,
    State,
    Attempts,
    NextAttemptAt,
    ClaimedBy,
    ClaimedUntil,
    LastError,
    SentAt,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum NotificationPreferences {
    Table,
    EmployeeId,
    Email,
    Mode,
    UpdatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use NotificationDeliveries as D;
        use NotificationEvents as E;
        use NotificationPreferences as P;
        m.create_table(
            Table::create()
                .table(E::Table)
                .col(big_pk_auto(E::Id))
                .col(big_integer_null(E::AgencyId))
                .col(string_len(E::Kind, 40))
                .col(big_integer_null(E::RecipientPositionId))
                .col(big_integer_null(E::RecipientEmployeeId))
                .col(big_integer(E::SubjectId))
                .col(string_len(E::Title, 500))
                .col(text(E::Note))
                .col(string_len(E::Link, 500))
                .col(timestamp_with_time_zone(E::CreatedAt))
                .col(timestamp_with_time_zone_null(E::FannedOutAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_nevent_fanned",
            E::Table,
            vec![E::FannedOutAt.into_iden(), E::Id.into_iden()],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(D::Table)
                .col(big_pk_auto(D::Id))
                .col(big_integer(D::EventId))
                .col(string_len(D::Channel, 20))
                .col(big_integer(D::RecipientEmployeeId))
                .col(string_len_null(D::Email, 254))
                .col(boolean(D::Digest))
                .col(string_len(D::State, 20))
                .col(integer(D::Attempts))
                .col(timestamp_with_time_zone(D::NextAttemptAt))
                .col(string_len_null(D::ClaimedBy, 100))
                .col(timestamp_with_time_zone_null(D::ClaimedUntil))
                .col(text(D::LastError))
                .col(timestamp_with_time_zone_null(D::SentAt))
                .col(timestamp_with_time_zone(D::CreatedAt))
                .foreign_key(&mut fk(
                    D::Table,
                    D::EventId,
                    E::Table,
                    "fk_ndelivery_event",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        // One delivery per event, channel and person, however many servers fan out at once.
        m.create_index(index(
            "ux_ndelivery_event_channel_recipient",
            D::Table,
            vec![
                D::EventId.into_iden(),
                D::Channel.into_iden(),
                D::RecipientEmployeeId.into_iden(),
            ],
            true,
        ))
        .await?;
        m.create_index(index(
            "ix_ndelivery_due",
            D::Table,
            vec![D::State.into_iden(), D::NextAttemptAt.into_iden()],
            false,
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(P::Table)
                .col(big_integer(P::EmployeeId).primary_key())
                .col(string_len_null(P::Email, 254))
                .col(string_len(P::Mode, 20))
                .col(timestamp_with_time_zone(P::UpdatedAt))
                .foreign_key(&mut fk(
                    P::Table,
                    P::EmployeeId,
                    Employees::Table,
                    "fk_npref_employee",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(
            Table::drop()
                .table(NotificationPreferences::Table)
                .to_owned(),
        )
        .await?;
        m.drop_table(
            Table::drop()
                .table(NotificationDeliveries::Table)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(NotificationEvents::Table).to_owned())
            .await
    }
}
