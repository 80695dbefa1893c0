//! The pipeline on a real store: stored items are classified, relevant ones filed in stories
//! with their claims, restatements folded into one story (completing its figures), decoys
//! left out, and nothing processed twice — also across a restart.

use crate::support::seed::source;
use crate::support::{db::TestDb, t0};
use chrono::Duration;
use claimwatch::config::ClusterConfig;
use claimwatch::model::{Category, InsertOutcome, Lang, Metric, NewItem};
use claimwatch::pipeline::Pipeline;
use claimwatch::store::Store;
use claimwatch::text::hash::content_hash;

async fn item(
    store: &dyn Store,
    source_id: i64,
    id: &str,
    lang: Lang,
    title: &str,
    text: &str,
    minutes: i64,
) -> i64 {
    let it = NewItem {
        source_id,
        external_id: id.into(),
        url: Some(format!("https://news{source_id}.example/{id}")),
        title: title.into(),
        text: text.into(),
        lang,
        published_at: t0() + Duration::minutes(minutes),
        fetched_at: t0() + Duration::minutes(minutes),
        content_hash: content_hash(title, text),
        author: None,
        forwarded_from: None,
        views: None,
        media: vec![],
        edited: false,
    };
    match store.insert_item(&it).await.unwrap() {
        InsertOutcome::Inserted(id) => id,
        other => panic!("{other:?}"),
    }
}

const GS_EN_TITLE: &str =
    "General Staff: Russia has lost 1,152,340 troops since the invasion began";
const GS_EN: &str = "The General Staff of the Armed Forces of Ukraine said on Friday that Russia has lost about 1,152,340 troops since 24 February 2022 (+1,230 over the past day).";
const GS_UK_TITLE: &str = "Генштаб ЗСУ: загальні бойові втрати противника";
const GS_UK: &str = "Загальні бойові втрати противника з 24.02.22 орієнтовно склали: особового складу — близько 1 152 340 (+1 230) осіб, танків — 11 214 (+5) од, артилерійських систем — 34 120 (+41) од. Дані уточнюються, повідомив Генеральний штаб ЗСУ.";
const DECOY_COMMENT: &str =
    "The mayor refused to comment on the budget dispute, his office said on Friday.";
const DECOY_CIVILIANS: &str = "Three civilians were killed and twelve wounded when a missile hit a residential building in Kharkiv overnight, the regional governor said.";
const REFUSAL_TITLE: &str = "Около 60 псковских десантников отказались ехать на фронт";
const REFUSAL: &str = "Около 60 военнослужащих 76-й десантно-штурмовой дивизии отказались от повторной отправки на фронт, сообщила «Псковская губерния». На нескольких из них заведены уголовные дела по статье 332.";

fn pipeline(db: &TestDb) -> Pipeline {
    Pipeline::new(db.store.clone(), &ClusterConfig::default())
}

#[tokio::test]
async fn restatements_fold_into_one_story_and_complete_its_figures() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let en = source(s, "https://wire.example/rss", "Wire").await;
    let uk = source(s, "https://novyny.example/rss", "Новини").await;
    let first = item(s, en, "gs-en", Lang::En, GS_EN_TITLE, GS_EN, 0).await;
    let second = item(s, uk, "gs-uk", Lang::Uk, GS_UK_TITLE, GS_UK, 40).await;

    let report = pipeline(&db)
        .process_pending(t0() + Duration::hours(1), 100)
        .await
        .unwrap();
    assert_eq!(
        (
            report.processed,
            report.relevant,
            report.new_stories,
            report.joined
        ),
        (2, 2, 1, 1),
        "{report}"
    );
    assert_eq!(
        report.claims_updated, 1,
        "the Ukrainian report completes the stored claim"
    );

    let story = s
        .item(second)
        .await
        .unwrap()
        .unwrap()
        .story_id
        .expect("filed");
    assert_eq!(s.item(first).await.unwrap().unwrap().story_id, Some(story));
    let view = s.story(story).await.unwrap().unwrap();
    assert_eq!((view.story.item_count, view.story.source_count), (2, 2));
    assert_eq!(
        view.claims.len(),
        1,
        "one claim with two sources, not two claims"
    );
    let claim = &view.claims[0].claim;
    assert_eq!(claim.category, Category::Losses);
    assert_eq!(
        claim.claimant.as_deref(),
        Some("General Staff of the Armed Forces of Ukraine")
    );
    let fig = |m: Metric| {
        claim
            .figures
            .iter()
            .find(|f| f.metric == m)
            .map(|f| (f.value, f.delta))
    };
    assert_eq!(fig(Metric::Personnel), Some((1_152_340, Some(1_230))));
    assert_eq!(
        fig(Metric::Tanks),
        Some((11_214, Some(5))),
        "a figure only the second item gives is kept"
    );
    assert_eq!(fig(Metric::Artillery), Some((34_120, Some(41))));
}

