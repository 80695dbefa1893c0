//! Names of people: a capitalised word that can be part of a name, and the first and last
//! name a role word introduces ("Головнокомандувач ЗСУ Олександр Сирський").

use super::super::context::Ctx;
use super::super::lexicon::Role;
use super::super::matcher::PhraseMatch;
use std::ops::Range;

/// A capitalised word that is no place, no role word, no word for a speaker ("Brigade") and no
/// word known not to be a name.
pub(super) fn is_name_word(ctx: &Ctx, t: usize) -> bool {
    let tok = ctx.doc.tokens[t];
    tok.capitalized
        && !tok.all_caps
        && !tok.is_number
        && !ctx.in_name(t)
        && !ctx.has_at(t, Role::NotPlace)
        && !ctx.has_at(t, Role::NotName)
        && !ctx.has_at(t, Role::PersonRole)
        && !ctx.has_at(t, Role::SpeakerKind)
}

/// How many words may stand between a role word and the name it introduces ("глава
/// Коченевского района Новосибирской области Евгений Антипов").
const ROLE_REACH: usize = 5;

/// The first and last name a role word `x` introduces within its sentence, if any.
pub(super) fn name_after_role(
    ctx: &Ctx,
    x: &PhraseMatch<Role>,
    range: &Range<usize>,
) -> Option<(usize, usize)> {
    let mut p = x.last + 1;
    let mut skipped = 0;
    while p + 1 < range.end && !(is_name_word(ctx, p) && is_name_word(ctx, p + 1)) {
        if ctx.in_name(p) || ctx.doc.tokens[p].all_caps {
            p += 1;
            continue;
        }
        skipped += 1;
        if skipped > ROLE_REACH {
            break;
        }
        p += 1;
    }
    let named = p + 1 < range.end && is_name_word(ctx, p) && is_name_word(ctx, p + 1);
    (named && ctx.only_spaces_between(p, p + 1)).then_some((p, p + 1))
}
