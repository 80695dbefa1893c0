//! PostgreSQL: stories, claims, figures and full-text search (a tsvector of stemmed words with
//! the `simple` configuration, matched by prefix — the same behaviour as SQLite's FTS5 index).

use super::PostgresStore;
use crate::model::{Category, Claim, StoredClaim, StoryView};
use crate::store::rows::{
    CLAIM_COLUMNS, STORY_COLUMNS, STORY_SOURCE_COLUMNS, claim, figure, story, story_source,
};
use crate::store::stories::{ClaimView, SEARCH_CANDIDATES, SearchPage, SearchQuery, StoryStore};
use crate::store::{Result, StoreError, views};
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
    async fn create_story(&self, item_id: i64, title: &str, seen_at: DateTime<Utc>) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO stories (first_item_id, title, first_seen_at, last_seen_at)
             VALUES ($1, $2, $3, $3) RETURNING id",
        )
        .bind(item_id)
        .bind(title)
        .bind(seen_at)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE items SET story_id = $1 WHERE id = $2")
            .bind(id)
            .bind(item_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn join_story(&self, story_id: i64, item_id: i64, seen_at: DateTime<Utc>) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE items SET story_id = $1 WHERE id = $2")
            .bind(story_id)
            .bind(item_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE stories SET
               last_seen_at = greatest(last_seen_at, $2),
               item_count = (SELECT count(*) FROM items WHERE story_id = $1),
               source_count = (SELECT count(DISTINCT source_id) FROM items WHERE story_id = $1)
             WHERE id = $1",
        )
        .bind(story_id)
        .bind(seen_at)
        .execute(&mut *tx)
        .await?;
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
        let mut ids = Vec::with_capacity(claims.len());
        for c in claims {
            let evidence = serde_json::to_string(&c.evidence)
                .map_err(|e| StoreError::Database(e.to_string()))?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO claims (story_id, item_id, category, claimant, side, unit, location,
                   evidence, claimed_at, terms)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_tsvector('simple', $10)) RETURNING id",
            )
            .bind(story_id)
            .bind(item_id)
            .bind(c.category.as_str())
            .bind(&c.claimant)
            .bind(c.side.map(|s| s.as_str()))
            .bind(&c.unit)
            .bind(&c.location)
            .bind(evidence)
            .bind(claimed_at)
            .bind(views::claim_search_terms(search_terms, c))
            .fetch_one(&mut *tx)
            .await?;
            for (pos, f) in c.figures.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO claim_figures (claim_id, position, metric, value, delta, cumulative)
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(id)
                .bind(pos as i64)
                .bind(f.metric.as_str())
                .bind(f.value)
                .bind(f.delta)
                .bind(f.cumulative)
                .execute(&mut *tx)
                .await?;
            }
            ids.push(id);
        }
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
