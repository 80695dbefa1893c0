//! Parsing a `t.me/s/<channel>` page (or a fragment of one) into posts: id, time, text with
//! line breaks and link URLs, views, forwarded-from, author signature, media kinds, edited.
//! Markup Telegram may change is read defensively: a post without a usable id is skipped, a
//! missing field is `None`, nothing panics.

use super::views::parse_views;
use crate::sources::markup::{MAX_DEPTH, nesting_depth};
use crate::text::html::{Links, html_to_text};
use chrono::{DateTime, Utc};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node, Selector};
use std::sync::LazyLock;

/// One post of a channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// `channel/123`, as in `data-post`.
    pub id: String,
    pub channel: String,
    pub number: u64,
    pub published: Option<DateTime<Utc>>,
    /// Clean text: line breaks kept, each link followed by its URL.
    pub text: String,
    /// The channel's display name shown on the post.
    pub owner_name: Option<String>,
    pub views: Option<i64>,
    /// The channel a forwarded post came from: its username when linked, else the name shown.
    pub forwarded_from: Option<String>,
    /// The author signature some channels add.
    pub signature: Option<String>,
    /// "photo", "video", "round_video", "voice", "document", "poll", "sticker",
    /// "link_preview", "location", in that order.
    pub media: Vec<&'static str>,
    pub edited: bool,
}

impl Post {
    /// `https://t.me/<channel>/<n>`
    pub fn link(&self) -> String {
        format!("https://t.me/{}/{}", self.channel, self.number)
    }
}

/// A channel page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChannelPage {
    pub channel_title: Option<String>,
    /// In page order (oldest first on real pages).
    pub posts: Vec<Post>,
}

impl ChannelPage {
    /// The smallest post number on the page (the `before` of the next older page).
    pub fn oldest(&self) -> Option<u64> {
        self.posts.iter().map(|p| p.number).min()
    }
}

fn sel(css: &str) -> Selector {
    // Only called with the constant selectors below.
    Selector::parse(css).unwrap_or_else(|e| panic!("invalid built-in selector {css:?}: {e}"))
}

static MESSAGE: LazyLock<Selector> = LazyLock::new(|| sel(".tgme_widget_message[data-post]"));
static TEXT: LazyLock<Selector> = LazyLock::new(|| sel(".tgme_widget_message_text"));
static DATE_TIME: LazyLock<Selector> =
    LazyLock::new(|| sel(".tgme_widget_message_date time[datetime]"));
static VIEWS: LazyLock<Selector> = LazyLock::new(|| sel(".tgme_widget_message_views"));
static OWNER: LazyLock<Selector> = LazyLock::new(|| sel(".tgme_widget_message_owner_name"));
static FORWARDED: LazyLock<Selector> =
    LazyLock::new(|| sel(".tgme_widget_message_forwarded_from_name"));
static SIGNATURE: LazyLock<Selector> = LazyLock::new(|| sel(".tgme_widget_message_from_author"));
static META: LazyLock<Selector> = LazyLock::new(|| sel(".tgme_widget_message_meta"));
static POLL_QUESTION: LazyLock<Selector> =
    LazyLock::new(|| sel(".tgme_widget_message_poll_question"));
static OG_TITLE: LazyLock<Selector> = LazyLock::new(|| sel(r#"meta[property="og:title"]"#));
static HEADER_TITLE: LazyLock<Selector> = LazyLock::new(|| sel(".tgme_channel_info_header_title"));

/// Media kinds and the element that shows each.
static MEDIA: LazyLock<Vec<(&'static str, Selector)>> = LazyLock::new(|| {
    [
        ("photo", ".tgme_widget_message_photo_wrap"),
        ("video", ".tgme_widget_message_video_player"),
        ("round_video", ".tgme_widget_message_roundvideo_player"),
        ("voice", ".tgme_widget_message_voice_player"),
        ("document", ".tgme_widget_message_document_wrap"),
        ("poll", ".tgme_widget_message_poll"),
        ("sticker", ".tgme_widget_message_sticker_wrap"),
        ("link_preview", ".tgme_widget_message_link_preview"),
        ("location", ".tgme_widget_message_location_wrap"),
    ]
    .into_iter()
    .map(|(kind, css)| (kind, sel(css)))
    .collect()
});

fn text_of(el: ElementRef) -> Option<String> {
    let t = crate::text::html::fold_whitespace(&el.text().collect::<String>());
    (!t.is_empty()).then_some(t)
}

fn has_class(node: NodeRef<'_, Node>, prefix: &str) -> bool {
    node.value()
        .as_element()
        .is_some_and(|e| e.classes().any(|c| c.starts_with(prefix)))
}

/// True when `el` sits in a quoted reply or a link preview inside `message`.
fn in_quote(el: ElementRef, message: ElementRef) -> bool {
    el.ancestors()
        .take_while(|a| a.id() != message.id())
        .any(|a| {
            has_class(a, "tgme_widget_message_reply")
                || has_class(a, "tgme_widget_message_link_preview")
        })
}

/// Media kinds shown inside `scope`, in the fixed order.
pub fn media_kinds(scope: ElementRef) -> Vec<&'static str> {
    MEDIA
        .iter()
        .filter(|(_, s)| scope.select(s).next().is_some())
        .map(|(kind, _)| *kind)
        .collect()
}

