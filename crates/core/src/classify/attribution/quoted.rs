//! Outlets named in quotes after a cue ("как пишет «НгП раZVедка»", "по данным издания
//! «Верстка»"): the quoted name is an outlet, as written, known or not; and a sentence that
//! closes a direct quotation with its source.

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
