//! Performance agreements: drafting (the setter derived, STR-01..05), reading, signing by both
//! parties and amending a signed agreement while keeping its signed text (MEK-02). What signing,
//! editing and amending do is decided by the domain's lifecycle
//! (`sikerja_domain::planning::agreement::next`); this module loads its facts and persists it.

use chrono::{SubsecRound, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde_json::json;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::{AgencyId, EmployeeId, PositionId};
use sikerja_domain::planning::agreement::{
    self, AgreementEvent, AgreementState, newly_signed, takes_number,
};
use sikerja_domain::planning::structure::{Post, Setter, SetterKind};
use sikerja_domain::planning::target::{AgreementStatus, IndicatorKind};
use sikerja_domain::refusals::{Refusal, RefusalKind};

use super::authority::{
    AgencyStructure, Party, agency_structure, agreement_row, display_names, exercises,
    require_party,
};
use super::views::{
    AgreementId, AgreementSummary, AgreementVersionView, AgreementView, PlanningActor, SetterView,
    SignerView,
};
use crate::entities::{
    agency, agreement_target, agreement_version, employee, performance_agreement,
};
use crate::error::{OnConstraint, Result, StorageError, corrupt};
use crate::{Store, audit};

/// Earliest and latest year an agreement may be made for.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

pub(crate) fn status_of(row: &performance_agreement::Model) -> Result<AgreementStatus> {
    AgreementStatus::from_code(&row.status).ok_or_else(|| corrupt("agreement status", &row.status))
}

/// Where an agreement stands in its lifecycle, as the domain reads it.
pub(crate) fn state_of(row: &performance_agreement::Model) -> Result<AgreementState> {
    Ok(AgreementState {
        status: status_of(row)?,
        version: row.version,
        holder_signed: row.holder_signed_at.is_some(),
        setter_signed: row.setter_signed_at.is_some(),
    })
}

/// A refusal of the agreement lifecycle as a storage error, its message as the domain words it
/// (the web adds the citation of a rule-caused code).
pub(crate) fn refused(r: Refusal) -> StorageError {
    let (code, message) = (r.code, r.message);
    match r.kind {
        RefusalKind::NotPermitted => StorageError::Forbidden { code, message },
        RefusalKind::Conflict => StorageError::Conflict { code, message },
        RefusalKind::Invalid => StorageError::Invalid { code, message },
    }
}

pub(crate) fn setter_kind_of(row: &performance_agreement::Model) -> Result<SetterKind> {
    SetterKind::from_code(&row.setter_kind)
        .ok_or_else(|| corrupt("agreement setter kind", &row.setter_kind))
}

pub(crate) fn kind_of(row: &agreement_target::Model) -> Result<IndicatorKind> {
    IndicatorKind::from_code(&row.kind).ok_or_else(|| corrupt("indicator kind", &row.kind))
}

pub(crate) fn subject(row: &performance_agreement::Model) -> audit::Subject {
    audit::Subject::new(AuditSubject::PerformanceAgreement, row.id, row.agency_id)
}

/// Creates the draft agreement of `post` for `year` inside `txn`, its setter derived from the
/// structure. Refused for a vacant post, a post not in the agency, an unresolved JF (KED-09).
pub(crate) async fn create_in(
    txn: &crate::connect::WriteTxn,
    s: &AgencyStructure,
    post: Post,
    year: i32,
    by: &PlanningActor,
) -> Result<performance_agreement::Model> {
    if !YEARS.contains(&year) {
        return Err(StorageError::invalid(
            "year_out_of_range",
            format!("Tahun {year} di luar rentang yang dapat direncanakan."),
        ));
    }
    let Some(holder) = post.employee else {
        return Err(StorageError::invalid(
            "post_vacant",
            "Jabatan ini kosong: Perjanjian Kinerja dibuat oleh pemegang jabatan atau Plt./Plh.-nya.",
        ));
    };
    let setter = s.structure.setter_of(post).ok_or_else(|| {
        StorageError::invalid(
            "not_a_post",
            "Pegawai tidak memegang jabatan ini di instansi tersebut.",
        )
    })?;
    let position = s
        .position(post.position.0)
        .ok_or_else(|| StorageError::not_found("position", post.position))?;
    let person = s
        .employee(holder.0)
        .ok_or_else(|| StorageError::not_found("employee", holder))?;
    let names = display_names(&s.rows);
    let (kind, setter_position, setter_name, citation) = match setter {
        Setter::Position { position, citation } => {
            let name = s
                .position(position.0)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            (SetterKind::Position, Some(position.0), name, citation)
        }
        Setter::RegionalHead { citation } => (
            SetterKind::RegionalHead,
            None,
            s.regional_head_title(),
            citation,
        ),
        Setter::Unresolved { reason, citation } => {
            return Err(StorageError::invalid(
                "setter_unresolved",
                format!(
                    "Pihak yang menetapkan Perjanjian Kinerja belum dapat ditentukan ({} · {}): {reason}",
                    citation.rule_id, citation.article
                ),
            ));
        }
    };
    // Only the holder or the setter starts an agreement.
    let me = by.employee;
    let is_holder = me == Some(holder) && exercises_or_false(txn, me, post.position).await?;
    let is_setter = match (kind, setter_position) {
        (SetterKind::Position, Some(sp)) => exercises_or_false(txn, me, PositionId(sp)).await?,
        _ => by.regional_head_of == Some(AgencyId(s.rows.agency.id)),
    };
    if !is_holder && !is_setter {
        return Err(StorageError::forbidden(
            "not_a_party",
            format!(
                "Perjanjian Kinerja {} dibuat oleh pemegang jabatannya atau oleh {setter_name}.",
                position.name
            ),
        ));
    }
    let now = Utc::now().trunc_subsecs(6);
    let row = performance_agreement::ActiveModel {
        agency_id: Set(s.rows.agency.id),
        department_id: Set(s.department_of(position.id)),
        year: Set(year),
        position_id: Set(Some(position.id)),
        employee_id: Set(Some(person.id)),
        position_name: Set(position.name.clone()),
        holder_name: Set(names.get(&person.id).cloned().unwrap_or_default()),
        holder_nip: Set(Some(person.nip.clone())),
        setter_kind: Set(kind.code().to_string()),
        setter_position_id: Set(setter_position),
        setter_name: Set(setter_name),
        rule_id: Set(citation.rule_id.to_string()),
        article: Set(citation.article.to_string()),
        status: Set(AgreementStatus::Draft.code().to_string()),
        version: Set(1),
        holder_signed_at: Set(None),
        holder_signed_by: Set(None),
        setter_signed_at: Set(None),
        setter_signed_by: Set(None),
        setter_signer_name: Set(None),
        setter_signer_nip: Set(None),
        number: Set(None),
        number_id: Set(None),
        created_at: Set(now),
        created_by: Set(by.audit.label.clone()),
        updated_at: Set(now),
        ..Default::default()
    };
    let id = performance_agreement::Entity::insert(row)
        .exec(txn)
        .await
        .map_err(|e| match e.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => StorageError::conflict(
                "agreement_exists",
                format!(
                    "Perjanjian Kinerja {} tahun {year} untuk pegawai ini sudah ada.",
                    position.name
                ),
            ),
            _ => StorageError::Database(e),
        })?
        .last_insert_id;
    let created = agreement_row(txn, id).await?;
    audit::append_by(
        txn,
        &by.audit,
        AuditAction::AgreementCreated,
        subject(&created),
        json!({
            "year": year,
            "position": created.position_name,
            "holder": created.holder_nip,
            "setter": created.setter_name,
            "rule_id": created.rule_id,
            "article": created.article,
        }),
    )
    .await?;
    Ok(created)
}

