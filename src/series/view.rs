//! One chart from the store: the series of a claimant's metric over the last N days (its
//! running total, else its daily figures), drawn in the reader's language with its claimant
//! and sources named, and the caption that goes with the photo.

use super::chart::{ChartError, ChartSpec, render_png};
use super::{DailyRow, SeriesKey, daily_rows};
use crate::classify::claimants;
use crate::digest::format::{delta, metric_name, number};
use crate::i18n::{fill, series_texts, texts};
use crate::model::{Lang, Metric, Period};
use crate::store::{SeriesQuery, Store, StoreError};
use crate::text::escape_html;
use chrono::{Duration, NaiveDate};

/// Telegram's limit on a photo caption, in characters.
pub const MAX_CAPTION_CHARS: usize = 1024;
/// Sources named on the image at most.
const SOURCES_SHOWN: i64 = 3;

/// Why a chart could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Chart(#[from] ChartError),
}

/// What to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartRequest {
    pub claimant_id: String,
    pub metric: Metric,
    pub days: u32,
    pub lang: Lang,
    /// The last day drawn (today's reporting day).
    pub until: NaiveDate,
}

/// A drawn chart.
#[derive(Debug, Clone)]
pub struct ChartOutput {
    pub png: Vec<u8>,
    /// Telegram HTML, at most [`MAX_CAPTION_CHARS`] characters.
    pub caption: String,
    /// Days drawn.
    pub days: usize,
}

/// The claimant's name as the reader sees it.
pub fn claimant_name(id: &str, lang: Lang) -> String {
    claimants::by_id(id).map_or_else(|| id.to_owned(), |k| k.display(lang).to_owned())
}

fn number_fn(lang: Lang) -> fn(i64) -> String {
    match lang {
        Lang::Uk => |n| number(Lang::Uk, n),
        Lang::Ru => |n| number(Lang::Ru, n),
        Lang::En | Lang::Other => |n| number(Lang::En, n),
    }
}

/// The rows of the series (its running total, else its daily figures) from `since` on, and
/// whether it is a running total.
pub async fn load_rows(
    store: &dyn Store,
    claimant_id: &str,
    metric: Metric,
    since: NaiveDate,
    until: NaiveDate,
) -> Result<(Vec<DailyRow>, bool, SeriesQuery), StoreError> {
    let mut last = None;
    for period in [Period::Total, Period::Day] {
        let key = SeriesKey {
            period,
            ..SeriesKey::total(claimant_id, metric)
        };
        let query = SeriesQuery {
            key,
            since: Some(since),
            until: Some(until),
        };
        let points = store.series_points(&query).await?;
        let rows = daily_rows(&points, period);
        if !rows.is_empty() {
            return Ok((rows, period == Period::Total, query));
        }
        last = Some(query);
    }
    let query = last.unwrap_or(SeriesQuery {
        key: SeriesKey::total(claimant_id, metric),
        since: Some(since),
        until: Some(until),
    });
    Ok((Vec::new(), true, query))
}

/// Draws the chart asked for; `None` when the series has no days in the window.
pub async fn make_chart(
    store: &dyn Store,
    req: &ChartRequest,
) -> Result<Option<ChartOutput>, ViewError> {
    let days = i64::from(req.days.max(1));
    let first = req.until - Duration::days(days - 1);
    let since = first - Duration::days(super::checks::TRAILING_DAYS + 1);
    let (rows, running_total, query) =
        load_rows(store, &req.claimant_id, req.metric, since, req.until).await?;
    let shown_from = rows.iter().position(|r| r.day >= first);
    let Some(from) = shown_from else {
        return Ok(None);
    };
    let sources = store.series_sources(&query, SOURCES_SHOWN).await?;
    let spec_rows = &rows[from..];
    let png = render_png(&spec(req, spec_rows, running_total, &sources))?;
    let caption = caption(req, &rows);
    Ok(Some(ChartOutput {
        png,
        caption,
        days: spec_rows.len(),
    }))
}

/// The chart of `rows` (already cut to the window) for `req`, with `sources` named.
pub fn spec<'a>(
    req: &ChartRequest,
    rows: &'a [DailyRow],
    running_total: bool,
    sources: &[String],
) -> ChartSpec<'a> {
    let st = series_texts(req.lang);
    let dt = &texts(req.lang).digest;
    let claimant = claimant_name(&req.claimant_id, req.lang);
    let metric = capitalised(metric_name(dt, req.metric));
    let shown: Vec<String> = sources
        .iter()
        .map(|s| crate::text::truncate_chars(s, 60))
        .collect();
    let sources = if shown.is_empty() {
        st.no_sources.to_owned()
    } else {
        shown.join(", ")
    };
    let date = rows.last().map(|r| r.day.format("%d.%m.%Y").to_string());
    ChartSpec {
        title: fill(
            st.chart_title,
            &[("metric", &metric), ("claimant", &claimant)],
        ),
        subtitle: fill(
            st.chart_subtitle,
            &[("days", &req.days), ("date", &date.unwrap_or_default())],
        ),
        rows,
        running_total,
        legend_line: if running_total {
            st.legend_total
        } else {
            st.legend_sum
        }
        .to_owned(),
        legend_bars: st.legend_daily.to_owned(),
        legend_mean: st.legend_mean.to_owned(),
        axis_line: st.axis_total.to_owned(),
        axis_bars: st.axis_daily.to_owned(),
        footer: fill(st.footer, &[("claimant", &claimant), ("sources", &sources)]),
        note: st.footer_note.to_owned(),
        months: dt.months,
        number: number_fn(req.lang),
    }
}

fn caption(req: &ChartRequest, rows: &[DailyRow]) -> String {
    let st = series_texts(req.lang);
    let lang = req.lang;
    let Some(last) = rows.last() else {
        return String::new();
    };
    let mean = super::chart::moving_mean(rows)
        .last()
        .copied()
        .flatten()
        .map_or_else(|| "—".to_owned(), |m| number(lang, m.round() as i64));
    let text = fill(
        st.caption,
        &[
            (
                "claimant",
                &escape_html(&claimant_name(&req.claimant_id, lang)),
            ),
            (
                "metric",
                &escape_html(metric_name(&texts(lang).digest, req.metric)),
            ),
            ("days", &req.days),
            ("date", &last.day.format("%d.%m.%Y")),
            ("value", &number(lang, last.value)),
            (
                "change",
                &last
                    .change
                    .map_or_else(|| "—".to_owned(), |c| delta(lang, c)),
            ),
            ("mean", &mean),
        ],
    );
    crate::text::truncate_chars(&text, MAX_CAPTION_CHARS)
}

/// "personnel" → "Personnel".
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
