//! The row writers of an import: upserts by code or NIP in batches, deletion of what the new
//! bundle no longer holds, and the employees' ratings and experience.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use sikerja_domain::bundle::AgencyBundle;
use sikerja_domain::experience_fields::{canonical_name, find_field, new_fields_for};
use sikerja_domain::organisation::AgencyId;

use super::WHAT;
use super::check::unit_levels;
use crate::batch::{IDS_PER_QUERY, insert_all, rows_per_insert};
use crate::entities::{department, employee, experience, experience_field, position, rating, unit};
use crate::error::{OnConstraint, Result, StorageError};

/// Code → id of every row of `E` in the agency, before or after an upsert.
async fn code_map<E>(
    txn: &DatabaseTransaction,
    agency_col: E::Column,
    key: impl Fn(&E::Model) -> (String, i64),
    agency_id: i64,
) -> Result<HashMap<String, i64>>
where
    E: EntityTrait,
{
    let rows = E::find().filter(agency_col.eq(agency_id)).all(txn).await?;
    Ok(rows.iter().map(key).collect())
}

/// Ids present before the import and not in the new bundle.
pub(super) struct Keyed {
    ids: HashMap<String, i64>,
    stale: Vec<i64>,
}

fn keyed<'a>(after: HashMap<String, i64>, keep: impl IntoIterator<Item = &'a str>) -> Keyed {
    let keep: HashSet<&str> = keep.into_iter().collect();
    let stale = after
        .iter()
        .filter(|(k, _)| !keep.contains(k.as_str()))
        .map(|(_, id)| *id)
        .collect();
    Keyed { ids: after, stale }
}

impl Keyed {
    fn id(&self, code: &str) -> Result<i64> {
        self.ids.get(code).copied().ok_or_else(|| {
            StorageError::invalid("broken_reference", format!("kode {code} tidak ditemukan"))
        })
    }
}

pub(super) async fn upsert_departments(
    txn: &DatabaseTransaction,
    b: &AgencyBundle,
    agency_id: i64,
) -> Result<Keyed> {
    use department::Column as C;
    let rows: Vec<department::ActiveModel> = b
        .departments
        .iter()
        .enumerate()
        .map(|(i, d)| department::ActiveModel {
            agency_id: Set(agency_id),
            code: Set(d.code.clone()),
            name: Set(d.name.clone()),
            kind: Set(d.kind.code().to_string()),
            sort_order: Set(i as i64),
            ..Default::default()
        })
        .collect();
    let conflict = OnConflict::columns([C::AgencyId, C::Code])
        .update_columns([C::Name, C::Kind, C::SortOrder])
        .to_owned();
    upsert(txn, rows, 5, conflict).await?;
    let map =
        code_map::<department::Entity>(txn, C::AgencyId, |m| (m.code.clone(), m.id), agency_id)
            .await?;
    Ok(keyed(map, b.departments.iter().map(|d| d.code.as_str())))
}

pub(super) async fn upsert_units(
    txn: &DatabaseTransaction,
    b: &AgencyBundle,
    agency_id: i64,
    departments: &Keyed,
) -> Result<Keyed> {
    use unit::Column as C;
    let conflict = OnConflict::columns([C::AgencyId, C::Code])
        .update_columns([
            C::DepartmentId,
            C::ParentId,
            C::Name,
            C::Kind,
            C::IsOrgUnit,
            C::SortOrder,
        ])
        .to_owned();
    let mut map = HashMap::new();
    // Parents before children, so every parent id is known when its children are written.
    for level in unit_levels(b)? {
        let mut rows = Vec::with_capacity(level.len());
        for i in level {
            let u = &b.units[i];
            let parent_id = match &u.parent_code {
                Some(p) => Some(map.get(p).copied().ok_or_else(|| {
                    StorageError::invalid(
                        "unit_parent_unknown",
                        format!("unit induk {p} tidak ditemukan"),
                    )
                })?),
                None => None,
            };
            rows.push(unit::ActiveModel {
                agency_id: Set(agency_id),
                department_id: Set(departments.id(&u.department_code)?),
                parent_id: Set(parent_id),
                code: Set(u.code.clone()),
                name: Set(u.name.clone()),
                kind: Set(u.kind.code().to_string()),
                is_org_unit: Set(u.is_org_unit),
                sort_order: Set(i as i64),
                ..Default::default()
            });
        }
        upsert(txn, rows, 8, conflict.clone()).await?;
        map = code_map::<unit::Entity>(txn, C::AgencyId, |m| (m.code.clone(), m.id), agency_id)
            .await?;
    }
    if b.units.is_empty() {
        map = code_map::<unit::Entity>(txn, C::AgencyId, |m| (m.code.clone(), m.id), agency_id)
            .await?;
    }
    Ok(keyed(map, b.units.iter().map(|u| u.code.as_str())))
}

