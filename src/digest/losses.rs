//! The losses block: the General Staff's latest running totals and the change since its
//! previous report — the figure's own delta when the report gives one, else the difference
//! from the previous stored report.

use super::select::distinct_sources;
use crate::model::{Figure, StoredClaim, StoryView};
use std::collections::BTreeSet;

/// How many recent General Staff claims to look through for the latest and previous reports.
pub const RECENT_REPORTS: i64 = 12;

/// The latest totals, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalsReport {
    pub story_id: i64,
    /// Each running total and its change since the previous report, when known.
    pub figures: Vec<(Figure, Option<i64>)>,
    /// The report's own link (the item the claim came from, else the story's first source).
    pub url: Option<String>,
    /// Cross-checks on the report's day (see `series::crosscheck`), shown under it.
    pub notes: Vec<String>,
    /// When the report was claimed (its reporting day is the one checked).
    pub claimed_at: chrono::DateTime<chrono::Utc>,
}

fn totals(c: &StoredClaim) -> Vec<&Figure> {
    c.claim
        .figures
        .iter()
        .filter(|f| f.cumulative != Some(false))
        .collect()
}

fn values(c: &StoredClaim) -> BTreeSet<(crate::model::Metric, i64)> {
    totals(c).iter().map(|f| (f.metric, f.value)).collect()
}

/// The block for a digest, from the General Staff's recent loss claims (newest first) and the
/// digest's candidate stories. `None` unless the latest report's story is a candidate (new to
/// this reader), so the block never repeats the previous digest's totals.
pub fn totals_report(recent: &[StoredClaim], candidates: &[StoryView]) -> Option<TotalsReport> {
    let mut reports = recent.iter().filter(|c| !totals(c).is_empty());
    let latest = reports.next()?;
    let view = candidates.iter().find(|v| v.story.id == latest.story_id)?;
    let latest_values = values(latest);
    let previous = reports.find(|c| values(c) != latest_values);
    let figures = totals(latest)
        .into_iter()
        .map(|f| {
            let change = f.delta.or_else(|| {
                let prev = previous?
                    .claim
                    .figures
                    .iter()
                    .find(|p| p.metric == f.metric && p.cumulative != Some(false))?;
                f.value.checked_sub(prev.value)
            });
            (f.clone(), change)
        })
        .collect();
    let url = view
        .sources
        .iter()
        .find(|s| s.item_id == latest.item_id && s.url.is_some())
        .or_else(|| distinct_sources(view).into_iter().find(|s| s.url.is_some()))
        .and_then(|s| s.url.clone());
    Some(TotalsReport {
        story_id: latest.story_id,
        figures,
        url,
        notes: Vec::new(),
        claimed_at: latest.claimed_at,
    })
}
