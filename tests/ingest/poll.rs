//! Polling a source end to end on loopback and a real SQLite store: conditional GET, 304,
//! Retry-After and 429, backoff and pausing after errors, feed TTL, the User-Agent and
//! compression, `file://` sources, and failed polls that leave stored items untouched.

use crate::support::db::TestDb;
use crate::support::feed_server::{FeedServer, Route, context, rss};
use crate::support::t0;
use chrono::Duration;
use claimwatch::model::Source;
use claimwatch::sources::{PollContext, PollOutcome, poll_source};
use std::io::Write;

async fn add_feed(db: &TestDb, url: &str) -> Source {
    crate::support::seed::untitled_feed(db.store.as_ref(), url, t0()).await
}

async fn reload(db: &TestDb, s: &Source) -> Source {
    db.store.source(s.id).await.unwrap().unwrap()
}

fn two_items() -> String {
    rss(
        "Demo",
        "https://news.example",
        &[
            ("a1", "Tanks lost", "The General Staff reported 3 tanks"),
            ("a2", "Refusal", "Soldiers refused to advance"),
        ],
    )
}

async fn poll(
    ctx: &PollContext,
    db: &TestDb,
    s: &Source,
    minutes: i64,
) -> claimwatch::sources::PollReport {
    let fresh = reload(db, s).await;
    poll_source(ctx, &fresh, t0() + Duration::minutes(minutes)).await
}

#[tokio::test]
async fn conditional_get_makes_a_304_cost_nothing() {
    let server = FeedServer::start().await;
    let stamp = "Sat, 21 Nov 2026 06:00:00 GMT";
    server.set(
        "feed",
        Route::rss(two_items()).etag("\"v1\"").last_modified(stamp),
    );
    let db = TestDb::new().await;
    let ctx = context(db.store.clone());
    let s = add_feed(&db, &server.url("feed")).await;

    let first = poll(&ctx, &db, &s, 0).await;
    assert_eq!(first.outcome, PollOutcome::Ok);
    assert_eq!((first.new_item_ids.len(), first.entries_seen), (2, 2));
    let stored = reload(&db, &s).await;
    assert_eq!(stored.etag.as_deref(), Some("\"v1\""));
    assert_eq!(stored.last_modified.as_deref(), Some(stamp));
    assert_eq!(
        stored.title.as_deref(),
        Some("Demo"),
        "the feed's own title"
    );
    assert_eq!(stored.next_check_at, t0() + Duration::minutes(15));

    let second = poll(&ctx, &db, &s, 20).await;
    let req = server.requests("feed").pop().unwrap();
    assert_eq!(req.header("if-none-match"), Some("\"v1\""));
    assert_eq!(req.header("if-modified-since"), Some(stamp));
    assert_eq!(second.outcome, PollOutcome::NotModified);
    assert_eq!(
        (second.entries_seen, second.new_item_ids.len()),
        (0, 0),
        "nothing parsed"
    );
    let after = reload(&db, &s).await;
    assert_eq!(after.etag.as_deref(), Some("\"v1\""), "validators kept");
    assert_eq!(after.last_success_at, Some(t0() + Duration::minutes(20)));
    assert_eq!(after.next_check_at, t0() + Duration::minutes(35));
    assert_eq!(db.store.items_of_source(s.id, 10).await.unwrap().len(), 2);

    // Changed content with a new ETag is fetched and parsed again.
    server.set("feed", Route::rss(two_items()).etag("\"v2\""));
    let third = poll(&ctx, &db, &s, 40).await;
    assert_eq!(
        (third.outcome, third.entries_seen, third.duplicates),
        (PollOutcome::Ok, 2, 2)
    );
    assert_eq!(reload(&db, &s).await.etag.as_deref(), Some("\"v2\""));
}

