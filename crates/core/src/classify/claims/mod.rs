//! Claims from mentions. Loss mentions are grouped into one claim per claimant, side, scope
//! and period ("who claims losses of whom, where, over what time"): a round-up's figures for
//! all axes and for the Kursk axis, or a day's count and a running total told apart, are
//! separate claims, and a second value of one metric starts another claim. Refusal mentions
//! are grouped by side. Each claim gets its unit and place from its first sentence (and, when
//! that is the title, the first sentence of the body), its figures (`merge`) and its evidence.

mod merge;
mod segments;

use super::attribution::{self, Claimant};
use super::claimants::Kind;
use super::context::{Ctx, opposite};
use super::lexicon::Role;
use super::mention::Mention;
use super::places;
use crate::model::{Category, Claim, Figure, Metric, Period, Side};
use merge::Origin;

/// Caps that keep a long text's output readable.
const MAX_CLAIMS_PER_CATEGORY: usize = 12;
const MAX_EVIDENCE: usize = 8;
const MAX_EVIDENCE_CHARS: usize = 300;
/// A round-up has at least this many bulleted lines.
const ROUNDUP_BULLETS: usize = 3;

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
    scope: Option<String>,
    /// The period of its figures, once it has one.
    period: Option<Option<Period>>,
    /// The segment of its last mention.
    segment: usize,
}

