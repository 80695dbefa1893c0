//! Raw feed entries and Telegram posts to [`NewItem`]s: clean text, title, canonical link,
//! published time with fallbacks, language, content hash, and a stable id when the source
//! gives none. Plain functions, no I/O.

pub use super::markup::{clean_markup, clean_text};

use super::feed::RawEntry;
use super::link::canonical_link;
use super::telegram::Post;
use crate::model::{Lang, NewItem, Source};
use crate::text::hash::content_hash;
use crate::text::html::Links;
use crate::text::{lang, truncate_chars};
use chrono::{DateTime, Duration, TimeZone, Utc};

/// Longest title kept, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest text kept, in characters.
pub const MAX_TEXT_CHARS: usize = 50_000;
/// Longest guid used as is; longer ones are hashed.
const MAX_GUID_CHARS: usize = 300;

/// The first plausible time among `candidates` (not before 1990, not more than ten minutes
/// ahead of `now`), else `now`.
pub fn published_time(candidates: &[Option<DateTime<Utc>>], now: DateTime<Utc>) -> DateTime<Utc> {
    let earliest = Utc.with_ymd_and_hms(1990, 1, 1, 0, 0, 0).single();
    candidates
        .iter()
        .flatten()
        .copied()
        .find(|t| earliest.is_none_or(|e| *t >= e) && *t <= now + Duration::minutes(10))
        .unwrap_or(now)
}

fn detect_lang(source: &Source, title: &str, text: &str) -> Lang {
    source.lang.unwrap_or_else(|| {
        let mut sample = String::with_capacity(title.len() + text.len().min(4000) + 1);
        sample.push_str(title);
        sample.push('\n');
        sample.push_str(&truncate_chars(text, 4000));
        lang::detect(&sample)
    })
}

/// The content hash; an item with neither title nor text is told apart by its id, so empty
/// items of different posts do not fold into one.
fn item_hash(title: &str, text: &str, external_id: &str) -> String {
    if title.is_empty() && text.is_empty() {
        content_hash("", &format!("\u{1}id:{external_id}"))
    } else {
        content_hash(title, text)
    }
}

/// The stored id of an entry: its guid, else its canonical link, else a hash of its content.
fn external_id(guid: Option<&str>, link: Option<&str>, title: &str, text: &str) -> Option<String> {
    if let Some(g) = guid.map(str::trim).filter(|g| !g.is_empty()) {
        return Some(if g.chars().count() > MAX_GUID_CHARS {
            format!("sha:{}", content_hash(g, ""))
        } else {
            g.to_owned()
        });
    }
    if let Some(l) = link {
        return Some(l.to_owned());
    }
    if title.is_empty() && text.is_empty() {
        return None;
    }
    Some(format!("sha:{}", content_hash(title, text)))
}

/// A feed entry as an item of `source`; `None` when it has nothing to store or identify.
pub fn normalize_entry(entry: &RawEntry, source: &Source, now: DateTime<Utc>) -> Option<NewItem> {
    let title = entry
        .title
        .as_ref()
        .map(|t| clean_text(t, MAX_TITLE_CHARS))
        .unwrap_or_default();
    let text = entry
        .body
        .as_ref()
        .map(|b| clean_markup(b, Links::Keep, MAX_TEXT_CHARS))
        .unwrap_or_default();
    let url = entry.link.as_deref().and_then(canonical_link);
    let external_id = external_id(entry.guid.as_deref(), url.as_deref(), &title, &text)?;
    Some(NewItem {
        source_id: source.id,
        content_hash: item_hash(&title, &text, &external_id),
        lang: detect_lang(source, &title, &text),
        published_at: published_time(&[entry.published, entry.updated], now),
        fetched_at: now,
        external_id,
        url,
        title,
        text,
        author: entry.author.as_ref().map(|a| truncate_chars(a, 200)),
        forwarded_from: None,
        views: None,
        media: Vec::new(),
        edited: false,
    })
}

/// The title of a post: its first line, cut to 140 characters.
pub fn post_title(text: &str) -> String {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    truncate_chars(first, 140)
}

/// A Telegram post as an item of `source`.
pub fn normalize_post(post: &Post, source: &Source, now: DateTime<Utc>) -> NewItem {
    let text = truncate_chars(&post.text, MAX_TEXT_CHARS);
    let title = post_title(&text);
    let external_id = post.id.clone();
    NewItem {
        source_id: source.id,
        content_hash: item_hash(&title, &text, &external_id),
        lang: detect_lang(source, &title, &text),
        published_at: published_time(&[post.published], now),
        fetched_at: now,
        url: Some(post.link()),
        external_id,
        title,
        text,
        author: post.signature.clone(),
        forwarded_from: post.forwarded_from.clone(),
        views: post.views,
        media: post.media.iter().map(|m| (*m).to_owned()).collect(),
        edited: post.edited,
    }
}

#[cfg(test)]
#[path = "normalize_tests.rs"]
mod tests;
