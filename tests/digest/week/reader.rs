//! The week read at a glance, per reader language: every entry's first line (the claim line)
//! starts with a word, not an emoji or an emphasis marker, and ends with a whole word; the
//! headline linking to its post ends with a whole word of that post; and the claimant is named
//! in the reader's language wherever the claim's claimant (or, for a channel's own report,
//! the channel) is a known one.

use super::feeds::linked_posts;
use claimwatch::entry::plain::to_plain;
use claimwatch::entry::who::capitalised;
use claimwatch::model::Lang;
use claimwatch::names::claimants;
use claimwatch::store::ClaimView;
use claimwatch::text::headline::is_emoji;
use std::collections::{HashMap, HashSet};

/// What one language's digest showed.
#[derive(Debug, Default)]
pub struct Reading {
    pub entries: usize,
    /// Entries naming a known claimant.
    pub known: usize,
    /// Of those, named as the table names it in the reader's language.
    pub named_right: usize,
    pub problems: Vec<String>,
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Words a claim line may end with: the wording of the reader's language, and every
/// gazetteer and claimant name.
fn vocabulary(lang: Lang) -> HashSet<String> {
    let texts = serde_json::to_string(claimwatch::i18n::entry_texts(lang)).unwrap();
    let mut v: HashSet<String> = words(&texts).collect();
    for p in claimwatch::names::places::all() {
        v.extend(words(p.name(lang)).collect::<Vec<_>>());
    }
    for k in claimwatch::classify::claimants::all() {
        v.extend(words(k.display(lang)).collect::<Vec<_>>());
    }
    v
}

fn last_word(line: &str) -> String {
    words(line.trim_end_matches(['…', '.', ')', '»', ' ']))
        .last()
        .unwrap_or_default()
}

/// The name a reader of `lang` should see for each claim of the entry's posts: a known
/// claimant (of the claim, else of the channel when the claim names none) in their language,
/// anyone else as written.
fn expected(posts: &[String], claims: &[ClaimView], lang: Lang) -> HashSet<String> {
    let mut out = HashSet::new();
    for v in claims {
        let linked: Vec<String> = v
            .sources
            .iter()
            .filter_map(|s| linked_posts(s.url.as_deref()?).pop())
            .collect();
        if !linked.iter().any(|p| posts.contains(p)) {
            continue;
        }
        let c = &v.claim.claim;
        let written = c
            .claimant
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let channel = v.sources.first().map(|s| s.source_name.trim());
        let name = match claimants::resolve(c.claimant_id.as_deref(), written) {
            Some(k) => k.display(lang).to_owned(),
            None => match written.or(channel) {
                Some(n) => {
                    claimants::by_name(n).map_or(n.to_owned(), |k| k.display(lang).to_owned())
                }
                None => continue,
            },
        };
        out.insert(capitalised(&name));
    }
    out
}

/// Reads `digest` (one language's `digest --print`) against the week's posts and claims.
pub fn read(
    digest: &str,
    lang: Lang,
    posts: &HashMap<String, String>,
    claims: &[ClaimView],
) -> Reading {
    let vocab = vocabulary(lang);
    let mut r = Reading::default();
    for block in digest.split("\n\n").flat_map(|b| b.split("\n• ")) {
        let block = block.strip_prefix("• ").unwrap_or(block);
        let linked = linked_posts(block);
        if linked.is_empty() {
            continue;
        }
        r.entries += 1;
        let first_html = block.lines().next().unwrap_or("").trim_start_matches("• ");
        let first = to_plain(first_html);
        let start = first.chars().next().unwrap_or(' ');
        if is_emoji(start) || matches!(start, '*' | '_' | '~' | '|' | '`') || start.is_whitespace()
        {
            r.problems.push(format!("starts badly: {first}"));
        }
        let post_words: HashSet<String> = linked
            .iter()
            .filter_map(|p| posts.get(p))
            .flat_map(|t| words(t).collect::<Vec<_>>())
            .collect();
        let end = last_word(&first);
        let whole = end.chars().all(|c| c.is_ascii_digit())
            || vocab.contains(&end)
            || post_words.contains(&end);
        if !whole {
            r.problems.push(format!("ends mid-word ({end:?}): {first}"));
        }
        let sources = block.lines().last().unwrap_or("");
        let headline = sources
            .split_once("</a> (")
            .and_then(|(before, _)| before.rsplit_once("\">"))
            .map(|(_, h)| h);
        if let Some(head) = headline {
            let end = last_word(&to_plain(head));
            if !end.is_empty() && !post_words.contains(&end) && !vocab.contains(&end) {
                r.problems
                    .push(format!("headline ends mid-word ({end:?}): {head}"));
            }
        }
        let named = first_html
            .strip_prefix("<b>")
            .and_then(|s| s.split_once("</b>"))
            .map(|(n, _)| to_plain(n))
            .unwrap_or_default();
        let want = expected(&linked, claims, lang);
        if !want.contains(&named) {
            r.problems
                .push(format!("names {named:?}, expected one of {want:?}"));
        }
        if let Some(k) = claimants::by_name(&named) {
            r.known += 1;
            if named == capitalised(k.display(lang)) {
                r.named_right += 1;
            } else {
                r.problems
                    .push(format!("{named:?} is {:?} in {lang}", k.display(lang)));
            }
        }
    }
    r
}
