//! What the rule modules find and share: a *mention* (one piece of a claim found in one
//! sentence, with its evidence, figure and side), the figures a refusal takes, and small
//! queries on loss words (is this a trigger, is it hypothetical or passive, where does a
//! figure's own phrase end).

use super::context::{Ctx, Marker};
use super::figures::FigureHit;
use super::lexicon::Role;
use super::matcher::PhraseMatch;
use crate::model::{Category, Figure};

/// How far (in words) a loss word may stand from the figure it governs.
pub const TRIGGER_REACH: usize = 12;

/// A side marker and whether it names the attacker (the loss then being the other side's).
pub type SideMark = (Marker, bool);

/// One piece of a claim found in one sentence.
#[derive(Debug, Clone)]
pub struct Mention {
    pub category: Category,
    pub sentence: usize,
    /// The token claimant and unit are looked for around.
    pub anchor: usize,
    /// Byte range of the evidence in the original text.
    pub evidence: (usize, usize),
    pub figure: Option<Figure>,
    /// The figure counts one day ("за сутки", "over the past day").
    pub daily: bool,
    /// Whose soldiers or equipment: a side marker, and whether it names the attacker (so the
    /// loss is the other side's).
    pub side: Option<(Marker, bool)>,
    /// Counts only when someone is named as claiming it (an unattributed share or a burnt
    /// helicopter with no military word around is no loss report).
    pub needs_claimant: bool,
    /// The first token of the loss word the figure belongs to: figures of one enumeration
    /// ("до 80 человек, два танка, пару БМП, три ББМ") share it.
    pub group: Option<usize>,
    /// Told of another war (Syria, Gaza, …): filed apart, never a Russia–Ukraine claim.
    pub other_conflict: bool,
}

/// A figure a refusal counts: the index of the figure and the refusal phrase's tokens.
#[derive(Debug, Clone, Copy)]
pub struct Taken {
    pub fig: usize,
    pub first: usize,
    pub last: usize,
}

pub(super) fn is_trigger(r: Role) -> bool {
    r.counts_losses()
}

/// "могут потерять", "пытались уничтожить": a word of possibility or attempt shortly before
/// the loss word in its clause ("пытались выбраться, потеряв …" is a loss all the same).
pub(super) fn hypothetical_before(ctx: &Ctx, t: usize) -> bool {
    let range = ctx.clause(t);
    let from = t.saturating_sub(3).max(range.start);
    ctx.within(from..t, |r| r == Role::Hypothetical)
        .any(|x| !ctx.has_at(x.first, Role::HedgedPast))
}

pub(super) fn is_passive(ctx: &Ctx, x: &PhraseMatch<Role>) -> bool {
    x.first > 0
        && ctx.has_at(x.first - 1, Role::PassiveAux)
        && ctx.doc.sentence_of(x.first - 1) == ctx.doc.sentence_of(x.first)
}

pub(super) fn nearest(markers: Vec<Marker>, t: usize) -> Option<Marker> {
    markers
        .into_iter()
        .min_by_key(|m| if m.last < t { t - m.last } else { m.first - t })
}

/// Tokens right after the figure that still belong to it ("солдат ВСУ", "бойцов двух
/// украинских подразделений"): up to four, without punctuation.
pub(super) fn own_end(ctx: &Ctx, f: &FigureHit) -> usize {
    let range = ctx.doc.sentence_range(f.first);
    let mut end = f.last + 1;
    while end < range.end && end <= f.last + 4 && ctx.only_spaces_between(end - 1, end) {
        end += 1;
    }
    end
}

/// Words before a figure where the force whose dead it counts is named.
const OWNER_WORDS: usize = 6;

/// Where the owner of the figure starting at `t` is named ("у противника до 20 погибших и около
/// 30 раненых"), in its clause: a word in this range right after "у" ([`owned`]).
pub(super) fn owner_range(ctx: &Ctx, t: usize) -> std::ops::Range<usize> {
    let clause = ctx.clause(t);
    t.saturating_sub(OWNER_WORDS).max(clause.start + 1)..t.max(clause.start + 1)
}

/// Token `t` follows "у": what it names has what is counted next ("у ворога 15 загиблих").
pub(super) fn owned(ctx: &Ctx, t: usize) -> bool {
    t > 0 && ctx.doc.word(t - 1).to_lowercase() == "у"
}
