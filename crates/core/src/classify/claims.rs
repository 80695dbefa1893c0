//! Claims from mentions: loss mentions are grouped by claimant and side (one claim per
//! "who claims losses of whom"), refusal mentions by side; each claim gets its unit and place
//! from its first sentence (and, when that is the title, the first sentence of the body), its
//! figures (at most one per metric) and its evidence.

use super::attribution::{self, Claimant};
use super::context::{Ctx, opposite};
use super::losses::Mention;
use super::places;
use crate::model::{Category, Claim, Figure, Metric, Side};

/// Caps that keep a long text's output readable.
const MAX_CLAIMS_PER_CATEGORY: usize = 6;
const MAX_EVIDENCE: usize = 8;
const MAX_EVIDENCE_CHARS: usize = 300;

struct Draft {
    claim: Claim,
    /// Where each figure (same order) came from.
    origins: Vec<Origin>,
    /// (sentence, anchor) of the claim's first mention, and of its first mention in the body
    /// when the first was in the title: where its unit and place are looked for.
    spots: Vec<(usize, usize)>,
    /// Whether the last spot is in the title.
    spot_in_title: bool,
    /// Only drones or missiles so far (interception tallies): not a loss report on its own.
    air_only: bool,
}

fn side_of(ctx: &Ctx, m: &Mention, claimant: Option<&Claimant>) -> Option<Side> {
    let (marker, inverted) = m.side?;
    let side = ctx.resolve(marker, claimant.and_then(|c| c.side))?;
    Some(if inverted { opposite(side) } else { side })
}

fn evidence_text(ctx: &Ctx, (a, b): (usize, usize)) -> Option<String> {
    let s = ctx.doc.text.get(a..b)?.trim();
    if s.is_empty() {
        return None;
    }
    let folded: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(crate::text::truncate_chars(&folded, MAX_EVIDENCE_CHARS))
}

/// How much a figure says: a delta, then whether it is a running total or a period's count.
fn information(f: &Figure) -> u8 {
    2 * u8::from(f.delta.is_some()) + u8::from(f.cumulative.is_some())
}

/// Where a claim's figure came from: the title or the body, and whether it counts one day.
#[derive(Debug, Clone, Copy)]
struct Origin {
    title: bool,
    daily: bool,
}

/// A running total without a delta and a smaller count of one day: the day's count is the
/// total's delta ("за добу росіяни втратили 830 військових. З початку вторгнення — 1 226 420").
fn with_day(total: &Figure, day: &Figure, day_origin: Origin) -> Option<Figure> {
    (total.cumulative == Some(true)
        && total.delta.is_none()
        && day_origin.daily
        && day.value < total.value)
        .then(|| Figure {
            delta: Some(day.value),
            ..total.clone()
        })
}

/// Adds figure `f` to a claim's figures, keeping at most one figure per metric. Two figures of
/// one value merge what each says (a delta from one, "since 24 February" from the other). Of
/// two values the body's wins over the title's; a running total takes a day's count as its
/// delta; otherwise the one that says more wins (a delta, then a known running total or
/// period), and the first on a tie.
fn add_figure(figures: &mut Vec<Figure>, origins: &mut Vec<Origin>, f: Figure, o: Origin) {
    let Some(i) = figures.iter().position(|g| g.metric == f.metric) else {
        figures.push(f);
        origins.push(o);
        return;
    };
    let (g, go) = (&mut figures[i], &mut origins[i]);
    if g.value == f.value {
        let (more, less) = if information(&f) > information(g) {
            (f, g.clone())
        } else {
            (g.clone(), f)
        };
        *g = Figure {
            delta: more.delta.or(less.delta),
            cumulative: more.cumulative.or(less.cumulative),
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
    if let Some(merged) = with_day(g, &f, o) {
        *g = merged;
    } else if let Some(merged) = with_day(&f, g, *go) {
        (*g, *go) = (merged, o);
    } else if information(&f) > information(g) {
        (*g, *go) = (f, o);
    }
}

/// The first unit and the first place named around a claim's spots, in their order.
fn unit_and_place(ctx: &Ctx, spots: &[(usize, usize)]) -> (Option<String>, Option<String>) {
    let unit = spots.iter().find_map(|&(s, a)| places::unit(ctx, s, a));
    let place = spots.iter().find_map(|&(s, a)| places::location(ctx, s, a));
    (unit, place)
}

/// Builds the claims of one category from its mentions (in text order).
pub fn build(ctx: &Ctx, mentions: &[Mention], category: Category) -> Vec<Claim> {
    let mut drafts: Vec<Draft> = Vec::new();
    for m in mentions.iter().filter(|m| m.category == category) {
        let claimant = attribution::resolve(ctx, m.sentence, m.anchor);
        if m.needs_claimant && claimant.is_none() {
            continue;
        }
        let side = side_of(ctx, m, claimant.as_ref());
        let name = claimant.as_ref().map(|c| c.name.clone());
        let claimant_id = claimant.as_ref().and_then(|c| c.id).map(str::to_owned);
        let found = match category {
            Category::Losses => drafts
                .iter()
                .position(|d| d.claim.claimant == name && d.claim.side == side),
            // One refusal claim per side; a mention that names no side joins the first, and
            // the first side named settles a claim that had none.
            Category::Refusal => drafts
                .iter()
                .position(|d| d.claim.side == side || side.is_none())
                .or_else(|| drafts.iter().position(|d| d.claim.side.is_none())),
        };
        let i = match found {
            Some(i) => i,
            None if drafts.len() < MAX_CLAIMS_PER_CATEGORY => {
                drafts.push(Draft {
                    claim: Claim {
                        category,
                        claimant: name,
                        claimant_id: claimant_id.clone(),
                        side,
                        unit: None,
                        location: None,
                        figures: Vec::new(),
                        evidence: Vec::new(),
                        other_conflict: false,
                    },
                    origins: Vec::new(),
                    spots: Vec::new(),
                    spot_in_title: false,
                    air_only: true,
                });
                drafts.len() - 1
            }
            None => continue,
        };
        let d = &mut drafts[i];
        if d.claim.side.is_none() {
            d.claim.side = side;
        }
        if d.claim.claimant.is_none() {
            d.claim.claimant_id = claimant_id.clone();
            d.claim.claimant = claimant.map(|c| c.name);
        }
        let title = m.evidence.0 < ctx.body_start;
        if d.spots.is_empty() || (d.spot_in_title && !title) {
            d.spots.push((m.sentence, m.anchor));
            d.spot_in_title = title;
        }
        match &m.figure {
            Some(f) => {
                if !matches!(f.metric, Metric::Uav | Metric::CruiseMissiles) {
                    d.air_only = false;
                }
                let o = Origin {
                    title,
                    daily: m.daily,
                };
                add_figure(&mut d.claim.figures, &mut d.origins, f.clone(), o);
            }
            None => d.air_only = false,
        }
        if d.claim.evidence.len() < MAX_EVIDENCE
            && let Some(e) = evidence_text(ctx, m.evidence)
            && !d.claim.evidence.contains(&e)
        {
            d.claim.evidence.push(e);
        }
    }
    drafts
        .into_iter()
        .filter(|d| category != Category::Losses || !d.air_only)
        .map(|mut d| {
            (d.claim.unit, d.claim.location) = unit_and_place(ctx, &d.spots);
            d.claim
        })
        .collect()
}