async fn exercises_or_false(
    txn: &DatabaseTransaction,
    me: Option<EmployeeId>,
    position: PositionId,
) -> Result<bool> {
    match me {
        Some(me) => exercises(txn, me, position).await,
        None => Ok(false),
    }
}

/// The existing agreement of a post holder for a year, if any.
pub(crate) async fn find_for_post<C: ConnectionTrait>(
    db: &C,
    post: Post,
    year: i32,
) -> Result<Option<performance_agreement::Model>> {
    let Some(employee) = post.employee else {
        return Ok(None);
    };
    Ok(performance_agreement::Entity::find()
        .filter(performance_agreement::Column::Year.eq(year))
        .filter(performance_agreement::Column::PositionId.eq(post.position.0))
        .filter(performance_agreement::Column::EmployeeId.eq(employee.0))
        .one(db)
        .await?)
}

/// The signed text kept by an amendment: the agreement and its targets as JSON.
fn snapshot(
    a: &performance_agreement::Model,
    targets: &[agreement_target::Model],
) -> serde_json::Value {
    json!({
        "year": a.year,
        "version": a.version,
        "number": a.number,
        "position": a.position_name,
        "holder": {"name": a.holder_name, "nip": a.holder_nip, "signed_at": a.holder_signed_at, "signed_by": a.holder_signed_by},
        "setter": {"name": a.setter_name, "signed_at": a.setter_signed_at, "signed_by": a.setter_signed_by},
        "targets": targets.iter().map(|t| json!({
            "id": t.id,
            "parent": t.parent_target_id,
            "indicator": t.indicator,
            "kind": t.kind,
            "target": t.target,
            "unit": t.unit,
            "budget": t.budget,
            "strategic_plan_ref": t.strategic_plan_ref,
            "annual_work_plan_ref": t.annual_work_plan_ref,
            "weight": t.weight,
        })).collect::<Vec<_>>(),
    })
}