#[tokio::test]
async fn requests_name_claimwatch_and_accept_compression() {
    use flate2::{Compression, write::GzEncoder};
    let server = FeedServer::start().await;
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(two_items().as_bytes()).unwrap();
    server.set(
        "gz",
        Route::rss(gz.finish().unwrap()).header("Content-Encoding", "gzip"),
    );
    let db = TestDb::new().await;
    let ctx = context(db.store.clone());
    let s = add_feed(&db, &server.url("gz")).await;
    let report = poll(&ctx, &db, &s, 0).await;
    assert_eq!(report.new_item_ids.len(), 2, "{report}");
    let req = server.requests("gz").pop().unwrap();
    let ua = req.header("user-agent").unwrap();
    assert!(
        ua.starts_with("claimwatch/") && ua.contains("(+https://"),
        "{ua}"
    );
    let accept_encoding = req.header("accept-encoding").unwrap();
    assert!(accept_encoding.contains("gzip") && accept_encoding.contains("br"));
    assert!(
        req.header("accept")
            .unwrap()
            .contains("application/rss+xml")
    );
}

#[tokio::test]
async fn retry_after_and_429_are_honoured() {
    let server = FeedServer::start().await;
    server.set("busy", Route::status(429).header("Retry-After", "600"));
    server.set(
        "dated",
        Route::status(503).header("Retry-After", "Sat, 21 Nov 2026 07:30:00 GMT"),
    );
    let db = TestDb::new().await;
    let ctx = context(db.store.clone());
    let busy = add_feed(&db, &server.url("busy")).await;
    let report = poll(&ctx, &db, &busy, 0).await;
    assert!(
        matches!(&report.outcome, PollOutcome::Error(e) if e.contains("HTTP 429")),
        "{report}"
    );
    // Without Retry-After the first retry would come after 45 s (60 s base, jitter 0.5).
    assert_eq!(report.next_check_at, t0() + Duration::seconds(600));
    let after = reload(&db, &busy).await;
    assert_eq!(
        (after.error_count, after.next_check_at),
        (1, t0() + Duration::seconds(600))
    );
    assert!(
        after
            .last_error
            .as_deref()
            .unwrap()
            .contains("retry after 600s")
    );

    let dated = add_feed(&db, &server.url("dated")).await;
    let report = poll(&ctx, &db, &dated, 0).await;
    assert_eq!(
        report.next_check_at,
        t0() + Duration::minutes(30),
        "{report}"
    );

    // A Retry-After beyond the longest backoff (1 h in tests) is capped there.
    server.set("busy", Route::status(429).header("Retry-After", "86400"));
    let report = poll(&ctx, &db, &busy, 10).await;
    assert_eq!(report.next_check_at, t0() + Duration::minutes(70));
}

#[tokio::test]
async fn errors_back_off_then_pause_and_never_lose_items() {
    let server = FeedServer::start().await;
    server.set("flaky", Route::rss(two_items()));
    let db = TestDb::new().await;
    let ctx = context(db.store.clone());
    let s = add_feed(&db, &server.url("flaky")).await;
    assert_eq!(poll(&ctx, &db, &s, 0).await.new_item_ids.len(), 2);

    server.set("flaky", Route::status(500));
    // Backoff: 60 s base doubling, equal jitter at 0.5 → 45 s, 90 s; the 3rd error pauses.
    let r1 = poll(&ctx, &db, &s, 1).await;
    assert_eq!(r1.outcome, PollOutcome::Error("HTTP 500".into()));
    assert_eq!(
        r1.next_check_at,
        t0() + Duration::minutes(1) + Duration::seconds(45)
    );
    let r2 = poll(&ctx, &db, &s, 2).await;
    assert_eq!(
        r2.next_check_at,
        t0() + Duration::minutes(2) + Duration::seconds(90)
    );
    let r3 = poll(&ctx, &db, &s, 4).await;
    assert_eq!(r3.outcome, PollOutcome::Paused("HTTP 500".into()), "{r3}");
    let paused = reload(&db, &s).await;
    assert!(paused.paused && paused.error_count == 3);
    assert_eq!(paused.paused_reason.as_deref(), Some("HTTP 500"));
    assert_eq!(paused.last_error_at, Some(t0() + Duration::minutes(4)));
    assert_eq!(db.store.items_of_source(s.id, 10).await.unwrap().len(), 2);
    let due = db
        .store
        .lease_due_sources(
            t0() + Duration::days(30),
            std::time::Duration::from_secs(60),
            10,
        )
        .await
        .unwrap();
    assert!(due.is_empty(), "a paused source is not polled");

    // Resuming clears the count; a success after errors resets it too.
    let later = t0() + Duration::hours(1);
    db.store
        .set_source_paused(s.id, false, None, later)
        .await
        .unwrap();
    server.set("flaky", Route::rss(two_items()));
    let ok = poll(&ctx, &db, &s, 61).await;
    assert_eq!((ok.outcome, ok.duplicates), (PollOutcome::Ok, 2));
    let healthy = reload(&db, &s).await;
    assert_eq!((healthy.error_count, healthy.paused), (0, false));
}

