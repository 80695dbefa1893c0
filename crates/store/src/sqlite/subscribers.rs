//! SQLite: subscribers and their settings.

use super::SqliteStore;
use crate::rows::{SUBSCRIBER_COLUMNS, subscriber};
use crate::subscribers::{SubscriberStore, SubscriberUpdate};
use crate::{Result, StoreError, to_ms};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::{NewSubscriber, Subscriber};
use sqlx::AssertSqlSafe;

#[async_trait]
impl SubscriberStore for SqliteStore {
    async fn upsert_subscriber(
        &self,
        new: &NewSubscriber,
        now: DateTime<Utc>,
    ) -> Result<(Subscriber, bool)> {
        let mut tx = self.write_tx().await?;
        let existing: Option<i64> =
            sqlx::query_scalar("SELECT id FROM subscribers WHERE chat_id = ?")
                .bind(new.chat_id)
                .fetch_optional(&mut *tx)
                .await?;
        let created = existing.is_none();
        if created {
            sqlx::query(
                "INSERT INTO subscribers (chat_id, kind, title, topics, digest_time, timezone,
                   ui_lang, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            )
            .bind(new.chat_id)
            .bind(new.kind.as_str())
            .bind(&new.title)
            .bind(new.topics.to_db())
            .bind(new.digest_time.format("%H:%M").to_string())
            .bind(&new.timezone)
            .bind(new.ui_lang.as_str())
            .bind(to_ms(now))
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query(
                "UPDATE subscribers SET active = 1, inactive_reason = NULL, kind = ?2,
                   title = coalesce(?3, title), updated_at = ?4
                 WHERE chat_id = ?1",
            )
            .bind(new.chat_id)
            .bind(new.kind.as_str())
            .bind(&new.title)
            .bind(to_ms(now))
            .execute(&mut *tx)
            .await?;
        }
        let sql = format!("SELECT {SUBSCRIBER_COLUMNS} FROM subscribers WHERE chat_id = ?");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(new.chat_id)
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok((subscriber(&row)?, created))
    }

    async fn subscriber(&self, chat_id: i64) -> Result<Option<Subscriber>> {
        let sql = format!("SELECT {SUBSCRIBER_COLUMNS} FROM subscribers WHERE chat_id = ?");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(chat_id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(subscriber).transpose()
    }

    async fn subscriber_by_id(&self, id: i64) -> Result<Option<Subscriber>> {
        let sql = format!("SELECT {SUBSCRIBER_COLUMNS} FROM subscribers WHERE id = ?");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(subscriber).transpose()
    }

    async fn update_subscriber(
        &self,
        chat_id: i64,
        u: &SubscriberUpdate,
        now: DateTime<Utc>,
    ) -> Result<Option<Subscriber>> {
        let keywords = u
            .keywords
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| StoreError::Database(e.to_string()))?;
        let sql = format!(
            "UPDATE subscribers SET
               subscribed = coalesce(?2, subscribed),
               topics = coalesce(?3, topics),
               digest_time = coalesce(?4, digest_time),
               timezone = coalesce(?5, timezone),
               ui_lang = coalesce(?6, ui_lang),
               keywords = coalesce(?7, keywords),
               next_digest_at = CASE WHEN ?8 THEN ?9 ELSE next_digest_at END,
               updated_at = ?10,
               chart_weekday = coalesce(?11, chart_weekday)
             WHERE chat_id = ?1
             RETURNING {SUBSCRIBER_COLUMNS}"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(chat_id)
            .bind(u.subscribed)
            .bind(u.topics.map(|t| t.to_db()))
            .bind(u.digest_time.map(|t| t.format("%H:%M").to_string()))
            .bind(&u.timezone)
            .bind(u.ui_lang.map(|l| l.as_str()))
            .bind(keywords)
            .bind(u.next_digest_at.is_some())
            .bind(u.next_digest_at.flatten().map(to_ms))
            .bind(to_ms(now))
            .bind(u.chart_weekday.map(crate::subscribers::weekday_to_db));
        let row = super::write_rows(row, &self.writer).await?;
        row.as_ref().map(subscriber).transpose()
    }

    async fn set_subscriber_active(
        &self,
        chat_id: i64,
        active: bool,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE subscribers SET active = ?2, inactive_reason = ?3, updated_at = ?4 WHERE chat_id = ?1",
        )
        .bind(chat_id)
        .bind(active)
        .bind(if active { None } else { reason })
        .bind(to_ms(now))
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn schedule_first_digest(
        &self,
        chat_id: i64,
        at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE subscribers SET next_digest_at = ?2, updated_at = ?3
             WHERE chat_id = ?1 AND next_digest_at IS NULL",
        )
        .bind(chat_id)
        .bind(to_ms(at))
        .bind(to_ms(now))
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn migrate_chat(
        &self,
        old_chat_id: i64,
        new_chat_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM subscribers WHERE chat_id = ?")
            .bind(new_chat_id)
            .fetch_optional(&mut *tx)
            .await?;
        let moved = if taken.is_some() {
            sqlx::query(
                "UPDATE subscribers SET active = 0, inactive_reason = ?2, updated_at = ?3 WHERE chat_id = ?1",
            )
            .bind(old_chat_id)
            .bind(format!("migrated to {new_chat_id}"))
            .bind(to_ms(now))
            .execute(&mut *tx)
            .await?;
            false
        } else {
            let done = sqlx::query(
                "UPDATE subscribers SET chat_id = ?2, kind = 'supergroup', updated_at = ?3 WHERE chat_id = ?1",
            )
            .bind(old_chat_id)
            .bind(new_chat_id)
            .bind(to_ms(now))
            .execute(&mut *tx)
            .await?;
            done.rows_affected() == 1
        };
        tx.commit().await?;
        Ok(moved)
    }

    async fn due_subscribers(&self, now: DateTime<Utc>, limit: i64) -> Result<Vec<Subscriber>> {
        let sql = format!(
            "SELECT {SUBSCRIBER_COLUMNS} FROM subscribers
             WHERE active = 1 AND subscribed = 1 AND next_digest_at IS NOT NULL AND next_digest_at <= ?1
             ORDER BY next_digest_at, id LIMIT ?2"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(to_ms(now))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(subscriber).collect()
    }

    async fn unscheduled_subscribers(&self, limit: i64) -> Result<Vec<Subscriber>> {
        let sql = format!(
            "SELECT {SUBSCRIBER_COLUMNS} FROM subscribers
             WHERE active = 1 AND subscribed = 1 AND next_digest_at IS NULL
             ORDER BY id LIMIT ?1"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(subscriber).collect()
    }

    async fn list_subscribers(&self, active_only: bool) -> Result<Vec<Subscriber>> {
        let sql = format!(
            "SELECT {SUBSCRIBER_COLUMNS} FROM subscribers
             WHERE NOT ?1 OR (active = 1 AND subscribed = 1) ORDER BY id"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(active_only)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(subscriber).collect()
    }
}
