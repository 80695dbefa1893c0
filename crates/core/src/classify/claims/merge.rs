//! A claim's figures: at most one per metric. Two mentions of one value merge what each says;
//! figures of one enumeration ("пару БМП, три ББМ") add up; a running total takes a later
//! sentence's count of one day as its delta; of two values in the title and the body the
//! body's wins. Any other second value of a metric is another claim (`fits`).

use crate::model::{Figure, Period};

/// Where a claim's figure came from.
#[derive(Debug, Clone, Copy)]
pub struct Origin {
    pub title: bool,
    pub daily: bool,
    pub sentence: usize,
    /// The loss word of its enumeration.
    pub group: Option<usize>,
}

/// How much a figure says: a delta, then whether it is a running total or a period's count.
fn information(f: &Figure) -> u8 {
    2 * u8::from(f.delta.is_some()) + u8::from(f.cumulative.is_some())
}

/// A running total without a delta and a smaller count of one day told in another sentence:
/// the day's count is the total's delta ("за добу росіяни втратили 830 військових. З початку
/// вторгнення — 1 226 420").
fn with_day(total: &Figure, t: Origin, day: &Figure, d: Origin) -> Option<Figure> {
    (total.cumulative == Some(true)
        && total.delta.is_none()
        && d.daily
        && d.sentence != t.sentence
        && day.value < total.value)
        .then(|| Figure {
            delta: Some(day.value),
            ..total.clone()
        })
}

fn same_enumeration(a: Origin, b: Origin) -> bool {
    a.sentence == b.sentence && a.group.is_some() && a.group == b.group
}

/// Whether figure `f` (from `o`) can join a claim with `figures`: its metric is new, or it
/// merges with the figure of that metric by one of the rules above.
pub fn fits(figures: &[Figure], origins: &[Origin], f: &Figure, o: Origin) -> bool {
    let Some(i) = figures.iter().position(|g| g.metric == f.metric) else {
        return true;
    };
    let (g, go) = (&figures[i], origins[i]);
    g.value == f.value
        || same_enumeration(go, o)
        || go.title != o.title
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
    if same_enumeration(*go, o) {
        g.value = g.value.saturating_add(f.value);
        if g.qualifier != f.qualifier {
            g.qualifier = None;
        }
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
    if go.title != o.title {
        if go.title {
            (*g, *go) = (f, o);
        }
        return;
    }
    if let Some(merged) = with_day(g, *go, &f, o) {
        *g = merged;
    } else if let Some(merged) = with_day(&f, o, g, *go) {
        (*g, *go) = (merged, o);
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
