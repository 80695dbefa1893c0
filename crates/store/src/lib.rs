//! Storage: one [`Store`] trait made of one trait per concern (sources, items, stories and
//! claims, subscribers, outbox), one implementation per backend, one migration set per backend.
//! The backend is chosen by the database URL's scheme.

mod error;
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
mod stats;
mod store;
mod stories;
mod subscribers;
mod time;
mod views;

pub use error::{Result, StoreError};
pub use items::ItemStore;
pub use leases::LeaseStore;
pub use ops::{Backlog, ExportQuery, OpsStore, SchemaStatus};
pub use outbox::{
    DigestEnqueue, InDoubtResolved, InFlight, OutboxMessage, OutboxState, OutboxStore,
};
pub use series::{ChartImage, SeriesQuery, SeriesStore, SeriesSummary};
pub use sources::{PollFailure, PollSuccess, SourceStore};
pub use stats::Stats;
pub use store::Store;
pub use stories::{
    ClaimView, ItemFiling, SEARCH_CANDIDATES, SearchPage, SearchQuery, StoryChoice, StoryStore,
};
pub use subscribers::{SubscriberStore, SubscriberUpdate, weekday_from_db, weekday_to_db};
pub(crate) use time::{from_ms, to_ms};

use std::sync::Arc;

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
