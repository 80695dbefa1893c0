//! Sources and their polling state.

use super::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::{NewSource, Source};
use std::time::Duration;

/// A successful poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollSuccess {
    pub at: DateTime<Utc>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub next_check_at: DateTime<Utc>,
    /// The feed's or channel's own title, when it gave one.
    pub title: Option<String>,
    /// The time-to-live the feed declares, in seconds (stored; `None` clears it).
    pub ttl_secs: Option<i64>,
}

/// A failed poll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollFailure {
    pub at: DateTime<Utc>,
    pub error: String,
    pub next_check_at: DateTime<Utc>,
    /// Pause the source (too many consecutive errors); `error` says why.
    pub pause: bool,
}

#[async_trait]
pub trait SourceStore: Send + Sync {
    /// Adds a source, or updates the title, language, interval and origin of the one with the
    /// same URL (reviving it if it was removed). Polling state is kept.
    async fn upsert_source(&self, source: &NewSource, now: DateTime<Utc>) -> Result<Source>;
    async fn source(&self, id: i64) -> Result<Option<Source>>;
    async fn source_by_url(&self, url: &str) -> Result<Option<Source>>;
    /// Every source not removed, by id.
    async fn list_sources(&self) -> Result<Vec<Source>>;
    /// Removes a source from monitoring; its items and claims stay. False if unknown.
    async fn remove_source(&self, id: i64) -> Result<bool>;
    /// Pauses or resumes; resuming clears the error count and makes the source due now.
    async fn set_source_paused(
        &self,
        id: i64,
        paused: bool,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool>;
    /// Atomically takes up to `limit` due sources (not paused, not removed, `next_check_at` ≤
    /// `now`) and moves their `next_check_at` to `now + lease`, so no other poller takes them
    /// while this one works; a crashed poller's sources come due again when the lease ends.
    async fn lease_due_sources(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<Source>>;
    async fn record_poll_success(&self, id: i64, ok: &PollSuccess) -> Result<()>;
    /// Increments the error count; returns the source as updated.
    async fn record_poll_failure(&self, id: i64, failure: &PollFailure) -> Result<Source>;
    async fn set_backfill_cursor(&self, id: i64, cursor: Option<&str>) -> Result<()>;
    /// The time-to-live last stored by [`SourceStore::record_poll_success`], in seconds.
    async fn source_ttl(&self, id: i64) -> Result<Option<i64>>;
    /// The earliest `next_check_at` among sources that are neither paused nor removed.
    async fn next_check_due(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(self
            .list_sources()
            .await?
            .iter()
            .filter(|s| !s.paused)
            .map(|s| s.next_check_at)
            .min())
    }
}
