//! Every real `t.me/s` file in `../shared/data/telegram_preview_html/` against what its
//! `INDEX.json` lists: post ids (in order), times, and element kinds (media kinds both ways,
//! owner name, forwarded-from), the channel title of full pages, and the upstream text
//! expectation; then the full channel page through the real poll path on loopback. Skips
//! with a notice when `../shared/data` is absent.

use crate::support::db::TestDb;
use crate::support::feed_server::{FeedServer, Route, context};
use crate::support::t0;
use chrono::{DateTime, Utc};
use claimwatch::model::{NewSource, SourceKind, SourceOrigin};
use claimwatch::sources::telegram::{ChannelPage, fragment_media_kinds, parse_page};
use claimwatch::sources::{PollOutcome, poll_source};
use serde_json::Value;
use std::collections::BTreeSet;

/// The INDEX's element kinds that are media, as the parser names them.
fn media_name(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "photo" => "photo",
        "video" => "video",
        "roundvideo" => "round_video",
        "voice" => "voice",
        "document" => "document",
        "sticker" => "sticker",
        "link_preview" => "link_preview",
        k if k.starts_with("poll") => "poll",
        _ => return None,
    })
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn index() -> Option<(std::path::PathBuf, Vec<Value>)> {
    let dir = crate::support::shared_data()?.join("telegram_preview_html");
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("INDEX.json")).unwrap()).unwrap();
    let files = index["files"].as_array().cloned().unwrap_or_default();
    Some((dir, files))
}

/// What one INDEX entry was: a lone media fragment, or a page with this many posts.
enum Checked {
    Fragment,
    Page(usize),
}

/// Checks one file against its INDEX entry `f`.
fn check_file(dir: &std::path::Path, f: &Value) -> Checked {
    let name = f["file"].as_str().unwrap();
    let html = std::fs::read_to_string(dir.join(name)).unwrap();
    let ids = strings(&f["data_post_ids"]);
    let kinds = strings(&f["detected_element_kinds"]);
    let want_media: BTreeSet<&str> = kinds.iter().filter_map(|k| media_name(k)).collect();

    if ids.is_empty() {
        // A fragment with one media block and no post around it.
        let got: BTreeSet<&str> = fragment_media_kinds(&html).into_iter().collect();
        assert_eq!(got, want_media, "{name}");
        return Checked::Fragment;
    }
    let page = parse_page(&html);
    posts_match_the_index(name, &page, f, &ids, &kinds, &want_media);
    unlisted_elements_are_read(name, &html, &page);
    title_and_upstream_text_match(name, &page, f);
    Checked::Page(page.posts.len())
}

/// Post ids, times, media kinds, owner and forwarded-from as the INDEX lists them.
fn posts_match_the_index(
    name: &str,
    page: &ChannelPage,
    f: &Value,
    ids: &[String],
    kinds: &[String],
    want_media: &BTreeSet<&str>,
) {
    let times: Vec<DateTime<Utc>> = strings(&f["time_datetimes"])
        .iter()
        .map(|t| DateTime::parse_from_rfc3339(t).unwrap().with_timezone(&Utc))
        .collect();
    let got_ids: Vec<&str> = page.posts.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(got_ids, ids, "{name}: post ids");
    let got_times: Vec<_> = page.posts.iter().map(|p| p.published).collect();
    assert_eq!(
        got_times,
        times.iter().copied().map(Some).collect::<Vec<_>>(),
        "{name}"
    );
    let got_media: BTreeSet<&str> = page.posts.iter().flat_map(|p| p.media.clone()).collect();
    assert_eq!(&got_media, want_media, "{name}: media kinds");
    if kinds.iter().any(|k| k == "author") {
        assert!(
            page.posts.iter().all(|p| p.owner_name.is_some()),
            "{name}: owner"
        );
    }
    let forwarded = page.posts.iter().any(|p| p.forwarded_from.is_some());
    assert_eq!(
        forwarded,
        kinds.iter().any(|k| k == "forwarded_from"),
        "{name}: forwarded-from"
    );
}

/// Elements the index does not list, detected on the raw markup.
fn unlisted_elements_are_read(name: &str, html: &str, page: &ChannelPage) {
    if html.contains("tgme_widget_message_from_author") {
        assert!(
            page.posts.iter().any(|p| p.signature.is_some()),
            "{name}: signature"
        );
    }
    if html.contains("tgme_widget_message_views") {
        assert!(
            page.posts.iter().all(|p| p.views.is_some()),
            "{name}: views"
        );
    }
    if html.contains("tgme_widget_message_text") {
        assert!(
            page.posts.iter().any(|p| !p.text.is_empty()),
            "{name}: text"
        );
    }
}

/// The channel title of a full page, and the upstream expectation of the first post's text.
fn title_and_upstream_text_match(name: &str, page: &ChannelPage, f: &Value) {
    if let Some(title) = f["og_title"].as_str() {
        assert_eq!(page.channel_title.as_deref(), Some(title), "{name}");
    }
    let upstream = f["upstream_expectation"].as_str().unwrap_or("");
    if let Some(at) = upstream.find("text starts with '") {
        let rest = &upstream[at + "text starts with '".len()..];
        let prefix = &rest[..rest.find('\'').unwrap()];
        assert!(
            page.posts[0].text.starts_with(prefix),
            "{name}: {:?}",
            page.posts[0].text
        );
    }
}

