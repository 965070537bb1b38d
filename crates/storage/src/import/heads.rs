//! The regional heads' terms of a bundle (issue 14 point 4), written in the import's
//! transaction. A term of the file is the stored term of the same office with the same first
//! day (its end, decrees, title and holder follow the file) or a new one; the import never
//! removes a recorded term, and a file without regional heads leaves them as they are. The
//! holder's account is the one with the username (the same person across terms); a new
//! account has no password until the HR admin sets one (/admin/kepala-daerah), since the file
//! never carries one. Problems only the database can see — a username of another agency's
//! account, a term that shares a day with a recorded term the file does not list — are listed
//! all at once and refuse the whole import.

use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use sikerja_domain::access::RegionalHeadKind;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::bundle::{AgencyBundle, RegionalHeadRecord};
use sikerja_domain::organisation::AgencyId;
use sikerja_domain::regional_heads::{RecordedTerm, RegionalOffice, check_new_term};

use crate::audit;
use crate::connect::WriteTxn;
use crate::convert::code;
use crate::entities::{regional_head, regional_head_term};
use crate::error::{Result, StorageError};
use crate::regional_head_terms::{term_of, terms_of};
use crate::regional_heads::username_of;

/// How many terms the import recorded and changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct HeadsWritten {
    pub added: u32,
    pub updated: u32,
}

