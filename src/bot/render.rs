//! Telegram HTML for the bot's replies: claim hits, the settings summary, source lines. Every
//! outside string goes through `escape_html` (and is shortened); links are only http(s).

use crate::config::Config;
use crate::entry::{EntryInput, Style};
use crate::i18n::{fill, plural, texts};
use crate::model::{Category, Lang, Metric, Source, SourceRef, Subscriber, Topics};
use crate::store::ClaimView;
use crate::text::{escape_html, truncate_chars};
use crate::tz::ChatTz;
use chrono::{DateTime, Utc};

/// Sources linked per hit before "+N more".
const SOURCES_SHOWN: usize = 3;
/// Longest URL put in an `href`.
const MAX_URL: usize = 500;

/// Escaped and shortened outside text.
pub fn esc(s: &str, max_chars: usize) -> String {
    escape_html(&truncate_chars(s.trim(), max_chars))
}

/// An `href` value for `url` when it is an absolute http(s) URL of sane length.
pub fn safe_href(url: &str) -> Option<String> {
    if url.len() > MAX_URL {
        return None;
    }
    let mut parsed = url::Url::parse(url).ok()?;
    // A feed's credentials never reach a chat.
    let _ = parsed.set_username("");
    let _ = parsed.set_password(None);
    matches!(parsed.scheme(), "http" | "https")
        .then(|| parsed.host_str().is_some())
        .filter(|has_host| *has_host)
        .map(|_| escape_html(parsed.as_str()))
}

/// The chat's time zone, or the configured default.
pub fn chat_tz(sub: Option<&Subscriber>, config: &Config) -> ChatTz {
    config.digest.chat_tz(sub.map(|s| s.timezone.as_str()))
}

/// A local date and time: "2026-11-21 09:00".
pub fn local_time(t: DateTime<Utc>, tz: &ChatTz) -> String {
    tz.local(t).format("%Y-%m-%d %H:%M").to_string()
}

/// "30 days", "30 днів".
pub fn days_phrase(lang: Lang, days: u32) -> String {
    let forms = texts(lang).bot.days_forms;
    format!("{days} {}", plural(lang, u64::from(days), forms))
}

/// An integer with thousands grouped: "28,300" in English, "28 300" otherwise.
pub fn number(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = if lang == Lang::En { ',' } else { '\u{a0}' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A figure's label: the digest's wording, so both say the same.
pub fn metric_name(lang: Lang, m: Metric) -> &'static str {
    crate::digest::format::metric_name(&texts(lang).digest, m)
}

pub fn topics_label(lang: Lang, topics: Topics) -> String {
    let t = &texts(lang).bot;
    let names: Vec<&str> = Category::ALL
        .into_iter()
        .filter(|c| topics.contains(*c))
        .map(|c| match c {
            Category::Refusal => t.topic_refusal,
            Category::Losses => t.topic_losses,
        })
        .collect();
    if names.is_empty() {
        t.topics_none.to_owned()
    } else {
        names.join(", ")
    }
}

/// One search hit, rendered as the digest renders an entry (`entry`): its number, the claim
/// line, what did not fit, the phrase that decided it (unless `compact`), and its sources with
/// the post's headline and the local time of the claim.
pub fn claim_hit(view: &ClaimView, index: usize, lang: Lang, tz: &ChatTz, compact: bool) -> String {
    story_hit(std::slice::from_ref(view), index, lang, tz, compact)
}

/// One story's claims as one hit (`/recent`): the first claim as [`claim_hit`] shows it, a
/// line for each other claim, and the sources of them all.
pub fn story_hit(
    views: &[ClaimView],
    index: usize,
    lang: Lang,
    tz: &ChatTz,
    compact: bool,
) -> String {
    let Some(first) = views.first() else {
        return String::new();
    };
    let all = views.iter().flat_map(|v| &v.sources);
    let sources: Vec<&SourceRef> = crate::entry::sources::distinct(all, first.story.first_item_id);
    let input = EntryInput {
        claim: Some(&first.claim.claim),
        category: first.claim.claim.category,
        title: &first.story.title,
        sources,
        when: Some(first.claim.claimed_at),
        others: views[1..].iter().map(|v| &v.claim.claim).collect(),
    };
    let style = Style {
        lang,
        tz,
        marker: format!("<b>{index}.</b>"),
        sources_shown: SOURCES_SHOWN,
        evidence: !compact,
    };
    crate::entry::render(&input, &style)
}

/// The settings summary shown above the settings keyboard.
pub fn settings_text(sub: &Subscriber, lang: Lang) -> String {
    let t = &texts(lang).bot;
    let status = if sub.subscribed {
        t.settings_on
    } else {
        t.settings_off
    };
    let keywords = if sub.keywords.is_empty() {
        t.settings_keywords_none.to_owned()
    } else {
        fill(
            t.settings_keywords,
            &[("keywords", &keywords_list(&sub.keywords))],
        )
    };
    [
        t.settings_title.to_owned(),
        String::new(),
        status.to_owned(),
        fill(
            t.settings_topics,
            &[("topics", &topics_label(lang, sub.topics))],
        ),
        fill(
            t.settings_time,
            &[
                ("time", &sub.digest_time.format("%H:%M")),
                ("tz", &esc(&sub.timezone, 64)),
            ],
        ),
        fill(
            t.settings_language,
            &[("language", &texts(lang).language_name)],
        ),
        fill(
            crate::i18n::series_texts(lang).settings_chart,
            &[(
                "day",
                &crate::bot::keyboards::chart_day_label(sub.chart_weekday, lang),
            )],
        ),
        keywords,
        String::new(),
        t.settings_hint.to_owned(),
    ]
    .join("\n")
}

/// Keywords for display: escaped, each in `<code>`.
pub fn keywords_list(keywords: &[String]) -> String {
    keywords
        .iter()
        .map(|k| format!("<code>{}</code>", esc(k, 60)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One `/sources` line.
pub fn source_line(s: &Source, lang: Lang, tz: &ChatTz) -> String {
    let t = &texts(lang).bot;
    let status = if s.paused {
        t.source_paused.to_owned()
    } else if s.error_count > 0 {
        fill(t.source_failing, &[("n", &s.error_count)])
    } else {
        t.source_ok.to_owned()
    };
    let name = esc(&s.display_name(), 80);
    let name = match safe_href(&s.url) {
        Some(href) => format!("<a href=\"{href}\">{name}</a>"),
        None => name,
    };
    let when = match s.last_success_at {
        Some(at) => fill(t.source_last_ok, &[("when", &local_time(at, tz))]),
        None => t.source_never.to_owned(),
    };
    format!("<b>#{}</b> {status} {name} · {when}", s.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(number(Lang::En, 28_300), "28,300");
        assert_eq!(number(Lang::Uk, 1_251), "1\u{a0}251");
        assert_eq!(number(Lang::En, -150), "-150");
        assert_eq!(number(Lang::En, 999), "999");
    }

    #[test]
    fn only_http_links() {
        assert!(safe_href("https://x.example/a?b=1&c=\"2\"").is_some_and(|h| !h.contains('"')));
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(
            safe_href("http://reader:PASSWORD@feeds.example/rss").as_deref(),
            Some("http://feeds.example/rss")
        );
        assert_eq!(safe_href("file:///etc/passwd"), None);
        assert_eq!(safe_href("tg://resolve?domain=x"), None);
        assert_eq!(
            safe_href(&format!("https://x.example/{}", "a".repeat(600))),
            None
        );
    }
}
