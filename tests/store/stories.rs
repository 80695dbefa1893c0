//! Stories and search: item and source counts, claims kept, inflected forms found, ranking over
//! a bounded set of the newest matches, story windows and delivery history.

use crate::items::item;
use crate::sources::feed;
use crate::support::{db::TestDb, t0};
use chrono::Duration;
use claimwatch::model::{Category, Claim, Figure, InsertOutcome, Metric, Side};
use claimwatch::store::SearchQuery;
use claimwatch::store::postgres::SEARCH_PROBE;
use claimwatch::text::stem::{query_terms, stem_text};

fn losses() -> Claim {
    Claim {
        category: Category::Losses,
        claimant: Some("General Staff of the Armed Forces of Ukraine".into()),
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

fn refusal() -> Claim {
    Claim {
        category: Category::Refusal,
        claimant: Some("Псковская губерния".into()),
        side: Some(Side::Russia),
        unit: Some("76-я десантно-штурмовая дивизия".into()),
        location: Some("Псков".into()),
        figures: vec![Figure {
            metric: Metric::Refusers,
            value: 60,
            delta: None,
            cumulative: None,
        }],
        evidence: vec!["около 60 десантников отказались".into()],
    }
}

async fn insert(db: &TestDb, source: i64, id: &str, text: &str, minutes: i64) -> i64 {
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
async fn search_matches_inflected_forms_and_filters() {
    let db = TestDb::new().await;
    let s = &db.store;
    let src = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    let text = "В Пскове около 60 десантников отказались ехать на войну";
    let i1 = insert(&db, src.id, "r", text, 0).await;
    let st = s.create_story(i1, "Псков", t0()).await.unwrap();
    s.add_claims(st, i1, t0(), &[refusal()], &stem_text(text))
        .await
        .unwrap();
    let i2 = insert(&db, src.id, "l", "Russia has lost 1,251 tanks", 10).await;
    let st2 = s.create_story(i2, "Tanks", t0()).await.unwrap();
    s.add_claims(
        st2,
        i2,
        t0() + Duration::minutes(10),
        &[losses()],
        &stem_text("Russia has lost 1,251 tanks"),
    )
    .await
    .unwrap();

    let q = |words: &str, since_days: i64, category| SearchQuery {
        terms: query_terms(words, 8),
        since: t0() - Duration::days(since_days),
        category,
        limit: 5,
        offset: 0,
    };
    let hit = s.search_claims(&q("отказ", 30, None)).await.unwrap();
    assert_eq!(hit.total, 1);
    assert_eq!(
        hit.hits[0].claim.claim.unit.as_deref(),
        Some("76-я десантно-штурмовая дивизия")
    );
    assert_eq!(hit.hits[0].sources.len(), 1);
    assert_eq!(
        s.search_claims(&q("tank", 30, None)).await.unwrap().total,
        1
    );
    assert_eq!(
        s.search_claims(&q("TANKS lost", 30, None))
            .await
            .unwrap()
            .total,
        1
    );
    assert_eq!(
        s.search_claims(&q("tank", 30, Some(Category::Refusal)))
            .await
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        s.search_claims(&q("дивизия", 30, None))
            .await
            .unwrap()
            .total,
        1,
        "claim fields are indexed"
    );
    assert_eq!(
        s.search_claims(&q("submarine", 30, None))
            .await
            .unwrap()
            .total,
        0
    );
    // Hostile query text cannot break the FTS syntax.
    for nasty in [
        "\"",
        "tank\" OR \"x",
        "NEAR(a b)",
        "*",
        "a:b",
        "-tank",
        "(((",
        "'; DROP TABLE claims; --",
    ] {
        let page = s.search_claims(&q(nasty, 30, None)).await.unwrap();
        assert!(page.total <= 2, "{nasty}");
    }
    let recent = s
        .recent_claims(t0() - Duration::hours(1), None, 10)
        .await
        .unwrap();
    assert_eq!(recent.len(), 2);
    assert_eq!(
        recent[0].claim.claim.category,
        Category::Losses,
        "newest first"
    );
    assert_eq!(
        s.recent_claims(t0() - Duration::hours(1), Some(Category::Refusal), 10)
            .await
            .unwrap()
            .len(),
        1
    );
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

#[tokio::test]
async fn search_ranks_a_bounded_set_of_the_newest_matches_and_says_so() {
    use claimwatch::store::SEARCH_CANDIDATES;
    let db = TestDb::new().await;
    let s = &db.store;
    let src = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    // One claim stored first, another stored later but claimed earlier (a backfill): the
    // window's id floor must keep both in a window that covers both.
    let late = insert(&db, src.id, "late", "Десантники отказались ехать", 0).await;
    let st = s.create_story(late, "late", t0()).await.unwrap();
    s.add_claims(
        st,
        late,
        t0(),
        &[refusal()],
        &stem_text("десантники отказались"),
    )
    .await
    .unwrap();
    let early = insert(&db, src.id, "early", "Отказались и отказались", 1).await;
    let st2 = s.create_story(early, "early", t0()).await.unwrap();
    let old = t0() - Duration::days(2);
    s.add_claims(
        st2,
        early,
        old,
        &[refusal()],
        &stem_text("отказались отказались"),
    )
    .await
    .unwrap();
    let q = |days: i64, limit: i64, offset: i64| SearchQuery {
        terms: query_terms("отказ", 8),
        since: t0() - Duration::days(days),
        category: None,
        limit,
        offset,
    };
    let page = s.search_claims(&q(1, 5, 0)).await.unwrap();
    assert_eq!((page.total, page.total_capped), (1, false));
    let page = s.search_claims(&q(3, 5, 0)).await.unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(
        page.hits[0].claim.item_id, early,
        "two occurrences rank first"
    );

    let bulk = insert(&db, src.id, "bulk", "Массовые отказы", 2).await;
    let st3 = s.create_story(bulk, "bulk", t0()).await.unwrap();
    let many = vec![refusal(); SEARCH_CANDIDATES as usize + 10];
    s.add_claims(st3, bulk, t0(), &many, &stem_text("массовые отказы"))
        .await
        .unwrap();
    let page = s.search_claims(&q(3, 5, 0)).await.unwrap();
    assert!(page.total_capped);
    assert_eq!(page.total, SEARCH_CANDIDATES);
    let last = s
        .search_claims(&q(3, 5, SEARCH_CANDIDATES - 2))
        .await
        .unwrap();
    assert_eq!(last.hits.len(), 2, "pages end at the candidate cap");
}

#[tokio::test]
async fn long_stems_are_checked_in_full() {
    let db = TestDb::new().await;
    let s = &db.store;
    let src = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    for (i, text) in [
        "Мотострелки отказались наступать",
        "Мотостроители вышли на забастовку",
    ]
    .iter()
    .enumerate()
    {
        let it = insert(&db, src.id, &format!("m{i}"), text, i as i64).await;
        let st = s.create_story(it, text, t0()).await.unwrap();
        s.add_claims(st, it, t0(), &[refusal()], &stem_text(text))
            .await
            .unwrap();
    }
    let q = |words: &str| SearchQuery {
        terms: query_terms(words, 8),
        since: t0() - Duration::days(1),
        category: None,
        limit: 5,
        offset: 0,
    };
    assert!(query_terms("мотострелки", 8)[0].chars().count() > 6);
    let page = s.search_claims(&q("мотострелки")).await.unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.hits[0].claim.item_id, 1);
    assert_eq!(s.search_claims(&q("мотостроители")).await.unwrap().total, 1);
    assert_eq!(s.search_claims(&q("мотост")).await.unwrap().total, 2);
}

#[tokio::test]
async fn search_reaches_past_the_newest_claims_of_a_large_window() {
    use claimwatch::store::SEARCH_CANDIDATES;
    // More claims in the window than PostgreSQL reads newest first: older matches are found
    // through the prefix index, long stems still checked in full, the category still applied.
    let db = TestDb::new().await;
    let s = &db.store;
    let src = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    let old = t0() - Duration::days(2);
    let mut items = Vec::new();
    for (i, text) in [
        "Мотострелки отказались наступать",
        "Мотостроители вышли на забастовку",
    ]
    .iter()
    .enumerate()
    {
        let it = insert(&db, src.id, &format!("m{i}"), text, i as i64).await;
        let st = s.create_story(it, text, t0()).await.unwrap();
        let at = old + Duration::minutes(i as i64);
        s.add_claims(st, it, at, &[refusal()], &stem_text(text))
            .await
            .unwrap();
        items.push(it);
    }
    let bulk = insert(&db, src.id, "bulk", "Массовые потери", 5).await;
    let st = s.create_story(bulk, "bulk", t0()).await.unwrap();
    let many = vec![losses(); SEARCH_PROBE as usize + 100];
    s.add_claims(st, bulk, t0(), &many, &stem_text("массовые потери"))
        .await
        .unwrap();
    let q = |words: &str, category| SearchQuery {
        terms: query_terms(words, 8),
        since: t0() - Duration::days(3),
        category,
        limit: 5,
        offset: 0,
    };
    let page = s.search_claims(&q("мотострелки", None)).await.unwrap();
    assert_eq!((page.total, page.total_capped), (1, false));
    assert_eq!(page.hits[0].claim.item_id, items[0]);
    assert_eq!(s.search_claims(&q("мотост", None)).await.unwrap().total, 2);
    let page = s
        .search_claims(&q("отказались мотострелки", None))
        .await
        .unwrap();
    assert_eq!(page.total, 1);
    for (category, total) in [(Category::Refusal, 1), (Category::Losses, 0)] {
        let page = s.search_claims(&q("отказ", Some(category))).await.unwrap();
        assert_eq!(page.total, total, "{category:?}");
    }
    assert_eq!(
        s.search_claims(&q("отказ потери", None))
            .await
            .unwrap()
            .total,
        0
    );
    let page = s.search_claims(&q("потери", None)).await.unwrap();
    assert_eq!((page.total, page.total_capped), (SEARCH_CANDIDATES, true));
}
