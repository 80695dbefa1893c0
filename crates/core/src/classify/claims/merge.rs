//! A claim's figures: at most one per metric. Two mentions of one value merge what each says;
//! figures of one enumeration ("пару БМП, три ББМ") add up; a running total takes a later
//! sentence's count of one day as its delta; of two near values in the title and the body
//! the body's wins; a round value said to be about so much and an exact one close to it are one
//! figure, the exact one kept. Any other second value of a metric is another claim (`fits`).

use crate::model::{Figure, Period, Qualifier};

/// Where a claim's figure came from.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub title: bool,
    pub daily: bool,
    pub sentence: usize,
    /// Where its words end in the text (a byte offset).
    pub last: usize,
    /// The loss word of its enumeration.
    pub group: Option<usize>,
}

/// How much a figure says: a delta, then whether it is a running total or a period's count.
fn information(f: &Figure) -> u8 {
    2 * u8::from(f.delta.is_some()) + u8::from(f.cumulative.is_some())
}

/// A running total without a delta and a smaller count of one day told in another sentence,
/// or before it in its sentence: the day's count is the total's delta ("за добу росіяни
/// втратили 830 військових. З початку вторгнення — 1 226 420", "Russia lost 1,630 soldiers
/// over the past day, bringing its total losses to 720,000"). Not a hedged count ("более 250
/// человек"): a delta is exact.
fn with_day(total: &Figure, t: Origin, day: &Figure, d: Origin) -> Option<Figure> {
    (total.cumulative == Some(true)
        && total.delta.is_none()
        && d.daily
        && (d.sentence != t.sentence || d.last < t.last)
        && day.qualifier.is_none()
        && day.value < total.value)
        .then(|| Figure {
            delta: Some(day.value),
            ..total.clone()
        })
}

/// How far an exact value may stand from a round, approximate one that tells it: 1/20 (5 %).
const ROUNDING: i64 = 20;

/// How many zeros a value ends with (900: 2, 870: 1).
fn trailing_zeros(mut v: i64) -> u32 {
    let mut n = 0;
    while v != 0 && v % 10 == 0 {
        v /= 10;
        n += 1;
    }
    n
}

/// `a` is a round value said to be about so much ("майже 900 загарбників") and `b` a less
/// round value of the same metric and period close to it ("870 знищено протягом доби"): one
/// figure.
fn rounds(a: &Figure, b: &Figure) -> bool {
    a.metric == b.metric
        && a.period == b.period
        && a.qualifier == Some(Qualifier::About)
        && b.qualifier.is_none()
        && a.low.is_none()
        && b.low.is_none()
        && a.value >= 100
        && trailing_zeros(a.value) > trailing_zeros(b.value)
        && (a.value - b.value).abs().saturating_mul(ROUNDING) <= a.value
}

/// One of `a` and `b` is the other rounded (see `rounds`).
pub fn restates_roughly(a: &Figure, b: &Figure) -> bool {
    rounds(a, b) || rounds(b, a)
}

/// How far apart a title's value and the body's may stand and still tell one figure (the
/// title rounded or misprinted): 1/4 of the larger. "Погибло меньше 80 тысяч" in a title and
/// "31 тысячу" told of February in the body are two claims.
const TITLE_SLACK: i64 = 4;

/// Values `a` and `b` stand within [`TITLE_SLACK`] of each other.
fn near(a: i64, b: i64) -> bool {
    let (hi, lo) = (a.max(b), a.min(b));
    (hi - lo).saturating_mul(TITLE_SLACK) <= hi
}

fn same_enumeration(a: Origin, b: Origin) -> bool {
    a.sentence == b.sentence && a.group.is_some() && a.group == b.group
}

/// Whether figure `f` (from `o`) can join a claim with `figures`: its metric is new, or it
/// merges with the figure of that metric by one of the rules above (a rounded figure's claim
/// is found before, by `restates_roughly`).
pub fn fits(figures: &[Figure], origins: &[Origin], f: &Figure, o: Origin) -> bool {
    let Some(i) = figures.iter().position(|g| g.metric == f.metric) else {
        return true;
    };
    let (g, go) = (&figures[i], origins[i]);
    g.value == f.value
        || same_enumeration(go, o)
        || (go.title != o.title && near(g.value, f.value))
        || with_day(g, go, f, o).is_some()
        || with_day(f, o, g, go).is_some()
}

/// Adds figure `f` to a claim's figures (see the module documentation); call only when it
/// [`fits`].
pub fn add(figures: &mut Vec<Figure>, origins: &mut Vec<Origin>, f: Figure, o: Origin) {
    let Some(i) = figures.iter().position(|g| g.metric == f.metric) else {
        figures.push(f);
        origins.push(o);
        return;
    };
    let (g, go) = (&mut figures[i], &mut origins[i]);
    // A day's count and a running total are never added up, even in one enumeration: the
    // day's count is the total's delta.
    if let Some(merged) = with_day(g, *go, &f, o) {
        *g = merged;
        return;
    }
    if let Some(merged) = with_day(&f, o, g, *go) {
        (*g, *go) = (merged, o);
        return;
    }
    if same_enumeration(*go, o) {
        g.value = g.value.saturating_add(f.value);
        if g.qualifier != f.qualifier {
            g.qualifier = None;
        }
        return;
    }
    if rounds(g, &f) {
        (*g, *go) = (f, o);
        return;
    }
    if rounds(&f, g) {
        return;
    }
    if g.value == f.value {
        let (more, less) = if information(&f) > information(g) {
            (f, g.clone())
        } else {
            (g.clone(), f)
        };
        *g = Figure {
            delta: more.delta.or(less.delta),
            cumulative: more.cumulative.or(less.cumulative),
            period: more.period.or(less.period),
            qualifier: more.qualifier.or(less.qualifier),
            low: more.low.or(less.low),
            high: more.high.or(less.high),
            ..more
        };
        go.title &= o.title;
        return;
    }
    if go.title != o.title && go.title {
        (*g, *go) = (f, o);
    }
}

/// Whether a figure of period `b` can join a claim whose figures count `a`: the same
/// period, a figure that tells none of its own ("Other assets lost include 1,402 rocket
/// launchers" after the running totals), or a day's count that is the running total's delta
/// (`with_day`, checked by [`fits`] when the claim has that metric).
pub fn periods_agree(a: Option<Period>, b: Option<Period>, is_delta: bool) -> bool {
    a == b || b.is_none() || is_delta
}

/// Whether `f` would become the delta of the claim's running total of its metric, or the
/// other way round.
pub fn is_delta(figures: &[Figure], origins: &[Origin], f: &Figure, o: Origin) -> bool {
    figures
        .iter()
        .zip(origins)
        .filter(|(g, _)| g.metric == f.metric)
        .any(|(g, go)| with_day(g, *go, f, o).is_some() || with_day(f, o, g, *go).is_some())
}

/// A running total's change of one day ("294 700 осіб, з яких 870 знищено протягом доби") is
/// the exact count of that day which another claim's day figure rounds ("майже 900 … за
/// минулу добу"): that figure takes the exact value.
pub fn exact_days(day: &mut [Figure], totals: &[Figure]) {
    for g in day.iter_mut().filter(|g| g.period == Some(Period::Day)) {
        let exact = totals
            .iter()
            .filter(|t| t.metric == g.metric && t.cumulative == Some(true))
            .find_map(|t| t.delta)
            .map(|d| Figure {
                value: d,
                qualifier: None,
                low: None,
                high: None,
                delta: None,
                ..g.clone()
            });
        if let Some(e) = exact
            && rounds(g, &e)
        {
            *g = e;
        }
    }
}
