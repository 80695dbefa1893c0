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
/// claim, or only with its setting (see [`setting_of`], those claims join the earlier story),
/// is folded entirely (its id goes to `folded` of the story it restated most). The
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
        let setting = |i: &usize| setting_of(&v, &kept[*i]);
        match told_by.first().filter(|i| setting(i)) {
            Some(&i) => {
                let k = &mut kept[i];
                k.claims.append(&mut v.claims);
                k.folded.push(v.story.id);
                k.folded.extend(v.folded.iter().copied());
            }
            None => kept.push(v),
        }
    }
    for k in &mut kept {
        k.story.source_count = distinct(k);
    }
    kept
}

/// What is left of story `v` once its told claims are dropped is only the setting of the
/// story `k` that told them: nothing, or claims without a figure of a category and side `k`
/// tells ("the General Staff says the raid was repelled" beside DeepState's count of the
/// machines hit). An uncounted claim of another kind (a round-up's refusal) is news of its own.
fn setting_of(v: &StoryView, k: &StoryView) -> bool {
    v.claims.iter().all(|c| {
        c.claim.figures.is_empty()
            && k.claims
                .iter()
                .any(|t| t.claim.category == c.claim.category && t.claim.side == c.claim.side)
    })
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
mod tests;
