//! The storage error type and the crate's `Result`.

use crate::fault;

/// A storage failure. Messages never carry the database password.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(String),
    #[error("cannot open database {url}: {reason}")]
    Open { url: String, reason: String },
    #[error("migration failed: {0}")]
    Migrate(String),
    #[error("unsupported database URL {0}: use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
    #[error("not found: {0}")]
    NotFound(String),
    #[error("corrupt row: {0}")]
    Corrupt(String),
    /// The storage cannot be used now (disk full, file read-only or gone, server down,
    /// connection lost): nothing was changed; try again later.
    #[error("storage unavailable: {0}")]
    Unavailable(String),
}

impl StoreError {
    /// The storage is unavailable (a fault of the environment, retried and reported once per
    /// outage), not a bad query or row.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        let text = claimwatch_core::text::redact_url(&e.to_string());
        if fault::is_unavailable(&e) {
            StoreError::Unavailable(text)
        } else {
            StoreError::Database(text)
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;
