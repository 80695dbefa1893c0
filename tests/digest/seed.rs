//! Seeding a store through its API for digest and delivery tests: sources, stories told by
//! one or more outlets, their claims, and subscribers. No classifier involved.
#![allow(dead_code)]

use chrono::{DateTime, NaiveTime, Utc};
use claimwatch::model::*;
use claimwatch::store::{Store, SubscriberUpdate};
use claimwatch::text::hash::content_hash;
use claimwatch::text::stem::stem_text;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT: AtomicU64 = AtomicU64::new(1);

/// A feed source with a display name; returns its id.
pub async fn source(store: &dyn Store, name: &str) -> i64 {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let new = NewSource {
        url: format!("https://feed{n}.example/rss"),
        kind: SourceKind::Feed,
        title: Some(name.to_owned()),
        lang: None,
        interval_secs: None,
        origin: SourceOrigin::Runtime,
    };
    store.upsert_source(&new, Utc::now()).await.unwrap().id
}

/// A story told by each of `sources` (in order, one item each, a minute apart from `at`),
/// titled `title`, carrying `claims`. Returns the story id.
pub async fn story(
    store: &dyn Store,
    sources: &[i64],
    title: &str,
    claims: &[Claim],
    at: DateTime<Utc>,
) -> i64 {
    story_with_text(store, sources, title, "", claims, at).await
}

/// Like [`story`], with the first item's text.
pub async fn story_with_text(
    store: &dyn Store,
    sources: &[i64],
    title: &str,
    text: &str,
    claims: &[Claim],
    at: DateTime<Utc>,
) -> i64 {
    let mut story_id = None;
    for (i, src) in sources.iter().enumerate() {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let published = at + chrono::Duration::minutes(i as i64);
        let body = if text.is_empty() {
            format!("{title} (item {n})")
        } else {
            format!("{text} (item {n})")
        };
        let item = NewItem {
            source_id: *src,
            external_id: format!("item-{n}"),
            url: Some(format!("https://news{src}.example/articles/{n}")),
            title: title.to_owned(),
            text: body.clone(),
            lang: Lang::En,
            published_at: published,
            fetched_at: published,
            content_hash: content_hash(title, &body),
            author: None,
            forwarded_from: None,
            views: None,
            media: vec![],
            edited: false,
        };
        let id = match store.insert_item(&item).await.unwrap() {
            InsertOutcome::Inserted(id) => id,
            d => panic!("duplicate item {d:?}"),
        };
        match story_id {
            None => {
                let s = store.create_story(id, title, published).await.unwrap();
                let terms = stem_text(&format!("{title} {body}"));
                store
                    .add_claims(s, id, published, claims, &terms)
                    .await
                    .unwrap();
                story_id = Some(s);
            }
            Some(s) => store.join_story(s, id, published).await.unwrap(),
        }
    }
    story_id.expect("at least one source")
}

pub fn refusal(
    claimant: Option<&str>,
    unit: Option<&str>,
    place: Option<&str>,
    n: Option<i64>,
) -> Claim {
    Claim {
        category: Category::Refusal,
        claimant: claimant.map(str::to_owned),
        side: Some(Side::Russia),
        unit: unit.map(str::to_owned),
        location: place.map(str::to_owned),
        figures: n
            .map(|v| Figure {
                metric: Metric::Refusers,
                value: v,
                delta: None,
                cumulative: None,
                period: None,
                qualifier: None,
                low: None,
                high: None,
            })
            .into_iter()
            .collect(),
        evidence: vec![],
        claimant_id: None,
        other_conflict: false,
    }
}

pub fn losses(
    claimant: &str,
    side: Side,
    figures: &[(Metric, i64, Option<i64>, Option<bool>)],
) -> Claim {
    Claim {
        category: Category::Losses,
        claimant: Some(claimant.to_owned()),
        side: Some(side),
        unit: None,
        location: None,
        figures: figures
            .iter()
            .map(|(metric, value, delta, cumulative)| Figure {
                metric: *metric,
                value: *value,
                delta: *delta,
                cumulative: *cumulative,
                period: None,
                qualifier: None,
                low: None,
                high: None,
            })
            .collect(),
        evidence: vec![],
        claimant_id: None,
        other_conflict: false,
    }
}

pub const GS: &str = "General Staff of the Armed Forces of Ukraine";
pub const DIU: &str = "Defence Intelligence of Ukraine";
pub const MOD_RU: &str = "Russian Ministry of Defence";

/// A subscriber with these settings; `chat_id < 0` is a group.
pub async fn subscriber(
    store: &dyn Store,
    chat_id: i64,
    tz: &str,
    time: (u32, u32),
    lang: Lang,
    now: DateTime<Utc>,
) -> Subscriber {
    let new = NewSubscriber {
        chat_id,
        kind: if chat_id < 0 {
            ChatKind::Group
        } else {
            ChatKind::Private
        },
        title: None,
        topics: Topics::ALL,
        digest_time: NaiveTime::from_hms_opt(time.0, time.1, 0).unwrap(),
        timezone: tz.to_owned(),
        ui_lang: lang,
    };
    store.upsert_subscriber(&new, now).await.unwrap().0
}

/// Changes a subscriber's settings and returns it.
pub async fn update(
    store: &dyn Store,
    chat_id: i64,
    u: SubscriberUpdate,
    now: DateTime<Utc>,
) -> Subscriber {
    store
        .update_subscriber(chat_id, &u, now)
        .await
        .unwrap()
        .unwrap()
}

/// One more item for `story_id` from `source_id`, with this link (any string: tests pass
/// hostile ones).
pub async fn add_item(
    store: &dyn Store,
    story_id: i64,
    source_id: i64,
    url: &str,
    at: DateTime<Utc>,
) {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let text = format!("extra item {n}");
    let item = NewItem {
        source_id,
        external_id: format!("extra-{n}"),
        url: Some(url.to_owned()),
        title: text.clone(),
        text: text.clone(),
        lang: Lang::En,
        published_at: at,
        fetched_at: at,
        content_hash: content_hash(&text, &text),
        author: None,
        forwarded_from: None,
        views: None,
        media: vec![],
        edited: false,
    };
    let id = match store.insert_item(&item).await.unwrap() {
        InsertOutcome::Inserted(id) => id,
        d => panic!("duplicate item {d:?}"),
    };
    store.join_story(story_id, id, at).await.unwrap();
}
