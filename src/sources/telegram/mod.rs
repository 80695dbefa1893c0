//! Public Telegram channels through their web preview `https://t.me/s/<name>`: page addresses
//! (newest posts, or `?before=<id>` for older ones), and the page parser.

mod page;
mod views;

pub use page::{ChannelPage, Post, fragment_media_kinds, media_kinds, parse_page};
pub use views::parse_views;

/// Where the web preview lives in production.
pub const DEFAULT_BASE: &str = "https://t.me";

/// The preview page of `channel` on `base` (`https://t.me` in production): the newest posts,
/// or those older than `before`.
pub fn page_url(base: &str, channel: &str, before: Option<u64>) -> String {
    let base = base.trim_end_matches('/');
    match before {
        Some(id) => format!("{base}/s/{channel}?before={id}"),
        None => format!("{base}/s/{channel}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::markup::nesting_depth;

    #[test]
    fn page_addresses() {
        assert_eq!(
            page_url(DEFAULT_BASE, "astrapress", None),
            "https://t.me/s/astrapress"
        );
        assert_eq!(
            page_url("http://127.0.0.1:9/", "astrapress", Some(70989)),
            "http://127.0.0.1:9/s/astrapress?before=70989"
        );
    }

    const PAGE: &str = r#"<html><head><meta property="og:title" content="Demo channel"></head><body>
<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="demo_chan/41">
 <div class="tgme_widget_message_owner_name"><span>Demo channel</span></div>
 <div class="tgme_widget_message_forwarded_from">Forwarded from <a class="tgme_widget_message_forwarded_from_name" href="https://t.me/other_chan/7"><span>Other</span></a></div>
 <div class="tgme_widget_message_reply"><div class="tgme_widget_message_text">quoted text</div></div>
 <a class="tgme_widget_message_photo_wrap" href="https://t.me/demo_chan/41"></a>
 <div class="tgme_widget_message_text">Line one<br/>Line <b>two</b> <a href="https://ex.org/r?utm_source=x">source</a></div>
 <div class="tgme_widget_message_footer"><span class="tgme_widget_message_views">1.2K</span>
 <span class="tgme_widget_message_meta"><span class="tgme_widget_message_from_author">Ivan P.</span>, edited&nbsp;<a class="tgme_widget_message_date" href="https://t.me/demo_chan/41"><time datetime="2026-11-20T10:00:00+00:00">10:00</time></a></span></div>
</div></div>
<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="demo_chan/42">
 <div class="tgme_widget_message_poll"><div class="tgme_widget_message_poll_question">Who?</div></div>
 <div class="tgme_widget_message_footer"><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date"><time datetime="not a time">?</time></a></span></div>
</div></div>
<div class="tgme_widget_message" data-post="broken"></div>
</body></html>"#;

    #[test]
    fn posts_carry_every_field() {
        let page = parse_page(PAGE);
        assert_eq!(page.channel_title.as_deref(), Some("Demo channel"));
        assert_eq!(page.posts.len(), 2, "the post without a number is skipped");
        assert_eq!(page.oldest(), Some(41));
        let p = &page.posts[0];
        assert_eq!(p.id, "demo_chan/41");
        assert_eq!(p.link(), "https://t.me/demo_chan/41");
        assert_eq!(
            p.text,
            "Line one\nLine two source (https://ex.org/r?utm_source=x)"
        );
        assert_eq!(p.views, Some(1200));
        assert_eq!(p.forwarded_from.as_deref(), Some("other_chan"));
        assert_eq!(p.signature.as_deref(), Some("Ivan P."));
        assert_eq!(p.owner_name.as_deref(), Some("Demo channel"));
        assert_eq!(p.media, vec!["photo"]);
        assert!(p.edited);
        assert_eq!(
            p.published.map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-11-20T10:00:00+00:00")
        );
        let q = &page.posts[1];
        assert_eq!((q.text.as_str(), q.media.clone()), ("Who?", vec!["poll"]));
        assert_eq!(q.published, None);
        assert!(!q.edited);
    }

    #[test]
    fn garbage_yields_no_posts() {
        assert!(parse_page("").posts.is_empty());
        assert!(
            parse_page("<div class=\"tgme_widget_message\" data-post=\"a/b/c\">")
                .posts
                .is_empty()
        );
    }

    #[test]
    fn hostile_nesting_is_refused_before_parsing() {
        assert!(nesting_depth(PAGE) < 12);
        let deep = format!(
            "{}<div class=\"tgme_widget_message\" data-post=\"c/1\"></div>",
            "<div>".repeat(1_000_000)
        );
        let started = std::time::Instant::now();
        assert!(parse_page(&deep).posts.is_empty());
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        let shallow = format!("{}{}", "<div>".repeat(200), PAGE);
        assert_eq!(parse_page(&shallow).posts.len(), 2);
    }
}
