//! What span of time a figure counts: a running total, a day, a week, a month, a year, one
//! incident, or a period the text does not name, from the markers around the figure.

use super::super::context::Ctx;
use super::super::lexicon::Role;
use super::heading::list_heading;
use super::hit::FigureHit;

/// Sets every figure's running-total flag and period (see `cumulative_of`); a figure the
/// markers leave open counts one incident when its sentence is about one, or is a running
/// total when it is too large for anything else.
pub(super) fn apply(ctx: &Ctx, out: &mut [FigureHit]) {
    for i in 0..out.len() {
        let (cumulative, marker_last, period) = cumulative_of(ctx, out, i);
        let f = &mut out[i];
        f.cumulative = cumulative;
        f.daily = period == Some(Period::Day) && !rate(ctx, f);
        f.marker_last = marker_last;
        f.period = period;
        // A span the text leaves open ("за эту ночь", "overnight") may hold one incident.
        let open = cumulative.is_none() || (cumulative == Some(false) && period.is_none());
        if open && (event_of(ctx, f).is_some() || one_machine_struck(ctx, f)) {
            f.period = Some(Period::Event);
            f.cumulative = Some(false);
        } else if cumulative.is_none() && (beyond_any_period(f) || reached(ctx, f)) {
            f.period = Some(Period::Total);
            f.cumulative = Some(true);
        }
    }
}
use crate::model::{Metric, Period};

/// What a running/period marker says: a running total, or a period (of a known length or
/// not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Total,
    Span(Option<Period>),
    /// The period of the figure before.
    Same,
}

impl Mark {
    fn cumulative(self) -> bool {
        self == Mark::Total
    }

    fn period(self) -> Option<Period> {
        match self {
            Mark::Total => Some(Period::Total),
            Mark::Span(p) => p,
            Mark::Same => None,
        }
    }
}

/// The markers starting in `range` (each span once), with what each says.
fn marks(ctx: &Ctx, range: std::ops::Range<usize>) -> Vec<(Mark, usize, usize)> {
    let mut out: Vec<(Mark, usize, usize)> = Vec::new();
    for x in ctx.within(range, Role::is_period) {
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
        } else if here(&|r| r == Role::SamePeriod).is_some() {
            Mark::Same
        } else {
            Mark::Span(here(&|r| matches!(r, Role::Span(_))).and_then(|r| match r {
                Role::Span(p) => Some(p),
                _ => None,
            }))
        };
        out.push((mark, x.first, x.last));
    }
    // "за неделю в ходе СВО": a running phrase right after a span names the war the span is
    // of, not a count since it began. "с начала ноября … в общей сложности": a word for the
    // whole of a count beside a span sums that span, not the war.
    let spans: Vec<usize> = out
        .iter()
        .filter(|(m, _, _)| matches!(m, Mark::Span(Some(_))))
        .map(|(_, _, last)| *last)
        .collect();
    let whole = |first: usize, last: usize| {
        ctx.m
            .at(first)
            .iter()
            .any(|y| y.last == last && y.role == Role::Whole)
    };
    out.retain(|&(m, first, last)| {
        m != Mark::Total
            || !(spans.contains(&first.wrapping_sub(1))
                || (!spans.is_empty() && whole(first, last)))
    });
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
    let excluded = |x: usize| {
        figs.iter().filter_map(|g| g.delta).any(|d| {
            let b = ctx.start_of(x);
            b >= d.open && b < d.close
        })
    };
    let markers: Vec<(Mark, usize, usize)> = marks(ctx, own_stretch(ctx, figs, i))
        .into_iter()
        .filter(|(_, first, _)| !excluded(*first))
        .collect();
    if markers.is_empty()
        && let Some(shared) = shared_with_next(ctx, figs, i)
    {
        return shared;
    }
    let adjacent = markers
        .iter()
        .find(|(_, first, _)| *first == f.last + 1)
        .map(|(_, _, last)| *last);
    if f.delta.is_some() {
        return (Some(true), adjacent, Some(Period::Total));
    }
    let nearest = markers
        .iter()
        .min_by_key(|(mark, first, last)| (distance(ctx, f, *first, *last), mark.cumulative()));
    if let Some(&(mark, _, _)) = nearest {
        if mark == Mark::Same {
            let before = figs[..i].iter().rev().find(|g| g.period.is_some());
            return before.map_or((None, adjacent, None), |g| {
                (g.cumulative, adjacent, g.period)
            });
        }
        if per_day_after(ctx, f, &markers)
            && matches!(mark, Mark::Span(Some(p)) if p != Period::Day)
        {
            return (Some(false), adjacent, Some(Period::Day));
        }
        return (Some(mark.cumulative()), adjacent, mark.period());
    }
    let unique = |range: std::ops::Range<usize>| unique_mark(ctx, range, &excluded);
    let s = ctx.doc.sentence_of(f.first);
    let heading = || list_heading(ctx, s);
    // A period named earlier in the paragraph frames what follows ("за сутки … было
    // зафиксировано девять атак. … Украинцы потеряли 20 человек"), unless the figure's own
    // sentence tells its incident ("в одному бою … знищили 5 танків") or it is too large for
    // the period ("за сутки уничтожены 4 танка. Всего Россия потеряла 10 934 танка").
    let own_incident = ctx.any_within(sentence.clone(), Role::EventMarker);
    let framed = || {
        if own_incident || beyond_any_period(f) {
            return None;
        }
        earlier_in_paragraph(ctx, s)
            .find_map(|k| unique(ctx.sentence(k)))
            .filter(|m| matches!(m, Mark::Span(Some(_))))
    };
    match unique(sentence.clone())
        .or_else(|| heading().and_then(|h| unique(ctx.sentence(h))))
        .or_else(framed)
    {
        Some(mark) => (Some(mark.cumulative()), None, mark.period()),
        None => (None, None, None),
    }
}

