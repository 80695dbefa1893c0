//! List headings: the sentence, ending with a colon, that introduces a list of figures.

use super::super::context::Ctx;

/// The sentence introducing the list that sentence `s` belongs to: the nearest earlier sentence
/// ending with a colon, with only figure lines (short lines holding a number) in between.
pub fn list_heading(ctx: &Ctx, s: usize) -> Option<usize> {
    let mut k = s;
    for _ in 0..24 {
        k = k.checked_sub(1)?;
        let sent = ctx.doc.sentences.get(k)?;
        if sent.ends_with_colon {
            return Some(k);
        }
        let len = sent.end - sent.first;
        let has_number = (sent.first..sent.end).any(|t| ctx.doc.tokens[t].is_number);
        if len > 14 || !has_number {
            return None;
        }
    }
    None
}
