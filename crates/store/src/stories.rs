//! Stories (one report told by many items), their claims, and keyword search over claims.

use super::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::{Category, Claim, SourceRef, StoredClaim, Story, StoryView};

/// A keyword search over claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// Stemmed terms (see `text::stem::query_terms`); every term must match, by prefix.
    pub terms: Vec<String>,
    pub since: DateTime<Utc>,
    pub category: Option<Category>,
    pub limit: i64,
    pub offset: i64,
}

/// One claim found, with its story's sources (first source first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimView {
    pub claim: StoredClaim,
    pub story: Story,
    pub sources: Vec<SourceRef>,
}

impl ClaimView {
    /// Claims told twice (a round-up and the post it restates, two channels) shown once, with
    /// the sources of both (`cluster::fold`); the order is kept.
    pub fn fold(views: Vec<ClaimView>) -> Vec<ClaimView> {
        claimwatch_core::cluster::fold::fold_claims(views, |v| &v.claim, |v| &mut v.sources)
    }

    /// The claims folded (see [`ClaimView::fold`]) and grouped by story, each story where its
    /// first claim is, a later telling of a story joining it (`/recent` shows a story once,
    /// with all its claims; `cluster::entries`).
    pub fn entries(views: Vec<ClaimView>) -> Vec<Vec<ClaimView>> {
        claimwatch_core::cluster::entries::by_story(views, |v| &v.claim, |v| &mut v.sources)
    }
}

/// A page of search results and the total number of matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPage {
    pub hits: Vec<ClaimView>,
    /// Matches counted, at most [`SEARCH_CANDIDATES`].
    pub total: i64,
    /// More than [`SEARCH_CANDIDATES`] claims match: `total` is a lower bound and only the most
    /// recent [`SEARCH_CANDIDATES`] matches are ranked and paged.
    pub total_capped: bool,
}

/// Where a classified item goes: a new story (with this title) or an existing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoryChoice<'a> {
    New { title: &'a str },
    Join(i64),
}

/// Everything the pipeline writes for one relevant item, written in one transaction.
#[derive(Debug, Clone, Copy)]
pub struct ItemFiling<'a> {
    pub item_id: i64,
    pub story: StoryChoice<'a>,
    /// When the story saw the item (its publication time).
    pub seen_at: DateTime<Utc>,
    /// Claims to add to the story (already merged with the ones it has).
    pub claims: &'a [Claim],
    /// Stored claims of the story the item restates with more (new figures, deltas, unit or
    /// place): each stored claim id with its merged version, which replaces it.
    pub updated_claims: &'a [(i64, Claim)],
    pub claimed_at: DateTime<Utc>,
    /// The item's stemmed words, indexed for search with each claim.
    pub search_terms: &'a str,
    pub processed_at: DateTime<Utc>,
}

/// How many of the most recent matches a search ranks. A word that matches more claims than
/// this in the window (a very common word) is ranked among its newest matches only; this keeps
/// every search's cost bounded however large the archive grows (see the README's
/// *Performance*).
pub const SEARCH_CANDIDATES: i64 = 500;

#[async_trait]
pub trait StoryStore: Send + Sync {
    /// Files a classified item in one transaction: creates or joins its story, adds its claims
    /// and marks the item processed. Returns the story's id. A crash leaves either all of it or
    /// none (the item is then processed again).
    async fn file_item(&self, filing: &ItemFiling<'_>) -> Result<i64>;
    /// Starts a story with `item_id` as its first item.
    async fn create_story(&self, item_id: i64, title: &str, seen_at: DateTime<Utc>) -> Result<i64>;
    /// Adds an item to a story: updates its counts and last-seen time.
    async fn join_story(&self, story_id: i64, item_id: i64, seen_at: DateTime<Utc>) -> Result<()>;
    /// Stores claims extracted from `item_id` under `story_id`, indexed for search with
    /// `search_terms` (stemmed text). Returns their ids.
    async fn add_claims(
        &self,
        story_id: i64,
        item_id: i64,
        claimed_at: DateTime<Utc>,
        claims: &[Claim],
        search_terms: &str,
    ) -> Result<Vec<i64>>;
    async fn story(&self, id: i64) -> Result<Option<StoryView>>;
    /// Claims first extracted from any of `item_ids` (with their figures), by id. Used to
    /// rebuild the cluster window at start-up.
    async fn claims_of_items(&self, item_ids: &[i64]) -> Result<Vec<StoredClaim>>;
    /// Stories first seen in `(since, until]` that have claims.
    async fn stories_between(
        &self,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<StoryView>>;
    /// Stories with claims first seen in `(since, until]` not yet sent to `subscriber_id`.
    async fn undelivered_stories(
        &self,
        subscriber_id: i64,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<StoryView>>;
    /// Claims claimed at or after `query.since` whose indexed text matches every term (by
    /// prefix), best match first, then newest. Ranks at most the [`SEARCH_CANDIDATES`] most
    /// recent matches.
    async fn search_claims(&self, query: &SearchQuery) -> Result<SearchPage>;
    /// The newest claims of one claimant (compared ignoring case) and category claimed at or
    /// before `until`, newest first, with their figures. The digest's losses block reads the
    /// General Staff's running totals through it.
    async fn latest_claims_by_claimant(
        &self,
        claimant: &str,
        category: Category,
        until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<StoredClaim>>;
    /// Claims claimed at or after `since`, newest first.
    async fn recent_claims(
        &self,
        since: DateTime<Utc>,
        category: Option<Category>,
        limit: i64,
    ) -> Result<Vec<ClaimView>>;
}
