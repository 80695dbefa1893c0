//! SQLite: named leases.

use super::SqliteStore;
use crate::leases::LeaseStore;
use crate::{Result, to_ms};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use std::time::Duration;

#[async_trait]
impl LeaseStore for SqliteStore {
    async fn acquire_lease(
        &self,
        name: &str,
        owner: &str,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<bool> {
        let until = now + chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::seconds(30));
        let holder: Option<String> = sqlx::query_scalar(
            "INSERT INTO leases (name, owner, expires_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
               WHERE leases.owner = excluded.owner OR leases.expires_at < ?4
             RETURNING owner",
        )
        .bind(name)
        .bind(owner)
        .bind(to_ms(until))
        .bind(to_ms(now))
        // To the end, not `fetch_optional`: see `super::write_rows`.
        .fetch_all(&self.writer)
        .await?
        .into_iter()
        .next();
        Ok(holder.as_deref() == Some(owner))
    }

    async fn release_lease(&self, name: &str, owner: &str) -> Result<()> {
        sqlx::query("DELETE FROM leases WHERE name = ?1 AND owner = ?2")
            .bind(name)
            .bind(owner)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn lease_holder(&self, name: &str, now: DateTime<Utc>) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT owner FROM leases WHERE name = ?1 AND expires_at >= ?2")
                .bind(name)
                .bind(to_ms(now))
                .fetch_optional(&self.pool)
                .await?,
        )
    }
}
