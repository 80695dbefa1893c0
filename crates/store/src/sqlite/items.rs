//! SQLite: items, stored once by unique keys.

use super::SqliteStore;
use crate::items::ItemStore;
use crate::rows::{ITEM_COLUMNS, item};
use crate::{Result, StoreError, to_ms};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::{InsertOutcome, Item, NewItem};
use sqlx::{AssertSqlSafe, SqliteConnection};

/// Offers one item on `conn`: inserted, or the id of the stored item it duplicates.
async fn insert_on(conn: &mut SqliteConnection, it: &NewItem) -> Result<InsertOutcome> {
    let inserted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO items (source_id, external_id, url, title, text, lang, published_at,
           fetched_at, content_hash, author, forwarded_from, views, media, edited)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT DO NOTHING
         RETURNING id",
    )
    .bind(it.source_id)
    .bind(&it.external_id)
    .bind(&it.url)
    .bind(&it.title)
    .bind(&it.text)
    .bind(it.lang.as_str())
    .bind(to_ms(it.published_at))
    .bind(to_ms(it.fetched_at))
    .bind(&it.content_hash)
    .bind(&it.author)
    .bind(&it.forwarded_from)
    .bind(it.views)
    .bind(it.media.join(","))
    .bind(it.edited)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = inserted {
        return Ok(InsertOutcome::Inserted(id));
    }
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM items WHERE (source_id = ?1 AND external_id = ?2)
           OR (?3 IS NOT NULL AND url = ?3) OR content_hash = ?4
         LIMIT 1",
    )
    .bind(it.source_id)
    .bind(&it.external_id)
    .bind(&it.url)
    .bind(&it.content_hash)
    .fetch_optional(&mut *conn)
    .await?;
    existing
        .map(InsertOutcome::Duplicate)
        .ok_or_else(|| StoreError::Database("item insert ignored but no duplicate found".into()))
}

#[async_trait]
impl ItemStore for SqliteStore {
    async fn insert_item(&self, it: &NewItem) -> Result<InsertOutcome> {
        // A write: on the writer connection, like every other (see `SqliteStore`).
        let mut conn = self.writer.acquire().await?;
        insert_on(&mut conn, it).await
    }

    async fn insert_items(&self, items: &[NewItem]) -> Result<Vec<InsertOutcome>> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.write_tx().await?;
        let mut outcomes = Vec::with_capacity(items.len());
        for it in items {
            outcomes.push(insert_on(&mut tx, it).await?);
        }
        tx.commit().await?;
        Ok(outcomes)
    }

    async fn item(&self, id: i64) -> Result<Option<Item>> {
        let sql = format!("SELECT {ITEM_COLUMNS} FROM items WHERE id = ?");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(item).transpose()
    }

    async fn items_since(&self, since: DateTime<Utc>, limit: i64) -> Result<Vec<Item>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM items WHERE published_at >= ? ORDER BY published_at, id LIMIT ?"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(to_ms(since))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item).collect()
    }

    async fn items_of_source(&self, source_id: i64, limit: i64) -> Result<Vec<Item>> {
        let sql = format!(
            "SELECT {ITEM_COLUMNS} FROM items WHERE source_id = ? ORDER BY published_at DESC, id DESC LIMIT ?"
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
            "SELECT {ITEM_COLUMNS} FROM items WHERE processed_at IS NULL ORDER BY id LIMIT ?"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(item).collect()
    }

    async fn mark_items_processed(&self, ids: &[i64], at: DateTime<Utc>) -> Result<()> {
        let mut tx = self.write_tx().await?;
        super::filing::mark_processed(&mut tx, ids, at).await?;
        tx.commit().await?;
        Ok(())
    }
}
