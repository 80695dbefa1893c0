//! People who tell a claim: known officials, a role word and the name after it, anyone named
//! beside a verb of saying, a role word standing for the person introduced before; not the
//! person a word of killing names.

use super::claimant::{Claimant, as_written};
use super::names::{is_name_word, name_after_role};
use super::{role_anaphora, speaker, spokesman};
use crate::classify::claimants::{Kind, Known};
use crate::classify::context::Ctx;
use crate::classify::lexicon::Role;
use crate::classify::matcher::PhraseMatch;
use crate::model::Metric;

/// The known person or outlet of `kind` whose phrase covers tokens `first..=last`.
pub(super) fn known_name(
    ctx: &Ctx,
    first: usize,
    last: usize,
    kind: Kind,
) -> Option<&'static Known> {
    let from = first.saturating_sub(2);
    ctx.m
        .within(from..last + 1)
        .iter()
        .filter(|x| x.first <= last && x.last >= first)
        .find_map(|x| ctx.known_claimant(x.role, kind))
}

/// Officials: a known surname (with the first name before it when written), a role word and
/// a name or call sign after it ("Головнокомандувач ЗСУ Олександр Сирський"), anyone's name
/// beside a verb of saying (`speaker`), or, when `recall`, a role word a source cue opens with
/// no name after it ("за словами президента"), standing for the person introduced before.
pub(super) fn persons(ctx: &Ctx, s: usize, recall: bool) -> Vec<Claimant> {
    let range = ctx.sentence(s);
    let mut out = Vec::new();
    for x in ctx.within(range.clone(), |r| {
        matches!(r, Role::Person | Role::PersonRole)
    }) {
        if victim(ctx, x.first, range.start) {
            continue;
        }
        let (first, last) = if x.role == Role::Person {
            let t = x.first;
            let named_before =
                t > range.start && is_name_word(ctx, t - 1) && ctx.only_spaces_between(t - 1, t);
            (if named_before { t - 1 } else { t }, x.last)
        } else if let Some(name) = name_after_role(ctx, x, &range) {
            name
        } else if let Some(name) =
            speaker::call_sign_after(ctx, x.last, &range, |t| is_name_word(ctx, t))
        {
            name
        } else {
            if let Some(c) = recall.then(|| introduced_before(ctx, s, x)).flatten() {
                out.push(c);
            }
            continue;
        };
        if out.iter().any(|c: &Claimant| c.token == first) || victim(ctx, first, range.start) {
            continue;
        }
        out.push(person(ctx, first, last));
    }
    for (first, last) in speaker::beside_verbs(ctx, &range, |t| is_name_word(ctx, t)) {
        if !out.iter().any(|c| (first..=last).contains(&c.token))
            && !victim(ctx, first, range.start)
        {
            out.push(person(ctx, first, last));
        }
    }
    out
}

/// Words before a soldier's name where the word of killing him is looked for.
const VICTIM_REACH: usize = 10;

/// A person named right after a word of killing or wounding ("загинув командир роти Андрій
/// Коваль, повідомили рідні"), or after a soldier's rank or post that such a word governs
/// before it ("ліквідовано командира … полку полковника Ігоря Мерзлікіна"), is who was hurt,
/// not who tells it.
fn victim(ctx: &Ctx, first: usize, start: usize) -> bool {
    let hurt = |r: Role| {
        matches!(
            r,
            Role::Killed | Role::Wounded | Role::VictimVoice | Role::FellInCombat
        )
    };
    let right_after = ctx
        .within(first.saturating_sub(2).max(start)..first, hurt)
        .any(|x| x.last + 1 == first || x.last + 2 == first);
    let ranked = first > start
        && ctx
            .covering(first - 1, 3, |r| r == Role::Metric(Metric::Personnel))
            .is_some_and(|x| x.last + 1 == first);
    let governed = || {
        let from = first.saturating_sub(VICTIM_REACH).max(start);
        ctx.within(from..first, |r| hurt(r) || r == Role::DestroyedWord)
            .next()
            .is_some()
    };
    // "their commander, Captain Ruslan Tagirov, and six other servicemen were killed": the
    // word of killing after him, with no verb of saying between.
    let governed_after = || {
        let sentence_end = ctx.doc.sentence_range(first).end;
        let to = (first + VICTIM_REACH).min(sentence_end);
        ctx.within(first..to, |r| hurt(r) || r == Role::AttributionVerb)
            .next()
            .is_some_and(|x| x.role != Role::AttributionVerb)
    };
    right_after || (ranked && (governed() || governed_after()))
}

/// The person a role word a source cue opens stands for (see [`role_anaphora`]): the one
/// introduced with that role in the sentences before `s`, nearest first.
fn introduced_before(ctx: &Ctx, s: usize, role: &PhraseMatch<Role>) -> Option<Claimant> {
    let stem = role_anaphora::recalled_role(ctx, role)?;
    (s.saturating_sub(role_anaphora::SENTENCES_BACK)..s)
        .rev()
        .find_map(|earlier| {
            persons(ctx, earlier, false)
                .into_iter()
                .find(|c| role_anaphora::introduced_as(ctx, c.token, &stem))
        })
        .map(|c| Claimant {
            token: role.first,
            ..c
        })
}

/// The person named by tokens `first..=last`: a known one by its id, a spokesman by the
/// institution he speaks for, anyone else as written.
fn person(ctx: &Ctx, first: usize, last: usize) -> Claimant {
    let known = known_name(ctx, first, last, Kind::Person);
    let spoken_for = match known {
        None => spokesman::speaks_for(ctx, last),
        Some(_) => None,
    };
    if let Some(institution) = spoken_for {
        return Claimant::known(institution, first, 0);
    }
    as_written(ctx, (first, last), known, 1)
}
