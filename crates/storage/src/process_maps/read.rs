//! Reading maps: the list with its filters, one map with its versions and reviews, a
//! version's bytes, and what changed between two versions. Only people of the map's agency
//! read (`process_map::may_read`); another agency's map is not found.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use sikerja_domain::access::ActorFacts;
use sikerja_domain::organisation::{AgencyId, DepartmentId};
use sikerja_domain::process_map::{
    MapRefusal, ProcessMapKind, ProcessMapStatus, SopChange, may_read,
};

use super::{
    MapDetail, MapFilter, MapSummary, ProcessMapId, ReviewView, VersionView, bpmn_refused, refused,
};
use crate::Store;
use crate::entities::{department, process_map, process_map_review, process_map_version};
use crate::error::{Result, StorageError, corrupt};

/// `%text%` with `%`, `_` and `\` taken literally.
fn contains_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// A version without its bytes: id, number, SHA-256, source, note, saved by, at, size.
type VersionRow = (
    i64,
    i32,
    String,
    String,
    String,
    String,
    chrono::DateTime<chrono::Utc>,
    i64,
);

pub(crate) fn number(n: i32) -> Result<u32> {
    u32::try_from(n).map_err(|_| corrupt("process map version", &n.to_string()))
}

/// The map row, if the person reads its agency's maps; else not found.
pub(crate) async fn readable<C: ConnectionTrait>(
    db: &C,
    id: ProcessMapId,
    facts: &ActorFacts,
) -> Result<process_map::Model> {
    let row = process_map::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("process_map", id))?;
    if !may_read(facts, AgencyId(row.agency_id)) {
        return Err(StorageError::not_found("process_map", id));
    }
    Ok(row)
}

/// The latest version number of each map (0 without versions).
async fn latest_numbers<C: ConnectionTrait>(db: &C, maps: &[i64]) -> Result<HashMap<i64, u32>> {
    let rows: Vec<(i64, Option<i32>)> = process_map_version::Entity::find()
        .select_only()
        .column(process_map_version::Column::MapId)
        .column_as(process_map_version::Column::Number.max(), "latest")
        .filter(process_map_version::Column::MapId.is_in(maps.iter().copied()))
        .group_by(process_map_version::Column::MapId)
        .into_tuple()
        .all(db)
        .await?;
    rows.into_iter()
        .map(|(m, n)| Ok((m, number(n.unwrap_or(0))?)))
        .collect()
}

fn summary(
    row: &process_map::Model,
    latest: u32,
    departments: &HashMap<i64, String>,
) -> Result<MapSummary> {
    Ok(MapSummary {
        id: ProcessMapId(row.id),
        agency: AgencyId(row.agency_id),
        department: row.department_id.map(DepartmentId),
        department_name: row.department_id.and_then(|d| departments.get(&d).cloned()),
        kind: ProcessMapKind::from_code(&row.kind)
            .ok_or_else(|| corrupt("process map kind", &row.kind))?,
        title: row.title.clone(),
        status: ProcessMapStatus::from_code(&row.status)
            .ok_or_else(|| corrupt("process map status", &row.status))?,
        published_version: row.published_version.map(number).transpose()?,
        latest_version: latest,
        updated_at: row.updated_at,
    })
}

async fn department_names<C: ConnectionTrait>(
    db: &C,
    agency: AgencyId,
) -> Result<HashMap<i64, String>> {
    Ok(department::Entity::find()
        .filter(department::Column::AgencyId.eq(agency.0))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect())
}

pub(crate) async fn version_row<C: ConnectionTrait>(
    db: &C,
    map: i64,
    n: u32,
) -> Result<process_map_version::Model> {
    process_map_version::Entity::find()
        .filter(process_map_version::Column::MapId.eq(map))
        .filter(process_map_version::Column::Number.eq(i64::from(n)))
        .one(db)
        .await?
        .ok_or_else(|| refused(MapRefusal::UnknownVersion(n)))
}

