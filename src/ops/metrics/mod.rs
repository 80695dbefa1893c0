//! The process's metrics, served at `/metrics` in the Prometheus text format: one static
//! family per metric. The stages record what they did at clear points through [`record`] (a
//! poll cycle's reports, a pipeline step, a delivery step, a digest's first message, a
//! search); the health checker sets the gauges it reads from the database. No label carries a
//! secret: sources are named by their title or their address without credentials or query.

pub mod family;
pub mod record;

use family::{Family, Kind::Counter, Kind::Gauge};

/// Digest lag buckets, in seconds: a second to six hours.
const LAG_BUCKETS: &[f64] = &[
    1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0, 7200.0, 21600.0,
];
/// Search latency buckets, in seconds: a millisecond to five seconds.
const SEARCH_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];
const SOURCE: &[&str] = &["source_id", "source"];

macro_rules! family {
    ($static:ident, $name:literal, $kind:ident, $labels:expr, $help:literal) => {
        #[doc = $help]
        pub static $static: Family = Family::new($name, $help, $kind, $labels);
    };
}

family!(
    BUILD_INFO,
    "claimwatch_build_info",
    Gauge,
    &["version", "revision"],
    "Always 1; the labels say which build runs."
);
family!(
    START_TIME,
    "claimwatch_process_start_time_seconds",
    Gauge,
    &[],
    "When this process started, in seconds since the epoch."
);
family!(
    POLLS,
    "claimwatch_polls_total",
    Counter,
    &["source_id", "source", "outcome"],
    "Polls of a source, by outcome (ok, not_modified, error, paused)."
);
family!(
    ITEMS_FETCHED,
    "claimwatch_items_fetched_total",
    Counter,
    SOURCE,
    "Entries or posts read from a source, new or not."
);
family!(
    ITEMS_STORED,
    "claimwatch_items_stored_total",
    Counter,
    SOURCE,
    "New items stored from a source."
);
family!(
    FETCH_ERRORS,
    "claimwatch_fetch_errors_total",
    Counter,
    &["source_id", "source", "kind"],
    "Failed polls of a source, by kind of error."
);
family!(
    SOURCE_LAST_SUCCESS,
    "claimwatch_source_last_success_timestamp_seconds",
    Gauge,
    SOURCE,
    "Last successful poll of a source by any instance, in seconds since the epoch."
);
family!(
    SOURCE_ERRORS,
    "claimwatch_source_consecutive_errors",
    Gauge,
    SOURCE,
    "Failed polls of a source since its last success, by any instance."
);
family!(
    ITEMS_CLASSIFIED,
    "claimwatch_items_classified_total",
    Counter,
    &["category"],
    "Items classified, by category found (none: no claim)."
);
family!(
    CLAIMS_FILED,
    "claimwatch_claims_filed_total",
    Counter,
    &[],
    "Claims filed in stories."
);
family!(
    CLAIMS_UPDATED,
    "claimwatch_claims_updated_total",
    Counter,
    &[],
    "Stored claims completed by a later item (more figures, unit or place)."
);
family!(
    STORIES_CREATED,
    "claimwatch_stories_created_total",
    Counter,
    &[],
    "Stories started by this process."
);
family!(
    STORY_JOINS,
    "claimwatch_story_joins_total",
    Counter,
    &[],
    "Relevant items that joined an existing story."
);
family!(
    STORIES,
    "claimwatch_stories",
    Gauge,
    &[],
    "Stories in the database."
);
family!(
    CLAIMS,
    "claimwatch_claims",
    Gauge,
    &[],
    "Claims in the database."
);
family!(
    OUTBOX_DEPTH,
    "claimwatch_outbox_depth",
    Gauge,
    &[],
    "Outbox messages waiting or being sent."
);
family!(
    OUTBOX_OLDEST_AGE,
    "claimwatch_outbox_oldest_age_seconds",
    Gauge,
    &[],
    "Age of the oldest outbox message waiting or being sent (0 when none)."
);
family!(
    MESSAGES_SENT,
    "claimwatch_messages_sent_total",
    Counter,
    &[],
    "Outbox messages sent to Telegram."
);
family!(
    TELEGRAM_429,
    "claimwatch_telegram_429_total",
    Counter,
    &[],
    "Sends Telegram answered with 429 Too Many Requests (waited out and retried)."
);
family!(
    SEND_RETRIES,
    "claimwatch_send_retries_total",
    Counter,
    &[],
    "Sends retried after a network error."
);
family!(
    MESSAGES_FAILED,
    "claimwatch_messages_failed_total",
    Counter,
    &[],
    "Outbox messages given up (chat gone, refused, attempts exhausted)."
);
family!(
    CHECK_UP,
    "claimwatch_check_up",
    Gauge,
    &["check"],
    "Readiness checks at the last check (database, schema, telegram): 1 passed, 0 failed."
);
family!(
    READY,
    "claimwatch_ready",
    Gauge,
    &[],
    "1 when /readyz answers ready."
);

/// From a scheduled digest's due time to its first message sent.
pub static DIGEST_LAG: Family = Family::histogram(
    "claimwatch_digest_lag_seconds",
    "From a scheduled digest's due time to its first message sent.",
    &[],
    LAG_BUCKETS,
);
/// Time of one search query in the store.
pub static SEARCH_DURATION: Family = Family::histogram(
    "claimwatch_search_duration_seconds",
    "Time of one search query in the store (/search).",
    &[],
    SEARCH_BUCKETS,
);

/// Every family, in the order `/metrics` shows them.
static ALL: [&Family; 25] = [
    &BUILD_INFO,
    &START_TIME,
    &POLLS,
    &ITEMS_FETCHED,
    &ITEMS_STORED,
    &FETCH_ERRORS,
    &SOURCE_LAST_SUCCESS,
    &SOURCE_ERRORS,
    &ITEMS_CLASSIFIED,
    &CLAIMS_FILED,
    &CLAIMS_UPDATED,
    &STORIES_CREATED,
    &STORY_JOINS,
    &STORIES,
    &CLAIMS,
    &OUTBOX_DEPTH,
    &OUTBOX_OLDEST_AGE,
    &MESSAGES_SENT,
    &TELEGRAM_429,
    &SEND_RETRIES,
    &MESSAGES_FAILED,
    &DIGEST_LAG,
    &SEARCH_DURATION,
    &CHECK_UP,
    &READY,
];

/// The whole registry in the text format.
pub fn render() -> String {
    let mut out = String::with_capacity(8 * 1024);
    for f in ALL {
        f.render(&mut out);
    }
    out
}
