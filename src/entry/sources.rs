//! An entry's sources line: the post's headline, cleaned, as the link to the first source,
//! then the other outlets' names as links and "+N" for the rest, after the count ("3 sources:").

use crate::digest::format::{fill_html, link};
use crate::i18n::{entry_texts, plural, texts};
use crate::model::{Lang, SourceRef};
use crate::text::escape_html;
use crate::text::headline::{clean, cut_at_word, is_boilerplate};

/// Longest headline shown, in characters.
pub const MAX_HEADLINE_CHARS: usize = 100;
/// Longest outlet name shown, in characters.
const MAX_SOURCE_CHARS: usize = 60;

/// The headline a reader sees for a post: its first line cleaned; when that is boilerplate
/// («Главное к вечеру пятницы») or empty, the phrase that decided the claim; else "the post".
pub fn headline(title: &str, evidence: Option<&str>, lang: Lang) -> String {
    let first = clean(title, MAX_HEADLINE_CHARS);
    if !first.is_empty() && !is_boilerplate(&first) {
        return first;
    }
    let quote = evidence
        .map(|e| clean(e, MAX_HEADLINE_CHARS))
        .unwrap_or_default();
    if !quote.is_empty() {
        return quote;
    }
    if first.is_empty() {
        entry_texts(lang).the_post.to_owned()
    } else {
        first
    }
}

/// One source per outlet, in the given order, the outlet of item `lead` (the item whose
/// headline the entry shows) first, so that the headline links to that item.
pub fn distinct<'a>(
    sources: impl IntoIterator<Item = &'a SourceRef> + Clone,
    lead: i64,
) -> Vec<&'a SourceRef> {
    let mut seen = std::collections::HashSet::new();
    let first = sources.clone().into_iter().find(|s| s.item_id == lead);
    first
        .into_iter()
        .chain(sources)
        .filter(|s| seen.insert(s.source_id))
        .collect()
}

/// The sources line (Telegram HTML): "3 sources: <headline> (SHOT) · BBC · +1". `shown` is
/// how many outlets are named before "+N"; `when`, already escaped, goes first.
pub fn line(
    headline: &str,
    sources: &[&SourceRef],
    shown: usize,
    lang: Lang,
    when: Option<&str>,
) -> String {
    let t = &texts(lang).digest;
    let title = escape_html(headline);
    let mut out = when.map(|w| format!("{w} · ")).unwrap_or_default();
    let Some(first) = sources.first() else {
        out.push_str(&title);
        return out;
    };
    let n = sources.len();
    let label = fill_html(plural(lang, n as u64, t.sources), &[("n", &n.to_string())]);
    let name = |s: &SourceRef| escape_html(&cut_at_word(s.source_name.trim(), MAX_SOURCE_CHARS));
    let mut parts = vec![format!(
        "{} ({})",
        link(first.url.as_deref(), &title),
        name(first)
    )];
    let shown = shown.max(1);
    parts.extend(
        sources
            .iter()
            .skip(1)
            .take(shown - 1)
            .map(|s| link(s.url.as_deref(), &name(s))),
    );
    if n > shown {
        parts.push(format!("+{}", n - shown));
    }
    out.push_str(&format!("{label}: {}", parts.join(" · ")));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn src(id: i64, name: &str, url: Option<&str>) -> SourceRef {
        SourceRef {
            source_id: id,
            source_name: name.into(),
            item_id: id,
            url: url.map(str::to_owned),
            published_at: Utc::now(),
        }
    }

    #[test]
    fn the_headline_is_the_first_sources_link_text() {
        let a = src(1, "SHOT", Some("https://t.me/shot/1"));
        let b = src(2, "BBC <Russian>", Some("javascript:x"));
        let c = src(3, "Mash", None);
        let got = line("Tanks & more", &[&a, &b, &c], 2, Lang::En, Some("14 Nov"));
        assert_eq!(
            got,
            "14 Nov · 3 sources: <a href=\"https://t.me/shot/1\">Tanks &amp; more</a> (SHOT) · BBC &lt;Russian&gt; · +1"
        );
    }

    #[test]
    fn the_headlines_own_item_comes_first_and_each_outlet_once() {
        // Two posts of one channel: the later one gave the story its headline.
        let early = SourceRef {
            item_id: 10,
            ..src(1, "SHOT", Some("https://t.me/shot/10"))
        };
        let bbc = src(2, "BBC", Some("https://t.me/bbc/5"));
        let late = SourceRef {
            item_id: 12,
            ..src(1, "SHOT", Some("https://t.me/shot/12"))
        };
        let got = distinct([&early, &bbc, &late], 12);
        let items: Vec<i64> = got.iter().map(|s| s.item_id).collect();
        assert_eq!(items, vec![12, 2]);
        // Without the lead among them, the order stands.
        let items: Vec<i64> = distinct([&early, &bbc], 99)
            .iter()
            .map(|s| s.item_id)
            .collect();
        assert_eq!(items, vec![10, 2]);
    }

    #[test]
    fn boilerplate_headlines_give_way_to_the_evidence() {
        assert_eq!(
            headline(
                "❗️Главное к вечеру пятницы",
                Some("**ВСУ потеряли до 300 военных**"),
                Lang::Ru
            ),
            "ВСУ потеряли до 300 военных"
        );
        assert_eq!(headline("⚡️", None, Lang::Uk), "допис");
        assert_eq!(headline("Итоги", None, Lang::En), "Итоги");
    }
}