/// What the markers in `range` (but those `excluded`) say when they agree: one kind, or a
/// period of unknown length when they name several periods and no running total.
fn unique_mark(
    ctx: &Ctx,
    range: std::ops::Range<usize>,
    excluded: &dyn Fn(usize) -> bool,
) -> Option<Mark> {
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
}

/// The tokens of figure `i`'s sentence between the figures before and after it.
fn own_stretch(ctx: &Ctx, figs: &[FigureHit], i: usize) -> std::ops::Range<usize> {
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
    lo..hi
}

/// "destroyed four tanks, 11 armoured vehicles and 19 artillery systems in the past 24 hours":
/// an item of a list with no marker of its own shares the one of the list's next item.
fn shared_with_next(
    ctx: &Ctx,
    figs: &[FigureHit],
    i: usize,
) -> Option<(Option<bool>, Option<usize>, Option<Period>)> {
    let next = figs.get(i + 1)?;
    if !listed_before(ctx, &figs[i], next) {
        return None;
    }
    let (cumulative, _, period) = cumulative_of(ctx, figs, i + 1);
    cumulative.is_some().then_some((cumulative, None, period))
}

/// Figure `f` is the item of a list right before `next`: only a comma or a list's joining
/// word stands between them, in one sentence.
fn listed_before(ctx: &Ctx, f: &FigureHit, next: &FigureHit) -> bool {
    let between = f.last + 1..next.first;
    next.first > f.last
        && ctx.doc.sentence_of(f.first) == ctx.doc.sentence_of(next.first)
        && between
            .clone()
            .all(|t| ctx.covering(t, 2, |r| r == Role::ListJoin).is_some())
        && (f.last..next.first).all(|t| {
            ctx.doc
                .gap_after(t)
                .chars()
                .all(|c| c == ',' || c.is_whitespace())
        })
}

/// A marker after the figure but past a comma belongs to what follows.
fn past_comma(ctx: &Ctx, f: &FigureHit, first: usize) -> bool {
    first > f.last && comma_between(ctx, f.last, first)
}

/// A comma, a semicolon or a dash between tokens `a` and `b`.
fn comma_between(ctx: &Ctx, a: usize, b: usize) -> bool {
    (a..b).any(|t| ctx.doc.gap_after(t).contains([',', ';', '—']))
}

/// How far the marker `first..=last` stands from figure `f`: one beyond a comma or a dash is
/// farther than any in the figure's own clause.
fn distance(ctx: &Ctx, f: &FigureHit, first: usize, last: usize) -> usize {
    let (d, a, b) = if last < f.first {
        (f.first - last, last, f.first)
    } else {
        (first.saturating_sub(f.last), f.last, first)
    };
    d + if comma_between(ctx, a, b) { 8 } else { 0 }
}

/// "в октябре подтверждалось около 150 смертей … в сутки", "daily losses in November reached
/// 1,500": a rate per day after the figure, or before it in its clause, tells what it counts;
/// a longer span around it only when.
fn per_day_after(ctx: &Ctx, f: &FigureHit, markers: &[(Mark, usize, usize)]) -> bool {
    let clause = ctx.clause(f.first);
    markers.iter().any(|&(mark, first, _)| {
        let placed = if first > f.last {
            !past_comma(ctx, f, first)
        } else {
            clause.contains(&first)
        };
        mark == Mark::Span(Some(Period::Day)) && placed && ctx.has_at(first, Role::Rate)
    })
}

/// The sentences before `s` in its paragraph, nearest first, at most `FRAME_REACH`.
fn earlier_in_paragraph<'a>(ctx: &'a Ctx, s: usize) -> impl Iterator<Item = usize> + 'a {
    // A bulleted line that names its own source is a report of its own ("▪️ФСБ: в Брянской
    // области ликвидирована диверсионная группа"): the line before does not frame it.
    let own_report = |b: usize| ctx.starts_bullet(b) && names_a_source(ctx, b);
    (s.saturating_sub(FRAME_REACH)..s)
        .rev()
        .take_while(move |&k| ctx.same_paragraph(k, s) && !own_report(k + 1))
}