#[tokio::test]
async fn decoys_are_processed_without_stories_and_nothing_is_processed_twice() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let src = source(s, "https://wire.example/rss", "Wire").await;
    let a = item(
        s,
        src,
        "comment",
        Lang::En,
        "Budget dispute",
        DECOY_COMMENT,
        0,
    )
    .await;
    let b = item(
        s,
        src,
        "civil",
        Lang::En,
        "Missile hits Kharkiv",
        DECOY_CIVILIANS,
        1,
    )
    .await;
    let c = item(s, src, "refusal", Lang::Ru, REFUSAL_TITLE, REFUSAL, 2).await;
    let mut p = pipeline(&db);
    let now = t0() + Duration::hours(1);
    let report = p.process_pending(now, 100).await.unwrap();
    assert_eq!(
        (report.processed, report.relevant, report.new_stories),
        (3, 1, 1),
        "{report}"
    );
    assert!(s.unprocessed_items(10).await.unwrap().is_empty());
    for decoy in [a, b] {
        assert_eq!(s.item(decoy).await.unwrap().unwrap().story_id, None);
    }
    let story = s.item(c).await.unwrap().unwrap().story_id.unwrap();
    let view = s.story(story).await.unwrap().unwrap();
    assert_eq!(view.claims[0].claim.category, Category::Refusal);
    assert_eq!(view.story.title, REFUSAL_TITLE);
    assert_eq!(
        p.process_pending(now, 100).await.unwrap(),
        Default::default(),
        "nothing left to do"
    );
    let stats = s.stats(t0()).await.unwrap();
    assert_eq!((stats.stories, stats.claims), (1, 1));
}

#[tokio::test]
async fn a_restart_rebuilds_the_window_so_later_restatements_still_join() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let en = source(s, "https://wire.example/rss", "Wire").await;
    let uk = source(s, "https://novyny.example/rss", "Новини").await;
    item(s, en, "gs-en", Lang::En, GS_EN_TITLE, GS_EN, 0).await;
    let now = t0() + Duration::hours(1);
    assert_eq!(
        pipeline(&db)
            .process_pending(now, 100)
            .await
            .unwrap()
            .new_stories,
        1
    );

    // A new process: its window is rebuilt from the store.
    let late = item(s, uk, "gs-uk", Lang::Uk, GS_UK_TITLE, GS_UK, 90).await;
    let report = pipeline(&db)
        .process_pending(now + Duration::hours(1), 100)
        .await
        .unwrap();
    assert_eq!((report.new_stories, report.joined), (0, 1), "{report}");
    let view = s
        .story(s.item(late).await.unwrap().unwrap().story_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(view.story.source_count, 2);
}

#[tokio::test]
async fn steps_are_bounded_and_resume_where_they_stopped() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    let src = source(s, "https://wire.example/rss", "Wire").await;
    for i in 0..7 {
        item(
            s,
            src,
            &format!("n{i}"),
            Lang::En,
            &format!("Weather {i}"),
            &format!("Rain in region {i} tomorrow."),
            i,
        )
        .await;
    }
    let mut p = pipeline(&db);
    let now = t0() + Duration::hours(1);
    assert_eq!(p.process_pending(now, 3).await.unwrap().processed, 3);
    assert_eq!(s.unprocessed_items(100).await.unwrap().len(), 4);
    assert_eq!(p.process_all(now, 3).await.unwrap().processed, 4);
    assert!(s.unprocessed_items(100).await.unwrap().is_empty());
}
