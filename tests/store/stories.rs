//! Stories: item and source counts, claims kept, story windows and delivery history.

use crate::items::item;
use crate::sources::feed;
use crate::support::{db::TestDb, seed, t0};
use chrono::Duration;
use claimwatch::model::{Claim, InsertOutcome};
use claimwatch::text::stem::stem_text;

pub(crate) fn losses() -> Claim {
    seed::losses("General Staff of the Armed Forces of Ukraine")
}

pub(crate) fn refusal() -> Claim {
    seed::refusal(
        "Псковская губерния",
        Some("76-я десантно-штурмовая дивизия"),
        60,
    )
}

pub(crate) async fn insert(db: &TestDb, source: i64, id: &str, text: &str, minutes: i64) -> i64 {
    let mut it = item(source, id, Some(&format!("https://x.example/{id}")), text);
    it.published_at = t0() + Duration::minutes(minutes);
    match db.store.insert_item(&it).await.unwrap() {
        InsertOutcome::Inserted(id) => id,
        d => panic!("{d:?}"),
    }
}

#[tokio::test]
async fn stories_count_items_and_distinct_sources_and_keep_claims() {
    let db = TestDb::new().await;
    let s = &db.store;
    let a = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    let b = s
        .upsert_source(&feed("https://b.example/rss"), t0())
        .await
        .unwrap();
    let i1 = insert(&db, a.id, "1", "Russia has lost about 28 300 troops", 0).await;
    let i2 = insert(
        &db,
        b.id,
        "2",
        "Russia lost 28,300 troops, General Staff says",
        30,
    )
    .await;
    let i3 = insert(&db, b.id, "3", "General Staff: Russian losses 28 300", 45).await;
    let story = s.create_story(i1, "Russian losses", t0()).await.unwrap();
    s.join_story(story, i2, t0() + Duration::minutes(30))
        .await
        .unwrap();
    s.join_story(story, i3, t0() + Duration::minutes(45))
        .await
        .unwrap();
    let ids = s
        .add_claims(
            story,
            i1,
            t0(),
            &[losses()],
            &stem_text("Russia has lost about 28 300 troops"),
        )
        .await
        .unwrap();
    assert_eq!(ids.len(), 1);

    let view = s.story(story).await.unwrap().unwrap();
    assert_eq!(view.story.item_count, 3);
    assert_eq!(view.story.source_count, 2);
    assert_eq!(view.story.first_item_id, i1);
    assert_eq!(view.story.last_seen_at, t0() + Duration::minutes(45));
    assert_eq!(view.sources.len(), 3);
    assert_eq!(view.sources[0].item_id, i1, "first source first");
    assert_eq!(view.claims.len(), 1);
    assert_eq!(
        view.claims[0].claim,
        losses(),
        "figures and evidence round-trip in order"
    );
    assert_eq!(s.item(i2).await.unwrap().unwrap().story_id, Some(story));
}

#[tokio::test]
async fn story_windows_and_delivery_history() {
    let db = TestDb::new().await;
    let s = &db.store;
    let src = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    let i1 = insert(&db, src.id, "1", "first", 0).await;
    let i2 = insert(&db, src.id, "2", "second", 60).await;
    let i3 = insert(&db, src.id, "3", "no claims", 90).await;
    let s1 = s.create_story(i1, "one", t0()).await.unwrap();
    let s2 = s
        .create_story(i2, "two", t0() + Duration::hours(1))
        .await
        .unwrap();
    let _s3 = s
        .create_story(i3, "three", t0() + Duration::minutes(90))
        .await
        .unwrap();
    s.add_claims(s1, i1, t0(), &[losses()], "first")
        .await
        .unwrap();
    s.add_claims(s2, i2, t0(), &[refusal()], "second")
        .await
        .unwrap();

    let all = s
        .stories_between(t0() - Duration::hours(1), t0() + Duration::hours(3), 10)
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|v| v.story.id).collect::<Vec<_>>(),
        vec![s1, s2],
        "stories without claims are left out"
    );
    let later = s
        .stories_between(t0(), t0() + Duration::hours(3), 10)
        .await
        .unwrap();
    assert_eq!(later.len(), 1, "the window is open at its start");
    let sub = s
        .upsert_subscriber(&crate::subscribers::new_sub(7), t0())
        .await
        .unwrap()
        .0;
    s.enqueue_digest(
        &claimwatch::store::DigestEnqueue {
            subscriber_id: sub.id,
            period: "p1".into(),
            parts: vec!["digest".into()],
            story_ids: vec![s1],
            photo: None,
            period_end: t0(),
            next_digest_at: None,
        },
        t0(),
    )
    .await
    .unwrap();
    let undelivered = s
        .undelivered_stories(
            sub.id,
            t0() - Duration::days(1),
            t0() + Duration::days(1),
            10,
        )
        .await
        .unwrap();
    assert_eq!(
        undelivered.iter().map(|v| v.story.id).collect::<Vec<_>>(),
        vec![s2]
    );
}

/// A claim's canonical claimant, other-war flag and each figure's period, qualifier and range
/// are stored and read back as filed.
#[tokio::test]
async fn claim_meaning_fields_round_trip() {
    use claimwatch::model::{Figure, Metric, Period, Qualifier};
    let db = TestDb::new().await;
    let s = &db.store;
    let a = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    let i1 = insert(&db, a.id, "1", "The Economist: 60-100 thousand killed", 0).await;
    let story = s.create_story(i1, "Estimate", t0()).await.unwrap();
    let mut claim = losses();
    claim.claimant_id = Some("economist".into());
    claim.other_conflict = true;
    claim.figures = vec![
        Figure {
            qualifier: Some(Qualifier::MoreThan),
            low: Some(60_000),
            high: Some(100_000),
            ..Figure::new(Metric::Killed, 100_000).with_period(Some(Period::Total))
        },
        Figure::new(Metric::Tanks, 3).with_period(Some(Period::Day)),
    ];
    s.add_claims(story, i1, t0(), std::slice::from_ref(&claim), "")
        .await
        .unwrap();
    let view = s.story(story).await.unwrap().unwrap();
    assert_eq!(view.claims.len(), 1);
    assert_eq!(view.claims[0].claim, claim);
    assert_eq!(view.claims[0].claim.figures[1].cumulative, Some(false));
}
