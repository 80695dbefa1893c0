//! Tests of feed parsing: entries, links, encodings, refusals.

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
    let f = parse_feed(
        RSS.as_bytes(),
        Some("application/rss+xml"),
        "https://ex.org/rss",
    )
    .unwrap();
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
    let f = parse_feed(
        json.as_bytes(),
        Some("application/feed+json"),
        "https://ex.org/j",
    )
    .unwrap();
    assert_eq!(f.entries[0].link.as_deref(), Some("https://ex.org/j1"));
    assert_eq!(f.entries[0].body.as_ref().unwrap().text, "Plain body");
}

#[test]
fn windows_1251_from_the_declaration_and_koi8_from_the_header() {
    let mut body =
        b"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>"
            .to_vec();
    body.extend(encoding_rs::WINDOWS_1251.encode("Новини").0.iter());
    body.extend(b"</title></channel></rss>");
    let f = parse_feed(&body, Some("text/xml"), "https://ex.org/").unwrap();
    assert_eq!(f.title.as_deref(), Some("Новини"));
    assert_eq!(f.encoding, "windows-1251");

    let mut body =
        b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>".to_vec();
    body.extend(encoding_rs::KOI8_R.encode("Новости").0.iter());
    body.extend(b"</title></channel></rss>");
    let f = parse_feed(&body, Some("text/xml; charset=KOI8-R"), "https://ex.org/").unwrap();
    assert_eq!(f.title.as_deref(), Some("Новости"));
}

#[test]
fn what_is_not_a_feed_is_an_error() {
    let e = parse_feed(
        b"<html><body>Hi</body></html>",
        Some("text/html"),
        "https://ex.org/",
    )
    .unwrap_err();
    assert!(e.to_string().contains("text/html"), "{e}");
    let e = parse_feed(b"\x89PNG\r\n", Some("image/png"), "https://ex.org/").unwrap_err();
    assert_eq!(e, FeedError::NotAFeed("image/png".into()));
    assert!(parse_feed(b"", None, "https://ex.org/").is_err());
    assert!(parse_feed(b"<rss version=\"2.0\"><channel><item><title>x", None, "").is_err());
}
