//! SQLite: series points (written with their claims, or imported), reading series back, and
//! chart images. Days are stored as `YYYY-MM-DD` text, which sorts as dates do.

use super::SqliteStore;
use super::Tx;
use crate::rows::DbRow;
use crate::series::{
    ChartImage, FIRST_DAY, LAST_DAY, POINT_COLUMNS, SeriesQuery, SeriesStore, SeriesSummary,
    key_columns, key_of, point_of,
};
use crate::{Result, StoreError, to_ms};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use claimwatch_core::model::Claim;
use claimwatch_core::series::{NewPoint, SeriesPoint, points_of, reporting_day};
use sqlx::AssertSqlSafe;
use sqlx::sqlite::SqliteRow;

/// Where a point comes from: a stored claim (its item names the source) or an import.
pub(super) enum Origin {
    Claim { claim_id: i64, item_id: i64 },
    Import { source_id: Option<i64> },
}

/// Records one point: the same value for the same day is restated, a different one is a
/// correction (both rows flagged).
pub(super) async fn upsert(
    tx: &mut Tx,
    p: &NewPoint,
    origin: &Origin,
    at: DateTime<Utc>,
) -> Result<()> {
    let (claimant, metric, scope, period) = key_columns(&p.key);
    let (claim_id, item_id, source_id) = match origin {
        Origin::Claim { claim_id, item_id } => (Some(*claim_id), Some(*item_id), None),
        Origin::Import { source_id } => (None, None, *source_id),
    };
    sqlx::query(
        "INSERT INTO series_points (claimant_id, metric, scope, period, day, value, delta,
           qualifier, claim_id, source_id, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,
           coalesce(?10, (SELECT source_id FROM items WHERE id = ?11)), ?12)
         ON CONFLICT (claimant_id, metric, scope, period, day, value) DO UPDATE SET
           delta = coalesce(series_points.delta, excluded.delta),
           qualifier = coalesce(series_points.qualifier, excluded.qualifier),
           restated = series_points.restated + (excluded.claim_id IS NOT NULL
             AND series_points.claim_id IS NOT excluded.claim_id)",
    )
    .bind(&claimant)
    .bind(metric)
    .bind(&scope)
    .bind(period)
    .bind(p.day)
    .bind(p.value)
    .bind(p.delta)
    .bind(p.qualifier.map(|q| q.as_str()))
    .bind(claim_id)
    .bind(source_id)
    .bind(item_id)
    .bind(to_ms(at))
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE series_points SET correction = 1
         WHERE claimant_id = ?1 AND metric = ?2 AND scope = ?3 AND period = ?4 AND day = ?5
           AND correction = 0
           AND (SELECT count(*) FROM series_points q WHERE q.claimant_id = ?1
                AND q.metric = ?2 AND q.scope = ?3 AND q.period = ?4 AND q.day = ?5) > 1",
    )
    .bind(&claimant)
    .bind(metric)
    .bind(&scope)
    .bind(period)
    .bind(p.day)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The points of a claim just stored, on its reporting day.
pub(super) async fn record_claim(
    tx: &mut Tx,
    claim_id: i64,
    item_id: i64,
    claimed_at: DateTime<Utc>,
    claim: &Claim,
) -> Result<u64> {
    let points = points_of(claim, reporting_day(claimed_at));
    let origin = Origin::Claim { claim_id, item_id };
    for p in &points {
        upsert(tx, p, &origin, claimed_at).await?;
    }
    Ok(points.len() as u64)
}

fn day_of(row: &SqliteRow) -> Result<NaiveDate> {
    let day = row.text("day")?;
    day.parse()
        .map_err(|_| StoreError::Corrupt(format!("series day {day:?}")))
}

/// The query's key columns and day bounds as `?1`–`?6`.
fn bind_query<'q>(
    sql: String,
    q: &SeriesQuery,
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments> {
    let (claimant, metric, scope, period) = key_columns(&q.key);
    sqlx::query(AssertSqlSafe(sql))
        .bind(claimant)
        .bind(metric)
        .bind(scope)
        .bind(period)
        .bind(q.since.unwrap_or(FIRST_DAY))
        .bind(q.until.unwrap_or(LAST_DAY))
}

