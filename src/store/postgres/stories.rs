//! PostgreSQL: stories, claims, figures and full-text search (a tsvector of stemmed words with
//! the `simple` configuration, matched by prefix — the same behaviour as SQLite's FTS5 index).

use super::PostgresStore;
use super::filing;
use crate::model::{Category, Claim, StoredClaim, StoryView};
use crate::store::rows::{
    CLAIM_COLUMNS, STORY_COLUMNS, STORY_SOURCE_COLUMNS, claim, figure, story, story_source,
};
use crate::store::stories::{
    ClaimView, ItemFiling, SEARCH_CANDIDATES, SearchPage, SearchQuery, StoryChoice, StoryStore,
};
use crate::store::{Result, views};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
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

impl PostgresStore {
    async fn claims_by_ids(&self, ids: &[i64]) -> Result<Vec<StoredClaim>> {
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
            "SELECT claim_id, metric, value, delta, cumulative FROM claim_figures
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

    async fn claim_views(&self, claim_ids: &[i64]) -> Result<Vec<ClaimView>> {
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
        // Same contract as SQLite: only the SEARCH_CANDIDATES newest matches are ranked.
        let counted: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM (SELECT 1 FROM claims
               WHERE terms @@ to_tsquery('simple', $1) AND claimed_at >= $2
                 AND ($3::text IS NULL OR category = $3)
               LIMIT $4) AS m",
        )
        .bind(&expr)
        .bind(q.since)
        .bind(category)
        .bind(SEARCH_CANDIDATES + 1)
        .fetch_one(&self.pool)
        .await?;
        let ids: Vec<i64> = sqlx::query_scalar(
            "WITH candidates AS (
               SELECT id, claimed_at, terms FROM claims
               WHERE terms @@ to_tsquery('simple', $1) AND claimed_at >= $2
                 AND ($3::text IS NULL OR category = $3)
               ORDER BY claimed_at DESC, id DESC LIMIT $6)
             SELECT id FROM candidates
             ORDER BY ts_rank(terms, to_tsquery('simple', $1)) DESC, claimed_at DESC, id DESC
             LIMIT $4 OFFSET $5",
        )
        .bind(&expr)
        .bind(q.since)
        .bind(category)
        .bind(q.limit)
        .bind(q.offset)
        .bind(SEARCH_CANDIDATES)
        .fetch_all(&self.pool)
        .await?;
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
