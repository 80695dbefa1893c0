//! PostgreSQL: stories, claims, figures and full-text search (a tsvector of stemmed words with
//! the `simple` configuration, matched by prefix — the same behaviour as SQLite's FTS5 index).
//!
//! A search costs a bounded amount whatever the archive's size and however the words are
//! spread, in two steps (the planner is told which, as its estimates for several words assume
//! they are independent and are often far off):
//!
//! 1. the newest [`SEARCH_PROBE`] claims of the window, read newest first through the
//!    `claimed_at` index and matched against `terms`, up to `SEARCH_CANDIDATES + 1` matches —
//!    enough for a common word;
//! 2. when they hold fewer, the rest of the window through the index of the stems' prefixes
//!    (`claim_term_prefixes`, migration 0008): each query stem is looked up by its first six
//!    characters as one exact key, several intersected by GIN, and matched against `terms` in
//!    full; so two common words that rarely meet cost little, unlike a newest-first scan.
//!
//! The newest `SEARCH_CANDIDATES` matches are then ranked by `ts_rank`, then recency.

use super::PostgresStore;
use super::filing;
use crate::rows::{
    CLAIM_COLUMNS, STORY_COLUMNS, STORY_SOURCE_COLUMNS, claim, figure, story, story_source,
};
use crate::stories::{
    ClaimView, ItemFiling, SEARCH_CANDIDATES, SearchPage, SearchQuery, StoryChoice, StoryStore,
};
use crate::{Result, views};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::{Category, Claim, StoredClaim, StoryView};
use sqlx::AssertSqlSafe;

/// A `to_tsquery('simple', …)` text: every term must match, by prefix when three letters or
/// longer. Only letters and digits reach the query, so no input can change its syntax.
pub(crate) fn tsquery(terms: &[String]) -> String {
    terms
        .iter()
        .flat_map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty())
        })
        .map(|t| {
            if t.chars().count() >= 3 {
                format!("{t}:*")
            } else {
                t.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// The `to_tsquery('simple', …)` text that looks the parts [`tsquery`] makes up in the prefix
/// index (`claim_term_prefixes`, migration 0008): a part of three characters or more by its
/// first six, a shorter one whole, so it matches every claim [`tsquery`] matches (and some more
/// when a part is longer than six). `None` when a part holds anything but lowercase letters and
/// ASCII digits, which the text parser might split or fold differently once cut.
pub(crate) fn prefix_tsquery(terms: &[String]) -> Option<String> {
    let parts: Vec<&str> = terms
        .iter()
        .flat_map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|p| !p.is_empty())
        })
        .collect();
    let plain = |c: char| c.is_ascii_digit() || (c.is_alphabetic() && c.to_lowercase().eq([c]));
    if parts.is_empty() || !parts.iter().all(|p| p.chars().all(plain)) {
        return None;
    }
    Some(
        parts
            .iter()
            .map(|p| p.chars().take(PREFIX_CHARS).collect::<String>())
            .collect::<Vec<_>>()
            .join(" & "),
    )
}

/// Claims of the window read newest first before a search turns to the prefix index.
pub const SEARCH_PROBE: i64 = 5_000;
/// Longest prefix `claim_term_prefixes` indexes.
const PREFIX_CHARS: usize = 6;
/// `work_mem` for the search's bitmap scan: enough to keep the bitmap of a common prefix exact
/// over millions of claims, so that rows are not rechecked against the prefix expression.
const BITMAP_WORK_MEM: &str = "64MB";

/// A match: claim id, claimed at, and `ts_rank`.
type Match = (i64, DateTime<Utc>, f32);

