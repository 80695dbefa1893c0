//! The counts shown by `/stats` and `sources list`.

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
