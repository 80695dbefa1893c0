//! A speaker the text describes rather than names, in the clause a verb of saying opens or
//! closes at the end of a sentence ("…, повідомили в бригаді", "…, сообщил источник в
//! силовых структурах", "…, a Ukrainian lawmaker said on Tuesday"), opening it before its verb
//! ("Ukraine's navy said …"), or after a source cue opening it ("По оценкам западных
//! аналитиков, …"). The description, as written, is the source; a pronoun ("he said")
//! describes nobody.

use super::super::context::Ctx;
use super::super::lexicon::Role;
use super::super::matcher::PhraseMatch;
use std::ops::Range;

/// The most words a description takes.
const MAX_WORDS: usize = 9;
/// The most words after a closing verb of saying ("said on Tuesday", "said in a statement").
const TAIL_WORDS: usize = 4;

/// Prepositions of place that may open a description ("в бригаде", "у ВМС").
const AT: [&str; 3] = ["в", "у", "во"];

/// Token `t` is a preposition of place opening a description ("у 3-й ОШБр").
pub(super) fn opens_at(ctx: &Ctx, t: usize) -> bool {
    t < ctx.doc.tokens.len() && AT.contains(&ctx.doc.word(t))
}

/// The first and last token of the speaker described in sentence `range`; one opening the
/// sentence before its verb only when `own` (the claim's own sentence: a speaker opening an
/// earlier sentence tells that sentence). A place word before it is the verb's, not the
/// speaker's ("повідомили в 47-й бригаді": the brigade).
pub(super) fn described_speaker(
    ctx: &Ctx,
    range: &Range<usize>,
    own: bool,
) -> Option<(usize, usize)> {
    let (first, last) = ctx
        .within(range.clone(), |r| r == Role::AttributionVerb)
        .find_map(|x| {
            after_verb(ctx, range, x)
                .or_else(|| before_verb(ctx, range, x))
                .or_else(|| own.then(|| opening(ctx, range, x)).flatten())
        })
        .or_else(|| after_cue(ctx, range))?;
    // "В августе губернатор сообщал …": the time told first is no part of the speaker.
    let when = ctx
        .m
        .at(first)
        .iter()
        .filter(|p| matches!(p.role, Role::Period | Role::Daily))
        .map(|p| p.last + 1)
        .filter(|&t| t <= last)
        .max();
    if let Some(after) = when {
        return Some((after, last));
    }
    let at = first < last && AT.contains(&ctx.doc.word(first));
    // "The ministry also claimed": the adverb before the verb is no part of the speaker.
    let mut last = last;
    while last > first && ctx.has_at(last, Role::SpeakerAdverb) {
        last -= 1;
    }
    Some((first + usize::from(at), last))
}

