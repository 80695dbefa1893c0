//! One claim, one entry: stories whose claims another story already tells are folded into it
//! before a reader sees them (the digest, `/recent`, `/search`). A claim's identity does not
//! depend on where it was read: the same claimant, the same figures (metric, value, period)
//! and the same reporting day are one claim, whether the second telling is another channel, a
//! round-up of the same channel, a forward or a later restatement. A round-up that restates
//! the claims of several stories becomes a source of each of them.

use super::claims::normalise_name;
use crate::model::{Category, Claim, Figure, Qualifier, SourceRef, StoredClaim, StoryView};
use chrono::Duration;

/// Two tellings further apart than this are two reports (the next day's figures).
const SAME_REPORT: Duration = Duration::hours(20);
/// Figures this small are told by many outlets of many incidents: without a named claimant
/// they identify nothing.
const TELLING_VALUE: i64 = 100;

pub(super) fn claimant_key(c: &Claim) -> Option<String> {
    c.claimant_id
        .clone()
        .or_else(|| c.claimant.as_deref().map(normalise_name))
}

/// Equal, or one the other rounded ("78 тысяч" and "78 329"): a round thousand within 1 %,
/// or, hedged, within 2 % on the side its hedge allows ("более 80 тысяч" and "80 973").
fn same_value(f: &Figure, g: &Figure) -> bool {
    let rounds = |r: &Figure, v: i64| {
        let gap = v - r.value;
        let near = match r.qualifier {
            Some(Qualifier::MoreThan) => gap > 0 && gap * 50 <= r.value,
            Some(Qualifier::UpTo) => gap < 0 && -gap * 50 <= r.value,
            _ => gap.abs() * 100 <= r.value.max(v),
        };
        r.value >= 1000 && r.value % 1000 == 0 && near
    };
    f.value == g.value || rounds(f, g.value) || rounds(g, f.value)
}

/// Whether two stored claims are one claim told twice (see the module documentation).
pub fn same_report(a: &StoredClaim, b: &StoredClaim) -> bool {
    let (x, y) = (&a.claim, &b.claim);
    if x.category != y.category || x.other_conflict || y.other_conflict {
        return false;
    }
    if (a.claimed_at - b.claimed_at).abs() > SAME_REPORT {
        return false;
    }
    if x.side.is_some() && y.side.is_some() && x.side != y.side {
        return false;
    }
    let named = claimant_key(x);
    if named != claimant_key(y) {
        return false;
    }
    let mut shared = false;
    let mut large = false;
    for f in &x.figures {
        for g in y.figures.iter().filter(|g| g.metric == f.metric) {
            let periods_agree = f.period.is_none() || g.period.is_none() || f.period == g.period;
            if !periods_agree {
                continue;
            }
            let hedges_agree =
                f.qualifier.is_none() || g.qualifier.is_none() || f.qualifier == g.qualifier;
            if !same_value(f, g) || !hedges_agree {
                return false;
            }
            shared = true;
            large |= f.value >= TELLING_VALUE;
        }
    }
    if x.figures.is_empty() && y.figures.is_empty() {
        return named.is_some() && same_uncounted(x, y);
    }
    shared && (named.is_some() || large)
}

/// Two claims without figures by one named claimant, told within a report's time: one refusal
/// by one unit, or one loss of one side by a known institution or person at one place (or
/// where one telling names no place: "Генштаб ВСУ заявляет, что этот десант был уничтожен").
fn same_uncounted(x: &Claim, y: &Claim) -> bool {
    let norm = |s: &Option<String>| s.as_deref().map(normalise_name);
    match x.category {
        Category::Refusal => x.unit.is_some() && norm(&x.unit) == norm(&y.unit),
        Category::Losses => {
            let places_agree = x.location.is_none()
                || y.location.is_none()
                || norm(&x.location) == norm(&y.location);
            x.claimant_id.is_some() && x.side.is_some() && x.side == y.side && places_agree
        }
    }
}

/// Folds `views` (any order): each claim already told by an earlier story (by first seen) is
/// dropped from the later one, whose sources join the earlier story; a story left with no
/// claim is folded entirely (its id goes to `folded` of the story it restated most). The
/// result keeps the earlier stories' order by first seen.
pub fn fold(mut views: Vec<StoryView>) -> Vec<StoryView> {
    views.sort_by_key(|v| (v.story.first_seen_at, v.story.id));
    let mut kept: Vec<StoryView> = Vec::with_capacity(views.len());
    for mut v in views {
        let mut told_by: Vec<usize> = Vec::new();
        v.claims.retain(|c| {
            let earlier = kept
                .iter()
                .position(|k| k.claims.iter().any(|kc| same_report(kc, c)));
            match earlier {
                Some(i) => {
                    told_by.push(i);
                    false
                }
                None => true,
            }
        });
        told_by.dedup();
        for &i in &told_by {
            let k = &mut kept[i];
            for s in &v.sources {
                if !k.sources.iter().any(|x| x.item_id == s.item_id) {
                    k.sources.push(s.clone());
                }
            }
            k.story.last_seen_at = k.story.last_seen_at.max(v.story.last_seen_at);
        }
        match (v.claims.is_empty(), told_by.first()) {
            (true, Some(&i)) => {
                let k = &mut kept[i];
                k.folded.push(v.story.id);
                k.folded.extend(v.folded.iter().copied());
            }
            _ => kept.push(v),
        }
    }
    for k in &mut kept {
        k.story.source_count = distinct(k);
    }
    kept
}