pub(crate) async fn targets_of<C: ConnectionTrait>(
    db: &C,
    agreement: i64,
) -> Result<Vec<agreement_target::Model>> {
    Ok(agreement_target::Entity::find()
        .filter(agreement_target::Column::AgreementId.eq(agreement))
        .order_by_asc(agreement_target::Column::SortOrder)
        .order_by_asc(agreement_target::Column::Id)
        .all(db)
        .await?)
}

pub(crate) fn summary(
    a: &performance_agreement::Model,
    targets: &[agreement_target::Model],
) -> Result<AgreementSummary> {
    Ok(AgreementSummary {
        id: a.id,
        agency: AgencyId(a.agency_id),
        department: a
            .department_id
            .map(sikerja_domain::organisation::DepartmentId),
        year: a.year,
        position: a.position_id.map(PositionId),
        employee: a.employee_id.map(EmployeeId),
        position_name: a.position_name.clone(),
        holder_name: a.holder_name.clone(),
        holder_nip: a.holder_nip.clone(),
        setter: SetterView {
            kind: setter_kind_of(a)?,
            position: a.setter_position_id.map(PositionId),
            name: a.setter_name.clone(),
            rule_id: a.rule_id.clone(),
            article: a.article.clone(),
        },
        status: status_of(a)?,
        version: a.version,
        holder_signed_at: a.holder_signed_at,
        setter_signed_at: a.setter_signed_at,
        targets: u32::try_from(targets.len()).unwrap_or(u32::MAX),
        budget: targets.iter().map(|t| t.budget).sum(),
    })
}

/// The person `by` is, as named under a signature: the employee with their NIP, or the
/// regional head in term as head of the agency on `day` (`head_in_term`). Falls back to the
/// audit label when neither is found (an account without a current term).
async fn signer_of<C: ConnectionTrait>(
    db: &C,
    by: &PlanningActor,
    day: sikerja_domain::assignment::Day,
) -> Result<SignerView> {
    if let Some(e) = by.employee {
        if let Some(m) = employee::Entity::find_by_id(e.0).one(db).await? {
            return Ok(SignerView {
                name: crate::convert::display_name(&m),
                nip: Some(m.nip),
            });
        }
    } else if let Some(agency) = by.regional_head_of
        && let Some(name) = crate::regional_head_terms::head_in_term(db, agency.0, day).await?
    {
        return Ok(SignerView { name, nip: None });
    }
    Ok(SignerView {
        name: by.audit.label.clone(),
        nip: None,
    })
}