const IN_QUERY: &str = "claimant_id = ?1 AND metric = ?2 AND scope = ?3 AND period = ?4 \
    AND day >= ?5 AND day <= ?6";

#[async_trait]
impl SeriesStore for SqliteStore {
    async fn record_points(
        &self,
        points: &[NewPoint],
        source_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        for p in points {
            upsert(&mut tx, p, &Origin::Import { source_id }, now).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn series_points(&self, q: &SeriesQuery) -> Result<Vec<SeriesPoint>> {
        let sql =
            format!("SELECT {POINT_COLUMNS} FROM series_points WHERE {IN_QUERY} ORDER BY day, id");
        let rows = bind_query(sql, q).fetch_all(&self.pool).await?;
        rows.iter().map(|r| point_of(r, day_of(r)?)).collect()
    }

    async fn list_series(&self, claimant_id: Option<&str>) -> Result<Vec<SeriesSummary>> {
        let rows = sqlx::query(
            "SELECT claimant_id, metric, scope, period, count(DISTINCT day) AS days,
               min(day) AS first, max(day) AS last
             FROM series_points WHERE ?1 IS NULL OR claimant_id = ?1
             GROUP BY claimant_id, metric, scope, period
             ORDER BY claimant_id, metric, scope, period",
        )
        .bind(claimant_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let date = |col: &str| -> Result<NaiveDate> {
                    let s = r.text(col)?;
                    s.parse()
                        .map_err(|_| StoreError::Corrupt(format!("series day {s:?}")))
                };
                Ok(SeriesSummary {
                    key: key_of(r)?,
                    days: r.int("days")?,
                    first: date("first")?,
                    last: date("last")?,
                })
            })
            .collect()
    }

    async fn series_sources(&self, q: &SeriesQuery, limit: i64) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT coalesce(s.title, s.url) AS name, count(*) AS n
             FROM series_points p JOIN sources s ON s.id = p.source_id
             WHERE p.{} GROUP BY name ORDER BY n DESC, name LIMIT {}",
            IN_QUERY.replace(" AND ", " AND p."),
            limit.max(0)
        );
        let rows = bind_query(sql, q).fetch_all(&self.pool).await?;
        rows.iter().map(|r| r.text("name")).collect()
    }

    async fn rebuild_series(&self) -> Result<u64> {
        let mut tx = self.write_tx().await?;
        sqlx::query("DELETE FROM series_points WHERE claim_id IS NOT NULL")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        let mut after = 0i64;
        let mut total = 0u64;
        loop {
            let ids: Vec<i64> = sqlx::query_scalar(
                "SELECT id FROM claims WHERE category = 'losses' AND claimant_id IS NOT NULL
                   AND id > ?1 ORDER BY id LIMIT 500",
            )
            .bind(after)
            .fetch_all(&self.pool)
            .await?;
            let Some(last) = ids.last() else { break };
            after = *last;
            let claims = self.claims_by_ids(&ids).await?;
            let mut tx = self.write_tx().await?;
            for c in &claims {
                total += record_claim(&mut tx, c.id, c.item_id, c.claimed_at, &c.claim).await?;
            }
            tx.commit().await?;
        }
        Ok(total)
    }

    async fn put_chart_image(&self, key: &str, png: &[u8], now: DateTime<Utc>) -> Result<i64> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO chart_images (key, png, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id",
        )
        .bind(key)
        .bind(png)
        .bind(to_ms(now))
        // To the end, not `fetch_one`: see `super::write_rows`.
        .fetch_all(&self.writer)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::NotFound(format!("chart image {key}")))?;
        Ok(id)
    }

    async fn chart_image(&self, id: i64) -> Result<Option<ChartImage>> {
        let row: Option<(i64, String, Vec<u8>, Option<String>)> =
            sqlx::query_as("SELECT id, key, png, file_id FROM chart_images WHERE id = ?1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(id, key, png, file_id)| ChartImage {
            id,
            key,
            png,
            file_id,
        }))
    }

    async fn set_chart_file_id(&self, id: i64, file_id: &str) -> Result<()> {
        sqlx::query("UPDATE chart_images SET file_id = ?2 WHERE id = ?1")
            .bind(id)
            .bind(file_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}
