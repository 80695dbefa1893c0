//! Series: points written with their claims (restatements, corrections), read back by day,
//! rebuilt from stored claims, their sources named; chart images and photo messages.

use crate::sources::feed;
use crate::stories::insert;
use crate::support::{db::TestDb, seed, t0};
use chrono::{Duration, NaiveDate};
use claimwatch::model::{Claim, Metric};
use claimwatch::series::{Scope, SeriesKey, daily_rows};
use claimwatch::store::{DigestEnqueue, SeriesQuery, Store};

fn gs(personnel: i64, delta: i64) -> Claim {
    let mut c = seed::losses("General Staff of the Armed Forces of Ukraine");
    c.claimant_id = Some("ua_general_staff".into());
    c.figures[0].value = personnel;
    c.figures[0].delta = Some(delta);
    c
}

fn personnel() -> SeriesQuery {
    SeriesQuery {
        key: SeriesKey::total("ua_general_staff", Metric::Personnel),
        since: None,
        until: None,
    }
}

async fn file(db: &TestDb, source: i64, id: &str, minutes: i64, claim: &Claim) -> i64 {
    let item = insert(db, source, id, &format!("report {id}"), minutes).await;
    let story = db.store.create_story(item, "losses", t0()).await.unwrap();
    let at = t0() + Duration::minutes(minutes);
    let ids = db
        .store
        .add_claims(story, item, at, std::slice::from_ref(claim), "втрат")
        .await
        .unwrap();
    ids[0]
}

#[tokio::test]
async fn claims_become_points_restated_once_and_corrections_kept_and_flagged() {
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
    // t0 is 07:00 UTC on 21 Nov: the Kyiv reporting day is the 21st; a day later the 22nd.
    file(&db, a.id, "1", 0, &gs(28_300, 150)).await;
    file(&db, b.id, "2", 30, &gs(28_300, 150)).await;
    file(&db, a.id, "3", 24 * 60, &gs(28_450, 150)).await;
    file(&db, b.id, "4", 24 * 60 + 60, &gs(28_460, 160)).await;
    let points = s.series_points(&personnel()).await.unwrap();
    let days: Vec<(String, i64, i64, bool)> = points
        .iter()
        .map(|p| {
            (
                p.point.day.to_string(),
                p.point.value,
                p.restated,
                p.correction,
            )
        })
        .collect();
    assert_eq!(
        days,
        vec![
            ("2026-11-21".into(), 28_300, 1, false),
            ("2026-11-22".into(), 28_450, 0, true),
            ("2026-11-22".into(), 28_460, 0, true),
        ]
    );
    let rows = daily_rows(&points, claimwatch::model::Period::Total);
    assert_eq!(
        rows[1].value, 28_460,
        "the latest recorded value is in force"
    );
    assert_eq!(rows[1].replaced, vec![28_450]);
    let tanks = SeriesQuery {
        key: SeriesKey::total("ua_general_staff", Metric::Tanks),
        ..personnel()
    };
    assert_eq!(
        s.series_points(&tanks).await.unwrap().len(),
        2,
        "one tanks point a day"
    );
    let later = SeriesQuery {
        since: NaiveDate::from_ymd_opt(2026, 11, 22),
        ..personnel()
    };
    assert_eq!(s.series_points(&later).await.unwrap().len(), 2);
    let names = s.series_sources(&personnel(), 5).await.unwrap();
    assert_eq!(names.len(), 2, "{names:?}");
    let list = s.list_series(Some("ua_general_staff")).await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].key.metric, Metric::Personnel);
    assert_eq!(
        (list[0].days, list[0].first.to_string()),
        (2, "2026-11-21".into())
    );
    assert!(s.list_series(Some("ru_mod")).await.unwrap().is_empty());
}

#[tokio::test]
async fn unknown_claimants_other_wars_and_axes_are_kept_apart() {
    let db = TestDb::new().await;
    let s = &db.store;
    let a = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    let mut nameless = gs(1, 1);
    nameless.claimant_id = None;
    file(&db, a.id, "1", 0, &nameless).await;
    let mut syria = gs(2, 1);
    syria.other_conflict = true;
    file(&db, a.id, "2", 1, &syria).await;
    let mut axis = gs(300, 300);
    axis.claimant_id = Some("ru_mod".into());
    axis.location = Some("Покровское направление".into());
    file(&db, a.id, "3", 2, &axis).await;
    assert!(
        s.list_series(Some("ua_general_staff"))
            .await
            .unwrap()
            .is_empty()
    );
    let ru = s.list_series(Some("ru_mod")).await.unwrap();
    assert_eq!(ru.len(), 2);
    assert_eq!(
        ru[0].key.scope,
        Scope::Axis("покровское направление".into())
    );
}

