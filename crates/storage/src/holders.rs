//! The organisation facts the domain's holder questions read (`sikerja_domain::holders`):
//! loaded in a fixed number of queries whatever the depth of the unit tree, converted to the
//! domain's snapshot types; and the one `exercises` check (ORG-05, PEN-18) for callers that ask
//! it about a single position.

use std::collections::HashMap;

use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use sikerja_domain::access::RegionalHeadKind;
use sikerja_domain::holders::{
    AgencyFacts, DepartmentFacts, OrgSnapshot, PersonFacts, PositionFacts, RegionalHeadFacts,
    UnitFacts,
};
use sikerja_domain::org::{ActingKind, AgencyKind, DepartmentKind};
use sikerja_domain::organisation::{
    Acting, AgencyId, DepartmentId, EmployeeId, PositionId, UnitId,
};

use crate::batch::{IDS_PER_QUERY, rows_where_in, unique_ids};
use crate::convert::{acting_kind, code};
use crate::entities::{
    agency, department, employee, placement, position, regional_head_term, unit,
};
use crate::error::Result;
use crate::views::PlacementStatus;

/// A position row as the domain's holder facts.
pub(crate) fn position_facts(p: &position::Model) -> Result<PositionFacts> {
    let acting = match p.acting_employee_id {
        // Stored without a kind reads as Plt., as `convert::position` does.
        Some(e) => Some(Acting {
            employee: EmployeeId(e),
            kind: acting_kind(p.acting_kind.as_deref())?.unwrap_or(ActingKind::Plt),
        }),
        None => None,
    };
    Ok(PositionFacts {
        id: PositionId(p.id),
        unit: UnitId(p.unit_id),
        agency: AgencyId(p.agency_id),
        name: p.name.clone(),
        is_head: p.is_head,
        acting,
    })
}

/// Whether `employee` exercises `position` now (ORG-05, PEN-18), read in `db`.
pub(crate) async fn exercises<C: ConnectionTrait>(
    db: &C,
    employee: EmployeeId,
    position: PositionId,
) -> Result<bool> {
    let Some(post) = position::Entity::find_by_id(position.0).one(db).await? else {
        return Ok(false);
    };
    let definitive = employee::Entity::find_by_id(employee.0)
        .one(db)
        .await?
        .and_then(|e| e.position_id)
        .map(PositionId);
    Ok(sikerja_domain::holders::exercises(
        employee,
        definitive,
        &position_facts(&post)?,
    ))
}

/// The positions `employee` exercises now (ORG-05): the candidates are read in two small
/// queries (their definitive position, the posts naming them as Plt./Plh.) and the domain's
/// check decides.
pub(crate) async fn positions_exercised_by<C: ConnectionTrait>(
    db: &C,
    employee: EmployeeId,
) -> Result<Vec<position::Model>> {
    let definitive = employee::Entity::find_by_id(employee.0)
        .one(db)
        .await?
        .and_then(|e| e.position_id);
    let mut any = Condition::any().add(position::Column::ActingEmployeeId.eq(employee.0));
    if let Some(own) = definitive {
        any = any.add(position::Column::Id.eq(own));
    }
    let mut out = Vec::new();
    for p in position::Entity::find().filter(any).all(db).await? {
        if sikerja_domain::holders::exercises(
            employee,
            definitive.map(PositionId),
            &position_facts(&p)?,
        ) {
            out.push(p);
        }
    }
    Ok(out)
}

/// What to load into a snapshot.
#[derive(Debug, Default)]
pub(crate) struct Wanted {
    /// Agencies whose Sekretariat Daerah, named Pejabat yang Berwenang and regional head are
    /// loaded (the agencies of `people` are added).
    pub agencies: Vec<i64>,
    /// Units whose whole department (every unit, every head position) is loaded; the
    /// departments of every position loaded by id are loaded too.
    pub units: Vec<i64>,
    /// People with their definitive position and their placement (superior, PPK).
    pub people: Vec<i64>,
    /// Further positions wanted by id.
    pub positions: Vec<i64>,
}

/// A snapshot and the employee rows of the people it was loaded for.
pub(crate) struct Loaded {
    pub snapshot: OrgSnapshot,
    pub employees: Vec<employee::Model>,
}