impl PostgresStore {
    pub(super) async fn claims_by_ids(&self, ids: &[i64]) -> Result<Vec<StoredClaim>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("SELECT {CLAIM_COLUMNS} FROM claims WHERE id = ANY($1)");
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(ids)
            .fetch_all(&self.pool)
            .await?;
        let mut claims: Vec<StoredClaim> = rows.iter().map(claim).collect::<Result<_>>()?;
        self.attach_figures(&mut claims).await?;
        Ok(views::in_order(ids, claims, |c| c.id))
    }

    async fn attach_figures(&self, claims: &mut [StoredClaim]) -> Result<()> {
        if claims.is_empty() {
            return Ok(());
        }
        let ids: Vec<i64> = claims.iter().map(|c| c.id).collect();
        let rows = sqlx::query(
            "SELECT claim_id, metric, value, delta, cumulative, period, qualifier, low, high
             FROM claim_figures
             WHERE claim_id = ANY($1) ORDER BY claim_id, position",
        )
        .bind(&ids)
        .fetch_all(&self.pool)
        .await?;
        let figures = rows.iter().map(figure).collect::<Result<Vec<_>>>()?;
        views::attach_figures(claims, figures);
        Ok(())
    }

    async fn story_views(&self, ids: &[i64]) -> Result<Vec<StoryView>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("SELECT {STORY_COLUMNS} FROM stories WHERE id = ANY($1)");
        let stories = sqlx::query(AssertSqlSafe(sql))
            .bind(ids)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(story)
            .collect::<Result<Vec<_>>>()?;
        let sql =
            format!("SELECT {CLAIM_COLUMNS} FROM claims WHERE story_id = ANY($1) ORDER BY id");
        let claim_rows = sqlx::query(AssertSqlSafe(sql))
            .bind(ids)
            .fetch_all(&self.pool)
            .await?;
        let mut claims: Vec<StoredClaim> = claim_rows.iter().map(claim).collect::<Result<_>>()?;
        self.attach_figures(&mut claims).await?;
        let sql = format!(
            "SELECT {STORY_SOURCE_COLUMNS} FROM items i JOIN sources s ON s.id = i.source_id
             WHERE i.story_id = ANY($1) ORDER BY i.published_at, i.id"
        );
        let sources = sqlx::query(AssertSqlSafe(sql))
            .bind(ids)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(story_source)
            .collect::<Result<Vec<_>>>()?;
        Ok(views::story_views(ids, stories, claims, sources))
    }

    pub(super) async fn claim_views(&self, claim_ids: &[i64]) -> Result<Vec<ClaimView>> {
        let claims = self.claims_by_ids(claim_ids).await?;
        let stories = self.story_views(&views::story_ids_of(&claims)).await?;
        Ok(views::claim_views(claims, &stories))
    }
}

