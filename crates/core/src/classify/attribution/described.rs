//! A speaker the text describes rather than names, in the clause a verb of saying opens or
//! closes at the end of a sentence ("…, повідомили в бригаді", "…, сообщил источник в
//! силовых структурах", "…, a Ukrainian lawmaker said on Tuesday"), or after a source cue
//! opening it ("По оценкам западных аналитиков, …"). The description, as
//! written, is the source; a pronoun ("he said") describes nobody.

use super::super::context::Ctx;
use super::super::lexicon::Role;
use super::super::matcher::PhraseMatch;
use std::ops::Range;

/// The most words a description takes.
const MAX_WORDS: usize = 7;
/// The most words after a closing verb of saying ("said on Tuesday", "said in a statement").
const TAIL_WORDS: usize = 4;

/// Prepositions of place that may open a description ("в бригаде", "у ВМС").
const AT: [&str; 3] = ["в", "у", "во"];

/// The first and last token of the speaker described at the end of sentence `range`.
pub(super) fn described_speaker(ctx: &Ctx, range: &Range<usize>) -> Option<(usize, usize)> {
    ctx.within(range.clone(), |r| r == Role::AttributionVerb)
        .find_map(|x| after_verb(ctx, range, x).or_else(|| before_verb(ctx, range, x)))
        .or_else(|| after_cue(ctx, range))
}

/// "По оценкам западных аналитиков, …": a source cue opening the sentence, the description
/// running to the clause's end.
fn after_cue(ctx: &Ctx, range: &Range<usize>) -> Option<(usize, usize)> {
    let x = ctx
        .within(range.clone(), |r| r == Role::Anaphora)
        .find(|x| x.first == range.start)?;
    let first = x.last + 1;
    if first >= range.end {
        return None;
    }
    let last = ctx.clause(first).end - 1;
    describes(ctx, first, last).then_some((first, last))
}

/// "…, сообщил источник в силовых структурах.": the verb opens the sentence's last clause
/// and the description runs to the sentence's end.
fn after_verb(ctx: &Ctx, range: &Range<usize>, x: &PhraseMatch<Role>) -> Option<(usize, usize)> {
    let opens = x.first > range.start && ctx.doc.gap_after(x.first - 1).contains([',', '—', '–']);
    // "according to military commanders": the preposition is the verb's.
    let next = x.last + 1;
    let first = next + usize::from(next < range.end && ctx.doc.word(next) == "to");
    if !opens || first >= range.end || ctx.clause(first).end != range.end {
        return None;
    }
    let last = range.end - 1;
    describes(ctx, first, last).then_some((first, last))
}

/// "…, a Ukrainian lawmaker said (on Tuesday).": the description opens the sentence's last
/// clause and the verb closes it.
fn before_verb(ctx: &Ctx, range: &Range<usize>, x: &PhraseMatch<Role>) -> Option<(usize, usize)> {
    let clause = ctx.clause(x.first);
    let closes = clause.end == range.end && range.end - 1 - x.last <= TAIL_WORDS;
    if !closes || clause.start == range.start || clause.start >= x.first {
        return None;
    }
    let (first, last) = (clause.start, x.first - 1);
    describes(ctx, first, last).then_some((first, last))
}

/// Tokens `first..=last` describe a speaker: a few words holding a word for one, or a
/// capitalised name, and no verb of saying or word of loss.
fn describes(ctx: &Ctx, first: usize, last: usize) -> bool {
    let words = first..last + 1;
    let kind = ctx.any_within(words.clone(), Role::SpeakerKind);
    // "повідомили у ВМС": a place word before the name.
    let at = usize::from(AT.contains(&ctx.doc.word(first)) && first < last);
    let named = ctx.doc.tokens[first + at].capitalized && !ctx.doc.tokens[first + at].is_number;
    let other = ctx.within(words, |r| {
        matches!(
            r,
            Role::AttributionVerb
                | Role::LossWord
                | Role::Killed
                | Role::Wounded
                | Role::CollectiveOutlet
                | Role::OutletWord
        )
    });
    last + 1 - first <= MAX_WORDS && (kind || named) && other.count() == 0
}