/// Sentence `s` names a source or a verb of saying.
fn names_a_source(ctx: &Ctx, s: usize) -> bool {
    ctx.attributed(s)
        || ctx
            .within(ctx.sentence(s), |r| matches!(r, Role::Claimant(_)))
            .next()
            .is_some()
}

/// How many sentences back a period or an incident frames a figure.
const FRAME_REACH: usize = 2;

/// "каждый день в среднем … 140": a daily rate, not one day's count (never a running
/// total's change of a day).
fn rate(ctx: &Ctx, f: &FigureHit) -> bool {
    ctx.any_within(ctx.doc.sentence_range(f.first), Role::Rate)
}

/// Words before a figure a verb of reaching may stand ("превысили 25 тысяч", "have reportedly
/// lost more than 20,000").
const REACHED_REACH: usize = 6;

/// A tally said to reach its level, with no period named ("Число потерь приближается к 23 000
/// человек", "Russian forces have lost more than 20,000 troops"): a running total, when it is
/// beyond one strike's scale ("число ликвидированных превысило 50 человек" may be a battle's).
fn reached(ctx: &Ctx, f: &FigureHit) -> bool {
    if incident_scale(f) {
        return false;
    }
    let clause = ctx.clause(f.first);
    let from = f.first.saturating_sub(REACHED_REACH).max(clause.start);
    ctx.any_within(from..f.first, Role::Reached)
}

/// A figure too large for anything but a running total (no side loses 20,000 soldiers or
/// 500 tanks in a month): "Российские потери убитыми и ранеными превышают 700 тысяч".
fn beyond_any_period(f: &FigureHit) -> bool {
    match f.metric {
        Metric::Killed => whole_war(f.metric, f.value),
        Metric::Personnel | Metric::Wounded => f.value >= 100_000,
        Metric::Tanks | Metric::Apc | Metric::Artillery | Metric::Vehicles => f.value >= 1_000,
        _ => false,
    }
}

/// A figure with no period of its own in a sentence about one incident (a strike, an assault,
/// an exchange of bodies) counts that incident.
/// An incident told in the sentence before, in the same paragraph, frames a count of its scale
/// ("…попытался прорвать границу … Оба раза безуспешно, потери — семь боевиков убиты").
fn event_of(ctx: &Ctx, f: &FigureHit) -> Option<Period> {
    let sentence = ctx.doc.sentence_range(f.first);
    let s = ctx.doc.sentence_of(f.first);
    let told = |k: usize| ctx.any_within(ctx.sentence(k), Role::EventMarker);
    let before = || incident_scale(f) && earlier_in_paragraph(ctx, s).take(1).any(told);
    (ctx.any_within(sentence, Role::EventMarker) || before()).then_some(Period::Event)
}

/// One thing or one soldier, named by a singular noun or a word for one, not a digit, in a
/// sentence that tells it struck: one machine destroyed ("sank a Russian patrol ship",
/// "збили російський винищувач"), even over a span the text leaves open ("overnight"), or one
/// soldier killed or wounded ("Під Вугледаром загинув командир роти"). One incident.
fn one_machine_struck(ctx: &Ctx, f: &FigureHit) -> bool {
    let one = f.value == 1
        && ctx
            .doc
            .tokens
            .get(f.num.first)
            .is_some_and(|t| !t.is_number);
    let told = |pred: fn(Role) -> bool| {
        ctx.within(ctx.doc.sentence_range(f.first), pred)
            .next()
            .is_some()
    };
    one && match f.metric {
        Metric::Personnel | Metric::Killed | Metric::Wounded => {
            told(|r| matches!(r, Role::Killed | Role::Wounded | Role::VictimVoice))
        }
        Metric::Prisoners | Metric::Refusers | Metric::Deserters => false,
        _ => told(|r| matches!(r, Role::AgentVerb | Role::DestroyedWord)),
    }
}

/// The dead of a whole war, not of a month ("на фронте погибли 30 тысяч"): a count of the
/// killed alone this large is a running total.
pub fn whole_war(metric: Metric, value: i64) -> bool {
    metric == Metric::Killed && value >= 20_000
}

/// A count one strike or battle can reach: dozens of soldiers, a few machines.
pub fn incident_scale(f: &FigureHit) -> bool {
    f.value <= strike_scale(f.metric)
}

/// The most one strike or battle destroys of `metric`.
pub fn strike_scale(metric: Metric) -> i64 {
    match metric {
        Metric::Personnel | Metric::Killed | Metric::Wounded => 300,
        _ => 30,
    }
}
