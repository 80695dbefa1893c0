//! Start-up: the window's state rebuilt from the store — the items published in the last
//! window with their stories, and the claims stored for them — replayed in publication order.

use crate::cluster::{ClusterDoc, Clusterer, Settings, Tuning};
use crate::config::ClusterConfig;
use crate::model::{Claim, Item, Source, SourceKind};
use crate::store::{Result, Store};
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};

/// Items read per store query.
const PAGE: i64 = 2_000;

/// The names a source is known by, for matching forwarded posts: its Telegram handle and its
/// title.
pub fn source_names(source: &Source) -> Vec<String> {
    let mut names = Vec::new();
    if source.kind == SourceKind::Telegram
        && let Some(handle) = source.url.trim_end_matches('/').rsplit('/').next()
        && !handle.is_empty()
    {
        names.push(handle.to_owned());
    }
    if let Some(t) = source.title.as_deref().filter(|t| !t.trim().is_empty()) {
        names.push(t.to_owned());
    }
    names
}

/// A clusterer holding every item published in `(now − window, now]` that has a story.
pub async fn rebuild(
    store: &dyn Store,
    cfg: &ClusterConfig,
    now: DateTime<Utc>,
) -> Result<Clusterer> {
    rebuild_with(store, cfg, Tuning::default(), now).await
}

/// [`rebuild`] with explicit tuning.
pub async fn rebuild_with(
    store: &dyn Store,
    cfg: &ClusterConfig,
    tuning: Tuning,
    now: DateTime<Utc>,
) -> Result<Clusterer> {
    rebuild_paged(store, cfg, tuning, now, PAGE).await
}

async fn rebuild_paged(
    store: &dyn Store,
    cfg: &ClusterConfig,
    tuning: Tuning,
    now: DateTime<Utc>,
    page_size: i64,
) -> Result<Clusterer> {
    let settings: Settings = cfg.settings();
    // Events are remembered longer than the window: replay as far back as either reaches.
    let window = chrono::Duration::from_std(settings.window.max(settings.event_window))
        .unwrap_or(chrono::Duration::hours(72));
    let since = now
        .checked_sub_signed(window)
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let names: HashMap<i64, Vec<String>> = store
        .list_sources()
        .await?
        .iter()
        .map(|s| (s.id, source_names(s)))
        .collect();
    let mut clusterer = Clusterer::with_tuning(&settings, tuning);
    let mut seen: HashSet<i64> = HashSet::new();
    let mut cursor = since;
    let mut limit = page_size;
    let mut without_story = 0usize;
    loop {
        let page = store.items_since(cursor, limit).await?;
        let full = page.len() as i64 >= limit;
        let fresh: Vec<Item> = page.into_iter().filter(|i| seen.insert(i.id)).collect();
        if fresh.is_empty() && full {
            // More than a page of items share one timestamp: read a bigger page.
            limit = limit.saturating_mul(2);
            continue;
        }
        without_story += replay(store, &mut clusterer, &names, &fresh).await?;
        match fresh.last() {
            Some(last) if full => {
                if last.item.published_at > cursor {
                    limit = page_size;
                }
                cursor = last.item.published_at;
            }
            _ => break,
        }
    }
    clusterer.evict(now);
    if without_story > 0 {
        // Items that carried no claim (most of them) never get a story; items still waiting
        // for the pipeline join the window when it files them.
        tracing::debug!(
            without_story,
            "items without a story left out of the window"
        );
    }
    tracing::info!(items = clusterer.len(), "cluster window rebuilt");
    Ok(clusterer)
}

/// Records the `items` (one page, with their stored claims) that have a story in the
/// clusterer's window; returns how many had none.
async fn replay(
    store: &dyn Store,
    clusterer: &mut Clusterer,
    names: &HashMap<i64, Vec<String>>,
    items: &[Item],
) -> Result<usize> {
    let mut without_story = 0usize;
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    let mut claims: HashMap<i64, Vec<Claim>> = HashMap::new();
    for c in store.claims_of_items(&ids).await? {
        claims.entry(c.item_id).or_default().push(c.claim);
    }
    for item in items {
        let Some(story) = item.story_id else {
            without_story += 1;
            continue;
        };
        let source_names: Vec<&str> = names
            .get(&item.item.source_id)
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default();
        let doc = ClusterDoc {
            key: item.id,
            source_id: item.item.source_id,
            source_names: &source_names,
            title: &item.item.title,
            text: &item.item.text,
            url: item.item.url.as_deref(),
            published: item.item.published_at,
            lang: item.item.lang,
            forwarded_from: item.item.forwarded_from.as_deref(),
            claims: claims.get(&item.id).map(Vec::as_slice).unwrap_or(&[]),
        };
        clusterer.record(&doc, story);
    }
    Ok(without_story)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InsertOutcome, Lang, NewItem, NewSource, SourceOrigin};
    use crate::store::sqlite::SqliteStore;
    use crate::store::{ItemStore, SourceStore, StoryStore};
    use chrono::{Duration, TimeZone};

    #[tokio::test]
    async fn every_item_is_read_across_pages_even_when_a_page_is_one_timestamp() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        let store = SqliteStore::connect(&url).await.unwrap();
        store.migrate().await.unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 21, 7, 0, 0).unwrap();
        let source = NewSource {
            url: "https://example.org/rss".into(),
            kind: SourceKind::Feed,
            title: None,
            lang: None,
            interval_secs: None,
            origin: SourceOrigin::Runtime,
        };
        let source = store.upsert_source(&source, now).await.unwrap().id;
        // Seven items at one instant, then three later: pages of three must read all ten.
        for i in 0..10i64 {
            let at =
                now - Duration::hours(if i < 7 { 5 } else { 4 - i / 10 }) + Duration::minutes(i);
            let at = if i < 7 { now - Duration::hours(5) } else { at };
            let text = format!(
                "item number {i} with its own words {}",
                "слово ".repeat(i as usize)
            );
            let item = NewItem {
                source_id: source,
                external_id: format!("e{i}"),
                url: None,
                title: String::new(),
                content_hash: crate::text::hash::content_hash("", &text),
                text,
                lang: Lang::En,
                published_at: at,
                fetched_at: at,
                author: None,
                forwarded_from: None,
                views: None,
                media: Vec::new(),
                edited: false,
            };
            let InsertOutcome::Inserted(id) = store.insert_item(&item).await.unwrap() else {
                panic!("duplicate");
            };
            store.create_story(id, "", at).await.unwrap();
        }
        let c = rebuild_paged(&store, &ClusterConfig::default(), Tuning::default(), now, 3)
            .await
            .unwrap();
        assert_eq!(c.len(), 10);
    }
}
