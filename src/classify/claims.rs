//! Claims from mentions: loss mentions are grouped by claimant and side (one claim per
//! "who claims losses of whom"), refusal mentions by side; each claim gets its unit and place
//! from its first sentence, its figures (one per metric and kind) and its evidence.

use super::attribution::{self, Claimant};
use super::context::{Ctx, opposite};
use super::losses::Mention;
use super::places;
use crate::model::{Category, Claim, Metric, Side};

/// Caps that keep a long text's output readable.
const MAX_CLAIMS_PER_CATEGORY: usize = 6;
const MAX_EVIDENCE: usize = 8;
const MAX_EVIDENCE_CHARS: usize = 300;

struct Draft {
    claim: Claim,
    sentence: usize,
    anchor: usize,
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
                        side,
                        unit: None,
                        location: None,
                        figures: Vec::new(),
                        evidence: Vec::new(),
                    },
                    sentence: m.sentence,
                    anchor: m.anchor,
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
            d.claim.claimant = claimant.map(|c| c.name);
        }
        match &m.figure {
            Some(f) => {
                if !matches!(f.metric, Metric::Uav | Metric::CruiseMissiles) {
                    d.air_only = false;
                }
                let dup = d
                    .claim
                    .figures
                    .iter()
                    .any(|g| g.metric == f.metric && g.cumulative == f.cumulative);
                if !dup {
                    d.claim.figures.push(f.clone());
                }
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
            d.claim.unit = places::unit(ctx, d.sentence, d.anchor);
            d.claim.location = places::location(ctx, d.sentence, d.anchor);
            d.claim
        })
        .collect()
}
