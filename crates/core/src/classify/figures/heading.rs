//! List headings: the sentence that introduces a list of figures — one ending with a colon,
//! or a loss report right before a run of bulleted lines ("…потеряли более 13 тысяч военных.
//! ▪️ на Курском направлении — свыше 2 400; ▪️ …").

use super::super::context::Ctx;
use super::super::lexicon::Role;

/// Characters that open a bulleted line.
const BULLETS: [char; 9] = ['▪', '•', '◾', '◽', '🔹', '🔸', '-', '—', '*'];

/// The sentence introducing the list that sentence `s` belongs to: the nearest earlier sentence
/// ending with a colon, with only figure lines (short lines holding a number) in between; or,
/// for a bulleted line, the sentence right before its run of bulleted lines, when that one
/// reports a loss.
pub fn list_heading(ctx: &Ctx, s: usize) -> Option<usize> {
    let mut k = s;
    let mut bulleted_run = bulleted(ctx, s);
    for _ in 0..24 {
        k = k.checked_sub(1)?;
        let sent = ctx.doc.sentences.get(k)?;
        if sent.ends_with_colon {
            return Some(k);
        }
        if bulleted_run && !bulleted(ctx, k) {
            return reports_loss(ctx, k).then_some(k);
        }
        bulleted_run &= bulleted(ctx, k);
        let len = sent.end - sent.first;
        let has_number = (sent.first..sent.end).any(|t| ctx.doc.tokens[t].is_number);
        if len > 14 || !has_number {
            return None;
        }
    }
    None
}

/// Sentence `s` opens a line with a bullet.
fn bulleted(ctx: &Ctx, s: usize) -> bool {
    let Some(sent) = ctx.doc.sentences.get(s) else {
        return false;
    };
    let start = ctx.doc.tokens[sent.first].start;
    let before = match sent.first.checked_sub(1) {
        Some(p) => &ctx.doc.text[ctx.doc.tokens[p].end..start],
        None => &ctx.doc.text[..start],
    };
    let Some((_, line)) = before.rsplit_once('\n') else {
        return false;
    };
    line.trim_start().starts_with(BULLETS)
}

/// Sentence `k` holds a word of loss.
fn reports_loss(ctx: &Ctx, k: usize) -> bool {
    ctx.within(ctx.sentence(k), |r| {
        matches!(
            r,
            Role::LossWord | Role::DestroyedWord | Role::AgentVerb | Role::Killed | Role::Wounded
        )
    })
    .next()
    .is_some()
}
