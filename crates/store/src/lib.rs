//! Storage: one [`Store`] trait made of one trait per concern (sources, items, stories and
//! claims, subscribers, outbox), one implementation per backend, one migration set per backend.
//! The backend is chosen by the database URL's scheme.

pub mod fault;
mod items;
mod leases;
mod ops;
mod outbox;
pub mod postgres;
mod rows;
mod series;
mod sources;
pub mod sqlite;
mod stories;
mod subscribers;
mod views;

pub use items::ItemStore;
pub use leases::LeaseStore;
pub use ops::{Backlog, ExportQuery, OpsStore, SchemaStatus};
pub use outbox::{
    DigestEnqueue, InDoubtResolved, InFlight, OutboxMessage, OutboxState, OutboxStore,
};
pub use series::{ChartImage, SeriesQuery, SeriesStore, SeriesSummary};
pub use sources::{PollFailure, PollSuccess, SourceStore};
pub use stories::{
    ClaimView, ItemFiling, SEARCH_CANDIDATES, SearchPage, SearchQuery, StoryChoice, StoryStore,
};
pub use subscribers::{SubscriberStore, SubscriberUpdate, weekday_from_db, weekday_to_db};

use async_trait::async_trait;
use chrono::{DateTime, TimeZone, Utc};
use std::sync::Arc;

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

/// Counts for `/stats` and `sources list`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub sources: i64,
    pub sources_paused: i64,
    pub items: i64,
    pub claims: i64,
    pub stories: i64,
    pub subscribers_active: i64,
    pub subscribers_total: i64,
    /// Outbox messages sent since the `since` given to [`Store::stats`].
    pub sent_since: i64,
    pub pending: i64,
    pub failed_since: i64,
    /// Outbox messages in doubt now (waiting to be sent again, or left with `in_doubt = "skip"`).
    pub in_doubt: i64,
    /// Outbox messages sent again after a crash since `since` (each carried the marker).
    pub resent_since: i64,
}

/// Everything claimwatch stores.
#[async_trait]
pub trait Store:
    SourceStore
    + ItemStore
    + StoryStore
    + SubscriberStore
    + OutboxStore
    + LeaseStore
    + SeriesStore
    + OpsStore
    + Send
    + Sync
{
    /// "sqlite" or "postgres".
    fn backend(&self) -> &'static str;
    /// Applies pending migrations; returns how many were applied.
    async fn migrate(&self) -> Result<usize>;
    async fn stats(&self, since: DateTime<Utc>) -> Result<Stats>;
    /// Closes the pool, waiting for connections in use.
    async fn close(&self);
    /// Whether a write may go ahead: `Unavailable` when the storage is known to refuse or
    /// lose it (a SQLite file removed, replaced or made read-only while open). Cheap: a `stat`.
    fn check_writable(&self) -> Result<()> {
        Ok(())
    }
}

/// Connection pool size for PostgreSQL when none is configured.
pub const DEFAULT_POOL_SIZE: u32 = 8;

/// Connects to the store named by `url` without touching its schema. `pool_size` applies to
/// PostgreSQL (SQLite uses a small fixed pool: one writer at a time).
pub async fn connect_with(url: &str, pool_size: u32) -> Result<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteStore::connect(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(
            postgres::PostgresStore::connect(url, pool_size).await?,
        ))
    } else {
        Err(StoreError::UnsupportedUrl(
            claimwatch_core::text::redact_url(url),
        ))
    }
}

/// [`connect_with`] the default pool size.
pub async fn connect(url: &str) -> Result<Arc<dyn Store>> {
    connect_with(url, DEFAULT_POOL_SIZE).await
}

/// Connects to the store named by `url` and applies pending migrations.
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    let store = connect(url).await?;
    store.migrate().await?;
    Ok(store)
}

/// Milliseconds since the epoch, the SQLite timestamp form.
pub(crate) fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}
