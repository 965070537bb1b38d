//! Terms of office of the elected regional heads (issue 14 point 4): recorded and ended with
//! their legal basis, listed per agency, and read by the lanes (the head whose term covers the
//! day of the decision, `sikerja_domain::holders`), by the facts of a signed-in account and by
//! sign-in. What may be recorded is decided by the domain (`sikerja_domain::regional_heads`);
//! here it is loaded and written in one transaction with its audit row. One person per office
//! at a time holds twice: the agency row is locked while the terms are checked (PostgreSQL;
//! SQLite serialises writers) and a partial unique index allows one open term per office.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, SqlErr,
};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::access::RegionalHeadKind;
use sikerja_domain::assignment::Day;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::limits::{TextKind, check_as};
use sikerja_domain::org::AgencyKind;
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::regional_heads::{
    RecordedTerm, RegionalOffice, Term, TermRefusal, TermStatus, check_end, check_new_term,
};

use crate::Store;
use crate::audit::{self, AuditActor};
use crate::convert::code;
use crate::entities::{agency, regional_head, regional_head_term};
use crate::error::{Result, StorageError, corrupt};
use crate::regional_heads::username_of;

/// A decree: its number and date (the legal basis of a start or an end of a term).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegalBasis {
    pub number: String,
    pub date: Day,
}

/// A term to record: the office, who holds it (their sign-in name: an account of the same
/// agency with that username is the same person, e.g. re-elected), the days and the basis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTerm {
    pub office: RegionalOffice,
    /// The office as letters name it ("Bupati Banjar"); blank: the office's name.
    pub title: String,
    pub name: String,
    pub username: String,
    pub from: Day,
    pub until: Option<Day>,
    pub basis: LegalBasis,
}

/// What recording a term did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TermAdded {
    pub term: i64,
    /// The account (`regional_heads.id`).
    pub account: i64,
    /// The account was created (it has no password yet).
    pub new_account: bool,
}

/// A term as listed, with its holder's account (never the password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermView {
    pub id: i64,
    pub agency: AgencyId,
    pub account: i64,
    pub office: RegionalOffice,
    pub kind: RegionalHeadKind,
    pub title: String,
    pub name: String,
    pub username: String,
    pub has_password: bool,
    pub term: Term,
    /// Where the term stands on the day asked for.
    pub status: TermStatus,
    pub basis: Option<LegalBasis>,
    pub end_basis: Option<LegalBasis>,
}

fn stored_day(what: &str, value: Option<&str>) -> Result<Option<Day>> {
    value
        .map(|v| Day::parse(v).map_err(|_| corrupt(what, v)))
        .transpose()
}

pub(crate) fn term_of(m: &regional_head_term::Model) -> Result<Term> {
    Ok(Term {
        from: stored_day("term start", m.starts_on.as_deref())?,
        until: stored_day("term end", m.ends_on.as_deref())?,
    })
}

fn basis_of(number: Option<&str>, date: Option<&str>) -> Result<Option<LegalBasis>> {
    Ok(match (number, stored_day("basis date", date)?) {
        (Some(n), Some(d)) => Some(LegalBasis {
            number: n.to_string(),
            date: d,
        }),
        _ => None,
    })
}

fn refused(e: TermRefusal) -> StorageError {
    let message = e.to_string();
    match e {
        TermRefusal::Overlaps { .. } => StorageError::conflict("term_overlaps", message),
        other => StorageError::invalid(other.code(), message),
    }
}

/// A text field: trimmed, not blank when `required`, within its limit, no control character.
fn text<'a>(value: &'a str, kind: TextKind, field: &str, required: bool) -> Result<&'a str> {
    let v = value.trim();
    if required && v.is_empty() {
        return Err(StorageError::invalid(
            "regional_head_field_blank",
            format!("{field} wajib diisi"),
        ));
    }
    check_as(kind, v).map_err(|p| {
        StorageError::invalid(
            p.code(),
            format!("{field}: isian terlalu panjang atau memuat karakter kendali"),
        )
    })?;
    Ok(v)
}

fn basis_checked(b: &LegalBasis) -> Result<LegalBasis> {
    Ok(LegalBasis {
        number: text(&b.number, TextKind::Name, "nomor keputusan", true)?.to_string(),
        date: b.date,
    })
}

