//! Figures: a number tied to what it counts ("1,251 tanks", "танків ‒ 11 470 (+5)",
//! "fatalities have reached 990,800"), with the change beside it ("(+3)") and whether it is a
//! running total or a period's count. Whether a figure is a loss or a refusal is decided by
//! the caller.

mod deltas;
mod ellipses;
mod heading;
mod hit;
mod implied;
mod leader;
mod nouns;
mod period;
mod qualifiers;

pub use heading::list_heading;
pub use hit::{Delta, FigureHit};
pub use implied::continues_sentence;
pub use period::{incident_scale, strike_scale, whole_war};

use super::context::Ctx;
use super::doc::cap_chars;
use super::lexicon::Role;
use super::numbers::Num;
use crate::model::Metric;
use nouns::{
    bare_after_loss, bare_before_hurt, noun_after, noun_before_dash, noun_before_link,
    people_after_hurt,
};
use qualifiers::{averaged, hedge_at, hedge_before_link, qualifiers_before};

/// "2 украинских солдата сдались в плен", "взяли в полон 12 військових": the people counted
/// were captured, by the words right after them or right before their number.
fn taken_prisoner(ctx: &Ctx, first: usize, last: usize) -> bool {
    let range = ctx.doc.sentence_range(last);
    let mut to = last + 1;
    while to < range.end && to <= last + 3 && ctx.only_spaces_between(to - 1, to) {
        to += 1;
    }
    let captured_before = first > range.start
        && ctx.only_spaces_between(first - 1, first)
        && ctx
            .covering(first - 1, 4, |r| r == Role::Captured)
            .is_some();
    captured_before
        || ctx
            .within(last + 1..to, |r| r == Role::Captured)
            .next()
            .is_some()
}

/// Every figure in the text, in order.
pub fn find(ctx: &Ctx) -> Vec<FigureHit> {
    let mut out: Vec<FigureHit> = ctx.nums.iter().filter_map(|n| counted(ctx, n)).collect();
    implied::singulars(ctx, &mut out);
    ellipses::ellipses(ctx, &mut out);
    implied::continued_counts(ctx, &mut out);
    for i in 0..out.len() {
        let limit = out
            .get(i + 1)
            .filter(|n| ctx.doc.sentence_of(n.first) == ctx.doc.sentence_of(out[i].last))
            .map(|n| ctx.start_of(n.first));
        out[i].delta = delta_after(ctx, &out[i], limit);
    }
    deltas::apply(ctx, &mut out);
    period::apply(ctx, &mut out);
    ellipses::share_periods(ctx, &mut out);
    leader::add_leaders(ctx, &mut out);
    out
}

/// The figure number `num` makes with the noun it counts, if any.
fn counted(ctx: &Ctx, num: &Num) -> Option<FigureHit> {
    if !num.integer || num.percent || num.value <= 0 {
        return None;
    }
    let before = &ctx.doc.text[..ctx.start_of(num.first)];
    if before.trim_end().ends_with('+') || ctx.has_at(num.last + 1, Role::Duration) {
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
        .or_else(|| bare_before_hurt(ctx, num))
        .or_else(|| people_after_hurt(ctx, num))?;
    if taken_prisoner(ctx, num.first, num.last.max(ml)) {
        metric = Metric::Prisoners;
    }
    Some(FigureHit {
        qualifier: qualifiers_before(ctx, num.first)
            .1
            .or_else(|| hedge_at(ctx, num.first))
            .or_else(|| hedge_before_link(ctx, num.first))
            .or_else(|| averaged(ctx, num.first)),
        ..FigureHit::new(metric, *num, mf, ml, weak)
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
    let window = cap_chars(tail, 60);
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