/// Loads a snapshot in nine queries whatever the depth of the tree: the people, their
/// placements, the agencies and their policies in force, the positions named by id (by `want`, by the people's holdings and
/// placements, by the agencies), the departments of the agencies, every unit of the departments
/// concerned (those of `want.units`, of the named positions and the Sekretariat Daerah), their
/// head positions, and the regional heads' terms (the day of the decision is today, WITA).
pub(crate) async fn load<C: ConnectionTrait>(db: &C, want: &Wanted) -> Result<Loaded> {
    let people_ids = unique_ids(want.people.iter().copied());
    let employees =
        rows_where_in::<employee::Entity, _>(db, employee::Column::Id, &people_ids).await?;
    let placements =
        rows_where_in::<placement::Entity, _>(db, placement::Column::EmployeeId, &people_ids)
            .await?;
    let agency_ids = unique_ids(
        want.agencies
            .iter()
            .copied()
            .chain(employees.iter().map(|e| e.agency_id)),
    );
    let agencies = rows_where_in::<agency::Entity, _>(db, agency::Column::Id, &agency_ids).await?;
    // PEN-15: the Pejabat yang Berwenang of each agency in force today (issue 14 point 5).
    let authorities: HashMap<i64, Option<i64>> = crate::policies::in_force_many(
        db,
        &agencies.iter().map(|a| a.id).collect::<Vec<_>>(),
        crate::policies::today(),
    )
    .await?
    .into_iter()
    .map(|(a, p)| (a, p.authority_position.map(|x| x.0)))
    .collect();
    let authority_of = |a: i64| authorities.get(&a).copied().flatten();
    let named_ids = unique_ids(
        want.positions
            .iter()
            .copied()
            .chain(employees.iter().filter_map(|e| e.position_id))
            .chain(placements.iter().filter_map(|p| p.superior_position_id))
            .chain(placements.iter().filter_map(|p| p.assessor_position_id))
            .chain(agencies.iter().filter_map(|a| authority_of(a.id))),
    );
    let named = rows_where_in::<position::Entity, _>(db, position::Column::Id, &named_ids).await?;
    let departments =
        rows_where_in::<department::Entity, _>(db, department::Column::AgencyId, &agency_ids)
            .await?;
    let secretariats = departments
        .iter()
        .filter(|d| d.kind == DepartmentKind::RegionalSecretariat.code())
        .map(|d| d.id);
    let start_units = unique_ids(
        want.units
            .iter()
            .copied()
            .chain(named.iter().map(|p| p.unit_id)),
    );
    let departments_of_units = Query::select()
        .column(unit::Column::DepartmentId)
        .from(unit::Entity)
        .and_where(unit::Column::Id.is_in(start_units))
        .to_owned();
    let units = unit::Entity::find()
        .filter(
            Condition::any()
                .add(unit::Column::DepartmentId.in_subquery(departments_of_units))
                .add(unit::Column::DepartmentId.is_in(secretariats)),
        )
        .all(db)
        .await?;
    let unit_ids: Vec<i64> = units.iter().map(|u| u.id).collect();
    let mut heads = Vec::new();
    for chunk in unit_ids.chunks(IDS_PER_QUERY) {
        heads.extend(
            position::Entity::find()
                .filter(position::Column::IsHead.eq(true))
                .filter(position::Column::UnitId.is_in(chunk.iter().copied()))
                .all(db)
                .await?,
        );
    }
    let regional_heads = regional_head_term::Entity::find()
        .filter(regional_head_term::Column::AgencyId.is_in(agency_ids.iter().copied()))
        .filter(regional_head_term::Column::Kind.eq(RegionalHeadKind::Head.code()))
        .all(db)
        .await?;

    let mut snap = OrgSnapshot::default();
    for d in &departments {
        snap.add_department(DepartmentFacts {
            id: DepartmentId(d.id),
            agency: AgencyId(d.agency_id),
            kind: code("department kind", &d.kind, DepartmentKind::from_code)?,
        });
    }
    for u in &units {
        snap.add_unit(UnitFacts {
            id: UnitId(u.id),
            department: DepartmentId(u.department_id),
            parent: u.parent_id.map(UnitId),
            is_org_unit: u.is_org_unit,
        });
    }
    for p in named.iter().chain(&heads) {
        snap.add_position(position_facts(p)?);
    }
    for a in &agencies {
        let kind = code("agency kind", &a.kind, AgencyKind::from_code)?;
        snap.add_agency(AgencyFacts {
            id: AgencyId(a.id),
            authority: authority_of(a.id).map(PositionId),
            head_office: sikerja_domain::regional_heads::head_office_title(kind, &a.name),
        });
    }
    // Every term of the heads: the domain takes the one covering the day of the decision.
    for r in regional_heads {
        snap.add_regional_head(RegionalHeadFacts {
            id: r.regional_head_id,
            agency: AgencyId(r.agency_id),
            term: crate::regional_head_terms::term_of(&r)?,
            title: r.title,
        });
    }
    snap.set_day(crate::policies::today());
    for e in &employees {
        let placed = placements.iter().find(|p| p.employee_id == e.id);
        snap.add_person(PersonFacts {
            id: EmployeeId(e.id),
            agency: AgencyId(e.agency_id),
            name: e.name.clone(),
            position: e.position_id.map(PositionId),
            superior: placed.and_then(|p| p.superior_position_id).map(PositionId),
            assessor: placed
                .filter(|p| p.status == PlacementStatus::Placed.code())
                .and_then(|p| p.assessor_position_id)
                .map(PositionId),
        });
    }
    Ok(Loaded {
        snapshot: snap,
        employees,
    })
}
