//! Deltas written out in words: "Russia has lost 1,152,340 troops since 24 February 2022,
//! including 1,230 over the past day", "в том числе 1 150 за последние сутки", "зокрема за
//! останню добу — 1 040". The day's part of a running total is that total's delta, the same as a
//! "(+1,230)" beside it; a part of another period ("including 40,000 in October") is not.

use super::super::context::Ctx;
use super::super::lexicon::Role;
use super::super::numbers::Num;
use super::hit::{Delta, FigureHit};

/// How many words may stand between the number and the start of the day marker after it.
const DAY_REACH: usize = 3;

/// The phrase of role `role` ending right before token `k` in its sentence: its first token.
fn ending_at(ctx: &Ctx, k: usize, role: Role) -> Option<usize> {
    let sentence = ctx.doc.sentence_range(k);
    if k == 0 || k - 1 < sentence.start {
        return None;
    }
    ctx.within(k.saturating_sub(5).max(sentence.start)..k, move |r| {
        r == role
    })
    .filter(|x| x.last + 1 == k)
    .map(|x| x.first)
    .min()
}

/// The "including" phrase before number `n`: its first token, and whether a day marker stands
/// between them ("зокрема за останню добу — 1 040"). Qualifiers may stand before the number
/// ("including about 1,200").
fn including_before(ctx: &Ctx, n: &Num) -> Option<(usize, bool)> {
    let mut k = n.first;
    for _ in 0..3 {
        match ending_at(ctx, k, Role::Qualifier) {
            Some(q) => k = q,
            None => break,
        }
    }
    let day = ending_at(ctx, k, Role::Daily);
    if let Some(d) = day {
        k = d;
    }
    ending_at(ctx, k, Role::Including).map(|first| (first, day.is_some()))
}

/// The day marker starting within a few words after number `n` in its sentence ("1,230 over
/// the past day", "1,230 troops in the last 24 hours"): its last token.
fn day_after(ctx: &Ctx, n: &Num) -> Option<usize> {
    let sentence = ctx.doc.sentence_range(n.first);
    let to = (n.last + 2 + DAY_REACH).min(sentence.end);
    ctx.m
        .within(n.last + 1..to.max(n.last + 1))
        .iter()
        .filter(|x| x.role == Role::Daily && x.last < sentence.end)
        .map(|x| x.last)
        .min()
}

/// The figure of number `n` when it is a part of the figure before its "including" phrase
/// (opening at `open_tok`): the same metric, a smaller value ("уничтожены 72 человека, в том
/// числе 9 французских инструкторов"). It is told inside that figure, not beside it.
fn part_of_total(ctx: &Ctx, figs: &[FigureHit], n: &Num, open_tok: usize) -> Option<usize> {
    let s = ctx.doc.sentence_of(n.first);
    let own = figs.iter().position(|f| f.num == *n)?;
    let total = figs[..own]
        .iter()
        .rfind(|f| f.last < open_tok && ctx.doc.sentence_of(f.first) == s)?;
    (total.metric == figs[own].metric && total.value > n.value).then_some(own)
}

/// Sets the delta of running totals followed by "including N over the past day"; a figure
/// made of that N itself ("including 1,230 troops over the past day") is folded into the total
/// and dropped. `figs` is in text order.
pub fn apply(ctx: &Ctx, figs: &mut Vec<FigureHit>) {
    let mut folded: Vec<usize> = Vec::new();
    for n in &ctx.nums {
        if !n.integer || n.percent || n.value <= 0 {
            continue;
        }
        let Some((open_tok, day_before)) = including_before(ctx, n) else {
            continue;
        };
        let Some(close_tok) = (if day_before {
            Some(n.last)
        } else {
            day_after(ctx, n)
        }) else {
            folded.extend(part_of_total(ctx, figs, n, open_tok));
            continue;
        };
        let s = ctx.doc.sentence_of(n.first);
        // The total: the last figure before "including" in the same sentence.
        let Some(t) = figs
            .iter()
            .rposition(|f| f.last < open_tok && ctx.doc.sentence_of(f.first) == s)
        else {
            continue;
        };
        let own = figs.iter().position(|f| f.num == *n);
        let total = &figs[t];
        let fits = total.delta.is_none()
            && total.value > n.value
            && own.is_none_or(|o| figs[o].metric == total.metric);
        if !fits {
            continue;
        }
        figs[t].delta = Some(Delta {
            value: n.value,
            adjacent: false,
            open: ctx.start_of(open_tok),
            close: ctx.end_of(close_tok),
        });
        if let Some(o) = own {
            folded.push(o);
        }
    }
    if !folded.is_empty() {
        let mut i = 0;
        figs.retain(|_| {
            i += 1;
            !folded.contains(&(i - 1))
        });
    }
}