/// Folds a list of claims shown one by one (`/recent`, `/search`), keeping its order: a claim
/// that is one claim with an earlier one (see [`same_report`]) is dropped and its sources
/// join the earlier one's.
pub fn fold_claims<T>(
    items: Vec<T>,
    claim: impl Fn(&T) -> &StoredClaim,
    sources: impl Fn(&mut T) -> &mut Vec<SourceRef>,
) -> Vec<T> {
    fold_claims_noting(items, claim, sources).0
}

/// [`fold_claims`], also telling each fold: the story of the claim dropped and the index (in
/// the result) of the claim it joined.
pub(super) fn fold_claims_noting<T>(
    items: Vec<T>,
    claim: impl Fn(&T) -> &StoredClaim,
    sources: impl Fn(&mut T) -> &mut Vec<SourceRef>,
) -> (Vec<T>, Vec<(i64, usize)>) {
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    let mut folds = Vec::new();
    for mut item in items {
        let earlier = kept.iter().position(|k| {
            same_report(claim(k), claim(&item)) || same_story(claim(k), claim(&item))
        });
        match earlier {
            Some(i) => {
                folds.push((claim(&item).story_id, i));
                let extra = std::mem::take(sources(&mut item));
                let into = sources(&mut kept[i]);
                for s in extra {
                    if !into.iter().any(|x| x.item_id == s.item_id) {
                        into.push(s);
                    }
                }
            }
            None => kept.push(item),
        }
    }
    (kept, folds)
}

/// One story's claim twice (a claim and its restatement filed with the same story).
fn same_story(a: &StoredClaim, b: &StoredClaim) -> bool {
    a.story_id == b.story_id && a.claim.category == b.claim.category && a.claim == b.claim
}

