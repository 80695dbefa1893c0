//! A claim being built from its mentions, and which draft a mention joins: the same teller
//! (or an unattributed headline, or a figure told again with its source), the same scope and
//! period, a rounded figure its exact one.

use super::merge::{self, Origin};
use crate::classify::mention::Mention;
use crate::model::{Claim, Figure, Period, Side};

pub(super) struct Draft {
    pub(super) claim: Claim,
    /// Where each figure (same order) came from.
    pub(super) origins: Vec<Origin>,
    /// (sentence, anchor) of the claim's first mention, and of its first mention in the body
    /// when the first was in the title: where its unit and place are looked for.
    pub(super) spots: Vec<(usize, usize)>,
    /// Whether the last spot is in the title.
    pub(super) spot_in_title: bool,
    /// Only drones or missiles so far (interception tallies): not a loss report on its own.
    pub(super) air_only: bool,
    pub(super) scope: Option<String>,
    /// The period of its figures, once it has one.
    pub(super) period: Option<Option<Period>>,
    /// The segment of its last mention.
    pub(super) segment: usize,
}

/// Where a mention stands and what it says, as the grouping needs it.
pub(super) struct Place {
    pub(super) segment: usize,
    pub(super) scope: Option<String>,
    pub(super) title: bool,
    /// The text is a round-up, whose every bulleted line tells its own claims.
    pub(super) roundup: bool,
}

/// Who tells a mention: the claimant's name as written and the known claimant's id.
pub(super) struct Teller<'a> {
    pub name: &'a Option<String>,
    pub id: Option<&'a str>,
}

/// Whether draft `d` is told by the mention's claimant (by name, or as the same known one:
/// "Zelensky says …" and "President Volodymyr Zelensky said …") about its side, in its war.
fn same_teller(d: &Draft, m: &Mention, who: &Teller, side: Option<Side>) -> bool {
    let sides = d.claim.side == side || side.is_none() || d.claim.side.is_none();
    // An unattributed headline is told by whoever the body names.
    let headline_only = d.origins.iter().all(|o| o.title) && d.claim.claimant.is_none();
    // An unattributed figure told again with its source ("Россия передала останки 502
    // украинских военных … Коордштаб уточнил, что из 502 украинских солдат …") is that source's.
    let sourced_again = d.claim.claimant.is_none()
        && m.figure.as_ref().is_some_and(|f| {
            d.claim
                .figures
                .iter()
                .any(|g| g.metric == f.metric && g.value == f.value)
        });
    let known = who.id.is_some() && d.claim.claimant_id.as_deref() == who.id;
    d.claim.other_conflict == m.other_conflict
        && (d.claim.claimant == *who.name || known || headline_only || sourced_again)
        && sides
}

/// The draft of the same scope that holds figure `f` rounded ("майже 900" in the lead, 870
/// in the body): the same claim, before any other the figure could join (a running total it
/// would be the delta of).
fn rounded_in(
    drafts: &[Draft],
    f: &Figure,
    at: &Place,
    teller: impl Fn(&Draft) -> bool,
) -> Option<usize> {
    drafts.iter().rposition(|d| {
        teller(d)
            && d.scope == at.scope
            && d.claim
                .figures
                .iter()
                .any(|g| merge::restates_roughly(g, f))
    })
}

/// The loss draft a mention joins: the latest one with its claimant and a compatible side,
/// scope and period whose figures it fits; a mention without a figure joins the latest one of
/// its claimant (in a round-up, the latest in its line).
pub(super) fn loss_draft(
    drafts: &[Draft],
    m: &Mention,
    who: &Teller,
    side: Option<Side>,
    at: &Place,
) -> Option<usize> {
    let origin = origin_of(m, at);
    let teller = |d: &Draft| same_teller(d, m, who, side);
    if let Some(f) = &m.figure
        && let Some(i) = rounded_in(drafts, f, at, teller)
    {
        return Some(i);
    }
    // "… bringing Russia's total tank losses to 11,064": a running total joins its teller's
    // running totals of the same scope, not the day's count it would take as its change.
    if let Some(f) = m
        .figure
        .as_ref()
        .filter(|f| f.period == Some(Period::Total))
        && let Some(i) = drafts.iter().rposition(|d| {
            teller(d)
                && d.period == Some(Some(Period::Total))
                && d.scope == at.scope
                && merge::fits(&d.claim.figures, &d.origins, f, origin)
        })
    {
        return Some(i);
    }
    drafts.iter().rposition(|d| {
        if !teller(d) {
            return false;
        }
        let Some(f) = &m.figure else {
            // A mention without a count ("вертолет «уничтожен»") tells again a claim of its
            // teller made before, in a round-up only within its line.
            return d.segment == at.segment || !at.roundup;
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
        // and place; not a headline's figure and another count of its metric (a breakdown
        // under a headline's total).
        let delta = merge::is_delta(&d.claim.figures, &d.origins, f, origin);
        let recounted = d
            .claim
            .figures
            .iter()
            .any(|g| g.metric == f.metric && g.value != f.value);
        let headline = (at.title || d.origins.iter().all(|o| o.title)) && (!recounted || delta);
        let period = headline
            || d.period
                .is_none_or(|p| merge::periods_agree(p, f.period, delta));
        let scope = headline || d.scope == at.scope || d.claim.figures.is_empty();
        period && scope && merge::fits(&d.claim.figures, &d.origins, f, origin)
    })
}

/// The refusal draft a mention joins: one per side and teller; a mention that names no side
/// joins the first, and the first side named settles a claim that had none. Another teller's
/// count is a claim of its own ("10 военнослужащих сбежали, сообщил глава района … по данным
/// NGS, около 30 человек").
pub(super) fn refusal_draft(
    ds: &[Draft],
    m: &Mention,
    name: &Option<String>,
    side: Option<Side>,
) -> Option<usize> {
    let teller = |d: &Draft| d.claim.claimant.is_none() || d.claim.claimant == *name;
    // A count of the same thing over another span is another claim ("a court sentenced one
    // soldier … by Mediazona's count, more than 6,000 sentences this year").
    let clash = |d: &Draft| {
        m.figure.as_ref().is_some_and(|g| {
            d.claim
                .figures
                .iter()
                .any(|f| f.metric == g.metric && f.value != g.value && f.period != g.period)
        })
    };
    let own = |d: &Draft| m.figure.is_none() || ((name.is_none() || teller(d)) && !clash(d));
    ds.iter()
        .position(|d| (d.claim.side == side || side.is_none()) && own(d))
        .or_else(|| ds.iter().position(|d| d.claim.side.is_none() && own(d)))
}

/// Where mention `m`'s figure came from, as the figures' merging needs it.
pub(super) fn origin_of(m: &Mention, at: &Place) -> Origin {
    Origin {
        title: at.title,
        daily: m.daily,
        sentence: m.sentence,
        last: m.evidence.1,
        group: m.group,
    }
}

impl Draft {
    /// The claim's first figure told in the body, not the title.
    pub(super) fn body_figure(&self) -> Option<&Figure> {
        self.claim
            .figures
            .iter()
            .zip(&self.origins)
            .find(|(_, o)| !o.title)
            .map(|(g, _)| g)
    }
}
