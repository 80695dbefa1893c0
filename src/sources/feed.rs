//! RSS 0.9x/1.0/2.0, Atom and JSON Feed through feed-rs: bytes in (decoded by
//! [`super::encoding`] first, so the HTTP charset and Cyrillic guesses apply), raw entries
//! out — title and body still marked up, the chosen link, the guid only when the feed gave one.

use super::encoding::{self, Decoded};
use chrono::{DateTime, Utc};

/// A piece of text from the feed and whether it is HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Markup {
    pub text: String,
    pub is_html: bool,
}

/// One feed entry as the feed gave it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawEntry {
    /// The feed's own id (RSS guid, Atom id, JSON Feed id), when present.
    pub guid: Option<String>,
    pub title: Option<Markup>,
    /// Full content when present, else the summary.
    pub body: Option<Markup>,
    /// The entry's web page (absolute http(s) URL), when it has one.
    pub link: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    pub author: Option<String>,
}

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    /// RSS `<ttl>`: minutes the feed may be cached.
    pub ttl_minutes: Option<u32>,
    pub entries: Vec<RawEntry>,
    /// How the body was decoded.
    pub encoding: &'static str,
}

/// Why a body is not a feed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    #[error("not a feed: the server sent {0}")]
    NotAFeed(String),
    #[error("not a feed{}: {reason}", content_type_note(.content_type))]
    Invalid {
        reason: String,
        content_type: Option<String>,
    },
}

fn content_type_note(ct: &Option<String>) -> String {
    ct.as_deref()
        .map(|c| format!(" ({})", crate::text::truncate_chars(c, 60)))
        .unwrap_or_default()
}

/// Content types that are never feeds, refused without parsing.
fn is_binary_type(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    ["image/", "audio/", "video/", "font/"]
        .iter()
        .any(|p| essence.starts_with(p))
        || matches!(
            essence.as_str(),
            "application/pdf" | "application/zip" | "application/gzip" | "application/wasm"
        )
}

fn markup(t: &feed_rs::model::Text) -> Option<Markup> {
    let text = t.content.trim();
    (!text.is_empty()).then(|| Markup {
        text: text.to_owned(),
        is_html: t.content_type.to_string().contains("html"),
    })
}

fn content_markup(c: &feed_rs::model::Content) -> Option<Markup> {
    let body = c.body.as_deref()?.trim();
    (!body.is_empty()).then(|| Markup {
        text: body.to_owned(),
        is_html: c.content_type.to_string().contains("html"),
    })
}

/// The entry's web page: an alternate (or unlabelled) link first, then any link that is not
/// the feed itself, an enclosure or an edit/replies link. Relative links are resolved against
/// `base`; only http(s) links count.
fn pick_link(links: &[feed_rs::model::Link], base: Option<&url::Url>) -> Option<String> {
    let absolute = |href: &str| -> Option<String> {
        let href = href.trim();
        let u = match url::Url::parse(href) {
            Ok(u) => u,
            Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(href).ok()?,
            Err(_) => return None,
        };
        matches!(u.scheme(), "http" | "https").then(|| u.to_string())
    };
    let alternate = links
        .iter()
        .filter(|l| l.rel.as_deref().is_none_or(|r| r.eq_ignore_ascii_case("alternate")))
        .find_map(|l| absolute(&l.href));
    alternate.or_else(|| {
        links
            .iter()
            .filter(|l| {
                !l.rel.as_deref().is_some_and(|r| {
                    ["self", "enclosure", "edit", "replies", "edit-media", "license"]
                        .iter()
                        .any(|x| r.eq_ignore_ascii_case(x))
                })
            })
            .find_map(|l| absolute(&l.href))
    })
}

fn raw_entry(e: feed_rs::model::Entry, base: Option<&url::Url>) -> RawEntry {
    let body = e
        .content
        .as_ref()
        .and_then(content_markup)
        .or_else(|| e.summary.as_ref().and_then(markup));
    let author = e
        .authors
        .iter()
        .find_map(|p| p.name.clone().or_else(|| p.email.clone()))
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty());
    let guid = Some(e.id.trim().to_owned()).filter(|id| !id.is_empty());
    RawEntry {
        guid,
        title: e.title.as_ref().and_then(markup),
        body,
        link: pick_link(&e.links, base),
        published: e.published,
        updated: e.updated,
        author,
    }
}

