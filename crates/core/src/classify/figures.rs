//! Figures: a number tied to what it counts ("1,251 tanks", "танків ‒ 11 470 (+5)",
//! "fatalities have reached 990,800"), with the change beside it ("(+3)") and whether it is a
//! running total or a period's count. Whether a figure is a loss or a refusal is decided by
//! the caller.

use super::context::Ctx;
use super::lexicon::Role;
use super::numbers::Num;
use crate::model::{Metric, Period, Qualifier};

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
}

fn metric_role(r: Role) -> Option<(Metric, bool)> {
    match r {
        Role::Metric(m) => Some((m, false)),
        Role::WeakPersonnel => Some((Metric::Personnel, true)),
        _ => None,
    }
}

/// The noun after a number: "1 240 солдат", "19 артилерійських систем", "55 одиниць
/// автомобільної техніки".
fn noun_after(ctx: &Ctx, num: &Num) -> Option<(Metric, bool, usize, usize)> {
    let sentence_end = ctx.doc.sentence_range(num.last).end;
    let mut p = num.last + 1;
    let mut skipped = 0;
    while p < sentence_end && ctx.only_spaces_between(p - 1, p) {
        if let Some(x) = ctx.longest_at(p, |r| metric_role(r).is_some()) {
            if ctx.has_at(x.last + 1, Role::NotAfterMetric)
                && ctx.doc.sentence_of(x.last + 1) == ctx.doc.sentence_of(p)
            {
                return None;
            }
            let (metric, weak) = metric_role(x.role)?;
            let weak = weak || ctx.has_at(x.first, Role::CivilAmbiguous);
            return Some((metric, weak, x.first, x.last));
        }
        if skipped >= 3 || !ctx.is_modifier(p) {
            return None;
        }
        skipped += 1;
        p += 1;
    }
    None
}

