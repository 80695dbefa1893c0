//! Sources watched and the items read from them.

use super::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How a source is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// RSS, Atom or JSON Feed over http(s) or `file://`.
    Feed,
    /// A public Telegram channel read through `https://t.me/s/<name>`.
    Telegram,
}

named_values!(SourceKind, "source kind", "feed or telegram", {
    Feed => "feed",
    Telegram => "telegram",
});

/// Where a source was declared: the config file (re-upserted at every start) or at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceOrigin {
    Config,
    Runtime,
}

named_values!(SourceOrigin, "source origin", "config or runtime", {
    Config => "config",
    Runtime => "runtime",
});

/// A source to add or update. `url` is the canonical address (see `sources::address`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSource {
    pub url: String,
    pub kind: SourceKind,
    pub title: Option<String>,
    pub lang: Option<Lang>,
    /// Poll interval in seconds; `None` uses the configured default.
    pub interval_secs: Option<i64>,
    pub origin: SourceOrigin,
}

/// A monitored source and its polling health.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: i64,
    pub url: String,
    pub kind: SourceKind,
    pub title: Option<String>,
    pub lang: Option<Lang>,
    pub interval_secs: Option<i64>,
    pub origin: SourceOrigin,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub next_check_at: DateTime<Utc>,
    pub last_success_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
    pub error_count: i64,
    pub paused: bool,
    pub paused_reason: Option<String>,
    /// Telegram backfill: the oldest post id reached so far (`?before=` of the next page).
    pub backfill_cursor: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Source {
    /// A short human name: the title when known, else the address without its user name and
    /// password (a feed's credentials are never shown).
    pub fn display_name(&self) -> std::borrow::Cow<'_, str> {
        match self.title.as_deref().filter(|t| !t.is_empty()) {
            Some(t) => t.into(),
            None => crate::text::strip_userinfo(&self.url).into(),
        }
    }
}

/// A normalised item ready to be stored (one feed entry or one Telegram post).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewItem {
    pub source_id: i64,
    /// The feed's guid, the Telegram post id (`name/123`), or a stable hash when neither exists.
    pub external_id: String,
    /// Canonical link (tracking parameters stripped), when the item has one.
    pub url: Option<String>,
    pub title: String,
    /// Clean text: no tags, entities decoded, whitespace folded, line breaks kept.
    pub text: String,
    pub lang: Lang,
    pub published_at: DateTime<Utc>,
    pub fetched_at: DateTime<Utc>,
    /// Hex digest of the normalised title and text.
    pub content_hash: String,
    pub author: Option<String>,
    /// For a forwarded Telegram post: the channel it came from (`name` or display name).
    pub forwarded_from: Option<String>,
    pub views: Option<i64>,
    /// Media kinds attached ("photo", "video", "poll", …).
    pub media: Vec<String>,
    pub edited: bool,
}

/// A stored item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: i64,
    #[serde(flatten)]
    pub item: NewItem,
    pub story_id: Option<i64>,
}

/// What happened to an item offered to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    Inserted(i64),
    /// Already stored (same source + external id, same canonical link or same content hash);
    /// carries the stored item's id.
    Duplicate(i64),
}