#[tokio::test]
async fn a_feed_ttl_lengthens_the_interval_within_bounds() {
    let server = FeedServer::start().await;
    let with_ttl = two_items().replace("<channel>", "<channel><ttl>60</ttl>");
    server.set("ttl", Route::rss(with_ttl).etag("\"t1\""));
    let long_ttl = two_items().replace("<channel>", "<channel><ttl>100000</ttl>");
    server.set(
        "long",
        Route::rss(long_ttl.replace("a1", "b1").replace("a2", "b2")),
    );
    let db = TestDb::new().await;
    let ctx = context(db.store.clone());
    let s = add_feed(&db, &server.url("ttl")).await;
    assert_eq!(
        poll(&ctx, &db, &s, 0).await.next_check_at,
        t0() + Duration::minutes(60)
    );
    // A 304 carries no TTL: the one the feed declared before still holds.
    let unchanged = poll(&ctx, &db, &s, 60).await;
    assert_eq!(unchanged.outcome, PollOutcome::NotModified);
    assert_eq!(unchanged.next_check_at, t0() + Duration::minutes(120));
    let long = add_feed(&db, &server.url("long")).await;
    assert_eq!(
        poll(&ctx, &db, &long, 0).await.next_check_at,
        t0() + Duration::hours(6),
        "capped at max_interval"
    );
}

#[tokio::test]
async fn file_sources_are_read_and_an_unchanged_file_costs_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.xml");
    std::fs::write(&path, two_items()).unwrap();
    let db = TestDb::new().await;
    let ctx = context(db.store.clone());
    let url = url::Url::from_file_path(&path).unwrap().to_string();
    let s = add_feed(&db, &url).await;
    let first = poll(&ctx, &db, &s, 0).await;
    assert_eq!(first.new_item_ids.len(), 2, "{first}");
    assert!(reload(&db, &s).await.last_modified.is_some());
    assert_eq!(
        poll(&ctx, &db, &s, 20).await.outcome,
        PollOutcome::NotModified
    );

    std::thread::sleep(std::time::Duration::from_millis(20));
    let more = rss(
        "Demo",
        "https://news.example",
        &[("a3", "New", "A third report")],
    );
    std::fs::write(&path, more).unwrap();
    let third = poll(&ctx, &db, &s, 40).await;
    assert_eq!(third.new_item_ids.len(), 1, "{third}");

    std::fs::remove_file(&path).unwrap();
    let gone = poll(&ctx, &db, &s, 60).await;
    assert!(matches!(&gone.outcome, PollOutcome::Error(e) if e.contains("cannot read file")));
    assert_eq!(db.store.items_of_source(s.id, 10).await.unwrap().len(), 3);
}

#[tokio::test]
async fn credentials_never_reach_errors() {
    let db = TestDb::new().await;
    let ctx = context(db.store.clone());
    // Nothing listens on port 9 of 127.0.0.1 (discard service is not run here).
    let s = add_feed(&db, "http://reader:s3cret-pass@127.0.0.1:9/feed").await;
    let report = poll(&ctx, &db, &s, 0).await;
    let PollOutcome::Error(e) = &report.outcome else {
        panic!("{report}")
    };
    assert!(!e.contains("s3cret"), "{e}");
    let stored = reload(&db, &s).await;
    assert!(!stored.last_error.unwrap().contains("s3cret"));
    assert!(!report.to_string().contains("s3cret"));
}