/// The agency row, locked for the rest of the transaction, and its kind.
async fn locked_agency<C: ConnectionTrait>(db: &C, id: AgencyId) -> Result<AgencyKind> {
    let row = agency::Entity::find_by_id(id.0)
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or_else(|| StorageError::not_found("agency", id))?;
    code("agency kind", &row.kind, AgencyKind::from_code)
}

/// The terms of an agency (every office), oldest first.
pub(crate) async fn terms_of<C: ConnectionTrait>(
    db: &C,
    agency: AgencyId,
) -> Result<Vec<regional_head_term::Model>> {
    Ok(regional_head_term::Entity::find()
        .filter(regional_head_term::Column::AgencyId.eq(agency.0))
        .order_by_asc(regional_head_term::Column::Id)
        .all(db)
        .await?)
}

/// The kind of the office `account` holds on `day`, if a term of it covers the day.
pub(crate) async fn kind_in_term<C: ConnectionTrait>(
    db: &C,
    account: i64,
    day: Day,
) -> Result<Option<RegionalHeadKind>> {
    for t in regional_head_term::Entity::find()
        .filter(regional_head_term::Column::RegionalHeadId.eq(account))
        .all(db)
        .await?
    {
        if term_of(&t)?.covers(day) {
            return Ok(Some(code(
                "regional head kind",
                &t.kind,
                RegionalHeadKind::from_code,
            )?));
        }
    }
    Ok(None)
}

