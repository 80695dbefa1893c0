//! "За словами президента", "по словам министра", "according to the president": a role word
//! a source cue opens, with no name after it, stands for the person introduced with that role
//! a few sentences before ("Президент Володимир Зеленський …"); so does a word for an outlet
//! ("Проект отмечал" after "аналитический проект DeepState").

use super::super::context::Ctx;
use super::super::lexicon::Role;
use super::super::matcher::PhraseMatch;

/// How many sentences back the person is looked for.
pub(super) const SENTENCES_BACK: usize = 10;
/// How many words before a name its role word may stand ("президент України Володимир").
const ROLE_BEFORE_NAME: usize = 4;
/// Letters of a role word compared, so declined forms agree ("президента", "президент").
const STEM_CHARS: usize = 5;

/// The stem of the role word `role` when a source cue opens it ("за словами президента"):
/// what the person it stands for was introduced with.
pub(super) fn recalled_role(ctx: &Ctx, role: &PhraseMatch<Role>) -> Option<String> {
    opened_by_cue(ctx, role.first).then(|| stem(ctx, role.first))
}

/// The stem of the outlet word `word` when it opens sentence `range` or a source cue opens it
/// ("Проект отмечал", "по данным издания", "The outlet said"): what the outlet it stands for
/// was introduced with.
pub(super) fn recalled_outlet_word(
    ctx: &Ctx,
    word: &PhraseMatch<Role>,
    range: &std::ops::Range<usize>,
) -> Option<String> {
    let t = word.first;
    let opens = t == range.start
        || (t == range.start + 1 && ctx.doc.word(t - 1).eq_ignore_ascii_case("the"));
    (opens || opened_by_cue(ctx, t)).then(|| stem(ctx, t))
}

fn stem(ctx: &Ctx, t: usize) -> String {
    ctx.doc
        .word(t)
        .to_lowercase()
        .chars()
        .take(STEM_CHARS)
        .collect()
}

/// A source cue ends right before token `t`, or before an article there ("according to the").
fn opened_by_cue(ctx: &Ctx, t: usize) -> bool {
    let article = t > 0 && ctx.doc.word(t - 1).eq_ignore_ascii_case("the");
    let from = t.saturating_sub(4);
    ctx.within(from..t, |r| r == Role::Anaphora)
        .any(|x| x.last + 1 == t || (article && x.last + 2 == t))
}

/// A word starting with `stem` stands in the few words before the name at `token`.
pub(super) fn introduced_as(ctx: &Ctx, token: usize, stem: &str) -> bool {
    let start = ctx.doc.sentence_range(token).start;
    (token.saturating_sub(ROLE_BEFORE_NAME).max(start)..token)
        .any(|t| ctx.doc.word(t).to_lowercase().starts_with(stem))
}
