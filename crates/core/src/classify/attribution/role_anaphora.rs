//! "За словами президента", "по словам министра", "according to the president": a role word
//! a source cue opens, with no name after it, stands for the person introduced with that role
//! a few sentences before ("Президент Володимир Зеленський …").

use super::super::context::Ctx;
use super::super::lexicon::Role;
use super::super::matcher::PhraseMatch;
use super::{Claimant, persons};

/// How many sentences back the person is looked for.
const SENTENCES_BACK: usize = 10;
/// How many words before a name its role word may stand ("президент України Володимир").
const ROLE_BEFORE_NAME: usize = 4;
/// Letters of a role word compared, so declined forms agree ("президента", "президент").
const STEM_CHARS: usize = 5;

/// The person introduced with the role word `role` (of sentence `s`) in one of the sentences
/// before, nearest first; `None` unless a source cue opens the role word.
pub(super) fn introduced_before(ctx: &Ctx, s: usize, role: &PhraseMatch<Role>) -> Option<Claimant> {
    if !opened_by_cue(ctx, role.first) {
        return None;
    }
    let stem: String = ctx
        .doc
        .word(role.first)
        .to_lowercase()
        .chars()
        .take(STEM_CHARS)
        .collect();
    (s.saturating_sub(SENTENCES_BACK)..s)
        .rev()
        .find_map(|earlier| {
            persons(ctx, earlier, false)
                .into_iter()
                .find(|c| introduced_as(ctx, c.token, &stem))
                .map(|c| Claimant {
                    token: role.first,
                    ..c
                })
        })
}

/// A source cue ends right before token `t`, or before an article there ("according to the").
fn opened_by_cue(ctx: &Ctx, t: usize) -> bool {
    let article = t > 0 && matches!(ctx.doc.word(t - 1).to_lowercase().as_str(), "the");
    let from = t.saturating_sub(4);
    ctx.within(from..t, |r| r == Role::Anaphora)
        .any(|x| x.last + 1 == t || (article && x.last + 2 == t))
}

/// A word starting with `stem` stands in the few words before the name at `token`.
fn introduced_as(ctx: &Ctx, token: usize, stem: &str) -> bool {
    let start = ctx.doc.sentence_range(token).start;
    (token.saturating_sub(ROLE_BEFORE_NAME).max(start)..token)
        .any(|t| ctx.doc.word(t).to_lowercase().starts_with(stem))
}
