//! SQLite: stories, claims, figures and full-text search (FTS5 over stemmed terms).

use super::SqliteStore;
use super::rows::{CLAIM_COLUMNS, STORY_COLUMNS, claim, figure, story};
use crate::model::{Category, Claim, SourceRef, StoredClaim, StoryView};
use crate::store::stories::{ClaimView, SearchPage, SearchQuery, StoryStore};
use crate::store::{Result, from_ms, to_ms};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{AssertSqlSafe, Row};
use std::collections::HashMap;

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// An FTS5 query: every term must match as a prefix. Terms are stems (letters and digits);
/// quotes are doubled anyway so no input can change the query's syntax.
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
    async fn claims_by_ids(&self, ids: &[i64]) -> Result<Vec<StoredClaim>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {CLAIM_COLUMNS} FROM claims WHERE id IN ({})",
            placeholders(ids.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for id in ids {
            q = q.bind(id);
        }
        let rows = q.fetch_all(&self.pool).await?;
        let mut claims: Vec<StoredClaim> = rows.iter().map(claim).collect::<Result<_>>()?;
        self.attach_figures(&mut claims).await?;
        let order: HashMap<i64, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        claims.sort_by_key(|c| order.get(&c.id).copied().unwrap_or(usize::MAX));
        Ok(claims)
    }

    async fn attach_figures(&self, claims: &mut [StoredClaim]) -> Result<()> {
        if claims.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "SELECT claim_id, metric, value, delta, cumulative FROM claim_figures
             WHERE claim_id IN ({}) ORDER BY claim_id, position",
            placeholders(claims.len())
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for c in claims.iter() {
            q = q.bind(c.id);
        }
        let mut by_claim: HashMap<i64, Vec<_>> = HashMap::new();
        for row in q.fetch_all(&self.pool).await? {
            let (id, f) = figure(&row)?;
            by_claim.entry(id).or_default().push(f);
        }
        for c in claims.iter_mut() {
            c.claim.figures = by_claim.remove(&c.id).unwrap_or_default();
        }
        Ok(())
    }

    /// Stories with their claims and sources, in the order of `ids`.
    async fn story_views(&self, ids: &[i64]) -> Result<Vec<StoryView>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = placeholders(ids.len());
        let bind_all = |sql: String| {
            let mut q = sqlx::query(AssertSqlSafe(sql));
            for id in ids {
                q = q.bind(id);
            }
            q
        };
        let story_rows = bind_all(format!(
            "SELECT {STORY_COLUMNS} FROM stories WHERE id IN ({marks})"
        ))
        .fetch_all(&self.pool)
        .await?;
        let claim_rows = bind_all(format!(
            "SELECT {CLAIM_COLUMNS} FROM claims WHERE story_id IN ({marks}) ORDER BY id"
        ))
        .fetch_all(&self.pool)
        .await?;
        let source_rows = bind_all(format!(
            "SELECT i.story_id, i.id AS item_id, i.url, i.published_at, s.id AS source_id,
                    coalesce(nullif(s.title, ''), s.url) AS source_name
             FROM items i JOIN sources s ON s.id = i.source_id
             WHERE i.story_id IN ({marks}) ORDER BY i.published_at, i.id"
        ))
        .fetch_all(&self.pool)
        .await?;
        let mut claims: Vec<StoredClaim> = claim_rows.iter().map(claim).collect::<Result<_>>()?;
        self.attach_figures(&mut claims).await?;
        let mut claims_by_story: HashMap<i64, Vec<StoredClaim>> = HashMap::new();
        for c in claims {
            claims_by_story.entry(c.story_id).or_default().push(c);
        }
        let mut sources_by_story: HashMap<i64, Vec<SourceRef>> = HashMap::new();
        for row in &source_rows {
            sources_by_story
                .entry(row.try_get("story_id")?)
                .or_default()
                .push(SourceRef {
                    source_id: row.try_get("source_id")?,
                    source_name: row.try_get("source_name")?,
                    item_id: row.try_get("item_id")?,
                    url: row.try_get("url")?,
                    published_at: from_ms(row.try_get("published_at")?),
                });
        }
        let mut views: HashMap<i64, StoryView> = HashMap::new();
        for row in &story_rows {
            let s = story(row)?;
            let id = s.id;
            views.insert(
                id,
                StoryView {
                    story: s,
                    claims: claims_by_story.remove(&id).unwrap_or_default(),
                    sources: sources_by_story.remove(&id).unwrap_or_default(),
                },
            );
        }
        Ok(ids.iter().filter_map(|id| views.remove(id)).collect())
    }

    pub(super) async fn claim_views(&self, claim_ids: &[i64]) -> Result<Vec<ClaimView>> {
        let claims = self.claims_by_ids(claim_ids).await?;
        let mut story_ids: Vec<i64> = claims.iter().map(|c| c.story_id).collect();
        story_ids.sort_unstable();
        story_ids.dedup();
        let mut stories: HashMap<i64, StoryView> = self
            .story_views(&story_ids)
            .await?
            .into_iter()
            .map(|v| (v.story.id, v))
            .collect();
        Ok(claims
            .into_iter()
            .filter_map(|c| {
                let v = stories.get_mut(&c.story_id)?;
                Some(ClaimView {
                    story: v.story.clone(),
                    sources: v.sources.clone(),
                    claim: c,
                })
            })
            .collect())
    }
}

