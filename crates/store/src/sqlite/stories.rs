//! SQLite: stories, claims, figures and full-text search (FTS5 over stemmed terms).

use super::SqliteStore;
use super::filing;
use crate::rows::{
    CLAIM_COLUMNS, STORY_COLUMNS, STORY_SOURCE_COLUMNS, claim, figure, story, story_source,
};
use crate::stories::{ClaimView, ItemFiling, SearchPage, SearchQuery, StoryChoice, StoryStore};
use crate::{Result, to_ms, views};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::{Category, Claim, StoredClaim, StoryView};
use sqlx::AssertSqlSafe;
use sqlx::sqlite::SqliteArguments;

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// `sql` with one `{}` replaced by `?` placeholders for `ids`, and the ids bound.
fn with_ids(sql: &str, ids: &[i64]) -> sqlx::query::Query<'static, sqlx::Sqlite, SqliteArguments> {
    let mut q = sqlx::query(AssertSqlSafe(sql.replace("{}", &placeholders(ids.len()))));
    for id in ids {
        q = q.bind(*id);
    }
    q
}

/// An FTS5 query: every term must match, by prefix when three letters or longer. Terms are
/// stems (letters, digits, apostrophes); quotes are doubled anyway so no input can change the
/// query's syntax.
pub(crate) fn fts_match(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| {
            let quoted = format!("\"{}\"", t.replace('"', "\"\""));
            if t.chars().count() >= 3 {
                format!("{quoted}*")
            } else {
                quoted
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl SqliteStore {
    pub(super) async fn claims_by_ids(&self, ids: &[i64]) -> Result<Vec<StoredClaim>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows = with_ids(
            &format!("SELECT {CLAIM_COLUMNS} FROM claims WHERE id IN ({{}})"),
            ids,
        )
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
        let rows = with_ids(
            "SELECT claim_id, metric, value, delta, cumulative, period, qualifier, low, high
             FROM claim_figures
             WHERE claim_id IN ({}) ORDER BY claim_id, position",
            &ids,
        )
        .fetch_all(&self.pool)
        .await?;
        let figures = rows.iter().map(figure).collect::<Result<Vec<_>>>()?;
        views::attach_figures(claims, figures);
        Ok(())
    }

    /// Stories with their claims and sources, in the order of `ids`.
    async fn story_views(&self, ids: &[i64]) -> Result<Vec<StoryView>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let stories = with_ids(
            &format!("SELECT {STORY_COLUMNS} FROM stories WHERE id IN ({{}})"),
            ids,
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(story)
        .collect::<Result<Vec<_>>>()?;
        let claim_rows = with_ids(
            &format!("SELECT {CLAIM_COLUMNS} FROM claims WHERE story_id IN ({{}}) ORDER BY id"),
            ids,
        )
        .fetch_all(&self.pool)
        .await?;
        let mut claims: Vec<StoredClaim> = claim_rows.iter().map(claim).collect::<Result<_>>()?;
        self.attach_figures(&mut claims).await?;
        let sources = with_ids(
            &format!(
                "SELECT {STORY_SOURCE_COLUMNS} FROM items i JOIN sources s ON s.id = i.source_id
                 WHERE i.story_id IN ({{}}) ORDER BY i.published_at, i.id"
            ),
            ids,
        )
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
impl StoryStore for SqliteStore {
    async fn file_item(&self, f: &ItemFiling<'_>) -> Result<i64> {
        let mut tx = self.write_tx().await?;
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
        let mut tx = self.write_tx().await?;
        let id = filing::create_story(&mut tx, item_id, title, seen_at).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn join_story(&self, story_id: i64, item_id: i64, seen_at: DateTime<Utc>) -> Result<()> {
        let mut tx = self.write_tx().await?;
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
        let mut tx = self.write_tx().await?;
        let ids = filing::add_claims(&mut tx, story_id, item_id, claimed_at, claims, search_terms)
            .await?;
        tx.commit().await?;
        Ok(ids)
    }

    async fn story(&self, id: i64) -> Result<Option<StoryView>> {
        Ok(self.story_views(&[id]).await?.pop())
    }

    async fn claims_of_items(&self, item_ids: &[i64]) -> Result<Vec<StoredClaim>> {
        let mut out = Vec::new();
        for chunk in item_ids.chunks(500) {
            let sql = format!(
                "SELECT id FROM claims WHERE item_id IN ({}) ORDER BY id",
                placeholders(chunk.len())
            );
            let mut q = sqlx::query_scalar(AssertSqlSafe(sql));
            for id in chunk {
                q = q.bind(id);
            }
            let ids: Vec<i64> = q.fetch_all(&self.pool).await?;
            for ids in ids.chunks(500) {
                out.extend(self.claims_by_ids(ids).await?);
            }
        }
        Ok(out)
    }

    async fn stories_between(
        &self,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<StoryView>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT s.id FROM stories s
             WHERE s.first_seen_at > ?1 AND s.first_seen_at <= ?2
               AND EXISTS (SELECT 1 FROM claims c WHERE c.story_id = s.id)
             ORDER BY s.first_seen_at, s.id LIMIT ?3",
        )
        .bind(to_ms(since))
        .bind(to_ms(until))
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
             WHERE s.first_seen_at > ?2 AND s.first_seen_at <= ?3
               AND EXISTS (SELECT 1 FROM claims c WHERE c.story_id = s.id)
               AND NOT EXISTS (SELECT 1 FROM delivered_stories d
                               WHERE d.subscriber_id = ?1 AND d.story_id = s.id)
             ORDER BY s.first_seen_at, s.id LIMIT ?4",
        )
        .bind(subscriber_id)
        .bind(to_ms(since))
        .bind(to_ms(until))
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
             WHERE claimant = ?1 COLLATE NOCASE AND category = ?2 AND claimed_at <= ?3
             ORDER BY claimed_at DESC, id DESC LIMIT ?4",
        )
        .bind(claimant.trim())
        .bind(category.as_str())
        .bind(to_ms(until))
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
            "SELECT id FROM claims WHERE claimed_at >= ?1 AND (?2 IS NULL OR category = ?2)
             ORDER BY claimed_at DESC, id DESC LIMIT ?3",
        )
        .bind(to_ms(since))
        .bind(category.map(Category::as_str))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        self.claim_views(&ids).await
    }
}
