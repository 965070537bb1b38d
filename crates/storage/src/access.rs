//! What authorisation needs to know about a signed-in person ([`ActorFacts`]), read afresh on
//! every request so that rights follow positions: the moment an import moves a post (or a
//! Plt./Plh. assignment) to someone else, the facts of both people change with it.
//!
//! Five small queries: the employee, the posts joined with unit and department, the root units
//! of those departments, the number of people they assess, and their active grants.

use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Order, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use sikerja_domain::access::{ActorFacts, GrantedRole, HeldPost};
use sikerja_domain::holders::{Exercise, PositionFacts, department_root, exercise};
use sikerja_domain::org::{ActingKind, DepartmentKind};
use sikerja_domain::organisation::{
    Acting, AgencyId, DepartmentId, EmployeeId, PositionId, UnitId,
};

use crate::Store;
use crate::convert::{self, code};
use crate::entities::{department, employee, placement, position, regional_head, role_grant, unit};
use crate::error::{Result, StorageError};
use crate::views::PlacementStatus;

impl Store {
    /// The facts about an employee that decide what they may do: their agency, the
    /// department of their own position, every post they hold or act in (Plt./Plh.), how
    /// many JF/Pelaksana they assess as PPK, and their active granted roles.
    pub async fn actor_facts(&self, employee: EmployeeId) -> Result<ActorFacts> {
        let person = employee::Entity::find_by_id(employee.0)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("employee", employee))?;
        let posts = posts_of(&self.db, &person).await?;
        let home_department = person.position_id.and_then(|own| {
            posts
                .iter()
                .find(|p| p.position.0 == own && p.acting.is_none())
                .map(|p| p.department)
        });
        let assesses = placement::Entity::find()
            .filter(placement::Column::AssessorEmployeeId.eq(person.id))
            .filter(placement::Column::Status.eq(PlacementStatus::Placed.code()))
            .count(&self.db)
            .await?;
        let granted = granted_roles(&self.db, &person).await?;
        Ok(ActorFacts {
            employee: Some(EmployeeId(person.id)),
            agency: Some(AgencyId(person.agency_id)),
            home_department,
            posts,
            assesses: u32::try_from(assesses).unwrap_or(u32::MAX),
            granted,
            regional_head: None,
        })
    }

    /// The facts of a regional head's account: their agency and kind, no posts.
    pub async fn regional_head_facts(&self, id: i64) -> Result<ActorFacts> {
        let row = regional_head::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("regional_head", id))?;
        // A regional head acts only while a term of theirs covers today (issue 14 point 4).
        let today = crate::policies::today();
        Ok(ActorFacts {
            agency: Some(AgencyId(row.agency_id)),
            regional_head: crate::regional_head_terms::kind_in_term(&self.db, row.id, today)
                .await?,
            ..ActorFacts::default()
        })
    }
}

