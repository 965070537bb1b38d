//! Accounts of the elected regional heads (Bupati and Wakil Bupati), who sign in with a
//! username because they have no NIP (issue 3 point 2). An account is a person; their terms of
//! office are in [`crate::regional_head_terms`] (issue 14 point 4), and an account signs in
//! only while it has a term not ended. Storage keeps PHC strings only; hashing happens in the
//! web crate.

use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, SqlErr};
use serde::Serialize;
use serde_json::json;
use sikerja_domain::access::RegionalHeadKind;
use sikerja_domain::audit::{AuditAction, AuditSubject};
use sikerja_domain::organisation::AgencyId;

use crate::Store;
use crate::audit::{self, AuditActor};
use crate::convert::code;
use crate::entities::{agency, regional_head, regional_head_term};
use crate::error::{Result, StorageError};

/// A regional head's account, without the password.
#[derive(Debug, Clone, Serialize)]
pub struct RegionalHeadView {
    pub id: i64,
    pub agency: AgencyId,
    pub kind: RegionalHeadKind,
    /// E.g. "Bupati Banjar".
    pub title: String,
    pub name: String,
    pub username: String,
    /// A password is set (the account can sign in).
    pub has_password: bool,
    pub must_change: bool,
    pub changed_at: Option<DateTime<Utc>>,
}

/// What the sign-in page needs of a regional head's account.
#[derive(Debug, Clone, Serialize)]
pub struct RegionalHeadCredential {
    pub id: i64,
    pub agency: AgencyId,
    pub kind: RegionalHeadKind,
    pub title: String,
    pub name: String,
    /// argon2id hash in PHC string form. Never shown.
    #[serde(skip)]
    pub password_hash: String,
    pub must_change: bool,
}

fn view(m: regional_head::Model) -> Result<RegionalHeadView> {
    Ok(RegionalHeadView {
        id: m.id,
        agency: AgencyId(m.agency_id),
        kind: kind(&m.kind)?,
        title: m.title,
        name: m.name,
        username: m.username,
        has_password: m.password_hash.is_some(),
        must_change: m.must_change,
        changed_at: m.changed_at,
    })
}

fn kind(value: &str) -> Result<RegionalHeadKind> {
    code("regional head kind", value, RegionalHeadKind::from_code)
}

/// Lowercase, 3 to 64 of `a-z 0-9 . _ -`, starting with a letter: never mistaken for a NIP
/// (`sikerja_domain::regional_heads::username`).
pub(crate) fn username_of(username: &str) -> Result<String> {
    sikerja_domain::regional_heads::username(username).ok_or_else(|| {
        StorageError::invalid(
            "username_invalid",
            sikerja_domain::regional_heads::USERNAME_RULE,
        )
    })
}

fn required<'a>(value: &'a str, code: &'static str, message: &str) -> Result<&'a str> {
    let v = value.trim();
    if v.is_empty() {
        return Err(StorageError::invalid(code, message));
    }
    Ok(v)
}

pub(crate) fn username_taken() -> StorageError {
    StorageError::conflict(
        "username_taken",
        "nama pengguna ini sudah dipakai akun lain",
    )
}