/// "Ukraine's navy said it sank …", "Командир батальона рассказал, что …": the description
/// opens the sentence and the verb of saying follows it.
fn opening(ctx: &Ctx, range: &Range<usize>, x: &PhraseMatch<Role>) -> Option<(usize, usize)> {
    let (first, last) = (range.start, x.first.checked_sub(1)?);
    let plain = (first..x.first).all(|t| t == last || ctx.only_spaces_between(t, t + 1));
    // Every sentence opens with a capital: only a word for a speaker tells one here.
    let kind = ctx.any_within(first..x.first, Role::SpeakerKind);
    (x.first > first && plain && kind && describes(ctx, first, last)).then_some((first, last))
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
/// and the description runs to the sentence's end, or to a gerund of saying ("…, добавив").
fn after_verb(ctx: &Ctx, range: &Range<usize>, x: &PhraseMatch<Role>) -> Option<(usize, usize)> {
    let opens = x.first > range.start && ctx.doc.gap_after(x.first - 1).contains([',', '—', '–'])
        || after_back_reference(ctx, range, x.first);
    // "according to military commanders": the preposition is the verb's.
    let next = x.last + 1;
    let first = next + usize::from(next < range.end && ctx.doc.word(next) == "to");
    if !opens || first >= range.end {
        return None;
    }
    let end = ctx.clause(first).end;
    // "…, повідомили в пресслужбі бригади, нагадавши, що …": a gerund of saying goes on.
    if end != range.end && !ctx.has_at(end, Role::SpeechGerund) {
        return None;
    }
    let last = end - 1;
    let first = past_addressee(ctx, first, last);
    describes(ctx, first, last).then_some((first, last))
}

/// "Об этом (РИА Новости) рассказал …": the sentence opens with a source cue ("Об этом", "Как
/// сообщил"), and only capitalised words (an outlet told) stand between it and the verb at
/// `verb`.
fn after_back_reference(ctx: &Ctx, range: &Range<usize>, verb: usize) -> bool {
    ctx.within(range.clone(), |r| r == Role::Anaphora)
        .find(|a| a.first == range.start)
        .is_some_and(|a| a.last < verb && (a.last + 1..verb).all(|t| ctx.doc.tokens[t].capitalized))
}

/// How many words addressed before the speaker may stand after the verb ("рассказал
/// журналистам источник", "сообщил изданию собеседник").
const ADDRESSEE_WORDS: usize = 2;

/// The first word of a description after a verb of saying, past the words its speaker
/// addressed: the first that can open a description (a word for a speaker, a name, a
/// modifier, a place word), within `ADDRESSEE_WORDS`; past a named outlet told before a word
/// for the speaker.
fn past_addressee(ctx: &Ctx, first: usize, last: usize) -> usize {
    let opens = |t: usize| {
        ctx.has_at(t, Role::SpeakerKind)
            || ctx.doc.tokens[t].capitalized
            || ctx.is_modifier(t)
            || AT.contains(&ctx.doc.word(t))
            || PRONOUNS.contains(&ctx.doc.word(t))
            || POSSESSIVES.contains(&ctx.doc.word(t))
    };
    let window = first..=last.min(first + ADDRESSEE_WORDS);
    // "сообщил РБК депутат Госдумы": an outlet told, named, then the word for the speaker.
    let named_before = |k: usize| (first..k).all(|t| ctx.doc.tokens[t].capitalized);
    // "сообщили РИА Новости в Главной военной прокуратуре": the outlet, then the place.
    let speaker_or_place =
        |t: usize| ctx.has_at(t, Role::SpeakerKind) || AT.contains(&ctx.doc.word(t));
    window
        .clone()
        .find(|&t| t > first && speaker_or_place(t) && named_before(t))
        .or_else(|| window.clone().find(|&t| opens(t)))
        .unwrap_or(first)
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

/// Personal pronouns: a speaker named before, not described ("сообщил он журналистам").
const PRONOUNS: [&str; 17] = [
    "он", "она", "они", "оно", "мы", "я", "він", "вона", "вони", "ми", "he", "she", "they", "we",
    "i", "it", "you",
];

/// Possessives that may open a description ("рассказали их родственники", "their wives said").
const POSSESSIVES: [&str; 13] = [
    "их", "его", "ее", "её", "їх", "їхні", "їхня", "його", "її", "their", "his", "her", "its",
];

/// Tokens `first..=last` describe a speaker: a few words holding a word for one, or a
/// capitalised name, and no verb of saying or word of loss; not a pronoun.
fn describes(ctx: &Ctx, first: usize, last: usize) -> bool {
    if PRONOUNS.contains(&ctx.doc.word(first)) {
        return false;
    }
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
    // A number in a description is a unit's ("the 79th brigade"), not a date ("26 ноября").
    let dated = (first..=last).any(|t| {
        ctx.doc.tokens[t].is_number && !(t < last && ctx.has_at(t + 1, Role::OrdinalSuffix))
    });
    last + 1 - first <= MAX_WORDS && (kind || named) && other.count() == 0 && !dated
}