/// Parses a feed body. `content_type` is the HTTP header (charset and refusals), `base_url`
/// resolves relative links.
pub fn parse_feed(
    bytes: &[u8],
    content_type: Option<&str>,
    base_url: &str,
) -> Result<ParsedFeed, FeedError> {
    if let Some(ct) = content_type.filter(|ct| is_binary_type(ct)) {
        return Err(FeedError::NotAFeed(crate::text::truncate_chars(ct, 60)));
    }
    let Decoded { text, encoding, .. } = encoding::decode(bytes, content_type);
    let text = encoding::declare_utf8(text);
    let base = url::Url::parse(base_url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    // An empty id marks entries without a guid (feed-rs would otherwise invent one).
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base.as_ref().map(|u| u.as_str()))
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser
        .parse(text.as_bytes())
        .map_err(|e| FeedError::Invalid {
            reason: crate::text::truncate_chars(&e.to_string(), 200),
            content_type: content_type.map(str::to_owned),
        })?;
    Ok(ParsedFeed {
        title: feed
            .title
            .as_ref()
            .and_then(markup)
            .map(|m| super::normalize::clean_text(&m, 300)),
        ttl_minutes: feed.ttl,
        entries: feed
            .entries
            .into_iter()
            .map(|e| raw_entry(e, base.as_ref()))
            .collect(),
        encoding: encoding.name(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Demo &amp; co</title><ttl>60</ttl>
<item><title>One</title><link>/news/1</link><guid isPermaLink="false">g-1</guid>
<description>&lt;p&gt;Body &lt;b&gt;one&lt;/b&gt;&lt;/p&gt;</description>
<pubDate>Sat, 21 Nov 2026 06:00:00 GMT</pubDate></item>
<item><title>Two</title><link>javascript:alert(1)</link></item>
</channel></rss>"#;

    #[test]
    fn rss_entries_keep_guid_link_and_markup() {
        let f = parse_feed(RSS.as_bytes(), Some("application/rss+xml"), "https://ex.org/rss").unwrap();
        assert_eq!(f.title.as_deref(), Some("Demo & co"));
        assert_eq!(f.ttl_minutes, Some(60));
        assert_eq!(f.entries.len(), 2);
        let one = &f.entries[0];
        assert_eq!(one.guid.as_deref(), Some("g-1"));
        assert_eq!(one.link.as_deref(), Some("https://ex.org/news/1"));
        let body = one.body.as_ref().unwrap();
        assert!(body.is_html && body.text.contains("<b>one</b>"));
        assert!(one.published.is_some());
        let two = &f.entries[1];
        assert_eq!(two.guid, None, "no guid in the feed: none invented");
        assert_eq!(two.link, None, "javascript: links are not links");
    }

    #[test]
    fn atom_prefers_the_alternate_link_and_json_feed_parses() {
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>f</id>
<entry><id>urn:e1</id><title type="html">&lt;b&gt;Bold&lt;/b&gt; title</title>
<link rel="self" href="https://ex.org/self"/><link rel="alternate" href="https://ex.org/e1"/>
<updated>2026-11-21T06:00:00Z</updated></entry></feed>"#;
        let f = parse_feed(atom.as_bytes(), None, "https://ex.org/atom").unwrap();
        let e = &f.entries[0];
        assert_eq!(e.link.as_deref(), Some("https://ex.org/e1"));
        assert!(e.title.as_ref().unwrap().is_html);
        assert_eq!(e.published, None);
        assert!(e.updated.is_some());

        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J",
"items":[{"id":"1","url":"https://ex.org/j1","content_text":"Plain body"}]}"#;
        let f = parse_feed(json.as_bytes(), Some("application/feed+json"), "https://ex.org/j").unwrap();
        assert_eq!(f.entries[0].link.as_deref(), Some("https://ex.org/j1"));
        assert_eq!(f.entries[0].body.as_ref().unwrap().text, "Plain body");
    }

    #[test]
    fn windows_1251_from_the_declaration_and_koi8_from_the_header() {
        let mut body = b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>".to_vec();
        body.extend(encoding_rs::WINDOWS_1251.encode("Новини").0.iter());
        body.extend(b"</title></channel></rss>");
        let f = parse_feed(&body, Some("text/xml"), "https://ex.org/").unwrap();
        assert_eq!(f.title.as_deref(), Some("Новини"));
        assert_eq!(f.encoding, "windows-1251");

        let mut body = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>".to_vec();
        body.extend(encoding_rs::KOI8_R.encode("Новости").0.iter());
        body.extend(b"</title></channel></rss>");
        let f = parse_feed(&body, Some("text/xml; charset=KOI8-R"), "https://ex.org/").unwrap();
        assert_eq!(f.title.as_deref(), Some("Новости"));
    }

    #[test]
    fn what_is_not_a_feed_is_an_error() {
        let e = parse_feed(b"<html><body>Hi</body></html>", Some("text/html"), "https://ex.org/")
            .unwrap_err();
        assert!(e.to_string().contains("text/html"), "{e}");
        let e = parse_feed(b"\x89PNG\r\n", Some("image/png"), "https://ex.org/").unwrap_err();
        assert_eq!(e, FeedError::NotAFeed("image/png".into()));
        assert!(parse_feed(b"", None, "https://ex.org/").is_err());
        assert!(parse_feed(b"<rss version=\"2.0\"><channel><item><title>x", None, "").is_err());
    }
}