/// Tokens before `t` taken by qualifiers ("около", "more than"): the first token after them.
fn before_qualifiers(ctx: &Ctx, t: usize) -> usize {
    qualifiers_before(ctx, t).0
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

/// The metric ending right before token `k` (a list line "танків ‒ 854").
fn metric_ending_at(ctx: &Ctx, k: usize) -> Option<(Metric, bool, usize, usize)> {
    let range = ctx.doc.sentence_range(k);
    let from = k.saturating_sub(8).max(range.start);
    ctx.within(from..k + 1, |r| metric_role(r).is_some())
        .filter(|x| x.last == k)
        .min_by_key(|x| x.first)
        .and_then(|x| {
            metric_role(x.role).map(|(m, w)| {
                (
                    m,
                    w || ctx.has_at(x.first, Role::CivilAmbiguous),
                    x.first,
                    x.last,
                )
            })
        })
}

/// "tanks - 854 units", "особового складу ‒ близько 1 210 000".
fn noun_before_dash(ctx: &Ctx, num: &Num) -> Option<(Metric, bool, usize, usize)> {
    let k = before_qualifiers(ctx, num.first);
    if k == 0 || ctx.doc.sentence_of(k - 1) != ctx.doc.sentence_of(k) {
        return None;
    }
    let gap = ctx.doc.gap_after(k - 1);
    // "БМП-2", "Т-72": a model, not a count.
    if gap == "-" {
        return None;
    }
    let dash = gap.contains(['–', '—', '‒', '-', ':', '=', '−']);
    let clean = gap
        .chars()
        .all(|c| c.is_whitespace() || "–—‒-:=−".contains(c));
    if !(dash && clean) {
        return None;
    }
    metric_ending_at(ctx, k - 1)
}

/// "fatalities have now reached approximately 990,800", "втрати становлять 412 400".
fn noun_before_link(ctx: &Ctx, num: &Num) -> Option<(Metric, bool, usize, usize)> {
    let range = ctx.doc.sentence_range(num.first);
    let mut k = num.first;
    let mut linked = false;
    for _ in 0..6 {
        if k == 0 || k - 1 < range.start || !ctx.only_spaces_between(k - 1, k) {
            return None;
        }
        if let Some(found) = metric_ending_at(ctx, k - 1)
            && linked
        {
            return Some(found);
        }
        let t = k - 1;
        if ctx.has_at(t, Role::LinkVerb) {
            linked = true;
        } else if !(ctx.covering(t, 3, |r| r == Role::Qualifier).is_some() || ctx.is_modifier(t)) {
            return None;
        }
        k = t;
    }
    None
}

/// "Росія втратила близько 1 226 420." — a number right after a loss verb with nothing after it.
fn bare_after_loss(ctx: &Ctx, num: &Num) -> Option<(Metric, bool, usize, usize)> {
    if num.value < 100 {
        return None;
    }
    let k = before_qualifiers(ctx, num.first);
    let range = ctx.doc.sentence_range(num.first);
    if k == 0 || k - 1 < range.start || ctx.covering(k - 1, 3, |r| r == Role::LossWord).is_none() {
        return None;
    }
    let n = ctx.doc.tokens.len();
    let gap = ctx.doc.gap_after(num.last);
    let ends = num.last + 1 >= range.end
        || gap.contains([',', '.', ';', ':', '!', '?', ')'])
        || (num.last + 2 == n && ctx.doc.word(num.last + 1).chars().count() <= 2);
    ends.then_some((Metric::Personnel, true, num.first, num.last))
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
    let mut out: Vec<FigureHit> = Vec::new();
    for num in &ctx.nums {
        if !num.integer || num.percent || num.value <= 0 {
            continue;
        }
        let before = &ctx.doc.text[..ctx.start_of(num.first)];
        if before.trim_end().ends_with('+') {
            continue;
        }
        let after = noun_after(ctx, num);
        let dashed = noun_before_dash(ctx, num);
        let pick = match (after, dashed) {
            (Some(a), Some(d)) if a.1 && !d.1 => Some(d),
            (Some(a), _) => Some(a),
            (None, d) => d,
        };
        let Some((mut metric, weak, mf, ml)) = pick
            .or_else(|| noun_before_link(ctx, num))
            .or_else(|| bare_after_loss(ctx, num))
        else {
            continue;
        };
        if taken_prisoner(ctx, num.last.max(ml)) {
            metric = Metric::Prisoners;
        }
        out.push(FigureHit {
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
            qualifier: qualifiers_before(ctx, num.first).1,
        });
    }
    singulars(ctx, &mut out);
    for i in 0..out.len() {
        let limit = out
            .get(i + 1)
            .filter(|n| ctx.doc.sentence_of(n.first) == ctx.doc.sentence_of(out[i].last))
            .map(|n| ctx.start_of(n.first));
        out[i].delta = delta_after(ctx, &out[i], limit);
    }
    super::deltas::apply(ctx, &mut out);
    for i in 0..out.len() {
        let (cumulative, marker_last, period) = cumulative_of(ctx, &out, i);
        out[i].cumulative = cumulative;
        out[i].daily = period == Some(Period::Day);
        out[i].marker_last = marker_last;
        out[i].period = period;
        if cumulative.is_none() && event_of(ctx, &out[i]).is_some() {
            out[i].period = Some(Period::Event);
            out[i].cumulative = Some(false);
        } else if cumulative.is_none() && beyond_any_period(&out[i]) {
            out[i].period = Some(Period::Total);
            out[i].cumulative = Some(true);
        }
    }
    out
}

/// Singular nouns of equipment with no number before them ("…, танк, боевую машину пехоты и
/// бронетранспортер", "уничтожили танк Т-64"): one of each. Whether a loss word governs them is
/// decided by the caller, as for any figure.
fn singulars(ctx: &Ctx, out: &mut Vec<FigureHit>) {
    let mut added = false;
    for x in ctx.m.all().iter().filter(|x| x.role == Role::Singular) {
        if out.iter().any(|f| f.first <= x.last && x.first <= f.last) {
            continue;
        }
        let Some(m) = ctx.longest_at(x.first, |r| matches!(r, Role::Metric(_))) else {
            continue;
        };
        let Role::Metric(metric) = m.role else {
            continue;
        };
        if matches!(metric, Metric::Uav | Metric::CruiseMissiles) {
            continue;
        }
        // One soldier or officer counts only where a word of killing or wounding stands right
        // beside him ("погибшим оказался командир", "an officer was killed").
        if metric == Metric::Personnel && !hurt_beside(ctx, x.first, m.last.max(x.last)) {
            continue;
        }
        let k = before_qualifiers(ctx, x.first);
        // A number (maybe with an adjective) right before: counted elsewhere, or a model.
        let tight = |a: usize, b: usize| ctx.only_spaces_between(a, b);
        let counted = k > 0
            && ctx.doc.sentence_of(k - 1) == ctx.doc.sentence_of(k)
            && tight(k - 1, k)
            && (ctx.doc.tokens[k - 1].is_number
                || (k > 1
                    && ctx.is_modifier(k - 1)
                    && tight(k - 2, k - 1)
                    && ctx.doc.tokens[k - 2].is_number));
        if counted {
            continue;
        }
        let last = m.last.max(x.last);
        let num = Num {
            first: x.first,
            last,
            value: 1,
            integer: true,
            percent: false,
            low: None,
        };
        out.push(FigureHit {
            metric,
            value: 1,
            num,
            first: x.first,
            last,
            metric_first: m.first,
            metric_last: m.last,
            // Aircraft, boats and cars have civilian twins: a military sentence is needed.
            weak: ctx.has_at(m.first, Role::CivilAmbiguous)
                || matches!(
                    metric,
                    Metric::Aircraft | Metric::Helicopters | Metric::Ships | Metric::Vehicles
                ),
            delta: None,
            cumulative: None,
            daily: false,
            marker_last: None,
            period: None,
            qualifier: None,
        });
        added = true;
    }
    if added {
        out.sort_by_key(|f| f.first);
    }
}

/// A killed or wounded word within three words of tokens `first..=last`, in their clause.
fn hurt_beside(ctx: &Ctx, first: usize, last: usize) -> bool {
    let clause = ctx.clause(first);
    let from = first.saturating_sub(3).max(clause.start);
    let to = (last + 5).min(clause.end).max(from);
    ctx.within(from..to, |r| matches!(r, Role::Killed | Role::Wounded))
        .any(|x| x.last + 4 >= first && x.first <= last + 4)
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

/// What a running/period marker says: a running total, or a period (of a known length or
/// not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Total,
    Span(Option<Period>),
}

impl Mark {
    fn cumulative(self) -> bool {
        self == Mark::Total
    }

    fn period(self) -> Option<Period> {
        match self {
            Mark::Total => Some(Period::Total),
            Mark::Span(p) => p,
        }
    }
}

fn is_marker(r: Role) -> bool {
    matches!(
        r,
        Role::Running | Role::Period | Role::Daily | Role::Span(_)
    )
}

/// The markers starting in `range` (each span once), with what each says.
fn marks(ctx: &Ctx, range: std::ops::Range<usize>) -> Vec<(Mark, usize, usize)> {
    let mut out: Vec<(Mark, usize, usize)> = Vec::new();
    for x in ctx.within(range, is_marker) {
        if out.iter().any(|(_, f, l)| *f == x.first && *l == x.last) {
            continue;
        }
        let here = |pred: &dyn Fn(Role) -> bool| {
            ctx.m
                .at(x.first)
                .iter()
                .filter(|y| y.last == x.last && pred(y.role))
                .map(|y| y.role)
                .next()
        };
        let mark = if here(&|r| r == Role::Running).is_some() {
            Mark::Total
        } else {
            Mark::Span(here(&|r| matches!(r, Role::Span(_))).and_then(|r| match r {
                Role::Span(p) => Some(p),
                _ => None,
            }))
        };
        out.push((mark, x.first, x.last));
    }
    out
}

/// Running total or period count: a figure with a "(+N)" change is a running total; otherwise
/// the nearest marker around the figure decides (a period marker wins a tie), then a marker
/// anywhere in its sentence, then the heading of the list the figure belongs to. Returns
/// whether it is a running total, the last token of a marker right after the figure, and the
/// period when the deciding marker tells it.
fn cumulative_of(
    ctx: &Ctx,
    figs: &[FigureHit],
    i: usize,
) -> (Option<bool>, Option<usize>, Option<Period>) {
    let f = &figs[i];
    let sentence = ctx.doc.sentence_range(f.first);
    let lo = match i.checked_sub(1).map(|j| figs[j].last + 1) {
        Some(l) if l > sentence.start => l,
        _ => sentence.start,
    };
    let hi = match figs.get(i + 1) {
        Some(n) if n.first < sentence.end && n.first > f.last => n.first,
        _ => sentence.end,
    };
    let excluded = |x: usize| {
        figs.iter().filter_map(|g| g.delta).any(|d| {
            let b = ctx.start_of(x);
            b >= d.open && b < d.close
        })
    };
    let markers: Vec<(Mark, usize, usize)> = marks(ctx, lo..hi)
        .into_iter()
        .filter(|(_, first, _)| !excluded(*first))
        .collect();
    // A marker after the figure but past a comma belongs to what follows.
    let past_comma = |first: usize| {
        first > f.last && (f.last..first).any(|t| ctx.doc.gap_after(t).contains([',', ';', '—']))
    };
    let adjacent = markers
        .iter()
        .find(|(_, first, _)| *first == f.last + 1)
        .map(|(_, _, last)| *last);
    if f.delta.is_some() {
        return (Some(true), adjacent, Some(Period::Total));
    }
    let distance = |first: usize, last: usize| {
        if last < f.first {
            f.first - last
        } else {
            first.saturating_sub(f.last) + if past_comma(first) { 8 } else { 0 }
        }
    };
    let nearest = markers
        .iter()
        .min_by_key(|(mark, first, last)| (distance(*first, *last), mark.cumulative()));
    if let Some(&(mark, _, _)) = nearest {
        return (Some(mark.cumulative()), adjacent, mark.period());
    }
    let unique = |range: std::ops::Range<usize>| {
        let kinds: Vec<Mark> = marks(ctx, range)
            .into_iter()
            .filter(|(_, first, _)| !excluded(*first))
            .map(|(m, _, _)| m)
            .collect();
        let first = *kinds.first()?;
        if kinds.iter().all(|k| *k == first) {
            return Some(first);
        }
        let any_total = kinds.contains(&Mark::Total);
        (!any_total).then_some(Mark::Span(None))
    };
    let heading = || list_heading(ctx, ctx.doc.sentence_of(f.first));
    match unique(sentence.clone()).or_else(|| heading().and_then(|h| unique(ctx.sentence(h)))) {
        Some(mark) => (Some(mark.cumulative()), None, mark.period()),
        None => (None, None, None),
    }
}

/// A figure too large for anything but a running total (no side loses 20,000 soldiers or
/// 500 tanks in a month): "Российские потери убитыми и ранеными превышают 700 тысяч".
fn beyond_any_period(f: &FigureHit) -> bool {
    match f.metric {
        Metric::Personnel | Metric::Killed | Metric::Wounded => f.value >= 100_000,
        Metric::Tanks | Metric::Apc | Metric::Artillery | Metric::Vehicles => f.value >= 1_000,
        _ => false,
    }
}

/// A figure with no period of its own in a sentence about one incident (a strike, an assault,
/// an exchange of bodies) counts that incident.
fn event_of(ctx: &Ctx, f: &FigureHit) -> Option<Period> {
    let sentence = ctx.doc.sentence_range(f.first);
    ctx.any_within(sentence, Role::EventMarker)
        .then_some(Period::Event)
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
