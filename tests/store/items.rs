//! Items: stored once by guid, link or content, also under concurrent inserts and in batches.

use crate::sources::feed;
use crate::support::{db::TestDb, t0};
use claimwatch::model::{InsertOutcome, Lang, NewItem};
use claimwatch::text::hash::content_hash;

pub fn item(source_id: i64, external_id: &str, url: Option<&str>, text: &str) -> NewItem {
    NewItem {
        source_id,
        external_id: external_id.into(),
        url: url.map(str::to_owned),
        title: format!("Title of {external_id}"),
        text: text.into(),
        lang: Lang::En,
        published_at: t0(),
        fetched_at: t0(),
        content_hash: content_hash(&format!("Title of {external_id}"), text),
        author: None,
        forwarded_from: None,
        views: Some(1200),
        media: vec!["photo".into()],
        edited: false,
    }
}

#[tokio::test]
async fn an_item_is_stored_once_by_guid_link_or_content() {
    let db = TestDb::new().await;
    let s = &db.store;
    let src = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    let other = s
        .upsert_source(&feed("https://b.example/rss"), t0())
        .await
        .unwrap();
    let first = item(
        src.id,
        "guid-1",
        Some("https://a.example/1"),
        "Russia lost 3 tanks",
    );
    let InsertOutcome::Inserted(id) = s.insert_item(&first).await.unwrap() else {
        panic!("not inserted")
    };

    // Same source + guid.
    let same_guid = item(
        src.id,
        "guid-1",
        Some("https://a.example/other"),
        "changed text",
    );
    assert_eq!(
        s.insert_item(&same_guid).await.unwrap(),
        InsertOutcome::Duplicate(id)
    );
    // Same canonical link from another source.
    let same_link = item(other.id, "x", Some("https://a.example/1"), "other words");
    assert_eq!(
        s.insert_item(&same_link).await.unwrap(),
        InsertOutcome::Duplicate(id)
    );
    // Same content.
    let mut same_text = item(other.id, "guid-1", None, "Russia lost 3 tanks");
    same_text.title = first.title.clone();
    assert_eq!(
        s.insert_item(&same_text).await.unwrap(),
        InsertOutcome::Duplicate(id)
    );
    // Same guid in another source is another item.
    let other_source = item(other.id, "guid-1", None, "different");
    assert!(matches!(
        s.insert_item(&other_source).await.unwrap(),
        InsertOutcome::Inserted(_)
    ));

    let stored = s.item(id).await.unwrap().unwrap();
    assert_eq!(stored.item, first);
    assert_eq!(stored.story_id, None);
    assert_eq!(s.items_since(t0(), 10).await.unwrap().len(), 2);
    assert_eq!(s.items_of_source(src.id, 10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn concurrent_inserts_of_one_item_store_it_once() {
    let db = TestDb::new().await;
    let src = db
        .store
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let store = db.store.clone();
        let it = item(
            src.id,
            "race",
            Some("https://a.example/race"),
            "the same text",
        );
        tasks.push(tokio::spawn(async move {
            store.insert_item(&it).await.unwrap()
        }));
    }
    let mut inserted = 0;
    for t in tasks {
        if let InsertOutcome::Inserted(_) = t.await.unwrap() {
            inserted += 1;
        }
    }
    assert_eq!(inserted, 1);
    assert_eq!(db.store.items_since(t0(), 100).await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_batch_is_stored_by_the_same_rules_in_order() {
    let db = TestDb::new().await;
    let s = &db.store;
    let src = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    let first = item(src.id, "b1", Some("https://a.example/1"), "one");
    let InsertOutcome::Inserted(id) = s.insert_item(&first).await.unwrap() else {
        panic!("not inserted")
    };
    let batch = vec![
        item(src.id, "b2", Some("https://a.example/2"), "two"),
        item(src.id, "b1", None, "one again"),
        item(src.id, "b3", Some("https://a.example/2"), "two by link"),
        item(src.id, "b4", None, "four"),
    ];
    let outcomes = s.insert_items(&batch).await.unwrap();
    assert_eq!(outcomes.len(), 4);
    let InsertOutcome::Inserted(two) = outcomes[0] else {
        panic!("{outcomes:?}")
    };
    assert_eq!(outcomes[1], InsertOutcome::Duplicate(id));
    assert_eq!(
        outcomes[2],
        InsertOutcome::Duplicate(two),
        "a duplicate within the batch"
    );
    assert!(matches!(outcomes[3], InsertOutcome::Inserted(_)));
    assert!(s.insert_items(&[]).await.unwrap().is_empty());
    assert_eq!(s.items_of_source(src.id, 10).await.unwrap().len(), 3);
}