/// The person's own position (first) and the positions they act in, ordered by id.
///
/// One query: each held position joined with its unit, its department and the department's
/// parentless units (one row per parentless unit, usually one), so that the domain can pick
/// the department's root unit (`holders::department_root`) without another round trip.
async fn posts_of<C: ConnectionTrait>(db: &C, person: &employee::Model) -> Result<Vec<HeldPost>> {
    let p = position::Entity;
    let u = unit::Entity;
    let d = department::Entity;
    let roots = Alias::new("root_units");
    let mut held = Expr::col((p, position::Column::ActingEmployeeId)).eq(person.id);
    if let Some(own) = person.position_id {
        held = held.or(Expr::col((p, position::Column::Id)).eq(own));
    }
    let q = Query::select()
        .column((p, position::Column::Id))
        .column((p, position::Column::Name))
        .column((p, position::Column::Class))
        .column((p, position::Column::IsHead))
        .column((p, position::Column::AgencyId))
        .column((p, position::Column::ActingEmployeeId))
        .column((p, position::Column::ActingKind))
        .column((p, position::Column::UnitId))
        .column((u, unit::Column::DepartmentId))
        .expr_as(
            Expr::col((d, department::Column::Kind)),
            Alias::new("department_kind"),
        )
        .expr_as(
            Expr::col((roots.clone(), unit::Column::Id)),
            Alias::new("parentless_unit"),
        )
        .from(p)
        .inner_join(
            u,
            Expr::col((u, unit::Column::Id)).equals((p, position::Column::UnitId)),
        )
        .inner_join(
            d,
            Expr::col((d, department::Column::Id)).equals((u, unit::Column::DepartmentId)),
        )
        .join_as(
            sea_orm::sea_query::JoinType::LeftJoin,
            u,
            roots.clone(),
            Expr::col((roots.clone(), unit::Column::DepartmentId))
                .equals((u, unit::Column::DepartmentId))
                .and(Expr::col((roots.clone(), unit::Column::ParentId)).is_null()),
        )
        .and_where(held)
        .order_by((p, position::Column::Id), Order::Asc)
        .to_owned();
    let rows = db.query_all(&q).await?;
    // The parentless units of each department, as joined.
    let mut parentless: HashMap<i64, Vec<UnitId>> = HashMap::new();
    for row in &rows {
        let department_id: i64 = row.try_get("", "department_id")?;
        if let Some(r) = row.try_get::<Option<i64>>("", "parentless_unit")? {
            parentless.entry(department_id).or_default().push(UnitId(r));
        }
    }
    let roots: HashMap<i64, UnitId> = parentless
        .into_iter()
        .filter_map(|(dep, units)| {
            department_root(units.into_iter().map(|id| (id, None))).map(|root| (dep, root))
        })
        .collect();
    let mut own = None;
    let mut acting: Vec<HeldPost> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for row in rows {
        let id: i64 = row.try_get("", "id")?;
        if !seen.insert(id) {
            continue;
        }
        let unit_id: i64 = row.try_get("", "unit_id")?;
        let department_id: i64 = row.try_get("", "department_id")?;
        let class: String = row.try_get("", "class")?;
        let kind: String = row.try_get("", "department_kind")?;
        let acting_by: Option<i64> = row.try_get("", "acting_employee_id")?;
        let acting_kind: Option<String> = row.try_get("", "acting_kind")?;
        let is_own = person.position_id == Some(id);
        let facts = PositionFacts {
            id: PositionId(id),
            unit: UnitId(unit_id),
            agency: AgencyId(row.try_get("", "agency_id")?),
            name: String::new(),
            is_head: row.try_get("", "is_head")?,
            // Stored without a kind reads as Plt., as `convert::position` does.
            acting: match acting_by {
                Some(e) => Some(Acting {
                    employee: EmployeeId(e),
                    kind: convert::acting_kind(acting_kind.as_deref())?.unwrap_or(ActingKind::Plt),
                }),
                None => None,
            },
        };
        let post = HeldPost {
            position: PositionId(id),
            name: row.try_get("", "name")?,
            class: convert::position_class(&class)?,
            unit: UnitId(unit_id),
            department: DepartmentId(department_id),
            department_kind: code("department kind", &kind, DepartmentKind::from_code)?,
            agency: AgencyId(row.try_get("", "agency_id")?),
            is_head: row.try_get("", "is_head")?,
            heads_department: roots.get(&department_id) == Some(&UnitId(unit_id)),
            // ORG-05; acting in one's own position is no acting: the definitive holding wins.
            acting: match exercise(
                EmployeeId(person.id),
                person.position_id.map(PositionId),
                &facts,
            ) {
                Some(Exercise::Acting(kind)) => Some(kind),
                _ => None,
            },
        };
        if is_own {
            own = Some(post);
        } else {
            acting.push(post);
        }
    }
    Ok(own.into_iter().chain(acting).collect())
}

/// Roles granted to the person in their agency and not taken back, in code order.
async fn granted_roles<C: ConnectionTrait>(
    db: &C,
    person: &employee::Model,
) -> Result<Vec<GrantedRole>> {
    let rows = role_grant::Entity::find()
        .filter(role_grant::Column::EmployeeId.eq(person.id))
        .filter(role_grant::Column::AgencyId.eq(person.agency_id))
        .filter(role_grant::Column::RevokedAt.is_null())
        .all(db)
        .await?;
    let mut roles = rows
        .iter()
        .map(|g| code("granted role", &g.role, GrantedRole::from_code))
        .collect::<Result<Vec<_>>>()?;
    roles.sort();
    roles.dedup();
    Ok(roles)
}