impl Store {
    /// Creates or updates the account of an agency's Bupati (`Head`) or Wakil Bupati
    /// (`Deputy`) whose term is open; returns its id. A new account gets an open term without a
    /// first day ("since before the record"): the demo's path; a regency records dated terms
    /// with [`Store::add_regional_head_term`]. The username is stored in lowercase and must be
    /// unused by other accounts (`Conflict username_taken`). An existing password is kept.
    pub async fn upsert_regional_head(
        &self,
        agency: AgencyId,
        kind: RegionalHeadKind,
        title: &str,
        name: &str,
        username: &str,
        actor: &AuditActor,
    ) -> Result<i64> {
        actor.checked_label()?;
        let title = required(
            title,
            "regional_head_title_blank",
            "sebutan jabatan wajib diisi",
        )?;
        let name = required(name, "regional_head_name_blank", "nama wajib diisi")?;
        let username = username_of(username)?;
        let txn = self.begin_write().await?;
        agency::Entity::find_by_id(agency.0)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("agency", agency))?;
        let open = regional_head_term::Entity::find()
            .filter(regional_head_term::Column::AgencyId.eq(agency.0))
            .filter(regional_head_term::Column::Kind.eq(kind.code()))
            .filter(regional_head_term::Column::EndsOn.is_null())
            .one(&txn)
            .await?;
        let existing = match open {
            Some(t) => {
                regional_head::Entity::find_by_id(t.regional_head_id)
                    .one(&txn)
                    .await?
            }
            None => None,
        };
        let taken = regional_head::Entity::find()
            .filter(regional_head::Column::Username.eq(&username))
            .one(&txn)
            .await?;
        if taken.is_some_and(|t| existing.as_ref().is_none_or(|e| e.id != t.id)) {
            return Err(username_taken());
        }
        let unique = |e: sea_orm::DbErr| match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => username_taken(),
            _ => StorageError::Database(e),
        };
        let created = existing.is_none();
        let id = match existing {
            Some(row) => {
                let mut active: regional_head::ActiveModel = row.into();
                active.title = Set(title.to_string());
                active.name = Set(name.to_string());
                active.username = Set(username.clone());
                regional_head::Entity::update(active)
                    .exec(&txn)
                    .await
                    .map_err(unique)?
                    .id
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
                regional_head::Entity::insert(row)
                    .exec(&txn)
                    .await
                    .map_err(unique)?
                    .last_insert_id
            }
        };
        let account = regional_head::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("regional_head", id))?;
        crate::regional_head_terms::open_legacy_term(&txn, &account).await?;
        audit::append_by(
            &txn,
            actor,
            if created {
                AuditAction::RegionalHeadCreated
            } else {
                AuditAction::RegionalHeadUpdated
            },
            audit::Subject::new(AuditSubject::RegionalHead, id, agency.0),
            json!({
                "agency": agency.0,
                "kind": kind.code(),
                "title": title,
                "name": name,
                "username": username,
            }),
        )
        .await?;
        txn.commit().await?;
        Ok(id)
    }

    /// The credential for a username (any case); `None` when there is no such account, it
    /// has no password yet, or all its terms of office have ended (today, WITA).
    pub async fn regional_head_credential(
        &self,
        username: &str,
    ) -> Result<Option<RegionalHeadCredential>> {
        let username = username.trim().to_lowercase();
        let row = regional_head::Entity::find()
            .filter(regional_head::Column::Username.eq(username))
            .one(&self.db)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let Some(password_hash) = row.password_hash else {
            return Ok(None);
        };
        let today = crate::policies::today();
        if !crate::regional_head_terms::has_current_term(&self.db, row.id, today).await? {
            return Ok(None);
        }
        Ok(Some(RegionalHeadCredential {
            id: row.id,
            agency: AgencyId(row.agency_id),
            kind: kind(&row.kind)?,
            title: row.title,
            name: row.name,
            password_hash,
            must_change: row.must_change,
        }))
    }

    /// Sets a regional head's password hash, audited as `action` (`password.changed` by the
    /// person, `password.reset` by an admin) in the same transaction; the hash is not.
    pub async fn set_regional_head_password(
        &self,
        id: i64,
        password_hash: &str,
        must_change: bool,
        actor: &AuditActor,
        action: AuditAction,
    ) -> Result<()> {
        actor.checked_label()?;
        let txn = self.begin_write().await?;
        let row = regional_head::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(|| StorageError::not_found("regional_head", id))?;
        let username = row.username.clone();
        let agency = row.agency_id;
        let mut active: regional_head::ActiveModel = row.into();
        active.password_hash = Set(Some(password_hash.to_string()));
        active.must_change = Set(must_change);
        active.changed_at = Set(Some(Utc::now().trunc_subsecs(6)));
        regional_head::Entity::update(active).exec(&txn).await?;
        audit::append_by(
            &txn,
            actor,
            action,
            audit::Subject::new(AuditSubject::RegionalHead, id, agency),
            json!({ "username": username, "must_change": must_change }),
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// A regional head's account by id.
    pub async fn regional_head(&self, id: i64) -> Result<RegionalHeadView> {
        let row = regional_head::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or_else(|| StorageError::not_found("regional_head", id))?;
        view(row)
    }

    /// The accounts of an agency: the head before the deputy.
    pub async fn regional_heads(&self, agency: AgencyId) -> Result<Vec<RegionalHeadView>> {
        let mut rows = regional_head::Entity::find()
            .filter(regional_head::Column::AgencyId.eq(agency.0))
            .order_by_asc(regional_head::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(view)
            .collect::<Result<Vec<_>>>()?;
        rows.sort_by_key(|r| r.kind != RegionalHeadKind::Head);
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::username_of;

    #[test]
    fn usernames_are_lowercased_and_never_look_like_a_nip() {
        assert_eq!(
            username_of(" Bupati.Banjar ").ok().as_deref(),
            Some("bupati.banjar")
        );
        assert!(username_of("198001012006041001").is_err());
        assert!(username_of("ab").is_err());
        assert!(username_of("bupati banjar").is_err());
    }
}
