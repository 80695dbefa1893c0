//! Who a spokesman speaks for: "спикер Генштаба ВСУ Андрей Ковалев … заявил Ковалев" is the
//! General Staff's claim.

use super::super::claimants::{Kind, Known};
use super::super::context::Ctx;
use super::super::lexicon::Role;

/// The institution the person whose surname is token `surname` was introduced with as its
/// spokesman, anywhere before (the surname found again by its stem, so declined forms agree).
pub(super) fn speaks_for(ctx: &Ctx, surname: usize) -> Option<&'static Known> {
    let word = ctx.doc.word(surname);
    let len = word.chars().count();
    if len < 4 {
        return None;
    }
    let stem_end = word
        .char_indices()
        .nth(len.saturating_sub(2).max(4))
        .map_or(word.len(), |(i, _)| i);
    let stem = &word[..stem_end];
    (0..=surname)
        .filter(|&t| ctx.doc.tokens[t].capitalized && ctx.doc.word(t).starts_with(stem))
        .find_map(|t| introduced_by(ctx, t))
}

/// How far before a name its role and institution reach ("спикер Генштаба ВСУ Андрей"); a
/// rank may stand between them ("речник Генерального штабу Збройних сил України старший
/// лейтенант Андрій").
const INTRODUCTION_REACH: usize = 9;

/// The institution named with a spokesman's role word in the words before name token `t`.
fn introduced_by(ctx: &Ctx, t: usize) -> Option<&'static Known> {
    let sentence = ctx.doc.sentence_range(t);
    let from = t.saturating_sub(INTRODUCTION_REACH).max(sentence.start);
    ctx.within(from..t, |r| r == Role::Spokesman).next()?;
    ctx.within(from..t, |r| matches!(r, Role::Claimant(_)))
        .filter(|x| x.last < t)
        .find_map(|x| ctx.known_claimant(x.role, Kind::Institution))
}
