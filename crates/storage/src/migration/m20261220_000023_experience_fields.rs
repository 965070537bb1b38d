//! Issue 14 point 6. `experience_fields`: an agency's controlled list of fields of experience
//! (*bidang tugas*) — code, name and synonyms (a JSON list) — that the import maps experience
//! rows to and PEN-08 huruf d matches through. Seeded with one field per distinct experience
//! text already stored for the agency's employees (texts differing only in case or spaces are
//! one field). `assignments.prepared_by_employee_id`: the Kepala Bidang/Seksi who prepared a
//! draft for the head of the Unit Organisasi (NULL for a draft the owner head or a volunteer
//! made).

use std::collections::BTreeMap;

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, QueryResult};
use sikerja_domain::experience_fields::new_fields_for;

use super::{fk, index};

#[derive(DeriveMigrationName)]
pub(crate) struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum Agencies {
    Table,
}

#[derive(DeriveIden, Clone, Copy)]
enum Employees {
    Table,
    Id,
    AgencyId,
}

#[derive(DeriveIden, Clone, Copy)]
enum EmployeeExperience {
    Table,
    EmployeeId,
    Field,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Assignments {
    Table,
    PreparedByEmployeeId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ExperienceFields {
    Table,
    Id,
    AgencyId,
    Code,
    Name,
    Synonyms,
    UpdatedBy,
    UpdatedAt,
}

fn get<T: sea_orm_migration::sea_orm::TryGetable>(
    row: &QueryResult,
    col: &str,
) -> Result<T, DbErr> {
    row.try_get("", col)
}

/// One field per distinct experience text of each agency (see the module comment).
async fn seed<C: ConnectionTrait>(db: &C) -> Result<(), DbErr> {
    use EmployeeExperience as X;
    let select = Query::select()
        .column((Employees::Table, Employees::AgencyId))
        .column((X::Table, X::Field))
        .from(X::Table)
        .inner_join(
            Employees::Table,
            Expr::col((Employees::Table, Employees::Id)).equals((X::Table, X::EmployeeId)),
        )
        .order_by((X::Table, X::Id), Order::Asc)
        .to_owned();
    let mut texts: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for row in db.query_all(&select).await? {
        texts
            .entry(get(&row, "agency_id")?)
            .or_default()
            .push(get(&row, "field")?);
    }
    for (agency, texts) in texts {
        for f in new_fields_for(&[], texts.iter().map(String::as_str)) {
            let mut insert = Query::insert();
            insert.into_table(ExperienceFields::Table).columns([
                ExperienceFields::AgencyId,
                ExperienceFields::Code,
                ExperienceFields::Name,
                ExperienceFields::Synonyms,
                ExperienceFields::UpdatedBy,
                ExperienceFields::UpdatedAt,
            ]);
            insert
                .values([
                    agency.into(),
                    f.code.into(),
                    f.name.into(),
                    "[]".into(),
                    "sistem (data pengalaman yang tersimpan)".into(),
                    Expr::current_timestamp(),
                ])
                .map_err(|e| DbErr::Custom(e.to_string()))?;
            db.execute(&insert).await?;
        }
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        use ExperienceFields as F;
        m.create_table(
            Table::create()
                .table(F::Table)
                .col(big_pk_auto(F::Id))
                .col(big_integer(F::AgencyId))
                .col(string_len(F::Code, 64))
                .col(string(F::Name))
                .col(text(F::Synonyms))
                .col(string(F::UpdatedBy))
                .col(timestamp_with_time_zone(F::UpdatedAt))
                .foreign_key(&mut fk(
                    F::Table,
                    F::AgencyId,
                    Agencies::Table,
                    "fk_xf_agency",
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ux_xf_agency_code",
            F::Table,
            vec![F::AgencyId.into_iden(), F::Code.into_iden()],
            true,
        ))
        .await?;
        m.alter_table(
            Table::alter()
                .table(Assignments::Table)
                .add_column(big_integer_null(Assignments::PreparedByEmployeeId))
                .to_owned(),
        )
        .await?;
        seed(m.get_connection()).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Assignments::Table)
                .drop_column(Assignments::PreparedByEmployeeId)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(ExperienceFields::Table).to_owned())
            .await
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use sea_orm_migration::MigratorTrait;
    use sikerja_domain::organisation::Experience;

    use crate::migration::Migrator;

    /// On a database with experience stored, the migration seeds one field per distinct text
    /// (case and spaces aside).
    #[tokio::test]
    async fn the_list_is_seeded_from_the_experience_already_stored() {
        let s = crate::testing::fresh_store().await;
        let mut b = crate::audit_tests::bundle("kab-seed", "198001012005011001");
        b.employees[0].experience = vec![
            Experience {
                field: "Kesehatan".into(),
                years: 3,
            },
            Experience {
                field: "Keuangan  Daerah".into(),
                years: 1,
            },
        ];
        let agency = s.import_agency(&b, "tester").await.unwrap().agency;
        // Back to before this migration (and whatever came after it), a text differing in
        // case only added meanwhile, then up again.
        let after = Migrator::migrations()
            .iter()
            .rev()
            .position(|m| m.name().contains("000023"))
            .unwrap();
        Migrator::down(&s.db, Some(u32::try_from(after + 1).unwrap()))
            .await
            .unwrap();
        s.execute_sql(
            "UPDATE employee_experience SET field = 'KESEHATAN' WHERE field = 'Kesehatan'",
        )
        .await
        .unwrap();
        s.execute_sql(
            "INSERT INTO employee_experience (employee_id, field, years) \
             SELECT employee_id, 'kesehatan', 2 FROM employee_experience WHERE field = 'KESEHATAN'",
        )
        .await
        .unwrap();
        Migrator::up(&s.db, None).await.unwrap();
        let fields = s.experience_fields(agency).await.unwrap();
        let got: Vec<(&str, &str, usize)> = fields
            .iter()
            .map(|f| (f.field.code.as_str(), f.field.name.as_str(), f.used_by))
            .collect();
        assert_eq!(
            got,
            [
                ("kesehatan", "KESEHATAN", 2),
                ("keuangan-daerah", "Keuangan Daerah", 1)
            ]
        );
    }
}
