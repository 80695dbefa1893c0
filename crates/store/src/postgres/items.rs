//! PostgreSQL: items, stored once by unique keys.

use super::PostgresStore;
use crate::items::ItemStore;
use crate::rows::{ITEM_COLUMNS, item};
use crate::{Result, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::{InsertOutcome, Item, NewItem};
use sqlx::AssertSqlSafe;

#[async_trait]
impl ItemStore for PostgresStore {
    async fn insert_item(&self, it: &NewItem) -> Result<InsertOutcome> {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO items (source_id, external_id, url, title, text, lang, published_at,
               fetched_at, content_hash, author, forwarded_from, views, media, edited)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
             ON CONFLICT DO NOTHING
             RETURNING id",
        )
        .bind(it.source_id)
        .bind(&it.external_id)
        .bind(&it.url)
        .bind(&it.title)
        .bind(&it.text)
        .bind(it.lang.as_str())
        .bind(it.published_at)
        .bind(it.fetched_at)
        .bind(&it.content_hash)
        .bind(&it.author)
        .bind(&it.forwarded_from)
        .bind(it.views)
        .bind(it.media.join(","))
        .bind(it.edited)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(id) = inserted {
            return Ok(InsertOutcome::Inserted(id));
        }
        let existing: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM items WHERE (source_id = $1 AND external_id = $2)
               OR ($3::text IS NOT NULL AND url = $3) OR content_hash = $4
             LIMIT 1",
        )
        .bind(it.source_id)
        .bind(&it.external_id)
        .bind(&it.url)
        .bind(&it.content_hash)
        .fetch_optional(&self.pool)
        .await?;
        existing.map(InsertOutcome::Duplicate).ok_or_else(|| {
            StoreError::Database("item insert ignored but no duplicate found".into())
        })
    }

    async fn item(&self, id: i64) -> Result<Option<Item>> {
        let sql = format!("SELECT {ITEM_COLUMNS} FROM items WHERE id = $1");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(item).transpose()
    }

    async fn items_since(&self, since: DateTime<Utc>, limit: i64) -> Result<Vec<Item>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM items WHERE published_at >= $1 ORDER BY published_at, id LIMIT $2"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(since)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item).collect()
    }

    async fn items_of_source(&self, source_id: i64, limit: i64) -> Result<Vec<Item>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM items WHERE source_id = $1 ORDER BY published_at DESC, id DESC LIMIT $2"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(source_id)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item).collect()
    }

    async fn unprocessed_items(&self, limit: i64) -> Result<Vec<Item>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM items WHERE processed_at IS NULL ORDER BY id LIMIT $1"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item).collect()
    }

    async fn mark_items_processed(&self, ids: &[i64], at: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE items SET processed_at = $2 WHERE id = ANY($1)")
            .bind(ids)
            .bind(at)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
