//! Which stories go into a subscriber's digest and in which order: their topics, their
//! keywords (matched on stems, so inflected forms meet), one section per story (refusal first),
//! the General Staff's running totals kept apart for the losses block, and within a section
//! the most independent sources first, then the most recent.

use super::series_block;
use crate::model::{Category, SourceRef, StoryView, Subscriber};
use crate::text::stem::{query_terms, stem_text};
use crate::tz::ChatTz;
use std::collections::{HashMap, HashSet};

/// The claimant whose cumulative loss figures make the losses block (the classifier's
/// canonical name).
pub const GENERAL_STAFF: &str = "General Staff of the Armed Forces of Ukraine";

/// Words per keyword that must all match.
const MAX_TERMS_PER_KEYWORD: usize = 8;

/// The stories a digest shows, ranked, and those it accounts for without listing.
#[derive(Debug, Default)]
pub struct Selection<'a> {
    pub refusals: Vec<&'a StoryView>,
    pub losses: Vec<&'a StoryView>,
    /// Stories that matched but were left out of a full section.
    pub refusals_more: usize,
    pub losses_more: usize,
    /// Stories carrying General Staff running totals: summed up by the losses block instead of
    /// listed, recorded as delivered with it.
    pub totals_stories: Vec<i64>,
    /// Stories of a daily reporter's claim series: one block per claimant and day.
    pub series: Vec<super::series_block::SeriesBlock>,
}

