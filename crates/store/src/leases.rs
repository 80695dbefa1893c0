//! Named leases: at most one holder at a time until the lease expires. Used to elect the one
//! instance that runs the Telegram update loop when several share a database.

use super::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::time::Duration;

#[async_trait]
pub trait LeaseStore: Send + Sync {
    /// Takes the lease `name` for `owner` until `now + ttl` if it is free, expired, or already
    /// `owner`'s (a renewal). Returns whether `owner` holds it now.
    async fn acquire_lease(
        &self,
        name: &str,
        owner: &str,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<bool>;
    /// Gives the lease up if `owner` holds it.
    async fn release_lease(&self, name: &str, owner: &str) -> Result<()>;
    /// The current holder, if the lease is held and not expired at `now`.
    async fn lease_holder(&self, name: &str, now: DateTime<Utc>) -> Result<Option<String>>;
}
