//! Claims shown as entries, one per story (`/recent`): claims folded as in
//! [`super::fold::fold_claims`], then grouped by story. A story whose told claim was folded
//! into one other story, and whose other claims are all that claim's claimant's, is a later
//! telling of that story with more figures (BBC's "78 329 named dead" and its "140 a day" in
//! one article, after "more than 78 thousand"): its claims join that story's entry instead of
//! standing as a second one. The other way round, a newer telling whose claims restate one
//! story that keeps claims of its own (another claimant's) is shown in that story's entry. A
//! round-up that restates several stories keeps its own entry for what it adds.

use super::fold::{claimant_key, fold_claims_noting};
use crate::model::{SourceRef, StoredClaim};
use std::collections::HashMap;

/// Folds `items` (shown in their order) and groups them by story, each entry where its first
/// claim is.
pub fn by_story<T>(
    items: Vec<T>,
    claim: impl Fn(&T) -> &StoredClaim,
    sources: impl Fn(&mut T) -> &mut Vec<SourceRef>,
) -> Vec<Vec<T>> {
    let (kept, folds) = fold_claims_noting(items, &claim, sources);
    let alias = aliases(&kept, &folds, &claim);
    let restates = restated_stories(&kept, &folds, &claim);
    let mut groups: Vec<Vec<T>> = Vec::new();
    let mut at: HashMap<i64, usize> = HashMap::new();
    for (i, item) in kept.into_iter().enumerate() {
        let story = restates.get(&i).copied().unwrap_or(claim(&item).story_id);
        let story = alias.get(&story).copied().unwrap_or(story);
        match at.get(&story) {
            Some(&i) => groups[i].push(item),
            None => {
                at.insert(story, groups.len());
                groups.push(vec![item]);
            }
        }
    }
    groups
}

/// The story each kept claim (by index) restates, when it is one other story that keeps claims
/// of its own and that no other story restates: a newer telling's claim, shown first (newest
/// first), is shown with the article it tells again ("Генштаб: десант уничтожен" in an evening
/// round-up, with the morning report that also gave DeepState's count), not as a second entry
/// of it. A round-up whose claims several stories restate stays where it is.
fn restated_stories<T>(
    kept: &[T],
    folds: &[(i64, usize)],
    claim: impl Fn(&T) -> &StoredClaim,
) -> HashMap<usize, i64> {
    let mut told: HashMap<usize, Vec<i64>> = HashMap::new();
    let mut tellers: HashMap<i64, Vec<i64>> = HashMap::new();
    for &(story, i) in folds {
        let own = claim(&kept[i]).story_id;
        if own != story {
            push_new(told.entry(i).or_default(), story);
            push_new(tellers.entry(story).or_default(), own);
        }
    }
    let shown: std::collections::HashSet<i64> = kept.iter().map(|k| claim(k).story_id).collect();
    told.into_iter()
        .filter_map(|(i, stories)| match stories[..] {
            [s] if tellers[&s].len() == 1 && shown.contains(&s) => Some((i, s)),
            _ => None,
        })
        .collect()
}

/// The story each later telling joins (see the module documentation), chains followed.
fn aliases<T>(
    kept: &[T],
    folds: &[(i64, usize)],
    claim: impl Fn(&T) -> &StoredClaim,
) -> HashMap<i64, i64> {
    // Per folded story: the stories and claimants its folded claims joined.
    let mut into: HashMap<i64, (Vec<i64>, Vec<Option<String>>)> = HashMap::new();
    for &(story, i) in folds {
        let target = claim(&kept[i]);
        if target.story_id == story {
            continue;
        }
        let (stories, claimants) = into.entry(story).or_default();
        push_new(stories, target.story_id);
        push_new(claimants, claimant_key(&target.claim));
    }
    let mut alias = HashMap::new();
    for (story, (stories, claimants)) in into {
        let ([target], [Some(who)]) = (&stories[..], &claimants[..]) else {
            continue;
        };
        let adds_own_claimant_only = kept
            .iter()
            .map(&claim)
            .filter(|c| c.story_id == story)
            .all(|c| claimant_key(&c.claim).as_ref() == Some(who));
        if adds_own_claimant_only {
            alias.insert(story, *target);
        }
    }
    alias.keys().map(|&s| (s, follow(&alias, s))).collect()
}

