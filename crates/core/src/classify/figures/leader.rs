//! "Their commander, Captain Ruslan Tagirov, and six other servicemen were killed",
//! "командиру взводу та чотирьом його підлеглим": one soldier named in the singular and joined
//! to a count of others is counted with them.

use super::super::context::Ctx;
use super::super::lexicon::Role;
use super::FigureHit;
use crate::model::Metric;

/// Tokens before the joining word where the one soldier may be named.
const LEADER_REACH: usize = 8;
/// Sentences back where the one "with him" may have been counted ("Погиб командир полка. …
/// Офицер попал под удар. Вместе с ним погибли ещё четверо").
const ONE_BEFORE_SENTENCES: usize = 2;

/// Adds the one soldier a count of people is joined to (see the module doc) to that count.
/// When the one soldier is a figure of his own ("killed a regiment commander, Colonel X, and
/// two of his staff officers"), the count takes that figure in: one claim of three killed,
/// not one killed and three more.
pub(super) fn add_leaders(ctx: &Ctx, figs: &mut Vec<FigureHit>) {
    let singles: Vec<usize> = (0..figs.len())
        .filter(|&j| figs[j].num.value == 1 && figs[j].metric_first == figs[j].num.first)
        .collect();
    let mut absorbed: Vec<usize> = Vec::new();
    for i in 0..figs.len() {
        let f = &figs[i];
        if !counts_people(f.metric) || f.num.low.is_some() || absorbed.contains(&i) {
            continue;
        }
        if with_one_before(ctx, f) {
            // He is counted in the sentence before ("Майор … загинув"): one claim of them all.
            let s = ctx.doc.sentence_of(f.num.first);
            let before = singles.iter().copied().rfind(|&j| {
                figs[j].first < f.first
                    && ctx.doc.sentence_of(figs[j].first) + ONE_BEFORE_SENTENCES >= s
                    && taken_in(f.metric, figs[j].metric)
            });
            if let Some(j) = before {
                figs[i].period = figs[i].period.or(figs[j].period);
                absorbed.push(j);
            }
            // Others "with him": in the incident that befell him.
            if figs[i].period.is_none() {
                figs[i].period = Some(crate::model::Period::Event);
                figs[i].cumulative = Some(false);
            }
            figs[i].value += 1;
            continue;
        }
        let Some(leaders) = joined_to_one(ctx, f) else {
            continue;
        };
        let own = singles
            .iter()
            .copied()
            .find(|&j| j != i && leaders.contains(&figs[j].first));
        match own {
            Some(j) if taken_in(figs[i].metric, figs[j].metric) => {
                figs[i].metric = figs[j].metric;
                figs[i].period = figs[i].period.or(figs[j].period);
                absorbed.push(j);
            }
            // One soldier counted apart with another metric ("a commander was killed and six
            // others wounded"), and no other singular word: he is not among the count.
            Some(j) if leaders.iter().all(|&t| t == figs[j].first) => continue,
            _ => {}
        }
        figs[i].value += 1;
    }
    absorbed.sort_unstable();
    absorbed.dedup();
    for j in absorbed.into_iter().rev() {
        figs.remove(j);
    }
}

fn counts_people(metric: Metric) -> bool {
    matches!(
        metric,
        Metric::Personnel | Metric::Killed | Metric::Wounded | Metric::Refusers | Metric::Deserters
    )
}

/// The one soldier's own figure, of metric `single`, can be taken into the count of `joined`:
/// the same metric, or a count of people whose fate the soldier's figure tells.
fn taken_in(joined: Metric, single: Metric) -> bool {
    joined == single
        || (joined == Metric::Personnel && matches!(single, Metric::Killed | Metric::Wounded))
}

/// Figure `f` counts others joined to one soldier named before it: a joining word right
/// before its number ("and", "та", "вместе с"), a word saying they are others or his ("other",
/// "ещё", "його") or a joining word that says so itself ("together with", "разом із"), and a
/// soldier in the singular a few words before. Returns the first tokens of the singular words
/// that may name him.
fn joined_to_one(ctx: &Ctx, f: &FigureHit) -> Option<Vec<usize>> {
    let sentence = ctx.doc.sentence_range(f.num.first);
    let mut at = f.num.first;
    let others_before = others_right_before(ctx, f);
    if others_before {
        at -= 1;
    }
    let join = ctx
        .within(sentence.start..at, |r| {
            matches!(r, Role::JoinedWith | Role::ListJoin)
        })
        .filter(|x| x.last + 1 == at)
        .max_by_key(|x| (x.role == Role::JoinedWith, x.last - x.first))?;
    let others = others_before
        || ctx.any_within(after_number(f), Role::Others)
        || ctx.any_within(after_number(f), Role::Possessive)
        || join.role == Role::JoinedWith;
    let from = join.first.saturating_sub(LEADER_REACH).max(sentence.start);
    let leaders: Vec<usize> = ctx
        .within(from..join.first, |r| r == Role::Singular)
        .filter(|x| ctx.has_at(x.first, Role::Metric(Metric::Personnel)))
        .map(|x| x.first)
        .collect();
    (others && !leaders.is_empty()).then_some(leaders)
}

/// "Разом із ним загинули ще двоє військових", "Together with him, two more soldiers were
/// killed": a count of others right after "ще"/"more" (or before "other"), in a sentence that
/// opens by joining them to one soldier the sentence before named.
fn with_one_before(ctx: &Ctx, f: &FigureHit) -> bool {
    let sentence = ctx.doc.sentence_range(f.num.first);
    let others = others_right_before(ctx, f) || ctx.any_within(after_number(f), Role::Others);
    others
        && ctx
            .within(sentence.start..f.num.first, |r| r == Role::WithOne)
            .any(|x| x.first <= sentence.start + 1)
}

/// "ще двоє", "еще семеро": a word saying the count is of others right before its number.
fn others_right_before(ctx: &Ctx, f: &FigureHit) -> bool {
    let start = ctx.doc.sentence_range(f.num.first).start;
    f.num.first > start && ctx.has_at(f.num.first - 1, Role::Others)
}

/// The words between figure `f`'s number and its noun ("two of his officers").
fn after_number(f: &FigureHit) -> std::ops::Range<usize> {
    f.num.last + 1..f.metric_first.max(f.num.last + 1)
}
