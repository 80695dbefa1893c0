//! Loss tallies as series: the points every loss claim of a known claimant adds (written
//! with the claim, in the same transaction), reading a series back, and the chart images the
//! digest sends as photos (stored once, re-sent by Telegram's file id).

use super::{Result, StoreError};
use crate::rows::DbRow;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use claimwatch_core::model::{Metric, Period};
use claimwatch_core::series::{NewPoint, Scope, SeriesKey, SeriesPoint};

/// Which points of one series to read: days in `[since, until]` (either end open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesQuery {
    pub key: SeriesKey,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// One stored series and the days it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesSummary {
    pub key: SeriesKey,
    /// Days with at least one point.
    pub days: i64,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// A chart image kept for sending as a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartImage {
    pub id: i64,
    pub key: String,
    pub png: Vec<u8>,
    /// Telegram's id of the uploaded photo, once sent.
    pub file_id: Option<String>,
}

#[async_trait]
pub trait SeriesStore: Send + Sync {
    /// Records points that come from no stored claim (an import), from `source_id`. A point
    /// already stored with the same value is kept as it is.
    async fn record_points(
        &self,
        points: &[NewPoint],
        source_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<()>;
    /// The points of one series, by day, then in the order they were recorded.
    async fn series_points(&self, query: &SeriesQuery) -> Result<Vec<SeriesPoint>>;
    /// Every stored series (of one claimant when given), by claimant, metric, scope, period.
    async fn list_series(&self, claimant_id: Option<&str>) -> Result<Vec<SeriesSummary>>;
    /// The names of the sources of a series' points in the query's days, most points first.
    async fn series_sources(&self, query: &SeriesQuery, limit: i64) -> Result<Vec<String>>;
    /// Rebuilds the points of every stored loss claim of a known claimant (imported points
    /// stay). Returns how many points the claims gave. Run once after the migration that
    /// added series; safe to run again.
    async fn rebuild_series(&self) -> Result<u64>;
    /// Stores a chart image under `key` (kept as first stored when the key exists); its id.
    async fn put_chart_image(&self, key: &str, png: &[u8], now: DateTime<Utc>) -> Result<i64>;
    async fn chart_image(&self, id: i64) -> Result<Option<ChartImage>>;
    /// Remembers Telegram's file id for an uploaded image.
    async fn set_chart_file_id(&self, id: i64, file_id: &str) -> Result<()>;
}

/// The key columns of a point as stored: claimant, metric, scope, period.
pub(crate) fn key_columns(key: &SeriesKey) -> (String, &'static str, String, &'static str) {
    (
        key.claimant_id.clone(),
        key.metric.as_str(),
        key.scope.as_db(),
        key.period.as_str(),
    )
}

fn parse<T: std::str::FromStr>(what: &str, s: &str) -> Result<T> {
    s.parse()
        .map_err(|_| StoreError::Corrupt(format!("{what} {s:?}")))
}

/// The key of a summary or point row (columns `claimant_id`, `metric`, `scope`, `period`).
pub(crate) fn key_of(row: &impl DbRow) -> Result<SeriesKey> {
    let scope = row.text("scope")?;
    Ok(SeriesKey {
        claimant_id: row.text("claimant_id")?,
        metric: parse::<Metric>("metric", &row.text("metric")?)?,
        scope: Scope::from_db(&scope)
            .ok_or_else(|| StoreError::Corrupt(format!("scope {scope:?}")))?,
        period: parse::<Period>("period", &row.text("period")?)?,
    })
}

/// A point row; the backend reads the day (TEXT in SQLite, DATE in PostgreSQL).
pub(crate) fn point_of(row: &impl DbRow, day: NaiveDate) -> Result<SeriesPoint> {
    Ok(SeriesPoint {
        id: row.int("id")?,
        point: NewPoint {
            key: key_of(row)?,
            day,
            value: row.int("value")?,
            delta: row.opt_int("delta")?,
            qualifier: row
                .opt_text("qualifier")?
                .map(|q| parse("qualifier", &q))
                .transpose()?,
        },
        claim_id: row.opt_int("claim_id")?,
        source_id: row.opt_int("source_id")?,
        restated: row.int("restated")?,
        correction: row.flag("correction")?,
    })
}

/// The days an open query bound stands for (both backends store them).
pub(crate) const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1, 1, 1).expect("a date");
pub(crate) const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date");

/// The version of the migration that added series: the store fills them in after applying it.
pub(crate) const SERIES_MIGRATION: i64 = 10;

pub(crate) const POINT_COLUMNS: &str = "id, claimant_id, metric, scope, period, day, value, \
    delta, qualifier, claim_id, source_id, restated, correction";