#[test]
fn every_preview_file_matches_its_index() {
    let Some((dir, files)) = index() else {
        return;
    };
    let mut checked = (0, 0, 0);
    for f in &files {
        match check_file(&dir, f) {
            Checked::Fragment => checked.0 += 1,
            Checked::Page(posts) => {
                checked.1 += 1;
                checked.2 += posts;
            }
        }
    }
    println!(
        "telegram files: {} media fragments, {} files with posts, {} posts checked",
        checked.0, checked.1, checked.2
    );
    assert_eq!(checked.0 + checked.1, files.len());
}

#[test]
fn posts_read_what_the_markup_shows() {
    let Some((dir, _)) = index() else {
        return;
    };
    let read = |f: &str| parse_page(&std::fs::read_to_string(dir.join(f)).unwrap());
    let fwd = read("apkawa_rust-any2feed/message_media_forwarded_from.html");
    let p = &fwd.posts[0];
    assert_eq!(p.views, Some(214_400));
    assert_eq!(p.forwarded_from.as_deref(), Some("dimsmirnov175"));
    assert!(
        p.text.starts_with("Британская разведка выяснила,"),
        "{:?}",
        p.text
    );
    assert!(!p.text.contains("  "), "whitespace folded: {:?}", p.text);

    let signed = read("apkawa_rust-any2feed/message_with_from_author.html");
    assert_eq!(
        signed.posts[0].signature.as_deref(),
        Some("🅰️rkadiy Ivanov")
    );
    assert_eq!(signed.posts[0].text, "test");
    assert!(!signed.posts[0].edited);

    let full = read("apkawa_rust-any2feed/full.html");
    assert_eq!(full.oldest(), Some(70989));
    assert!(
        full.posts
            .iter()
            .all(|p| p.link().starts_with("https://t.me/topwar_official/"))
    );
    // The page is re-indented: its raw line breaks are spaces, its <br/> are line breaks.
    let adygea = full
        .posts
        .iter()
        .find(|p| p.id == "topwar_official/70992")
        .unwrap();
    assert!(
        adygea
            .text
            .starts_with("Сегодня ночью в Республике Адыгея упал"),
        "{:?}",
        adygea.text
    );
    let multi_line = full.posts.iter().filter(|p| p.text.contains('\n')).count();
    assert!(multi_line > 0, "<br/> line breaks are kept");
}

/// The full channel page through the poll path: served on loopback as `t.me/s/<name>`, every
/// post stored once with its link, time and fields, and a second poll stores nothing new.
#[tokio::test]
async fn a_channel_page_is_polled_into_items() {
    let Some((dir, files)) = index() else {
        return;
    };
    let entry = files
        .iter()
        .find(|f| f["file"] == "apkawa_rust-any2feed/full.html")
        .unwrap();
    let ids = strings(&entry["data_post_ids"]);
    let html = std::fs::read(dir.join("apkawa_rust-any2feed/full.html")).unwrap();
    let server = FeedServer::start().await;
    server.set(
        "s/topwar_official",
        Route::ok("text/html; charset=utf-8", html),
    );
    let db = TestDb::new().await;
    let ctx = context(db.store.clone()).with_telegram_base(server.base_url());
    let source = db
        .store
        .upsert_source(
            &NewSource {
                url: "https://t.me/s/topwar_official".into(),
                kind: SourceKind::Telegram,
                title: None,
                lang: None,
                interval_secs: None,
                origin: SourceOrigin::Runtime,
            },
            t0(),
        )
        .await
        .unwrap();
    let report = poll_source(&ctx, &source, t0()).await;
    assert_eq!(report.outcome, PollOutcome::Ok, "{report}");
    assert_eq!(report.new_item_ids.len(), ids.len());
    let items = db.store.items_of_source(source.id, 100).await.unwrap();
    let mut stored: Vec<_> = items.iter().map(|i| i.item.external_id.clone()).collect();
    stored.sort();
    assert_eq!(stored, ids);
    for i in &items {
        let url = format!("https://t.me/{}", i.item.external_id);
        assert_eq!(i.item.url.as_deref(), Some(url.as_str()));
        assert!(i.item.views.is_some() && i.item.published_at < t0());
    }
    assert!(
        items
            .iter()
            .any(|i| i.item.media.contains(&"photo".to_owned()))
    );
    assert!(items.iter().any(|i| i.item.forwarded_from.is_some()));
    let src = db.store.source(source.id).await.unwrap().unwrap();
    assert_eq!(src.title.as_deref(), entry["og_title"].as_str());

    let again = poll_source(&ctx, &src, t0() + chrono::Duration::minutes(20)).await;
    assert_eq!(again.outcome, PollOutcome::Ok);
    assert!(again.new_item_ids.is_empty());
    assert_eq!(again.duplicates, ids.len());
}