#[tokio::test]
async fn rebuilding_from_stored_claims_gives_the_same_points_again() {
    let db = TestDb::new().await;
    let s = &db.store;
    let a = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    file(&db, a.id, "1", 0, &gs(28_300, 150)).await;
    file(&db, a.id, "2", 30, &gs(28_300, 150)).await;
    file(&db, a.id, "3", 24 * 60, &gs(28_450, 150)).await;
    let before = s.series_points(&personnel()).await.unwrap();
    assert_eq!(s.rebuild_series().await.unwrap(), 6);
    assert_eq!(s.rebuild_series().await.unwrap(), 6);
    let after = s.series_points(&personnel()).await.unwrap();
    let strip = |v: &[claimwatch::series::SeriesPoint]| {
        v.iter()
            .map(|p| (p.point.clone(), p.restated, p.correction, p.claim_id))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&before), strip(&after));
}

#[tokio::test]
async fn imported_points_and_chart_images_as_photo_messages() {
    let db = TestDb::new().await;
    let s = db.store.as_ref();
    imported_points_are_read_back_with_their_source(s).await;
    let id = chart_images_are_stored_once_per_key(s).await;
    a_chart_goes_out_as_the_photo_of_a_digests_last_part(s, id).await;
}

/// Imported points: a repeated point recorded once, its source named.
async fn imported_points_are_read_back_with_their_source(s: &dyn Store) {
    let a = s
        .upsert_source(&feed("https://ref.example/"), t0())
        .await
        .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 8, 8).unwrap();
    let p = claimwatch::series::NewPoint {
        key: SeriesKey::total("ua_general_staff", Metric::Uav),
        day,
        value: 449_606,
        delta: None,
        qualifier: None,
    };
    s.record_points(&[p.clone(), p.clone()], Some(a.id), t0())
        .await
        .unwrap();
    let q = SeriesQuery {
        key: p.key.clone(),
        since: Some(day),
        until: Some(day),
    };
    let got = s.series_points(&q).await.unwrap();
    assert_eq!(
        (got.len(), got[0].restated, got[0].source_id),
        (1, 0, Some(a.id))
    );
    assert_eq!(
        s.series_sources(&q, 3).await.unwrap(),
        vec!["https://ref.example/"]
    );
}

/// A chart image stored once per key, its Telegram file id set later. Returns its id.
async fn chart_images_are_stored_once_per_key(s: &dyn Store) -> i64 {
    let png = vec![0x89, b'P', b'N', b'G', 0, 1, 2, 255];
    let id = s
        .put_chart_image("weekly:uk:2026-11-23", &png, t0())
        .await
        .unwrap();
    assert_eq!(
        s.put_chart_image("weekly:uk:2026-11-23", b"other", t0())
            .await
            .unwrap(),
        id
    );
    let img = s.chart_image(id).await.unwrap().unwrap();
    assert_eq!((img.png, img.file_id), (png, None));
    s.set_chart_file_id(id, "AgACAgIAAx").await.unwrap();
    assert_eq!(
        s.chart_image(id).await.unwrap().unwrap().file_id.as_deref(),
        Some("AgACAgIAAx")
    );
    id
}

/// Charts on Mondays by default (or never), sent as the photo of a digest's last part.
async fn a_chart_goes_out_as_the_photo_of_a_digests_last_part(s: &dyn Store, id: i64) {
    let (sub, _) = s
        .upsert_subscriber(&crate::subscribers::new_sub(42), t0())
        .await
        .unwrap();
    assert_eq!(
        sub.chart_weekday,
        Some(chrono::Weekday::Mon),
        "Monday by default"
    );
    let off = claimwatch::store::SubscriberUpdate {
        chart_weekday: Some(None),
        ..Default::default()
    };
    let changed = s.update_subscriber(42, &off, t0()).await.unwrap().unwrap();
    assert_eq!(changed.chart_weekday, None);
    let d = DigestEnqueue {
        subscriber_id: sub.id,
        period: "digest:w".into(),
        parts: vec!["text".into(), "caption".into()],
        story_ids: vec![],
        photo: Some(id),
        period_end: t0(),
        next_digest_at: None,
    };
    assert!(s.enqueue_digest(&d, t0()).await.unwrap());
    let parts = s.outbox_of(sub.id).await.unwrap();
    let photos: Vec<Option<i64>> = parts.iter().map(|m| m.photo_id).collect();
    assert_eq!(photos, vec![None, Some(id)]);
}
