//! Outlets named by their kind ("украинские СМИ сообщают", "Разные западные издания
//! оценивали", "Ukrainian media reported"): a source as written, when an adjective says which.

use super::super::context::Ctx;
use super::super::lexicon::Role;

/// How many adjectives before the kind are kept in the name.
const MAX_ADJECTIVES: usize = 3;

/// The first and last token of the first outlet named by its kind in sentence `range`, with
/// the adjectives before it.
pub(super) fn collective_outlet(
    ctx: &Ctx,
    range: std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    ctx.within(range.clone(), |r| r == Role::CollectiveOutlet)
        .find_map(|x| {
            let mut first = x.first;
            // "За даними ЗМІ": a word of the cue is no adjective of the outlet.
            let cue = |t: usize| ctx.covering(t, 3, |r| r == Role::Anaphora).is_some();
            while first > range.start
                && x.first - first < MAX_ADJECTIVES
                && ctx.is_modifier(first - 1)
                && ctx.only_spaces_between(first - 1, first)
                && !cue(first - 1)
            {
                first -= 1;
            }
            (first < x.first).then_some((first, x.last))
        })
}
