//! Sources: upserts that keep polling state, removal and return, due sources leased once,
//! failure counting, pausing and resuming.

pub use crate::support::seed::new_feed as feed;
use crate::support::{db::TestDb, t0};
use chrono::Duration;
use claimwatch::model::{Lang, SourceOrigin};
use claimwatch::store::{PollFailure, PollSuccess};

#[tokio::test]
async fn upsert_keeps_polling_state_and_updates_settings() {
    let db = TestDb::new().await;
    let s = &db.store;
    let a = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    assert_eq!(a.next_check_at, t0());
    s.record_poll_success(
        a.id,
        &PollSuccess {
            at: t0(),
            etag: Some("\"v1\"".into()),
            last_modified: None,
            next_check_at: t0() + Duration::minutes(15),
            title: Some("A feed".into()),
            ttl_secs: Some(3600),
        },
    )
    .await
    .unwrap();
    let mut again = feed("https://a.example/rss");
    again.lang = Some(Lang::Uk);
    again.origin = SourceOrigin::Config;
    let b = s
        .upsert_source(&again, t0() + Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(b.id, a.id);
    assert_eq!(b.etag.as_deref(), Some("\"v1\""));
    assert_eq!(b.title.as_deref(), Some("A feed"));
    assert_eq!(s.source_ttl(a.id).await.unwrap(), Some(3600));
    assert_eq!(b.lang, Some(Lang::Uk));
    assert_eq!(b.origin, SourceOrigin::Config);
    assert_eq!(b.next_check_at, t0() + Duration::minutes(15));
    assert_eq!(s.list_sources().await.unwrap().len(), 1);
}

#[tokio::test]
async fn removed_sources_disappear_but_can_come_back() {
    let db = TestDb::new().await;
    let s = &db.store;
    let a = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    assert!(s.remove_source(a.id).await.unwrap());
    assert!(!s.remove_source(a.id).await.unwrap());
    assert!(s.source(a.id).await.unwrap().is_none());
    assert!(s.list_sources().await.unwrap().is_empty());
    let back = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    assert_eq!(back.id, a.id, "the same row, so its items stay linked");
}

#[tokio::test]
async fn leasing_takes_each_due_source_once() {
    let db = TestDb::new().await;
    let s = &db.store;
    for i in 0..5 {
        s.upsert_source(&feed(&format!("https://h{i}.example/rss")), t0())
            .await
            .unwrap();
    }
    let later = s
        .upsert_source(
            &feed("https://later.example/rss"),
            t0() + Duration::hours(1),
        )
        .await
        .unwrap();
    let paused = s
        .upsert_source(&feed("https://paused.example/rss"), t0())
        .await
        .unwrap();
    s.set_source_paused(paused.id, true, Some("by hand"), t0())
        .await
        .unwrap();

    let lease = std::time::Duration::from_secs(300);
    let first = s.lease_due_sources(t0(), lease, 3).await.unwrap();
    let second = s.lease_due_sources(t0(), lease, 10).await.unwrap();
    assert_eq!(first.len(), 3);
    assert_eq!(second.len(), 2);
    let mut ids: Vec<i64> = first.iter().chain(&second).map(|s| s.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5);
    assert!(!ids.contains(&later.id) && !ids.contains(&paused.id));
    assert!(
        s.lease_due_sources(t0(), lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let after_lease = s
        .lease_due_sources(t0() + Duration::minutes(6), lease, 10)
        .await
        .unwrap();
    assert_eq!(
        after_lease.len(),
        5,
        "a crashed poller's sources come due again"
    );
}

#[tokio::test]
async fn failures_count_up_pause_and_resume_resets() {
    let db = TestDb::new().await;
    let s = &db.store;
    let a = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    let f = |pause| PollFailure {
        at: t0(),
        error: "HTTP 500".into(),
        next_check_at: t0() + Duration::minutes(2),
        pause,
    };
    assert_eq!(
        s.record_poll_failure(a.id, &f(false))
            .await
            .unwrap()
            .error_count,
        1
    );
    let paused = s.record_poll_failure(a.id, &f(true)).await.unwrap();
    assert_eq!(paused.error_count, 2);
    assert!(paused.paused);
    assert_eq!(paused.paused_reason.as_deref(), Some("HTTP 500"));
    assert_eq!(paused.last_error.as_deref(), Some("HTTP 500"));
    assert!(
        s.lease_due_sources(
            t0() + Duration::hours(1),
            std::time::Duration::from_secs(60),
            10
        )
        .await
        .unwrap()
        .is_empty()
    );
    s.set_source_paused(a.id, false, None, t0() + Duration::hours(2))
        .await
        .unwrap();
    let resumed = s.source(a.id).await.unwrap().unwrap();
    assert!(!resumed.paused);
    assert_eq!(resumed.error_count, 0);
    assert_eq!(resumed.next_check_at, t0() + Duration::hours(2));
    s.set_backfill_cursor(a.id, Some("1234")).await.unwrap();
    assert_eq!(
        s.source(a.id)
            .await
            .unwrap()
            .unwrap()
            .backfill_cursor
            .as_deref(),
        Some("1234")
    );
}

#[tokio::test]
async fn the_next_check_due_skips_paused_sources() {
    let db = TestDb::new().await;
    let s = &db.store;
    assert_eq!(s.next_check_due().await.unwrap(), None);
    let a = s
        .upsert_source(&feed("https://a.example/rss"), t0())
        .await
        .unwrap();
    let b = s
        .upsert_source(&feed("https://b.example/rss"), t0() + Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(s.next_check_due().await.unwrap(), Some(t0()));
    s.set_source_paused(a.id, true, Some("by hand"), t0())
        .await
        .unwrap();
    assert_eq!(s.next_check_due().await.unwrap(), Some(b.next_check_at));
    s.remove_source(b.id).await.unwrap();
    assert_eq!(s.next_check_due().await.unwrap(), None);
}
