//! Claims seeded through the store API, as the pipeline would store them.

use chrono::{DateTime, Utc};
use claimwatch::model::{
    Category, Claim, Figure, InsertOutcome, Lang, Metric, NewItem, NewSource, Side, SourceKind,
    SourceOrigin,
};
use claimwatch::store::Store;
use claimwatch::text::hash::content_hash;
use claimwatch::text::stem::stem_text;

pub async fn source(store: &dyn Store, url: &str, title: &str) -> i64 {
    let s = NewSource {
        url: url.into(),
        kind: SourceKind::Feed,
        title: Some(title.into()),
        lang: None,
        interval_secs: None,
        origin: SourceOrigin::Runtime,
    };
    store
        .upsert_source(&s, crate::support::t0())
        .await
        .unwrap()
        .id
}

/// Stores an item with `text` published at `at`, a story for it, and `claim`; returns the
/// claim id.
pub async fn claim_at(
    store: &dyn Store,
    source_id: i64,
    text: &str,
    claim: Claim,
    at: DateTime<Utc>,
) -> i64 {
    let key = format!("{}-{}", at.timestamp_millis(), content_hash("", text));
    let item = NewItem {
        source_id,
        external_id: key.clone(),
        url: Some(format!("https://news.example/{key}")),
        title: text.chars().take(60).collect(),
        text: text.into(),
        lang: Lang::Ru,
        published_at: at,
        fetched_at: at,
        content_hash: content_hash(&key, text),
        author: None,
        forwarded_from: None,
        views: None,
        media: vec![],
        edited: false,
    };
    let InsertOutcome::Inserted(item_id) = store.insert_item(&item).await.unwrap() else {
        panic!("duplicate item {key}");
    };
    let story = store.create_story(item_id, &item.title, at).await.unwrap();
    store
        .add_claims(story, item_id, at, &[claim], &stem_text(text))
        .await
        .unwrap()[0]
}

pub fn refusal(claimant: &str, unit: Option<&str>, refusers: i64) -> Claim {
    Claim {
        category: Category::Refusal,
        claimant: Some(claimant.into()),
        side: Some(Side::Russia),
        unit: unit.map(str::to_owned),
        location: Some("Псков".into()),
        figures: vec![Figure {
            metric: Metric::Refusers,
            value: refusers,
            delta: None,
            cumulative: None,
        }],
        evidence: vec!["около 60 десантников отказались ехать".into()],
    }
}

pub fn losses(claimant: &str) -> Claim {
    Claim {
        category: Category::Losses,
        claimant: Some(claimant.into()),
        side: Some(Side::Russia),
        unit: None,
        location: None,
        figures: vec![
            Figure {
                metric: Metric::Personnel,
                value: 28_300,
                delta: Some(150),
                cumulative: Some(true),
            },
            Figure {
                metric: Metric::Tanks,
                value: 1_251,
                delta: Some(3),
                cumulative: Some(true),
            },
        ],
        evidence: vec!["Russia has lost about 28 300 troops".into()],
    }
}
