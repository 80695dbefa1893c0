//! A country speaking: "Ukraine claims to have destroyed 10,881 Russian tanks", two sentences
//! after "The Ukrainian General Staff stated …", is the General Staff's claim; "Russia has
//! claimed …" before "… the Russian Defense Ministry's daily briefing" is the ministry's. A
//! country is the claimant only when no institution of its side is named around it.

use super::super::claimants::{Kind, Known};
use super::super::context::Ctx;

/// How far back, in sentences, the institution a country stands for may be named.
const SENTENCES_BACK: usize = 4;

/// The institution of the country's side that a country speaking in sentence `s` stands for:
/// the last one `named_in` a sentence, in its own sentence or the ones before (nearest
/// first), else in the next sentence.
pub(super) fn stands_for<'k>(
    ctx: &Ctx,
    s: usize,
    country: &Known,
    named_in: impl Fn(usize) -> Vec<&'k Known>,
) -> Option<&'k Known> {
    let sentences = ctx.doc.sentences.len();
    let before = (s.saturating_sub(SENTENCES_BACK)..=s).rev();
    let after = (s + 1 < sentences).then_some(s + 1);
    before.chain(after).find_map(|k| {
        named_in(k)
            .into_iter()
            .rev()
            .find(|i| i.kind == Kind::Institution && i.side.is_some() && i.side == country.side)
    })
}