#[async_trait]
impl StoryStore for SqliteStore {
    async fn create_story(&self, item_id: i64, title: &str, seen_at: DateTime<Utc>) -> Result<i64> {
        let mut tx = self.write_tx().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO stories (first_item_id, title, first_seen_at, last_seen_at)
             VALUES (?1, ?2, ?3, ?3) RETURNING id",
        )
        .bind(item_id)
        .bind(title)
        .bind(to_ms(seen_at))
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE items SET story_id = ?1 WHERE id = ?2")
            .bind(id)
            .bind(item_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn join_story(&self, story_id: i64, item_id: i64, seen_at: DateTime<Utc>) -> Result<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query("UPDATE items SET story_id = ?1 WHERE id = ?2")
            .bind(story_id)
            .bind(item_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE stories SET
               last_seen_at = max(last_seen_at, ?2),
               item_count = (SELECT count(*) FROM items WHERE story_id = ?1),
               source_count = (SELECT count(DISTINCT source_id) FROM items WHERE story_id = ?1)
             WHERE id = ?1",
        )
        .bind(story_id)
        .bind(to_ms(seen_at))
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
        let mut tx = self.write_tx().await?;
        let mut ids = Vec::with_capacity(claims.len());
        for c in claims {
            let evidence = serde_json::to_string(&c.evidence)
                .map_err(|e| crate::store::StoreError::Database(e.to_string()))?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO claims (story_id, item_id, category, claimant, side, unit, location,
                   evidence, claimed_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
            )
            .bind(story_id)
            .bind(item_id)
            .bind(c.category.as_str())
            .bind(&c.claimant)
            .bind(c.side.map(|s| s.as_str()))
            .bind(&c.unit)
            .bind(&c.location)
            .bind(evidence)
            .bind(to_ms(claimed_at))
            .fetch_one(&mut *tx)
            .await?;
            for (pos, f) in c.figures.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO claim_figures (claim_id, position, metric, value, delta, cumulative)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
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
            let fields = [&c.claimant, &c.unit, &c.location]
                .into_iter()
                .flatten()
                .map(|s| crate::text::stem::stem_text(s))
                .collect::<Vec<_>>()
                .join(" ");
            sqlx::query("INSERT INTO claims_fts (rowid, terms) VALUES (?1, ?2)")
                .bind(id)
                .bind(format!("{search_terms} {fields}"))
                .execute(&mut *tx)
                .await?;
            ids.push(id);
        }
        tx.commit().await?;
        Ok(ids)
    }

    async fn story(&self, id: i64) -> Result<Option<StoryView>> {
        Ok(self.story_views(&[id]).await?.pop())
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
