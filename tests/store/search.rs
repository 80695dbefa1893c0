//! Search: inflected forms found, filters, ranking over a bounded set of the newest matches,
//! long stems checked in full, and matches past the newest claims of a large window.

use crate::sources::feed;
use crate::stories::{insert, losses, refusal};
use crate::support::{db::TestDb, t0};
use chrono::Duration;
use claimwatch::model::Category;
use claimwatch::model::Claim;
use claimwatch::store::SearchQuery;
use claimwatch::store::postgres::SEARCH_PROBE;
use claimwatch::text::stem::{query_terms, stem_text};

/// The test's one source.
async fn source(db: &TestDb) -> i64 {
    db.store
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap()
        .id
}

/// Stores an item with `text`, published `minutes` after t0, in a story of its own with
/// `claims` claimed at `claimed_at` and indexed under the text's stems. Returns the item id.
async fn file(
    db: &TestDb,
    src: i64,
    guid: &str,
    text: &str,
    minutes: i64,
    claimed_at: chrono::DateTime<chrono::Utc>,
    claims: &[Claim],
) -> i64 {
    let item = insert(db, src, guid, text, minutes).await;
    let story = db.store.create_story(item, text, t0()).await.unwrap();
    db.store
        .add_claims(story, item, claimed_at, claims, &stem_text(text))
        .await
        .unwrap();
    item
}

/// A first-page search (or the page at `offset`) for `words` since `since`.
fn query(
    words: &str,
    since: chrono::DateTime<chrono::Utc>,
    category: Option<Category>,
    offset: i64,
) -> SearchQuery {
    SearchQuery {
        terms: query_terms(words, 8),
        since,
        category,
        limit: 5,
        offset,
    }
}

#[tokio::test]
async fn search_matches_inflected_forms_and_filters() {
    let db = TestDb::new().await;
    let s = &db.store;
    let src = source(&db).await;
    let refusal_text = "В Пскове около 60 десантников отказались ехать на войну";
    file(&db, src, "r", refusal_text, 0, t0(), &[refusal()]).await;
    let later = t0() + Duration::minutes(10);
    file(
        &db,
        src,
        "l",
        "Russia has lost 1,251 tanks",
        10,
        later,
        &[losses()],
    )
    .await;

    let month = t0() - Duration::days(30);
    let hit = s
        .search_claims(&query("отказ", month, None, 0))
        .await
        .unwrap();
    assert_eq!(hit.total, 1);
    assert_eq!(
        hit.hits[0].claim.claim.unit.as_deref(),
        Some("76-я десантно-штурмовая дивизия")
    );
    assert_eq!(hit.hits[0].sources.len(), 1);
    for (words, category, total) in [
        ("tank", None, 1),
        ("TANKS lost", None, 1),
        ("tank", Some(Category::Refusal), 0),
    ] {
        let page = s
            .search_claims(&query(words, month, category, 0))
            .await
            .unwrap();
        assert_eq!(page.total, total, "{words} {category:?}");
    }
    let hour_ago = t0() - Duration::hours(1);
    let recent = s.recent_claims(hour_ago, None, 10).await.unwrap();
    assert_eq!(recent.len(), 2);
    assert_eq!(
        recent[0].claim.claim.category,
        Category::Losses,
        "newest first"
    );
    assert_eq!(
        s.recent_claims(hour_ago, Some(Category::Refusal), 10)
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
    let src = source(&db).await;
    // One claim stored first, another stored later but claimed earlier (a backfill): the
    // window's id floor must keep both in a window that covers both.
    file(
        &db,
        src,
        "late",
        "Десантники отказались",
        0,
        t0(),
        &[refusal()],
    )
    .await;
    let old = t0() - Duration::days(2);
    let early = file(
        &db,
        src,
        "early",
        "Отказались и отказались",
        1,
        old,
        &[refusal()],
    )
    .await;
    let q = |days: i64, offset: i64| query("отказ", t0() - Duration::days(days), None, offset);
    let page = s.search_claims(&q(1, 0)).await.unwrap();
    assert_eq!((page.total, page.total_capped), (1, false));
    let page = s.search_claims(&q(3, 0)).await.unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(
        page.hits[0].claim.item_id, early,
        "two occurrences rank first"
    );

    let many = vec![refusal(); SEARCH_CANDIDATES as usize + 10];
    file(&db, src, "bulk", "Массовые отказы", 2, t0(), &many).await;
    let page = s.search_claims(&q(3, 0)).await.unwrap();
    assert!(page.total_capped);
    assert_eq!(page.total, SEARCH_CANDIDATES);
    let last = s.search_claims(&q(3, SEARCH_CANDIDATES - 2)).await.unwrap();
    assert_eq!(last.hits.len(), 2, "pages end at the candidate cap");
}

/// Two claims whose stems share their first six characters, one of them longer: the prefix
/// lookups find both, the full check tells them apart.
async fn file_long_stems(
    db: &TestDb,
    src: i64,
    claimed_at: chrono::DateTime<chrono::Utc>,
) -> Vec<i64> {
    let mut items = Vec::new();
    for (i, text) in [
        "Мотострелки отказались наступать",
        "Мотостроители вышли на забастовку",
    ]
    .iter()
    .enumerate()
    {
        let at = claimed_at + Duration::minutes(i as i64);
        items.push(file(db, src, &format!("m{i}"), text, i as i64, at, &[refusal()]).await);
    }
    items
}

#[tokio::test]
async fn long_stems_are_checked_in_full() {
    let db = TestDb::new().await;
    let s = &db.store;
    let src = source(&db).await;
    let items = file_long_stems(&db, src, t0()).await;
    let day = t0() - Duration::days(1);
    assert!(query_terms("мотострелки", 8)[0].chars().count() > 6);
    let page = s
        .search_claims(&query("мотострелки", day, None, 0))
        .await
        .unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.hits[0].claim.item_id, items[0]);
    for (words, total) in [("мотостроители", 1), ("мотост", 2)] {
        let page = s.search_claims(&query(words, day, None, 0)).await.unwrap();
        assert_eq!(page.total, total, "{words}");
    }
}

#[tokio::test]
async fn search_reaches_past_the_newest_claims_of_a_large_window() {
    use claimwatch::store::SEARCH_CANDIDATES;
    // More claims in the window than PostgreSQL reads newest first: older matches are found
    // through the prefix index, long stems still checked in full, the category still applied.
    let db = TestDb::new().await;
    let s = &db.store;
    let src = source(&db).await;
    let items = file_long_stems(&db, src, t0() - Duration::days(2)).await;
    let many = vec![losses(); SEARCH_PROBE as usize + 100];
    file(&db, src, "bulk", "Массовые потери", 5, t0(), &many).await;
    let since = t0() - Duration::days(3);
    let page = s
        .search_claims(&query("мотострелки", since, None, 0))
        .await
        .unwrap();
    assert_eq!((page.total, page.total_capped), (1, false));
    assert_eq!(page.hits[0].claim.item_id, items[0]);
    for (words, category, total) in [
        ("мотост", None, 2),
        ("отказались мотострелки", None, 1),
        ("отказ", Some(Category::Refusal), 1),
        ("отказ", Some(Category::Losses), 0),
        ("отказ потери", None, 0),
    ] {
        let page = s
            .search_claims(&query(words, since, category, 0))
            .await
            .unwrap();
        assert_eq!(page.total, total, "{words} {category:?}");
    }
    let page = s
        .search_claims(&query("потери", since, None, 0))
        .await
        .unwrap();
    assert_eq!((page.total, page.total_capped), (SEARCH_CANDIDATES, true));
}
