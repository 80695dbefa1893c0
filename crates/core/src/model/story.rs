//! Claims as stored, and the stories that fold the same report from many sources.

use super::Claim;
use chrono::{DateTime, Utc};

/// A claim as stored: one per story and claim key, with the story it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredClaim {
    pub id: i64,
    pub story_id: i64,
    /// The item the claim was first extracted from.
    pub item_id: i64,
    pub claimed_at: DateTime<Utc>,
    pub claim: Claim,
}

/// A link to one item of a story, for "N sources" lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRef {
    pub source_id: i64,
    pub source_name: String,
    pub item_id: i64,
    pub url: Option<String>,
    pub published_at: DateTime<Utc>,
}

/// A story: the same report told by one or more items, and the claims it carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub id: i64,
    pub first_item_id: i64,
    pub first_seen_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub item_count: i64,
    /// Distinct sources among its items.
    pub source_count: i64,
    pub title: String,
}

/// A story with everything needed to show it: claims and sources (first source first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryView {
    pub story: Story,
    pub claims: Vec<StoredClaim>,
    pub sources: Vec<SourceRef>,
    /// Other stories folded into this one because they only restate its claims
    /// (`cluster::fold`): shown and delivered with it.
    pub folded: Vec<i64>,
}
