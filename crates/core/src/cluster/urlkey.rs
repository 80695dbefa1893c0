//! One key per article address, so the same article reached by other spellings of its URL
//! joins its story: `http`/`https`, `www.`, `m.` and `amp.` hosts, a trailing slash or `/amp`,
//! a fragment, and tracking parameters (`utm_*`, `fbclid`, `gclid`, `ref`, …) make no
//! difference; other query parameters, sorted, do. A language marker — a first path segment
//! such as `/ru/`, `/ukr/` or `/en-us/`, or a host prefix such as `ru.` — is dropped too: a
//! multilingual site's translations of one article differ only there, and a translation tells
//! the same story.

use crate::text::hash::hash64;

const TRACKING: &[&str] = &[
    "fbclid",
    "gclid",
    "yclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ref",
    "ref_src",
    "ref_url",
    "referrer",
    "source",
    "src",
    "share",
    "si",
    "feature",
    "cmpid",
    "output",
    "amp",
    "rss",
    "at_medium",
    "at_campaign",
    "spm",
];

/// Language codes sites put in their addresses (ISO 639-1, the 639-2 forms sites use, and
/// the country codes used for a language: `ua`, `by`, `kz`, `cz`).
const LANGUAGES: &[&str] = &[
    "en", "eng", "ru", "rus", "uk", "ukr", "ua", "be", "bel", "by", "pl", "pol", "de", "deu",
    "ger", "fr", "fra", "fre", "es", "esp", "spa", "it", "ita", "pt", "por", "nl", "bg", "sr",
    "hr", "cs", "cz", "sk", "sl", "ro", "rom", "hu", "lt", "lv", "et", "ka", "geo", "hy", "az",
    "kk", "kz", "uz", "tr", "tur", "ar", "ara", "he", "fa", "zh", "ja", "ko",
];

/// "ru", "ukr", "en-us", "uk_UA": a language (with an optional two-letter region).
fn is_language(segment: &str) -> bool {
    let lower = segment.to_ascii_lowercase();
    let lang = match lower.split_once(['-', '_']) {
        Some((lang, region))
            if region.len() == 2 && region.bytes().all(|b| b.is_ascii_alphabetic()) =>
        {
            lang
        }
        Some(_) => return false,
        None => lower.as_str(),
    };
    LANGUAGES.contains(&lang)
}

fn is_tracking(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("utm_") || lower.starts_with("_ga") || TRACKING.contains(&lower.as_str())
}

/// The canonical form of an http(s) URL, or `None` for anything else.
pub fn canonical_url(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.len() > 4096 {
        return None;
    }
    let url = url::Url::parse(raw).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let mut host = url.host_str()?.to_ascii_lowercase();
    for prefix in ["www.", "m.", "amp.", "mobile."] {
        if let Some(rest) = host.strip_prefix(prefix)
            && rest.contains('.')
        {
            host = rest.to_owned();
        }
    }
    if let Some((first, rest)) = host.split_once('.')
        && rest.contains('.')
        && is_language(first)
    {
        host = rest.to_owned();
    }
    let mut path = url.path().trim_end_matches('/').to_owned();
    if let Some((first, rest)) = path.trim_start_matches('/').split_once('/')
        && is_language(first)
        && !rest.is_empty()
    {
        path = format!("/{rest}");
    }
    for suffix in ["/amp", ".amp"] {
        if let Some(p) = path.strip_suffix(suffix) {
            path = p.trim_end_matches('/').to_owned();
        }
    }
    if let Some(p) = path.strip_prefix("/amp/") {
        path = format!("/{p}");
    }
    let mut params: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !is_tracking(k))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    params.sort();
    let mut out = format!("{host}{path}");
    for (i, (k, v)) in params.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    Some(out)
}

/// A 64-bit key of the canonical URL.
pub fn url_key(raw: &str) -> Option<u64> {
    canonical_url(raw).map(|c| hash64(c.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twins_share_a_key() {
        let a = url_key("https://www.example.org/news/123/?utm_source=tg&utm_medium=social#top");
        assert!(a.is_some());
        for twin in [
            "http://example.org/news/123",
            "https://example.org/news/123/amp",
            "https://m.example.org/news/123?fbclid=XYZ",
            "HTTPS://EXAMPLE.ORG/news/123?ref=rss",
        ] {
            assert_eq!(url_key(twin), a, "{twin}");
        }
    }

    #[test]
    fn translations_share_a_key() {
        let a = url_key("https://www.example.ua/rus/news/five-reasons-1755684933.html");
        assert!(a.is_some());
        for twin in [
            "https://www.example.ua/ukr/news/five-reasons-1755684933.html/amp",
            "https://example.ua/news/five-reasons-1755684933.html",
            "https://example.ua/en-US/news/five-reasons-1755684933.html",
            "https://ru.example.ua/news/five-reasons-1755684933.html",
        ] {
            assert_eq!(url_key(twin), a, "{twin}");
        }
        // Not a language: a section, a word, or a language code that is the whole path.
        assert_ne!(
            url_key("https://example.ua/world/news/five-reasons-1755684933.html"),
            a
        );
        assert_ne!(
            url_key("https://example.org/ru"),
            url_key("https://example.org/en")
        );
        assert_ne!(
            url_key("https://example.org/english/1"),
            url_key("https://example.org/1")
        );
        assert_ne!(url_key("https://ru.org/1"), url_key("https://en.org/1"));
    }

    #[test]
    fn different_articles_differ() {
        let a = url_key("https://example.org/news/123");
        assert_ne!(url_key("https://example.org/news/124"), a);
        assert_ne!(url_key("https://example.org/news/123?id=5"), a);
        assert_ne!(url_key("https://other.org/news/123"), a);
        assert_eq!(
            url_key("https://example.org/a?b=2&a=1"),
            url_key("https://example.org/a?a=1&b=2")
        );
    }

    #[test]
    fn non_web_and_junk_have_no_key() {
        for s in [
            "",
            "not a url",
            "ftp://example.org/x",
            "file:///etc/passwd",
            "https://",
        ] {
            assert_eq!(url_key(s), None, "{s}");
        }
        let _ = url_key(&format!("https://example.org/{}", "a".repeat(10_000)));
    }
}
