//! Writing maps: create (from a document or a generated workflow), save a version, publish,
//! archive, review. Each checks the keeper (`process_map::check_keeper`) and the domain's
//! decision, writes in one transaction with its audit row, and locks the map's row so that
//! two keepers' saves queue and take consecutive numbers.

use std::collections::BTreeSet;

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, SqlErr};
use serde_json::json;
use sha2::{Digest, Sha256};
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::{AgencyId, DepartmentId};
use sikerja_domain::process_map::{
    ProcessMapStatus, ReviewInput, check_keeper, check_note, check_title, decide_archive,
    decide_publish, decide_review, decide_save,
};

use super::lanes::{carry, lanes_of};
use super::read::{number, version_row};
use super::{DocumentSource, MapActor, MapSource, NewMap, ProcessMapId, bpmn_refused, refused};
use crate::Store;
use crate::audit;
use crate::connect::WriteTxn;
use crate::entities::{department, process_map, process_map_review, process_map_version};
use crate::error::{Result, StorageError, corrupt};

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The document of a source, checked: the given bytes or the generated workflow's XML, and
/// the source's stored code.
fn document(source: MapSource) -> Result<(Vec<u8>, String)> {
    match source {
        MapSource::Document { xml, source } => {
            sikerja_maps::read(&xml).map_err(|e| bpmn_refused(&e))?;
            Ok((xml, source.code().to_string()))
        }
        MapSource::Workflow(kind) => {
            let defs = sikerja_maps::generate(&kind.definition());
            Ok((
                sikerja_maps::write(&defs).into_bytes(),
                format!("workflow:{}", kind.code()),
            ))
        }
    }
}

/// A version to insert.
struct NewVersion<'a> {
    map: i64,
    number: u32,
    xml: Vec<u8>,
    source: &'a str,
    note: &'a str,
    by: &'a str,
    now: DateTime<Utc>,
}

/// Inserts a version; a concurrent save of the same number is a conflict. Returns its id and
/// SHA-256.
async fn insert_version(txn: &WriteTxn, v: NewVersion<'_>) -> Result<(i64, String)> {
    let NewVersion {
        map,
        number: n,
        xml,
        source,
        note,
        by,
        now,
    } = v;
    let sha = sha256_hex(&xml);
    let row = process_map_version::ActiveModel {
        map_id: Set(map),
        number: Set(i32::try_from(n).map_err(|_| corrupt("process map version", &n.to_string()))?),
        size: Set(i64::try_from(xml.len()).unwrap_or(i64::MAX)),
        xml: Set(xml),
        sha256: Set(sha.clone()),
        source: Set(source.to_string()),
        note: Set(note.trim().to_string()),
        saved_by: Set(by.to_string()),
        saved_at: Set(now),
        ..Default::default()
    };
    let id = process_map_version::Entity::insert(row)
        .exec(txn)
        .await
        .map_err(|e| match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => StorageError::conflict(
                "process_map_concurrent_save",
                "Peta ini baru saja disimpan oleh orang lain; muat ulang lalu simpan lagi.",
            ),
            _ => StorageError::Database(e),
        })?
        .last_insert_id;
    Ok((id, sha))
}

/// The map's row, locked, after checking the actor keeps its agency's maps.
pub(crate) async fn locked_for_keeper(
    txn: &WriteTxn,
    id: ProcessMapId,
    actor: &MapActor,
) -> Result<(process_map::Model, ProcessMapStatus)> {
    let row = process_map::Entity::find_by_id(id.0)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or_else(|| StorageError::not_found("process_map", id))?;
    if actor.facts.agency != Some(AgencyId(row.agency_id)) {
        return Err(StorageError::not_found("process_map", id));
    }
    check_keeper(&actor.facts, AgencyId(row.agency_id)).map_err(refused)?;
    let status = ProcessMapStatus::from_code(&row.status)
        .ok_or_else(|| corrupt("process map status", &row.status))?;
    Ok((row, status))
}

async fn latest(txn: &WriteTxn, map: i64) -> Result<u32> {
    let n: Option<Option<i32>> = process_map_version::Entity::find()
        .select_only()
        .column_as(process_map_version::Column::Number.max(), "latest")
        .filter(process_map_version::Column::MapId.eq(map))
        .into_tuple()
        .one(txn)
        .await?;
    number(n.flatten().unwrap_or(0))
}

