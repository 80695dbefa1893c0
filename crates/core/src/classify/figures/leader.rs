//! "Their commander, Captain Ruslan Tagirov, and six other servicemen were killed",
//! "командиру взводу та чотирьом його підлеглим": one soldier named in the singular and joined
//! to a count of others is counted with them.

use super::super::context::Ctx;
use super::super::lexicon::Role;
use super::FigureHit;
use crate::model::Metric;

/// Tokens before the joining word where the one soldier may be named.
const LEADER_REACH: usize = 8;

/// Adds the one soldier a count of people is joined to (see the module doc) to that count.
pub(super) fn add_leaders(ctx: &Ctx, figs: &mut [FigureHit]) {
    let singles: Vec<usize> = figs
        .iter()
        .filter(|f| f.num.value == 1 && f.metric_first == f.num.first)
        .map(|f| f.first)
        .collect();
    for f in figs.iter_mut() {
        let people = matches!(
            f.metric,
            Metric::Personnel
                | Metric::Killed
                | Metric::Wounded
                | Metric::Refusers
                | Metric::Deserters
        );
        if people && f.num.low.is_none() && joined_to_one(ctx, f, &singles) {
            f.value += 1;
        }
    }
}

/// Figure `f` counts others joined to one soldier named before it: a joining word right
/// before its number ("and", "та", "вместе с"), a word saying they are others or his ("other",
/// "ещё", "його") or a joining word that says so itself ("together with", "разом із"), and a
/// soldier in the singular a few words before, not counted as a figure of his own.
fn joined_to_one(ctx: &Ctx, f: &FigureHit, singles: &[usize]) -> bool {
    let sentence = ctx.doc.sentence_range(f.num.first);
    let mut at = f.num.first;
    let others_before = at > sentence.start && ctx.has_at(at - 1, Role::Others);
    if others_before {
        at -= 1;
    }
    let Some(join) = ctx
        .within(sentence.start..at, |r| {
            matches!(r, Role::JoinedWith | Role::ListJoin)
        })
        .filter(|x| x.last + 1 == at)
        .max_by_key(|x| (x.role == Role::JoinedWith, x.last - x.first))
    else {
        return false;
    };
    let after_number = f.num.last + 1..(f.metric_first.max(f.num.last + 1));
    let others = others_before
        || ctx.any_within(after_number.clone(), Role::Others)
        || ctx.any_within(after_number, Role::Possessive)
        || join.role == Role::JoinedWith;
    let from = join.first.saturating_sub(LEADER_REACH).max(sentence.start);
    let leader = ctx
        .within(from..join.first, |r| r == Role::Singular)
        .any(|x| {
            ctx.has_at(x.first, Role::Metric(Metric::Personnel)) && !singles.contains(&x.first)
        });
    others && leader
}
