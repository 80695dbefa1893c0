//! SQLite: the delivery outbox.

use super::SqliteStore;
use crate::outbox::{DigestEnqueue, InDoubtResolved, InFlight, OutboxMessage, OutboxStore};
use crate::rows::{OUTBOX_COLUMNS, outbox};
use crate::{Result, from_ms, to_ms};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::AssertSqlSafe;
use std::time::Duration;

#[async_trait]
impl OutboxStore for SqliteStore {
    async fn enqueue_digest(&self, d: &DigestEnqueue, now: DateTime<Utc>) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let already: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM outbox WHERE subscriber_id = ?1 AND period = ?2",
        )
        .bind(d.subscriber_id)
        .bind(&d.period)
        .fetch_one(&mut *tx)
        .await?;
        if already > 0 {
            return Ok(false);
        }
        let parts = d.parts.len() as i64;
        for (i, body) in d.parts.iter().enumerate() {
            sqlx::query(
                "INSERT INTO outbox (subscriber_id, period, part, parts, body, next_attempt_at,
                   created_at, photo_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
            )
            .bind(d.subscriber_id)
            .bind(&d.period)
            .bind(i as i64)
            .bind(parts)
            .bind(body)
            .bind(to_ms(now))
            .bind(d.photo.filter(|_| i as i64 + 1 == parts))
            .execute(&mut *tx)
            .await?;
        }
        for story in &d.story_ids {
            sqlx::query(
                "INSERT INTO delivered_stories (subscriber_id, story_id, outbox_period)
                 VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            )
            .bind(d.subscriber_id)
            .bind(story)
            .bind(&d.period)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "UPDATE subscribers SET last_digest_at = ?2,
               next_digest_at = coalesce(?3, next_digest_at), updated_at = ?4
             WHERE id = ?1",
        )
        .bind(d.subscriber_id)
        .bind(to_ms(d.period_end))
        .bind(d.next_digest_at.map(to_ms))
        .bind(to_ms(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn lease_outbox(
        &self,
        now: DateTime<Utc>,
        owner: &str,
        lease: Duration,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>> {
        let until = now + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::minutes(5));
        let mut tx = self.write_tx().await?;
        let ids: Vec<i64> = sqlx::query_scalar(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1, lease_owner = ?2,
               lease_until = ?3
             WHERE id IN (
               SELECT o.id FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id
               WHERE o.state = 'pending' AND o.next_attempt_at <= ?1 AND s.active = 1
                 AND NOT EXISTS (SELECT 1 FROM outbox p
                                 WHERE p.subscriber_id = o.subscriber_id AND p.period = o.period
                                   AND p.part < o.part AND p.state IN ('pending', 'sending'))
               ORDER BY o.next_attempt_at, o.id LIMIT ?4)
             RETURNING id",
        )
        .bind(to_ms(now))
        .bind(owner)
        .bind(to_ms(until))
        .bind(limit)
        .fetch_all(&mut *tx)
        .await?;
        let mut out = Vec::with_capacity(ids.len());
        let sql = format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id WHERE o.id = ?"
        );
        for id in ids {
            let row = sqlx::query(AssertSqlSafe(sql.clone()))
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
            out.push(outbox(&row)?);
        }
        tx.commit().await?;
        out.sort_by_key(|m| (m.next_attempt_at, m.id));
        Ok(out)
    }

    async fn lease_next(
        &self,
        now: DateTime<Utc>,
        owner: &str,
        lease: Duration,
    ) -> Result<Option<OutboxMessage>> {
        let until = now + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::minutes(5));
        let row = sqlx::query(
            "UPDATE outbox SET state = 'sending', attempts = attempts + 1, lease_owner = ?2,
               lease_until = ?3
             WHERE id = (
               SELECT o.id FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id
               WHERE o.state = 'pending' AND o.next_attempt_at <= ?1 AND s.active = 1
                 AND NOT EXISTS (SELECT 1 FROM outbox p
                                 WHERE p.subscriber_id = o.subscriber_id AND p.period = o.period
                                   AND p.part < o.part AND p.state IN ('pending', 'sending'))
               ORDER BY o.next_attempt_at, o.id LIMIT 1)
             RETURNING id, subscriber_id,
               (SELECT s.chat_id FROM subscribers s WHERE s.id = outbox.subscriber_id) AS chat_id,
               (SELECT s.kind FROM subscribers s WHERE s.id = outbox.subscriber_id) AS kind,
               (SELECT s.ui_lang FROM subscribers s WHERE s.id = outbox.subscriber_id) AS ui_lang,
               period, part, parts, body, state, attempts, next_attempt_at, last_error,
               telegram_message_id, photo_id, resends",
        )
        .bind(to_ms(now))
        .bind(owner)
        .bind(to_ms(until));
        let row = super::write_rows(row, &self.writer).await?;
        row.as_ref().map(outbox).transpose()
    }

    async fn mark_sent(&self, id: i64, message_id: Option<i64>, at: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "UPDATE outbox SET state = 'sent', telegram_message_id = ?2, sent_at = ?3,
               lease_owner = NULL, lease_until = NULL WHERE id = ?1",
        )
        .bind(id)
        .bind(message_id)
        .bind(to_ms(at))
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn mark_retry(
        &self,
        id: i64,
        next_attempt_at: DateTime<Utc>,
        error: &str,
        count_attempt: bool,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE outbox SET state = 'pending', next_attempt_at = ?2, last_error = ?3,
               attempts = CASE WHEN ?4 THEN attempts ELSE max(attempts - 1, 0) END,
               lease_owner = NULL, lease_until = NULL
             WHERE id = ?1",
        )
        .bind(id)
        .bind(to_ms(next_attempt_at))
        .bind(error)
        .bind(count_attempt)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn mark_failed(&self, id: i64, error: &str) -> Result<()> {
        sqlx::query(
            "UPDATE outbox SET state = 'failed', last_error = ?2, lease_owner = NULL, lease_until = NULL
             WHERE id = ?1",
        )
        .bind(id)
        .bind(error)
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn defer_outbox(&self, id: i64, next_attempt_at: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "UPDATE outbox SET state = 'pending', next_attempt_at = ?2,
               attempts = max(attempts - 1, 0), lease_owner = NULL, lease_until = NULL
             WHERE id = ?1 AND state = 'sending'",
        )
        .bind(id)
        .bind(to_ms(next_attempt_at))
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn resolve_in_doubt(
        &self,
        now: DateTime<Utc>,
        in_flight: InFlight<'_>,
        resend: bool,
    ) -> Result<InDoubtResolved> {
        let mut tx = self.write_tx().await?;
        let found = sqlx::query(
            "UPDATE outbox SET state = 'in_doubt',
               last_error = 'in flight when its sender stopped: in doubt'
             WHERE state = 'sending'
               AND (?3 OR lease_until < ?1
                    OR (?2 IS NOT NULL AND lease_owner LIKE 'sender:%'
                        AND lease_owner <> ?2))",
        )
        .bind(to_ms(now))
        .bind(in_flight.sender)
        .bind(in_flight.all)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let mut resent = 0;
        if resend {
            resent = sqlx::query(
                "UPDATE outbox SET state = 'pending', resends = resends + 1, resent_at = ?1,
                   lease_owner = NULL, lease_until = NULL,
                   last_error = 'in doubt after an interruption: sent again, marked'
                 WHERE state = 'in_doubt'",
            )
            .bind(to_ms(now))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        Ok(InDoubtResolved {
            found,
            resend: resent,
        })
    }

    async fn fail_pending_for(&self, subscriber_id: i64, error: &str) -> Result<u64> {
        let done = sqlx::query(
            "UPDATE outbox SET state = 'failed', last_error = ?2
             WHERE subscriber_id = ?1 AND state = 'pending'",
        )
        .bind(subscriber_id)
        .bind(error)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected())
    }

    async fn outbox_message(&self, id: i64) -> Result<Option<OutboxMessage>> {
        let sql = format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id WHERE o.id = ?"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(outbox).transpose()
    }

    async fn outbox_of(&self, subscriber_id: i64) -> Result<Vec<OutboxMessage>> {
        let sql = format!(
            "SELECT {OUTBOX_COLUMNS} FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id
             WHERE o.subscriber_id = ? ORDER BY o.id"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(subscriber_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(outbox).collect()
    }

    async fn next_sendable_at(&self) -> Result<Option<DateTime<Utc>>> {
        let t: Option<i64> = sqlx::query_scalar(
            "SELECT min(o.next_attempt_at) FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id
             WHERE o.state = 'pending' AND s.active = 1
               AND NOT EXISTS (SELECT 1 FROM outbox p
                               WHERE p.subscriber_id = o.subscriber_id AND p.period = o.period
                                 AND p.part < o.part AND p.state IN ('pending', 'sending'))",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(t.map(from_ms))
    }

    async fn next_outbox_due(&self) -> Result<Option<DateTime<Utc>>> {
        let t: Option<i64> =
            sqlx::query_scalar("SELECT min(next_attempt_at) FROM outbox WHERE state = 'pending'")
                .fetch_one(&self.pool)
                .await?;
        Ok(t.map(from_ms))
    }
}
