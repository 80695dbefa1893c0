//! The SQLite backend: bundled SQLite in WAL mode, foreign keys on, a busy timeout, writes in
//! `BEGIN IMMEDIATE` transactions (one writer at a time, no lock-upgrade deadlocks).

mod file;
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
pub(crate) type Tx = sqlx::Transaction<'static, sqlx::Sqlite>;

use super::{Result, Stats, Store, StoreError, to_ms};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, Row, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations/sqlite");

/// The SQLite implementation of [`Store`]: readers share a small pool; every write goes
/// through one writer connection, in turn. SQLite allows one writer at a time, and writers
/// that race for its lock wait in its busy handler (sleeps of up to 100 ms): 1,000 `/start`s
/// took 46 s to store through four racing connections and 0.3 s through one.
#[derive(Clone, Debug)]
pub struct SqliteStore {
    pool: SqlitePool,
    writer: SqlitePool,
    /// The database file (none in memory): checked before writes.
    file: Option<file::DbFile>,
}

/// A pool of `size` connections to the file of `options`.
async fn open_pool(
    options: SqliteConnectOptions,
    size: u32,
    in_memory: bool,
) -> std::result::Result<SqlitePool, sqlx::Error> {
    SqlitePoolOptions::new()
        // A connection returned while still inside a transaction (its COMMIT or ROLLBACK
        // failed: disk full, I/O error) is closed, never handed out again: a later statement
        // on it would run inside the dead transaction and seem to succeed.
        .after_release(|conn, _| {
            Box::pin(async move {
                // The ping runs after a rollback the dropped transaction queued.
                conn.ping().await?;
                Ok(!conn.is_in_transaction())
            })
        })
        .max_connections(size)
        .min_connections(if in_memory { 1 } else { 0 })
        .idle_timeout((!in_memory).then_some(Duration::from_secs(600)))
        .max_lifetime((!in_memory).then_some(Duration::from_secs(3600)))
        .connect_with(options)
        .await
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` (`sqlite://PATH` or `sqlite::memory:`).
    pub async fn connect(url: &str) -> Result<SqliteStore> {
        let open_err = |e: sqlx::Error| StoreError::Open {
            url: claimwatch_core::text::redact_url(url),
            reason: claimwatch_core::text::redact_url(&e.to_string()),
        };
        let options = SqliteConnectOptions::from_str(url)
            .map_err(open_err)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let in_memory = url.contains(":memory:") || url.contains("mode=memory");
        let path = options.get_filename().to_owned();
        let writer = open_pool(options.clone(), 1, in_memory)
            .await
            .map_err(open_err)?;
        // An in-memory database lives in its one connection: readers share it.
        let pool = match in_memory {
            true => writer.clone(),
            false => open_pool(options, 4, false).await.map_err(open_err)?,
        };
        let file = (!in_memory).then(|| file::DbFile::opened(&path));
        Ok(SqliteStore { pool, writer, file })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// A write transaction on the writer connection, taking the write lock at once.
    pub(crate) async fn write_tx(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
        Ok(self.writer.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// Whether migration `version` was applied before.
    async fn has_migration(&self, version: i64) -> Result<bool> {
        if self.applied_migrations().await? == 0 {
            return Ok(false);
        }
        let n: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM _sqlx_migrations WHERE version = ?1 AND success",
        )
        .bind(version)
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }

    async fn applied_migrations(&self) -> Result<usize> {
        let exists: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        )
        .fetch_one(&self.pool)
        .await?;
        if exists == 0 {
            return Ok(0);
        }
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations WHERE success")
            .fetch_one(&self.pool)
            .await?;
        Ok(n as usize)
    }
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn migrate(&self) -> Result<usize> {
        let before = self.applied_migrations().await?;
        let had_series = self.has_migration(crate::series::SERIES_MIGRATION).await?;
        MIGRATOR
            .run(&self.writer)
            .await
            .map_err(|e| StoreError::Migrate(e.to_string()))?;
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
               (SELECT count(*) FROM sources WHERE removed_at IS NULL AND paused = 1),
               (SELECT count(*) FROM items),
               (SELECT count(*) FROM claims),
               (SELECT count(*) FROM stories),
               (SELECT count(*) FROM subscribers WHERE active = 1 AND subscribed = 1),
               (SELECT count(*) FROM subscribers),
               (SELECT count(*) FROM outbox WHERE state = 'sent' AND sent_at >= ?1),
               (SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')),
               (SELECT count(*) FROM outbox WHERE state = 'failed' AND created_at >= ?1),
               (SELECT count(*) FROM outbox WHERE state = 'in_doubt'),
               (SELECT count(*) FROM outbox WHERE resent_at >= ?1)",
        )
        .bind(to_ms(since))
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
        self.writer.close().await;
    }

    fn check_writable(&self) -> Result<()> {
        self.file.as_ref().map_or(Ok(()), file::DbFile::check)
    }
}

/// Runs a write that returns rows to its end and gives its first row. sqlx's `fetch_optional`
/// and `fetch_one` on SQLite stop at the first row and reset the statement, and an error of its
/// completion is then lost — above all the commit of an autocommit write on a full disk: the
/// write is rolled back yet looks done ("saved"). `fetch_all` steps it to the end, so the error
/// surfaces. Every write with `RETURNING` outside a transaction goes through here.
pub(crate) async fn write_rows<'q>(
    query: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments>,
    pool: &SqlitePool,
) -> Result<Option<sqlx::sqlite::SqliteRow>> {
    Ok(query.fetch_all(pool).await?.into_iter().next())
}

/// SQLite keeps timestamps as milliseconds since the epoch and booleans as integers.
impl crate::rows::DbRow for sqlx::sqlite::SqliteRow {
    crate::rows::plain_columns!();

    fn time(&self, col: &str) -> Result<DateTime<Utc>> {
        Ok(super::from_ms(self.try_get(col)?))
    }
    fn opt_time(&self, col: &str) -> Result<Option<DateTime<Utc>>> {
        Ok(self.try_get::<Option<i64>, _>(col)?.map(super::from_ms))
    }
}
