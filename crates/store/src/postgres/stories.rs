//! PostgreSQL: stories, claims and figures (full-text search is in `search.rs`).

use super::PostgresStore;
use super::filing;
use crate::rows::{
    CLAIM_COLUMNS, STORY_COLUMNS, STORY_SOURCE_COLUMNS, claim, figure, story, story_source,
};
use crate::stories::{ClaimView, ItemFiling, SearchPage, SearchQuery, StoryChoice, StoryStore};
use crate::{Result, views};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::{Category, Claim, StoredClaim, StoryView};
use sqlx::AssertSqlSafe;

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
        self.search(q).await
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
