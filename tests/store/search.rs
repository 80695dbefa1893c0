//! Search: inflected forms found, filters, ranking over a bounded set of the newest matches,
//! long stems checked in full, and matches past the newest claims of a large window.

use crate::sources::feed;
use crate::stories::{insert, losses, refusal};
use crate::support::{db::TestDb, t0};
use chrono::Duration;
use claimwatch::model::Category;
use claimwatch::store::SearchQuery;
use claimwatch::store::postgres::SEARCH_PROBE;
use claimwatch::text::stem::{query_terms, stem_text};

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