#[async_trait]
impl StoryStore for PostgresStore {
    async fn file_item(&self, f: &ItemFiling<'_>) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let story = match f.story {
            StoryChoice::New { title } => {
                filing::create_story(&mut tx, f.item_id, title, f.seen_at).await?
            }
            StoryChoice::Join(id) => {
                filing::join_story(&mut tx, id, f.item_id, f.seen_at).await?;
                id
            }
        };
        filing::add_claims(
            &mut tx,
            story,
            f.item_id,
            f.claimed_at,
            f.claims,
            f.search_terms,
        )
        .await?;
        filing::update_claims(&mut tx, f.updated_claims).await?;
        filing::mark_processed(&mut tx, &[f.item_id], f.processed_at).await?;
        tx.commit().await?;
        Ok(story)
    }

    async fn create_story(&self, item_id: i64, title: &str, seen_at: DateTime<Utc>) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let id = filing::create_story(&mut tx, item_id, title, seen_at).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn join_story(&self, story_id: i64, item_id: i64, seen_at: DateTime<Utc>) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        filing::join_story(&mut tx, story_id, item_id, seen_at).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn add_claims(
        &self,
        story_id: i64,
        item_id: i64,
        claimed_at: DateTime<Utc>,
        claims: &[Claim],
        search_terms: &str,
    ) -> Result<Vec<i64>> {
        let mut tx = self.pool.begin().await?;
        let ids = filing::add_claims(&mut tx, story_id, item_id, claimed_at, claims, search_terms)
            .await?;
        tx.commit().await?;
        Ok(ids)
    }

    async fn story(&self, id: i64) -> Result<Option<StoryView>> {
        Ok(self.story_views(&[id]).await?.pop())
    }

    async fn claims_of_items(&self, item_ids: &[i64]) -> Result<Vec<StoredClaim>> {
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT id FROM claims WHERE item_id = ANY($1) ORDER BY id")
                .bind(item_ids)
                .fetch_all(&self.pool)
                .await?;
        self.claims_by_ids(&ids).await
    }

    async fn stories_between(
        &self,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<StoryView>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT s.id FROM stories s
             WHERE s.first_seen_at > $1 AND s.first_seen_at <= $2
               AND EXISTS (SELECT 1 FROM claims c WHERE c.story_id = s.id)
             ORDER BY s.first_seen_at, s.id LIMIT $3",
        )
        .bind(since)
        .bind(until)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        self.story_views(&ids).await
    }

    async fn undelivered_stories(
        &self,
        subscriber_id: i64,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<StoryView>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT s.id FROM stories s
             WHERE s.first_seen_at > $2 AND s.first_seen_at <= $3
               AND EXISTS (SELECT 1 FROM claims c WHERE c.story_id = s.id)
               AND NOT EXISTS (SELECT 1 FROM delivered_stories d
                               WHERE d.subscriber_id = $1 AND d.story_id = s.id)
             ORDER BY s.first_seen_at, s.id LIMIT $4",
        )
        .bind(subscriber_id)
        .bind(since)
        .bind(until)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        self.story_views(&ids).await
    }

    async fn search_claims(&self, q: &SearchQuery) -> Result<SearchPage> {
        let expr = tsquery(&q.terms);
        if expr.is_empty() || q.limit <= 0 {
            return Ok(SearchPage {
                hits: Vec::new(),
                total: 0,
                total_capped: false,
            });
        }
        let category = q.category.map(Category::as_str);
        let want = SEARCH_CANDIDATES + 1;
        let prefixes = prefix_tsquery(&q.terms);
        let mut tx = self.pool.begin().await?;
        // Plans for these very values (a generic plan cannot tell a rare word from a common
        // one), bitmaps kept exact, and no sequential scan of the table.
        sqlx::query(AssertSqlSafe(format!(
            "SELECT set_config('plan_cache_mode', 'force_custom_plan', true),
                    set_config('work_mem', '{BITMAP_WORK_MEM}', true),
                    set_config('enable_seqscan', 'off', true)"
        )))
        .execute(&mut *tx)
        .await?;
        // The claimed_at of the claim just older than the window's newest SEARCH_PROBE.
        let boundary: Option<DateTime<Utc>> = match prefixes {
            Some(_) => {
                sqlx::query_scalar(
                    "SELECT claimed_at FROM claims WHERE claimed_at >= $1
                     ORDER BY claimed_at DESC OFFSET $2 LIMIT 1",
                )
                .bind(q.since)
                .bind(SEARCH_PROBE)
                .fetch_optional(&mut *tx)
                .await?
            }
            None => None,
        };
        // Matches in [$2, $6), newest first; `$5`, when given, looks the terms up by prefix.
        let matching = |from: DateTime<Utc>,
                        before: Option<DateTime<Utc>>,
                        prefixes: Option<&str>,
                        limit: i64| {
            sqlx::query_as::<_, Match>(
                "SELECT id, claimed_at, ts_rank(terms, to_tsquery('simple', $1)) FROM claims
                 WHERE terms @@ to_tsquery('simple', $1) AND claimed_at >= $2
                   AND ($3::text IS NULL OR category = $3)
                   AND ($5::text IS NULL OR claim_term_prefixes(terms) @@ to_tsquery('simple', $5))
                   AND ($6::timestamptz IS NULL OR claimed_at < $6)
                 ORDER BY claimed_at DESC, id DESC LIMIT $4",
            )
            .bind(expr.clone())
            .bind(from)
            .bind(category)
            .bind(limit)
            .bind(prefixes.map(str::to_owned))
            .bind(before)
        };
        // 1. From the boundary on (the whole window when it is small, or when the terms cannot
        //    be looked up by prefix), through the claimed_at index, newest first: enough for a
        //    common word. (The prefix expression is not evaluated row by row: it is dear.)
        let mut matches: Vec<Match> = matching(boundary.unwrap_or(q.since), None, None, want)
            .fetch_all(&mut *tx)
            .await?;
        // 2. The older rest of the window, through the prefix index only: the planner, taking
        //    words for independent, would otherwise read it newest first for two common words
        //    that seldom meet, i.e. all of it.
        if let Some(boundary) = boundary
            && (matches.len() as i64) < want
        {
            sqlx::query("SELECT set_config('enable_indexscan', 'off', true)")
                .execute(&mut *tx)
                .await?;
            let rest = want - matches.len() as i64;
            let older = matching(q.since, Some(boundary), prefixes.as_deref(), rest)
                .fetch_all(&mut *tx)
                .await?;
            matches.extend(older);
        }
        tx.commit().await?;
        // Same contract as SQLite: only the SEARCH_CANDIDATES newest matches are ranked.
        let counted = matches.len() as i64;
        matches.truncate(SEARCH_CANDIDATES as usize);
        matches.sort_by(|a, b| {
            b.2.partial_cmp(&a.2)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(b.1.cmp(&a.1))
                .then(b.0.cmp(&a.0))
        });
        let ids: Vec<i64> = matches
            .iter()
            .skip(q.offset.max(0) as usize)
            .take(q.limit as usize)
            .map(|m| m.0)
            .collect();
        Ok(SearchPage {
            hits: self.claim_views(&ids).await?,
            total: counted.min(SEARCH_CANDIDATES),
            total_capped: counted > SEARCH_CANDIDATES,
        })
    }

    async fn latest_claims_by_claimant(
        &self,
        claimant: &str,
        category: Category,
        until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<StoredClaim>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM claims
             WHERE lower(claimant) = lower($1) AND category = $2 AND claimed_at <= $3
             ORDER BY claimed_at DESC, id DESC LIMIT $4",
        )
        .bind(claimant.trim())
        .bind(category.as_str())
        .bind(until)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        self.claims_by_ids(&ids).await
    }

    async fn recent_claims(
        &self,
        since: DateTime<Utc>,
        category: Option<Category>,
        limit: i64,
    ) -> Result<Vec<ClaimView>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM claims WHERE claimed_at >= $1 AND ($2::text IS NULL OR category = $2)
             ORDER BY claimed_at DESC, id DESC LIMIT $3",
        )
        .bind(since)
        .bind(category.map(Category::as_str))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        self.claim_views(&ids).await
    }
}