async fn touch(txn: &WriteTxn, map: i64, now: DateTime<Utc>) -> Result<()> {
    process_map::Entity::update_many()
        .col_expr(process_map::Column::UpdatedAt, Expr::value(now))
        .filter(process_map::Column::Id.eq(map))
        .exec(txn)
        .await?;
    Ok(())
}

impl Store {
    /// Creates a map of `agency` with its first version (PRO-01, PRO-02), a draft. The
    /// document is checked (`bpmn_*` refusals); the department, when named, must be the
    /// agency's. Keeper only (`Forbidden process_map_not_keeper`).
    pub async fn create_process_map(
        &self,
        agency: AgencyId,
        input: NewMap,
        actor: &MapActor,
    ) -> Result<ProcessMapId> {
        let by = actor.audit.checked_label()?.to_string();
        check_keeper(&actor.facts, agency).map_err(refused)?;
        check_title(&input.title).map_err(refused)?;
        check_note(&input.note).map_err(refused)?;
        let (xml, source) = document(input.source)?;
        let txn = self.begin_write().await?;
        if let Some(DepartmentId(d)) = input.department {
            let found = department::Entity::find_by_id(d)
                .filter(department::Column::AgencyId.eq(agency.0))
                .one(&txn)
                .await?;
            if found.is_none() {
                return Err(StorageError::invalid(
                    "process_map_unknown_department",
                    "Perangkat Daerah yang dipilih tidak ada di instansi ini.",
                ));
            }
        }
        let now = Utc::now().trunc_subsecs(6);
        let row = process_map::ActiveModel {
            agency_id: Set(agency.0),
            department_id: Set(input.department.map(|d| d.0)),
            kind: Set(input.kind.code().to_string()),
            title: Set(input.title.trim().to_string()),
            status: Set(ProcessMapStatus::Draft.code().to_string()),
            published_version: Set(None),
            created_by: Set(by.clone()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        };
        let id = process_map::Entity::insert(row)
            .exec(&txn)
            .await?
            .last_insert_id;
        let size = xml.len();
        let (_, sha) = insert_version(
            &txn,
            NewVersion {
                map: id,
                number: 1,
                xml,
                source: &source,
                note: &input.note,
                by: &by,
                now,
            },
        )
        .await?;
        audit::append_by(
            &txn,
            &actor.audit,
            AuditAction::ProcessMapCreated,
            audit::Subject::new(AuditSubject::ProcessMap, id, agency.0),
            json!({
                "title": input.title.trim(),
                "kind": input.kind.code(),
                "department": input.department.map(|d| d.0),
                "version": 1,
                "source": source,
                "sha256": sha,
                "size": size,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(ProcessMapId(id))
    }

    /// Saves a new version of a map (PRO-03): the document as given, after it is read and
    /// checked (`bpmn_*` refusals); never on an archived map. Returns the new number.
    pub async fn save_process_map_version(
        &self,
        id: ProcessMapId,
        xml: Vec<u8>,
        source: DocumentSource,
        note: &str,
        actor: &MapActor,
    ) -> Result<u32> {
        let by = actor.audit.checked_label()?.to_string();
        // Who may comes first: a stranger learns nothing about the document's problems.
        let agency = self.process_map_agency(id).await?;
        if actor.facts.agency != Some(agency) {
            return Err(StorageError::not_found("process_map", id));
        }
        check_keeper(&actor.facts, agency).map_err(refused)?;
        check_note(note).map_err(refused)?;
        let defs = sikerja_maps::read(&xml).map_err(|e| bpmn_refused(&e))?;
        let lanes: BTreeSet<String> = lanes_of(&defs).into_iter().map(|(l, _)| l).collect();
        let txn = self.begin_write().await?;
        let (row, status) = locked_for_keeper(&txn, id, actor).await?;
        decide_save(status).map_err(refused)?;
        let previous = latest(&txn, row.id).await?;
        let n = previous + 1;
        let now = Utc::now().trunc_subsecs(6);
        let size = xml.len();
        let (vid, sha) = insert_version(
            &txn,
            NewVersion {
                map: row.id,
                number: n,
                xml,
                source: source.code(),
                note,
                by: &by,
                now,
            },
        )
        .await?;
        // PRO-01: the new version keeps the holders of the lanes it still has.
        let carried = if previous > 0 {
            let from = version_row(&txn, row.id, previous).await?.id;
            carry(&txn, row.id, from, vid, &lanes).await?
        } else {
            0
        };
        touch(&txn, row.id, now).await?;
        audit::append_by(
            &txn,
            &actor.audit,
            AuditAction::ProcessMapVersionSaved,
            audit::Subject::new(AuditSubject::ProcessMap, row.id, row.agency_id),
            json!({
                "version": n,
                "source": source.code(),
                "sha256": sha,
                "size": size,
                "note": note.trim(),
                "lanes_carried": carried,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(n)
    }

    /// Publishes the latest version of a map; returns its number.
    pub async fn publish_process_map(&self, id: ProcessMapId, actor: &MapActor) -> Result<u32> {
        actor.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let (row, status) = locked_for_keeper(&txn, id, actor).await?;
        let latest = latest(&txn, row.id).await?;
        let before = row.published_version.map(number).transpose()?;
        let n = decide_publish(status, latest, before).map_err(refused)?;
        let now = Utc::now().trunc_subsecs(6);
        process_map::Entity::update_many()
            .col_expr(
                process_map::Column::Status,
                Expr::value(ProcessMapStatus::Published.code()),
            )
            .col_expr(
                process_map::Column::PublishedVersion,
                Expr::value(i32::try_from(n).unwrap_or(i32::MAX)),
            )
            .col_expr(process_map::Column::UpdatedAt, Expr::value(now))
            .filter(process_map::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        audit::append_by(
            &txn,
            &actor.audit,
            AuditAction::ProcessMapPublished,
            audit::Subject::new(AuditSubject::ProcessMap, row.id, row.agency_id),
            json!({"version": n, "previous": before}),
        )
        .await?;
        txn.commit().await?;
        Ok(n)
    }

    /// Archives a map: kept as it is, no longer saved, published or reviewed.
    pub async fn archive_process_map(
        &self,
        id: ProcessMapId,
        reason: &str,
        actor: &MapActor,
    ) -> Result<()> {
        actor.audit.checked_label()?;
        check_note(reason).map_err(refused)?;
        let txn = self.begin_write().await?;
        let (row, status) = locked_for_keeper(&txn, id, actor).await?;
        decide_archive(status).map_err(refused)?;
        let now = Utc::now().trunc_subsecs(6);
        process_map::Entity::update_many()
            .col_expr(
                process_map::Column::Status,
                Expr::value(ProcessMapStatus::Archived.code()),
            )
            .col_expr(process_map::Column::UpdatedAt, Expr::value(now))
            .filter(process_map::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        audit::append_by(
            &txn,
            &actor.audit,
            AuditAction::ProcessMapArchived,
            audit::Subject::new(AuditSubject::ProcessMap, row.id, row.agency_id),
            json!({"status_before": status.code(), "reason": reason.trim()}),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Records a review of a version (PRO-03): findings, decisions and the SOPs it changed.
    /// Returns the review's id.
    pub async fn review_process_map(
        &self,
        id: ProcessMapId,
        review: &ReviewInput,
        actor: &MapActor,
    ) -> Result<i64> {
        let by = actor.audit.checked_label()?.to_string();
        let txn = self.begin_write().await?;
        let (row, status) = locked_for_keeper(&txn, id, actor).await?;
        let latest = latest(&txn, row.id).await?;
        decide_review(status, latest, review).map_err(refused)?;
        let version = version_row(&txn, row.id, review.version).await?;
        let sops: Vec<_> = review
            .sop_changes
            .iter()
            .map(|s| sikerja_domain::process_map::SopChange {
                number: s.number.trim().to_string(),
                title: s.title.trim().to_string(),
            })
            .collect();
        let sop_json = serde_json::to_string(&sops).unwrap_or_else(|_| "[]".to_string());
        let now = Utc::now().trunc_subsecs(6);
        let rid = process_map_review::Entity::insert(process_map_review::ActiveModel {
            map_id: Set(row.id),
            version_id: Set(version.id),
            findings: Set(review.findings.trim().to_string()),
            decisions: Set(review.decisions.trim().to_string()),
            sop_changes: Set(sop_json),
            reviewed_by: Set(by),
            reviewed_at: Set(now),
            ..Default::default()
        })
        .exec(&txn)
        .await?
        .last_insert_id;
        touch(&txn, row.id, now).await?;
        audit::append_by(
            &txn,
            &actor.audit,
            AuditAction::ProcessMapReviewed,
            audit::Subject::new(AuditSubject::ProcessMap, row.id, row.agency_id),
            json!({
                "review": rid,
                "version": review.version,
                "findings": review.findings.trim(),
                "decisions": review.decisions.trim(),
                "sop_changes": sops,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(rid)
    }
}
