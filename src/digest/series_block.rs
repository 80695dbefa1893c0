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

/// A story that tells a daily reporter's figures of a day beside other claims (a round-up:
/// the ministry's day figures and one strike's) is shown as two: its series claims in their
/// day's block, the rest as an entry. Both keep the story's id, sources and folded stories.
pub fn split_series(views: Vec<StoryView>) -> Vec<StoryView> {
    let mut out = Vec::with_capacity(views.len());
    for v in views {
        let (series, rest): (Vec<StoredClaim>, Vec<StoredClaim>) =
            v.claims.iter().cloned().partition(series_claim);
        if series.is_empty() || rest.is_empty() {
            out.push(v);
            continue;
        }
        let mut block_part = v.clone();
        block_part.claims = series;
        let mut entry_part = v;
        entry_part.claims = rest;
        out.push(block_part);
        out.push(entry_part);
    }
    out
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

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::{Claim, Metric, Story};
    use chrono::{TimeZone, Utc};

    /// A ministry claim of 1,505 soldiers in story 1 over `period`.
    pub(crate) fn claim(id: i64, period: Period) -> StoredClaim {
        StoredClaim {
            id,
            story_id: 1,
            item_id: 10,
            claimed_at: Utc.with_ymd_and_hms(2024, 11, 28, 9, 0, 0).unwrap(),
            claim: Claim {
                category: Category::Losses,
                claimant: Some("Russian Ministry of Defence".into()),
                claimant_id: Some("ru_mod".into()),
                side: Some(Side::Ukraine),
                unit: None,
                location: None,
                figures: vec![Figure::new(Metric::Personnel, 1505).with_period(Some(period))],
                evidence: Vec::new(),
                other_conflict: false,
            },
        }
    }

    /// Story 1, one story (7) folded into it.
    pub(crate) fn story(claims: Vec<StoredClaim>) -> StoryView {
        let at = Utc.with_ymd_and_hms(2024, 11, 28, 9, 0, 0).unwrap();
        StoryView {
            story: Story {
                id: 1,
                first_item_id: 10,
                first_seen_at: at,
                last_seen_at: at,
                item_count: 1,
                source_count: 1,
                title: "round-up".into(),
            },
            claims,
            sources: Vec::new(),
            folded: vec![7],
        }
    }

    #[test]
    fn a_round_up_gives_its_day_figures_to_the_block_and_keeps_the_rest_as_an_entry() {
        let views = split_series(vec![story(vec![
            claim(1, Period::Day),
            claim(2, Period::Event),
        ])]);
        assert_eq!(views.len(), 2);
        assert!(is_series(&views[0]));
        assert!(!is_series(&views[1]));
        assert_eq!(views[1].claims[0].id, 2);
        assert!(views.iter().all(|v| v.story.id == 1 && v.folded == vec![7]));
        // A story all of one kind stays whole.
        assert_eq!(
            split_series(vec![story(vec![claim(1, Period::Day)])]).len(),
            1
        );
        assert_eq!(
            split_series(vec![story(vec![claim(2, Period::Event)])]).len(),
            1
        );
    }
}
