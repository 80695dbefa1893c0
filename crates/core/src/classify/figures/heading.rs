//! List headings: the sentence that introduces a list of figures — one ending with a colon,
//! or a loss report right before a run of bulleted lines ("…потеряли более 13 тысяч военных.
//! ▪️ на Курском направлении — свыше 2 400; ▪️ …").

use super::super::context::Ctx;
use super::super::lexicon::Role;

/// The sentence introducing the list that sentence `s` belongs to: the nearest earlier sentence
/// ending with a colon, with only figure lines (short lines holding a number) in between; or,
/// for a bulleted line, the sentence right before its run of bulleted figure lines, when that
/// one reports a loss.
pub fn list_heading(ctx: &Ctx, s: usize) -> Option<usize> {
    let bulleted = in_bulleted_line(ctx, s);
    let mut k = s;
    for _ in 0..24 {
        k = k.checked_sub(1)?;
        let sent = ctx.doc.sentences.get(k)?;
        if sent.ends_with_colon {
            return Some(k);
        }
        if bulleted && !in_bulleted_line(ctx, k) {
            return reports_loss(ctx, k).then_some(k);
        }
        let len = sent.end - sent.first;
        let has_number = (sent.first..sent.end).any(|t| ctx.doc.tokens[t].is_number);
        if len > 14 || !has_number {
            return None;
        }
    }
    None
}

/// Sentence `s` stands in a line that opens with a bullet (it may be the line's second
/// sentence).
fn in_bulleted_line(ctx: &Ctx, s: usize) -> bool {
    let opens_line = |j: usize| {
        let first = ctx.doc.sentences[j].first;
        j == 0 || {
            let gap = ctx.start_of(first);
            ctx.doc.text[ctx.end_of(first - 1)..gap].contains('\n')
        }
    };
    let start = (0..=s).rev().find(|&j| opens_line(j)).unwrap_or(0);
    ctx.starts_bullet(start)
}

/// Sentence `k` holds a word a loss figure can be counted by.
fn reports_loss(ctx: &Ctx, k: usize) -> bool {
    ctx.within(ctx.sentence(k), Role::counts_losses)
        .next()
        .is_some()
}
