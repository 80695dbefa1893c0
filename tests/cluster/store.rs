//! The cluster window survives a restart: rebuilt from the store, it joins new items to the
//! stories stored before, by wording and by claims, and forgets what is older than the window.
//! A story remembers its first source: "first reported by X; N sources".

use crate::support::{db::TestDb, t0};
use chrono::{DateTime, Duration, Utc};
use claimwatch::cluster::{Assignment, ClusterDoc, Clusterer, JoinReason, provenance};
use claimwatch::config::ClusterConfig;
use claimwatch::model::{
    Category, Claim, Figure, InsertOutcome, Lang, Metric, NewItem, NewSource, Side, SourceKind,
    SourceOrigin,
};
use claimwatch::pipeline::{rebuild, source_names};
use claimwatch::store::Store;

fn totals(personnel: i64) -> Claim {
    Claim {
        category: Category::Losses,
        claimant: Some("Генеральний штаб ЗСУ".into()),
        side: Some(Side::Russia),
        unit: None,
        location: None,
        figures: vec![
            Figure {
                metric: Metric::Personnel,
                value: personnel,
                delta: Some(1_150),
                cumulative: Some(true),
                period: None,
                qualifier: None,
                low: None,
                high: None,
            },
            Figure {
                metric: Metric::Tanks,
                value: 9_300,
                delta: Some(4),
                cumulative: Some(true),
                period: None,
                qualifier: None,
                low: None,
                high: None,
            },
        ],
        evidence: Vec::new(),
        claimant_id: None,
        other_conflict: false,
    }
}

async fn source(store: &dyn Store, url: &str, kind: SourceKind, title: &str) -> i64 {
    let s = NewSource {
        url: url.into(),
        kind,
        title: Some(title.into()),
        lang: None,
        interval_secs: None,
        origin: SourceOrigin::Runtime,
    };
    store.upsert_source(&s, t0()).await.unwrap().id
}

async fn item(store: &dyn Store, source_id: i64, ext: &str, text: &str, at: DateTime<Utc>) -> i64 {
    let it = NewItem {
        source_id,
        external_id: ext.into(),
        url: None,
        title: String::new(),
        text: text.into(),
        lang: Lang::Uk,
        published_at: at,
        fetched_at: at,
        content_hash: claimwatch::text::hash::content_hash("", text),
        author: None,
        forwarded_from: None,
        views: None,
        media: Vec::new(),
        edited: false,
    };
    match store.insert_item(&it).await.unwrap() {
        InsertOutcome::Inserted(id) => id,
        other => panic!("{other:?}"),
    }
}

const DESERTERS: &str = "Понад 25 тисяч російських військових самовільно залишили свої частини у Центральному військовому окрузі з листопада по липень, повідомило Головне управління розвідки Міноборони України.";
const DESERTERS_RETOLD: &str = "ГУР: з листопада до липня з частин Центрального військового округу РФ самовільно втекли понад 25 тис. солдатів і офіцерів, повідомляє розвідка Міноборони.";
const TABLE: &str = "Загальні бойові втрати противника орієнтовно склали: особового складу близько 712340 (+1150) осіб, танків 9300 (+4) од.";

/// What [`store_three_stories`] stored.
struct Stored {
    news: i64,
    first: i64,
    deserters: i64,
    losses: i64,
}