fn distinct(v: &StoryView) -> i64 {
    let mut ids: Vec<i64> = v.sources.iter().map(|s| s.source_id).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Figure, Metric, Period, Side, SourceRef, Story};
    use chrono::{DateTime, TimeZone, Utc};

    fn at(hours: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 12, 3, 6, 0, 0).unwrap() + Duration::hours(hours)
    }

    fn claim(id: i64, story: i64, hours: i64, figures: &[(Metric, i64)]) -> StoredClaim {
        StoredClaim {
            id,
            story_id: story,
            item_id: story * 10,
            claimed_at: at(hours),
            claim: Claim {
                category: Category::Losses,
                claimant: Some("Russian Ministry of Defence".into()),
                claimant_id: Some("ru_mod".into()),
                side: Some(Side::Ukraine),
                unit: None,
                location: None,
                figures: figures
                    .iter()
                    .map(|(m, v)| Figure::new(*m, *v).with_period(Some(Period::Day)))
                    .collect(),
                evidence: Vec::new(),
                other_conflict: false,
            },
        }
    }

    fn view(id: i64, source: i64, hours: i64, claims: Vec<StoredClaim>) -> StoryView {
        StoryView {
            story: Story {
                id,
                first_item_id: id * 10,
                first_seen_at: at(hours),
                last_seen_at: at(hours),
                item_count: 1,
                source_count: 1,
                title: format!("story {id}"),
            },
            claims,
            sources: vec![SourceRef {
                source_id: source,
                source_name: format!("source {source}"),
                item_id: id * 10,
                url: None,
                published_at: at(hours),
            }],
            folded: Vec::new(),
        }
    }

    #[test]
    fn a_round_up_restating_two_stories_joins_both_and_is_not_shown_again() {
        let kursk = view(
            1,
            1,
            0,
            vec![claim(
                1,
                1,
                0,
                &[(Metric::Personnel, 300), (Metric::Tanks, 2)],
            )],
        );
        let south = view(2, 1, 2, vec![claim(2, 2, 2, &[(Metric::Personnel, 370)])]);
        // The same channel's evening round-up: both figures again, and one new.
        let roundup = view(
            3,
            1,
            10,
            vec![
                claim(3, 3, 10, &[(Metric::Personnel, 300), (Metric::Tanks, 2)]),
                claim(4, 3, 10, &[(Metric::Personnel, 370)]),
            ],
        );
        let out = fold(vec![roundup, south, kursk]);
        assert_eq!(out.len(), 2, "{out:#?}");
        assert_eq!(out[0].story.id, 1);
        assert_eq!(out[0].folded, vec![3]);
        assert!(
            out.iter()
                .all(|v| v.sources.iter().any(|s| s.item_id == 30))
        );
    }

    #[test]
    fn the_same_figure_twice_from_one_channel_is_one_entry() {
        let a = view(1, 5, 0, vec![claim(1, 1, 0, &[(Metric::Killed, 78_329)])]);
        let b = view(2, 5, 3, vec![claim(2, 2, 3, &[(Metric::Killed, 78_000)])]);
        let out = fold(vec![a, b]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].folded, vec![2]);
    }

    #[test]
    fn a_hedged_round_figure_is_the_exact_one_on_its_hedges_side() {
        let told = |id: i64, value: i64, q: Option<Qualifier>| {
            let mut c = claim(id, id, 0, &[(Metric::Killed, value)]);
            c.claim.figures[0].qualifier = q;
            view(id, id, 0, vec![c])
        };
        let more = told(1, 80_000, Some(Qualifier::MoreThan));
        // "более 80 тысяч" and 80 973 (1.2 % above): one claim.
        assert_eq!(fold(vec![more.clone(), told(2, 80_973, None)]).len(), 1);
        // Below it, or further than 2 %: two.
        assert_eq!(fold(vec![more.clone(), told(3, 79_900, None)]).len(), 2);
        assert_eq!(fold(vec![more, told(4, 81_700, None)]).len(), 2);
        // Without a hedge, 1.2 % apart is two counts.
        assert_eq!(
            fold(vec![told(5, 80_000, None), told(6, 80_973, None)]).len(),
            2
        );
        let up_to = told(7, 80_000, Some(Qualifier::UpTo));
        assert_eq!(fold(vec![up_to.clone(), told(8, 79_100, None)]).len(), 1);
        assert_eq!(fold(vec![up_to, told(9, 80_400, None)]).len(), 2);
    }

    #[test]
    fn up_to_and_more_than_one_value_are_two_claims() {
        let hedged = |id: i64, q: Option<Qualifier>| {
            let mut c = claim(id, id, 0, &[(Metric::Personnel, 250)]);
            c.claim.figures[0].qualifier = q;
            view(id, id, 0, vec![c])
        };
        let up_to = hedged(1, Some(Qualifier::UpTo));
        let more = hedged(2, Some(Qualifier::MoreThan));
        assert_eq!(fold(vec![up_to.clone(), more]).len(), 2);
        // Told without its hedge, it is the same figure.
        assert_eq!(fold(vec![up_to, hedged(3, None)]).len(), 1);
    }

    #[test]
    fn two_days_of_one_series_and_two_claimants_stay_apart() {
        let today = view(1, 1, 0, vec![claim(1, 1, 0, &[(Metric::Personnel, 250)])]);
        let tomorrow = view(2, 1, 24, vec![claim(2, 2, 24, &[(Metric::Personnel, 250)])]);
        let mut other = claim(3, 3, 1, &[(Metric::Personnel, 250)]);
        other.claim.claimant_id = Some("ua_general_staff".into());
        let other = view(3, 2, 1, vec![other]);
        let out = fold(vec![today, tomorrow, other]);
        assert_eq!(out.len(), 3);
        // A part of a story restated elsewhere leaves the rest shown.
        let a = view(1, 1, 0, vec![claim(1, 1, 0, &[(Metric::Personnel, 300)])]);
        let b = view(
            2,
            2,
            1,
            vec![
                claim(2, 2, 1, &[(Metric::Personnel, 300)]),
                claim(3, 2, 1, &[(Metric::Tanks, 7)]),
            ],
        );
        let out = fold(vec![a, b]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].claims.len(), 1);
        assert_eq!(out[1].claims[0].claim.figures[0].metric, Metric::Tanks);
        assert!(out[0].sources.iter().any(|s| s.item_id == 20));
    }

    #[test]
    fn a_loss_without_figures_by_one_institution_at_one_place_is_one_report() {
        let placed = |id: i64, story: i64, hours: i64, place: Option<&str>| {
            let mut c = claim(id, story, hours, &[]);
            c.claim.location = place.map(str::to_owned);
            c
        };
        let same = |a: &StoredClaim, b: &StoredClaim| same_report(a, b);
        let kupiansk = placed(1, 1, 0, Some("Купянск"));
        // A round-up telling it again without the place.
        assert!(same(&kupiansk, &placed(2, 2, 8, None)));
        assert!(!same(&kupiansk, &placed(3, 3, 8, Some("Покровск"))));
        assert!(
            !same(&kupiansk, &placed(4, 4, 30, None)),
            "the next day's report"
        );
        let mut other_side = placed(5, 5, 8, None);
        other_side.claim.side = Some(Side::Russia);
        assert!(!same(&kupiansk, &other_side));
    }
}
