//! Figures: a number tied to what it counts ("1,251 tanks", "танків ‒ 11 470 (+5)",
//! "fatalities have reached 990,800"), with the change beside it ("(+3)") and whether it is a
//! running total or a period's count. Whether a figure is a loss or a refusal is decided by
//! the caller.

mod deltas;
mod implied;
mod nouns;
mod period;

pub use period::{incident_scale, whole_war};

use super::context::Ctx;
use super::lexicon::Role;
use super::numbers::Num;
use crate::model::{Metric, Period, Qualifier};
use nouns::{bare_after_loss, bare_before_hurt, noun_after, noun_before_dash, noun_before_link};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delta {
    pub value: i64,
    /// Only spaces between the figure and "(+N)".
    pub adjacent: bool,
    /// Byte range of the parenthesis in the original text.
    pub open: usize,
    pub close: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FigureHit {
    pub metric: Metric,
    pub value: i64,
    pub num: Num,
    /// Token range of the number and its noun together.
    pub first: usize,
    pub last: usize,
    pub metric_first: usize,
    pub metric_last: usize,
    /// Counted by a weak noun ("человек", "people") or by nothing at all ("втратила
    /// 1 226 420"): a loss only where the sentence is military.
    pub weak: bool,
    pub delta: Option<Delta>,
    pub cumulative: Option<bool>,
    /// The period is one day ("за минулу добу", "over the past day").
    pub daily: bool,
    /// Token range of a running/period marker right after the figure, kept in its evidence.
    pub marker_last: Option<usize>,
    /// The span of time counted, when the text says (a running total is `Total`).
    pub period: Option<Period>,
    /// "до", "более", "около" right before the number.
    pub qualifier: Option<Qualifier>,
    /// For a number standing for what an earlier figure counted ("…, на курском — до 255"):
    /// that figure's first token.
    pub anchor: Option<usize>,
}

/// Tokens before `t` taken by qualifiers ("около", "more than"): the first token after them.
pub(super) fn before_qualifiers(ctx: &Ctx, t: usize) -> usize {
    qualifiers_before(ctx, t).0
}

/// A hedge starting at token `t` (a number phrase that includes it: "около сотни").
fn hedge_at(ctx: &Ctx, t: usize) -> Option<Qualifier> {
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

/// "2 украинских солдата сдались в плен": the people counted were captured.
fn taken_prisoner(ctx: &Ctx, last: usize) -> bool {
    let range = ctx.doc.sentence_range(last);
    let mut to = last + 1;
    while to < range.end && to <= last + 3 && ctx.only_spaces_between(to - 1, to) {
        to += 1;
    }
    ctx.within(last + 1..to, |r| r == Role::Captured)
        .next()
        .is_some()
}

/// Every figure in the text, in order.
pub fn find(ctx: &Ctx) -> Vec<FigureHit> {
    let mut out: Vec<FigureHit> = ctx.nums.iter().filter_map(|n| counted(ctx, n)).collect();
    implied::singulars(ctx, &mut out);
    implied::ellipses(ctx, &mut out);
    for i in 0..out.len() {
        let limit = out
            .get(i + 1)
            .filter(|n| ctx.doc.sentence_of(n.first) == ctx.doc.sentence_of(out[i].last))
            .map(|n| ctx.start_of(n.first));
        out[i].delta = delta_after(ctx, &out[i], limit);
    }
    deltas::apply(ctx, &mut out);
    period::apply(ctx, &mut out);
    out
}

/// The figure number `num` makes with the noun it counts, if any.
fn counted(ctx: &Ctx, num: &Num) -> Option<FigureHit> {
    if !num.integer || num.percent || num.value <= 0 {
        return None;
    }
    let before = &ctx.doc.text[..ctx.start_of(num.first)];
    if before.trim_end().ends_with('+') {
        return None;
    }
    let after = noun_after(ctx, num);
    let dashed = noun_before_dash(ctx, num);
    let pick = match (after, dashed) {
        (Some(a), Some(d)) if a.1 && !d.1 => Some(d),
        (Some(a), _) => Some(a),
        (None, d) => d,
    };
    let (mut metric, weak, mf, ml) = pick
        .or_else(|| noun_before_link(ctx, num))
        .or_else(|| bare_after_loss(ctx, num))
        .or_else(|| bare_before_hurt(ctx, num))?;
    if taken_prisoner(ctx, num.last.max(ml)) {
        metric = Metric::Prisoners;
    }
    Some(FigureHit {
        metric,
        value: num.value,
        num: *num,
        first: num.first.min(mf),
        last: num.last.max(ml),
        metric_first: mf,
        metric_last: ml,
        weak,
        delta: None,
        cumulative: None,
        daily: false,
        marker_last: None,
        period: None,
        qualifier: qualifiers_before(ctx, num.first)
            .1
            .or_else(|| hedge_at(ctx, num.first)),
        anchor: None,
    })
}

/// "(+150)" after a figure, before the next figure and within its sentence.
fn delta_after(ctx: &Ctx, f: &FigureHit, limit: Option<usize>) -> Option<Delta> {
    let from = ctx.end_of(f.last);
    let sentence_end = ctx.end_of(ctx.doc.sentence_range(f.last).end.saturating_sub(1));
    let to = limit
        .unwrap_or(sentence_end)
        .max(from)
        .min(ctx.doc.text.len());
    let rest = ctx.doc.text.get(from..to)?;
    let open = rest.find('(')?;
    let inner = rest[open + 1..].trim_start();
    let plus = inner.strip_prefix('+')?;
    let digits_at = to - plus.trim_start().len();
    let num = ctx
        .nums
        .iter()
        .find(|n| ctx.start_of(n.first) == digits_at && n.integer)?;
    let tail = ctx.doc.text.get(from + open..).unwrap_or("");
    let window = super::doc::cap_chars(tail, 60);
    let close = match window.char_indices().find(|(_, c)| *c == ')' || *c == '\n') {
        Some((c, ')')) => from + open + c + 1,
        _ => to,
    };
    Some(Delta {
        value: num.value,
        adjacent: rest[..open].trim().is_empty(),
        open: from + open,
        close,
    })
}

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