/// Clears both signatures of a draft whose content changed, returning who had signed.
pub(crate) fn unsign(active: &mut performance_agreement::ActiveModel) {
    active.holder_signed_at = Set(None);
    active.holder_signed_by = Set(None);
    active.setter_signed_at = Set(None);
    active.setter_signed_by = Set(None);
    active.setter_signer_name = Set(None);
    active.setter_signer_nip = Set(None);
    active.updated_at = Set(Utc::now().trunc_subsecs(6));
}

/// Refuses a change to a signed (locked) agreement (MEK-02, decided by the domain).
pub(crate) fn require_draft(a: &performance_agreement::Model) -> Result<()> {
    agreement::require_draft(&state_of(a)?).map_err(refused)
}

impl Store {
    /// Starts the draft agreement of a post for a year (MEK-02). The holder of the post or the
    /// holder of the position that sets it (STR-01..05, derived) may start it.
    pub async fn create_agreement(
        &self,
        agency: AgencyId,
        post: Post,
        year: i32,
        by: &PlanningActor,
    ) -> Result<AgreementId> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let s = agency_structure(&txn, agency).await?;
        let created = create_in(&txn, &s, post, year, by).await?;
        txn.commit().await?;
        Ok(created.id)
    }

    /// The agency and department of an agreement, for authorisation.
    pub async fn agreement_scope(
        &self,
        id: AgreementId,
    ) -> Result<(AgencyId, Option<sikerja_domain::organisation::DepartmentId>)> {
        let a = performance_agreement::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("performance_agreement", id))?;
        Ok((
            AgencyId(a.agency_id),
            a.department_id
                .map(sikerja_domain::organisation::DepartmentId),
        ))
    }

    /// One agreement with its targets (progress rolled up through the cascade), the signed
    /// texts kept by amendments and its performance dialogues.
    pub async fn agreement(&self, id: AgreementId) -> Result<AgreementView> {
        let txn = self.read_txn().await?;
        let a = performance_agreement::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("performance_agreement", id))?;
        let targets = targets_of(&txn, id).await?;
        let summary = summary(&a, &targets)?;
        let views = super::targets::views_of(&txn, &targets).await?;
        let versions = agreement_version::Entity::find()
            .filter(agreement_version::Column::AgreementId.eq(id))
            .order_by_asc(agreement_version::Column::Version)
            .all(&txn)
            .await?
            .into_iter()
            .map(|v| AgreementVersionView {
                version: v.version,
                amended_at: v.amended_at,
                amended_by: v.amended_by,
                reason: v.reason,
                content: v.content,
            })
            .collect();
        let dialogues = super::dialogues::dialogues_of(&txn, id).await?;
        let place = agency::Entity::find_by_id(a.agency_id)
            .one(&txn)
            .await?
            .map(|g| g.seat)
            .unwrap_or_default();
        txn.commit().await?;
        Ok(AgreementView {
            summary,
            holder_signed_by: a.holder_signed_by,
            setter_signed_by: a.setter_signed_by,
            setter_signer: a.setter_signer_name.map(|name| SignerView {
                name,
                nip: a.setter_signer_nip,
            }),
            place,
            number: a.number,
            created_at: a.created_at,
            created_by: a.created_by,
            targets: views,
            versions,
            dialogues,
        })
    }

    /// Agreements matching the filter, newest year first, then by position name.
    pub async fn agreements(
        &self,
        filter: &super::views::AgreementFilter,
    ) -> Result<Vec<AgreementSummary>> {
        use performance_agreement::Column as C;
        let mut q = performance_agreement::Entity::find();
        if let Some(v) = filter.agency {
            q = q.filter(C::AgencyId.eq(v.0));
        }
        if let Some(v) = filter.department {
            q = q.filter(C::DepartmentId.eq(v.0));
        }
        if let Some(v) = filter.year {
            q = q.filter(C::Year.eq(v));
        }
        if let Some(v) = filter.employee {
            q = q.filter(C::EmployeeId.eq(v.0));
        }
        if !filter.setter_positions.is_empty() {
            q = q.filter(C::SetterPositionId.is_in(filter.setter_positions.iter().map(|p| p.0)));
        }
        if filter.set_by_regional_head {
            q = q.filter(C::SetterKind.eq(SetterKind::RegionalHead.code()));
        }
        if let Some(v) = filter.status {
            q = q.filter(C::Status.eq(v.code()));
        }
        let rows = q
            .order_by_desc(C::Year)
            .order_by_asc(C::PositionName)
            .order_by_asc(C::Id)
            .all(&self.db)
            .await?;
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let mut by_agreement: std::collections::HashMap<i64, Vec<agreement_target::Model>> =
            std::collections::HashMap::new();
        for chunk in ids.chunks(crate::batch::IDS_PER_QUERY) {
            for t in agreement_target::Entity::find()
                .filter(agreement_target::Column::AgreementId.is_in(chunk.iter().copied()))
                .all(&self.db)
                .await?
            {
                by_agreement.entry(t.agreement_id).or_default().push(t);
            }
        }
        rows.iter()
            .map(|a| summary(a, by_agreement.get(&a.id).map(Vec::as_slice).unwrap_or(&[])))
            .collect()
    }

    /// Signs an agreement as the party `by` is (the holder as *pihak pertama*, the setter as
    /// *pihak kedua*). When both have signed, the agreement is signed and locked, and takes its
    /// number from the register of performance agreements of its Perangkat Daerah and year in
    /// this same transaction (DOC-05, issue 15 point 6).
    pub async fn sign_agreement(&self, id: AgreementId, by: &PlanningActor) -> Result<()> {
        by.audit.checked_label()?;
        let txn = self.begin_write().await?;
        let a = agreement_row(&txn, id).await?;
        require_draft(&a)?;
        let parties = require_party(&txn, &a, by).await?;
        let before = state_of(&a)?;
        let has_targets = !targets_of(&txn, id).await?.is_empty();
        let after = agreement::next(
            &before,
            &AgreementEvent::Sign {
                parties: &parties,
                has_targets,
            },
        )
        .map_err(refused)?;
        let now = Utc::now().trunc_subsecs(6);
        let mut active: performance_agreement::ActiveModel = a.clone().into();
        let mut signed_as = Vec::new();
        for party in newly_signed(&before, &after) {
            match party {
                Party::Holder => {
                    active.holder_signed_at = Set(Some(now));
                    active.holder_signed_by = Set(Some(by.audit.label.clone()));
                    signed_as.push("holder");
                }
                Party::Setter => {
                    active.setter_signed_at = Set(Some(now));
                    active.setter_signed_by = Set(Some(by.audit.label.clone()));
                    let signer = signer_of(&txn, by, crate::policies::day_of(now)).await?;
                    active.setter_signer_name = Set(Some(signer.name));
                    active.setter_signer_nip = Set(signer.nip);
                    signed_as.push("setter");
                }
            }
        }
        let complete = after.status == AgreementStatus::Signed;
        // DOC-05: numbered at the second signature, in this transaction, never twice.
        let numbered = if takes_number(&before, &after) {
            let (register, line) =
                crate::issuing::registers::number_agreement(&txn, &a, &by.audit.label, now).await?;
            active.number = Set(Some(line.number.clone()));
            active.number_id = Set(Some(line.id));
            Some((register, line))
        } else {
            None
        };
        active.status = Set(after.status.code().to_string());
        active.updated_at = Set(now);
        performance_agreement::Entity::update(active)
            .exec(&txn)
            .await?;
        let mut facts = json!({ "as": signed_as, "complete": complete, "version": a.version });
        if let Some((register, line)) = &numbered {
            facts["number"] = json!(line.number);
            facts["register"] = json!(register.id);
            facts["seq"] = json!(line.seq);
            facts["rule_id"] = json!("DOC-05");
        }
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::AgreementSigned,
            subject(&a),
            facts,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Amends a signed agreement: its signed text is kept as a version with the reason, and
    /// the agreement becomes a draft of the next version, to be signed again (MEK-02,
    /// MEK-03). Only a party may amend; the reason is required.
    pub async fn amend_agreement(
        &self,
        id: AgreementId,
        reason: &str,
        by: &PlanningActor,
    ) -> Result<()> {
        by.audit.checked_label()?;
        let reason = reason.trim();
        let txn = self.begin_write().await?;
        let a = agreement_row(&txn, id).await?;
        let after =
            agreement::next(&state_of(&a)?, &AgreementEvent::Amend { reason }).map_err(refused)?;
        require_party(&txn, &a, by).await?;
        let targets = targets_of(&txn, id).await?;
        let now = Utc::now().trunc_subsecs(6);
        agreement_version::Entity::insert(agreement_version::ActiveModel {
            agreement_id: Set(a.id),
            version: Set(a.version),
            content: Set(snapshot(&a, &targets).to_string()),
            amended_at: Set(now),
            amended_by: Set(by.audit.label.clone()),
            reason: Set(reason.to_string()),
            ..Default::default()
        })
        .exec_without_returning(&txn)
        .await
        .on_constraint("perubahan Perjanjian Kinerja")?;
        let mut active: performance_agreement::ActiveModel = a.clone().into();
        unsign(&mut active);
        // The kept version keeps its number (in the snapshot and the register line); the next
        // version takes its own when it is signed again (DOC-05).
        active.number = Set(None);
        active.number_id = Set(None);
        active.status = Set(after.status.code().to_string());
        active.version = Set(after.version);
        performance_agreement::Entity::update(active)
            .exec(&txn)
            .await?;
        audit::append_by(
            &txn,
            &by.audit,
            AuditAction::AgreementAmended,
            subject(&a),
            json!({
                "kept_version": a.version,
                "kept_number": a.number,
                "new_version": after.version,
                "reason": reason,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The posts whose agreements the holder of `position` sets (STR-01..05, derived), for
    /// cascading and dialogues.
    pub async fn recipients_of(
        &self,
        agency: AgencyId,
        position: PositionId,
    ) -> Result<Vec<super::views::PostLine>> {
        let txn = self.read_txn().await?;
        let s = agency_structure(&txn, agency).await?;
        txn.commit().await?;
        let names = display_names(&s.rows);
        Ok(s.structure
            .recipients_of(position)
            .into_iter()
            .map(|r| super::views::PostLine {
                post: r.post,
                position_name: s
                    .position(r.post.position.0)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                holder_name: r
                    .post
                    .employee
                    .and_then(|e| names.get(&e.0).cloned())
                    .unwrap_or_default(),
                rule_id: Some(r.citation.rule_id.to_string()),
                article: Some(r.citation.article.to_string()),
            })
            .collect())
    }

    /// The agreement a target belongs to.
    pub async fn target_agreement(&self, target: super::views::TargetId) -> Result<AgreementId> {
        agreement_target::Entity::find_by_id(target)
            .one(&self.db)
            .await?
            .map(|t| t.agreement_id)
            .ok_or_else(|| StorageError::not_found("target", target))
    }

    /// The posts an employee may start agreements for in their agency: their own posts and
    /// the posts whose agreements they set (STR-01..05), each with the setter.
    pub async fn agreement_posts(
        &self,
        agency: AgencyId,
        employee: EmployeeId,
    ) -> Result<super::views::AgreementPosts> {
        let txn = self.read_txn().await?;
        let s = agency_structure(&txn, agency).await?;
        txn.commit().await?;
        let names = display_names(&s.rows);
        let line = |post: Post, citation: Option<&sikerja_domain::rules::Citation>| {
            super::views::PostLine {
                post,
                position_name: s
                    .position(post.position.0)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                holder_name: post
                    .employee
                    .and_then(|e| names.get(&e.0).cloned())
                    .unwrap_or_default(),
                rule_id: citation.map(|c| c.rule_id.to_string()),
                article: citation.map(|c| c.article.to_string()),
            }
        };
        let own = s.structure.posts_of(employee);
        let mut recipients = Vec::new();
        for post in &own {
            for r in s.structure.recipients_of(post.position) {
                recipients.push(line(r.post, Some(&r.citation)));
            }
        }
        Ok(super::views::AgreementPosts {
            own: own.into_iter().map(|p| line(p, None)).collect(),
            recipients,
        })
    }
}