/// Two sources and three stories: one five days old, one on deserters, one with loss totals
/// and their claims.
async fn store_three_stories(store: &dyn Store, now: DateTime<Utc>) -> Stored {
    let gs = source(
        store,
        "https://t.me/s/GeneralStaffZSU",
        SourceKind::Telegram,
        "Генштаб ЗСУ",
    )
    .await;
    let news = source(
        store,
        "https://news.example.org/rss",
        SourceKind::Feed,
        "Example News",
    )
    .await;

    let old = item(
        store,
        gs,
        "gs/1",
        "Стара новина про погоду в Києві та снігопад на дорогах міста",
        now - Duration::days(5),
    )
    .await;
    store
        .create_story(old, "old", now - Duration::days(5))
        .await
        .unwrap();
    let first = item(store, gs, "gs/2", DESERTERS, now - Duration::hours(10)).await;
    let deserters = store
        .create_story(first, "deserters", now - Duration::hours(10))
        .await
        .unwrap();
    let table = item(store, gs, "gs/3", TABLE, now - Duration::hours(2)).await;
    let losses = store
        .create_story(table, "losses", now - Duration::hours(2))
        .await
        .unwrap();
    store
        .add_claims(
            losses,
            table,
            now - Duration::hours(2),
            &[totals(712_340)],
            "",
        )
        .await
        .unwrap();
    let stored = store.claims_of_items(&[table, first]).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].claim.figures.len(), 2);
    Stored {
        news,
        first,
        deserters,
        losses,
    }
}

/// A retelling joins the deserters' story by wording; English prose with the same totals
/// joins the losses' story by its claims.
async fn retold_and_prose_join_stored_stories(
    store: &dyn Store,
    c: &mut Clusterer,
    stored: &Stored,
    now: DateTime<Utc>,
) {
    let Stored {
        news,
        deserters,
        losses,
        ..
    } = *stored;
    let names: Vec<String> = source_names(&store.source(news).await.unwrap().unwrap());
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let retold_id = item(
        store,
        news,
        "n/1",
        DESERTERS_RETOLD,
        now - Duration::hours(1),
    )
    .await;
    let retold = ClusterDoc {
        key: retold_id,
        source_id: news,
        source_names: &names,
        title: "",
        text: DESERTERS_RETOLD,
        url: None,
        published: now - Duration::hours(1),
        lang: Lang::Uk,
        forwarded_from: None,
        claims: &[],
    };
    let Assignment::Join { story, reason, .. } = c.assign(&retold) else {
        panic!("retold story not joined")
    };
    assert_eq!((story, reason), (deserters, JoinReason::SimilarText));
    store
        .join_story(story, retold_id, retold.published)
        .await
        .unwrap();

    let claims = [totals(712_340)];
    let prose = ClusterDoc {
        key: 9_999,
        text: "Russia has now lost 712,340 soldiers since the invasion began, Kyiv says.",
        claims: &claims,
        lang: Lang::En,
        ..retold
    };
    assert!(
        matches!(c.assign(&prose), Assignment::Join { story, reason: JoinReason::SameClaim, .. } if story == losses)
    );
}

#[tokio::test]
async fn a_rebuilt_window_joins_new_items_to_stored_stories() {
    let db = TestDb::new().await;
    let store = db.store.as_ref();
    let now = t0();
    let stored = store_three_stories(store, now).await;
    let Stored {
        first, deserters, ..
    } = stored;

    let cfg = ClusterConfig::default();
    let mut c = rebuild(store, &cfg, now).await.unwrap();
    assert_eq!(c.len(), 2, "the five-day-old item is outside the window");
    assert_eq!(c.story_of(first), Some(deserters));
    retold_and_prose_join_stored_stories(store, &mut c, &stored, now).await;

    let view = store.story(deserters).await.unwrap().unwrap();
    let p = provenance(&view).unwrap();
    assert_eq!(p.summary(), "first reported by Генштаб ЗСУ; 2 sources");
    assert_eq!(p.others[0].source_name, "Example News");
}

#[tokio::test]
async fn names_of_a_telegram_source_include_its_handle() {
    let db = TestDb::new().await;
    let id = source(
        db.store.as_ref(),
        "https://t.me/s/DIUkraine",
        SourceKind::Telegram,
        "ГУР МО",
    )
    .await;
    let s = db.store.source(id).await.unwrap().unwrap();
    assert_eq!(
        source_names(&s),
        vec!["DIUkraine".to_owned(), "ГУР МО".to_owned()]
    );
}
