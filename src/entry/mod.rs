//! One entry, rendered one way everywhere: the digest, `/recent`, `/search`, `claimwatch
//! search` and `digest --print` (`--plain` turns the same HTML into terminal text, [`plain`]).
//!
//! An entry is at most three lines before its sources: the claim line ([`line`]: who claims
//! what, about whom, where, when, composed from the filed claim in the reader's language),
//! an italic line with what did not fit (a loss claim's unit, more figures), and in search
//! hits the phrase that decided the claim; in `/recent`, a line for each other claim of the
//! story follows. Then the sources line ([`sources`]), where the post's cleaned headline is
//! the link to the first source. Claimants are named by [`who`], places by [`place`], figures
//! by [`figures`]; the General Staff's totals and a daily reporter's series are one-line
//! blocks ([`blocks`]).

pub mod blocks;
pub mod figures;
pub mod line;
pub mod place;
pub mod plain;
mod present;
pub mod sources;
pub mod who;

pub use present::present;

use crate::digest::format::{fill_html, local_when};
use crate::i18n::{entry_texts, texts};
use crate::model::{Category, Claim, Lang, SourceRef};
use crate::text::escape_html;
use crate::text::headline::cut_at_word;
use crate::tz::ChatTz;
use chrono::{DateTime, Utc};

/// Longest phrase of evidence shown, in characters.
const MAX_EVIDENCE_CHARS: usize = 200;
/// Other claims of the story shown under the claim line; more are counted ("＋ … 2").
const MAX_OTHER_CLAIMS: usize = 3;

/// What an entry shows.
#[derive(Debug, Clone)]
pub struct EntryInput<'a> {
    /// The claim the entry is about (`None` only for a story without claims).
    pub claim: Option<&'a Claim>,
    /// The section's category, for a story without claims.
    pub category: Category,
    /// The story's title: the first post's first line.
    pub title: &'a str,
    /// Distinct outlets, first source first.
    pub sources: Vec<&'a SourceRef>,
    /// When it was claimed, shown on the sources line when given.
    pub when: Option<DateTime<Utc>>,
    /// The story's other claims, a line each under the claim line (`/recent` shows a story
    /// once, with every claim it carries).
    pub others: Vec<&'a Claim>,
}

/// How an entry is shown.
#[derive(Debug, Clone)]
pub struct Style<'a> {
    pub lang: Lang,
    pub tz: &'a ChatTz,
    /// Before the claim line, as HTML: "•" in the digest, "<b>3.</b>" in a search.
    pub marker: String,
    /// Outlets named before "+N".
    pub sources_shown: usize,
    /// Show the phrase that decided the claim (search hits with room for it).
    pub evidence: bool,
}

/// The entry as Telegram HTML, its lines joined by newlines.
pub fn render(input: &EntryInput<'_>, style: &Style<'_>) -> String {
    let lang = style.lang;
    let channel = input.sources.first().map(|s| s.source_name.as_str());
    let who = who::of(input.claim, channel, lang);
    let composed = line::compose(input.claim, input.category, &who, lang);
    let mut lines = vec![format!("{} {}", style.marker, composed.html)];
    let t = entry_texts(lang);
    let mut details: Vec<String> = composed.unit.into_iter().collect();
    if !composed.rest.is_empty() {
        let rest: Vec<String> = composed
            .rest
            .iter()
            .map(|f| escape_html(&figures::phrase(t, lang, f, None)))
            .collect();
        let more = input.claim.is_some_and(|c| {
            c.figures.iter().filter(|f| f.value >= 0).count() > figures::MAX_FIGURES
        });
        let list = rest.join(", ") + if more { ", …" } else { "" };
        details.push(fill_html(t.also, &[("figures", &list)]));
    }
    if !details.is_empty() {
        lines.push(format!("<i>{}</i>", details.join(" · ")));
    }
    let evidence = input.claim.and_then(|c| c.evidence.first());
    let headline = sources::headline(input.title, evidence.map(String::as_str), lang);
    if let Some(e) = evidence
        .filter(|_| style.evidence)
        .and_then(|e| present(Some(e)))
    {
        let e = cut_at_word(
            &e.split_whitespace().collect::<Vec<_>>().join(" "),
            MAX_EVIDENCE_CHARS,
        );
        if e != headline {
            lines.push(format!("<i>«{}»</i>", escape_html(&e)));
        }
    }
    lines.extend(other_claims(&input.others, channel, lang));
    let when = input
        .when
        .map(|at| escape_html(&local_when(&texts(lang).digest, style.tz, at)));
    lines.push(sources::line(
        &headline,
        &input.sources,
        style.sources_shown,
        lang,
        when.as_deref(),
    ));
    lines.join("\n")
}

/// A line per other claim of the story ("＋ SHOT claims …"), at most [`MAX_OTHER_CLAIMS`],
/// then how many more.
fn other_claims(others: &[&Claim], channel: Option<&str>, lang: Lang) -> Vec<String> {
    let mut lines: Vec<String> = others
        .iter()
        .take(MAX_OTHER_CLAIMS)
        .map(|c| {
            let who = who::of(Some(c), channel, lang);
            format!("＋ {}", line::compose(Some(c), c.category, &who, lang).html)
        })
        .collect();
    if others.len() > MAX_OTHER_CLAIMS {
        lines.push(format!("＋ … {}", others.len() - MAX_OTHER_CLAIMS));
    }
    lines
}
