//! Outlets named in quotes after a cue ("как пишет «НгП раZVедка»", "по данным издания
//! «Верстка»") or unquoted after a word for one ("издания NGS"): an outlet, as written, known
//! or not; and a sentence that closes a direct quotation with its source.

use super::super::context::Ctx;
use super::super::lexicon::Role;

const OPENING: [char; 4] = ['«', '"', '“', '„'];
const CLOSING: [char; 3] = ['»', '"', '”'];
/// The most words a quoted name may have.
const MAX_NAME_WORDS: usize = 5;

/// Token ranges of the quoted names right after a cue in sentence `s`.
pub(super) fn quoted_outlets(ctx: &Ctx, s: usize) -> Vec<(usize, usize)> {
    let range = ctx.sentence(s);
    ctx.within(range.clone(), |r| r == Role::OutletCue)
        .filter_map(|x| quoted_after(ctx, x.last, range.end))
        .collect()
}

/// Token ranges of the names right after a word for an outlet in sentence `s`, unquoted ("по
/// данным издания NGS", "агентства Reuters"): capitalised words, not a side or a place
/// ("издания Украины").
pub(super) fn named_outlets(ctx: &Ctx, s: usize) -> Vec<(usize, usize)> {
    let range = ctx.sentence(s);
    let name = |t: usize| {
        t < range.end
            && ctx.doc.tokens[t].capitalized
            && !ctx.doc.tokens[t].is_number
            && !ctx
                .m
                .at(t)
                .iter()
                .any(|y| matches!(y.role, Role::Side(_) | Role::Enemy | Role::PlaceName))
    };
    ctx.within(range.clone(), |r| r == Role::OutletWord)
        .filter_map(|x| {
            let first = x.last + 1;
            if !name(first) || !ctx.only_spaces_between(x.last, first) {
                return None;
            }
            let mut last = first;
            while last + 1 - first < MAX_NAME_WORDS
                && name(last + 1)
                && ctx.only_spaces_between(last, last + 1)
            {
                last += 1;
            }
            Some((first, last))
        })
        .collect()
}

/// A name that opens with a capital right after an opening quote after token `t` and closes
/// within a few words, before token `end`.
fn quoted_after(ctx: &Ctx, t: usize, end: usize) -> Option<(usize, usize)> {
    let first = t + 1;
    if first >= end
        || !ctx.doc.gap_after(t).trim_end().ends_with(OPENING)
        || !ctx.doc.tokens[first].capitalized
    {
        return None;
    }
    (first..(first + MAX_NAME_WORDS).min(end))
        .find(|&q| ctx.doc.gap_after(q).trim_start().starts_with(CLOSING))
        .map(|q| (first, q))
}

/// Sentence `s` ends a direct quotation with its source: an attribution verb after a comma
/// or a closing quote and a dash ("…позиции, — пишет «X»", "«…» — заявил он").
pub(super) fn closes_quotation(ctx: &Ctx, s: usize) -> bool {
    ctx.within(ctx.sentence(s), |r| r == Role::AttributionVerb)
        .any(|x| {
            let gap = if x.first > 0 {
                ctx.doc.gap_after(x.first - 1)
            } else {
                ""
            };
            gap.contains(['—', '–']) && gap.contains([',', '»', '"', '”'])
        })
}
