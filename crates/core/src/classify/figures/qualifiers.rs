//! Qualifiers before a number ("около", "не менее чем", "more than"): the tokens they take
//! and how they hedge the figure.

use super::super::context::Ctx;
use super::super::lexicon::Role;
use crate::model::Qualifier;

/// Tokens before `t` taken by qualifiers ("около", "more than"): the first token after them.
pub fn before_qualifiers(ctx: &Ctx, t: usize) -> usize {
    qualifiers_before(ctx, t).0
}

/// A hedge starting at token `t` (a number phrase that includes it: "около сотни").
pub fn hedge_at(ctx: &Ctx, t: usize) -> Option<Qualifier> {
    ctx.m.at(t).iter().find_map(|x| match x.role {
        Role::Hedge(q) => Some(q),
        _ => None,
    })
}

/// The qualifiers right before token `t` (up to three in a row, "не менее чем"): the first
/// token they take, and the hedge of the one nearest the number that hedges.
pub fn qualifiers_before(ctx: &Ctx, t: usize) -> (usize, Option<Qualifier>) {
    let mut k = t;
    let mut hedge = None;
    for _ in 0..3 {
        let range = ctx.doc.sentence_range(k);
        let from = k.saturating_sub(3).max(range.start);
        let Some(first) = ctx
            .within(from..k, |r| r == Role::Qualifier)
            .filter(|x| x.last + 1 == k)
            .map(|x| x.first)
            .min()
        else {
            break;
        };
        if hedge.is_none() {
            hedge = ctx
                .within(first..k, |r| matches!(r, Role::Hedge(_)))
                .filter(|x| x.first == first && x.last + 1 == k)
                .find_map(|x| match x.role {
                    Role::Hedge(q) => Some(q),
                    _ => None,
                });
        }
        k = first;
    }
    (k, hedge)
}

/// A hedge right before the link verb that leads to the number at `number` ("втрати
/// орієнтовно становлять 412 400", "потери приблизно составляют"): it hedges the figure.
pub fn hedge_before_link(ctx: &Ctx, number: usize) -> Option<Qualifier> {
    let start = ctx.doc.sentence_range(number).start;
    let mut linked = false;
    for t in (start.max(number.saturating_sub(4))..number).rev() {
        let hedge = ctx
            .within(t.saturating_sub(3).max(start)..t + 1, |r| {
                matches!(r, Role::Hedge(_))
            })
            .filter(|x| x.last == t)
            .find_map(|x| match x.role {
                Role::Hedge(q) => Some(q),
                _ => None,
            });
        if let (true, Some(q)) = (linked, hedge) {
            return Some(q);
        }
        if !ctx.has_at(t, Role::LinkVerb) {
            return None;
        }
        linked = true;
    }
    None
}

/// "каждый день в среднем мы фиксировали … 140", "on average, 140": an average named earlier
/// in the number's sentence, with no other number between, hedges it as about.
pub fn averaged(ctx: &Ctx, number: usize) -> Option<Qualifier> {
    let start = ctx.doc.sentence_range(number).start;
    ctx.within(start..number, |r| r == Role::Average)
        .any(|x| !(x.last + 1..number).any(|t| ctx.doc.tokens[t].is_number))
        .then_some(Qualifier::About)
}
