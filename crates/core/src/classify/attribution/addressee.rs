//! Outlets that were told something or could not check it, not outlets that tell it: "Об этом
//! РИА Новости рассказал начальник", "сообщил ТАСС источник в силовых структурах", "a
//! spokesman told the Kyiv Independent", "Reuters could not independently verify the claim";
//! and institutions that did not comment.

use super::names::is_name_word;
use crate::classify::context::Ctx;
use crate::classify::lexicon::Role;

/// The outlet at tokens `first..=last` was told what the sentence says, or says it could not
/// check it.
pub(super) fn addressed(ctx: &Ctx, first: usize, last: usize) -> bool {
    before_verb_and_speaker(ctx, last)
        || after_verb_before_speaker(ctx, first, last)
        || after_told(ctx, first)
        || unverified(ctx, last)
}

/// Right before a verb of saying whose speaker follows it ("Об этом РИА Новости рассказал
/// начальник отделения").
fn before_verb_and_speaker(ctx: &Ctx, last: usize) -> bool {
    ctx.longest_at(last + 1, |r| r == Role::AttributionVerb)
        .is_some_and(|v| {
            ctx.doc.sentence_of(v.last + 1) == ctx.doc.sentence_of(last)
                && ctx.only_spaces_between(v.last, v.last + 1)
                && ctx.has_at(v.last + 1, Role::SpeakerKind)
        })
}

/// Between a verb of saying and the speaker after it ("сообщил ТАСС источник в силовых
/// структурах", "рассказал РИА Новости командир батальона").
fn after_verb_before_speaker(ctx: &Ctx, first: usize, last: usize) -> bool {
    let sentence = ctx.doc.sentence_range(first);
    let verb_before = first > sentence.start
        && ctx.only_spaces_between(first - 1, first)
        && ctx
            .covering(first - 1, 3, |r| r == Role::AttributionVerb)
            .is_some_and(|v| v.last + 1 == first);
    let speaker_after = last + 1 < sentence.end
        && ctx.only_spaces_between(last, last + 1)
        && (ctx.has_at(last + 1, Role::SpeakerKind)
            || ctx.has_at(last + 1, Role::PersonRole)
            || is_name_word(ctx, last + 1)
            || speaker_at_place(ctx, last + 1));
    verb_before && speaker_after
}

/// Words after "в" where the body that speaks is named ("в Главной военной прокуратуре").
const PLACE_WORDS: usize = 4;

/// "сообщили РИА Новости в Главной военной прокуратуре": "в" or "у" at `t`, a word for a
/// speaker or an institution a few words after it.
fn speaker_at_place(ctx: &Ctx, t: usize) -> bool {
    let sentence = ctx.doc.sentence_range(t);
    let to = (t + 1 + PLACE_WORDS).min(sentence.end);
    super::described::opens_at(ctx, t)
        && ctx
            .within(t + 1..to.max(t + 1), |r| {
                matches!(r, Role::SpeakerKind | Role::Claimant(_))
            })
            .next()
            .is_some()
}

/// After a verb of telling someone ("told the Kyiv Independent", "told Reuters").
fn after_told(ctx: &Ctx, first: usize) -> bool {
    let sentence = ctx.doc.sentence_range(first);
    let article = first > sentence.start && ctx.doc.word(first - 1) == "the";
    let verb_at = if article {
        first.checked_sub(2)
    } else {
        first.checked_sub(1)
    };
    verb_at.is_some_and(|t| t >= sentence.start && ctx.has_at(t, Role::ToldTo))
}

/// Words after an outlet where its "could not verify" may start (and run on past them).
const UNVERIFIED_REACH: usize = 3;

/// Followed by words saying it could not check the claim or would not comment on it
/// ("Reuters could not independently verify", "не смогли проверить", "Russia's Defence
/// Ministry has not commented").
pub(super) fn unverified(ctx: &Ctx, last: usize) -> bool {
    let sentence = ctx.doc.sentence_range(last);
    let to = (last + 1 + UNVERIFIED_REACH).min(sentence.end);
    (last + 1..to).any(|t| ctx.has_at(t, Role::Unverified))
}
