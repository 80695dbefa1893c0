//! [`OpsStore`] on SQLite.

use super::SqliteStore;
use crate::ops::{Backlog, ExportQuery, OpsStore, SchemaStatus, known_versions};
use crate::stories::ClaimView;
use crate::{Result, from_ms, to_ms};
use async_trait::async_trait;
use claimwatch_core::model::Category;
use sqlx::Row;

#[async_trait]
impl OpsStore for SqliteStore {
    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn schema_status(&self) -> Result<SchemaStatus> {
        let known = known_versions(&super::MIGRATOR);
        let exists: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        )
        .fetch_one(&self.pool)
        .await?;
        let applied = if exists == 0 {
            Vec::new()
        } else {
            sqlx::query_scalar(
                "SELECT version FROM _sqlx_migrations WHERE success ORDER BY version",
            )
            .fetch_all(&self.pool)
            .await?
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
            outbox_oldest: row.try_get::<Option<i64>, _>(1)?.map(from_ms),
            stories: row.try_get(2)?,
            claims: row.try_get(3)?,
        })
    }

    async fn export_claims(&self, q: &ExportQuery) -> Result<Vec<ClaimView>> {
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM claims WHERE claimed_at >= ?1 AND (?2 IS NULL OR category = ?2)
             AND id > ?3 ORDER BY id LIMIT ?4",
        )
        .bind(to_ms(q.since))
        .bind(q.category.map(Category::as_str))
        .bind(q.after_id)
        .bind(q.limit)
        .fetch_all(&self.pool)
        .await?;
        self.claim_views(&ids).await
    }
}