pub(super) async fn upsert_positions(
    txn: &DatabaseTransaction,
    b: &AgencyBundle,
    agency_id: i64,
    units: &Keyed,
) -> Result<Keyed> {
    use position::Column as C;
    let mut rows = Vec::with_capacity(b.positions.len());
    for (i, p) in b.positions.iter().enumerate() {
        rows.push(position::ActiveModel {
            agency_id: Set(agency_id),
            unit_id: Set(units.id(&p.unit_code)?),
            code: Set(p.code.clone()),
            name: Set(p.name.clone()),
            class: Set(p.class.code().to_string()),
            is_head: Set(p.is_head),
            functional_level: Set(p.functional_level.map(|l| l.code().to_string())),
            substance: Set(p.substance.map(|s| s.code().to_string())),
            acting_employee_id: Set(None),
            acting_kind: Set(None),
            sort_order: Set(i as i64),
            ..Default::default()
        });
    }
    let conflict = OnConflict::columns([C::AgencyId, C::Code])
        .update_columns([
            C::UnitId,
            C::Name,
            C::Class,
            C::IsHead,
            C::FunctionalLevel,
            C::Substance,
            C::ActingEmployeeId,
            C::ActingKind,
            C::SortOrder,
        ])
        .to_owned();
    upsert(txn, rows, 11, conflict).await?;
    let map = code_map::<position::Entity>(txn, C::AgencyId, |m| (m.code.clone(), m.id), agency_id)
        .await?;
    Ok(keyed(map, b.positions.iter().map(|p| p.code.as_str())))
}

pub(super) async fn upsert_employees(
    txn: &DatabaseTransaction,
    b: &AgencyBundle,
    agency_id: i64,
    positions: &Keyed,
) -> Result<Keyed> {
    use employee::Column as C;
    let mut rows = Vec::with_capacity(b.employees.len());
    for (i, e) in b.employees.iter().enumerate() {
        rows.push(employee::ActiveModel {
            agency_id: Set(agency_id),
            nip: Set(e.nip.as_str().to_string()),
            name: Set(e.name.clone()),
            front_title: Set(e.front_title.clone()),
            back_title: Set(e.back_title.clone()),
            employment_type: Set(e.employment_type.code().to_string()),
            grade: Set(e.grade.to_string()),
            education: Set(e.education.label().to_string()),
            position_id: Set(e
                .position_code
                .as_deref()
                .map(|c| positions.id(c))
                .transpose()?),
            from_equalization: Set(e.from_equalization),
            sort_order: Set(i as i64),
            ..Default::default()
        });
    }
    let conflict = OnConflict::column(C::Nip)
        .update_columns([
            C::Name,
            C::FrontTitle,
            C::BackTitle,
            C::EmploymentType,
            C::Grade,
            C::Education,
            C::PositionId,
            C::FromEqualization,
            C::SortOrder,
        ])
        .to_owned();
    upsert(txn, rows, 11, conflict).await?;
    let map = code_map::<employee::Entity>(txn, C::AgencyId, |m| (m.nip.clone(), m.id), agency_id)
        .await?;
    Ok(keyed(map, b.employees.iter().map(|e| e.nip.as_str())))
}

pub(super) async fn set_acting(
    txn: &DatabaseTransaction,
    b: &AgencyBundle,
    positions: &Keyed,
    employees: &Keyed,
) -> Result<()> {
    for e in &b.employees {
        let Some(code) = &e.acting_position_code else {
            continue;
        };
        let kind = e
            .acting_kind
            .unwrap_or(sikerja_domain::org::ActingKind::Plt);
        position::Entity::update_many()
            .col_expr(
                position::Column::ActingEmployeeId,
                employees.id(e.nip.as_str())?.into(),
            )
            .col_expr(position::Column::ActingKind, kind.code().into())
            .filter(position::Column::Id.eq(positions.id(code)?))
            .exec(txn)
            .await
            .on_constraint(WHAT)?;
    }
    Ok(())
}

