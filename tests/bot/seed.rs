//! Claims seeded through the store API, as the pipeline would store them.

use chrono::{DateTime, Utc};
use claimwatch::model::{Claim, InsertOutcome, Lang, NewItem};
use claimwatch::store::Store;
use claimwatch::text::hash::content_hash;
use claimwatch::text::stem::stem_text;

pub use crate::support::seed::{losses, refusal, source};

/// Stores an item with `text` published at `at`, a story for it, and `claim`; returns the
/// claim id.
pub async fn claim_at(
    store: &dyn Store,
    source_id: i64,
    text: &str,
    claim: Claim,
    at: DateTime<Utc>,
) -> i64 {
    claims_at(store, source_id, text, &[claim], at).await[0]
}

/// [`claim_at`] for a post that carries several claims: one item, one story, every claim.
pub async fn claims_at(
    store: &dyn Store,
    source_id: i64,
    text: &str,
    claims: &[Claim],
    at: DateTime<Utc>,
) -> Vec<i64> {
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
        .add_claims(story, item_id, at, claims, &stem_text(text))
        .await
        .unwrap()
}
