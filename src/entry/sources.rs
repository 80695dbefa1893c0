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
