//! A claim series in the digest: a claimant that reports every day (Russia's defence ministry,
//! per axis and group) gets one block per day — "Russia's defence ministry claims Ukrainian
//! losses over the past day, 16 Nov: all axes — up to 1,515 troops; Kursk axis — up to 300
//! troops, 2 tanks" (worded by `entry::blocks`) — each part linking to the post it came from,
//! instead of one entry per post.

use crate::classify::claimants;
use crate::model::{Category, Figure, Period, Side, StoredClaim, StoryView};
use crate::tz::ChatTz;
use chrono::NaiveDate;

/// One part of a block: the figures of one claim, for one scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesPart {
    /// The axis, group or area, as the claim names it; `None` for all axes.
    pub scope: Option<String>,
    pub figures: Vec<Figure>,
    /// The post the claim came from.
    pub url: Option<String>,
}

/// One claimant's figures of one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesBlock {
    pub claimant_id: String,
    /// Whose losses, when the day's claims agree.
    pub side: Option<Side>,
    pub day: NaiveDate,
    pub parts: Vec<SeriesPart>,
    /// The stories the block delivers.
    pub story_ids: Vec<i64>,
}

/// A loss claim of a daily reporter counting one day (or saying no period): a part of its
/// series.
fn series_claim(c: &StoredClaim) -> bool {
    let daily = c
        .claim
        .claimant_id
        .as_deref()
        .and_then(claimants::by_id)
        .is_some_and(|k| k.daily);
    daily
        && c.claim.category == Category::Losses
        && !c.claim.figures.is_empty()
        && c.claim
            .figures
            .iter()
            .all(|f| matches!(f.period, None | Some(Period::Day)))
}

/// True when every claim of the story belongs to a series: it is shown in its day's block.
pub fn is_series(view: &StoryView) -> bool {
    !view.claims.is_empty() && view.claims.iter().all(series_claim)
}

fn url_of(view: &StoryView, item_id: i64) -> Option<String> {
    view.sources
        .iter()
        .find(|s| s.item_id == item_id)
        .or(view.sources.first())
        .and_then(|s| s.url.clone())
}

/// The blocks of `views` (all series stories), by claimant and local day, oldest day first;
/// within a day the figures for all axes first, then by scope as first told.
pub fn blocks(views: &[&StoryView], tz: &ChatTz) -> Vec<SeriesBlock> {
    let mut out: Vec<SeriesBlock> = Vec::new();
    for v in views {
        for c in &v.claims {
            let Some(id) = c.claim.claimant_id.clone() else {
                continue;
            };
            let day = tz.local(c.claimed_at).date_naive();
            let i = match out.iter().position(|b| b.claimant_id == id && b.day == day) {
                Some(i) => i,
                None => {
                    out.push(SeriesBlock {
                        claimant_id: id,
                        side: c.claim.side,
                        day,
                        parts: Vec::new(),
                        story_ids: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            let b = &mut out[i];
            if b.side != c.claim.side {
                b.side = None;
            }
            let scope = c.claim.location.clone().or_else(|| c.claim.unit.clone());
            let part = SeriesPart {
                scope,
                figures: c.claim.figures.clone(),
                url: url_of(v, c.item_id),
            };
            if !b.parts.contains(&part) {
                b.parts.push(part);
            }
            for id in std::iter::once(v.story.id).chain(v.folded.iter().copied()) {
                if !b.story_ids.contains(&id) {
                    b.story_ids.push(id);
                }
            }
        }
    }
    for b in &mut out {
        b.parts.sort_by_key(|p| p.scope.is_some());
    }
    out.sort_by(|a, b| (a.day, &a.claimant_id).cmp(&(b.day, &b.claimant_id)));
    out
}
