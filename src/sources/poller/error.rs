//! Why a poll failed: the fetch, the feed, Telegram's page, the store, or a bug.

use crate::sources::feed::FeedError;
use crate::sources::fetch::FetchError;
use crate::store::StoreError;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// Why a poll failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PollError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(transparent)]
    Feed(#[from] FeedError),
    #[error("{0}")]
    Telegram(String),
    #[error("storage: {0}")]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl PollError {
    pub(super) fn retry_after(&self, now: DateTime<Utc>) -> Option<Duration> {
        match self {
            PollError::Fetch(e) => e.retry_after().map(|r| r.delay_from(now)),
            _ => None,
        }
    }
}
