//! The [`Store`] trait: every storage concern in one object, implemented once per backend.

use crate::error::Result;
use crate::items::ItemStore;
use crate::leases::LeaseStore;
use crate::ops::OpsStore;
use crate::outbox::OutboxStore;
use crate::series::SeriesStore;
use crate::sources::SourceStore;
use crate::stats::Stats;
use crate::stories::StoryStore;
use crate::subscribers::SubscriberStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

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
