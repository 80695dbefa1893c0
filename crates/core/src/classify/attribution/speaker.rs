//! A speaker named right beside a verb of saying, known or not: "said Ivan Petrov", "Ivan
//! Petrov told The Moscow Times", "— рассказал Иван Петров изданию"; or by a call sign after
//! his role ("командир взвода с позывным Таксист"). The person who speaks is the source; the
//! outlet he spoke to only carries what he said.

use super::super::context::Ctx;
use super::super::lexicon::Role;
use std::ops::Range;

/// The first and last word of each first-and-last name standing right after, or right before,
/// a verb of saying in `range`; `name_word` tells a word that can be part of a name.
pub fn beside_verbs(
    ctx: &Ctx,
    range: &Range<usize>,
    name_word: impl Fn(usize) -> bool,
) -> Vec<(usize, usize)> {
    let plain = |t: usize| {
        name_word(t)
            && !ctx.m.at(t).iter().any(|x| {
                matches!(
                    x.role,
                    Role::Side(_) | Role::Enemy | Role::PlaceName | Role::GroupName
                )
            })
    };
    let name_at = |a: usize| {
        a >= range.start
            && a + 1 < range.end
            && plain(a)
            && plain(a + 1)
            && ctx.only_spaces_between(a, a + 1)
    };
    let mut out = Vec::new();
    for x in ctx.within(range.clone(), |r| r == Role::AttributionVerb) {
        let after = x.last + 1;
        if name_at(after) && ctx.only_spaces_between(x.last, after) {
            out.push((after, after + 1));
        } else if x.first >= range.start + 2
            && name_at(x.first - 2)
            && ctx.only_spaces_between(x.first - 1, x.first)
        {
            out.push((x.first - 2, x.first - 1));
        } else if let Some(a) = before_apposition(ctx, range, x.first, &name_at) {
            out.push((a, a + 1));
        }
    }
    out
}

/// How many words a description between a name and its verb may take ("Vladimir Budaev,
/// co-founder of the Free Buryatia Foundation, an anti-war organization …, told").
const APPOSITION_REACH: usize = 30;

/// "…,” Vladimir Budaev, co-founder of …, told The Moscow Times": a name opening a clause
/// (after a quotation, a dash, a comma or at the sentence's start), set off by commas from the
/// verb of saying at `verb`.
fn before_apposition(
    ctx: &Ctx,
    range: &Range<usize>,
    verb: usize,
    name_at: &impl Fn(usize) -> bool,
) -> Option<usize> {
    if verb == range.start || !ctx.doc.gap_after(verb - 1).contains(',') {
        return None;
    }
    let from = verb.saturating_sub(APPOSITION_REACH).max(range.start);
    (from..verb.saturating_sub(2)).rev().find(|&a| {
        let opens = a == range.start
            || ctx
                .doc
                .gap_after(a - 1)
                .contains([',', '”', '»', '"', '—', '–']);
        opens && name_at(a) && ctx.doc.gap_after(a + 1).contains(',')
    })
}

/// Words that introduce a call sign.
const CALL_SIGN: [&str; 6] = [
    "позывным",
    "позывной",
    "позивним",
    "позивний",
    "callsign",
    "call",
];

/// How many words may stand between a role word and the call sign that names him.
const CALL_SIGN_REACH: usize = 10;

/// "командир штурмового взвода с позывным Таксист": the call sign after a role word ending
/// at `role_last`, within its sentence `range`, as a one-word name.
pub fn call_sign_after(
    ctx: &Ctx,
    role_last: usize,
    range: &Range<usize>,
    name_word: impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let to = (role_last + 1 + CALL_SIGN_REACH).min(range.end);
    let cue = (role_last + 1..to).find(|&t| CALL_SIGN.contains(&ctx.doc.word(t)))?;
    // "call sign" is two words.
    let name = if ctx.doc.word(cue) == "call" {
        cue + 2
    } else {
        cue + 1
    };
    (name < range.end && name_word(name)).then_some((name, name))
}