impl Store {
    /// The maps of an agency, by title, narrowed by `filter`. Refused (`Forbidden
    /// process_map_not_reader`) to a person of another agency.
    pub async fn process_maps(
        &self,
        agency: AgencyId,
        facts: &ActorFacts,
        filter: &MapFilter,
    ) -> Result<Vec<MapSummary>> {
        if !may_read(facts, agency) {
            return Err(refused(MapRefusal::NotReader));
        }
        let mut q = process_map::Entity::find().filter(process_map::Column::AgencyId.eq(agency.0));
        if let Some(k) = filter.kind {
            q = q.filter(process_map::Column::Kind.eq(k.code()));
        }
        if let Some(s) = filter.status {
            q = q.filter(process_map::Column::Status.eq(s.code()));
        }
        if let Some(d) = filter.department {
            q = q.filter(process_map::Column::DepartmentId.eq(d.0));
        }
        if let Some(text) = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let like = Expr::expr(Func::lower(Expr::col((
                process_map::Entity,
                process_map::Column::Title,
            ))))
            .like(LikeExpr::new(contains_pattern(&text.to_lowercase())).escape('\\'));
            q = q.filter(like);
        }
        let rows = q
            .order_by_asc(process_map::Column::Title)
            .order_by_asc(process_map::Column::Id)
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let latest = latest_numbers(&self.db, &ids).await?;
        let departments = department_names(&self.db, agency).await?;
        rows.iter()
            .map(|r| summary(r, latest.get(&r.id).copied().unwrap_or(0), &departments))
            .collect()
    }

    /// One map with its versions and reviews, newest first. Not found for a person of
    /// another agency.
    pub async fn process_map(&self, id: ProcessMapId, facts: &ActorFacts) -> Result<MapDetail> {
        let txn = self.read_txn().await?;
        let row = readable(&txn, id, facts).await?;
        let versions: Vec<VersionRow> = process_map_version::Entity::find()
            .select_only()
            .column(process_map_version::Column::Id)
            .column(process_map_version::Column::Number)
            .column(process_map_version::Column::Sha256)
            .column(process_map_version::Column::Source)
            .column(process_map_version::Column::Note)
            .column(process_map_version::Column::SavedBy)
            .column(process_map_version::Column::SavedAt)
            .column(process_map_version::Column::Size)
            .filter(process_map_version::Column::MapId.eq(row.id))
            .order_by_desc(process_map_version::Column::Number)
            .into_tuple()
            .all(&txn)
            .await?;
        let numbers: HashMap<i64, u32> = versions
            .iter()
            .map(|v| Ok((v.0, number(v.1)?)))
            .collect::<Result<_>>()?;
        let reviews = process_map_review::Entity::find()
            .filter(process_map_review::Column::MapId.eq(row.id))
            .order_by_desc(process_map_review::Column::ReviewedAt)
            .order_by_desc(process_map_review::Column::Id)
            .all(&txn)
            .await?;
        let departments = department_names(&txn, AgencyId(row.agency_id)).await?;
        let latest = numbers.values().copied().max().unwrap_or(0);
        Ok(MapDetail {
            map: summary(&row, latest, &departments)?,
            created_by: row.created_by.clone(),
            created_at: row.created_at,
            versions: versions
                .into_iter()
                .map(|v| {
                    Ok(VersionView {
                        number: number(v.1)?,
                        sha256: v.2,
                        source: v.3,
                        note: v.4,
                        saved_by: v.5,
                        saved_at: v.6,
                        size: usize::try_from(v.7).unwrap_or(0),
                    })
                })
                .collect::<Result<_>>()?,
            reviews: reviews
                .into_iter()
                .map(|r| {
                    let sop_changes: Vec<SopChange> = serde_json::from_str(&r.sop_changes)
                        .map_err(|_| corrupt("sop changes", &r.sop_changes))?;
                    Ok(ReviewView {
                        id: r.id,
                        version: numbers.get(&r.version_id).copied().unwrap_or(0),
                        findings: r.findings,
                        decisions: r.decisions,
                        sop_changes,
                        reviewed_by: r.reviewed_by,
                        reviewed_at: r.reviewed_at,
                    })
                })
                .collect::<Result<_>>()?,
        })
    }

    /// The agency of a map, for the route gate (no rights checked here).
    pub async fn process_map_agency(&self, id: ProcessMapId) -> Result<AgencyId> {
        process_map::Entity::find_by_id(id.0)
            .select_only()
            .column(process_map::Column::AgencyId)
            .into_tuple::<i64>()
            .one(&self.db)
            .await?
            .map(AgencyId)
            .ok_or_else(|| StorageError::not_found("process_map", id))
    }

    /// The bytes of a version as they were saved.
    pub async fn process_map_version_xml(
        &self,
        id: ProcessMapId,
        version: u32,
        facts: &ActorFacts,
    ) -> Result<Vec<u8>> {
        let row = readable(&self.db, id, facts).await?;
        Ok(version_row(&self.db, row.id, version).await?.xml)
    }

    /// What changed from version `before` to version `after`, element by element
    /// (`sikerja_maps::diff`).
    pub async fn diff_process_map_versions(
        &self,
        id: ProcessMapId,
        before: u32,
        after: u32,
        facts: &ActorFacts,
    ) -> Result<Vec<sikerja_maps::ElementChange>> {
        let txn = self.read_txn().await?;
        let row = readable(&txn, id, facts).await?;
        let a = version_row(&txn, row.id, before).await?;
        let b = version_row(&txn, row.id, after).await?;
        let a = sikerja_maps::read(&a.xml).map_err(|e| bpmn_refused(&e))?;
        let b = sikerja_maps::read(&b.xml).map_err(|e| bpmn_refused(&e))?;
        Ok(sikerja_maps::diff(&a, &b))
    }
}
