//! The PostgreSQL backend, for deployments with several instances on one database. Work is
//! shared out with `FOR UPDATE SKIP LOCKED` leases, so two instances never poll one source at
//! the same moment nor send one message twice.

mod filing;
mod items;
mod leases;
mod ops;
mod outbox;
mod search;
mod series;
mod sources;
mod stories;
mod subscribers;

/// A write transaction of this backend.
pub(crate) type Tx = sqlx::Transaction<'static, sqlx::Postgres>;

pub use search::SEARCH_PROBE;

use super::{Result, Stats, Store, StoreError};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgPool, Row};
use std::str::FromStr;
use std::time::Duration;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/postgres");

/// The PostgreSQL implementation of [`Store`].
#[derive(Clone, Debug)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user:password@host:port/db`) with a pool of at most
    /// `pool_size` connections.
    pub async fn connect(url: &str, pool_size: u32) -> Result<PostgresStore> {
        let open_err = |e: sqlx::Error| StoreError::Open {
            url: claimwatch_core::text::redact_url(url),
            reason: claimwatch_core::text::redact_url(&e.to_string()),
        };
        let options = PgConnectOptions::from_str(url)
            .map_err(open_err)?
            .application_name("claimwatch");
        // One direct connection first: a wrong host, port or password fails at once with a clear
        // error instead of after the pool's acquire timeout.
        use sqlx::ConnectOptions;
        options
            .connect()
            .await
            .map_err(open_err)?
            .close()
            .await
            .map_err(open_err)?;
        let pool = PgPoolOptions::new()
            // A connection returned inside a transaction (a failed COMMIT or ROLLBACK) is
            // closed, never handed out again.
            .after_release(|conn, _| {
                Box::pin(async move {
                    // The ping runs after a rollback the dropped transaction queued.
                    conn.ping().await?;
                    Ok(!conn.is_in_transaction())
                })
            })
            .max_connections(pool_size.max(1))
            // While the server is down a call fails after this, not after half a minute; the
            // outage is reported by the caller's health, so no "slow acquire" warning for each
            // call that waited through it.
            .acquire_timeout(Duration::from_secs(10))
            .acquire_slow_threshold(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(open_err)?;
        Ok(PostgresStore { pool })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Whether migration `version` was applied before.
    async fn has_migration(&self, version: i64) -> Result<bool> {
        if self.applied_migrations().await? == 0 {
            return Ok(false);
        }
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM _sqlx_migrations WHERE version = $1 AND success",
        )
        .bind(version)
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }

    async fn applied_migrations(&self) -> Result<usize> {
        let exists: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
            .fetch_one(&self.pool)
            .await?;
        if !exists {
            return Ok(0);
        }
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success")
            .fetch_one(&self.pool)
            .await?;
        Ok(n as usize)
    }
}

#[async_trait]
impl Store for PostgresStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn migrate(&self) -> Result<usize> {
        let before = self.applied_migrations().await?;
        let had_series = self.has_migration(crate::series::SERIES_MIGRATION).await?;
        MIGRATOR
            .run(&self.pool)
            .await
            .map_err(|e| StoreError::Migrate(claimwatch_core::text::redact_url(&e.to_string())))?;
        if !had_series {
            use crate::SeriesStore;
            self.rebuild_series().await?;
        }
        Ok(self.applied_migrations().await? - before)
    }

    async fn stats(&self, since: DateTime<Utc>) -> Result<Stats> {
        let row = sqlx::query(
            "SELECT
               (SELECT count(*) FROM sources WHERE removed_at IS NULL),
               (SELECT count(*) FROM sources WHERE removed_at IS NULL AND paused),
               (SELECT count(*) FROM items),
               (SELECT count(*) FROM claims),
               (SELECT count(*) FROM stories),
               (SELECT count(*) FROM subscribers WHERE active AND subscribed),
               (SELECT count(*) FROM subscribers),
               (SELECT count(*) FROM outbox WHERE state = 'sent' AND sent_at >= $1),
               (SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')),
               (SELECT count(*) FROM outbox WHERE state = 'failed' AND created_at >= $1),
               (SELECT count(*) FROM outbox WHERE state = 'in_doubt'),
               (SELECT count(*) FROM outbox WHERE resent_at >= $1)",
        )
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok(Stats {
            sources: row.try_get(0)?,
            sources_paused: row.try_get(1)?,
            items: row.try_get(2)?,
            claims: row.try_get(3)?,
            stories: row.try_get(4)?,
            subscribers_active: row.try_get(5)?,
            subscribers_total: row.try_get(6)?,
            sent_since: row.try_get(7)?,
            pending: row.try_get(8)?,
            failed_since: row.try_get(9)?,
            in_doubt: row.try_get(10)?,
            resent_since: row.try_get(11)?,
        })
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

/// PostgreSQL has native timestamps and booleans.
impl crate::rows::DbRow for sqlx::postgres::PgRow {
    crate::rows::plain_columns!();

    fn time(&self, col: &str) -> Result<DateTime<Utc>> {
        Ok(self.try_get(col)?)
    }
    fn opt_time(&self, col: &str) -> Result<Option<DateTime<Utc>>> {
        Ok(self.try_get(col)?)
    }
}
