//! SQLite: sources and polling state.

use super::SqliteStore;
use crate::rows::{SOURCE_COLUMNS, source};
use crate::sources::{PollFailure, PollSuccess, SourceStore};
use crate::{Result, StoreError, to_ms};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::{NewSource, Source};
use sqlx::AssertSqlSafe;
use std::time::Duration;

#[async_trait]
impl SourceStore for SqliteStore {
    async fn upsert_source(&self, s: &NewSource, now: DateTime<Utc>) -> Result<Source> {
        let sql = format!(
            "INSERT INTO sources (url, kind, title, lang, interval_secs, origin, next_check_at, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
             ON CONFLICT (url) DO UPDATE SET
               kind = excluded.kind,
               title = coalesce(excluded.title, sources.title),
               lang = excluded.lang,
               interval_secs = excluded.interval_secs,
               origin = CASE WHEN sources.removed_at IS NOT NULL THEN excluded.origin
                             WHEN excluded.origin = 'config' THEN 'config' ELSE sources.origin END,
               next_check_at = CASE WHEN sources.removed_at IS NOT NULL THEN excluded.next_check_at
                                    ELSE sources.next_check_at END,
               removed_at = NULL
             RETURNING {SOURCE_COLUMNS}"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(&s.url)
            .bind(s.kind.as_str())
            .bind(&s.title)
            .bind(s.lang.map(|l| l.as_str()))
            .bind(s.interval_secs)
            .bind(s.origin.as_str())
            .bind(to_ms(now));
        let row = super::write_rows(row, &self.writer)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("source {}", s.url)))?;
        source(&row)
    }

    async fn source(&self, id: i64) -> Result<Option<Source>> {
        let sql =
            format!("SELECT {SOURCE_COLUMNS} FROM sources WHERE id = ? AND removed_at IS NULL");
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(source).transpose()
    }

    async fn source_by_url(&self, url: &str) -> Result<Option<Source>> {
        let sql = format!(
            "SELECT {SOURCE_COLUMNS} FROM sources WHERE url = ? COLLATE NOCASE AND removed_at IS NULL"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(url)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(source).transpose()
    }

    async fn list_sources(&self) -> Result<Vec<Source>> {
        let sql =
            format!("SELECT {SOURCE_COLUMNS} FROM sources WHERE removed_at IS NULL ORDER BY id");
        let rows = sqlx::query(AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(source).collect()
    }

    async fn remove_source(&self, id: i64) -> Result<bool> {
        let done =
            sqlx::query("UPDATE sources SET removed_at = ?2 WHERE id = ?1 AND removed_at IS NULL")
                .bind(id)
                .bind(to_ms(Utc::now()))
                .execute(&self.writer)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn set_source_paused(
        &self,
        id: i64,
        paused: bool,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = if paused {
            sqlx::query(
                "UPDATE sources SET paused = 1, paused_reason = ?2 WHERE id = ?1 AND removed_at IS NULL",
            )
            .bind(id)
            .bind(reason)
            .execute(&self.writer)
            .await?
        } else {
            sqlx::query(
                "UPDATE sources SET paused = 0, paused_reason = NULL, error_count = 0, next_check_at = ?2
                 WHERE id = ?1 AND removed_at IS NULL",
            )
            .bind(id)
            .bind(to_ms(now))
            .execute(&self.writer)
            .await?
        };
        Ok(done.rows_affected() == 1)
    }

    async fn lease_due_sources(
        &self,
        now: DateTime<Utc>,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<Source>> {
        let until = now + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::hours(1));
        let sql = format!(
            "UPDATE sources SET next_check_at = ?2
             WHERE id IN (SELECT id FROM sources
                          WHERE paused = 0 AND removed_at IS NULL AND next_check_at <= ?1
                          ORDER BY next_check_at, id LIMIT ?3)
             RETURNING {SOURCE_COLUMNS}"
        );
        let mut tx = self.write_tx().await?;
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(to_ms(now))
            .bind(to_ms(until))
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        let mut sources = rows.iter().map(source).collect::<Result<Vec<_>>>()?;
        sources.sort_by_key(|s| s.id);
        Ok(sources)
    }

    async fn record_poll_success(&self, id: i64, ok: &PollSuccess) -> Result<()> {
        sqlx::query(
            "UPDATE sources SET etag = ?2, last_modified = ?3, next_check_at = ?4,
               last_success_at = ?5, error_count = 0, title = coalesce(title, ?6), ttl_secs = ?7
             WHERE id = ?1",
        )
        .bind(id)
        .bind(&ok.etag)
        .bind(&ok.last_modified)
        .bind(to_ms(ok.next_check_at))
        .bind(to_ms(ok.at))
        .bind(&ok.title)
        .bind(ok.ttl_secs)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn record_poll_failure(&self, id: i64, f: &PollFailure) -> Result<Source> {
        let sql = format!(
            "UPDATE sources SET error_count = error_count + 1, last_error = ?2, last_error_at = ?3,
               next_check_at = ?4,
               paused = CASE WHEN ?5 THEN 1 ELSE paused END,
               paused_reason = CASE WHEN ?5 THEN ?2 ELSE paused_reason END
             WHERE id = ?1
             RETURNING {SOURCE_COLUMNS}"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .bind(&f.error)
            .bind(to_ms(f.at))
            .bind(to_ms(f.next_check_at))
            .bind(f.pause);
        let row = super::write_rows(row, &self.writer)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("source {id}")))?;
        source(&row)
    }

    async fn set_backfill_cursor(&self, id: i64, cursor: Option<&str>) -> Result<()> {
        sqlx::query("UPDATE sources SET backfill_cursor = ?2 WHERE id = ?1")
            .bind(id)
            .bind(cursor)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn source_ttl(&self, id: i64) -> Result<Option<i64>> {
        let ttl: Option<Option<i64>> =
            sqlx::query_scalar("SELECT ttl_secs FROM sources WHERE id = ?")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(ttl.flatten())
    }

    async fn next_check_due(&self) -> Result<Option<DateTime<Utc>>> {
        let ms: Option<i64> = sqlx::query_scalar(
            "SELECT min(next_check_at) FROM sources WHERE paused = 0 AND removed_at IS NULL",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(ms.map(crate::from_ms))
    }
}