/// Where a mention stands and what it says, as the grouping needs it.
struct Place {
    segment: usize,
    scope: Option<String>,
    title: bool,
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

/// The loss draft a mention joins: the latest one with its claimant and a compatible side,
/// scope and period whose figures it fits; a mention without a figure joins the latest one of
/// its claimant in its segment.
fn loss_draft(
    drafts: &[Draft],
    m: &Mention,
    name: &Option<String>,
    side: Option<Side>,
    at: &Place,
) -> Option<usize> {
    let origin = origin_of(m, at);
    drafts.iter().rposition(|d| {
        if d.claim.other_conflict != m.other_conflict {
            return false;
        }
        let sides = d.claim.side == side || side.is_none() || d.claim.side.is_none();
        // An unattributed headline is told by whoever the body names.
        let headline_only = d.origins.iter().all(|o| o.title) && d.claim.claimant.is_none();
        if (d.claim.claimant != *name && !headline_only) || !sides {
            return false;
        }
        let Some(f) = &m.figure else {
            return d.segment == at.segment;
        };
        // The same figure told again (in the lead and in the body) is the same claim.
        if d.claim
            .figures
            .iter()
            .any(|g| g.metric == f.metric && g.value == f.value)
        {
            return true;
        }
        // A headline and the body that tells it are one claim, whatever each says of time
        // and place.
        let headline = at.title || d.origins.iter().all(|o| o.title);
        let delta = merge::is_delta(&d.claim.figures, &d.origins, f, origin);
        let period = headline
            || d.period
                .is_none_or(|p| merge::periods_agree(p, f.period, delta));
        let scope = headline || d.scope == at.scope || d.claim.figures.is_empty();
        period && scope && merge::fits(&d.claim.figures, &d.origins, f, origin)
    })
}

/// The refusal draft a mention joins: one per side; a mention that names no side joins the
/// first, and the first side named settles a claim that had none.
fn refusal_draft(drafts: &[Draft], side: Option<Side>) -> Option<usize> {
    drafts
        .iter()
        .position(|d| d.claim.side == side || side.is_none())
        .or_else(|| drafts.iter().position(|d| d.claim.side.is_none()))
}

fn origin_of(m: &Mention, at: &Place) -> Origin {
    Origin {
        title: at.title,
        daily: m.daily,
        sentence: m.sentence,
        group: m.group,
    }
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

impl Draft {
    /// The claim's first figure told in the body, not the title.
    fn body_figure(&self) -> Option<&Figure> {
        self.claim
            .figures
            .iter()
            .zip(&self.origins)
            .find(|(_, o)| !o.title)
            .map(|(g, _)| g)
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

/// The one side that every mention of the category naming a side names: a post that tells
/// one side's losses (or refusals) says so once and leaves it out of the next sentence
/// ("…ВСУ попытались контратаковать … ликвидировано до 20 человек"). Not in a round-up,
/// whose bulletins each tell their own.
fn post_side(ctx: &Ctx, mentions: &[&Mention]) -> Option<Side> {
    if segments::bullets(ctx) >= ROUNDUP_BULLETS {
        return None;
    }
    let mut sides = mentions
        .iter()
        .filter(|m| !m.other_conflict)
        .filter_map(|m| {
            let claimant = attribution::resolve(ctx, m.sentence, m.anchor);
            side_of(ctx, m, claimant.as_ref())
        });
    let first = sides.next()?;
    sides.all(|s| s == first).then_some(first)
}

/// A loss a belligerent's military command reports without naming whose it is ("десант был
/// уничтожен", says Ukraine's General Staff) is the enemy's: a command reports what it
/// destroyed, and names its own side when it admits a loss.
fn combatant_enemy(claimant: Option<&Claimant>, m: &Mention) -> Option<Side> {
    let c = claimant?;
    let known = c.id.and_then(super::claimants::by_id)?;
    (m.category == Category::Losses && known.combatant)
        .then_some(known.side.map(opposite))
        .flatten()
}

/// The one side every side marker of the post names ("…капитан 1-го ранга Черноморского
/// флота России" three paragraphs after "погиб находившийся в салоне военнослужащий"), for a
/// mention nothing else gives a side; not in a round-up, whose bulletins each tell their own.
/// A marker that names who acted ("при обстреле со стороны ВСУ") names the other side.
fn marked_side(ctx: &Ctx) -> Option<Side> {
    if segments::bullets(ctx) >= ROUNDUP_BULLETS {
        return None;
    }
    let (first, _) = ctx.one_side_hurt(0..ctx.doc.tokens.len())?;
    ctx.side_hurt(&first)
}

/// "подрыв машины в Севастополе, в результате чего погиб капитан 1 ранга": a place far behind
/// one side's lines, in the mention's sentence or the headline, is that side's.
fn held_side(ctx: &Ctx, m: &Mention) -> Option<Side> {
    [m.sentence, 0].into_iter().find_map(|s| {
        ctx.within(ctx.sentence(s), |r| matches!(r, Role::HeldBy(_)))
            .find_map(|x| match x.role {
                Role::HeldBy(side) => Some(side),
                _ => None,
            })
    })
}

/// Builds the claims of one category from its mentions (in text order).
pub fn build(ctx: &Ctx, mentions: &[Mention], category: Category) -> Vec<Claim> {
    let segs = segments::segments(ctx);
    let mut drafts: Vec<Draft> = Vec::new();
    let ours: Vec<&Mention> = mentions.iter().filter(|m| m.category == category).collect();
    let post_side = post_side(ctx, &ours);
    let marked = std::cell::OnceCell::new();
    for m in ours {
        let claimant = attribution::resolve(ctx, m.sentence, m.anchor);
        if m.needs_claimant && claimant.is_none() {
            continue;
        }
        // Another war's figures take no side from the rest of the post or its claimant.
        let fallback = || {
            post_side
                .or_else(|| combatant_enemy(claimant.as_ref(), m))
                .or_else(|| *marked.get_or_init(|| marked_side(ctx)))
                .or_else(|| held_side(ctx, m))
        };
        let side = side_of(ctx, m, claimant.as_ref())
            .or_else(|| (!m.other_conflict).then(fallback).flatten());
        let name = claimant.as_ref().map(|c| c.name.clone());
        let at = Place {
            segment: segs.get(m.sentence).copied().unwrap_or(0),
            scope: segments::scope(ctx, &segs, m.sentence, m.anchor),
            title: m.evidence.0 < ctx.body_start,
        };
        let found = match category {
            Category::Losses => loss_draft(&drafts, m, &name, side, &at),
            Category::Refusal => refusal_draft(&drafts, side),
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
