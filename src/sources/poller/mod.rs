//! Polling: the context every poll shares, the report each poll returns, the step function
//! ([`poll_source`]), the cycle over due sources ([`poll_due`]) and the loop
//! ([`run_pollers`]). Newly inserted item ids are reported for the later pipeline stages
//! (classify, cluster); pollers neither classify nor cluster.

mod due;
pub(crate) mod error;
mod kind;
mod run;
pub(crate) mod step;

pub use due::{poll_due, poll_sources};
pub use run::{run_pollers, run_pollers_with};
pub use step::poll_source;

use super::fetch::{FetchError, Fetcher};
use super::telegram;
use crate::config::{Config, PollConfig};
use crate::model::Source;
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// A source of jitter in `[0, 1)` for retry backoff.
pub type Jitter = Arc<dyn Fn() -> f64 + Send + Sync>;

/// What every poll needs. Cheap to clone (shared parts are behind `Arc`).
#[derive(Clone)]
pub struct PollContext {
    pub store: Arc<dyn Store>,
    pub fetcher: Arc<Fetcher>,
    pub poll: PollConfig,
    /// Where Telegram's web preview lives: `https://t.me`, or a loopback server in tests.
    pub telegram_base: String,
    /// Entries taken from one poll of one source (the first in the feed); the rest are
    /// ignored, so a feed of tens of thousands of entries cannot flood the pipeline.
    pub max_items_per_poll: usize,
    /// Jitter for backoff after errors (`fastrand::f64` in production).
    pub jitter: Jitter,
}

impl fmt::Debug for PollContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PollContext")
            .field("backend", &self.store.backend())
            .field("fetcher", &self.fetcher)
            .field("poll", &self.poll)
            .field("telegram_base", &self.telegram_base)
            .field("max_items_per_poll", &self.max_items_per_poll)
            .finish_non_exhaustive()
    }
}

/// How a source is named in reports and logs: its title, else its address without
/// credentials.
pub fn source_label(source: &crate::model::Source) -> String {
    match source.title.as_deref().filter(|t| !t.is_empty()) {
        Some(t) => t.to_owned(),
        None => crate::text::redact_url(&source.url),
    }
}

/// Default for [`PollContext::max_items_per_poll`].
pub const DEFAULT_MAX_ITEMS_PER_POLL: usize = 1_000;

impl PollContext {
    /// A context for `store` with the fetcher and limits of `config`.
    pub fn new(store: Arc<dyn Store>, config: &Config) -> Result<PollContext, FetchError> {
        Ok(PollContext {
            store,
            fetcher: Arc::new(Fetcher::from_config(&config.http, &config.poll)?),
            poll: config.poll.clone(),
            telegram_base: telegram::DEFAULT_BASE.to_owned(),
            max_items_per_poll: DEFAULT_MAX_ITEMS_PER_POLL,
            jitter: Arc::new(fastrand::f64),
        })
    }

    /// Reads Telegram previews from `base` instead of `https://t.me` (tests).
    pub fn with_telegram_base(mut self, base: impl Into<String>) -> Self {
        self.telegram_base = base.into();
        self
    }

    /// Uses `jitter` for backoff (tests use a constant).
    pub fn with_jitter(mut self, jitter: impl Fn() -> f64 + Send + Sync + 'static) -> Self {
        self.jitter = Arc::new(jitter);
        self
    }

    /// How long a leased source stays reserved for this poller: long enough for its request
    /// to wait behind others on the same host and run to its own timeout.
    pub fn lease(&self) -> Duration {
        self.fetcher.limits().timeout * 2 + Duration::from_secs(60)
    }

    /// The longest one poll (fetch, parse, store) may take before it is recorded as failed.
    pub fn poll_deadline(&self) -> Duration {
        self.lease() - Duration::from_secs(30)
    }
}

/// How a poll ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PollOutcome {
    /// Fetched and parsed; items stored (new ones listed in the report).
    Ok,
    /// The server answered 304 (or the file is unchanged): nothing parsed.
    NotModified,
    /// The poll failed; the message is stored as the source's last error.
    Error(String),
    /// The poll failed once too often in a row: the source is now paused (admins should be
    /// told).
    Paused(String),
    /// The storage was unavailable: nothing was recorded (not the source's fault, so not
    /// counted against it); the source is polled again when its lease ends.
    NotStored(String),
}

impl PollOutcome {
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            PollOutcome::Error(_) | PollOutcome::Paused(_) | PollOutcome::NotStored(_)
        )
    }
}

/// What one poll of one source did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollReport {
    pub source_id: i64,
    /// The source's title or address, for logs and summaries.
    pub source_name: String,
    pub outcome: PollOutcome,
    /// Ids of items stored by this poll, oldest first: the input of classify and cluster.
    pub new_item_ids: Vec<i64>,
    /// Entries or posts parsed (0 when nothing was parsed).
    pub entries_seen: usize,
    /// Entries already stored (same guid, link or content).
    pub duplicates: usize,
    /// Entries ignored: past `max_items_per_poll`, or with nothing to store.
    pub skipped: usize,
    pub next_check_at: DateTime<Utc>,
    pub elapsed: Duration,
    /// What kind of error failed the poll (`timeout`, `http_404`, `parse`, …), for metrics.
    pub error_kind: Option<&'static str>,
}

impl PollReport {
    /// A report for `source` with nothing done yet.
    pub fn empty(source: &Source, now: DateTime<Utc>) -> PollReport {
        PollReport {
            source_id: source.id,
            source_name: source_label(source),
            outcome: PollOutcome::Ok,
            new_item_ids: Vec::new(),
            entries_seen: 0,
            duplicates: 0,
            skipped: 0,
            next_check_at: now,
            elapsed: Duration::ZERO,
            error_kind: None,
        }
    }
}

impl fmt::Display for PollReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match &self.outcome {
            PollOutcome::Ok => format!(
                "ok: {} new, {} already stored, {} seen",
                self.new_item_ids.len(),
                self.duplicates,
                self.entries_seen
            ),
            PollOutcome::NotModified => "not modified".to_owned(),
            PollOutcome::Error(e) => format!("error: {e}"),
            PollOutcome::Paused(e) => format!("PAUSED after repeated errors: {e}"),
            PollOutcome::NotStored(e) => format!("not stored: {e}"),
        };
        write!(
            f,
            "{:>4}  {}  — {} ({:.1}s; next check {})",
            self.source_id,
            self.source_name,
            what,
            self.elapsed.as_secs_f32(),
            self.next_check_at.format("%Y-%m-%d %H:%M")
        )
    }
}
