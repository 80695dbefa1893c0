//! Claims from mentions. Loss mentions are grouped into one claim per claimant, side, scope
//! and period ("who claims losses of whom, where, over what time"): a round-up's figures for
//! all axes and for the Kursk axis, or a day's count and a running total told apart, are
//! separate claims, and a second value of one metric starts another claim. Refusal mentions
//! are grouped by side. Each claim gets its unit and place from its first sentence (and, when
//! that is the title, the first sentence of the body), its figures (`merge`) and its evidence.

mod draft;
mod merge;
mod segments;
mod sides;

use super::attribution::{self, Claimant};
use super::claimants::Kind;
use super::context::Ctx;
use super::mention::Mention;
use super::places;
use crate::model::{Category, Claim, Figure, Metric, Side};
use draft::{Draft, Place, Teller, loss_draft, origin_of, refusal_draft};
use segments::ROUNDUP_BULLETS;
use sides::{
    combatant_enemy, held_side, marked_side, named_sides, paragraph_side, policed_side, post_side,
    side_of, unmarked_side,
};

/// Caps that keep a long text's output readable.
const MAX_CLAIMS_PER_CATEGORY: usize = 12;
const MAX_EVIDENCE: usize = 8;
const MAX_EVIDENCE_CHARS: usize = 300;

fn evidence_text(ctx: &Ctx, (a, b): (usize, usize)) -> Option<String> {
    let s = ctx.doc.text.get(a..b)?.trim();
    if s.is_empty() {
        return None;
    }
    let folded: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(crate::text::truncate_chars(&folded, MAX_EVIDENCE_CHARS))
}

/// The first unit and the first place named around a claim's spots, in their order; a
/// place not named there is taken from the headline (the first sentence).
fn unit_and_place(ctx: &Ctx, spots: &[(usize, usize)]) -> (Option<String>, Option<String>) {
    let unit = spots.iter().find_map(|&(s, a)| places::unit(ctx, s, a));
    let place = spots
        .iter()
        .find_map(|&(s, a)| places::location(ctx, s, a))
        .or_else(|| places::location(ctx, 0, ctx.sentence(0).start));
    (unit, place)
}

