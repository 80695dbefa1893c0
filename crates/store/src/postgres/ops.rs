//! [`OpsStore`] on PostgreSQL.

use super::PostgresStore;
use crate::Result;
use crate::ops::{Backlog, ExportQuery, OpsStore, SchemaStatus, known_versions};
use crate::stories::ClaimView;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use claimwatch_core::model::Category;
use sqlx::Row;

#[async_trait]
impl OpsStore for PostgresStore {
    /// An idle pooled connection answers; else a fresh connection is made, so a stopped or
    /// unreachable server is reported at once with the reason (the pool would keep retrying
    /// until its acquire timeout).
    async fn ping(&self) -> Result<()> {
        use sqlx::{ConnectOptions, Connection};
        if let Some(mut conn) = self.pool.try_acquire()
            && sqlx::query("SELECT 1").execute(&mut *conn).await.is_ok()
        {
            return Ok(());
        }
        let mut conn = self.pool.connect_options().connect().await?;
        sqlx::query("SELECT 1").execute(&mut conn).await?;
        conn.close().await?;
        Ok(())
    }

    async fn schema_status(&self) -> Result<SchemaStatus> {
        let known = known_versions(&super::MIGRATOR);
        let exists: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
            .fetch_one(&self.pool)
            .await?;
        let applied = if exists {
            sqlx::query_scalar(
                "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
            )
            .fetch_all(&self.pool)
            .await?
        } else {
            Vec::new()
        };
        Ok(SchemaStatus { applied, known })
    }

    async fn backlog(&self) -> Result<Backlog> {
        let row = sqlx::query(
            "SELECT
               (SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')),
               (SELECT min(created_at) FROM outbox WHERE state IN ('pending', 'sending')),
               (SELECT count(*) FROM stories),
               (SELECT count(*) FROM claims)",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(Backlog {
            outbox_depth: row.try_get(0)?,
            outbox_oldest: row.try_get::<Option<DateTime<Utc>>, _>(1)?,
            stories: row.try_get(2)?,
            claims: row.try_get(3)?,
        })
    }

    async fn export_claims(&self, q: &ExportQuery) -> Result<Vec<ClaimView>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM claims WHERE claimed_at >= $1 AND ($2::text IS NULL OR category = $2)
             AND id > $3 ORDER BY id LIMIT $4",
        )
        .bind(q.since)
        .bind(q.category.map(Category::as_str))
        .bind(q.after_id)
        .bind(q.limit)
        .fetch_all(&self.pool)
        .await?;
        self.claim_views(&ids).await
    }
}