impl Selection<'_> {
    /// Stories this digest delivers: every listed one and the General Staff totals.
    pub fn story_ids(&self) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .refusals
            .iter()
            .chain(&self.losses)
            .flat_map(|v| std::iter::once(v.story.id).chain(v.folded.iter().copied()))
            .chain(self.totals_stories.iter().copied())
            .chain(self.series.iter().flat_map(|b| b.story_ids.iter().copied()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    pub fn is_empty(&self) -> bool {
        self.refusals.is_empty() && self.losses.is_empty() && self.series.is_empty()
    }
}

/// The first item of each distinct source, in the story's order, the source of the story's first
/// item first: the entry's headline is that item's, and links to it.
pub fn distinct_sources(view: &StoryView) -> Vec<&SourceRef> {
    crate::entry::sources::distinct(&view.sources, view.story.first_item_id)
}

/// True when the story carries the General Staff's cumulative loss totals and no refusal.
pub fn is_general_staff_totals(view: &StoryView) -> bool {
    let has_refusal = view
        .claims
        .iter()
        .any(|c| c.claim.category == Category::Refusal);
    !has_refusal
        && view.claims.iter().any(|c| {
            c.claim.category == Category::Losses
                && super::format::is_claimant(c.claim.claimant.as_deref(), GENERAL_STAFF)
                && c.claim.figures.iter().any(|f| f.cumulative != Some(false))
        })
}

/// A subscriber's keywords as stemmed terms; a keyword of several words needs all of them.
pub fn keyword_terms(keywords: &[String]) -> Vec<Vec<String>> {
    keywords
        .iter()
        .map(|k| query_terms(k, MAX_TERMS_PER_KEYWORD))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Everything a story says, stemmed: title, claim fields and evidence, and `body` (the first
/// item's text, when loaded).
fn story_stems(view: &StoryView, body: Option<&str>) -> Vec<String> {
    let mut text = String::with_capacity(256);
    text.push_str(&view.story.title);
    for c in &view.claims {
        for field in [&c.claim.claimant, &c.claim.unit, &c.claim.location]
            .into_iter()
            .flatten()
        {
            text.push(' ');
            text.push_str(field);
        }
        for e in &c.claim.evidence {
            text.push(' ');
            text.push_str(e);
        }
    }
    if let Some(b) = body {
        text.push(' ');
        text.push_str(b);
    }
    stem_text(&text).split(' ').map(str::to_owned).collect()
}

/// True when any keyword has all its terms as prefixes of the story's stems (no keywords:
/// everything matches).
pub fn matches_keywords(view: &StoryView, body: Option<&str>, terms: &[Vec<String>]) -> bool {
    if terms.is_empty() {
        return true;
    }
    let stems = story_stems(view, body);
    terms.iter().any(|kw| {
        kw.iter()
            .all(|term| stems.iter().any(|s| s.starts_with(term.as_str())))
    })
}

fn rank(stories: &mut [&StoryView]) {
    stories.sort_by(|a, b| {
        distinct_sources(b)
            .len()
            .cmp(&distinct_sources(a).len())
            .then(b.story.last_seen_at.cmp(&a.story.last_seen_at))
            .then(b.story.id.cmp(&a.story.id))
    });
}

/// Picks and ranks the stories of one digest. `bodies` maps story ids to their first item's
/// text (needed only with keywords); `max_entries` caps each section.
pub fn select<'a>(
    candidates: &'a [StoryView],
    sub: &Subscriber,
    bodies: &HashMap<i64, String>,
    max_entries: usize,
    tz: &ChatTz,
) -> Selection<'a> {
    let terms = keyword_terms(&sub.keywords);
    let mut sel = Selection::default();
    let mut series: Vec<&StoryView> = Vec::new();
    for view in candidates {
        let has = |c: Category| view.claims.iter().any(|x| x.claim.category == c);
        if sub.topics.losses && is_general_staff_totals(view) {
            sel.totals_stories.push(view.story.id);
            sel.totals_stories.extend(view.folded.iter().copied());
            continue;
        }
        if sub.topics.losses
            && series_block::is_series(view)
            && matches_keywords(view, bodies.get(&view.story.id).map(String::as_str), &terms)
        {
            series.push(view);
            continue;
        }
        let section = if sub.topics.refusal && has(Category::Refusal) {
            &mut sel.refusals
        } else if sub.topics.losses && has(Category::Losses) {
            &mut sel.losses
        } else {
            continue;
        };
        if matches_keywords(view, bodies.get(&view.story.id).map(String::as_str), &terms) {
            section.push(view);
        }
    }
    rank(&mut sel.refusals);
    rank(&mut sel.losses);
    sel.refusals_more = sel.refusals.len().saturating_sub(max_entries);
    sel.losses_more = sel.losses.len().saturating_sub(max_entries);
    // A story split between a block and an entry left out of a full section is not delivered
    // with the block: its entry comes in a later digest.
    let left_out: HashSet<i64> = sel.refusals[sel.refusals.len().min(max_entries)..]
        .iter()
        .chain(&sel.losses[sel.losses.len().min(max_entries)..])
        .flat_map(|v| std::iter::once(v.story.id).chain(v.folded.iter().copied()))
        .collect();
    sel.refusals.truncate(max_entries);
    sel.losses.truncate(max_entries);
    sel.series = series_block::blocks(&series, tz);
    for b in &mut sel.series {
        b.story_ids.retain(|id| !left_out.contains(id));
    }
    sel
}

#[cfg(test)]
mod tests {
    use super::series_block::split_series;
    use super::series_block::tests::{claim, story};
    use crate::model::Period;
    use crate::tz::ChatTz;
    use chrono::{TimeZone, Utc};

    #[test]
    fn a_split_story_left_out_of_a_full_section_is_not_delivered_with_its_block() {
        use crate::model::{ChatKind, Lang, Subscriber, Topics};
        let at = Utc.with_ymd_and_hms(2024, 11, 28, 9, 0, 0).unwrap();
        let sub = Subscriber {
            id: 1,
            chat_id: 1,
            kind: ChatKind::Private,
            title: None,
            active: true,
            subscribed: true,
            inactive_reason: None,
            topics: Topics::ALL,
            digest_time: chrono::NaiveTime::MIN,
            timezone: "UTC".into(),
            ui_lang: Lang::En,
            keywords: Vec::new(),
            chart_weekday: None,
            last_digest_at: None,
            next_digest_at: None,
            created_at: at,
        };
        let tz: ChatTz = "UTC".parse().expect("UTC");
        let mut other = story(vec![claim(3, Period::Event)]);
        other.story.id = 2;
        other.story.source_count = 5;
        other.folded.clear();
        let views = split_series(vec![
            story(vec![claim(1, Period::Day), claim(2, Period::Event)]),
            other,
        ]);
        let bodies = std::collections::HashMap::new();
        // Room for one entry: the better-sourced story 2 is listed, story 1's entry is not.
        let sel = super::select(&views, &sub, &bodies, 1, &tz);
        assert_eq!(sel.series.len(), 1);
        assert!(sel.series[0].story_ids.is_empty(), "{:?}", sel.series[0]);
        assert_eq!(sel.story_ids(), vec![2]);
        // With room, both parts are shown and the story is delivered.
        let sel = super::select(&views, &sub, &bodies, 5, &tz);
        assert_eq!(sel.story_ids(), vec![1, 2, 7]);
    }
}