fn day(d: Option<sikerja_domain::assignment::Day>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn title_of(h: &RegionalHeadRecord) -> String {
    match h.title.trim() {
        "" => h.office.label().to_string(),
        t => t.to_string(),
    }
}

fn label(i: usize, h: &RegionalHeadRecord) -> String {
    format!(
        "Kepala Daerah ke-{} ({}, {})",
        i + 1,
        h.office.label(),
        h.name.trim()
    )
}

/// The account of `h` in `agency`: found by username (its name, office kind and title follow
/// the file) or created without a password. `Err` with a problem text when the username is
/// another agency's.
async fn account(
    txn: &WriteTxn,
    agency: AgencyId,
    i: usize,
    h: &RegionalHeadRecord,
) -> Result<std::result::Result<i64, String>> {
    let username = username_of(&h.username)?;
    let kind = h.office.kind().code().to_string();
    let found = regional_head::Entity::find()
        .filter(regional_head::Column::Username.eq(&username))
        .one(&**txn)
        .await?;
    match found {
        Some(a) if a.agency_id != agency.0 => Ok(Err(format!(
            "{}: nama pengguna \"{username}\" sudah dipakai akun instansi lain",
            label(i, h)
        ))),
        Some(a) => {
            let id = a.id;
            if a.name != h.name.trim() || a.kind != kind || a.title != title_of(h) {
                let mut active: regional_head::ActiveModel = a.into();
                active.name = Set(h.name.trim().to_string());
                active.kind = Set(kind);
                active.title = Set(title_of(h));
                regional_head::Entity::update(active).exec(&**txn).await?;
            }
            Ok(Ok(id))
        }
        None => {
            let row = regional_head::ActiveModel {
                agency_id: Set(agency.0),
                kind: Set(kind),
                title: Set(title_of(h)),
                name: Set(h.name.trim().to_string()),
                username: Set(username),
                password_hash: Set(None),
                must_change: Set(true),
                changed_at: Set(None),
                ..Default::default()
            };
            Ok(Ok(regional_head::Entity::insert(row)
                .exec(&**txn)
                .await?
                .last_insert_id))
        }
    }
}

/// Records the bundle's terms for `agency` (see the module documentation), with an audit row
/// for each term added or changed.
pub(crate) async fn write_regional_heads(
    txn: &WriteTxn,
    bundle: &AgencyBundle,
    agency: AgencyId,
    actor: &str,
) -> Result<HeadsWritten> {
    let mut written = HeadsWritten::default();
    if bundle.regional_heads.is_empty() {
        return Ok(written);
    }
    let stored = terms_of(&**txn, agency).await?;
    let accounts = regional_head::Entity::find()
        .filter(regional_head::Column::AgencyId.eq(agency.0))
        .all(&**txn)
        .await?;
    // Each record's stored term: same office, same first day.
    let matched: Vec<Option<&regional_head_term::Model>> = bundle
        .regional_heads
        .iter()
        .map(|h| {
            stored
                .iter()
                .find(|t| t.office == h.office.code() && t.starts_on == day(h.from))
        })
        .collect();
    let unmatched = stored
        .iter()
        .filter(|t| !matched.iter().flatten().any(|m| m.id == t.id))
        .map(|t| {
            Ok(RecordedTerm {
                id: t.id,
                office: code("regional office", &t.office, RegionalOffice::from_code)?,
                name: accounts
                    .iter()
                    .find(|a| a.id == t.regional_head_id)
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                term: term_of(t)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut problems = Vec::new();
    let mut first_code = None;
    // Each term against the recorded terms the file does not list and the file's earlier
    // ones (the file was validated already; a bundle from elsewhere may not have been).
    let mut recorded = unmatched;
    for (i, h) in bundle.regional_heads.iter().enumerate() {
        if let Err(e) = check_new_term(h.office, bundle.agency.kind, h.term(), &recorded) {
            first_code.get_or_insert(e.code());
            problems.push(format!("{}: {e}", label(i, h)));
        }
        recorded.push(RecordedTerm {
            id: 0,
            office: h.office,
            name: h.name.trim().to_string(),
            term: h.term(),
        });
    }
    let mut holders = Vec::with_capacity(bundle.regional_heads.len());
    for (i, h) in bundle.regional_heads.iter().enumerate() {
        match account(txn, agency, i, h).await? {
            Ok(id) => holders.push(id),
            Err(p) => {
                first_code.get_or_insert("username_taken");
                problems.push(p);
                holders.push(0);
            }
        }
    }
    if !problems.is_empty() {
        return Err(StorageError::conflict(
            first_code.unwrap_or("term_overlaps"),
            format!(
                "Kepala daerah dalam berkas tidak dapat dicatat: {}.",
                problems.join("; ")
            ),
        ));
    }
    // Changed terms first, so that ending a stored open term frees its office for a new one.
    let mut head_changed = false;
    for ((h, found), &account) in bundle.regional_heads.iter().zip(&matched).zip(&holders) {
        let Some(t) = found else { continue };
        let row = regional_head_term::ActiveModel {
            id: Set(t.id),
            regional_head_id: Set(account),
            agency_id: Set(agency.0),
            kind: Set(h.office.kind().code().to_string()),
            office: Set(h.office.code().to_string()),
            title: Set(title_of(h)),
            starts_on: Set(day(h.from)),
            ends_on: Set(day(h.until)),
            basis_number: Set(h.basis_number.clone()),
            basis_date: Set(day(h.basis_date)),
            end_basis_number: Set(h.end_basis_number.clone()),
            end_basis_date: Set(day(h.end_basis_date)),
        };
        let same = t.regional_head_id == account
            && t.title == title_of(h)
            && t.ends_on == day(h.until)
            && t.basis_number == h.basis_number
            && t.basis_date == day(h.basis_date)
            && t.end_basis_number == h.end_basis_number
            && t.end_basis_date == day(h.end_basis_date);
        if same {
            continue;
        }
        regional_head_term::Entity::update(row).exec(&**txn).await?;
        written.updated += 1;
        head_changed |= h.office.kind() == RegionalHeadKind::Head;
        audit::append(
            txn,
            actor,
            AuditAction::RegionalHeadUpdated,
            audit::Subject::new(AuditSubject::RegionalHead, account, agency.0),
            json!({ "term": t.id, "office": h.office.code(), "name": h.name.trim(),
                    "from": day(h.from), "until": day(h.until), "source": "impor instansi" }),
        )
        .await?;
    }
    for ((h, found), &account) in bundle.regional_heads.iter().zip(&matched).zip(&holders) {
        if found.is_some() {
            continue;
        }
        let id = regional_head_term::Entity::insert(regional_head_term::ActiveModel {
            regional_head_id: Set(account),
            agency_id: Set(agency.0),
            kind: Set(h.office.kind().code().to_string()),
            office: Set(h.office.code().to_string()),
            title: Set(title_of(h)),
            starts_on: Set(day(h.from)),
            ends_on: Set(day(h.until)),
            basis_number: Set(h.basis_number.clone()),
            basis_date: Set(day(h.basis_date)),
            end_basis_number: Set(h.end_basis_number.clone()),
            end_basis_date: Set(day(h.end_basis_date)),
            ..Default::default()
        })
        .exec(&**txn)
        .await?
        .last_insert_id;
        written.added += 1;
        head_changed |= h.office.kind() == RegionalHeadKind::Head;
        audit::append(
            txn,
            actor,
            AuditAction::RegionalHeadTermAdded,
            audit::Subject::new(AuditSubject::RegionalHead, account, agency.0),
            json!({ "term": id, "office": h.office.code(), "title": title_of(h),
                    "name": h.name.trim(), "username": h.username.trim().to_lowercase(),
                    "from": day(h.from), "until": day(h.until),
                    "basis_number": h.basis_number, "basis_date": day(h.basis_date),
                    "source": "impor instansi" }),
        )
        .await?;
    }
    // Steps that waited on a vacant head's office reach the new holder's inbox.
    if head_changed {
        crate::requests::open_vacant_steps(txn, agency.0).await?;
    }
    Ok(written)
}
