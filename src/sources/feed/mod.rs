//! RSS 0.9x/1.0/2.0, Atom and JSON Feed through feed-rs: bytes in (decoded by
//! [`super::encoding`] first, so the HTTP charset and Cyrillic guesses apply), raw entries
//! out — title and body still marked up, the chosen link, the guid only when the feed gave one.
//! A document feed-rs refuses gets one repaired second try (see [`repair`]).

mod repair;

pub use super::markup::Markup;

use super::encoding::{self, Decoded};
use super::markup::clean_text;
use chrono::{DateTime, Utc};

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
        .filter(|l| {
            l.rel
                .as_deref()
                .is_none_or(|r| r.eq_ignore_ascii_case("alternate"))
        })
        .find_map(|l| absolute(&l.href));
    alternate.or_else(|| {
        links
            .iter()
            .filter(|l| {
                !l.rel.as_deref().is_some_and(|r| {
                    [
                        "self",
                        "enclosure",
                        "edit",
                        "replies",
                        "edit-media",
                        "license",
                    ]
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

/// One feed-rs parse with a fresh parser (a parser is not reusable after a failure), its
/// panics on hostile input turned into errors.
fn run_feed_rs(text: &str, base: Option<&str>) -> Result<feed_rs::model::Feed, String> {
    let parse = || {
        // An empty id marks entries without a guid (feed-rs would otherwise invent one).
        feed_rs::parser::Builder::new()
            .base_uri(base)
            .id_generator(|_, _, _| String::new())
            .build()
            .parse(text.as_bytes())
            .map_err(|e| e.to_string())
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(parse))
        .unwrap_or_else(|_| Err("the feed parser failed on this document".to_owned()))
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
    let text = repair::strip_rss_default_namespace(&text).unwrap_or(text);
    let base = url::Url::parse(base_url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let base_str = base.as_ref().map(|u| u.as_str());
    let feed = match run_feed_rs(&text, base_str) {
        Ok(feed) => feed,
        Err(first) => repair::repair(&text)
            .and_then(|fixed| run_feed_rs(&fixed, base_str).ok())
            .ok_or_else(|| FeedError::Invalid {
                reason: crate::text::truncate_chars(&first, 200),
                content_type: content_type.map(str::to_owned),
            })?,
    };
    Ok(ParsedFeed {
        title: feed
            .title
            .as_ref()
            .and_then(markup)
            .map(|m| clean_text(&m, 300)),
        ttl_minutes: feed.ttl,
        entries: feed
            .entries
            .into_iter()
            .map(|e| raw_entry(e, base.as_ref()))
            .collect(),
        encoding,
    })
}

#[cfg(test)]
mod tests;
