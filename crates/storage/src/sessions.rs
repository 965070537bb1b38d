//! Server-side sessions: opaque records (JSON text written by the web layer) with an expiry.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::connect::Store;
use crate::entities::session;
use crate::error::Result;

impl Store {
    /// The data of a session that has not expired yet.
    pub async fn load_session(&self, id: &str) -> Result<Option<String>> {
        let row = session::Entity::find_by_id(id.to_string())
            .one(&self.db)
            .await?;
        Ok(row.filter(|r| r.expires_at > Utc::now()).map(|r| r.data))
    }

    /// Stores a new session; `false` when the id is already taken (nothing written).
    pub async fn create_session(
        &self,
        id: &str,
        data: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<bool> {
        let row = session::ActiveModel {
            id: Set(id.to_string()),
            data: Set(data.to_string()),
            expires_at: Set(expires_at),
        };
        let inserted = session::Entity::insert(row)
            .on_conflict(
                OnConflict::column(session::Column::Id)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&self.db)
            .await?;
        Ok(inserted == 1)
    }

    /// Stores a session, replacing the record with the same id.
    pub async fn save_session(
        &self,
        id: &str,
        data: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let row = session::ActiveModel {
            id: Set(id.to_string()),
            data: Set(data.to_string()),
            expires_at: Set(expires_at),
        };
        let conflict = OnConflict::column(session::Column::Id)
            .update_columns([session::Column::Data, session::Column::ExpiresAt])
            .to_owned();
        session::Entity::insert(row)
            .on_conflict(conflict)
            .exec_without_returning(&self.db)
            .await?;
        Ok(())
    }

    /// Ends a session.
    pub async fn delete_session(&self, id: &str) -> Result<()> {
        session::Entity::delete_by_id(id.to_string())
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Removes every expired session; returns how many.
    pub async fn delete_expired_sessions(&self) -> Result<u64> {
        let done = session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(Utc::now()))
            .exec(&self.db)
            .await?;
        Ok(done.rows_affected)
    }
}