/// The story `s` joins at the end of its chain of aliases (a cycle stops where it closes).
fn follow(alias: &HashMap<i64, i64>, s: i64) -> i64 {
    let mut t = alias[&s];
    for _ in 0..alias.len() {
        match alias.get(&t) {
            Some(&next) if next != s => t = next,
            _ => break,
        }
    }
    t
}

fn push_new<V: PartialEq>(list: &mut Vec<V>, v: V) {
    if !list.contains(&v) {
        list.push(v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Claim, Figure, Metric, Period, Side};
    use chrono::{Duration, TimeZone, Utc};

    /// A claim shown, with its sources.
    type Shown = (StoredClaim, Vec<SourceRef>);

    /// A claim of `story` with its one source, `hours` after a fixed morning.
    fn shown(story: i64, hours: i64, claimant: &str, figure: (Metric, i64, Period)) -> Shown {
        let at = Utc.with_ymd_and_hms(2024, 11, 15, 6, 0, 0).unwrap() + Duration::hours(hours);
        let claim = StoredClaim {
            id: story * 10 + figure.1,
            story_id: story,
            item_id: story,
            claimed_at: at,
            claim: Claim {
                category: Category::Losses,
                claimant: Some(claimant.into()),
                claimant_id: None,
                side: Some(Side::Russia),
                unit: None,
                location: None,
                figures: vec![Figure::new(figure.0, figure.1).with_period(Some(figure.2))],
                evidence: Vec::new(),
                other_conflict: false,
            },
        };
        let source = SourceRef {
            source_id: story,
            source_name: format!("channel {story}"),
            item_id: story,
            url: None,
            published_at: at,
        };
        (claim, vec![source])
    }

    fn group(items: Vec<Shown>) -> Vec<Vec<(i64, i64)>> {
        by_story(items, |x| &x.0, |x| &mut x.1)
            .into_iter()
            .map(|g| {
                g.iter()
                    .map(|x| (x.0.story_id, x.0.claim.figures[0].value))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_later_telling_with_one_more_figure_joins_the_story_it_restates() {
        // Newest first, as `/recent` lists: the rounded restatement, then the article.
        let entries = group(vec![
            shown(2, 20, "BBC", (Metric::Killed, 78_000, Period::Total)),
            shown(1, 0, "BBC", (Metric::Killed, 78_329, Period::Total)),
            shown(1, 0, "BBC", (Metric::Killed, 140, Period::Day)),
        ]);
        assert_eq!(entries, vec![vec![(2, 78_000), (1, 140)]]);
    }

    #[test]
    fn what_a_round_up_adds_keeps_its_own_entry() {
        // An earlier round-up (story 3) told what stories 1 and 2 then told alone, and one
        // figure more: that figure is not either story's.
        let entries = group(vec![
            shown(1, 12, "MoD", (Metric::Personnel, 120, Period::Day)),
            shown(2, 11, "MoD", (Metric::Personnel, 370, Period::Day)),
            shown(3, 10, "MoD", (Metric::Personnel, 120, Period::Day)),
            shown(3, 10, "MoD", (Metric::Personnel, 370, Period::Day)),
            shown(3, 10, "MoD", (Metric::Personnel, 300, Period::Day)),
        ]);
        assert_eq!(
            entries,
            vec![vec![(1, 120)], vec![(2, 370)], vec![(3, 300)]]
        );
        // A later restatement of an article that also gave another claimant's figure is shown
        // with that article: one story, one entry.
        let entries = group(vec![
            shown(2, 5, "BBC", (Metric::Killed, 78_000, Period::Total)),
            shown(1, 0, "BBC", (Metric::Killed, 78_329, Period::Total)),
            shown(1, 0, "NATO", (Metric::Killed, 1_500, Period::Day)),
        ]);
        assert_eq!(entries, vec![vec![(2, 78_000), (1, 1_500)]]);
    }
}
