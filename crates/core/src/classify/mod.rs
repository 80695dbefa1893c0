//! Classification and claim extraction: decides whether an item reports soldiers refusing to
//! fight (refusal) or military losses (losses), and files each report as a claim — who claims
//! what, about whom, with which figures, and the phrases that decided it. Pure and fast: no
//! I/O, bounded work per item (see `doc::MAX_CHARS`), never panics. Lexicons and rules live in
//! `lexicon/*.toml`, compiled in.

mod admit;
mod attribution;
pub mod claimants;
mod claims;
mod context;
mod doc;
mod figures;
pub mod lexicon;
mod losses;
mod matcher;
mod mention;
mod model_names;
mod numbers;
mod places;
mod refusal;
mod unnumbered;

use crate::model::{Category, Claim, Lang};
use lexicon::Role;
use serde::Serialize;

/// One normalised item to classify. `lang` is the known language, or `None` to detect it.
#[derive(Debug, Clone, Copy)]
pub struct ClassifyInput<'a> {
    pub title: &'a str,
    pub text: &'a str,
    pub lang: Option<Lang>,
}

/// What an item reports: its language, the categories it falls in (in the order refusal,
/// losses) and its claims.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub lang: Lang,
    pub categories: Vec<Category>,
    pub claims: Vec<Claim>,
}

/// Classifies one item and extracts its claims.
pub fn classify(input: &ClassifyInput) -> Classification {
    let title = doc::cap_chars(input.title.trim(), 2_000);
    let body = doc::cap_chars(input.text, doc::MAX_CHARS);
    let combined;
    // Where the body starts in `text` (0: no title, or only a title).
    let (text, body_start): (&str, usize) = if title.is_empty() {
        (body, doc::headline_end(body))
    } else if body.trim().is_empty() {
        (title, 0)
    } else {
        combined = format!("{title}\n\n{body}");
        (&combined, title.len() + 2)
    };
    let lang = input
        .lang
        .unwrap_or_else(|| crate::text::lang::detect(text));
    let empty = Classification {
        lang,
        categories: Vec::new(),
        claims: Vec::new(),
    };
    let Ok(lex) = lexicon::get() else {
        return empty;
    };
    // Nothing that can start a report: most texts stop here, most before they are read
    // word by word.
    if !lex.matcher.may_match(&doc::visible_norm(text)) {
        return empty;
    }
    // Emphasis is no word, so the guard reads the text as written.
    let text = &*doc::without_emphasis(text);
    let d = doc::Doc::new(text);
    let m = lex.matcher.find(&d);
    if !m.all().iter().any(|x| x.role.starts_report())
        || m.all().iter().any(|x| x.role == Role::Staged)
    {
        return empty;
    }
    let nums = numbers::find(&d, &m);
    let ctx = context::Ctx {
        doc: &d,
        m: &m,
        lex,
        lang,
        nums,
        body_start,
    };
    let figs = figures::find(&ctx);
    let (refusal_mentions, taken) = refusal::find(&ctx, &figs);
    let loss_mentions = losses::find(&ctx, &figs, &taken);
    let mut claims = claims::build(&ctx, &refusal_mentions, Category::Refusal);
    claims.extend(claims::build(&ctx, &loss_mentions, Category::Losses));
    // Claims from other wars are kept, marked, but put the item in no category.
    let categories = Category::ALL
        .into_iter()
        .filter(|c| claims.iter().any(|x| x.category == *c && !x.other_conflict))
        .collect();
    Classification {
        lang,
        categories,
        claims,
    }
}

#[cfg(test)]
mod tests;
