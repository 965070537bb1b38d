//! The one error type of the storage layer. User-caused problems carry a stable `snake_case`
//! code and an Indonesian message; everything else stays a [`DbErr`] and becomes a 5xx.

use sea_orm::{DbErr, SqlErr};

/// Result of every [`crate::Store`] method.
pub type Result<T, E = StorageError> = std::result::Result<T, E>;

/// Why a storage call failed. Mapped to HTTP by the web crate only.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// The database URL has a scheme other than `sqlite://`, `postgres://` or `postgresql://`.
    #[error("skema URL basis data tidak dikenal: {url} (gunakan sqlite:// atau postgres://)")]
    UnknownScheme {
        /// The URL as given, without credentials.
        url: String,
    },
    /// The thing asked for does not exist.
    #[error("{what} tidak ditemukan: {key}")]
    NotFound {
        /// What was looked up, e.g. `agency`.
        what: &'static str,
        /// The key that was not found.
        key: String,
    },
    /// The change conflicts with data already stored (e.g. a NIP used in another agency).
    #[error("{message}")]
    Conflict {
        /// Stable `snake_case` code.
        code: &'static str,
        /// Indonesian message for the user.
        message: String,
    },
    /// The input was refused; nothing was written.
    #[error("{message}")]
    Invalid {
        /// Stable `snake_case` code.
        code: &'static str,
        /// Indonesian message for the user.
        message: String,
    },
    /// The person does not exercise the position the change needs (PEN-18, KIN-04); nothing
    /// was written.
    #[error("{message}")]
    Forbidden {
        /// Stable `snake_case` code.
        code: &'static str,
        /// Indonesian message for the user.
        message: String,
    },
    /// The database failed (outage, broken schema, …): a server error, never the user's fault.
    #[error("kesalahan basis data: {0}")]
    Database(#[from] DbErr),
}

impl StorageError {
    /// Stable `snake_case` code for API answers and logs.
    pub fn code(&self) -> &'static str {
        match self {
            StorageError::UnknownScheme { .. } => "database_url_unknown_scheme",
            StorageError::NotFound { .. } => "not_found",
            StorageError::Conflict { code, .. }
            | StorageError::Invalid { code, .. }
            | StorageError::Forbidden { code, .. } => code,
            StorageError::Database(_) => "database_error",
        }
    }

    pub(crate) fn not_found(what: &'static str, key: impl ToString) -> Self {
        StorageError::NotFound {
            what,
            key: key.to_string(),
        }
    }

    pub(crate) fn invalid(code: &'static str, message: impl Into<String>) -> Self {
        StorageError::Invalid {
            code,
            message: message.into(),
        }
    }

    pub(crate) fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        StorageError::Forbidden {
            code,
            message: message.into(),
        }
    }

    pub(crate) fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        StorageError::Conflict {
            code,
            message: message.into(),
        }
    }
}

/// Turns constraint violations of a write into typed errors; other errors stay `Database`.
pub(crate) trait OnConstraint<T> {
    /// `what` names the write in the message, e.g. "impor instansi".
    fn on_constraint(self, what: &str) -> Result<T>;
}

impl<T> OnConstraint<T> for std::result::Result<T, DbErr> {
    fn on_constraint(self, what: &str) -> Result<T> {
        self.map_err(|e| match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => {
                tracing::info!(error = %detail, "unique violation during {what}");
                StorageError::conflict(
                    "duplicate_key",
                    format!("{what} gagal: data dengan kode atau NIP yang sama sudah ada"),
                )
            }
            Some(SqlErr::ForeignKeyConstraintViolation(detail)) => {
                tracing::info!(error = %detail, "foreign key violation during {what}");
                StorageError::invalid(
                    "broken_reference",
                    format!("{what} gagal: data merujuk unit, jabatan atau pegawai yang tidak ada"),
                )
            }
            _ => StorageError::Database(e),
        })
    }
}

/// A stored value that does not parse back: the database was changed outside the application.
pub(crate) fn corrupt(what: &str, value: &str) -> StorageError {
    StorageError::Database(DbErr::Type(format!(
        "stored {what} \"{value}\" is not a known value"
    )))
}