pub(super) async fn delete_missing<E: EntityTrait>(
    txn: &DatabaseTransaction,
    keyed: &Keyed,
    _e: E,
    id: E::Column,
) -> Result<()> {
    for chunk in keyed.stale.chunks(IDS_PER_QUERY) {
        E::delete_many()
            .filter(id.is_in(chunk.iter().copied()))
            .exec(txn)
            .await
            .on_constraint(WHAT)?;
    }
    Ok(())
}

pub(super) async fn replace_details(
    txn: &DatabaseTransaction,
    b: &AgencyBundle,
    agency_id: i64,
    employees: &Keyed,
) -> Result<()> {
    let of_agency = Query::select()
        .column(employee::Column::Id)
        .from(employee::Entity)
        .and_where(employee::Column::AgencyId.eq(agency_id))
        .to_owned();
    rating::Entity::delete_many()
        .filter(rating::Column::EmployeeId.in_subquery(of_agency.clone()))
        .exec(txn)
        .await?;
    experience::Entity::delete_many()
        .filter(experience::Column::EmployeeId.in_subquery(of_agency))
        .exec(txn)
        .await?;
    // Issue 14 point 6: each experience row names a field of the agency's controlled list (by
    // name or synonym, ignoring case and spaces) and is stored as that field's name. A file
    // with its own list (`experience_fields`) replaces the stored one; an agency without a
    // list gets one field per distinct text of the file; with a list, a text naming no field
    // refuses the import with every such row.
    let mut fields = crate::experience_fields::fields_of(txn, AgencyId(agency_id)).await?;
    let texts = b
        .employees
        .iter()
        .flat_map(|e| e.experience.iter().map(|x| x.field.as_str()));
    if !b.experience_fields.is_empty() {
        if let Err(problems) = sikerja_domain::experience_fields::validate(&b.experience_fields) {
            let message = problems
                .iter()
                .map(|p| p.message.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            return Err(StorageError::invalid(problems[0].code, message));
        }
        experience_field::Entity::delete_many()
            .filter(experience_field::Column::AgencyId.eq(agency_id))
            .exec(txn)
            .await?;
        crate::experience_fields::add_fields(
            txn,
            AgencyId(agency_id),
            &b.experience_fields,
            "impor instansi",
        )
        .await?;
        fields = b.experience_fields.clone();
    } else if fields.is_empty() {
        let new = new_fields_for(&[], texts);
        crate::experience_fields::add_fields(txn, AgencyId(agency_id), &new, "impor instansi")
            .await?;
        fields = new;
    }
    {
        let unknown: Vec<String> = b
            .employees
            .iter()
            .flat_map(|e| {
                e.experience
                    .iter()
                    .filter(|x| find_field(&fields, &x.field).is_none())
                    .map(move |x| format!("NIP {}: \"{}\"", e.nip.as_str(), x.field.trim()))
            })
            .collect();
        if !unknown.is_empty() {
            return Err(StorageError::invalid(
                "experience_field_unknown",
                format!(
                    "Bidang pengalaman tidak ada dalam daftar bidang tugas instansi (tambahkan sebagai bidang atau sinonim di /admin/bidang-tugas): {}.",
                    unknown.join("; ")
                ),
            ));
        }
    }
    let mut ratings = Vec::new();
    let mut experience_rows = Vec::new();
    for e in &b.employees {
        let id = employees.id(e.nip.as_str())?;
        for r in &e.ratings {
            ratings.push(rating::ActiveModel {
                employee_id: Set(id),
                year: Set(i32::from(r.year)),
                rating: Set(r.rating.code().to_string()),
                ..Default::default()
            });
        }
        for x in &e.experience {
            experience_rows.push(experience::ActiveModel {
                employee_id: Set(id),
                field: Set(canonical_name(&fields, &x.field)),
                years: Set(i32::from(x.years)),
                ..Default::default()
            });
        }
    }
    insert_all(txn, ratings, 3).await.on_constraint(WHAT)?;
    insert_all(txn, experience_rows, 3)
        .await
        .on_constraint(WHAT)?;
    Ok(())
}

/// Multi-row INSERT … ON CONFLICT DO UPDATE in batches.
async fn upsert<A>(
    txn: &DatabaseTransaction,
    rows: Vec<A>,
    columns: usize,
    conflict: OnConflict,
) -> Result<()>
where
    A: sea_orm::ActiveModelTrait + Send,
{
    let size = rows_per_insert(columns);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(size).collect();
        A::Entity::insert_many(chunk)
            .on_conflict(conflict.clone())
            .exec_without_returning(txn)
            .await
            .on_constraint(WHAT)?;
    }
    Ok(())
}
