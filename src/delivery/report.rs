//! What a delivery step did ([`DeliveryReport`], added up over a run) and why one stopped
//! ([`DeliveryError`]).

use crate::store::StoreError;
use chrono::{DateTime, Utc};

/// Why a delivery step stopped.
#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Telegram refused the bot token; messages stay pending.
    #[error("Telegram refused the bot token ({0}); check TELOXIDE_TOKEN")]
    Unauthorized(String),
    /// The bot could not be set up (token missing, bad API URL or proxy).
    #[error("{0}")]
    Setup(String),
}

/// What one step (or a whole run) did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    pub leased: usize,
    pub sent: usize,
    /// Of `sent`: messages sent again after being found in doubt, each with the marker.
    pub resent: usize,
    /// 429 answers (each waited out and retried, never dropped).
    pub rate_limited: usize,
    /// Network errors retried with backoff.
    pub retried: usize,
    /// Subscribers made inactive (blocked, kicked, deactivated, chat not found).
    pub deactivated: usize,
    pub migrated: usize,
    /// Messages given up (attempts exhausted, message refused, or their chat is gone).
    pub failed: usize,
    /// Leased messages put back because their chat must wait (pacing or a 429 pause).
    pub deferred: usize,
    /// The step stopped at [`MAX_PER_STEP`](super::MAX_PER_STEP): more may be due at once.
    pub more: bool,
    /// The step stopped because the global limit or a flood pause holds until then.
    pub paced_until: Option<DateTime<Utc>>,
}

impl DeliveryReport {
    pub fn add(&mut self, o: &DeliveryReport) {
        self.leased += o.leased;
        self.sent += o.sent;
        self.resent += o.resent;
        self.rate_limited += o.rate_limited;
        self.retried += o.retried;
        self.deactivated += o.deactivated;
        self.migrated += o.migrated;
        self.failed += o.failed;
        self.deferred += o.deferred;
    }
}
