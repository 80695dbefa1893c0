//! What operations read from the store: the database answers, its schema against this build's
//! migrations, the outbox backlog and totals, and claims page by page for export.

use crate::stories::{insert, losses, refusal};
use crate::subscribers::new_sub;
use crate::support::{db::TestDb, t0};
use chrono::Duration;
use claimwatch::model::Category;
use claimwatch::store::{DigestEnqueue, ExportQuery};

#[tokio::test]
async fn a_migrated_database_answers_and_its_schema_is_current() {
    let db = TestDb::new().await;
    db.store.ping().await.unwrap();
    let status = db.store.schema_status().await.unwrap();
    assert!(status.known.len() >= 9, "{status:?}");
    assert!(status.is_current(), "{status:?}");
    assert_eq!(status.applied, status.known);
}

#[tokio::test]
async fn a_fresh_database_has_every_migration_pending() {
    let url = TestDb::fresh_url().await;
    let store = claimwatch::store::connect(&url).await.unwrap();
    let status = store.schema_status().await.unwrap();
    assert!(status.applied.is_empty());
    assert_eq!(status.pending(), status.known);
    store.close().await;
}

#[tokio::test]
async fn backlog_counts_waiting_messages_and_their_age() {
    let db = TestDb::new().await;
    let s = &db.store;
    let empty = s.backlog().await.unwrap();
    assert_eq!((empty.outbox_depth, empty.outbox_oldest), (0, None));
    let (sub, _) = s.upsert_subscriber(&new_sub(5), t0()).await.unwrap();
    let digest = DigestEnqueue {
        subscriber_id: sub.id,
        period: "digest:2026-11-21T07:00:00Z".into(),
        parts: vec!["one".into(), "two".into()],
        story_ids: vec![],
        photo: None,
        period_end: t0(),
        next_digest_at: None,
    };
    let written = t0() + Duration::minutes(3);
    assert!(s.enqueue_digest(&digest, written).await.unwrap());
    let b = s.backlog().await.unwrap();
    assert_eq!(b.outbox_depth, 2);
    assert_eq!(b.outbox_oldest, Some(written));
    let first = s.outbox_of(sub.id).await.unwrap()[0].id;
    s.mark_sent(first, Some(1), written).await.unwrap();
    assert_eq!(s.backlog().await.unwrap().outbox_depth, 1);
}

#[tokio::test]
async fn export_pages_through_claims_in_filing_order_with_filters() {
    let db = TestDb::new().await;
    let s = &db.store;
    let src = crate::support::seed::source(s.as_ref(), "https://a.example/rss", "A").await;
    let mut ids = Vec::new();
    for n in 0..5 {
        let item = insert(&db, src, &format!("e{n}"), "text", n * 60).await;
        let story = s.create_story(item, "t", t0()).await.unwrap();
        let claim = if n % 2 == 0 { losses() } else { refusal() };
        let at = t0() + Duration::hours(n);
        ids.extend(s.add_claims(story, item, at, &[claim], "t").await.unwrap());
    }
    assert_eq!(s.backlog().await.unwrap().claims, 5);
    let mut q = ExportQuery {
        since: t0(),
        category: None,
        after_id: 0,
        limit: 2,
    };
    let mut seen = Vec::new();
    loop {
        let page = s.export_claims(&q).await.unwrap();
        let Some(last) = page.last() else { break };
        assert!(page.len() <= 2);
        q.after_id = last.claim.id;
        seen.extend(page.iter().map(|v| v.claim.id));
    }
    assert_eq!(seen, ids, "every claim once, in filing order");
    let recent = ExportQuery {
        since: t0() + Duration::hours(2),
        category: Some(Category::Losses),
        after_id: 0,
        limit: 100,
    };
    let page = s.export_claims(&recent).await.unwrap();
    let got: Vec<i64> = page.iter().map(|v| v.claim.id).collect();
    assert_eq!(got, vec![ids[2], ids[4]], "since and category both apply");
    assert_eq!(page[0].sources[0].source_name, "A");
}
