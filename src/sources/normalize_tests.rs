//! Tests of the normaliser: entries and posts to items.

use super::*;
use crate::model::{SourceKind, SourceOrigin};
use crate::sources::markup::Markup;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 7, 0, 0).unwrap()
}

fn source(lang: Option<Lang>) -> Source {
    Source {
        id: 7,
        url: "https://ex.org/rss".into(),
        kind: SourceKind::Feed,
        title: None,
        lang,
        interval_secs: None,
        origin: SourceOrigin::Runtime,
        etag: None,
        last_modified: None,
        next_check_at: now(),
        last_success_at: None,
        last_error: None,
        last_error_at: None,
        error_count: 0,
        paused: false,
        paused_reason: None,
        backfill_cursor: None,
        created_at: now(),
    }
}

fn html(s: &str) -> Option<Markup> {
    Some(Markup {
        text: s.into(),
        is_html: true,
    })
}

fn plain(s: &str) -> Option<Markup> {
    Some(Markup {
        text: s.into(),
        is_html: false,
    })
}

#[test]
fn an_entry_becomes_a_clean_item() {
    let entry = RawEntry {
        guid: Some(" urn:1 ".into()),
        title: plain("  Генштаб:\n втрати  ворога &amp; техніка "),
        body: html(
            "<p>Загальні бойові втрати противника&nbsp;склали <b>646 тис. 400</b> осіб.</p><p>Джерело: <a href=\"https://ex.org/gs\">ГШ</a></p>",
        ),
        link: Some("https://ex.org/news/1?utm_source=rss&id=3#c".into()),
        published: Some(now() - Duration::hours(2)),
        updated: None,
        author: Some("Прес-служба".into()),
    };
    let item = normalize_entry(&entry, &source(None), now()).unwrap();
    assert_eq!(item.external_id, "urn:1");
    assert_eq!(item.title, "Генштаб: втрати ворога & техніка");
    assert_eq!(
        item.text,
        "Загальні бойові втрати противника склали 646 тис. 400 осіб.\n\nДжерело: ГШ (https://ex.org/gs)"
    );
    assert_eq!(item.url.as_deref(), Some("https://ex.org/news/1?id=3"));
    assert_eq!(item.lang, Lang::Uk);
    assert_eq!(item.published_at, now() - Duration::hours(2));
    assert_eq!(item.fetched_at, now());
    assert_eq!(item.content_hash, content_hash(&item.title, &item.text));
    assert_eq!(item.author.as_deref(), Some("Прес-служба"));
}

#[test]
fn configured_language_wins_and_bulgarian_is_other() {
    let entry = RawEntry {
        guid: Some("1".into()),
        title: plain("Русия е загубила над 1000 танка, съобщи министерството във вторник"),
        ..RawEntry::default()
    };
    assert_eq!(
        normalize_entry(&entry, &source(None), now()).unwrap().lang,
        Lang::Other
    );
    assert_eq!(
        normalize_entry(&entry, &source(Some(Lang::Ru)), now())
            .unwrap()
            .lang,
        Lang::Ru
    );
}

#[test]
fn ids_fall_back_to_link_then_content() {
    let mut entry = RawEntry {
        title: plain("Title"),
        link: Some("https://ex.org/a?fbclid=1".into()),
        ..RawEntry::default()
    };
    let by_link = normalize_entry(&entry, &source(None), now()).unwrap();
    assert_eq!(by_link.external_id, "https://ex.org/a");
    entry.link = None;
    let by_hash = normalize_entry(&entry, &source(None), now()).unwrap();
    assert!(by_hash.external_id.starts_with("sha:"));
    assert_eq!(
        by_hash.external_id,
        normalize_entry(&entry, &source(None), now() + Duration::days(1))
            .unwrap()
            .external_id,
        "stable across polls"
    );
    assert!(normalize_entry(&RawEntry::default(), &source(None), now()).is_none());
    entry.guid = Some("x".repeat(1000));
    assert!(
        normalize_entry(&entry, &source(None), now())
            .unwrap()
            .external_id
            .len()
            < 64
    );
}

#[test]
fn empty_items_do_not_share_a_hash() {
    let a = RawEntry {
        guid: Some("a".into()),
        ..RawEntry::default()
    };
    let b = RawEntry {
        guid: Some("b".into()),
        ..RawEntry::default()
    };
    let (a, b) = (
        normalize_entry(&a, &source(None), now()).unwrap(),
        normalize_entry(&b, &source(None), now()).unwrap(),
    );
    assert_ne!(a.content_hash, b.content_hash);
}

#[test]
fn published_time_falls_back_sensibly() {
    let n = now();
    let future = n + Duration::days(3);
    let ancient = Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap();
    let updated = n - Duration::hours(5);
    assert_eq!(published_time(&[None, Some(updated)], n), updated);
    assert_eq!(published_time(&[Some(future), Some(updated)], n), updated);
    assert_eq!(published_time(&[Some(ancient)], n), n);
    assert_eq!(published_time(&[], n), n);
    assert_eq!(
        published_time(&[Some(n + Duration::minutes(5))], n),
        n + Duration::minutes(5),
        "small clock skew is tolerated"
    );
}

#[test]
fn plain_titles_keep_angle_brackets() {
    let t = clean_text(
        &Markup {
            text: "History of the <blink> tag".into(),
            is_html: false,
        },
        100,
    );
    assert_eq!(t, "History of the <blink> tag");
}

#[test]
fn a_post_becomes_an_item() {
    let post = Post {
        id: "demo_chan/41".into(),
        channel: "demo_chan".into(),
        number: 41,
        published: Some(now() - Duration::minutes(3)),
        text: "Близько 60 десантників відмовилися від відправки\nДеталі: https://ex.org/x".into(),
        owner_name: Some("Demo".into()),
        views: Some(1200),
        forwarded_from: Some("other_chan".into()),
        signature: Some("Ivan".into()),
        media: vec!["photo", "video"],
        edited: true,
    };
    let mut tg = source(None);
    tg.kind = SourceKind::Telegram;
    let item = normalize_post(&post, &tg, now());
    assert_eq!(item.external_id, "demo_chan/41");
    assert_eq!(item.url.as_deref(), Some("https://t.me/demo_chan/41"));
    assert_eq!(
        item.title,
        "Близько 60 десантників відмовилися від відправки"
    );
    assert!(item.text.contains('\n'));
    assert_eq!(item.author.as_deref(), Some("Ivan"));
    assert_eq!(item.forwarded_from.as_deref(), Some("other_chan"));
    assert_eq!((item.views, item.edited), (Some(1200), true));
    assert_eq!(item.media, vec!["photo", "video"]);
    assert_eq!(item.lang, Lang::Uk);
}

#[test]
fn deeply_nested_html_is_stripped_quickly() {
    let html = format!(
        "{}Втрати ворога{}",
        "<div><b>".repeat(1500),
        "</b></div>".repeat(1500)
    );
    let started = std::time::Instant::now();
    let text = clean_markup(
        &Markup {
            text: html,
            is_html: true,
        },
        Links::Keep,
        1000,
    );
    assert_eq!(text, "Втрати ворога");
    assert!(started.elapsed() < std::time::Duration::from_millis(500));
}
