//! A country speaking: "Ukraine claims to have destroyed 10,881 Russian tanks", two sentences
//! after "The Ukrainian General Staff stated …", is the General Staff's claim; "Russia has
//! claimed …" before "… the Russian Defense Ministry's daily briefing" is the ministry's. A
//! country is the claimant only when no institution of its side is named around it.

use super::super::claimants::{Kind, Known};
use super::super::context::Ctx;
use super::super::lexicon::Role;

/// How far back, in sentences, the institution a country stands for may be named.
const SENTENCES_BACK: usize = 4;

/// The institution of the country's side that a country speaking in sentence `s` stands for:
/// the last one named in its sentence or the ones before (nearest first), else one named in
/// the next sentence.
pub(super) fn stands_for(ctx: &Ctx, s: usize, country: &Known) -> Option<&'static Known> {
    let sentences = ctx.doc.sentences.len();
    let before = (s.saturating_sub(SENTENCES_BACK)..=s).rev();
    let after = (s + 1 < sentences).then_some(s + 1);
    before
        .chain(after)
        .find_map(|k| institution_of(ctx, k, country))
}

/// The last institution of the country's side named in sentence `k`.
fn institution_of(ctx: &Ctx, k: usize, country: &Known) -> Option<&'static Known> {
    ctx.within(ctx.sentence(k), |r| matches!(r, Role::Claimant(_)))
        .filter_map(|x| ctx.known_claimant(x.role, Kind::Institution))
        .filter(|i| i.side.is_some() && i.side == country.side)
        .last()
}