/// Whether `account` has a term not ended on `day` (in office or still to come): the account
/// may sign in.
pub(crate) async fn has_current_term<C: ConnectionTrait>(
    db: &C,
    account: i64,
    day: Day,
) -> Result<bool> {
    for t in regional_head_term::Entity::find()
        .filter(regional_head_term::Column::RegionalHeadId.eq(account))
        .all(db)
        .await?
    {
        if term_of(&t)?.status(day) != TermStatus::Ended {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The name of the regional head (head, not deputy) of `agency` in term on `day`.
pub(crate) async fn head_in_term<C: ConnectionTrait>(
    db: &C,
    agency: i64,
    day: Day,
) -> Result<Option<String>> {
    for t in regional_head_term::Entity::find()
        .filter(regional_head_term::Column::AgencyId.eq(agency))
        .filter(regional_head_term::Column::Kind.eq(RegionalHeadKind::Head.code()))
        .all(db)
        .await?
    {
        if term_of(&t)?.covers(day) {
            return Ok(regional_head::Entity::find_by_id(t.regional_head_id)
                .one(db)
                .await?
                .map(|r| r.name));
        }
    }
    Ok(None)
}

/// Records an open term without a first day for a legacy account (the demo's
/// [`Store::upsert_regional_head`]), unless its office already has an open term.
pub(crate) async fn open_legacy_term<C: ConnectionTrait>(
    db: &C,
    account: &regional_head::Model,
) -> Result<()> {
    let open = regional_head_term::Entity::find()
        .filter(regional_head_term::Column::AgencyId.eq(account.agency_id))
        .filter(regional_head_term::Column::Kind.eq(account.kind.as_str()))
        .filter(regional_head_term::Column::EndsOn.is_null())
        .one(db)
        .await?;
    if let Some(mut t) = open.map(regional_head_term::ActiveModel::from) {
        t.regional_head_id = Set(account.id);
        t.title = Set(account.title.clone());
        regional_head_term::Entity::update(t).exec(db).await?;
        return Ok(());
    }
    let agency_kind = agency::Entity::find_by_id(account.agency_id)
        .one(db)
        .await?
        .map(|a| a.kind)
        .unwrap_or_default();
    let kind = code(
        "regional head kind",
        &account.kind,
        RegionalHeadKind::from_code,
    )?;
    let office = RegionalOffice::ALL
        .iter()
        .copied()
        .find(|o| o.kind() == kind && o.agency_kind().code() == agency_kind)
        .unwrap_or(match kind {
            RegionalHeadKind::Head => RegionalOffice::Regent,
            RegionalHeadKind::Deputy => RegionalOffice::ViceRegent,
        });
    regional_head_term::Entity::insert(regional_head_term::ActiveModel {
        regional_head_id: Set(account.id),
        agency_id: Set(account.agency_id),
        kind: Set(account.kind.clone()),
        office: Set(office.code().to_string()),
        title: Set(account.title.clone()),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(())
}

fn overlap_race() -> StorageError {
    StorageError::conflict(
        "term_overlaps",
        "Jabatan ini sudah memiliki masa jabatan yang belum diakhiri. Akhiri dulu masa jabatan itu.",
    )
}

impl Store {
    /// Records a term of office (issue 14 point 4) for `agency`: refused when the agency has no
    /// such office, the term ends before it starts, or another term of the office shares a day
    /// with it (`term_overlaps`: one person per office at a time). The holder's account is the
    /// agency's account with that username (re-elected, or a deputy who becomes head), else a
    /// new one without a password; a username of another agency is `username_taken`. One
    /// transaction with its audit row.
    pub async fn add_regional_head_term(
        &self,
        agency: AgencyId,
        new: &NewTerm,
        actor: &AuditActor,
    ) -> Result<TermAdded> {
        actor.checked_label()?;
        let name = text(&new.name, TextKind::Name, "nama", true)?;
        let title = match text(&new.title, TextKind::Title, "sebutan jabatan", false)? {
            "" => new.office.label(),
            t => t,
        };
        let username = username_of(&new.username)?;
        let basis = basis_checked(&new.basis)?;
        let term = Term {
            from: Some(new.from),
            until: new.until,
        };
        let txn = self.begin_write().await?;
        let agency_kind = locked_agency(&txn, agency).await?;
        let rows = terms_of(&txn, agency).await?;
        let accounts = regional_head::Entity::find()
            .filter(regional_head::Column::AgencyId.eq(agency.0))
            .all(&txn)
            .await?;
        let recorded = rows
            .iter()
            .map(|r| {
                Ok(RecordedTerm {
                    id: r.id,
                    office: code("regional office", &r.office, RegionalOffice::from_code)?,
                    name: accounts
                        .iter()
                        .find(|a| a.id == r.regional_head_id)
                        .map(|a| a.name.clone())
                        .unwrap_or_default(),
                    term: term_of(r)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        check_new_term(new.office, agency_kind, term, &recorded).map_err(refused)?;
        let kind = new.office.kind();
        let existing = regional_head::Entity::find()
            .filter(regional_head::Column::Username.eq(&username))
            .one(&txn)
            .await?;
        let (account, new_account) = match existing {
            Some(a) if a.agency_id != agency.0 => {
                return Err(crate::regional_heads::username_taken());
            }
            Some(a) => {
                let id = a.id;
                let mut active: regional_head::ActiveModel = a.into();
                active.name = Set(name.to_string());
                active.kind = Set(kind.code().to_string());
                active.title = Set(title.to_string());
                regional_head::Entity::update(active).exec(&txn).await?;
                (id, false)
            }
            None => {
                let row = regional_head::ActiveModel {
                    agency_id: Set(agency.0),
                    kind: Set(kind.code().to_string()),
                    title: Set(title.to_string()),
                    name: Set(name.to_string()),
                    username: Set(username.clone()),
                    password_hash: Set(None),
                    must_change: Set(true),
                    changed_at: Set(None),
                    ..Default::default()
                };
                let id = regional_head::Entity::insert(row)
                    .exec(&txn)
                    .await
                    .map_err(|e| match e.sql_err() {
                        Some(SqlErr::UniqueConstraintViolation(_)) => {
                            crate::regional_heads::username_taken()
                        }
                        _ => StorageError::Database(e),
                    })?
                    .last_insert_id;
                (id, true)
            }
        };
        let id = regional_head_term::Entity::insert(regional_head_term::ActiveModel {
            regional_head_id: Set(account),
            agency_id: Set(agency.0),
            kind: Set(kind.code().to_string()),
            office: Set(new.office.code().to_string()),
            title: Set(title.to_string()),
            starts_on: Set(Some(new.from.to_string())),
            ends_on: Set(new.until.map(|d| d.to_string())),
            basis_number: Set(Some(basis.number.clone())),
            basis_date: Set(Some(basis.date.to_string())),
            ..Default::default()
        })
        .exec(&txn)
        .await
        .map_err(|e| match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => overlap_race(),
            _ => StorageError::Database(e),
        })?
        .last_insert_id;
        // Steps that waited on the vacant office reach the new holder's inbox.
        let reopened = if kind == RegionalHeadKind::Head {
            crate::requests::open_vacant_steps(&txn, agency.0).await?
        } else {
            0
        };
        audit::append_by(
            &txn,
            actor,
            AuditAction::RegionalHeadTermAdded,
            audit::Subject::new(AuditSubject::RegionalHead, account, agency.0),
            json!({
                "term": id,
                "office": new.office.code(),
                "title": title,
                "name": name,
                "username": username,
                "from": new.from.to_string(),
                "until": new.until.map(|d| d.to_string()),
                "basis_number": basis.number,
                "basis_date": basis.date.to_string(),
                "new_account": new_account,
                "steps_reopened": reopened,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(TermAdded {
            term: id,
            account,
            new_account,
        })
    }

    /// Ends a term of `agency` on `until` (its last day) with the basis of the end, if any:
    /// refused when it has already ended (`term_already_ended`) or `until` is before its
    /// first day. One transaction with its audit row.
    pub async fn end_regional_head_term(
        &self,
        agency: AgencyId,
        term: i64,
        until: Day,
        basis: Option<&LegalBasis>,
        actor: &AuditActor,
    ) -> Result<()> {
        actor.checked_label()?;
        let basis = basis.map(basis_checked).transpose()?;
        let txn = self.begin_write().await?;
        locked_agency(&txn, agency).await?;
        let row = regional_head_term::Entity::find_by_id(term)
            .filter(regional_head_term::Column::AgencyId.eq(agency.0))
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("regional_head_term", term))?;
        let ended = check_end(term_of(&row)?, until).map_err(refused)?;
        let account = row.regional_head_id;
        let office = row.office.clone();
        let mut active: regional_head_term::ActiveModel = row.into();
        active.ends_on = Set(ended.until.map(|d| d.to_string()));
        active.end_basis_number = Set(basis.as_ref().map(|b| b.number.clone()));
        active.end_basis_date = Set(basis.as_ref().map(|b| b.date.to_string()));
        regional_head_term::Entity::update(active)
            .exec(&txn)
            .await?;
        audit::append_by(
            &txn,
            actor,
            AuditAction::RegionalHeadTermEnded,
            audit::Subject::new(AuditSubject::RegionalHead, account, agency.0),
            json!({
                "term": term,
                "office": office,
                "until": until.to_string(),
                "basis_number": basis.as_ref().map(|b| b.number.clone()),
                "basis_date": basis.as_ref().map(|b| b.date.to_string()),
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// The terms of an agency with their holders, the head's before the deputy's, the latest
    /// first; each with where it stands on `day`.
    pub async fn regional_head_terms(&self, agency: AgencyId, day: Day) -> Result<Vec<TermView>> {
        let rows = terms_of(&self.db, agency).await?;
        let accounts = regional_head::Entity::find()
            .filter(regional_head::Column::AgencyId.eq(agency.0))
            .all(&self.db)
            .await?;
        let mut out = rows
            .iter()
            .map(|r| {
                let a = accounts
                    .iter()
                    .find(|a| a.id == r.regional_head_id)
                    .ok_or_else(|| corrupt("regional head of term", &r.id.to_string()))?;
                let term = term_of(r)?;
                Ok(TermView {
                    id: r.id,
                    agency,
                    account: a.id,
                    office: code("regional office", &r.office, RegionalOffice::from_code)?,
                    kind: code("regional head kind", &r.kind, RegionalHeadKind::from_code)?,
                    title: r.title.clone(),
                    name: a.name.clone(),
                    username: a.username.clone(),
                    has_password: a.password_hash.is_some(),
                    term,
                    status: term.status(day),
                    basis: basis_of(r.basis_number.as_deref(), r.basis_date.as_deref())?,
                    end_basis: basis_of(
                        r.end_basis_number.as_deref(),
                        r.end_basis_date.as_deref(),
                    )?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        out.sort_by(|a, b| {
            (a.kind != RegionalHeadKind::Head)
                .cmp(&(b.kind != RegionalHeadKind::Head))
                .then(b.term.from.cmp(&a.term.from))
                .then(b.id.cmp(&a.id))
        });
        Ok(out)
    }

    /// The agency of a regional head's account (for the authorisation of its password).
    pub async fn regional_head_agency(&self, account: i64) -> Result<AgencyId> {
        regional_head::Entity::find_by_id(account)
            .select_only()
            .column(regional_head::Column::AgencyId)
            .into_tuple::<i64>()
            .one(&self.db)
            .await?
            .map(AgencyId)
            .ok_or_else(|| StorageError::not_found("regional_head", account))
    }
}
