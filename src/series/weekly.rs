//! The series in the digest: the cross-check lines under the General Staff's totals, and the
//! weekly chart — on the weekday a subscriber chose (Monday by default), their digest ends
//! with a photo of the General Staff's personnel total over 90 days, drawn in their language.
//! The image is stored once per language and day and sent through the outbox like text.

use super::crosscheck::notes_for_day;
use super::reporting_day;
use super::view::{ChartRequest, make_chart};
use crate::digest::format::metric_name;
use crate::digest::losses::TotalsReport;
use crate::i18n::{fill, series_texts, texts};
use crate::model::{Lang, Metric, Subscriber};
use crate::store::{Store, StoreError};
use crate::tz::ChatTz;
use chrono::{DateTime, Datelike, Utc};

/// The weekly chart's claimant, metric and window.
pub const CLAIMANT: &str = "ua_general_staff";
pub const METRIC: Metric = Metric::Personnel;
pub const DAYS: u32 = 90;

/// The cross-checks under the General Staff's latest totals.
pub async fn totals_notes(
    store: &dyn Store,
    report: &TotalsReport,
    lang: Lang,
) -> Result<Vec<String>, StoreError> {
    let metrics: Vec<Metric> = report.figures.iter().map(|(f, _)| f.metric).collect();
    let day = reporting_day(report.claimed_at);
    notes_for_day(store, CLAIMANT, &metrics, day, lang).await
}

/// A chart to send after the digest's text: the stored image and its caption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyChart {
    pub image_id: i64,
    pub caption: String,
}

/// Whether `sub`'s digest at `now` (in their zone) carries the weekly chart.
pub fn is_chart_day(sub: &Subscriber, tz: &ChatTz, now: DateTime<Utc>) -> bool {
    sub.topics.losses && sub.chart_weekday == Some(tz.local(now).weekday())
}

/// The weekly chart for `sub` at `now`, when it is their chart day and there is data.
pub async fn weekly_chart(
    store: &dyn Store,
    sub: &Subscriber,
    tz: &ChatTz,
    now: DateTime<Utc>,
) -> Result<Option<WeeklyChart>, StoreError> {
    if !is_chart_day(sub, tz, now) {
        return Ok(None);
    }
    let lang = sub.ui_lang;
    let req = ChartRequest {
        claimant_id: CLAIMANT.into(),
        metric: METRIC,
        days: DAYS,
        lang,
        until: reporting_day(now),
    };
    let drawn = match make_chart(store, &req).await {
        Ok(Some(d)) => d,
        Ok(None) => return Ok(None),
        Err(super::view::ViewError::Store(e)) => return Err(e),
        Err(e) => {
            tracing::error!(error = %e, "cannot draw the weekly chart; the digest goes without it");
            return Ok(None);
        }
    };
    let key = format!(
        "weekly:{CLAIMANT}:{METRIC}:{DAYS}:{}:{}",
        lang.as_str(),
        req.until
    );
    let image_id = store.put_chart_image(&key, &drawn.png, now).await?;
    let st = series_texts(lang);
    let caption = fill(
        st.weekly_caption,
        &[
            ("metric", &metric_name(&texts(lang).digest, METRIC)),
            ("days", &DAYS),
            (
                "claimant",
                &crate::text::escape_html(&super::view::claimant_name(CLAIMANT, lang)),
            ),
        ],
    );
    Ok(Some(WeeklyChart { image_id, caption }))
}