/// Media kinds in a fragment of page markup (a single media block).
pub fn fragment_media_kinds(html: &str) -> Vec<&'static str> {
    let doc = Html::parse_fragment(html);
    media_kinds(doc.root_element())
}

fn channel_of(href: &str) -> Option<String> {
    let u = url::Url::parse(href).ok()?;
    if !matches!(u.host_str(), Some("t.me" | "telegram.me")) {
        return None;
    }
    let first = u.path_segments()?.find(|s| !s.is_empty())?;
    let first = if first == "s" {
        u.path_segments()?.filter(|s| !s.is_empty()).nth(1)?
    } else {
        first
    };
    (!first.is_empty()).then(|| first.to_owned())
}

fn forwarded_from(message: ElementRef) -> Option<String> {
    let el = message.select(&FORWARDED).next()?;
    el.value()
        .attr("href")
        .and_then(channel_of)
        .or_else(|| text_of(el))
}

fn edited(message: ElementRef) -> bool {
    message.select(&META).any(|meta| {
        meta.children()
            .filter_map(|n| n.value().as_text())
            .any(|t| t.contains("edited"))
    })
}

/// In HTML a raw line break is only a space: Telegram writes its breaks as `<br/>`, so raw
/// ones (re-indented markup) are folded, except inside `<pre>` where they are the text.
fn fold_raw_breaks(html: String) -> String {
    if html.contains("<pre") || !html.contains(['\n', '\r']) {
        return html;
    }
    html.replace("\r\n", " ").replace(['\n', '\r'], " ")
}

fn post_text(message: ElementRef) -> String {
    let text = message
        .select(&TEXT)
        .find(|t| !in_quote(*t, message))
        .map(|t| html_to_text(&fold_raw_breaks(t.inner_html()), Links::Keep))
        .unwrap_or_default();
    if !text.is_empty() {
        return text;
    }
    message
        .select(&POLL_QUESTION)
        .next()
        .and_then(text_of)
        .unwrap_or_default()
}

fn parse_post(message: ElementRef) -> Option<Post> {
    let id = message.value().attr("data-post")?.trim();
    let (channel, number) = id.rsplit_once('/')?;
    let number: u64 = number.parse().ok()?;
    if channel.is_empty() || channel.contains('/') {
        return None;
    }
    let published = message
        .select(&DATE_TIME)
        .next()
        .and_then(|t| t.value().attr("datetime"))
        .and_then(|d| DateTime::parse_from_rfc3339(d.trim()).ok())
        .map(|d| d.with_timezone(&Utc));
    Some(Post {
        id: id.to_owned(),
        channel: channel.to_owned(),
        number,
        published,
        text: post_text(message),
        owner_name: message.select(&OWNER).next().and_then(text_of),
        views: message
            .select(&VIEWS)
            .next()
            .and_then(text_of)
            .and_then(|v| parse_views(&v)),
        forwarded_from: forwarded_from(message),
        signature: message.select(&SIGNATURE).next().and_then(text_of),
        media: media_kinds(message),
        edited: edited(message),
    })
}

/// Parses a channel page or a fragment holding posts. A page nested deeper than
/// [`MAX_DEPTH`] yields nothing.
pub fn parse_page(html: &str) -> ChannelPage {
    if nesting_depth(html) > MAX_DEPTH {
        return ChannelPage::default();
    }
    let doc = Html::parse_document(html);
    let channel_title = doc
        .select(&OG_TITLE)
        .next()
        .and_then(|m| m.value().attr("content"))
        .map(crate::text::html::fold_whitespace)
        .filter(|t| !t.is_empty())
        .or_else(|| doc.select(&HEADER_TITLE).next().and_then(text_of));
    let posts = doc.select(&MESSAGE).filter_map(parse_post).collect();
    ChannelPage {
        channel_title,
        posts,
    }
}