fn new_draft(
    category: Category,
    claimant: Option<&Claimant>,
    side: Option<Side>,
    at: &Place,
) -> Draft {
    Draft {
        claim: Claim {
            category,
            claimant: claimant.map(|c| c.name.clone()),
            claimant_id: claimant.and_then(|c| c.id).map(str::to_owned),
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
        scope: at.scope.clone(),
        period: None,
        segment: at.segment,
    }
}

/// A figure that tells no period of its own counts over the claim's ("…approximately 990,800.
/// Other assets reportedly lost by Russia include 1,402 rocket launchers" is a running total
/// too).
fn with_claim_period(d: &Draft, f: &Figure) -> Figure {
    match d.body_figure() {
        Some(g) if f.period.is_none() && f.cumulative.is_none() && g.period.is_some() => Figure {
            period: g.period,
            cumulative: g.cumulative,
            ..f.clone()
        },
        _ => f.clone(),
    }
}

/// Adds mention `m` to draft `d`.
fn absorb(
    ctx: &Ctx,
    d: &mut Draft,
    m: &Mention,
    claimant: Option<Claimant>,
    side: Option<Side>,
    at: &Place,
) {
    if d.claim.side.is_none() {
        d.claim.side = side;
    }
    if d.claim.claimant.is_none() {
        d.claim.claimant_id = claimant.as_ref().and_then(|c| c.id).map(str::to_owned);
        d.claim.claimant = claimant.map(|c| c.name);
    }
    if d.spots.is_empty() || (d.spot_in_title && !at.title) {
        d.spots.push((m.sentence, m.anchor));
        d.spot_in_title = at.title;
    }
    if d.scope.is_none() {
        d.scope = at.scope.clone();
    }
    d.segment = at.segment;
    match &m.figure {
        Some(f) => {
            if !matches!(f.metric, Metric::Uav | Metric::CruiseMissiles) {
                d.air_only = false;
            }
            let f = with_claim_period(d, f);
            merge::add(&mut d.claim.figures, &mut d.origins, f, origin_of(m, at));
            // The period of the claim is its body's, when the body has told any.
            d.period = d
                .body_figure()
                .or(d.claim.figures.first())
                .map(|g| g.period);
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

/// In a round-up of bulletins, a loss claim whose bullet names no source takes the institution
/// that every attributed loss claim about the same side in the round-up names.
fn roundup_claimants(ctx: &Ctx, drafts: &mut [Draft]) {
    if segments::bullets(ctx) < ROUNDUP_BULLETS {
        return;
    }
    let known = |d: &Draft| {
        d.claim
            .claimant_id
            .as_deref()
            .and_then(super::claimants::by_id)
            .filter(|k| k.kind == Kind::Institution)
    };
    for i in 0..drafts.len() {
        if drafts[i].claim.claimant.is_some() {
            continue;
        }
        let side = drafts[i].claim.side;
        let sources: Vec<_> = drafts
            .iter()
            .filter(|d| d.claim.side == side && d.claim.claimant.is_some())
            .map(|d| known(d).map(|k| k.id.as_str()))
            .collect();
        if let Some(Some(id)) = sources.first()
            && sources.iter().all(|s| s == &Some(*id))
            && let Some(k) = super::claimants::by_id(id)
        {
            drafts[i].claim.claimant = Some(k.name.clone());
            drafts[i].claim.claimant_id = Some(k.id.clone());
        }
    }
}

/// A day's count that a claim rounds and a running total of the same teller states exactly
/// as its change (`merge::exact_days`).
fn exact_days(drafts: &mut [Draft]) {
    for j in 0..drafts.len() {
        if drafts[j].claim.figures.iter().all(|f| f.delta.is_none()) {
            continue;
        }
        let totals = drafts[j].claim.figures.clone();
        let (claimant, side) = (drafts[j].claim.claimant.clone(), drafts[j].claim.side);
        for (i, d) in drafts.iter_mut().enumerate() {
            if i != j && d.claim.claimant == claimant && d.claim.side == side {
                merge::exact_days(&mut d.claim.figures, &totals);
            }
        }
    }
}

/// Builds the claims of one category from its mentions (in text order).
pub fn build(ctx: &Ctx, mentions: &[Mention], category: Category) -> Vec<Claim> {
    let segs = segments::segments(ctx);
    let roundup = segments::bullets(ctx) >= ROUNDUP_BULLETS;
    let mut drafts: Vec<Draft> = Vec::new();
    let ours: Vec<&Mention> = mentions.iter().filter(|m| m.category == category).collect();
    let sides = named_sides(ctx, &ours);
    let post_side = post_side(ctx, &sides);
    let mixed = sides.windows(2).any(|w| w[0] != w[1]);
    let marked = std::cell::OnceCell::new();
    for m in ours {
        let claimant = attribution::resolve(ctx, m.sentence, m.anchor);
        if m.needs_claimant && claimant.is_none() {
            continue;
        }
        // Another war's figures take no side from the rest of the post or its claimant.
        let fallback = || {
            post_side
                .or_else(|| combatant_enemy(ctx, claimant.as_ref(), m))
                .or_else(|| policed_side(claimant.as_ref(), m))
                .or_else(|| {
                    (category == Category::Refusal)
                        .then(|| paragraph_side(ctx, m))
                        .flatten()
                })
                .or_else(|| *marked.get_or_init(|| marked_side(ctx)))
                .or_else(|| held_side(ctx, m))
                .or_else(|| unmarked_side(ctx, claimant.as_ref(), m, mixed))
        };
        let side = side_of(ctx, m, claimant.as_ref())
            .or_else(|| (!m.other_conflict).then(fallback).flatten());
        let name = claimant.as_ref().map(|c| c.name.clone());
        let at = Place {
            segment: segs.get(m.sentence).copied().unwrap_or(0),
            scope: segments::scope(ctx, &segs, m.sentence, m.anchor),
            title: m.evidence.0 < ctx.body_start,
            roundup,
        };
        let found = match category {
            Category::Losses => {
                let who = Teller {
                    name: &name,
                    id: claimant.as_ref().and_then(|c| c.id),
                };
                loss_draft(&drafts, m, &who, side, &at)
            }
            Category::Refusal => refusal_draft(&drafts, m, &name, side),
        };
        let i = match found {
            Some(i) => i,
            None if drafts.len() < MAX_CLAIMS_PER_CATEGORY => {
                let mut d = new_draft(category, claimant.as_ref(), side, &at);
                d.claim.other_conflict = m.other_conflict;
                drafts.push(d);
                drafts.len() - 1
            }
            None => continue,
        };
        absorb(ctx, &mut drafts[i], m, claimant, side, &at);
    }
    if category == Category::Losses {
        roundup_claimants(ctx, &mut drafts);
        exact_days(&mut drafts);
    }
    drafts
        .into_iter()
        .filter(|d| category != Category::Losses || !d.air_only)
        .map(|mut d| {
            (d.claim.unit, d.claim.location) = unit_and_place(ctx, &d.spots);
            // Neither Russia's nor Ukraine's soldiers, whoever struck.
            if d.claim.other_conflict {
                d.claim.side = None;
            }
            d.claim
        })
        .collect()
}
